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

/// The `work` package's files, in the order they are inlined.
const WORK_SOURCES: [&str; 3] = [
    include_str!("../go/work/work.go"),
    include_str!("../go/work/limiter.go"),
    include_str!("../go/work/draw.go"),
];

/// The module path the programs import the helpers by.
const WORK_IMPORT: &str = "\"gobalance/work\"";

/// `scenario`'s program as one `main.go`; `predicted` is the simulation's
/// elapsed time for it, quoted in the header when known.
pub fn main_go(scenario: &Scenario, predicted: Option<Nanos>) -> String {
    let program = GoFile::split(strategies::go_source(scenario.strategy));
    let work: Vec<GoFile<'_>> = WORK_SOURCES.iter().map(|s| GoFile::split(s)).collect();
    let flags = go_flags(scenario);

    let mut imports: Vec<&str> = program
        .imports
        .iter()
        .chain(work.iter().flat_map(|file| &file.imports))
        .copied()
        .filter(|import| *import != WORK_IMPORT)
        .collect();
    imports.sort_unstable();
    imports.dedup();

    let mut out = String::new();
    out.push_str(program.doc);
    out.push_str(&header(scenario, predicted));
    out.push_str("package main\n\nimport (\n");
    for import in imports {
        out.push('\t');
        out.push_str(import);
        out.push('\n');
    }
    out.push_str(")\n\n");
    out.push_str(&unqualified(&display_source(program.body), "work"));
    out.push_str(
        "\n\n// The workload every gobalance program shares (package work beside the\n\
         // programs): flags, task durations, a calibrated CPU spinner, a token bucket.\n",
    );
    for file in &work {
        out.push('\n');
        out.push_str(&with_defaults(&display_source(file.body), &flags));
        out.push('\n');
    }
    out
}

/// The comment between the program's doc and `package main`.
fn header(scenario: &Scenario, predicted: Option<Nanos>) -> String {
    let query = link::to_query(&Link {
        scenario: scenario.clone(),
        view: View::default(),
    });
    let mut text = format!(
        "//\n\
         // Saved by gobalance, with the flags' defaults set to this scenario:\n\
         //\n\
         //\t{query}\n\
         //\n\
         // One file, standard library only: `go run main.go` runs the scenario and\n\
         // prints elapsed_ns=...; flags change it (`go run main.go -h` lists them).\n"
    );
    if let Some(predicted) = predicted {
        text.push_str(&format!(
            "// The simulation predicts elapsed_ns={}.\n",
            predicted.0
        ));
    }
    if let Some(resource) = scenario.machine.resource {
        text.push_str(&format!(
            "// The external resource (db={}) exists only in the simulation: here\n\
             // every task waits its full time.\n",
            resource.conns
        ));
    }
    text
}

/// A Go source file cut where `main_go` needs it.
struct GoFile<'a> {
    /// The comment lines above `package`, each with its newline.
    doc: &'a str,
    /// Each import path, quoted, as written.
    imports: Vec<&'a str>,
    /// Everything after the imports, leading blank lines dropped.
    body: &'a str,
}

impl<'a> GoFile<'a> {
    /// Our own sources only: `package` at the start of a line, then one
    /// `import ( ... )` block.
    fn split(source: &'a str) -> GoFile<'a> {
        let package = source
            .find("package ")
            .filter(|&at| at == 0 || source[..at].ends_with('\n'))
            .unwrap_or(0);
        let doc = &source[..package];
        let after_package = &source[package..];
        let (imports, body) = match after_package.split_once("import (\n") {
            Some((_, rest)) => {
                let (block, body) = rest.split_once("\n)\n").unwrap_or((rest, ""));
                let imports = block
                    .lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty())
                    .collect();
                (imports, body)
            }
            None => (
                Vec::new(),
                after_package.split_once('\n').map_or("", |(_, rest)| rest),
            ),
        };
        GoFile {
            doc,
            imports,
            body: body.trim_start_matches('\n'),
        }
    }
}

/// `source` with each `package.Name` written `Name`: the package is inlined.
fn unqualified(source: &str, package: &str) -> String {
    let qualifier = format!("{package}.");
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = rest.find(&qualifier) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + qualifier.len()..].chars().next();
        let is_qualifier = !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && after.is_some_and(|c| c.is_ascii_uppercase());
        out.push_str(&rest[..at]);
        if !is_qualifier {
            out.push_str(&qualifier);
        }
        rest = &rest[at + qualifier.len()..];
    }
    out.push_str(rest);
    out
}

/// `source` with the default of each flag in `flags` replaced by its value.
fn with_defaults(source: &str, flags: &[(&str, GoValue)]) -> String {
    let mut out = String::with_capacity(source.len());
    for (i, line) in source.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let replaced = flags.iter().find_map(|(name, value)| {
            default_span(line, name).map(|span| (span, value.go_literal()))
        });
        match replaced {
            Some((span, literal)) => {
                out.push_str(&line[..span.start]);
                out.push_str(&literal);
                out.push_str(&line[span.end..]);
            }
            None => out.push_str(line),
        }
    }
    out
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
        let work = display_source(WORK_SOURCES[0]);
        let flags = go_flags(&s);
        for (name, _) in &flags {
            assert!(
                work.lines().filter(|l| default_span(l, name).is_some()).count() == 1,
                "work.go declares no flag -{name}, or more than one"
            );
        }
        let source = main_go(&s, None);
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
            let source = main_go(&s, Some(Nanos(123)));
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
    fn imports_are_merged_sorted_and_once_each() {
        let source = main_go(&scenario("strategy=steal"), None);
        let block = source
            .split_once("import (\n")
            .and_then(|(_, rest)| rest.split_once("\n)"))
            .map(|(block, _)| block)
            .expect("one import block");
        let imports: Vec<&str> = block.lines().map(str::trim).collect();
        let mut sorted = imports.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(imports, sorted);
        assert!(imports.contains(&"\"sync\""));
        assert!(imports.contains(&"\"flag\""));
    }

    #[test]
    fn only_package_qualifiers_are_dropped() {
        assert_eq!(
            unqualified("cfg := work.Parse()\n// the work. done; homework.Z", "work"),
            "cfg := Parse()\n// the work. done; homework.Z"
        );
    }

    #[test]
    fn the_header_names_a_simulated_resource() {
        let source = main_go(&scenario("strategy=pool&db=3"), None);
        assert!(source.contains("(db=3) exists only in the simulation"));
    }
}
