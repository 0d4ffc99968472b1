//! gobalance-core: a deterministic simulator of Go programs that balance goroutine workloads.
//!
//! A [`Scenario`] (strategy, workload, machine, seed) goes in; a trace of
//! every event and the [`Metrics`] folded from it come out. The same scenario
//! gives the same trace, byte for byte, on every platform: time is integer
//! nanoseconds, ties break by insertion order, and all randomness comes from
//! one generator seeded by the scenario. See `runtime/` for how goroutines
//! run and `strategies/` for the programs.

pub mod chrome_trace;
pub mod compact;
pub mod go;
pub mod handoff;
pub mod link;
pub mod live;
pub mod metrics;
pub mod paged;
pub mod program;
pub mod rng;
pub mod runtime;
pub mod scenario;
pub mod standalone;
pub mod strategies;
pub mod time;
pub mod trace;
pub mod view;
pub mod vocabulary;
mod wakes;

mod pipeline;

pub use go::{Go, Select, Selected};
pub use metrics::{Metrics, MetricsFold};
pub use runtime::{Outcome, Progress, SimError, Sink};
pub use scenario::{Scenario, Strategy};
pub use time::Nanos;
pub use trace::{Event, Kind};
pub use vocabulary::{BlockOn, ChanRole, Role};

use runtime::{Engine, EngineConfig, Mailbox, StraightOn};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use trace::TraceHasher;

/// A finished run: how it ended, what it measured, and (when recorded) every event.
pub struct Run {
    pub outcome: Outcome,
    pub metrics: Metrics,
    pub events: Vec<Event>,
    /// The hash of every event ([`trace::TraceHasher`]), recorded or not.
    pub trace_hash: u64,
    /// Every task's duration, in task order.
    pub durations: Arc<[Nanos]>,
}

/// Runs a scenario, recording its trace.
pub fn simulate(scenario: &Scenario) -> Result<Run, SimError> {
    simulate_with(scenario, true, None)
}

/// From this many tasks up, a native run keeps, hashes and folds its events
/// on a second thread while the engine runs on (see [`pipeline`]); below it,
/// starting a thread costs more than it saves.
pub const PIPELINE_MIN_TASKS: u32 = 10_000;

/// Runs a scenario; `record` keeps the events, `progress` can follow and cancel a long run.
pub fn simulate_with(
    scenario: &Scenario,
    record: bool,
    progress: Option<Progress<'_>>,
) -> Result<Run, SimError> {
    let keep = if record { Keep::Events } else { Keep::Nothing };
    simulate_on(scenario, keep, progress, Plan::DEFAULT).map(|(run, _)| run)
}

/// Runs a scenario and builds its seekable [`view::Timeline`] as it goes
/// (on the recorder's thread when there is one): the events are kept only
/// in the timeline's compact trace, never as a full list (`run.events` is
/// empty). A timeline that comes to hold more than `bytes_max`, counted
/// with what the run itself holds ([`RunMemory`]), is given up there,
/// freeing it, and the run goes on to its end: `None`, with every metric.
/// A run whose goroutines alive at once would not fit in `bytes_max`
/// beside its tasks, even without a timeline, stops with
/// [`SimError::Limit`] instead ([`RunMemory::goroutines_max`]).
pub fn simulate_to_timeline(
    scenario: &Scenario,
    progress: Option<Progress<'_>>,
    bytes_max: usize,
) -> Result<(Run, Option<view::Timeline>), SimError> {
    simulate_on(
        scenario,
        Keep::Timeline { bytes_max },
        progress,
        Plan::DEFAULT,
    )
}

/// [`simulate_to_timeline`], showing every event to `watcher` as it is
/// recorded (on the recorder's thread when there is one) and giving it back
/// at the end: what a viewer draws from the events, such as a chart, is
/// built as the run goes instead of in a second pass over the timeline.
pub fn simulate_to_timeline_watched<W: Sink + Send + 'static>(
    scenario: &Scenario,
    progress: Option<Progress<'_>>,
    bytes_max: usize,
    watcher: W,
) -> Result<(Run, Option<view::Timeline>, W), SimError> {
    simulate_watched_on(
        scenario,
        Keep::Timeline { bytes_max },
        progress,
        Plan::DEFAULT,
        Some(Box::new(watcher)),
        None,
    )
    .map(|(run, timeline, watcher)| (run, timeline, given_back(watcher)))
}

