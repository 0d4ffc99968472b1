//! Running the simulator for the page: what to record, progress and cancellation, and the work done off the main thread.
//!
//! Everything here blocks its thread until the run is done, so in the
//! browser it runs on a pool thread (`pool::run`), never on the page's main
//! thread, except for small scenarios when the page has no pool. How a run
//! goes:
//!
//! 1. Every run is recorded as a seekable timeline: its events compact (a
//!    few bytes each instead of 24) with snapshots, built as the run goes.
//!    A million tasks make about fifteen million events; the page keeps at
//!    most [`RECORD_BYTES_MAX`] of timelines and what the runs themselves
//!    hold (all compared columns together).
//! 2. Estimate the total events from a pilot run of [`PILOT_TASKS`] tasks,
//!    so progress can be shown as a fraction.
//! 3. Simulate with a progress callback that publishes the event count and
//!    virtual time in atomics (the page polls them) and stops when the page
//!    sets the cancel flag. A run that passes its event budget gives its
//!    timeline up there and runs on, and the page says why.
//! 4. Build the Gantt chart as the run goes, from the same events (beside
//!    the timeline, on the recorder's thread when there is one), so the
//!    page receives a finished session without a second pass over them.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};

use gobalance_core::scenario::WorkerCount;
use gobalance_core::view::Timeline;
use gobalance_core::{
    simulate_to_timeline_watched, simulate_with, Nanos, Scenario, SimError, Strategy,
};
use rayon::prelude::*;

use crate::gantt::GanttBuilder;
use crate::session::{Loaded, Session, Unrecorded};

/// What the recorded runs' timelines and the runs themselves
/// ([`gobalance_core::RunMemory`]: their tasks, goroutines and live
/// goroutines at the peak) may hold, all compared columns together, each
/// column an equal share: 370 MB, so that with the page itself (about 26 MB)
/// the tab stays within 400 MB while the largest run the page allows is
/// simulated. Five million tasks fit in a worker pool of 8 (233 MB of
/// timeline); a run past it (five million goroutines, or fan-out's longer
/// trace) gives its timeline up, and the page says why and how large it
/// would have been.
pub const RECORD_BYTES_MAX: usize = 370 << 20;
/// Without the pool, runs of at most this many tasks (per column) still run
/// on the page's main thread: they take well under a second there.
pub const MAIN_THREAD_TASKS_MAX: u32 = 10_000;
/// The pilot run that estimates a large run's events.
pub const PILOT_TASKS: u32 = 2_000;
/// Events per task assumed for runs too small to need a pilot.
const EVENTS_PER_TASK_GUESS: u64 = 16;

/// What the page asked for: a scenario, and the strategies to compare it under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub scenario: Scenario,
    /// Empty for one run; 2 to 4 strategies to run side by side.
    pub compare: Vec<Strategy>,
    /// The learner's program, run in the program worker in place of the strategy's.
    pub program: Option<crate::program_worker::ProgramText>,
}

impl Request {
    /// The scenario of each column.
    pub fn columns(&self) -> Vec<Scenario> {
        if self.compare.is_empty() {
            return vec![self.scenario.clone()];
        }
        self.compare
            .iter()
            .map(|&strategy| Scenario {
                strategy,
                ..self.scenario.clone()
            })
            .collect()
    }

    /// Whether the page may run it on its main thread when it has no pool.
    pub fn main_thread_refusal(&self) -> Option<String> {
        let tasks = self.scenario.workload.tasks;
        (tasks > MAIN_THREAD_TASKS_MAX).then(|| {
            format!(
                "This scenario has {} tasks; without worker threads the page simulates at most {} \
                 on its main thread, so that it never freezes. Serve the page cross-origin \
                 isolated (see Threads below) to run it on Web Workers, or use fewer tasks.",
                crate::fmt::count(u64::from(tasks)),
                crate::fmt::count(u64::from(MAIN_THREAD_TASKS_MAX))
            )
        })
    }
}

/// How much a run may record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    pub record_bytes_max: usize,
}

impl Default for Budget {
    fn default() -> Budget {
        Budget {
            record_bytes_max: RECORD_BYTES_MAX,
        }
    }
}

