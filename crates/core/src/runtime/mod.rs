//! The engine: a single-threaded virtual-time executor that runs goroutines, written as Rust futures, under Go's scheduler model.
//!
//! How a run proceeds, and why:
//!
//! 1. Every goroutine is a future. It advances only by awaiting an operation
//!    on its [`Go`](crate::Go) handle, which leaves an [`Op`] in the shared
//!    mailbox and yields. So a strategy reads like its Go program, and the
//!    engine sees every operation, with its Go source line.
//! 2. Pending wake-ups sit in a queue ordered by (time, insertion sequence).
//!    Popping one is the only way the clock moves, as in Go's faketime and
//!    `testing/synctest`: time advances when every running thing waits.
//!    Ties break by insertion order, so a run is a pure function of its scenario.
//! 3. A processor (P) that resumes its goroutine polls the future once and
//!    carries out the operation it finds: compute (the P stays busy for the
//!    cost), block (the goroutine parks; the P looks for other work), or
//!    finish at once (a zero-cost note such as "task started").
//! 4. Finding work follows the runtime's `findRunnable`: the P's due timers
//!    (`timers.rs`), the global queue while the P's `schedtick` is a
//!    multiple of 61, the P's `runnext` slot, its local run queue, a batch
//!    from the global queue, then stealing (half of another P's queue, in a
//!    random order with a coprime stride; then other Ps' due timers and
//!    their `runnext`). A goroutine readied by a running one, or by a timer,
//!    goes to that P's `runnext`; an idle P is woken (one spinning P at a
//!    time, as `wakep` does). A spinning P that finds nothing but a running
//!    P's `runnext` backs off 3 µs before taking it, as `runqgrab` does, so
//!    a channel hand-off does not bounce goroutines.
//! 5. A goroutine taken from `runnext` goes on with the time slice of the
//!    one before it; sysmon (`sysmon.rs`), polling on Go's schedule,
//!    preempts a P it has seen on the same turn for 10 ms: the goroutine
//!    goes to the back of the global queue.
//! 6. When `main` returns the program ends, as in Go: every goroutine still
//!    alive is reported as leaked, with what it was blocked on.
//!
//! Simplifications, each chosen because a learner cannot see the difference:
//! there are always enough Ms (threads); a mutex hands off to waiters in FIFO
//! order (Go's starvation mode); deque operations never contend; timers and
//! sysmon keep their nominal times (a 20 µs `usleep` takes longer), apart
//! from the network poller's whole milliseconds (`timers.rs`); a thief that backed
//! off from a `runnext` looks for work afresh rather than at the same P.
//!
//! One concern a file, each an `impl Engine` block over the state declared
//! here (child modules see its private fields; nothing outside `runtime` does):
//!
//! - `mod.rs` (this file): the engine's state, its configuration, the run
//!   loop that pops wake-ups, and the leak report when `main` returns.
//! - `outcome.rs`: how a run ends ([`Outcome`], [`SimError`]) and how a
//!   caller follows it ([`Sink`], [`Progress`]).
//! - `mailbox.rs`: the protocol between a goroutine's future and the engine
//!   ([`Op`], [`Reply`], notes, [`OpFuture`]).
//! - `scheduler.rs`: Ps, run queues, readying goroutines, waking idle Ps,
//!   finding work and stealing it; `pset.rs`: sets of Ps a thief checks;
//!   `timers.rs`: each P's timers; `sysmon.rs`: sysmon's polls and preemption.
//! - `poll.rs`: one poll step: running a goroutine's future until it
//!   computes, parks or exits, stopping where sysmon asked, and going
//!   straight on.
//! - `ops.rs`: carrying out one operation (the dispatch), parking, and the
//!   small operations that touch no shared object.
//! - `chan.rs`: channels, select, tickers; `sync.rs`: WaitGroups, mutexes,
//!   token buckets and the workers' deques; `resource.rs`: the external
//!   database.
//! - `tests.rs`: the engine's unit tests on hand-written programs.

mod chan;
mod mailbox;
mod ops;
mod outcome;
mod poll;
mod pset;
mod resource;
mod scheduler;
mod sync;
mod sysmon;
#[cfg(test)]
mod tests;
mod timers;

pub(crate) use mailbox::{Case, Guard, Mailbox, Note, Op, OpFuture, Reply, SelectDefault};
pub use outcome::{Outcome, Progress, SimError, Sink, PROGRESS_EVERY_EVENTS};

use crate::live::LiveTable;
use crate::rng::SimRng;
use crate::scenario::{limits, Costs, Resource};
use crate::time::Nanos;
use crate::trace::{Event, Kind, NONE};
use crate::vocabulary::{BlockOn, Role};
use crate::wakes::{Lane, WakeQueue, WakeUp};
use chan::Chan;
use pset::PSet;
use resource::ResourceState;
use scheduler::Processor;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use sync::{Mutex, TokenBucket, WaitGroup};
use sysmon::Sysmon;
use timers::Netpoller;

/// A goroutine's future.
pub type GoFuture = Pin<Box<dyn Future<Output = ()>>>;