/// What watches a run beside its recorder: a sink that may go to the
/// recorder's thread and is given back at the end. Boxed, so the engine is
/// compiled once for every kind of watcher (each copy of it costs the page
/// kilobytes).
trait Watcher: Sink + Send {
    fn into_any(self: Box<Self>) -> Box<dyn std::any::Any>;
}

impl<W: Sink + Send + 'static> Watcher for W {
    fn into_any(self: Box<Self>) -> Box<dyn std::any::Any> {
        self
    }
}

/// The watcher a run was given, back as its own type.
fn given_back<W: 'static>(watcher: Option<Box<dyn Watcher>>) -> W {
    *watcher
        .expect("a watched run keeps its watcher to the end")
        .into_any()
        .downcast::<W>()
        .expect("a run gives back the watcher it was given")
}

/// A program run in place of the scenario's strategy, such as a learner's
/// own Go program: given `main`'s handle on the runtime, the future of
/// `main`'s body.
pub type MainProgram = Box<dyn FnOnce(Go) -> runtime::GoFuture>;

/// Runs `main` on the scenario's machine, costs, workload and seed instead
/// of its strategy; `record` keeps the events.
pub fn simulate_program(
    scenario: &Scenario,
    main: MainProgram,
    record: bool,
    progress: Option<Progress<'_>>,
) -> Result<Run, SimError> {
    let keep = if record { Keep::Events } else { Keep::Nothing };
    simulate_watched_on(scenario, keep, progress, Plan::DEFAULT, None, Some(main))
        .map(|(run, ..)| run)
}

/// What a run keeps of its events.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    Nothing,
    /// Every event, 24 bytes each.
    Events,
    /// A timeline: the events compact, with snapshots; given up past `bytes_max`.
    Timeline {
        bytes_max: usize,
    },
}

/// How [`simulate_on`] runs, where tests need to choose.
#[derive(Clone, Copy)]
struct Plan {
    threads: Threads,
    /// Whether a P may go straight on instead of queueing its wake-up.
    straight_on: StraightOn,
}

/// Which thread records a run's events.
#[derive(Clone, Copy)]
enum Threads {
    /// A second thread from [`PIPELINE_MIN_TASKS`] tasks up, when there is a second core.
    Auto,
    /// The engine's own thread.
    #[cfg_attr(not(test), expect(dead_code, reason = "tests compare the two"))]
    One,
    /// A second thread, whatever the size of the run and the number of cores.
    #[cfg_attr(not(test), expect(dead_code, reason = "tests compare the two"))]
    Two,
    /// Threads this lender lends ([`handoff`]), whatever the size of the run.
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "tests compare it with one thread")
    )]
    Lent(handoff::Lender),
}

impl Plan {
    const DEFAULT: Plan = Plan {
        threads: Threads::Auto,
        straight_on: StraightOn::Allowed,
    };
}

fn simulate_on(
    scenario: &Scenario,
    keep: Keep,
    progress: Option<Progress<'_>>,
    plan: Plan,
) -> Result<(Run, Option<view::Timeline>), SimError> {
    simulate_watched_on(scenario, keep, progress, plan, None, None)
        .map(|(run, timeline, _)| (run, timeline))
}

fn simulate_watched_on(
    scenario: &Scenario,
    keep: Keep,
    progress: Option<Progress<'_>>,
    plan: Plan,
    watcher: Option<Box<dyn Watcher>>,
    program: Option<MainProgram>,
) -> Result<(Run, Option<view::Timeline>, Option<Box<dyn Watcher>>), SimError> {
    let (outcome, recorder, durations) =
        run_recorded(scenario, keep, progress, plan, watcher, program)?;
    Ok(recorder.finish(outcome?, durations))
}

