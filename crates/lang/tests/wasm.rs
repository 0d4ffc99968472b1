//! Interpreted programs' golden trace hashes checked in headless Chromium: the page's program module must run a program exactly as the command line does.
#![cfg(target_arch = "wasm32")]

mod golden;

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn interpreted_programs_hash_as_natively() {
    let bad = golden::mismatches();
    assert!(
        bad.is_empty(),
        "wasm32 runs of programs differ from native:\n{}",
        bad.join("\n")
    );
}
