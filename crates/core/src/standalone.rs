//! A strategy's Go program as one self-contained `main.go`: the shared `work` package inlined and the scenario as its flags' defaults.
//!
//! The programs under `go/` are a Go module: each `main.go` imports
//! `gobalance/work`. Saved alone, a program must build with nothing but the
//! standard library (`go run main.go` in an empty folder, no `go.mod`, no
//! network), so [`main_go`] assembles one file:
//!
//! 1. The program's own doc comment, then a note of the scenario it was
//!    saved with (its canonical link) and what the simulation predicts.
//! 2. One import block: the program's imports and the `work` files', merged,
//!    sorted, `gobalance/work` left out.
//! 3. The program's code, its `//@name` line markers stripped (as the page
//!    shows it) and the `work.` qualifiers dropped, since the helpers now
//!    live in the same package.
//! 4. The `work` files' code, each flag's default replaced by the
//!    scenario's value ([`crate::program::go_flags`]), so a plain run is the
//!    scenario and every flag still changes it. Durations drawn from a
//!    distribution are drawn again in Go by `work/draw.go`, with the same
//!    seeded generator and the same arithmetic as `rng.rs`, bit for bit, so
//!    the file stays small at any number of tasks.

use crate::link::{self, Link, View};
use crate::program::{display_source, go_flags, GoValue};
use crate::{strategies, Nanos, Scenario};

/// The `work` package's files, by name, in the order they are inlined. The
/// page does not carry their text (7 kB of its gzipped wasm): it fetches the
/// same files, which trunk copies into `dist/go/work/`, when the learner asks
/// for a program; the command line and the tests pass [`WORK_SOURCES`].
pub const WORK_FILE_NAMES: [&str; 3] = ["work.go", "limiter.go", "draw.go"];

/// The text of the files [`WORK_FILE_NAMES`] names, in that order.
pub const WORK_SOURCES: [&str; 3] = [
    include_str!("../go/work/work.go"),
    include_str!("../go/work/limiter.go"),
    include_str!("../go/work/draw.go"),
];

/// The `work` files' imports, merged and sorted as gofmt sorts them (a test
/// checks them against the files): written out rather than merged at run
/// time, which would put a sort and a parser into the page.
const WORK_IMPORTS: &str = "\t\"context\"\n\t\"flag\"\n\t\"fmt\"\n\t\"math\"\n\t\"math/bits\"\n\
                            \t\"os\"\n\t\"runtime\"\n\t\"strings\"\n\t\"sync\"\n\t\"sync/atomic\"\n\t\"time\"\n";

/// The import line of the helpers' package, which the saved file leaves out.
const WORK_IMPORT: &str = "\t\"gobalance/work\"";

/// `scenario`'s program as one `main.go`; `predicted` is the simulation's
/// elapsed time for it, quoted in the header when known; `work_sources` the
/// `work` files' text in the order of [`WORK_FILE_NAMES`] (natively,
/// [`WORK_SOURCES`]).
pub fn main_go(scenario: &Scenario, predicted: Option<Nanos>, work_sources: &[&str]) -> String {
    let source = strategies::go_source(scenario.strategy);
    let package = source.find("\npackage ").map_or(0, |at| at + 1);
    let (imports, body) = imports_and_body(&source[package..]);
    let flags = go_flags(scenario);

    let mut out = String::with_capacity(source.len() + 24 * 1024);
    out.push_str(&source[..package]);
    header(&mut out, scenario, predicted);
    out.push_str("package main\n\nimport (\n");
    // The program's own imports that the helpers do not already bring, as
    // a group of their own (gofmt sorts within a group).
    let mut own = false;
    for line in imports.lines() {
        if !line.trim().is_empty() && line != WORK_IMPORT && !WORK_IMPORTS.contains(line) {
            out.push_str(line);
            out.push('\n');
            own = true;
        }
    }
    if own {
        out.push('\n');
    }
    out.push_str(WORK_IMPORTS);
    out.push_str(")\n\n");
    push_unqualified(&mut out, &display_source(body), "work.");
    out.push_str(
        "\n\n// The workload every gobalance program shares (package work beside the\n\
         // programs): flags, task durations, a calibrated CPU spinner, a token bucket.\n",
    );
    for file in work_sources {
        out.push('\n');
        push_with_defaults(&mut out, imports_and_body(file).1, &flags);
    }
    out
}

