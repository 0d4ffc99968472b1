//! In headless Chromium on the threaded build: the pool starts on Web Workers and agrees with one thread.
//!
//! Run by `cargo xtask test` (wasm-bindgen-test-runner with chromedriver,
//! which serves the page cross-origin isolated). Everything here runs on the
//! page's main thread, so work goes through `pool::run` and is awaited,
//! never blocked on. One test only: rayon's global pool starts once per page.
#![cfg(target_arch = "wasm32")]

use gobalance_web::{job, pool};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn pool_starts_on_workers_and_parallel_count_equals_sequential() {
    assert!(
        pool::is_cross_origin_isolated(),
        "the test page must be cross-origin isolated, or workers cannot share memory"
    );

    let requested_threads = 2;
    let threads = pool::start(requested_threads)
        .await
        .expect("the pool starts");
    assert_eq!(threads, requested_threads);

    let worker_index = pool::run(rayon::current_thread_index).await;
    assert!(
        worker_index.is_some(),
        "the job must run on a pool thread, not on the page"
    );

    let limit = 50_000;
    let parallel = pool::run(move || job::count_primes_parallel(limit)).await;
    assert_eq!(parallel, job::count_primes_sequential(limit));
}
