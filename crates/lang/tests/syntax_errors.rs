//! Broken programs give the errors `go build` gives, which Go 1.19 computes at test time.
//!
//! Each tests/syntax/NNN_name.go opens with a `//` line saying what is
//! wrong. Go's own output is the expectation: no message is typed here.

use std::path::{Path, PathBuf};

use crate::go;

pub struct Comparison {
    pub path: PathBuf,
    pub go: Vec<String>,
    pub ours: Vec<String>,
}

impl Comparison {
    pub fn first_matches(&self) -> bool {
        self.go.first() == self.ours.first()
    }

    pub fn all_match(&self) -> bool {
        self.go == self.ours
    }

    pub fn describe(&self) -> String {
        format!(
            "{}:\n  go:   {:?}\n  ours: {:?}",
            self.path.display(),
            self.go,
            self.ours
        )
    }
}

/// Parses each file and runs Go on it.
pub fn compare_with_go(paths: &[PathBuf]) -> Vec<Comparison> {
    let sources: Vec<Vec<u8>> = paths
        .iter()
        .map(|p| std::fs::read(p).expect("read"))
        .collect();
    let go_errors = go::build_errors_all(&sources);
    paths
        .iter()
        .zip(sources)
        .zip(go_errors)
        .map(|((path, src), go)| {
            let ours = match gobalance_lang::parse(&src) {
                Ok(_) => Vec::new(),
                Err(errors) => errors.iter().map(ToString::to_string).collect(),
            };
            Comparison {
                path: path.clone(),
                go,
                ours,
            }
        })
        .collect()
}

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/syntax");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/syntax")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn every_case_says_what_is_wrong_and_go_rejects_it() {
    let paths = cases();
    assert!(paths.len() >= 25, "only {} cases", paths.len());
    for path in &paths {
        let src = std::fs::read(path).expect("read");
        assert!(
            src.starts_with(b"// "),
            "{}: the first line must say what is wrong",
            path.display()
        );
    }
}

#[test]
fn syntax_errors_match_go_build() {
    let comparisons = compare_with_go(&cases());
    let mut first_wrong = Vec::new();
    let mut rest_wrong = Vec::new();
    for c in &comparisons {
        assert!(
            !c.go.is_empty(),
            "Go accepts {}: not a broken program",
            c.path.display()
        );
        if !c.first_matches() {
            first_wrong.push(c.describe());
        } else if !c.all_match() {
            rest_wrong.push(c.describe());
        }
    }
    eprintln!(
        "{} cases: first error matches Go in {}, all errors in {}",
        comparisons.len(),
        comparisons.len() - first_wrong.len(),
        comparisons.len() - first_wrong.len() - rest_wrong.len()
    );
    assert!(
        first_wrong.is_empty() && rest_wrong.is_empty(),
        "differences from Go:\n{}\n{}",
        first_wrong.join("\n"),
        rest_wrong.join("\n")
    );
}
