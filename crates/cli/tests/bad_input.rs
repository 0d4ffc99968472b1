//! Bad links, bad flags and failed simulations: exit status 2, and standard error names the problem.

use crate::support::gobalance;
use predicates::prelude::*;

#[test]
fn an_out_of_range_value_names_the_field_and_what_is_allowed() {
    gobalance()
        .args(["run", "strategy=pool&workers=0"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("workers"))
        .stderr(predicate::str::contains("`0`"))
        .stderr(predicate::str::contains("1 to 100000"));
}

#[test]
fn an_unknown_key_suggests_the_closest_known_one() {
    gobalance()
        .args(["run", "strategy=pool&tsks=3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `tasks`"));
}

#[test]
fn every_problem_is_reported_one_a_line() {
    let assert = gobalance()
        .args(["run", "strategy=stael&workers=0&cpu=2"])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    for field in ["strategy", "workers", "cpu"] {
        assert!(
            stderr
                .lines()
                .any(|line| line.contains(&format!("{field}: got"))),
            "no line for {field}:\n{stderr}"
        );
    }
}

#[test]
fn every_command_refuses_a_bad_link_the_same_way() {
    for args in [
        &["sweep", "strategy=pool&workers=x", "--workers", "1,2"][..],
        &["trace", "strategy=pool&workers=x"][..],
        &["code", "stael"][..],
    ] {
        gobalance()
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("got `"));
    }
}

#[test]
fn bad_worker_counts_are_refused_by_the_flag() {
    for counts in ["0..4", "4..1", "x", "1..100000"] {
        gobalance()
            .args(["sweep", "strategy=pool", "--workers", counts])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("--workers"));
    }
}

#[test]
fn unknown_commands_and_flags_are_usage_errors() {
    gobalance().arg("jog").assert().code(2);
    gobalance()
        .args(["run", "strategy=pool", "--bogus"])
        .assert()
        .code(2);
    gobalance().arg("run").assert().code(2);
}

#[test]
fn a_failed_simulation_says_why_and_how_to_reproduce_it() {
    // One worker, 200 hour-long tasks: past the week of virtual time a run may span.
    gobalance()
        .args(["run", "strategy=pool&workers=1&tasks=200&dur=3600s"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("limit"))
        .stderr(predicate::str::contains(
            "reproduce with: gobalance run 'strategy=pool&workers=1&tasks=200&dur=3600s'",
        ));
}

#[test]
fn an_unwritable_trace_file_is_an_error_not_a_panic() {
    gobalance()
        .args([
            "trace",
            "strategy=pool&tasks=2",
            "-o",
            "/nonexistent-dir/run.json",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent-dir/run.json"));
}
