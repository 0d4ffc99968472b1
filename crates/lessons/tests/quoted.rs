//! The numbers the lesson texts and question explanations quote, measured again, so a change in the simulator cannot leave a text saying something false.

use crate::support::{run, run_traced, Metric};

/// One number a lesson quotes about one link.
struct Quote {
    slug: &'static str,
    link: &'static str,
    metric: Metric,
    /// As the text says it, in the metric's unit.
    value: u64,
    /// How far the measurement may be, in thousandths of `value` (the text rounds).
    tolerance_permille: u64,
}

const US: u64 = 1_000;
const MS: u64 = 1_000_000;
const S: u64 = 1_000_000_000;
const KB: u64 = 1 << 10;
const MB: u64 = 1 << 20;

/// A duration quoted to about 1%.
const fn time(slug: &'static str, link: &'static str, value: u64) -> Quote {
    Quote {
        slug,
        link,
        metric: Metric::Makespan,
        value,
        tolerance_permille: 10,
    }
}

/// A count quoted exactly.
const fn count(slug: &'static str, link: &'static str, metric: Metric, value: u64) -> Quote {
    Quote {
        slug,
        link,
        metric,
        value,
        tolerance_permille: 0,
    }
}

const fn near(
    slug: &'static str,
    link: &'static str,
    metric: Metric,
    value: u64,
    tolerance_permille: u64,
) -> Quote {
    Quote {
        slug,
        link,
        metric,
        value,
        tolerance_permille,
    }
}

use Metric::*;

