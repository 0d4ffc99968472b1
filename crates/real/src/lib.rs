//! The strategies run for real: goroutines on an M:N scheduler over std threads, recorded as the simulation records them so the same metrics fold over both.
//!
//! [`run`] draws the scenario's task durations exactly as the simulation
//! does, runs the strategy's `main` on `threads` pool threads until it
//! returns, and folds the recorded events with core's
//! [`gobalance_core::MetricsFold`], the pool threads standing for the Ps.
//! Core stays pure (no clock, no threads); everything that touches either
//! is here.

mod chan;
mod clock;
pub mod compare;
mod deque;
mod executor;
mod record;
mod strategies;
mod sync;
mod time;
mod work;

// Go's primitives for real goroutines, for the strategies here and any
// other program written on this runtime.
pub use chan::{Chan, Select, SelectCase, Selected};
pub use executor::{go, Alive};
pub use sync::{Ctx, Mutex, WaitGroup};
pub use time::{after, sleep, Limiter, Ticker};
pub use work::spins_per_ms;

use gobalance_core::rng::{task_durations, SimRng};
use gobalance_core::{Event, Metrics, MetricsFold, Nanos, Scenario, Sink};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Arc;

/// What the caller can see and do while a run goes on, from another thread.
#[derive(Debug, Default)]
pub struct Control {
    /// Set to stop the run; it ends with [`RealError::Cancelled`].
    pub cancel: AtomicBool,
    /// Tasks ended so far, for a progress bar.
    pub tasks_ended: AtomicU32,
}

impl Control {
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Release);
    }

    pub fn tasks_ended(&self) -> u32 {
        self.tasks_ended.load(Ordering::Acquire)
    }
}

/// A finished real run.
pub struct RealRun {
    pub metrics: Metrics,
    /// Every event, in time order, stamped with real nanoseconds since the start.
    pub events: Vec<Event>,
    /// Goroutines still blocked or running when `main` returned, on what, and where.
    pub alive: Vec<Alive>,
    pub threads: u32,
    /// Every task's duration, in task order.
    pub durations: Arc<[Nanos]>,
}

/// Why a real run did not finish.
#[derive(Debug, PartialEq, Eq)]
pub enum RealError {
    /// The scenario is not valid (the link parser's messages).
    Invalid(String),
    /// The scenario would take too long or hold too much to run for real.
    TooBig(String),
    /// `main` had not returned within the time allowed.
    TimedOut { after: Nanos },
    /// A goroutine panicked, which ends a Go program.
    Panicked(String),
    /// [`Control::cancel`] stopped it.
    Cancelled,
}

impl std::fmt::Display for RealError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RealError::Invalid(message) | RealError::TooBig(message) => f.write_str(message),
            RealError::Panicked(message) => write!(f, "a goroutine panicked: {message}"),
            RealError::Cancelled => f.write_str("the real run was cancelled"),
            RealError::TimedOut { after } => write!(
                f,
                "the real run had not finished after {after}: it was stopped (a deadlock, or a machine far slower than predicted)"
            ),
        }
    }
}

impl std::error::Error for RealError {}

/// The most tasks a real run takes: each is a goroutine's worth of real
/// work and a few recorded events.
pub const REAL_TASKS_MAX: u32 = 100_000;

/// The longest a real run is predicted to take.
pub const REAL_PREDICTED_MAX: Nanos = Nanos::from_ms(10_000);

/// Refuses a scenario too large to run for real in about ten seconds,
/// given the simulation's prediction of its makespan on `threads` cores.
pub fn check_size(scenario: &Scenario, predicted: Nanos) -> Result<(), RealError> {
    let tasks = scenario.workload.tasks;
    if tasks > REAL_TASKS_MAX {
        return Err(RealError::TooBig(format!(
            "tasks: {tasks} is too many to run for real (at most {REAL_TASKS_MAX}); lower tasks"
        )));
    }
    if predicted > REAL_PREDICTED_MAX {
        return Err(RealError::TooBig(format!(
            "the run is predicted to take {predicted}, longer than the {REAL_PREDICTED_MAX} a real run may take; lower tasks or dur"
        )));
    }
    Ok(())
}

/// Runs `scenario` for real on `threads` threads, stopping it if `main`
/// has not returned after `limit`.
pub fn run(scenario: &Scenario, threads: u32, limit: Nanos) -> Result<RealRun, RealError> {
    run_with(scenario, threads, limit, Arc::default())
}

/// [`run`], followed and cancellable through `control`. In the browser it
/// must be called on the page's rayon pool, which needs `threads` threads
/// free (the caller's among them).
pub fn run_with(
    scenario: &Scenario,
    threads: u32,
    limit: Nanos,
    control: Arc<Control>,
) -> Result<RealRun, RealError> {
    scenario.validate().map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        RealError::Invalid(lines.join("\n"))
    })?;
    let durations: Arc<[Nanos]> =
        task_durations(&scenario.workload, &mut SimRng::new(scenario.seed)).into();
    // Calibrated before the clock starts, as the Go programs do.
    spins_per_ms();
    let world = Arc::new(work::World::new(
        Arc::new(scenario.clone()),
        durations.clone(),
    ));
    let clock = clock::Clock::start();
    let finished = executor::run(
        threads,
        clock,
        || strategies::main_goroutine(world),
        control.clone(),
        limit,
    );
    if let Some(message) = finished.panicked {
        return Err(RealError::Panicked(message));
    }
    if finished.stopped && control.cancel.load(Ordering::Acquire) {
        return Err(RealError::Cancelled);
    }
    if finished.stopped {
        return Err(RealError::TimedOut { after: limit });
    }
    let mut on_threads = scenario.clone();
    on_threads.machine.cores = threads.max(1);
    let mut fold = MetricsFold::sharing(&on_threads, durations.clone());
    for event in &finished.events {
        fold.event(event);
    }
    Ok(RealRun {
        metrics: fold.finish(),
        events: finished.events,
        alive: finished.alive,
        threads: threads.max(1),
        durations,
    })
}