/// Runs a scenario (or `program` on it) into a [`Recorder`]: how the run
/// ended, and what the recorder holds, whether it ended well or not.
fn run_recorded(
    scenario: &Scenario,
    keep: Keep,
    progress: Option<Progress<'_>>,
    plan: Plan,
    watcher: Option<Box<dyn Watcher>>,
    program: Option<MainProgram>,
) -> Result<(Result<Outcome, SimError>, Recorder, Arc<[Nanos]>), SimError> {
    scenario.validate().map_err(SimError::Invalid)?;
    let rng = Rc::new(RefCell::new(rng::SimRng::new(scenario.seed)));
    let two_threads = match plan.threads {
        Threads::Auto => scenario.workload.tasks >= PIPELINE_MIN_TASKS && pipeline::second_core(),
        Threads::One | Threads::Lent(_) => false,
        Threads::Two => true,
    };
    let draw = if two_threads {
        rng::task_durations_on_two_threads
    } else {
        rng::task_durations
    };
    // Shared, not copied: the goroutines and the metrics read the same list.
    let durations: Arc<[Nanos]> = draw(&scenario.workload, &mut rng.borrow_mut()).into();
    let recorder = Recorder::new(scenario, &durations, keep, watcher);
    let world = Rc::new(go::World {
        durations: durations.clone(),
        workload: scenario.workload.clone(),
    });
    let mailbox = Rc::new(Mailbox::default());
    let go = Go::new(mailbox.clone(), world);
    let main = match program {
        Some(program) => program(go),
        None => strategies::main_goroutine(go, Rc::new(scenario.clone())),
    };
    let events_max = if keep == Keep::Events {
        scenario::limits::RECORDED_EVENTS_MAX
    } else {
        scenario::limits::EVENTS_MAX
    };
    let goroutines_max = match keep {
        Keep::Timeline { bytes_max } => RunMemory::goroutines_max(scenario, bytes_max),
        Keep::Nothing | Keep::Events => scenario::limits::GOROUTINES_MAX,
    };
    let config = EngineConfig {
        cores: scenario.machine.cores,
        costs: scenario.machine.costs,
        resource: scenario.machine.resource,
        events_max,
        goroutines_max,
        straight_on: plan.straight_on,
    };
    let program = Program {
        main,
        mailbox,
        rng,
        config,
    };
    // Where the platform lends threads (the page), large runs fold on one.
    let lender = match plan.threads {
        Threads::Auto if !two_threads && scenario.workload.tasks >= PIPELINE_MIN_TASKS => {
            handoff::lender()
        }
        Threads::Lent(lender) => Some(lender),
        Threads::Auto | Threads::One | Threads::Two => None,
    };
    let (outcome, recorder) = if two_threads {
        pipeline::beside(recorder, |sink| program.run(sink, progress))
    } else if let Some(lender) = lender {
        handoff::beside(recorder, lender, |sink| program.run(sink, progress))
    } else {
        in_line(recorder, program, progress)
    };
    Ok((outcome, recorder, durations))
}

/// Runs `main` on the scenario as [`simulate_program`] does, keeping every
/// event however the run ends: a program that deadlocks or panics is worth
/// stepping up to where it failed. `Err` only for an invalid scenario.
pub fn record_program(
    scenario: &Scenario,
    main: MainProgram,
    progress: Option<Progress<'_>>,
) -> Result<(Result<Outcome, SimError>, Vec<Event>), SimError> {
    let (outcome, recorder, _) = run_recorded(
        scenario,
        Keep::Events,
        progress,
        Plan::DEFAULT,
        None,
        Some(main),
    )?;
    Ok((outcome, recorder.far.events))
}

/// Builds the run and timeline of events recorded elsewhere (the learner's
/// program runs in a second wasm module), showing each to `watcher`:
/// what [`simulate_to_timeline_watched`] gives for the same events.
pub fn replay_to_timeline_watched<W: Sink + Send + 'static>(
    scenario: &Scenario,
    events: impl IntoIterator<Item = Event>,
    outcome: Outcome,
    bytes_max: usize,
    watcher: W,
) -> Result<(Run, Option<view::Timeline>, W), SimError> {
    scenario.validate().map_err(SimError::Invalid)?;
    let rng = &mut rng::SimRng::new(scenario.seed);
    let durations: Arc<[Nanos]> = rng::task_durations(&scenario.workload, rng).into();
    let keep = Keep::Timeline { bytes_max };
    let mut recorder = Recorder::new(scenario, &durations, keep, Some(Box::new(watcher)));
    events.into_iter().for_each(|e| recorder.event(&e));
    let (run, timeline, watcher) = recorder.finish(outcome, durations);
    Ok((run, timeline, given_back(watcher)))
}

/// Runs the engine with the recorder on this thread.
#[cfg(not(target_arch = "wasm32"))]
fn in_line(
    mut recorder: Recorder,
    program: Program,
    progress: Option<Progress<'_>>,
) -> (Result<Outcome, SimError>, Recorder) {
    (program.run(&mut recorder, progress), recorder)
}