/// The comment between the program's doc and `package main`.
fn header(out: &mut String, scenario: &Scenario, predicted: Option<Nanos>) {
    let query = link::to_query(&Link {
        scenario: scenario.clone(),
        view: View::default(),
    });
    out.push_str(
        "//\n// Saved by gobalance, with the flags' defaults set to this scenario:\n//\n//\t",
    );
    out.push_str(&query);
    out.push_str(
        "\n//\n\
         // One file, standard library only: `go run main.go` runs the scenario and\n\
         // prints elapsed_ns=...; flags change it (`go run main.go -h` lists them).\n",
    );
    if let Some(predicted) = predicted {
        out.push_str(&format!(
            "// The simulation predicts elapsed_ns={}.\n",
            predicted.0
        ));
    }
    if let Some(resource) = scenario.machine.resource {
        out.push_str(&format!(
            "// The external resource (db={}) exists only in the simulation: here\n\
             // every task waits its full time.\n",
            resource.conns
        ));
    }
}

/// A file of ours cut after `package`: the lines of its `import ( ... )`
/// block, and everything after it but the blank lines it starts with.
fn imports_and_body(source: &str) -> (&str, &str) {
    let (imports, body) = match source.split_once("import (\n") {
        Some((_, rest)) => rest.split_once("\n)\n").unwrap_or((rest, "")),
        None => ("", source.split_once('\n').map_or("", |(_, rest)| rest)),
    };
    (imports, body.trim_start_matches('\n'))
}

/// Appends `source` with each `work.Name` written `Name`: the package is inlined.
fn push_unqualified(out: &mut String, source: &str, qualifier: &str) {
    let mut rest = source;
    while let Some(at) = rest.find(qualifier) {
        let before = rest.as_bytes()[..at].last().copied().unwrap_or(b' ');
        let after = rest
            .as_bytes()
            .get(at + qualifier.len())
            .copied()
            .unwrap_or(b' ');
        let is_qualifier =
            !(before.is_ascii_alphanumeric() || before == b'_') && after.is_ascii_uppercase();
        out.push_str(&rest[..at]);
        if !is_qualifier {
            out.push_str(qualifier);
        }
        rest = &rest[at + qualifier.len()..];
    }
    out.push_str(rest);
}

/// Appends `source` with the default of each flag in `flags` replaced by its value.
fn push_with_defaults(out: &mut String, source: &str, flags: &[(&str, GoValue)]) {
    for line in source.split_inclusive('\n') {
        let span = flags
            .iter()
            .find_map(|(name, value)| default_span(line, name).map(|span| (span, value)));
        match span {
            Some((span, value)) => {
                out.push_str(&line[..span.start]);
                out.push_str(&value.go_literal());
                out.push_str(&line[span.end..]);
            }
            None => out.push_str(line),
        }
    }
}

