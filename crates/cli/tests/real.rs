//! `gobalance real`: the scenario run for real on std threads, its report beside the prediction, and runs too large refused.

use crate::support::{gobalance, json_of, stdout_of};
use predicates::prelude::*;

const STEAL: &str = "strategy=steal&workers=4&tasks=16&durations=20ms,2ms,2ms,2ms&cores=2";

#[test]
fn the_json_holds_the_real_run_and_the_prediction_of_the_same_scenario() {
    let report = json_of(&["real", STEAL, "--json"]);
    for side in ["real", "predicted"] {
        assert_eq!(report[side]["tasks_done"], 16, "{side}: {report}");
        assert_eq!(report[side]["strategy"], "steal", "{side}");
        let per_worker: u64 = report[side]["per_worker"]
            .as_array()
            .expect("per_worker")
            .iter()
            .map(|n| n.as_u64().unwrap())
            .sum();
        assert_eq!(per_worker, 16, "{side}: {report}");
    }
    assert_eq!(report["threads"], 2);
    assert!(report["real"]["steals"].as_u64().unwrap() > 0, "{report}");
    assert!(
        report["real"].get("trace_hash").is_none(),
        "a real run has no trace hash"
    );
    assert!(report["makespan_difference_percent"].is_f64());
}

#[test]
fn threads_set_both_the_run_and_the_prediction() {
    let report = json_of(&["real", STEAL, "--threads", "1", "--json"]);
    assert_eq!(report["threads"], 1);
    assert_eq!(
        report["predicted"]["per_p_utilization"]
            .as_array()
            .map(Vec::len),
        Some(1),
        "{report}"
    );
    assert_eq!(
        report["real"]["per_p_utilization"].as_array().map(Vec::len),
        Some(1),
        "{report}"
    );
}

#[test]
fn compare_prints_prediction_measurement_and_difference() {
    let text = stdout_of(&["real", STEAL, "--compare"]);
    for row in [
        "predicted",
        "real",
        "difference",
        "makespan",
        "tasks per worker, real:",
    ] {
        assert!(text.contains(row), "no `{row}` in:\n{text}");
    }
}

#[test]
fn the_table_is_runs_table_with_the_predicted_makespan() {
    let text = stdout_of(&["real", STEAL]);
    for row in [
        "makespan",
        "efficiency",
        "per worker",
        "ran for real on 2 threads",
        "predicted makespan",
    ] {
        assert!(text.contains(row), "no `{row}` in:\n{text}");
    }
    assert!(!text.contains("trace hash"), "{text}");
}

#[test]
fn a_run_too_large_to_run_for_real_is_refused_with_what_to_lower() {
    gobalance()
        .args(["real", "strategy=pool&tasks=1000000&dur=1us"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("tasks: 1000000").and(predicate::str::contains("lower tasks")),
        );
    gobalance()
        .args(["real", "strategy=pool&tasks=100&dur=1s&workers=1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("lower tasks or dur"));
}

#[test]
fn threads_out_of_range_are_a_usage_error() {
    for threads in ["0", "257", "many"] {
        gobalance()
            .args(["real", STEAL, "--threads", threads])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--threads"));
    }
}

#[test]
fn the_goroutines_a_leak_leaves_are_shown_where_they_stand_in_the_go_program() {
    let report = json_of(&[
        "real",
        "strategy=leak&tasks=10&dur=20ms&cancel_after=1&cores=2",
        "--json",
    ]);
    let left = report["left_behind"].as_array().expect("left_behind");
    assert_eq!(left.len(), 1, "{report}");
    assert_eq!(left[0]["goroutines"], 9);
    assert_eq!(left[0]["on"], "chan send");
    assert_eq!(left[0]["code"], "out <- t");
    let text = stdout_of(&[
        "real",
        "strategy=leak&tasks=10&dur=20ms&cancel_after=1&cores=2",
        "--compare",
    ]);
    assert!(text.contains("9 goroutines at line"), "{text}");
}
