//! `gobalance sweep`: a row per worker count, from ranges and lists, as a table or JSON.

use crate::support::{gobalance, json_of};
use predicates::prelude::*;

const CPU_BOUND: &str = "strategy=pool&tasks=16&dur=10ms&cpu=1";

#[test]
fn a_range_gives_one_row_per_count_inclusive() {
    let rows = json_of(&["sweep", CPU_BOUND, "--workers", "1..4", "--json"]);
    let rows = rows.as_array().expect("an array");
    let workers: Vec<u64> = rows
        .iter()
        .map(|r| r["workers"].as_u64().unwrap())
        .collect();
    assert_eq!(workers, [1, 2, 3, 4]);
    for row in rows {
        for field in ["makespan_ms", "efficiency", "peak_goroutines", "scenario"] {
            assert!(row.get(field).is_some(), "no `{field}` in {row}");
        }
    }
}

#[test]
fn a_list_keeps_its_order() {
    let rows = json_of(&["sweep", CPU_BOUND, "--workers", "1,2,4,8", "--json"]);
    let workers: Vec<u64> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["workers"].as_u64().unwrap())
        .collect();
    assert_eq!(workers, [1, 2, 4, 8]);
}

#[test]
fn each_row_matches_a_run_of_its_own_link() {
    let rows = json_of(&["sweep", CPU_BOUND, "--workers", "3", "--json"]);
    let row = &rows[0];
    let run = json_of(&["run", row["scenario"].as_str().unwrap(), "--json"]);
    assert_eq!(row["trace_hash"], run["trace_hash"]);
    assert_eq!(row["makespan_ms"], run["makespan_ms"]);
}

#[test]
fn the_table_has_a_header_and_a_row_per_count() {
    let output = gobalance()
        .args(["sweep", CPU_BOUND, "--workers", "1..3"])
        .assert()
        .success()
        .stdout(predicate::str::contains("workers"))
        .stdout(predicate::str::contains("makespan"))
        .stdout(predicate::str::contains("efficiency"))
        .stdout(predicate::str::contains("peak goroutines"))
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    let first_cells: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    assert_eq!(first_cells, ["1", "2", "3"], "{text}");
}

#[test]
fn a_strategy_that_ignores_workers_gets_a_note() {
    gobalance()
        .args(["sweep", "strategy=unbounded&tasks=4", "--workers", "1,2"])
        .assert()
        .success()
        .stderr(predicate::str::contains("does not read `workers`"));
}

#[test]
fn dynamic_scaling_sweeps_its_ceiling_and_lowers_its_floor_under_it() {
    let link = "strategy=dynamic&min_workers=4&tasks=40&dur=10ms";
    let output = gobalance()
        .args(["sweep", link, "--workers", "2,8", "--json"])
        .assert()
        .success()
        .stderr(predicate::str::is_empty())
        .get_output()
        .stdout
        .clone();
    let rows: serde_json::Value = serde_json::from_slice(&output).expect("JSON");
    let links: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["scenario"].as_str().unwrap())
        .collect();
    assert_eq!(
        links,
        [
            "strategy=dynamic&min_workers=2&max_workers=2&tasks=40&dur=10ms",
            "strategy=dynamic&min_workers=4&max_workers=8&tasks=40&dur=10ms",
        ]
    );
    assert_ne!(rows[0]["makespan_ms"], rows[1]["makespan_ms"], "{rows}");
}