/// Where the default value sits in a flag declaration of `name`, such as
/// `flag.IntVar(&c.Workers, "workers", 4, "usage")`: after the quoted name,
/// up to the quoted usage.
fn default_span(line: &str, name: &str) -> Option<std::ops::Range<usize>> {
    if !line.contains("flag.") {
        return None;
    }
    let key = format!("\"{name}\", ");
    let start = line.find(&key)? + key.len();
    let len = line[start..].find(", \"")?;
    Some(start..start + len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::parse;
    use crate::Strategy;

    fn scenario(query: &str) -> Scenario {
        parse(query).expect("a valid link").scenario
    }

    /// Every flag `go_flags` names is declared by `work.Parse`, so each one
    /// gets the scenario's value as its default.
    #[test]
    fn every_flag_gets_the_scenario_as_its_default() {
        let s = scenario("strategy=pool&workers=7&tasks=33&dist=pareto&alpha=1.25&dur=3ms&seed=99&cores=3&interval=1500us&cpu=0.25&wait=80ms");
        let work = WORK_SOURCES[0];
        let flags = go_flags(&s);
        for (name, _) in &flags {
            assert!(
                work.lines()
                    .filter(|l| default_span(l, name).is_some())
                    .count()
                    == 1,
                "work.go declares no flag -{name}, or more than one"
            );
        }
        let source = main_go(&s, None, &WORK_SOURCES);
        for (name, value) in &flags {
            let line = source
                .lines()
                .find(|l| default_span(l, name).is_some())
                .unwrap_or_else(|| panic!("no -{name} in the file"));
            let span = default_span(line, name).unwrap();
            assert_eq!(&line[span], value.go_literal(), "-{name}");
        }
        assert!(source.contains("\"workers\", 7,"));
        assert!(source.contains("\"dist\", \"pareto\","));
        assert!(source.contains("\"alpha\", 1.25,"));
        assert!(source.contains("\"interval\", 1500*time.Microsecond,"));
        assert!(source.contains("\"seed\", 99,"));
    }

    #[test]
    fn every_program_becomes_one_package_without_markers_or_module_imports() {
        for strategy in Strategy::ALL {
            let s = Scenario {
                strategy,
                ..Scenario::default()
            };
            let source = main_go(&s, Some(Nanos(123)), &WORK_SOURCES);
            let key = strategy.key();
            assert_eq!(source.matches("\npackage main\n").count(), 1, "{key}");
            assert!(!source.contains("\npackage work"), "{key}");
            assert!(!source.contains("//@"), "{key}: markers left");
            assert!(!source.contains("gobalance/work"), "{key}");
            assert!(!source.contains("work.Parse"), "{key}");
            assert!(source.contains("cfg := Parse()"), "{key}");
            assert!(source.contains("func Parse() *Config"), "{key}");
            assert!(source.contains("elapsed_ns=123."), "{key}");
            assert!(
                source.contains(&format!("//\tstrategy={key}")),
                "{key}: the link is in the header"
            );
        }
    }

    #[test]
    fn the_helpers_imports_are_the_work_files_imports_sorted() {
        let mut imports: Vec<&str> = WORK_SOURCES
            .iter()
            .flat_map(|file| imports_and_body(file).0.lines())
            .filter(|line| !line.trim().is_empty())
            .collect();
        imports.sort_unstable();
        imports.dedup();
        let listed: Vec<&str> = WORK_IMPORTS.lines().collect();
        assert_eq!(listed, imports);
    }

    #[test]
    fn a_programs_own_imports_come_first_and_none_twice() {
        let source = main_go(&scenario("strategy=leak"), None, &WORK_SOURCES);
        let block = source
            .split_once("import (\n")
            .and_then(|(_, rest)| rest.split_once("\n)"))
            .map(|(block, _)| block)
            .expect("one import block");
        let imports: Vec<&str> = block.lines().filter(|l| !l.is_empty()).collect();
        let mut once = imports.clone();
        once.sort_unstable();
        once.dedup();
        assert_eq!(once.len(), imports.len(), "{block}");
        assert!(imports.contains(&"\t\"flag\""));
    }

    #[test]
    fn only_package_qualifiers_are_dropped() {
        let mut out = String::new();
        push_unqualified(
            &mut out,
            "cfg := work.Parse()\n// the work. done; homework.Z",
            "work.",
        );
        assert_eq!(out, "cfg := Parse()\n// the work. done; homework.Z");
    }

    #[test]
    fn the_header_names_a_simulated_resource() {
        let source = main_go(&scenario("strategy=pool&db=3"), None, &WORK_SOURCES);
        assert!(source.contains("(db=3) exists only in the simulation"));
    }
}
