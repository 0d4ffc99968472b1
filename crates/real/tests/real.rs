//! Real runs on std threads: M:N (a waiting goroutine holds no thread), every task exactly once, leaks as the simulation counts them, and no run that hangs.

use gobalance_core::link::parse;
use gobalance_core::{simulate, BlockOn, Kind, Nanos, Scenario, Strategy};
use gobalance_real::{check_size, run, RealError, RealRun};
use std::sync::Mutex;

/// Held by every test: a test counts the process's threads, and timings
/// must not share the machine's two cores with another run.
static ALONE: Mutex<()> = Mutex::new(());

fn alone() -> std::sync::MutexGuard<'static, ()> {
    ALONE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn scenario(link: &str) -> Scenario {
    parse(link)
        .unwrap_or_else(|e| panic!("{link}: {e}"))
        .scenario
}

/// Runs `link` for real on `threads` threads; a run that has not finished
/// after five seconds fails the test with its link.
fn real(link: &str, threads: u32) -> RealRun {
    run(&scenario(link), threads, Nanos::from_ms(5_000))
        .unwrap_or_else(|e| panic!("{link} on {threads} threads: {e}"))
}

/// The process's threads now (Linux: one entry each in /proc/self/task).
fn threads_now() -> usize {
    std::fs::read_dir("/proc/self/task").map_or(0, |entries| entries.count())
}

#[test]
fn a_thousand_sleeping_goroutines_take_one_sleep_on_two_threads() {
    let _alone = alone();
    let link = "strategy=unbounded&tasks=1000&dur=100ms";
    let (stop, peak) = (
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
        std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0)),
    );
    let watcher = {
        let (stop, peak) = (stop.clone(), peak.clone());
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::Acquire) {
                peak.fetch_max(threads_now(), std::sync::atomic::Ordering::AcqRel);
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(10));
    let before = threads_now();
    let run = real(link, 2);
    stop.store(true, std::sync::atomic::Ordering::Release);
    watcher.join().expect("the watcher");
    assert_eq!(run.metrics.tasks_done, 1000, "{link}");
    assert!(
        run.metrics.makespan < Nanos::from_ms(200),
        "{link} on 2 threads took {}: waiting goroutines hold threads",
        run.metrics.makespan
    );
    let started = peak.load(std::sync::atomic::Ordering::Acquire) - before;
    assert!(
        started <= 2,
        "{link}: asked for 2 threads, the run started {started}"
    );
}

/// One link per strategy, small enough to run in well under a second.
const EVERY_STRATEGY: [&str; 9] = [
    "strategy=unbounded&tasks=50&dist=exp&dur=5ms",
    "strategy=pool&workers=4&tasks=60&dist=exp&dur=2ms",
    "strategy=static&workers=3&tasks=40&durations=6ms,1ms",
    "strategy=steal&workers=4&tasks=40&durations=8ms,1ms,1ms,1ms",
    "strategy=dynamic&tasks=60&dur=2ms&min_workers=1&max_workers=6&interval=5ms",
    "strategy=fanout&workers=3&tasks=40&dist=exp&dur=2ms&ordered=true",
    "strategy=ratelimit&workers=3&tasks=20&dur=1ms&rate=1000&limiter=bucket&burst=4",
    "strategy=semaphore&workers=4&tasks=40&dist=exp&dur=2ms",
    "strategy=leak&tasks=20&dur=5ms&cancel_after=20",
];

#[test]
fn every_strategy_runs_every_task_exactly_once() {
    let _alone = alone();
    for (link, strategy) in EVERY_STRATEGY.iter().zip(Strategy::ALL) {
        assert_eq!(scenario(link).strategy, strategy, "one link per strategy");
        for threads in [1, 2, 3] {
            let run = real(link, threads);
            let tasks = run.durations.len();
            let mut started = vec![0u32; tasks];
            let mut ended = vec![0u32; tasks];
            for e in &run.events {
                match e.kind() {
                    Kind::TaskStart => started[e.a as usize] += 1,
                    Kind::TaskEnd => ended[e.a as usize] += 1,
                    _ => {}
                }
            }
            let at = |counts: &[u32]| counts.iter().position(|&n| n != 1);
            assert_eq!(
                at(&started),
                None,
                "{link} on {threads}: a task started other than once"
            );
            assert_eq!(
                at(&ended),
                None,
                "{link} on {threads}: a task ended other than once"
            );
            let per_worker: u32 = run.metrics.per_worker_tasks.iter().sum();
            assert_eq!(
                per_worker as usize, tasks,
                "{link} on {threads}: per-worker counts"
            );
            assert_eq!(
                run.metrics.tasks_done as usize, tasks,
                "{link} on {threads}"
            );
            // A goroutine may still be returning when main returns (its
            // `wg.Done()` let main go on another thread), as in Go; none is
            // blocked or cut off in its work.
            assert_eq!(
                (run.metrics.leaked, run.metrics.cut_off),
                (0, 0),
                "{link} on {threads}: left {:?}",
                run.alive
            );
            assert!(
                run.alive
                    .iter()
                    .all(|a| matches!(a.on, BlockOn::Running | BlockOn::Runnable)),
                "{link} on {threads}: left {:?}",
                run.alive
            );
        }
    }
}

#[test]
fn work_stealing_really_steals() {
    let _alone = alone();
    let link = "strategy=steal&workers=4&tasks=16&durations=40ms,5ms,5ms,5ms";
    let run = real(link, 2);
    assert!(run.metrics.steals > 0, "{link}: no steals");
    // Worker 0 holds every 40 ms task; the others take its short ones.
    assert!(
        run.metrics.per_worker_tasks[0] < 4,
        "{link}: worker 0 ran {:?}",
        run.metrics.per_worker_tasks
    );
}