/// In the page every run goes through [`handoff`], lent a thread or not:
/// one sink type, so one copy of the engine in the wasm.
#[cfg(target_arch = "wasm32")]
fn in_line(
    recorder: Recorder,
    program: Program,
    progress: Option<Progress<'_>>,
) -> (Result<Outcome, SimError>, Recorder) {
    handoff::beside(recorder, handoff::NOT_LENT, |sink| {
        program.run(sink, progress)
    })
}

/// A strategy's program, ready to run.
struct Program {
    main: runtime::GoFuture,
    mailbox: Rc<Mailbox>,
    rng: Rc<RefCell<rng::SimRng>>,
    config: EngineConfig,
}

impl Program {
    /// Generic over the sink so that the engine's every event reaches it without an indirect call.
    fn run<S: Sink>(
        self,
        sink: &mut S,
        progress: Option<Progress<'_>>,
    ) -> Result<Outcome, SimError> {
        let engine = Engine::new(self.config, self.mailbox, self.rng, sink);
        engine.run(self.main, progress)
    }
}

/// What a run holds besides its timeline, as the page's wasm memory
/// measured it (`perf/largest-runs.mjs`), so that a timeline's budget can
/// count it: the tab's peak is the two together. A model from the run's own
/// counts, not a reading of the allocator, so that whether a run keeps its
/// timeline depends on the scenario alone.
pub struct RunMemory;

impl RunMemory {
    /// A task's duration and latency, with room for the allocator: a pool
    /// of five million tasks grows the page's memory by 106 MB beside its
    /// timeline.
    pub const TASK_BYTES: usize = 24;
    /// A goroutine's entries in the tables indexed by its id (the engine's,
    /// the metrics', the chart's and the view's), which outlive it, with
    /// their vectors' doubling: five million goroutines, 308,000 alive at
    /// once, grow it by 379 MB.
    pub const GOROUTINE_BYTES: usize = 40;
    /// A live goroutine at the run's peak: its future, its entries in the
    /// engine's tables, its timers and wake-ups, with their doubling.
    pub const LIVE_GOROUTINE_BYTES: usize = 256;

    /// Goroutines alive at once that a run of `scenario` may have within
    /// `bytes_max` beside its tasks and the ids it will give: at most
    /// [`scenario::limits::GOROUTINES_MAX`].
    pub fn goroutines_max(scenario: &Scenario, bytes_max: usize) -> u32 {
        let tasks = scenario.workload.tasks;
        let ids = Self::ids(scenario.strategy, tasks, 0);
        let left = bytes_max.saturating_sub(Self::bytes(tasks, ids, 0));
        (left / Self::LIVE_GOROUTINE_BYTES).min(scenario::limits::GOROUTINES_MAX as usize) as u32
    }

    /// The goroutine ids a run of `strategy` over `tasks` will have given,
    /// as far as can be told once it has given `given`: a program that
    /// starts a goroutine a task gives as many as there are tasks.
    pub fn ids(strategy: Strategy, tasks: u32, given: u32) -> u32 {
        if strategy.goroutine_per_task() {
            given.max(tasks)
        } else {
            given
        }
    }

    /// What a run of `tasks` that has given `goroutines` ids, `peak_live` of
    /// them alive at once, holds.
    pub fn bytes(tasks: u32, goroutines: u32, peak_live: u32) -> usize {
        tasks as usize * Self::TASK_BYTES
            + goroutines as usize * Self::GOROUTINE_BYTES
            + peak_live as usize * Self::LIVE_GOROUTINE_BYTES
    }
}

/// The sink of [`simulate_with`]: hashes, folds and shows every event
/// ([`Near`]), and keeps it or adds it to the timeline ([`Far`]). In the
/// page the two halves fold on different threads ([`handoff`]): the
/// engine's thread does the near half as the events come, the lent one the
/// far half, the dearer, a chunk at a time.
struct Recorder {
    near: Near,
    far: Far,
}

/// What every run folds: the trace's hash, the metrics, the watcher.
pub(crate) struct Near {
    hasher: TraceHasher,
    fold: MetricsFold,
    watcher: Option<Box<dyn Watcher>>,
}