/// The goroutine id of `main`.
pub const MAIN: u32 = 0;

/// A P goes straight on with its goroutine at most this many times in a row
/// before its wake-up goes through the queue and the run loop.
const STRAIGHT_ON_MAX: u32 = 64;

/// What an engine is built from, besides the goroutines' mailbox, the run's
/// random source and the sink its events go to.
#[derive(Clone, Copy)]
pub(crate) struct EngineConfig {
    /// GOMAXPROCS: how many Ps.
    pub cores: u32,
    pub costs: Costs,
    pub resource: Option<Resource>,
    /// The run stops with [`SimError::Limit`] past this many events.
    pub events_max: u64,
    /// ... or past this many goroutines alive at once.
    pub goroutines_max: u32,
    /// Whether a P may go straight on instead of queueing its wake-up (see
    /// `poll.rs`); off, every wake-up goes through the queue: the plain
    /// engine, against which the shortcut is checked.
    pub straight_on: StraightOn,
}

/// Whether a P whose wake-up would be the very next one popped may go
/// straight on without queueing it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum StraightOn {
    Allowed,
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "tests check the shortcut changes no trace")
    )]
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum GState {
    Runnable,
    Running,
    Blocked(BlockOn),
}

struct Goroutine {
    /// What is left of its program; none once it has returned.
    future: Option<GoFuture>,
    state: GState,
    /// Compute still owed when sysmon looked, or when it was preempted.
    cpu_left: Nanos,
    reply: Reply,
    /// Bumped at every park and wake, so stale waiter entries (a select's
    /// other cases) are recognised and skipped.
    wait_gen: u32,
    line: u16,
}

/// Something due at a point of virtual time.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wake {
    /// The P's goroutine finished its current cost.
    Resume(u32),
    /// A woken (spinning) P looks for work.
    Schedule(u32),
    /// A spinning P that found only another P's `runnext` looks again.
    StealRunnext(u32),
    /// A timer on this P came due (a sleep, an I/O wait, a limiter's
    /// delay, a tick): an idle P, if any, goes to fire it.
    TimerDue(u32),
    /// A call to the external resource returned.
    QueryDone(u32),
    /// sysmon wakes from a sleep.
    Sysmon,
    /// The thread blocked in the network poller returns (the poll's number).
    NetpollReturns(u32),
}

impl WakeUp for Wake {
    fn lane(&self) -> Lane {
        match self {
            // sysmon and the poller are one entry each, like a P's (a broken
            // poll leaves a stale entry, popped as a no-op).
            Wake::Resume(_)
            | Wake::Schedule(_)
            | Wake::StealRunnext(_)
            | Wake::Sysmon
            | Wake::NetpollReturns(_) => Lane::Processor,
            Wake::TimerDue(_) | Wake::QueryDone(_) => Lane::Timer,
        }
    }
}

pub(crate) struct Engine<'s, S: Sink> {
    now: Nanos,
    queue: WakeQueue<Wake>,
    costs: Costs,
    gs: LiveTable<Goroutine>,
    ps: Vec<Processor>,
    /// Goroutines in all local run queues, and Ps with a `runnext`, so an
    /// idle P knows without looking whether there is anything to steal.
    in_runqs: u32,
    with_runnext: PSet,
    /// Ps with a timer that came due and has not fired, which a thief's
    /// last pass visits (it knows of the others when their time comes).
    with_due_timers: PSet,
    /// Timers added so far: ties between timers due together break by it.
    timer_seq: u64,
    netpoller: Netpoller,
    /// The strides a thief may walk the Ps with: every number up to the
    /// number of Ps that is coprime to it (Go's `stealOrder`).
    coprimes: Vec<u32>,
    sysmon: Sysmon,
    idle_ps: Vec<u32>,
    spinning: u32,
    global: VecDeque<u32>,
    chans: Vec<Chan>,
    wait_groups: Vec<WaitGroup>,
    mutexes: Vec<Mutex>,
    buckets: Vec<TokenBucket>,
    deques: Vec<VecDeque<u32>>,
    /// Whether each deque is locked or a plain slice.
    deque_guards: Vec<Guard>,
    resource: Option<ResourceState>,
    mailbox: Rc<Mailbox>,
    /// The notes of the goroutine being polled, swapped out of the mailbox.
    notes: Vec<Note>,
    rng: Rc<RefCell<SimRng>>,
    sink: &'s mut S,
    live: u32,
    events: u64,
    events_max: u64,
    goroutines_max: u32,
    leaked: u32,
    main_done: bool,
    failure: Option<SimError>,
    /// [`STRAIGHT_ON_MAX`], or 0 to send every wake-up through the queue.
    straight_on_max: u32,
}

