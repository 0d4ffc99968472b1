//! The type checker: every program the project runs checks clean, broken programs get Go 1.19's errors, and no input makes it panic.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use gobalance_lang::check::{self, Mode, Type};

use crate::go::go_command;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn go_files(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .collect();
    paths.sort();
    paths
}

/// The programs of crates/core/go (one main.go per directory).
fn core_programs() -> Vec<PathBuf> {
    let dir = manifest_dir().join("../core/go");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read crates/core/go")
        .map(|e| e.expect("entry").path().join("main.go"))
        .filter(|p| p.exists())
        .collect();
    paths.sort();
    paths
}

/// The checker's output for a source, in `go build`'s form, or the parse
/// errors if it does not parse.
fn check_output(src: &[u8]) -> Result<String, String> {
    let file = gobalance_lang::parse(src)
        .map_err(|errors| format_lines(errors.iter().map(|e| e.to_string())))?;
    Ok(match check::check(&file) {
        Ok(_) => String::new(),
        Err(errors) => format_lines(errors.iter().map(|e| e.to_string())),
    })
}

fn format_lines(lines: impl Iterator<Item = String>) -> String {
    lines.map(|line| format!("./main.go:{line}\n")).collect()
}

fn assert_checks_clean(paths: &[PathBuf]) {
    assert!(!paths.is_empty(), "no programs found");
    let mut failures = Vec::new();
    for path in paths {
        let src = std::fs::read(path).expect("read");
        match check_output(&src) {
            Ok(out) if out.is_empty() => {}
            Ok(out) => failures.push(format!("{}:\n{out}", path.display())),
            Err(syntax) => failures.push(format!("{} does not parse:\n{syntax}", path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "programs Go compiles do not check:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_core_program_checks_clean() {
    assert_checks_clean(&core_programs());
}

#[test]
fn every_run_corpus_program_checks_clean() {
    assert_checks_clean(&go_files(&manifest_dir().join("tests/corpus/run")));
}

/// What Go 1.19 prints for one program of the error corpus, by the
/// commands of tests/corpus/expect-from-go.sh.
struct Expectation {
    name: String,
    src: Vec<u8>,
    /// The messages, `./main.go:L:C: ...` lines, without the header.
    output: String,
    /// `go build` succeeded: the messages are `go vet`'s.
    from_vet: bool,
}

/// Runs `go` in `dir` with the corpus script's pinned environment.
fn run_go(dir: &Path, args: &[&str]) -> (bool, String) {
    let output = go_command(dir).args(args).output().expect("run go");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.success(), text)
}

fn expectation(path: &Path, scratch: &Path) -> Expectation {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let src = std::fs::read(path).expect("read");
    let dir = scratch.join(name.trim_end_matches(".go"));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    std::fs::write(dir.join("main.go"), &src).expect("write main.go");
    let (built, build_log) = run_go(&dir, &["build", "-o", "/dev/null", "main.go"]);
    let (from_vet, log) = if built {
        let (vetted, vet_log) = run_go(&dir, &["vet", "main.go"]);
        assert!(
            !vetted,
            "{name}: compiles and vets clean, but it is in the error corpus"
        );
        (true, vet_log)
    } else {
        (false, build_log)
    };
    let output = log
        .strip_prefix("# command-line-arguments\n")
        .unwrap_or_else(|| panic!("{name}: unexpected output from go:\n{log}"));
    Expectation {
        name,
        src,
        output: output.to_string(),
        from_vet,
    }
}

/// Go's output for every program of tests/corpus/errors, computed once.
fn expectations() -> &'static [Expectation] {
    static ALL: OnceLock<Vec<Expectation>> = OnceLock::new();
    ALL.get_or_init(|| {
        let paths = go_files(&manifest_dir().join("tests/corpus/errors"));
        let scratch = std::env::temp_dir().join(format!("gobalance-check-{}", std::process::id()));
        let mut all = Vec::new();
        for chunk in paths.chunks(4) {
            let batch: Vec<Expectation> = std::thread::scope(|scope| {
                let handles: Vec<_> = chunk
                    .iter()
                    .map(|p| scope.spawn(|| expectation(p, &scratch)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().expect("go thread"))
                    .collect()
            });
            all.extend(batch);
        }
        let _ = std::fs::remove_dir_all(&scratch);
        all
    })
}

/// Type-error programs whose messages this checker does not give yet,
/// each with the reason. The test fails if one of them starts matching,
/// so the table stays honest.
const EXCEPTIONS: &[(&str, &str)] = &[];

#[test]
fn error_corpus_type_errors_match_go() {
    let mut mismatched = Vec::new();
    let mut now_matching = Vec::new();
    let mut syntax_mismatches = Vec::new();
    let (mut type_files, mut type_matches, mut syntax_files) = (0, 0, 0);
    let mut vet_files = Vec::new();
    for expected in expectations() {
        let ours = check_output(&expected.src);
        if expected.from_vet {
            // Out of scope: vet's analyses (printf verbs, copied locks,
            // lost cancels...) are not the compiler's. The program compiles,
            // so the checker must accept it.
            vet_files.push(expected.name.as_str());
            match ours {
                Ok(out) if out.is_empty() => {}
                other => mismatched.push(format!(
                    "{}: Go compiles it, we report:\n{other:?}",
                    expected.name
                )),
            }
            continue;
        }
        let ours = match ours {
            Ok(out) => out,
            Err(syntax) => {
                // The parser's job: counted and shown, not failed here.
                syntax_files += 1;
                if syntax != expected.output {
                    syntax_mismatches.push(format!(
                        "{}:\n  expected:\n{}  got:\n{}",
                        expected.name,
                        indent(&expected.output),
                        indent(&syntax)
                    ));
                }
                continue;
            }
        };
        type_files += 1;
        let matches = ours == expected.output;
        type_matches += usize::from(matches);
        let excepted = EXCEPTIONS.iter().find(|(name, _)| *name == expected.name);
        match (matches, excepted) {
            (true, Some((name, _))) => now_matching.push(name.to_string()),
            (false, None) => mismatched.push(format!(
                "{}:\n  expected:\n{}  got:\n{}",
                expected.name,
                indent(&expected.output),
                indent(&ours)
            )),
            _ => {}
        }
    }
    eprintln!(
        "error corpus: {type_files} type-error programs, {type_matches} match Go exactly; \
         {syntax_files} syntax-error programs (the parser's); {} vet findings out of scope: {}",
        vet_files.len(),
        vet_files.join(" ")
    );
    if !syntax_mismatches.is_empty() {
        eprintln!(
            "syntax-error programs whose parse errors differ from Go's:\n{}",
            syntax_mismatches.join("\n")
        );
    }
    assert!(
        now_matching.is_empty(),
        "EXCEPTIONS lists programs that now match Go; remove them: {now_matching:?}"
    );
    assert!(
        mismatched.is_empty(),
        "type errors differ from Go's:\n{}",
        mismatched.join("\n")
    );
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}

fn checked(src: &str) -> (gobalance_lang::ast::File, check::Checked) {
    let file = gobalance_lang::parse(src).expect("parses");
    let checked = check::check(&file).unwrap_or_else(|e| panic!("check failed: {e:?}"));
    (file, checked)
}

fn errors(src: &str) -> Vec<String> {
    let file = gobalance_lang::parse(src).expect("parses");
    match check::check(&file) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(|e| e.to_string()).collect(),
    }
}

#[test]
fn untyped_float_constants_are_exact() {
    let (file, checked) =
        checked("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(0.1 + 0.2)\n}\n");
    let info = checked.exprs.iter().flatten().find(|i| {
        i.mode == Mode::Constant && i.value.as_ref().is_some_and(|v| v.to_string() == "0.3")
    });
    assert!(info.is_some(), "0.1 + 0.2 is the constant 0.3");
    assert!(file.node_count as usize == checked.exprs.len());
}

#[test]
fn closures_capture_the_loop_variable_once() {
    let src = "package main\n\nfunc main() {\n\tvar fs []func() int\n\tfor i := 0; i < 3; i++ {\n\t\tfs = append(fs, func() int { return i })\n\t}\n\t_ = fs\n}\n";
    let (_, checked) = checked(src);
    let captured: Vec<&str> = checked
        .objects
        .iter()
        .filter(|o| o.captured)
        .map(|o| o.name.as_str())
        .collect();
    assert_eq!(captured, ["i"]);
    let lists: Vec<usize> = checked.captures.values().map(Vec::len).collect();
    assert_eq!(lists, [1], "one function literal capturing one variable");
}

#[test]
fn method_calls_record_automatic_address_and_deref() {
    let src = "package main\n\ntype T struct{ n int }\n\nfunc (t *T) Inc() { t.n++ }\nfunc (t T) Get() int { return t.n }\n\nfunc main() {\n\tvar t T\n\tt.Inc()\n\tp := &t\n\t_ = p.Get()\n}\n";
    let (_, checked) = checked(src);
    let methods: Vec<(bool, bool)> = checked
        .selections
        .values()
        .filter_map(|s| match s {
            check::Selection::Method { address, deref, .. } => Some((*address, *deref)),
            _ => None,
        })
        .collect();
    assert!(methods.contains(&(true, false)), "t.Inc() takes &t");
    assert!(methods.contains(&(false, true)), "p.Get() reads *p");
}

#[test]
fn library_types_print_qualified() {
    let (_, checked) = checked(
        "package main\n\nimport \"time\"\n\nfunc main() {\n\td := 2 * time.Second\n\t_ = d\n}\n",
    );
    let duration = checked
        .objects
        .iter()
        .find(|o| o.name == "d")
        .expect("d")
        .ty;
    assert_eq!(checked.types.type_string(duration), "time.Duration");
    assert!(matches!(checked.types.get(duration), Type::Named(_)));
}

#[test]
fn invalid_recursive_types_are_reported_and_terminate() {
    let got = errors("package main\n\ntype T struct{ next T }\ntype A B\ntype B A\ntype L []L\ntype P struct{ next *P }\n\nfunc main() {}\n");
    assert_eq!(
        got,
        [
            "3:6: invalid recursive type T\n\t./main.go:3:6: T refers to\n\t./main.go:3:6: T",
            "4:6: invalid recursive type A\n\t./main.go:4:6: A refers to\n\t./main.go:5:6: B refers to\n\t./main.go:4:6: A",
        ]
    );
}

#[test]
fn generics_are_refused_with_a_clear_message() {
    let got = errors("package main\n\nfunc Map[T any](x T) T { return x }\n\nfunc main() {}\n");
    assert!(
        got.iter()
            .any(|e| e.contains("generic functions are not supported")),
        "{got:?}"
    );
}

/// A deterministic xorshift generator: the seed is printed on failure.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Deletes, duplicates or swaps a few byte ranges and lines.
fn mutate(src: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = src.to_vec();
    for _ in 0..1 + rng.below(3) {
        if out.is_empty() {
            break;
        }
        let at = rng.below(out.len());
        let len = 1 + rng.below(12).min(out.len() - at - 1);
        match rng.below(4) {
            0 => {
                out.drain(at..at + len);
            }
            1 => {
                let piece: Vec<u8> = out[at..at + len].to_vec();
                let to = rng.below(out.len());
                out.splice(to..to, piece);
            }
            2 => {
                let words: [&[u8]; 8] =
                    [b"int", b"string", b"*", b"&", b"nil", b"go ", b"x", b"[]"];
                let word = words[rng.below(words.len())];
                out.splice(at..at, word.iter().copied());
            }
            _ => {
                let to = rng.below(out.len());
                let (a, b) = (at.min(to), at.max(to));
                if b + 1 < out.len() {
                    out.swap(a, b);
                }
            }
        }
    }
    out
}

#[test]
fn mutated_programs_check_without_panicking() {
    let mut sources: Vec<PathBuf> = go_files(&manifest_dir().join("tests/corpus/run"));
    sources.extend(go_files(&manifest_dir().join("tests/corpus/errors")));
    sources.extend(core_programs());
    let mut checked_count = 0;
    for (index, path) in sources.iter().enumerate() {
        let src = std::fs::read(path).expect("read");
        for round in 0..25u64 {
            let seed = 0x9E37_79B9_7F4A_7C15 ^ ((index as u64) << 16) ^ round;
            let mut rng = Rng(seed);
            let mutated = mutate(&src, &mut rng);
            let Ok(file) = gobalance_lang::parse(&mutated) else {
                continue;
            };
            checked_count += 1;
            let outcome = std::panic::catch_unwind(|| check::check(&file).is_ok());
            assert!(
                outcome.is_ok(),
                "the checker panicked on {} mutated with seed {seed:#x}",
                path.display()
            );
        }
    }
    assert!(
        checked_count > 100,
        "few mutations parse ({checked_count}): the test checks too little"
    );
}