/// What a run keeps: every event, or the timeline.
pub(crate) struct Far {
    events: Vec<Event>,
    record: bool,
    timeline: Option<view::TimelineBuilder>,
    /// Past holding this many bytes, with what the run holds, the timeline is given up.
    timeline_bytes_max: usize,
}

/// Events between two checks of a timeline's budget: a chunk of the
/// threads' hand-over, so that every way of folding checks at the same
/// events with the same count of what the run holds.
pub(crate) const BUDGET_CHECK_EVENTS: u64 = 32768;

impl Sink for Recorder {
    fn event(&mut self, e: &Event) {
        self.near.event(e);
        let near = &self.near;
        self.far.event(e, || near.run_memory_bytes());
    }
}

impl Near {
    pub(crate) fn event(&mut self, e: &Event) {
        self.hasher.add(e);
        self.fold.event(e);
        if let Some(watcher) = &mut self.watcher {
            watcher.event(e);
        }
    }

    /// What the run holds besides its timeline, after the events so far.
    pub(crate) fn run_memory_bytes(&self) -> usize {
        self.fold.run_memory_bytes()
    }
}

impl Far {
    /// Events kept so far, in the list or the timeline.
    fn len(&self) -> u64 {
        self.timeline
            .as_ref()
            .map_or(self.events.len() as u64, view::TimelineBuilder::len)
    }

    /// Keeps `e` (if asked) and adds it to the timeline, giving the
    /// timeline up first if, at a check, it and `run_bytes` (what the run
    /// holds after `e`, asked only then) pass the budget.
    pub(crate) fn event(&mut self, e: &Event, run_bytes: impl FnOnce() -> usize) {
        if self.record {
            self.events.push(*e);
        }
        if let Some(timeline) = &mut self.timeline {
            let full = timeline.len().is_multiple_of(BUDGET_CHECK_EVENTS)
                && timeline.bytes_held() + run_bytes() > self.timeline_bytes_max;
            if full {
                self.timeline = None;
            } else {
                timeline.push(e);
            }
        }
    }

    /// A chunk handed over from the engine's thread, with what the run
    /// held after its first event (the only one that is checked).
    pub(crate) fn chunk(&mut self, chunk: &[Event], run_bytes: usize) {
        debug_assert!(self.len().is_multiple_of(BUDGET_CHECK_EVENTS));
        chunk.iter().for_each(|e| self.event(e, || run_bytes));
    }
}

impl Recorder {
    fn new(
        scenario: &Scenario,
        durations: &Arc<[Nanos]>,
        keep: Keep,
        watcher: Option<Box<dyn Watcher>>,
    ) -> Recorder {
        let record = keep == Keep::Events;
        let timeline_bytes_max = match keep {
            Keep::Timeline { bytes_max } => Some(bytes_max),
            _ => None,
        };
        Recorder {
            near: Near {
                hasher: TraceHasher::default(),
                fold: MetricsFold::sharing(scenario, durations.clone()),
                watcher,
            },
            far: Far {
                events: if record {
                    Vec::with_capacity(durations.len() * 8)
                } else {
                    Vec::new()
                },
                record,
                timeline: timeline_bytes_max.map(|_| view::TimelineBuilder::new(scenario)),
                timeline_bytes_max: timeline_bytes_max.unwrap_or(0),
            },
        }
    }

    /// The run, its timeline and the watcher, once the engine is done.
    fn finish(
        self,
        outcome: Outcome,
        durations: Arc<[Nanos]>,
    ) -> (Run, Option<view::Timeline>, Option<Box<dyn Watcher>>) {
        let run = Run {
            outcome,
            metrics: self.near.fold.finish(),
            events: self.far.events,
            trace_hash: self.near.hasher.finish(),
            durations,
        };
        (
            run,
            self.far.timeline.map(view::TimelineBuilder::finish),
            self.near.watcher,
        )
    }

