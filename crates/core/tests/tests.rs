//! Integration tests of gobalance-core, compiled as one binary (`autotests = false` in Cargo.toml) so they link once.

// Scenario links: accepted forms, canonical printing, the error table, round trips.
mod link;
// Cases worked out by hand: makespans, worker shares, peaks.
mod exact;
// Random scenarios: invariants, determinism, seeking.
mod properties;
// Golden trace hashes, shared with the wasm32 test in tests/wasm.rs.
mod golden;
// Seeking a timeline against folding from the start, shared with tests/wasm.rs.
mod seeking;

/// The corpus the Chromium test seeks through, natively.
#[test]
fn seeking_through_long_runs_equals_replaying_them() {
    let bad = seeking::corpus_mismatches();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The thinning check the Chromium test makes, natively.
#[test]
fn a_timeline_thinned_to_fit_seeks_exactly() {
    let bad = seeking::thinning_mismatches();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Every run keeps at most 64 bytes a task and still seeks exactly, around
/// every snapshot kept: one whose trace and snapshots pass 60 bytes a task
/// (fan-out's trace alone is about 47) by dropping every other snapshot,
/// one whose goroutines alive together change in no order (each snapshot
/// would copy most of their table) by packing its snapshots' tables.
#[test]
fn a_timeline_keeps_at_most_64_bytes_a_task_and_seeks_exactly() {
    for link in [
        "strategy=fanout&workers=8&cores=8&tasks=200000&dist=exp&dur=1ms",
        "strategy=unbounded&cores=8&tasks=200000&dist=exp&dur=100ms",
    ] {
        let scenario = gobalance_core::link::parse(link)
            .expect("a valid link")
            .scenario;
        let run = gobalance_core::simulate(&scenario).expect("runs");
        let timeline = gobalance_core::view::Timeline::new(&scenario, run.events.clone());
        let per_task = timeline.bytes_held() as f64 / f64::from(scenario.workload.tasks);
        assert!(per_task <= 64.0, "{link}: {per_task:.1} bytes a task");
        let bad = seeking::mismatches(link, &run.events, &timeline);
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }
}
