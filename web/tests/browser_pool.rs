//! In headless Chromium on the threaded build: the pool starts on Web Workers and agrees with one thread, for primes, simulations and compared runs' merged steps.
//!
//! Run by `cargo xtask test` (wasm-bindgen-test-runner with chromedriver,
//! which serves the page cross-origin isolated). Everything here runs on the
//! page's main thread, so work goes through `pool::run` and is awaited,
//! never blocked on. One test only: rayon's global pool starts once per page.
#![cfg(target_arch = "wasm32")]

use gobalance_web::sim::{self, Progress, Request};
use gobalance_web::{job, pool};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn pool_starts_on_workers_and_agrees_with_one_thread() {
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

    // The playground's compare run: columns in parallel on the workers, the
    // same session as one after another on this thread.
    let (link, errors) = gobalance_core::link::parse_lenient(
        "strategy=pool&workers=3&tasks=30&dist=exp&dur=5ms&compare=pool,steal",
    );
    assert!(errors.is_empty());
    let request = Request {
        scenario: link.scenario,
        compare: link.view.compare,
        program: None,
    };
    let on_pool = {
        let request = request.clone();
        pool::run(move || {
            let session = sim::session(&request, &Progress::default(), true).expect("runs");
            let hashes: Vec<u64> = session
                .runs
                .iter()
                .map(|r| gobalance_core::trace::hash_events(&r.events()))
                .collect();
            (session.len(), hashes)
        })
        .await
    };
    let here = sim::session(&request, &Progress::default(), false).expect("runs");
    let here_hashes: Vec<u64> = here
        .runs
        .iter()
        .map(|r| gobalance_core::trace::hash_events(&r.events()))
        .collect();
    assert_eq!(on_pool, (here.len(), here_hashes));

    // The merged steps, each decoded from its column's compact timeline,
    // are the columns' events ordered by (time, column), every one once.
    let columns: Vec<Vec<gobalance_core::Event>> = here.runs.iter().map(|r| r.events()).collect();
    let mut merged: Vec<(usize, gobalance_core::Event)> = columns
        .iter()
        .enumerate()
        .flat_map(|(c, events)| events.iter().map(move |&e| (c, e)))
        .collect();
    // Stable: within a column, events keep their order.
    merged.sort_by_key(|&(c, e)| (e.t(), c));
    assert_eq!(here.len(), merged.len() as u64);
    for (k, expected) in merged.iter().enumerate() {
        assert_eq!(
            here.step(k as u64 + 1).as_ref(),
            Some(expected),
            "step {}",
            k + 1
        );
    }
}
