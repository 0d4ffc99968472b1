//! Any input gives a tree or errors: never a panic, a hang, or a stack overflow.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use gobalance_lang::{parse, MAX_SOURCE_BYTES};

use crate::programs::repository_programs;

/// splitmix64: a whole run follows from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces of Go that break programs in interesting ways when dropped in.
const SNIPPETS: [&str; 24] = [
    "{", "}", "(", ")", "[", "]", ",", ";", "\n", ":=", "=", "func", "go", "<-", "...", "\"", "`",
    "'", "/*", "//", "0x", "1e", "\u{feff}", "\u{663}",
];

/// Changes `src` in 1 to 3 places: deletes, duplicates or swaps a range,
/// inserts a snippet, or puts in an arbitrary byte (often not UTF-8).
fn mutate(src: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = src.to_vec();
    for _ in 0..1 + rng.below(3) {
        let len = out.len();
        let at = rng.below(len);
        let span = 1 + rng.below(24);
        let end = (at + span).min(len);
        match rng.below(5) {
            0 => {
                out.drain(at..end);
            }
            1 => {
                let piece = out[at..end].to_vec();
                out.splice(at..at, piece);
            }
            2 => {
                let other = rng.below(len);
                let other_end = (other + span).min(len);
                if other_end <= at || end <= other {
                    let (a, b) = if other < at {
                        (other..other_end, at..end)
                    } else {
                        (at..end, other..other_end)
                    };
                    let (first, second) = (out[a.clone()].to_vec(), out[b.clone()].to_vec());
                    out.splice(b, first);
                    out.splice(a, second);
                }
            }
            3 => {
                let snippet = SNIPPETS[rng.below(SNIPPETS.len())].as_bytes().to_vec();
                out.splice(at..at, snippet);
            }
            _ => {
                if at < out.len() {
                    out[at] = rng.next() as u8;
                }
            }
        }
    }
    out
}

#[test]
fn mutated_programs_give_a_tree_or_errors_without_panicking() {
    const MUTANTS_PER_PROGRAM: u64 = 400;
    let programs: Vec<(String, Vec<u8>)> = repository_programs()
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).expect("read")))
        .collect();
    let mut rejected = 0;
    let mut total = 0;
    for (index, (name, src)) in programs.iter().enumerate() {
        for n in 0..MUTANTS_PER_PROGRAM {
            let seed = (index as u64) << 32 | n;
            let mutant = mutate(src, &mut Rng(seed));
            let started = Instant::now();
            let result = catch_unwind(AssertUnwindSafe(|| parse(&mutant)));
            let took = started.elapsed();
            let Ok(result) = result else {
                panic!(
                    "parse panicked on {name} mutated with seed {seed}:\n{}",
                    String::from_utf8_lossy(&mutant)
                );
            };
            assert!(
                took < Duration::from_secs(1),
                "{name} with seed {seed} took {took:?}"
            );
            if let Err(errors) = result {
                assert!(
                    !errors.is_empty() && errors.len() <= 11,
                    "seed {seed}: {errors:?}"
                );
                rejected += 1;
            }
            total += 1;
        }
    }
    assert!(
        total >= 4000 && rejected > total / 2,
        "{rejected} of {total} mutants rejected: the mutations are too mild"
    );
}

/// Sources nesting `depth` levels of one construct.
fn nested(depth: usize) -> Vec<(&'static str, String)> {
    let body = |inner: String| format!("package main\n\nfunc main() {{\n{inner}\n}}\n");
    vec![
        (
            "parentheses",
            body(format!("_ = {}1{}", "(".repeat(depth), ")".repeat(depth))),
        ),
        (
            "unary operators",
            body(format!("_ = {}1", "- ^ ".repeat(depth / 2))),
        ),
        (
            "slice types",
            body(format!("var _ {}int", "[]".repeat(depth))),
        ),
        (
            "pointer types",
            body(format!("var _ {}int", "*".repeat(depth))),
        ),
        (
            "blocks",
            body(format!("{}{}", "{\n".repeat(depth), "}\n".repeat(depth))),
        ),
        (
            "composite literals",
            body(format!(
                "_ = [][]int{}{}",
                "{".repeat(depth),
                "}".repeat(depth)
            )),
        ),
        (
            "else if chains",
            body(format!("if x {{\n{}}}", "} else if x {\n".repeat(depth))),
        ),
        ("labels", body(format!("{}x++", "L:\n".repeat(depth)))),
        (
            "function literals",
            body(format!(
                "{}{}",
                "func() {\n".repeat(depth),
                "}()\n".repeat(depth)
            )),
        ),
        ("unclosed brackets", body("f(".repeat(depth))),
    ]
}

#[test]
fn nesting_past_the_limit_gives_an_error_naming_it() {
    for (what, src) in nested(50_000) {
        let errors = parse(&src).expect_err(what);
        let last = errors.last().expect("an error");
        assert!(
            last.message.starts_with("too deeply nested"),
            "{what}: {errors:?}"
        );
    }
}

#[test]
fn nesting_as_deep_as_people_write_parses() {
    // 30 levels of each construct: within the stack limit even in a debug
    // build, where a function literal in a function literal costs about
    // 14 KiB of stack (an optimized build, about a fifth of that).
    for (what, src) in nested(30) {
        if let Err(errors) = parse(&src) {
            assert!(
                !errors.iter().any(|e| e.message.contains("nested")),
                "{what}: {errors:?}"
            );
        }
    }
}

#[test]
fn nesting_limit_holds_in_a_thread_with_a_small_stack() {
    // A thread with WebAssembly's default stack: the parse stops in time.
    let handle = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(|| {
            nested(50_000)
                .into_iter()
                .all(|(_, src)| parse(&src).is_err())
        })
        .expect("spawn");
    assert!(handle.join().expect("no overflow"));
}

#[test]
fn oversized_input_is_refused_with_the_limit() {
    let src = format!(
        "package main\n\nfunc main() {{}}\n{}",
        " ".repeat(MAX_SOURCE_BYTES)
    );
    let errors = parse(&src).expect_err("too large");
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.contains(&MAX_SOURCE_BYTES.to_string()),
        "{errors:?}"
    );
}

#[test]
fn bytes_that_are_not_utf8_are_reported_where_they_stand() {
    let errors = parse(b"package main\n\nfunc main() {\n\tx := \xff1\n}\n").expect_err("not UTF-8");
    assert_eq!(errors[0].to_string(), "4:7: invalid UTF-8 encoding");
}
