//! The corpora of Go programs shared with other layers: run/ parses, errors/ syntax errors match Go's.
//!
//! The corpora grow independently of this crate; these tests check what is
//! there, and pass on empty directories.

use std::path::{Path, PathBuf};

use crate::syntax_errors::compare_with_go;

fn corpus(name: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn every_run_program_parses() {
    for path in corpus("run") {
        let src = std::fs::read(&path).expect("read");
        if let Err(errors) = gobalance_lang::parse(&src) {
            panic!("{}: {errors:?}", path.display());
        }
    }
}

#[test]
fn error_programs_with_syntax_errors_match_go() {
    let comparisons = compare_with_go(&corpus("errors"));
    let syntax: Vec<_> = comparisons
        .iter()
        .filter(|c| {
            c.go.first().is_some_and(|e| {
                e.split_once(": ")
                    .is_some_and(|(_, m)| m.starts_with("syntax error"))
            })
        })
        .collect();
    let wrong: Vec<String> = syntax
        .iter()
        .filter(|c| !c.first_matches())
        .map(|c| c.describe())
        .collect();
    let all = syntax.iter().filter(|c| c.all_match()).count();
    eprintln!(
        "{} corpus programs with syntax errors: first error matches in {}, all in {all}",
        syntax.len(),
        syntax.len() - wrong.len()
    );
    assert!(
        wrong.is_empty(),
        "first errors differ from Go:\n{}",
        wrong.join("\n")
    );
    // Without a syntax error Go goes on to type-check; parsing must accept
    // what Go's parser accepts.
    for c in comparisons
        .iter()
        .filter(|c| !c.go.iter().any(|e| e.contains("syntax error")))
    {
        let lexical = c.ours.iter().all(|e| c.go.contains(e));
        assert!(
            lexical,
            "{}: Go reports no syntax error, we do: {:?}",
            c.path.display(),
            c.ours
        );
    }
}