const QUOTES: &[Quote] = &[
    // 1: a sleep loses the long tasks, `none` loses all, a WaitGroup returns at the last one.
    count("what-is-a-goroutine", "strategy=unbounded&tasks=10&dist=uniform&dur=50ms&wait=50ms", TasksDone, 6),
    count("what-is-a-goroutine", "strategy=unbounded&tasks=10&dist=uniform&dur=50ms&wait=50ms", CutOff, 4),
    count("what-is-a-goroutine", "strategy=unbounded&tasks=10&dist=uniform&dur=50ms&wait=none", TasksDone, 0),
    count("what-is-a-goroutine", "strategy=unbounded&tasks=10&dist=uniform&dur=50ms&wait=100ms", TasksDone, 10),
    time("what-is-a-goroutine", "strategy=unbounded&tasks=10&dist=uniform&dur=50ms&wait=100ms", 100 * MS),
    time("what-is-a-goroutine", "strategy=unbounded&tasks=10&dist=uniform&dur=50ms&wait=wg", 86 * MS),
    near("what-is-a-goroutine", "strategy=unbounded&tasks=10&dist=uniform&dur=50ms&wait=wg", PeakMemoryBytes, 22 * KB, 0),
    // 2: two Ps, time slices, runtime steals.
    time("the-go-scheduler", "strategy=pool&workers=8&tasks=8&dur=30ms&cpu=1&cores=2", 121 * MS),
    count("the-go-scheduler", "strategy=pool&workers=8&tasks=8&dur=30ms&cpu=1&cores=2", Preemptions, 9),
    count("the-go-scheduler", "strategy=pool&workers=8&tasks=8&dur=30ms&cpu=1&cores=2", RuntimeSteals, 2),
    near("the-go-scheduler", "strategy=pool&workers=8&tasks=8&dur=30ms&cpu=1&cores=2", LatencyP50, 101 * MS, 10),
    time("the-go-scheduler", "strategy=pool&workers=8&tasks=8&dur=30ms&cpu=1&cores=2&slice=1s", 120 * MS),
    near("the-go-scheduler", "strategy=pool&workers=8&tasks=8&dur=30ms&cpu=1&cores=2&slice=1s", LatencyP50, 60 * MS, 10),
    count("the-go-scheduler", "strategy=pool&workers=8&tasks=8&dur=30ms&cpu=1&cores=2&slice=1s", Preemptions, 0),
    time("the-go-scheduler", "strategy=pool&workers=8&tasks=8&dur=30ms&cpu=1&cores=4", 79 * MS),
    time("the-go-scheduler", "strategy=pool&workers=8&tasks=8&dur=30ms&cpu=1&cores=8", 30 * MS),
    // 3: memory with the task count; a database that refuses, queues.
    near("unbounded-goroutines", "strategy=unbounded&tasks=10000&dur=100ms", PeakMemoryBytes, 19_968 * KB, 10),
    near("unbounded-goroutines", "strategy=unbounded&tasks=10000&dur=100ms&mem=64KB", PeakMemoryBytes, 645 * MB, 10),
    near("unbounded-goroutines", "strategy=unbounded&tasks=1000000&dur=100ms", Makespan, 425 * MS, 10),
    near("unbounded-goroutines", "strategy=unbounded&tasks=1000000&dur=100ms", PeakGoroutines, 308_000, 10),
    near("unbounded-goroutines", "strategy=unbounded&tasks=1000000&dur=100ms", PeakMemoryBytes, 601 * MB, 10),
    count("unbounded-goroutines", "strategy=unbounded&tasks=1000&dur=100ms&db=20&db_mode=fail", TasksDone, 20),
    count("unbounded-goroutines", "strategy=unbounded&tasks=1000&dur=100ms&db=20&db_mode=fail", TasksFailed, 980),
    time("unbounded-goroutines", "strategy=unbounded&tasks=1000&dur=100ms&db=20", 5 * S),
    count("unbounded-goroutines", "strategy=unbounded&tasks=1000&dur=100ms&db=20", TasksDone, 1000),
    count("unbounded-goroutines", "strategy=unbounded&tasks=1000&dur=100ms&db=20", PeakGoroutines, 1000),
    near("unbounded-goroutines", "strategy=unbounded&tasks=1000&dur=100ms&db=20", LatencyP50, 2500 * MS, 10),
    count("unbounded-goroutines", "strategy=unbounded&tasks=1000&dur=100ms&wait=none", TasksDone, 0),
    // 4: the source's pool; buffers change nothing; more workers do.
    time("worker-pool", "strategy=pool&workers=4&tasks=20&dur=100ms&tasks_buffer=100&results_buffer=100", 500 * MS),
    count("worker-pool", "strategy=pool&workers=4&tasks=20&dur=100ms&tasks_buffer=100&results_buffer=100", PeakGoroutines, 6),
    time("worker-pool", "strategy=pool&workers=4&tasks=20&dur=100ms", 500 * MS),
    time("worker-pool", "strategy=pool&workers=10&tasks=20&dur=100ms&tasks_buffer=100&results_buffer=100", 200 * MS),
    // 5: one worker per check.
    time("dynamic-scaling", "strategy=dynamic&min_workers=1&max_workers=16&interval=50ms&tasks=200&dur=20ms", 633 * MS),
    time("dynamic-scaling", "strategy=dynamic&min_workers=1&max_workers=16&interval=10ms&tasks=200&dur=20ms", 330 * MS),
    time("dynamic-scaling", "strategy=dynamic&min_workers=16&max_workers=16&interval=50ms&tasks=200&dur=20ms", 264 * MS),
    time("dynamic-scaling", "strategy=pool&workers=16&tasks=200&dur=20ms", 264 * MS),
    // 6: the deal, stealing, and the shared channel.
    near("work-stealing", "strategy=static&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms&cpu=1", EfficiencyPermille, 340, 20),
    near("work-stealing", "strategy=steal&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms&cpu=1", EfficiencyPermille, 860, 10),
    near("work-stealing", "strategy=steal&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms&cpu=1", LowerBound, 550 * MS, 0),
    time("work-stealing", "strategy=pool&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms&cpu=1", 600 * MS),
    near("work-stealing", "strategy=pool&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms&cpu=1", EfficiencyPermille, 920, 10),
    // 7: goroutines of a merge, and the reorder buffer.
    count("fan-out-fan-in", "strategy=fanout&workers=4&tasks=20&dist=exp", PeakGoroutines, 10),
    count("fan-out-fan-in", "strategy=fanout&workers=4&tasks=20&dist=exp", EarlyResults, 12),
    count("fan-out-fan-in", "strategy=fanout&workers=4&tasks=20&dist=exp", ReorderPeak, 6),
    // 8: rate against the database's 2 connections.
    time("rate-limited-pool", "strategy=ratelimit&workers=4&tasks=20&rate=10&db=2&db_mode=fail", 2100 * MS),
    count("rate-limited-pool", "strategy=ratelimit&workers=4&tasks=20&rate=10&db=2&db_mode=fail", TasksFailed, 0),
    time("rate-limited-pool", "strategy=ratelimit&workers=4&tasks=20&rate=20&db=2&db_mode=fail", 1100 * MS),
    count("rate-limited-pool", "strategy=ratelimit&workers=4&tasks=20&rate=20&db=2&db_mode=fail", TasksFailed, 0),
    count("rate-limited-pool", "strategy=ratelimit&workers=4&tasks=20&rate=30&db=2&db_mode=fail", TasksFailed, 6),
    time("rate-limited-pool", "strategy=ratelimit&workers=1&tasks=20&rate=20&db=2&db_mode=fail", 2050 * MS),
    count("rate-limited-pool", "strategy=ratelimit&workers=4&tasks=20&rate=10&limiter=bucket&burst=4&db=2&db_mode=fail", TasksFailed, 2),
    time("rate-limited-pool", "strategy=ratelimit&workers=4&tasks=20&rate=10&limiter=bucket", 2000 * MS),
    // 9: the table.
    time("cpu-bound-vs-io-bound", "strategy=pool&workers=1&tasks=64&dur=50ms&cores=4", 3200 * MS),
    time("cpu-bound-vs-io-bound", "strategy=pool&workers=4&tasks=64&dur=50ms&cores=4", 800 * MS),
    time("cpu-bound-vs-io-bound", "strategy=pool&workers=8&tasks=64&dur=50ms&cores=4", 400 * MS),
    time("cpu-bound-vs-io-bound", "strategy=pool&workers=16&tasks=64&dur=50ms&cores=4", 200 * MS),
    time("cpu-bound-vs-io-bound", "strategy=pool&workers=64&tasks=64&dur=50ms&cores=4", 50 * MS),
    time("cpu-bound-vs-io-bound", "strategy=pool&workers=1&tasks=64&dur=50ms&cpu=1&cores=4", 3200 * MS),
    time("cpu-bound-vs-io-bound", "strategy=pool&workers=4&tasks=64&dur=50ms&cpu=1&cores=4", 800 * MS),
    time("cpu-bound-vs-io-bound", "strategy=pool&workers=8&tasks=64&dur=50ms&cpu=1&cores=4", 811 * MS),
    time("cpu-bound-vs-io-bound", "strategy=pool&workers=16&tasks=64&dur=50ms&cpu=1&cores=4", 816 * MS),
    time("cpu-bound-vs-io-bound", "strategy=pool&workers=64&tasks=64&dur=50ms&cpu=1&cores=4", 811 * MS),
    time("cpu-bound-vs-io-bound", "strategy=pool&workers=16&tasks=64&dur=50ms&cpu=0.2&cores=4", 230 * MS),
    time("cpu-bound-vs-io-bound", "strategy=pool&workers=64&tasks=64&dur=50ms&cpu=0.2&cores=4", 200 * MS),
    near("cpu-bound-vs-io-bound", "strategy=pool&workers=64&tasks=64&dur=50ms&cpu=0.2&cores=4", LowerBound, 160 * MS, 0),
    // 10: the leak, cancellation, and draining.
    count("leaks-and-cancellation", "strategy=leak&tasks=10&dist=uniform&dur=5ms", Leaked, 9),
    near("leaks-and-cancellation", "strategy=leak&tasks=10&dist=uniform&dur=5ms", Makespan, 13 * MS, 10),
    count("leaks-and-cancellation", "strategy=leak&tasks=10&dist=uniform&dur=5ms&ctx=true", Leaked, 0),
    count("leaks-and-cancellation", "strategy=leak&tasks=10&dist=uniform&dur=5ms&ctx=true", TasksFailed, 8),
    near("leaks-and-cancellation", "strategy=leak&tasks=10&dist=uniform&dur=5ms&cancel_after=10", Makespan, 20 * MS, 10),
    count("leaks-and-cancellation", "strategy=leak&tasks=10&dist=uniform&dur=5ms&cancel_after=10", Leaked, 0),
    // 11: memory against slots.
    near("bounding-memory", "strategy=semaphore&workers=2000&tasks=2000&dur=100ms&mem=1MB", PeakMemoryBytes, 2000 * MB, 25),
    near("bounding-memory", "strategy=semaphore&workers=100&tasks=2000&dur=100ms&mem=1MB", PeakMemoryBytes, 100 * MB, 10),
    count("bounding-memory", "strategy=semaphore&workers=100&tasks=2000&dur=100ms&mem=1MB", PeakGoroutines, 100),
    time("bounding-memory", "strategy=semaphore&workers=100&tasks=2000&dur=100ms&mem=1MB", 2 * S),
    // 12: the sweep.
    time("benchmarking-worker-counts", "strategy=pool&workers=1&tasks=200&dur=20ms&cpu=0.25&cores=4", 4 * S),
    time("benchmarking-worker-counts", "strategy=pool&workers=4&tasks=200&dur=20ms&cpu=0.25&cores=4", S),
    time("benchmarking-worker-counts", "strategy=pool&workers=8&tasks=200&dur=20ms&cpu=0.25&cores=4", 505 * MS),
    time("benchmarking-worker-counts", "strategy=pool&workers=12&tasks=200&dur=20ms&cpu=0.25&cores=4", 345 * MS),
    time("benchmarking-worker-counts", "strategy=pool&workers=16&tasks=200&dur=20ms&cpu=0.25&cores=4", 265 * MS),
    time("benchmarking-worker-counts", "strategy=pool&workers=32&tasks=200&dur=20ms&cpu=0.25&cores=4", 265 * MS),
    time("benchmarking-worker-counts", "strategy=pool&workers=64&tasks=200&dur=20ms&cpu=0.25&cores=4", 265 * MS),
    near("benchmarking-worker-counts", "strategy=pool&workers=64&tasks=200&dur=20ms&cpu=0.25&cores=4", LowerBound, 250 * MS, 0),
    // 13: the counter stays at 47.
    count("monitoring-goroutines", "strategy=leak&tasks=50&dist=uniform&dur=5ms&cancel_after=3", PeakGoroutines, 50),
    count("monitoring-goroutines", "strategy=leak&tasks=50&dist=uniform&dur=5ms&cancel_after=3", Leaked, 47),
    near("monitoring-goroutines", "strategy=leak&tasks=50&dist=uniform&dur=5ms&cancel_after=3", Makespan, 12 * MS, 20),
    // 14: sleeping records against computing ones.
    time("real-world-dataset", "strategy=pool&workers=8&tasks=1000&dur=100ms&tasks_buffer=1000&results_buffer=1000&cores=8", 12_500 * MS),
    time("real-world-dataset", "strategy=pool&workers=62&tasks=1000&dur=100ms&tasks_buffer=1000&results_buffer=1000&cores=8", 1700 * MS),
    count("real-world-dataset", "strategy=pool&workers=62&tasks=1000&dur=100ms&tasks_buffer=1000&results_buffer=1000&cores=8", PeakGoroutines, 64),
    time("real-world-dataset", "strategy=pool&workers=100&tasks=1000&dur=100ms&tasks_buffer=1000&results_buffer=1000&cores=8", 1000 * MS),
    time("real-world-dataset", "strategy=pool&workers=8&tasks=1000&dur=100ms&tasks_buffer=1000&results_buffer=1000&cores=8&cpu=1", 12_500 * MS),
    near("real-world-dataset", "strategy=pool&workers=100&tasks=1000&dur=100ms&tasks_buffer=1000&results_buffer=1000&cores=8&cpu=1", Makespan, 12_510 * MS, 1),
    // 15: the strategies on the heavy tail.
    time("sandbox", "strategy=static&workers=8&tasks=200&dist=pareto&dur=20ms&cpu=1&cores=4", 983 * MS),
    near("sandbox", "strategy=static&workers=8&tasks=200&dist=pareto&dur=20ms&cpu=1&cores=4", LowerBound, 880 * MS, 5),
    near("sandbox", "strategy=static&workers=8&tasks=200&dist=pareto&dur=20ms&cpu=1&cores=4", EfficiencyPermille, 890, 10),
    near("sandbox", "strategy=static&workers=8&tasks=200&dist=pareto&dur=20ms&cpu=1&cores=4", LongestTask, 180 * MS, 5),
    time("sandbox", "strategy=steal&workers=8&tasks=200&dist=pareto&dur=20ms&cpu=1&cores=4", 916 * MS),
    time("sandbox", "strategy=pool&workers=8&tasks=200&dist=pareto&dur=20ms&cpu=1&cores=4", 959 * MS),
    time("sandbox", "strategy=unbounded&workers=8&tasks=200&dist=pareto&dur=20ms&cpu=1&cores=4", 953 * MS),
    count("sandbox", "strategy=unbounded&workers=8&tasks=200&dist=pareto&dur=20ms&cpu=1&cores=4", PeakGoroutines, 200),
    time("sandbox", "strategy=dynamic&workers=8&tasks=200&dist=pareto&dur=20ms&cpu=1&cores=4", 1013 * MS),
    time("sandbox", "strategy=static&workers=8&tasks=200&dist=fixed&dur=20ms&cpu=1&cores=4", 1060 * MS),
    time("sandbox", "strategy=steal&workers=8&tasks=200&dist=fixed&dur=20ms&cpu=1&cores=4", 1000 * MS),
];

