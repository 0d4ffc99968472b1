//! `gobalance code --standalone`: one self-contained main.go with the link's scenario as its flags' defaults and the simulation's prediction.

use crate::support::{json_of, stdout_of};

#[test]
fn the_saved_program_carries_the_scenario_and_the_prediction() {
    let link = "strategy=steal&workers=3&tasks=12&durations=30ms,5ms";
    let source = stdout_of(&["code", link, "--standalone"]);
    assert!(source.contains("\npackage main\n"), "{source}");
    assert!(source.contains("\"workers\", 3,"));
    assert!(source.contains("\"dist\", \"list\","));
    assert!(source.contains("\"durations\", \"30ms,5ms\","));
    assert!(
        !source.contains("gobalance/work"),
        "the helpers are inlined"
    );
    assert!(!source.contains("//@"), "line markers are stripped");
    let report = json_of(&["run", link, "--json"]);
    let makespan_ns = (report["makespan_ms"].as_f64().unwrap() * 1e6).round() as u64;
    assert!(
        source.contains(&format!("elapsed_ns={makespan_ns}.")),
        "the header quotes the simulated time"
    );
}

#[test]
fn a_strategy_name_saves_its_default_scenario() {
    let source = stdout_of(&["code", "fanout", "--standalone"]);
    assert!(source.contains("//\tstrategy=fanout\n"), "{source}");
    assert!(source.contains("func merge("));
}
