//! The golden trace hashes checked in headless Chromium: a wasm32 run must hash exactly as the native one.
#![cfg(target_arch = "wasm32")]

mod golden;

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
