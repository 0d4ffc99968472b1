//! A task's real work: its computing share spun on the thread, calibrated in nanoseconds as the Go programs' spinner is, and its waiting share a timed wait that holds no thread.

use crate::chan::Select;
use crate::clock::Clock;
use crate::executor::{note, parking_on, shared};
use crate::sync::Ctx;
use crate::time::{after, sleep_as};
use gobalance_core::trace::NONE;
use gobalance_core::{BlockOn, Kind, Nanos, Scenario};
use std::hint::black_box;
use std::sync::{Arc, OnceLock};

/// What every goroutine of a real run can see: the tasks and how each
/// splits into computing and waiting.
pub struct World {
    durations: Arc<[Nanos]>,
    scenario: Arc<Scenario>,
}

impl World {
    pub(crate) fn new(scenario: Arc<Scenario>, durations: Arc<[Nanos]>) -> World {
        World {
            durations,
            scenario,
        }
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn tasks(&self) -> u32 {
        self.durations.len() as u32
    }

    /// Task `t` now waits in a queue.
    pub fn task_queued(&self, t: u32) {
        note(Kind::TaskQueued, t, NONE, 0);
    }

    /// Result `t` handed on; `held` results wait for their turn.
    pub fn deliver(&self, t: u32, held: u32) {
        note(Kind::Deliver, t, held, 0);
    }

    fn split(&self, t: u32) -> (Nanos, Nanos) {
        let d = self.durations[t as usize];
        let cpu = self.scenario.workload.cpu_part(d);
        (cpu, d - cpu)
    }

    /// Runs task `t` as `worker`, at `line`: computes, then waits.
    pub async fn run_task(&self, t: u32, worker: u32, line: u16) {
        note(Kind::TaskStart, t, worker, 0);
        let (cpu, wait) = self.split(t);
        if !spin(cpu) {
            return cut_off(line).await;
        }
        if wait > Nanos::ZERO {
            sleep_as(wait, BlockOn::Io, line).await;
        }
        task_ended(t, true);
    }

    /// Runs task `t` whose waiting gives up when `ctx` is cancelled, as a
    /// context-aware call does; true if it completed.
    pub async fn run_task_ctx(&self, t: u32, worker: u32, ctx: &Ctx, line: u16) -> bool {
        note(Kind::TaskStart, t, worker, 0);
        let (cpu, wait) = self.split(t);
        if !spin(cpu) {
            cut_off(line).await;
            return false;
        }
        let mut select = Select::new();
        let timer = select.recv(&after(wait));
        select.recv(ctx.done());
        let completed = select.wait(line).await.is(timer);
        task_ended(t, completed);
        completed
    }
}

fn task_ended(t: u32, completed: bool) {
    note(Kind::TaskEnd, t, u32::from(!completed), 0);
    shared()
        .control
        .tasks_ended
        .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
}

/// How many spin iterations one millisecond of computing takes on this
/// machine, measured once: the fastest of many short rounds of the very
/// function that computes. Short rounds, because in the browser the wasm
/// engine first runs a function on its baseline compiler and swaps in
/// optimized code only for later calls: one long round, as the Go
/// programs' `calibrate` times, measured the baseline code there, and
/// computing then ran 1.6 times faster than asked.
pub fn spins_per_ms() -> u64 {
    static SPINS_PER_MS: OnceLock<u64> = OnceLock::new();
    *SPINS_PER_MS.get_or_init(|| {
        const ROUND: u64 = 1_000_000;
        const ROUNDS: usize = 40;
        let fastest = (0..ROUNDS)
            .map(|_| {
                let clock = Clock::start();
                spin_iterations(ROUND);
                clock.now().0.max(1)
            })
            .min()
            .expect("rounds");
        (ROUND * 1_000_000 / fastest).max(1)
    })
}

/// The Go programs' spin loop, iteration for iteration; never inlined, so
/// that calibrating and computing run the same code.
#[inline(never)]
fn spin_iterations(n: u64) {
    let mut x: i64 = 0;
    for i in 0..n as i64 {
        x = black_box(x.wrapping_add(i ^ (x >> 3)));
    }
    black_box(x);
}

fn iterations_for(d: Nanos) -> u64 {
    (u128::from(spins_per_ms()) * u128::from(d.0) / 1_000_000) as u64
}

/// Computes for about `d`, a millisecond at a time, so that a run that
/// is over stops computing within a millisecond; false if it stopped so.
fn spin(d: Nanos) -> bool {
    let per_ms = spins_per_ms();
    let mut left = iterations_for(d);
    let shared = shared();
    while left > 0 {
        if shared.should_stop() {
            return false;
        }
        let chunk = left.min(per_ms);
        spin_iterations(chunk);
        left -= chunk;
    }
    true
}

/// A task the program's end cut off while it computed: it never ends,
/// and the leak report finds its goroutine still running.
async fn cut_off(line: u16) {
    std::future::poll_fn(|_| {
        parking_on(BlockOn::Running, line);
        std::task::Poll::<()>::Pending
    })
    .await
}