impl<'s, S: Sink> Engine<'s, S> {
    pub(crate) fn new(
        config: EngineConfig,
        mailbox: Rc<Mailbox>,
        rng: Rc<RefCell<SimRng>>,
        sink: &'s mut S,
    ) -> Self {
        Engine {
            now: Nanos::ZERO,
            queue: WakeQueue::new(),
            costs: config.costs,
            gs: LiveTable::default(),
            ps: (0..config.cores).map(|_| Processor::new()).collect(),
            in_runqs: 0,
            with_runnext: PSet::default(),
            with_due_timers: PSet::default(),
            timer_seq: 0,
            netpoller: Netpoller::default(),
            coprimes: (1..=config.cores)
                .filter(|&n| gcd(n, config.cores) == 1)
                .collect(),
            sysmon: Sysmon::new(),
            // Reversed so the first pop is P0, as in a fresh Go program.
            idle_ps: (0..config.cores).rev().collect(),
            spinning: 0,
            global: VecDeque::new(),
            chans: Vec::new(),
            wait_groups: Vec::new(),
            mutexes: Vec::new(),
            buckets: Vec::new(),
            deques: Vec::new(),
            deque_guards: Vec::new(),
            resource: config.resource.map(ResourceState::new),
            mailbox,
            notes: Vec::new(),
            rng,
            sink,
            live: 0,
            events: 0,
            events_max: config.events_max,
            goroutines_max: config.goroutines_max,
            leaked: 0,
            main_done: false,
            failure: None,
            straight_on_max: match config.straight_on {
                StraightOn::Allowed => STRAIGHT_ON_MAX,
                StraightOn::Never => 0,
            },
        }
    }

    /// Runs `main` until it returns.
    pub(crate) fn run(
        mut self,
        main: GoFuture,
        mut progress: Option<Progress<'_>>,
    ) -> Result<Outcome, SimError> {
        let g = self.new_goroutine(main, NONE, Role::Main, 0);
        self.make_runnable(g, scheduler::ReadyTo::GlobalQueue);
        self.start_sysmon();
        while let Some((at, wake)) = self.queue.pop() {
            if at > limits::VIRTUAL_TIME_MAX {
                return Err(SimError::Limit {
                    what: "ns of virtual time",
                    limit: limits::VIRTUAL_TIME_MAX.0,
                });
            }
            debug_assert!(at >= self.now, "time went back");
            self.now = at;
            let before = self.events;
            match wake {
                Wake::Resume(p) => self.resume(p),
                Wake::Schedule(p) => self.spin_and_run(p, scheduler::Runnext::BackOff),
                Wake::StealRunnext(p) => self.spin_and_run(p, scheduler::Runnext::Take),
                Wake::TimerDue(p) => self.timer_due(p),
                Wake::QueryDone(g) => self.query_done(g),
                Wake::Sysmon => self.sysmon_wakes(),
                Wake::NetpollReturns(polls) => self.netpoll_returns(polls),
            }
            if let Some(failure) = self.failure.take() {
                return Err(failure);
            }
            if self.main_done {
                break;
            }
            if self.events > self.events_max {
                return Err(SimError::Limit {
                    what: "events",
                    limit: self.events_max,
                });
            }
            if let Some(report) = progress.as_mut() {
                if before / PROGRESS_EVERY_EVENTS != self.events / PROGRESS_EVERY_EVENTS
                    && !report(self.events, self.now)
                {
                    return Err(SimError::Cancelled);
                }
            }
        }
        if !self.main_done {
            return Err(SimError::Deadlock { at: self.now });
        }
        self.report_leaks();
        Ok(Outcome {
            end: self.now,
            events: self.events,
            alive_at_exit: self.leaked,
        })
    }

    fn emit(&mut self, kind: Kind, g: u32, line: u16, a: u32, b: u32, c: u32) {
        self.events += 1;
        self.sink
            .event(&Event::new(self.now, g, kind, line, a, b, c));
    }

    /// Queues `wake` to happen at `at`.
    fn wake_at(&mut self, at: Nanos, wake: Wake) {
        self.queue.push(at, wake);
    }

    /// Stops the run with Go's panic `message`, blamed on `g` at its line.
    fn fail(&mut self, g: u32, message: &str) {
        if self.failure.is_none() {
            let line = self.gs.get(g).map_or(0, |x| x.line);
            self.failure = Some(SimError::Panic {
                at: self.now,
                goroutine: g,
                line,
                message: message.into(),
            });
        }
    }

    /// `main` returned: every ticker never stopped, then every goroutine
    /// still alive, with what it was doing.
    fn report_leaks(&mut self) {
        for ch in 0..self.chans.len() as u32 {
            if self.chans[ch as usize].has_leaked_ticker() {
                self.emit(Kind::TickerLeaked, NONE, 0, ch, NONE, NONE);
            }
        }
        let alive: Vec<u32> = self.gs.ids().collect();
        for g in alive {
            let on = match self.gs[g].state {
                GState::Blocked(on) => on,
                GState::Runnable => BlockOn::Runnable,
                GState::Running => BlockOn::Running,
            };
            self.leaked += 1;
            let line = self.gs[g].line;
            self.emit(Kind::Leaked, g, line, on as u32, NONE, NONE);
        }
    }
}

/// The greatest common divisor of `a` and `b`.
fn gcd(mut a: u32, mut b: u32) -> u32 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}