/// Shared between the page (reads, sets `cancel`) and the running job (writes).
#[derive(Debug, Default)]
pub struct Progress {
    pub events: AtomicU64,
    pub estimate: AtomicU64,
    pub virtual_ns: AtomicU64,
    pub cancel: AtomicBool,
}

/// A snapshot of [`Progress`] for the reducer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Seen {
    pub events: u64,
    pub estimate: u64,
    pub virtual_t: Nanos,
}

impl Progress {
    pub fn seen(&self) -> Seen {
        Seen {
            events: self.events.load(Ordering::Relaxed),
            estimate: self.estimate.load(Ordering::Relaxed),
            virtual_t: Nanos(self.virtual_ns.load(Ordering::Relaxed)),
        }
    }

    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// The share done, in thousandths, never 1000 before the run has finished.
pub fn permille(seen: Seen) -> u32 {
    if seen.estimate == 0 {
        return 0;
    }
    ((seen.events.saturating_mul(1000) / seen.estimate).min(990)) as u32
}

/// Why a run produced no session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunError {
    Cancelled,
    Failed(String),
}

impl From<SimError> for RunError {
    fn from(error: SimError) -> RunError {
        match error {
            SimError::Cancelled => RunError::Cancelled,
            other => RunError::Failed(other.to_string()),
        }
    }
}

/// Step 2: the events a run will have, from a pilot of [`PILOT_TASKS`] tasks when it is large.
pub fn estimate_events(scenario: &Scenario) -> u64 {
    let tasks = u64::from(scenario.workload.tasks);
    if scenario.workload.tasks <= 10 * PILOT_TASKS {
        return tasks * EVENTS_PER_TASK_GUESS + 64;
    }
    let mut pilot = scenario.clone();
    pilot.workload.tasks = PILOT_TASKS;
    match simulate_with(&pilot, false, None) {
        Ok(run) => run.outcome.events * tasks / u64::from(PILOT_TASKS),
        Err(_) => tasks * EVENTS_PER_TASK_GUESS,
    }
}

/// Loads one run without progress reporting (tests, small runs).
pub fn load(scenario: &Scenario, budget: &Budget) -> Result<Loaded, RunError> {
    load_with(scenario, budget, &Progress::default())
}

/// Steps 1, 3 and 4 for one run.
pub fn load_with(
    scenario: &Scenario,
    budget: &Budget,
    progress: &Progress,
) -> Result<Loaded, RunError> {
    progress
        .estimate
        .fetch_add(estimate_events(scenario), Ordering::Relaxed);
    let chart = GanttBuilder::new(scenario.machine.cores);
    let (run, timeline, chart) =
        simulate_reporting(scenario, budget.record_bytes_max, progress, chart)?;
    Ok(loaded(scenario, run, timeline, chart, budget))
}

/// A finished run with its timeline (unless it outgrew `budget`) and the chart built beside it.
pub fn loaded(
    scenario: &Scenario,
    run: gobalance_core::Run,
    timeline: Option<Timeline>,
    chart: GanttBuilder,
    budget: &Budget,
) -> Loaded {
    let unrecorded = timeline.is_none().then_some(Unrecorded::TooLarge {
        limit_bytes: budget.record_bytes_max,
    });
    let gantt = timeline.as_ref().map(|tl| chart.finish(tl.end_time()));
    Loaded {
        scenario: scenario.clone(),
        outcome: run.outcome,
        metrics: run.metrics,
        timeline,
        gantt,
        unrecorded,
    }
}

/// Simulates, publishing progress, and builds the run's timeline unless it
/// comes to hold more than `bytes_max`, and its chart as it goes.
fn simulate_reporting(
    scenario: &Scenario,
    bytes_max: usize,
    progress: &Progress,
    chart: GanttBuilder,
) -> Result<(gobalance_core::Run, Option<Timeline>, GanttBuilder), SimError> {
    let mut published = 0u64;
    let mut callback = |events: u64, now: Nanos| -> bool {
        progress
            .events
            .fetch_add(events.saturating_sub(published), Ordering::Relaxed);
        published = events;
        progress.virtual_ns.fetch_max(now.0, Ordering::Relaxed);
        !progress.cancel.load(Ordering::Relaxed)
    };
    let outcome = simulate_to_timeline_watched(scenario, Some(&mut callback), bytes_max, chart);
    if let Ok((run, ..)) = &outcome {
        progress.events.fetch_add(
            run.outcome.events.saturating_sub(published),
            Ordering::Relaxed,
        );
        progress
            .virtual_ns
            .fetch_max(run.outcome.end.0, Ordering::Relaxed);
    }
    outcome
}