#[test]
fn a_leak_leaves_the_goroutines_the_simulation_counts_and_a_context_frees_them() {
    let _alone = alone();
    for link in [
        "strategy=leak&tasks=10&dur=20ms&cancel_after=1",
        "strategy=leak&tasks=10&dur=20ms&cancel_after=3",
        "strategy=leak&tasks=10&dur=20ms&cancel_after=1&ctx=true",
    ] {
        let predicted = simulate(&scenario(link)).expect("simulates").metrics;
        let run = real(link, 2);
        assert_eq!(
            run.alive.len() as u32,
            predicted.leaked,
            "{link}: goroutines left {:?}",
            run.alive
        );
        assert_eq!(
            run.metrics.leaked, predicted.leaked,
            "{link}: the folded count"
        );
        assert!(
            run.alive.iter().all(|a| a.on == BlockOn::ChanSend),
            "{link}: {:?}",
            run.alive
        );
        // Each is parked where the Go program sends its result.
        let source = gobalance_core::strategies::go_source(Strategy::Leak);
        let send_line = gobalance_core::program::line_of(source, "send_result");
        assert!(
            run.alive.iter().all(|a| a.line == send_line),
            "{link}: not all at line {send_line}: {:?}",
            run.alive
        );
    }
}

#[test]
fn a_run_that_does_not_finish_in_time_is_stopped_with_an_error() {
    let _alone = alone();
    let link = "strategy=pool&workers=2&tasks=4&dur=10s";
    let started = std::time::Instant::now();
    let result = run(&scenario(link), 2, Nanos::from_ms(50));
    assert_eq!(
        result.err(),
        Some(RealError::TimedOut {
            after: Nanos::from_ms(50)
        }),
        "{link}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "{link}: stopping took {:?}",
        started.elapsed()
    );
    // Computing is stopped too, not only waiting.
    let link = "strategy=pool&workers=2&tasks=4&dur=10s&cpu=1";
    let started = std::time::Instant::now();
    assert!(
        run(&scenario(link), 2, Nanos::from_ms(50)).is_err(),
        "{link}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "{link}: stopping took {:?}",
        started.elapsed()
    );
}

#[test]
fn runs_too_large_for_real_are_refused_with_what_to_lower() {
    let big = scenario("strategy=pool&tasks=1000000&dur=1us");
    let message = check_size(&big, Nanos::from_ms(1)).unwrap_err().to_string();
    assert!(
        message.contains("tasks: 1000000") && message.contains("lower tasks"),
        "{message}"
    );
    let long = scenario("strategy=pool&tasks=100&dur=1s");
    let message = check_size(&long, Nanos::from_ms(25_000))
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("25") && message.contains("lower tasks or dur"),
        "{message}"
    );
    assert_eq!(check_size(&long, Nanos::from_ms(2_000)), Ok(()));
}

#[test]
fn an_invalid_scenario_is_an_error_naming_the_field() {
    let mut bad = scenario("strategy=pool");
    bad.params.workers = 0;
    let error = run(&bad, 2, Nanos::from_ms(1_000)).err().expect("refused");
    assert!(error.to_string().contains("workers"), "{error}");
}

#[test]
fn what_main_leaves_behind_is_counted_as_the_simulation_counts_it() {
    let _alone = alone();
    for link in [
        // Returning at once cuts off every task, waiting or computing.
        "strategy=unbounded&tasks=20&dur=50ms&wait=none",
        "strategy=unbounded&tasks=4&dur=50ms&cpu=1&wait=none&cores=2",
        // Sleeping 30 ms lets the 20 ms tasks finish and cuts off the 60 ms ones.
        "strategy=unbounded&tasks=10&durations=20ms,60ms&wait=30ms",
        // time.Tick's ticker is never stopped.
        "strategy=ratelimit&workers=2&tasks=6&dur=1ms&rate=200&limiter=tick",
        "strategy=ratelimit&workers=2&tasks=6&dur=1ms&rate=200&limiter=ticker",
    ] {
        let predicted = simulate(&scenario(link)).expect("simulates").metrics;
        let real = real(link, 2).metrics;
        assert_eq!(
            (
                real.tasks_done,
                real.cut_off,
                real.leaked,
                real.leaked_tickers
            ),
            (
                predicted.tasks_done,
                predicted.cut_off,
                predicted.leaked,
                predicted.leaked_tickers
            ),
            "{link}: (done, cut off, leaked, tickers left running), real against simulated"
        );
    }
}

#[test]
fn a_run_can_be_followed_and_cancelled_from_another_thread() {
    let _alone = alone();
    let link = "strategy=pool&workers=2&tasks=400&dur=10ms";
    let control = std::sync::Arc::new(gobalance_real::Control::default());
    let canceller = {
        let control = control.clone();
        std::thread::spawn(move || {
            while control.tasks_ended() < 10 {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            control.cancel();
        })
    };
    let started = std::time::Instant::now();
    let result =
        gobalance_real::run_with(&scenario(link), 2, Nanos::from_ms(5_000), control.clone());
    canceller.join().expect("the canceller");
    assert_eq!(result.err(), Some(RealError::Cancelled), "{link}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(1),
        "{link}: 2 s of work, cancelled after 10 tasks, took {:?}",
        started.elapsed()
    );
    assert!(
        (10..400).contains(&control.tasks_ended()),
        "{link}: {} tasks ended",
        control.tasks_ended()
    );
}
