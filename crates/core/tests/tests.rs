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