    /// Folds a chunk of events handed over from the engine's thread.
    #[cfg_attr(
        target_arch = "wasm32",
        expect(
            dead_code,
            reason = "in the page the halves fold apart (handoff); only the native pipeline hands the whole recorder a chunk"
        )
    )]
    fn events(&mut self, chunk: &[Event]) {
        chunk.iter().for_each(|e| self.event(e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sink that keeps what it is shown, to compare two runs' watchers.
    #[derive(Default)]
    struct Seen(Vec<Event>);

    impl Sink for Seen {
        fn event(&mut self, e: &Event) {
            self.0.push(*e);
        }
    }

    /// Events carried as bytes and replayed give the run and the timeline
    /// that recording them gave.
    #[test]
    fn replayed_events_give_the_recorded_run_and_timeline() {
        for query in [
            "strategy=pool&tasks=3000&dist=exp&dur=50us",
            "strategy=steal&tasks=2000&dist=pareto&dur=50us&cpu=0.5",
            "strategy=leak&tasks=500&dur=1ms",
        ] {
            let scenario = link::parse(query).expect("a valid link").scenario;
            let (run, timeline, seen) =
                simulate_to_timeline_watched(&scenario, None, usize::MAX, Seen::default())
                    .expect("runs");
            let timeline = timeline.expect("kept");
            let bytes: Vec<u8> = seen.0.iter().flat_map(Event::to_bytes).collect();
            let carried = bytes.chunks_exact(Event::BYTES).map(|chunk| {
                Event::from_bytes(chunk.try_into().expect("24 bytes")).expect("an event")
            });
            let (replayed, replayed_timeline, replayed_seen) = replay_to_timeline_watched(
                &scenario,
                carried,
                run.outcome,
                usize::MAX,
                Seen::default(),
            )
            .expect("replays");
            let replayed_timeline = replayed_timeline.expect("kept");
            assert_eq!(replayed.metrics, run.metrics, "{query}");
            assert_eq!(replayed.trace_hash, run.trace_hash, "{query}");
            assert!(replayed_seen.0 == seen.0, "{query}");
            assert_eq!(replayed_timeline.len(), timeline.len(), "{query}");
            assert_eq!(replayed_timeline.end_time(), timeline.end_time(), "{query}");
            let last = timeline.len() - 1;
            assert!(
                replayed_timeline.state_at(last) == timeline.state_at(last),
                "{query}"
            );
        }
    }

    /// Bytes that hold no event's kind are refused, not read as some event.
    #[test]
    fn bytes_with_a_kind_out_of_range_are_not_an_event() {
        let event = Event::new(Nanos(5), 1, Kind::Leaked, 3, 4, 5, 6);
        let mut bytes = event.to_bytes();
        assert_eq!(Event::from_bytes(&bytes), Some(event));
        bytes[6] |= 0xfc; // the kind's bits, past Kind::ALL
        assert_eq!(Event::from_bytes(&bytes), None);
    }

    /// The second thread changes when events are folded, never what comes out.
    #[test]
    fn a_run_folded_on_another_thread_equals_the_run_on_one() {
        for (query, keep) in [
            ("strategy=pool&tasks=30000&dist=exp&dur=50us", Keep::Events),
            (
                "strategy=steal&tasks=30000&dist=pareto&dur=50us&cpu=0.5",
                Keep::Nothing,
            ),
            (
                "strategy=unbounded&tasks=30000&dist=exp&dur=1ms",
                Keep::Timeline {
                    bytes_max: usize::MAX,
                },
            ),
        ] {
            let scenario = link::parse(query).expect("a valid link").scenario;
            let on_one = Plan {
                threads: Threads::One,
                ..Plan::DEFAULT
            };
            // Forced, so the test runs the second thread even on one core;
            // and on lent threads that start at once, late, or never.
            let now: handoff::Lender = |job| drop(std::thread::spawn(job));
            let late: handoff::Lender = |job| {
                drop(std::thread::spawn(|| {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    job();
                }))
            };
            let never: handoff::Lender = drop;
            for threads in [
                Threads::Two,
                Threads::Lent(now),
                Threads::Lent(late),
                Threads::Lent(never),
            ] {
                let on_two = Plan {
                    threads,
                    ..Plan::DEFAULT
                };
                let (one, one_timeline) = simulate_on(&scenario, keep, None, on_one).expect("runs");
                let (two, two_timeline) = simulate_on(&scenario, keep, None, on_two).expect("runs");
                assert_eq!(one.trace_hash, two.trace_hash, "{query}");
                assert_eq!(one.metrics, two.metrics, "{query}");
                assert_eq!(one.outcome, two.outcome, "{query}");
                assert!(one.events == two.events, "{query}");
                assert_eq!(one.events.is_empty(), keep != Keep::Events, "{query}");
                assert_eq!(
                    one_timeline.is_some(),
                    matches!(keep, Keep::Timeline { .. }),
                    "{query}"
                );
                if let (Some(one), Some(two)) = (one_timeline, two_timeline) {
                    let all = simulate(&scenario).expect("runs").events;
                    assert!(one.events_from(0).eq(all.iter().copied()), "{query}");
                    assert!(two.events_from(0).eq(all.iter().copied()), "{query}");
                    assert_eq!(one.state_at(one.len()), two.state_at(two.len()), "{query}");
                }
            }
        }
    }

    /// Going straight on is only a shortcut: every golden scenario, and some
    /// that keep many Ps busy, give the same trace when every wake-up goes
    /// through the queue.
    #[test]
    fn going_straight_on_changes_no_trace() {
        let golden = include_str!("../tests/golden_hashes.txt")
            .lines()
            .filter_map(|line| line.split_once(' ').map(|(_, link)| link));
        let busy = [
            "strategy=pool&workers=16&tasks=300&dist=exp&dur=2ms&cpu=1&cores=8&tasks_buffer=10",
            "strategy=steal&workers=8&tasks=300&dist=pareto&dur=1ms&cpu=0.7&cores=4&steal=one",
            "strategy=unbounded&tasks=300&dist=exp&dur=1ms&cpu=0.3&cores=3&spawn_cost=0",
            "strategy=fanout&workers=6&tasks=200&dist=exp&dur=1ms&cpu=0.5&cores=2&ordered=true",
            "strategy=pool&workers=4&tasks=100&dur=1ms&chan_cost=0&switch_cost=0&sync_cost=0",
        ];
        let plain = Plan {
            straight_on: StraightOn::Never,
            ..Plan::DEFAULT
        };
        for query in golden.chain(busy) {
            let scenario = link::parse(query).expect("a valid link").scenario;
            let short = simulate_on(&scenario, Keep::Nothing, None, Plan::DEFAULT);
            let long = simulate_on(&scenario, Keep::Nothing, None, plain);
            let hash = |run: &Result<(Run, _), SimError>| run.as_ref().map(|r| r.0.trace_hash).ok();
            assert_eq!(hash(&short), hash(&long), "{query}");
            assert!(hash(&short).is_some(), "{query} runs");
        }
    }

    #[test]
    fn a_program_given_as_main_runs_as_the_strategy_it_equals() {
        let link = "strategy=pool&workers=3&tasks=50&dist=exp&dur=2ms&cores=2";
        let scenario = link::parse(link).expect("a valid link").scenario;
        let shared = Rc::new(scenario.clone());
        let main: MainProgram = Box::new(move |go| strategies::main_goroutine(go, shared));
        let given = simulate_program(&scenario, main, true, None).expect("runs");
        let strategy = simulate(&scenario).expect("runs");
        assert_eq!(given.trace_hash, strategy.trace_hash, "{link}");
        assert_eq!(given.metrics, strategy.metrics, "{link}");
    }

    #[test]
    fn a_failing_run_on_two_threads_reports_its_error() {
        let scenario = link::parse("tasks=20000").expect("a valid link").scenario;
        let mut calls = 0;
        let mut stop_at_once = |_: u64, _: Nanos| {
            calls += 1;
            false
        };
        let on_two = Plan {
            threads: Threads::Two,
            ..Plan::DEFAULT
        };
        let outcome = simulate_on(&scenario, Keep::Events, Some(&mut stop_at_once), on_two);
        assert!(matches!(outcome, Err(SimError::Cancelled)));
        assert_eq!(calls, 1);
    }

    #[test]
    fn a_timeline_past_its_budget_is_given_up_and_the_run_goes_on() {
        let scenario = link::parse("strategy=pool&tasks=3000")
            .expect("a valid link")
            .scenario;
        let whole = simulate(&scenario).expect("runs");
        // Room for the run's 3,000 tasks (72 KB) and its few goroutines, not
        // for its timeline.
        let (run, timeline) = simulate_to_timeline(&scenario, None, 100_000).expect("runs");
        assert!(timeline.is_none());
        assert_eq!(run.metrics, whole.metrics);
        assert_eq!(run.trace_hash, whole.trace_hash);
        let (_, timeline) = simulate_to_timeline(&scenario, None, usize::MAX).expect("runs");
        assert_eq!(timeline.map(|t| t.len()), Some(whole.events.len() as u64));
    }
}
