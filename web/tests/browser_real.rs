//! In headless Chromium on the threaded build: real runs on the pool's Web Workers are M:N, complete every task, run computing work in parallel, and stamp one time axis.
//!
//! Run by `cargo xtask test` like `browser_pool.rs`: the page is
//! cross-origin isolated, and real runs are driven from the pool (the page's
//! thread may not block). One test only: rayon's global pool starts once
//! per page.
#![cfg(target_arch = "wasm32")]

use gobalance_core::link::parse;
use gobalance_core::Nanos;
use gobalance_real::{run, RealRun};
use gobalance_web::pool;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Runs `link` for real on `threads` of the pool's threads.
async fn real(link: &'static str, threads: u32) -> RealRun {
    pool::run(move || {
        let scenario = parse(link)
            .unwrap_or_else(|e| panic!("{link}: {e}"))
            .scenario;
        run(&scenario, threads, Nanos::from_ms(10_000))
            .unwrap_or_else(|e| panic!("{link} on {threads} threads: {e}"))
    })
    .await
}

#[wasm_bindgen_test]
async fn real_runs_on_web_workers() {
    assert!(
        pool::is_cross_origin_isolated(),
        "the test page must be cross-origin isolated"
    );
    let threads = pool::start(2).await.expect("the pool starts");
    assert_eq!(threads, 2);

    // M:N: a waiting goroutine holds no Web Worker. Were each sleeper to
    // hold one, 1,000 sleeps of 100 ms on 2 workers would take 50 s; they
    // all sleep at once, in about 100 ms. The bound is far from both, as a
    // loaded machine's timers fire late (200.5 ms was seen once).
    let link = "strategy=unbounded&tasks=1000&dur=100ms";
    let sleepers = real(link, 2).await;
    assert_eq!(sleepers.metrics.tasks_done, 1000, "{link}");
    assert!(
        sleepers.metrics.makespan < Nanos::from_ms(1000),
        "{link} on 2 Web Workers took {}",
        sleepers.metrics.makespan
    );

    // Every task once, per-worker counts summing to the tasks, steals real.
    let link = "strategy=steal&workers=4&tasks=40&durations=20ms,2ms,2ms,2ms";
    let stealing = real(link, 2).await;
    let per_worker: u32 = stealing.metrics.per_worker_tasks.iter().sum();
    assert_eq!(
        (stealing.metrics.tasks_done, per_worker),
        (40, 40),
        "{link}"
    );
    assert!(stealing.metrics.steals > 0, "{link}: no steals");

    // One time axis: a goroutine's spawn, stamped on one worker, comes
    // before its first run, which may be stamped on the other; each
    // worker's performance.now() alone counts from its own start.
    let mut spawned = std::collections::HashSet::new();
    for e in &sleepers.events {
        match e.kind() {
            gobalance_core::Kind::Spawn => {
                spawned.insert(e.g);
            }
            gobalance_core::Kind::Run => assert!(
                spawned.contains(&e.g),
                "goroutine {} ran at {} before its spawn was stamped: the workers' clocks disagree",
                e.g,
                e.t()
            ),
            _ => {}
        }
    }

    // Computing in parallel: a CPU-bound pool on 2 workers against 1, in
    // seven pairs of runs. The best pair counts: this kind of shared
    // machine often gives two threads much less than two CPUs for seconds
    // at a time, which only ever lowers a speedup, while a pool whose
    // goroutines ran on one worker could not reach 1.6 in any pair.
    let link = "strategy=pool&workers=2&tasks=16&dur=10ms&cpu=1";
    let mut speedups = Vec::new();
    for _ in 0..7 {
        let one = real(link, 1).await.metrics.makespan;
        let two = real(link, 2).await.metrics.makespan;
        speedups.push(one.0 as f64 / two.0 as f64);
    }
    speedups.sort_by(f64::total_cmp);
    assert!(
        speedups[6] >= 1.6,
        "{link}: 2 Web Workers are at best {:.2} times as fast as 1 (pairs: {speedups:?})",
        speedups[6]
    );
}
