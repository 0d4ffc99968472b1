//! Links too long for one argument: read from standard input (`-`) or a file (`@path`).

use crate::support::{gobalance, json_of};
use predicates::prelude::*;

/// The longest valid link: 10,000 durations of almost an hour in nanoseconds, about 160 KB, over Linux's
/// 128 KiB limit for one argument.
fn longest_link() -> String {
    let durations = vec!["3599999999999ns"; 10_000].join(",");
    format!("strategy=pool&workers=8&durations={durations}")
}

fn tasks_and_hash(json: &serde_json::Value) -> (serde_json::Value, serde_json::Value) {
    (json["tasks_done"].clone(), json["trace_hash"].clone())
}

/// `gobalance run - --json` with `link` on standard input, its report parsed.
fn run_from_stdin(link: String) -> serde_json::Value {
    let output = gobalance()
        .args(["run", "-", "--json"])
        .write_stdin(link)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&output).expect("gobalance run --json prints JSON")
}

#[test]
fn a_link_on_standard_input_runs_like_the_same_link_as_an_argument() {
    let short = "strategy=pool&workers=4&tasks=20&dur=100ms";
    let from_stdin = run_from_stdin(format!("{short}\n"));
    assert_eq!(
        tasks_and_hash(&from_stdin),
        tasks_and_hash(&json_of(&["run", short, "--json"]))
    );
}

#[test]
fn the_longest_link_runs_from_standard_input_and_from_a_file() {
    let link = longest_link();
    assert!(link.len() > 128 * 1024, "{} bytes", link.len());
    let from_stdin = run_from_stdin(link.clone());
    // The run's canonical link carries all 10,000 durations back.
    let durations = from_stdin["scenario"]
        .as_str()
        .unwrap()
        .split("durations=")
        .nth(1)
        .unwrap();
    assert_eq!(
        durations.split('&').next().unwrap().split(',').count(),
        10_000
    );

    let file = std::env::temp_dir().join(format!("gobalance-long-link-{}.txt", std::process::id()));
    std::fs::write(&file, &link).unwrap();
    let from_file = json_of(&["run", &format!("@{}", file.display()), "--json"]);
    std::fs::remove_file(&file).unwrap();
    assert_eq!(tasks_and_hash(&from_file), tasks_and_hash(&from_stdin));
}

#[test]
fn a_missing_link_file_is_named() {
    gobalance()
        .args(["run", "@/nonexistent/gobalance-link.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read the file `/nonexistent/gobalance-link.txt`",
        ));
}

#[test]
fn a_link_longer_than_the_parser_takes_is_refused_by_its_length() {
    let huge = "a".repeat(1 << 20);
    gobalance()
        .args(["run", "-"])
        .write_stdin(huge)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("at most 262144 bytes"));
}