#[test]
fn every_quoted_number_is_what_the_simulator_measures() {
    let mut wrong = Vec::new();
    for quote in QUOTES {
        let ran = if quote.metric.needs_trace() {
            run_traced(quote.slug, quote.link)
        } else {
            run(quote.slug, quote.link)
        };
        let measured = quote.metric.read(&ran);
        let slack = quote.value.saturating_mul(quote.tolerance_permille) / 1000;
        if measured.abs_diff(quote.value) > slack {
            wrong.push(format!(
                "lesson `{}`: {:?} quoted as {}, measured {}: {}",
                quote.slug,
                quote.metric,
                quote.metric.show(quote.value),
                quote.metric.show(measured),
                quote.link
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} quoted numbers are off:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_reorder_count_matches_a_worked_example() {
    // The arrival order the fan-in lesson prints: 12 early, at most 6 held.
    let order = [
        0, 3, 2, 5, 4, 7, 6, 1, 9, 8, 13, 14, 15, 10, 16, 11, 12, 18, 17, 19,
    ];
    assert_eq!(crate::support::reorder(&order), (12, 6));
    assert_eq!(crate::support::reorder(&[0, 1, 2]), (0, 0));
}

#[test]
fn the_fan_in_text_prints_the_measured_arrival_order() {
    let link = "strategy=fanout&workers=4&tasks=20&dist=exp";
    let ran = run_traced("fan-out-fan-in", link);
    let order: Vec<String> = crate::support::result_order(&ran)
        .iter()
        .map(u32::to_string)
        .collect();
    let text = gobalance_lessons::by_slug("fan-out-fan-in")
        .expect("lesson")
        .markdown;
    // The text wraps the list over a line break.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(&order.join(", ")),
        "lesson `fan-out-fan-in`: the text should print the order {} of {link}",
        order.join(", ")
    );
}

#[test]
fn the_trace_facts_the_texts_describe() {
    use gobalance_core::{Kind, Role};
    let ms = |n: gobalance_core::Nanos| (n.0 + MS / 2) / MS;

    // 4: uneven counts from a shared channel; 14: even ones with equal records.
    let pool = run("worker-pool", "strategy=pool&workers=4&tasks=20&dist=exp");
    assert_eq!(
        pool.run.metrics.per_worker_tasks,
        [8, 3, 4, 5],
        "lesson `worker-pool`"
    );
    let records = run(
        "real-world-dataset",
        "strategy=pool&workers=8&tasks=1000&dur=100ms&tasks_buffer=1000&results_buffer=1000&cores=8",
    );
    assert_eq!(
        records.run.metrics.per_worker_tasks, [125; 8],
        "lesson `real-world-dataset`"
    );

    // 6: busy times, and three steals at 200 ms when three deques run dry together.
    let skew = "workers=4&tasks=40&durations=160ms,20ms,20ms,20ms&cpu=1";
    let busy = |strategy: &str| -> Vec<u64> {
        let ran = run("work-stealing", &format!("strategy={strategy}&{skew}"));
        ran.run
            .metrics
            .per_worker_busy
            .iter()
            .map(|&b| ms(b))
            .collect()
    };
    assert_eq!(
        busy("static"),
        [1600, 200, 200, 200],
        "lesson `work-stealing`"
    );
    assert_eq!(
        busy("steal"),
        [640, 520, 520, 520],
        "lesson `work-stealing`"
    );
    let steal = run_traced("work-stealing", &format!("strategy=steal&{skew}"));
    let steal_times: Vec<u64> = steal
        .run
        .events
        .iter()
        .filter(|e| e.kind() == Kind::Steal)
        .map(|e| ms(e.t()))
        .collect();
    assert_eq!(
        steal_times[..3],
        [200, 200, 200],
        "lesson `work-stealing`: {steal_times:?}"
    );

    // 5: one worker per check, the last at 550 ms (every 50 ms) or 150 ms (every 10 ms).
    for (interval, workers, last_ms) in [(50, 12, 550), (10, 16, 150)] {
        let link = format!(
            "strategy=dynamic&min_workers=1&max_workers=16&interval={interval}ms&tasks=200&dur=20ms"
        );
        let ran = run_traced("dynamic-scaling", &link);
        let spawns: Vec<u64> = ran
            .run
            .events
            .iter()
            .filter(|e| e.kind() == Kind::Spawn && e.b == Role::Worker as u32)
            .map(|e| ms(e.t()))
            .collect();
        assert_eq!(spawns.len(), workers, "lesson `dynamic-scaling`: {link}");
        assert_eq!(
            spawns.last(),
            Some(&last_ms),
            "lesson `dynamic-scaling`: {link}"
        );
    }

    // 13: the counter falls to 47 at about 2 ms and never moves again.
    let link = "strategy=leak&tasks=50&dist=uniform&dur=5ms&cancel_after=3";
    let ran = run("monitoring-goroutines", link);
    let points = &ran.run.metrics.series.points;
    let at = points
        .iter()
        .position(|p| p.goroutines == 47)
        .unwrap_or_else(|| panic!("lesson `monitoring-goroutines`: never 47: {link}"));
    assert!(
        points[at].t.0 < 3 * MS,
        "lesson `monitoring-goroutines`: 47 only at {}",
        points[at].t
    );
    assert!(
        points[at..].iter().all(|p| p.goroutines == 47),
        "lesson `monitoring-goroutines`: the counter moves after reaching 47: {link}"
    );
}