/// Runs every column of a request: in parallel on the rayon pool when
/// `parallel`, else one after another on the calling thread.
pub fn session(
    request: &Request,
    progress: &Progress,
    parallel: bool,
) -> Result<Session, RunError> {
    let columns = request.columns();
    let budget = Budget {
        record_bytes_max: RECORD_BYTES_MAX / columns.len(),
    };
    let runs: Result<Vec<Loaded>, RunError> = if parallel {
        columns
            .par_iter()
            .map(|scenario| load_with(scenario, &budget, progress))
            .collect()
    } else {
        columns
            .iter()
            .map(|scenario| load_with(scenario, &budget, progress))
            .collect()
    };
    Ok(Session::new(runs?))
}

/// Counts finished sweep points, for the page to poll.
#[derive(Debug, Default)]
pub struct SweepProgress {
    pub done: AtomicU32,
    pub cancel: AtomicBool,
}

/// One point of the worker-count sweep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SweepPoint {
    pub workers: u32,
    pub makespan: Nanos,
    pub lower_bound: Nanos,
    /// The makespan measured for real, in a sweep for real.
    pub real: Option<Nanos>,
}

impl SweepPoint {
    pub fn efficiency(&self) -> f64 {
        if self.makespan.0 == 0 {
            return 1.0;
        }
        self.lower_bound.0 as f64 / self.makespan.0 as f64
    }
}

/// The longest a sweep for real may be predicted to take, all its counts
/// together: a learner waits for it.
pub const REAL_SWEEP_PREDICTED_MAX: Nanos = Nanos::from_ms(20_000);

/// The sweep for real, on a pool thread: each count predicted, then run
/// for real on as many threads as the scenario has cores, one count after
/// another (a real run needs the machine to itself).
pub fn sweep_for_real(
    scenario: &Scenario,
    counts: &[u32],
    progress: &SweepProgress,
    control: &std::sync::Arc<gobalance_real::Control>,
    pool_threads: u32,
) -> Result<Vec<SweepPoint>, RunError> {
    let cores = scenario.machine.cores;
    if cores > pool_threads {
        return Err(RunError::Failed(format!(
            "The prediction is for {cores} cores, and this page has {pool_threads} worker threads: \
             predict for this machine (under Run for real) or lower cores."
        )));
    }
    let predicted: Vec<SweepPoint> = sweep(scenario, counts, &SweepProgress::default(), false)?;
    let total = Nanos(predicted.iter().map(|p| p.makespan.0).sum());
    if total > REAL_SWEEP_PREDICTED_MAX {
        return Err(RunError::Failed(format!(
            "The sweep for real is predicted to take {}, longer than the {} it may take: lower tasks or dur.",
            crate::fmt::duration(total),
            crate::fmt::duration(REAL_SWEEP_PREDICTED_MAX)
        )));
    }
    predicted
        .into_iter()
        .map(|point| {
            let limit = Nanos((point.makespan.0 * 5).max(2_000_000_000));
            let run = gobalance_real::run_with(
                &with_workers(scenario, point.workers),
                cores,
                limit,
                control.clone(),
            )
            .map_err(|error| match error {
                gobalance_real::RealError::Cancelled => RunError::Cancelled,
                error => RunError::Failed(error.to_string()),
            })?;
            progress.done.fetch_add(1, Ordering::Relaxed);
            Ok(SweepPoint {
                real: Some(run.metrics.makespan),
                ..point
            })
        })
        .collect()
}

/// The parameter a sweep varies for a strategy, or `None` when it has no worker count.
pub fn sweep_key(strategy: Strategy) -> Option<&'static str> {
    strategy.worker_count().map(WorkerCount::key)
}

