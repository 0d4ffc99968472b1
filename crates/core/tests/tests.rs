//! Integration tests of gobalance-core, compiled as one binary (`autotests = false` in Cargo.toml) so they link once.

// Scenario links: accepted forms, canonical printing, the error table, round trips.
mod link;
// Cases worked out by hand: makespans, worker shares, peaks.
mod exact;
// Random scenarios: invariants, determinism, seeking.
mod properties;
// Golden trace hashes, shared with the wasm32 test in tests/wasm.rs.
mod golden;
