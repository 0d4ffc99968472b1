//! The golden trace hashes and timeline seeking checked in headless Chromium: a wasm32 run must hash exactly as the native one, and seek as it does.
#![cfg(target_arch = "wasm32")]

mod golden;
mod seeking;

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn golden_trace_hashes_match_native() {
    let bad = golden::mismatches();
    assert!(
        bad.is_empty(),
        "wasm32 traces differ from native:\n{}",
        bad.join("\n")
    );
}

#[wasm_bindgen_test]
fn seeking_through_long_runs_equals_replaying_them() {
    let bad = seeking::corpus_mismatches();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[wasm_bindgen_test]
fn a_timeline_thinned_to_fit_seeks_exactly() {
    let bad = seeking::thinning_mismatches();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
