//! gobalance-core: a deterministic simulator of Go programs that balance goroutine workloads.
//!
//! A [`Scenario`] (strategy, workload, machine, seed) goes in; a trace of
//! every event and the [`Metrics`] folded from it come out. The same scenario
//! gives the same trace, byte for byte, on every platform: time is integer
//! nanoseconds, ties break by insertion order, and all randomness comes from
//! one generator seeded by the scenario. See `runtime.rs` for how goroutines
//! run and `strategies/` for the programs.

pub mod go;
pub mod link;
pub mod metrics;
pub mod program;
pub mod rng;
pub mod runtime;
pub mod scenario;
pub mod strategies;
pub mod time;
pub mod trace;
pub mod view;
mod wakes;

pub use go::Go;
pub use metrics::{Metrics, MetricsFold};
pub use runtime::{BlockOn, Case, ChanRole, Outcome, Progress, Role, SimError, Sink};
pub use scenario::{Scenario, Strategy};
pub use time::Nanos;
pub use trace::{Event, Kind};

use runtime::{Engine, Mailbox};
use std::cell::RefCell;
use std::rc::Rc;
use trace::TraceHasher;

/// A finished run: how it ended, what it measured, and (when recorded) every event.
pub struct Run {
    pub outcome: Outcome,
    pub metrics: Metrics,
    pub events: Vec<Event>,
    /// The FNV-1a hash of every event, recorded or not.
    pub trace_hash: u64,
    /// Every task's duration, in task order.
    pub durations: Vec<Nanos>,
}

/// Runs a scenario, recording its trace.
pub fn simulate(scenario: &Scenario) -> Result<Run, SimError> {
    simulate_with(scenario, true, None)
}

/// Runs a scenario; `record` keeps the events, `progress` can follow and cancel a long run.
pub fn simulate_with(
    scenario: &Scenario,
    record: bool,
    progress: Option<Progress<'_>>,
) -> Result<Run, SimError> {
    scenario.validate().map_err(SimError::Invalid)?;
    let rng = Rc::new(RefCell::new(rng::SimRng::new(scenario.seed)));
    let durations = rng::task_durations(&scenario.workload, &mut rng.borrow_mut());
    let mut recorder = Recorder {
        events: if record {
            Vec::with_capacity(durations.len() * 8)
        } else {
            Vec::new()
        },
        record,
        hasher: TraceHasher::default(),
        fold: MetricsFold::new(scenario, &durations),
    };
    let world = Rc::new(go::World {
        durations: durations.clone(),
        workload: scenario.workload.clone(),
        rng: rng.clone(),
    });
    let mailbox = Rc::new(Mailbox::default());
    let main =
        strategies::main_goroutine(Go::new(mailbox.clone(), world), Rc::new(scenario.clone()));
    let engine = Engine::new(
        scenario.machine.cores,
        scenario.machine.costs,
        scenario.machine.resource,
        mailbox,
        rng,
        &mut recorder,
        if record {
            scenario::limits::RECORDED_EVENTS_MAX
        } else {
            scenario::limits::EVENTS_MAX
        },
    );
    let outcome = engine.run(main, progress)?;
    Ok(Run {
        outcome,
        metrics: recorder.fold.finish(),
        events: recorder.events,
        trace_hash: recorder.hasher.finish(),
        durations,
    })
}

/// The sink of [`simulate_with`]: keeps, hashes and folds every event.
struct Recorder {
    events: Vec<Event>,
    record: bool,
    hasher: TraceHasher,
    fold: MetricsFold,
}

impl Sink for Recorder {
    fn event(&mut self, e: &Event) {
        if self.record {
            self.events.push(*e);
        }
        self.hasher.add(e);
        self.fold.event(e);
    }
}