/// The worker counts a sweep tries: small counts one by one, then growing
/// steps, up to twice the cores or the current count, whichever is larger.
pub fn sweep_counts(scenario: &Scenario) -> Vec<u32> {
    let current = scenario.strategy.swept_count().get(scenario);
    let top = (2 * scenario.machine.cores).max(current).clamp(2, 64);
    const LADDER: [u32; 17] = [1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 56, 64];
    LADDER.into_iter().filter(|&w| w <= top).collect()
}

/// The scenario of one sweep point.
pub fn with_workers(scenario: &Scenario, workers: u32) -> Scenario {
    let mut s = scenario.clone();
    s.strategy.swept_count().set(&mut s, workers);
    s
}

/// Runs the sweep, unrecorded, each count in parallel on the pool when `parallel`.
pub fn sweep(
    scenario: &Scenario,
    counts: &[u32],
    progress: &SweepProgress,
    parallel: bool,
) -> Result<Vec<SweepPoint>, RunError> {
    let point = |&workers: &u32| -> Result<SweepPoint, RunError> {
        let mut stop = |_: u64, _: Nanos| !progress.cancel.load(Ordering::Relaxed);
        let run = simulate_with(&with_workers(scenario, workers), false, Some(&mut stop))?;
        progress.done.fetch_add(1, Ordering::Relaxed);
        Ok(SweepPoint {
            workers,
            makespan: run.metrics.makespan,
            lower_bound: run.metrics.lower_bound,
            real: None,
        })
    };
    if parallel {
        counts.par_iter().map(point).collect()
    } else {
        counts.iter().map(point).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gobalance_core::link::parse;

    fn scenario(link: &str) -> Scenario {
        parse(link).unwrap().scenario
    }

    #[test]
    fn a_small_run_is_recorded_with_its_timeline_and_chart() {
        let loaded = load(&scenario("strategy=pool&tasks=20"), &Budget::default()).unwrap();
        assert!(loaded.unrecorded.is_none());
        let timeline = loaded.timeline.as_ref().unwrap();
        assert_eq!(timeline.len(), loaded.outcome.events);
        assert_eq!(loaded.metrics.tasks_done, 20);
        assert!(loaded.gantt.is_some());
    }

    #[test]
    fn a_run_of_a_million_tasks_is_recorded_and_holds_at_most_64_bytes_a_task() {
        let s = scenario("strategy=pool&workers=8&cores=8&tasks=1000000&dist=exp&dur=1ms");
        let loaded = load(&s, &Budget::default()).unwrap();
        assert!(loaded.unrecorded.is_none());
        let timeline = loaded.timeline.as_ref().unwrap();
        assert_eq!(timeline.len(), loaded.outcome.events);
        assert_eq!(loaded.metrics.tasks_done, 1_000_000);
        let per_task = loaded.bytes_held() / 1_000_000;
        // The trace is about 3.2 bytes an event (47 a task), the snapshots,
        // the task table and the chart about 12 a task: 59 measured.
        assert!(per_task <= 64, "{per_task} bytes a task");
    }

    #[test]
    fn a_goroutine_a_task_run_is_recorded_in_at_most_64_bytes_a_task() {
        // Their goroutines change state in no order (1 ms tasks as Go's
        // queues hand them out) or twice far apart (sleepers spawned, then
        // woken): the snapshots' goroutine table is what they cost.
        for link in [
            "strategy=unbounded&cores=8&tasks=100000&dist=exp&dur=1ms",
            "strategy=unbounded&tasks=100000&dur=100ms",
        ] {
            let loaded = load(&scenario(link), &Budget::default()).unwrap();
            assert!(loaded.unrecorded.is_none(), "{link}");
            assert_eq!(loaded.metrics.tasks_done, 100_000, "{link}");
            let timeline = loaded.timeline.as_ref().unwrap();
            let per_task = timeline.bytes_held() / 100_000;
            assert!(per_task <= 64, "{link}: {per_task} bytes a task");
        }
    }

    /// A budget that holds the run's tasks and goroutines but not its
    /// timeline (about a megabyte): the timeline goes, the run goes on.
    #[test]
    fn a_run_past_its_event_budget_gives_its_timeline_up_and_runs_on() {
        let s = scenario("strategy=pool&workers=4&tasks=20000&dur=1ms");
        let budget = Budget {
            record_bytes_max: 800_000,
        };
        let progress = Progress::default();
        let loaded = load_with(&s, &budget, &progress).unwrap();
        assert_eq!(
            loaded.unrecorded,
            Some(Unrecorded::TooLarge {
                limit_bytes: 800_000
            })
        );
        assert!(loaded.timeline.is_none());
        assert_eq!(loaded.metrics.tasks_done, 20_000);
    }

    /// A run whose goroutines alive at once cannot fit in its share of the
    /// tab's memory beside its tasks (a leak keeps every producer) stops
    /// and says so, instead of growing the tab until it fails.
    #[test]
    fn a_run_whose_live_goroutines_outgrow_its_budget_stops_and_says_why() {
        let s = scenario("strategy=leak&tasks=100000&dur=1ms");
        let budget = Budget {
            record_bytes_max: 10_000_000,
        };
        let limit = gobalance_core::RunMemory::goroutines_max(&s, budget.record_bytes_max);
        assert!(limit > 0 && limit < 100_000, "{limit}");
        match load_with(&s, &budget, &Progress::default()) {
            Err(RunError::Failed(why)) => {
                assert!(why.contains("goroutines alive at once"), "{why}");
                assert!(why.contains(&limit.to_string()), "{why}");
            }
            other => panic!(
                "expected the goroutine limit, got {:?}",
                other.map(|l| l.metrics)
            ),
        }
    }

    #[test]
    fn progress_counts_every_event_and_cancel_stops_the_run() {
        let s = scenario("strategy=pool&workers=4&tasks=30000&dur=1ms");
        let progress = Progress::default();
        let loaded = load_with(&s, &Budget::default(), &progress).unwrap();
        let seen = progress.seen();
        assert_eq!(seen.events, loaded.outcome.events);
        assert_eq!(seen.virtual_t, loaded.outcome.end);
        // The pilot's estimate is close for a linear workload.
        let error = seen.estimate.abs_diff(seen.events) as f64 / seen.events as f64;
        assert!(
            error < 0.05,
            "estimate {} vs {}",
            seen.estimate,
            seen.events
        );
        assert!(permille(seen) <= 990);

        let cancelled = Progress::default();
        cancelled.cancel();
        assert_eq!(
            load_with(&s, &Budget::default(), &cancelled).err(),
            Some(RunError::Cancelled)
        );
    }

    #[test]
    fn a_compare_request_runs_one_column_per_strategy() {
        let request = Request {
            scenario: scenario("strategy=pool&workers=3&tasks=12"),
            compare: vec![Strategy::Pool, Strategy::Steal],
            program: None,
        };
        let session = session(&request, &Progress::default(), false).unwrap();
        assert_eq!(session.runs.len(), 2);
        assert_eq!(session.runs[1].scenario.strategy, Strategy::Steal);
        assert_eq!(session.runs[1].scenario.params.workers, 3);
    }

    #[test]
    fn the_sweep_varies_the_worker_count_and_finds_one_worker_slowest() {
        let s = scenario("strategy=pool&tasks=16&dur=10ms&cores=4");
        let counts = sweep_counts(&s);
        assert_eq!(counts, vec![1, 2, 3, 4, 5, 6, 8]);
        let progress = SweepProgress::default();
        let points = sweep(&s, &counts, &progress, false).unwrap();
        assert_eq!(progress.done.load(Ordering::Relaxed), counts.len() as u32);
        assert_eq!(points.len(), counts.len());
        let one = points[0];
        let four = points[3];
        assert!(one.makespan > four.makespan);
        assert!(four.efficiency() > one.efficiency());
        assert_eq!(sweep_key(Strategy::Unbounded), None);
        assert_eq!(
            with_workers(&scenario("strategy=dynamic&min_workers=4&max_workers=8"), 2)
                .params
                .min_workers,
            2
        );
    }

    #[test]
    fn without_the_pool_large_runs_are_refused_with_a_reason() {
        let small = Request {
            scenario: scenario("strategy=pool&tasks=100"),
            compare: Vec::new(),
            program: None,
        };
        assert_eq!(small.main_thread_refusal(), None);
        let large = Request {
            scenario: scenario("strategy=pool&tasks=1000000"),
            compare: Vec::new(),
            program: None,
        };
        assert!(large
            .main_thread_refusal()
            .unwrap()
            .contains("1,000,000 tasks"));
    }
}
