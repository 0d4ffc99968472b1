//! `gobalance run`: the metrics table, the JSON fields, and numbers worked out by hand.

use crate::support::{gobalance, json_of};
use predicates::prelude::*;

/// Twenty 100 ms tasks over four workers: five each, back to back.
const POOL_OF_FOUR: &str = "strategy=pool&workers=4&tasks=20&dur=100ms";

#[test]
fn four_workers_share_twenty_tasks_five_each_in_five_rounds() {
    let report = json_of(&["run", POOL_OF_FOUR, "--json"]);
    let makespan_ms = report["makespan_ms"].as_f64().unwrap();
    assert!(
        (500.0..=501.0).contains(&makespan_ms),
        "makespan_ms {makespan_ms}: five rounds of 100 ms plus small runtime costs"
    );
    assert_eq!(report["per_worker"], serde_json::json!([5, 5, 5, 5]));
    assert_eq!(report["busy_ms"].as_array().unwrap().len(), 4);
    assert_eq!(report["leaked"], 0);
}

#[test]
fn json_has_every_documented_field() {
    let report = json_of(&["run", POOL_OF_FOUR, "--json"]);
    for field in [
        "makespan_ms",
        "lower_bound_ms",
        "efficiency",
        "throughput_per_s",
        "per_worker",
        "busy_ms",
        "peak_goroutines",
        "peak_memory_bytes",
        "steals",
        "leaked",
        "latency_ms_p50",
        "latency_ms_p95",
        "latency_ms_p99",
        "events",
        "trace_hash",
        "scenario",
    ] {
        assert!(report.get(field).is_some(), "no `{field}` in {report}");
    }
    let hash = report["trace_hash"].as_str().unwrap();
    assert_eq!(hash.len(), 16, "{hash}");
    assert!(hash.chars().all(|c| c.is_ascii_hexdigit()), "{hash}");
    // The canonical link drops defaults (workers=4, tasks=20 and dur=100ms are all defaults).
    assert_eq!(report["scenario"], "strategy=pool");
}

#[test]
fn table_shows_each_metric_and_the_same_hash_as_json() {
    let report = json_of(&["run", POOL_OF_FOUR, "--json"]);
    let hash = report["trace_hash"].as_str().unwrap().to_string();
    let mut table = gobalance().args(["run", POOL_OF_FOUR]).assert().success();
    for label in [
        "makespan",
        "lower bound",
        "efficiency",
        "throughput",
        "latency",
        "p50",
        "p95",
        "p99",
        "peak goroutines",
        "peak memory",
        "steals",
        "leaked",
        "events",
        "trace hash",
        "worker",
        "utilization",
    ] {
        table = table.stdout(predicate::str::contains(label));
    }
    table.stdout(predicate::str::contains(hash));
}

#[test]
fn a_full_share_url_runs_like_its_query() {
    let bare = json_of(&["run", POOL_OF_FOUR, "--json"]);
    let url = format!("https://gobalance.example/play/?{POOL_OF_FOUR}#/lesson/pools");
    let shared = json_of(&["run", &url, "--json"]);
    assert_eq!(bare["trace_hash"], shared["trace_hash"]);
}

#[test]
fn the_same_link_gives_the_same_run() {
    let link = "strategy=steal&dist=pareto&dur=5ms&tasks=200&cpu=1&seed=7";
    let first = json_of(&["run", link, "--json"]);
    let second = json_of(&["run", link, "--json"]);
    assert_eq!(
        first, second,
        "reproduce with: gobalance run '{link}' --json"
    );
}

#[test]
fn a_steal_scenario_reports_its_steals() {
    let report = json_of(&[
        "run",
        "strategy=steal&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms",
        "--json",
    ]);
    assert!(report["steals"].as_u64().unwrap() > 0, "{report}");
}
