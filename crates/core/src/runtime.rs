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
//! 4. Finding work follows the runtime's `findrunnable`: the P's `runnext`
//!    slot, its local run queue, the global queue (checked first every 61st
//!    tick for fairness), then stealing half of a random other P's queue.
//!    A goroutine readied by a running one goes to that P's `runnext`; one
//!    woken by a timer goes to the global queue; an idle P is woken (one
//!    spinning P at a time, as `wakep` does). A spinning P that finds nothing
//!    but a running P's `runnext` backs off 3 µs before taking it, as
//!    `runqgrab` does, so a channel hand-off does not bounce goroutines.
//! 5. Compute longer than a time slice (10 ms) is preempted, as sysmon does:
//!    the goroutine goes to the back of the global queue.
//! 6. When `main` returns the program ends, as in Go: every goroutine still
//!    alive is reported as leaked, with what it was blocked on.
//!
//! Simplifications, each chosen because a learner cannot see the difference:
//! there are always enough Ms (threads); a mutex hands off to waiters in FIFO
//! order (Go's starvation mode); deque operations never contend.

use crate::rng::SimRng;
use crate::scenario::{limits, Costs, Overload, Resource, StealAmount};
use crate::time::Nanos;
use crate::trace::{Event, Kind, NONE};
use crate::wakes::{Lane, Ticket, WakeQueue, WakeUp};
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

/// A goroutine's future.
pub type GoFuture = Pin<Box<dyn Future<Output = ()>>>;

/// The goroutine id of `main`.
pub const MAIN: u32 = 0;

/// What a goroutine is for, so views can label lanes and metrics can find the workers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[repr(u32)]
pub enum Role {
    Main,
    /// Runs tasks; the index is the worker number (or the task, for one goroutine per task).
    Worker,
    Producer,
    Collector,
    /// Waits for the workers and closes the results channel.
    Closer,
    /// Dynamic scaling's sampler.
    Controller,
    /// Fan-in: copies one worker's output into the merged channel.
    Forwarder,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Main,
        Role::Worker,
        Role::Producer,
        Role::Collector,
        Role::Closer,
        Role::Controller,
        Role::Forwarder,
    ];

    pub fn from_u32(code: u32) -> Option<Role> {
        Role::ALL.get(code as usize).copied()
    }

    pub fn name(self) -> &'static str {
        match self {
            Role::Main => "main",
            Role::Worker => "worker",
            Role::Producer => "producer",
            Role::Collector => "collector",
            Role::Closer => "closer",
            Role::Controller => "controller",
            Role::Forwarder => "forwarder",
        }
    }
}

/// What a parked goroutine waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[repr(u32)]
pub enum BlockOn {
    ChanSend,
    ChanRecv,
    Select,
    WaitGroup,
    Mutex,
    Sleep,
    Io,
    Limiter,
    /// Waiting for a free connection of the external resource.
    Resource,
    /// Not blocked: runnable, in a run queue (only in `Leaked` events).
    Runnable,
    /// Not blocked: running on a P (only in `Leaked` events).
    Running,
}

impl BlockOn {
    pub const ALL: [BlockOn; 11] = [
        BlockOn::ChanSend,
        BlockOn::ChanRecv,
        BlockOn::Select,
        BlockOn::WaitGroup,
        BlockOn::Mutex,
        BlockOn::Sleep,
        BlockOn::Io,
        BlockOn::Limiter,
        BlockOn::Resource,
        BlockOn::Runnable,
        BlockOn::Running,
    ];

    pub fn from_u32(code: u32) -> Option<BlockOn> {
        BlockOn::ALL.get(code as usize).copied()
    }

    /// Whether only another goroutine can end this wait (a channel, select,
    /// WaitGroup or mutex), as opposed to time passing (sleep, I/O, a limiter)
    /// or not waiting at all. At `main`'s return, such a goroutine is leaked.
    pub fn needs_another_goroutine(self) -> bool {
        matches!(
            self,
            BlockOn::ChanSend
                | BlockOn::ChanRecv
                | BlockOn::Select
                | BlockOn::WaitGroup
                | BlockOn::Mutex
        )
    }

    pub fn name(self) -> &'static str {
        match self {
            BlockOn::ChanSend => "chan send",
            BlockOn::ChanRecv => "chan receive",
            BlockOn::Select => "select",
            BlockOn::WaitGroup => "WaitGroup.Wait",
            BlockOn::Mutex => "Mutex.Lock",
            BlockOn::Sleep => "sleep",
            BlockOn::Io => "I/O",
            BlockOn::Limiter => "rate limiter",
            BlockOn::Resource => "database connection",
            BlockOn::Runnable => "runnable",
            BlockOn::Running => "running",
        }
    }
}

/// What a channel is used for, so a view can say "blocked on the semaphore".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[repr(u32)]
pub enum ChanRole {
    Tasks,
    Results,
    Semaphore,
    Quit,
    /// A context's `Done()` channel.
    Done,
    Ticker,
    /// One worker's own output channel (fan-out).
    Output,
}

impl ChanRole {
    pub const ALL: [ChanRole; 7] = [
        ChanRole::Tasks,
        ChanRole::Results,
        ChanRole::Semaphore,
        ChanRole::Quit,
        ChanRole::Done,
        ChanRole::Ticker,
        ChanRole::Output,
    ];

    pub fn from_u32(code: u32) -> Option<ChanRole> {
        ChanRole::ALL.get(code as usize).copied()
    }

    pub fn name(self) -> &'static str {
        match self {
            ChanRole::Tasks => "tasks",
            ChanRole::Results => "results",
            ChanRole::Semaphore => "semaphore",
            ChanRole::Quit => "quit",
            ChanRole::Done => "done",
            ChanRole::Ticker => "ticker",
            ChanRole::Output => "output",
        }
    }
}

/// One case of a `select`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    Send { ch: u32, value: u32 },
    Recv { ch: u32 },
}

/// An operation a goroutine asks the engine to perform.
#[derive(Clone, Debug)]
pub(crate) enum Op {
    Cpu(Nanos),
    Sleep(Nanos),
    Io(Nanos),
    /// A call to the external resource (falls back to plain I/O without one).
    Query(Nanos),
    Spawn(Role, u32),
    MakeChan(u32, ChanRole),
    Send(u32, u32),
    Recv(u32),
    Close(u32),
    Cancel(u32),
    Select(Vec<Case>, bool),
    NewWaitGroup,
    WgAdd(u32, i32),
    WgWait(u32),
    NewMutex,
    Lock(u32),
    Unlock(u32),
    NewLimiter {
        rate_per_s: u32,
        burst: u32,
    },
    LimiterWait(u32),
    NewTicker(Nanos),
    /// `time.After(d)`: a one-shot ticker.
    After(Nanos),
    StopTicker(u32),
    /// `len(ch)`: values waiting in the buffer.
    ChanLen(u32),
    NewDeque,
    DequePush(u32, u32),
    DequePop(u32),
    Steal {
        victim: u32,
        thief: u32,
        amount: StealAmount,
    },
}

/// Something a goroutine records without waiting for anything (a task
/// queued, started or ended, a result handed on): it costs no time and
/// changes nothing in the runtime, so the goroutine leaves it in the mailbox
/// and runs on, and the engine turns it into an event, in order, before the
/// operation that ends the poll.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Note {
    pub kind: Kind,
    pub line: u16,
    pub a: u32,
    pub b: u32,
}

/// What an operation gave back: a received value, `ok` (false on a closed
/// channel or a refused call), the chosen select case, or a new object's id.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Reply {
    pub value: u32,
    pub ok: bool,
    pub case: u32,
}

/// The slot through which the running goroutine and the engine talk. Only one
/// goroutine runs at a time, so one slot is enough.
#[derive(Default)]
pub(crate) struct Mailbox {
    pub op: Cell<Option<(Op, u16)>>,
    pub reply: Cell<Reply>,
    pub spawned: Cell<Option<GoFuture>>,
    pub notes: RefCell<Vec<Note>>,
}

/// Receives every event as it happens (the recorder, a hasher, a metrics fold).
pub trait Sink {
    fn event(&mut self, event: &Event);
}

/// Why a run could not finish.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum SimError {
    /// Every goroutine is blocked and nothing can wake them: Go would crash with
    /// "all goroutines are asleep - deadlock!".
    Deadlock { at: Nanos },
    /// The program did what Go panics on (send on a closed channel, ...).
    Panic {
        at: Nanos,
        goroutine: u32,
        line: u16,
        message: String,
    },
    /// A limit that keeps runs finite was reached.
    Limit { what: &'static str, limit: u64 },
    /// The caller asked to stop (progress callback returned false).
    Cancelled,
    /// The scenario has out-of-range fields; nothing ran.
    Invalid(Vec<crate::scenario::FieldError>),
}

impl std::fmt::Display for SimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SimError::Deadlock { at } => write!(f, "all goroutines are asleep at {at}: deadlock"),
            SimError::Panic {
                at,
                goroutine,
                line,
                message,
            } => {
                write!(
                    f,
                    "goroutine {goroutine} panicked at {at} (line {line}): {message}"
                )
            }
            SimError::Limit { what, limit } => {
                write!(f, "the run exceeded its limit of {limit} {what}")
            }
            SimError::Cancelled => write!(f, "the run was cancelled"),
            SimError::Invalid(errors) => {
                let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                write!(f, "{}", lines.join("; "))
            }
        }
    }
}

impl std::error::Error for SimError {}

/// How a finished run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// When `main` returned.
    pub end: Nanos,
    pub events: u64,
    /// Goroutines still alive when `main` returned (leaked or cut off).
    pub alive_at_exit: u32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum GState {
    Runnable,
    Running,
    Blocked(BlockOn),
    Exited,
}

struct Goroutine {
    state: GState,
    /// Compute still owed when the slice ran out.
    cpu_left: Nanos,
    /// Compute done since this goroutine was last scheduled.
    slice_used: Nanos,
    reply: Reply,
    /// Bumped at every park and wake, so stale waiter entries (a select's
    /// other cases) are recognised and skipped.
    wait_gen: u32,
    line: u16,
}

struct Processor {
    current: u32,
    runnext: u32,
    runq: VecDeque<u32>,
    /// Schedules left until the one that checks the global queue first
    /// (Go's `schedtick % 61 == 0`, counted down).
    until_global_first: u32,
}

#[derive(Clone, Copy)]
struct Waiter {
    g: u32,
    gen: u32,
    case: u32,
    value: u32,
}

struct Chan {
    cap: u32,
    buf: VecDeque<u32>,
    recvq: VecDeque<Waiter>,
    sendq: VecDeque<Waiter>,
    closed: bool,
}

struct WaitGroup {
    count: i64,
    waiters: Vec<u32>,
}

struct Mutex {
    locked: bool,
    waiters: VecDeque<u32>,
}

/// `golang.org/x/time/rate` semantics: tokens are counted in billionths so a
/// refill of `rate` tokens per second is `rate` units per nanosecond; a wait
/// reserves a token, letting the balance go negative, so waiters are served
/// in the order they asked.
struct TokenBucket {
    rate_per_s: i128,
    capacity: i128,
    balance: i128,
    last: Nanos,
}

struct Ticker {
    ch: u32,
    period: Nanos,
    stopped: bool,
    /// `time.After`: fires once.
    once: bool,
}

struct ResourceState {
    spec: Resource,
    in_use: u32,
    queue: VecDeque<(u32, Nanos)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Wake {
    /// The P's goroutine finished its current cost.
    Resume(u32),
    /// A woken (spinning) P looks for work.
    Schedule(u32),
    /// A spinning P that found only another P's `runnext` looks again.
    StealRunnext(u32),
    /// A parked goroutine's timer fired (sleep, I/O, limiter).
    Timer(u32),
    Tick(u32),
    /// A call to the external resource returned.
    QueryDone(u32),
}

impl WakeUp for Wake {
    fn lane(&self) -> Lane {
        match self {
            Wake::Resume(_) | Wake::Schedule(_) | Wake::StealRunnext(_) => Lane::Processor,
            Wake::Timer(_) | Wake::Tick(_) | Wake::QueryDone(_) => Lane::Timer,
        }
    }
}

/// A set of Ps, walked in the order a thief visits them.
#[derive(Clone, Copy, Default)]
struct PSet([u64; (limits::CORES_MAX as usize).div_ceil(64)]);

impl PSet {
    fn insert(&mut self, p: u32) {
        self.0[p as usize / 64] |= 1 << (p % 64);
    }

    fn remove(&mut self, p: u32) {
        self.0[p as usize / 64] &= !(1 << (p % 64));
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|&word| word == 0)
    }

    fn len(&self) -> usize {
        self.0.iter().map(|word| word.count_ones() as usize).sum()
    }

    /// The first member at or after `from`, below `end`.
    fn next_from(&self, from: u32, end: u32) -> Option<u32> {
        let mut word_index = from as usize / 64;
        // The bits of the first word below `from` are masked off.
        let mut word = self.0.get(word_index)? & (!0u64 << (from % 64));
        loop {
            if word != 0 {
                let p = (word_index * 64) as u32 + word.trailing_zeros();
                return (p < end).then_some(p);
            }
            word_index += 1;
            word = *self.0.get(word_index)?;
        }
    }

    /// The members in the order start, start + 1, ..., cores - 1, 0, ..., start - 1.
    fn round_from(self, start: u32, cores: u32) -> impl Iterator<Item = u32> {
        let mut at = Some((start, cores));
        std::iter::from_fn(move || loop {
            let (from, end) = at?;
            match self.next_from(from, end) {
                Some(p) => {
                    at = Some((p + 1, end));
                    return Some(p);
                }
                // Past the end of [start, cores): go round to [0, start).
                None if end == cores && start > 0 => at = Some((0, start)),
                None => at = None,
            }
        })
    }
}

/// What a P looking for work found.
enum Found {
    Goroutine(u32),
    /// Nothing but a running P's `runnext`, not to be taken yet.
    OnlyRunnext,
    Nothing,
}

/// What carrying out an operation left the goroutine doing.
enum Next {
    /// Done at no cost: poll again now.
    Continue,
    /// Keep the P busy this long with the runtime's own work, then poll again.
    Busy(Nanos),
    /// Compute this long (preemptible at the end of the time slice), then poll again.
    Compute(Nanos),
    /// Parked: the P looks for other work.
    Parked,
}

/// Go's local run queue holds 256 goroutines; past that half spills to the global queue.
const RUNQ_CAPACITY: usize = 256;
/// How long a spinning P backs off before taking a running P's `runnext`:
/// Go's runqgrab sleeps 3 µs, "~50x" a channel hand-off, so the P that readied
/// the goroutine usually runs it itself and goroutines do not bounce between Ps.
const RUNNEXT_STEAL_BACKOFF: Nanos = Nanos(3_000);
/// Every 61st schedule a P checks the global queue first, so it cannot starve.
const GLOBAL_QUEUE_FAIRNESS_TICK: u32 = 61;
/// A goroutine may run this many zero-cost operations in a row before the run
/// is stopped as a livelock (zero costs are allowed in scenarios).
const ZERO_COST_STREAK_MAX: u32 = 1_000_000;
/// A P goes straight on with its goroutine at most this many times in a row
/// before its wake-up goes through the queue and the run loop.
const STRAIGHT_ON_MAX: u32 = 64;
/// How often, in events, the progress callback is asked whether to go on.
pub const PROGRESS_EVERY_EVENTS: u64 = 1 << 16;

/// Called every [`PROGRESS_EVERY_EVENTS`] events with (events, virtual now); returning false cancels the run.
pub type Progress<'a> = &'a mut dyn FnMut(u64, Nanos) -> bool;

pub(crate) struct Engine<'s, S: Sink> {
    now: Nanos,
    queue: WakeQueue<Wake>,
    costs: Costs,
    gs: Vec<Goroutine>,
    futures: Vec<Option<GoFuture>>,
    ps: Vec<Processor>,
    /// Goroutines in all local run queues, and Ps with a `runnext`, so an
    /// idle P knows without looking whether there is anything to steal.
    in_runqs: u32,
    with_runnext: PSet,
    idle_ps: Vec<u32>,
    spinning: u32,
    global: VecDeque<u32>,
    chans: Vec<Chan>,
    wait_groups: Vec<WaitGroup>,
    mutexes: Vec<Mutex>,
    buckets: Vec<TokenBucket>,
    tickers: Vec<Ticker>,
    deques: Vec<VecDeque<u32>>,
    resource: Option<ResourceState>,
    mailbox: Rc<Mailbox>,
    /// The notes of the goroutine being polled, swapped out of the mailbox.
    notes: Vec<Note>,
    rng: Rc<RefCell<SimRng>>,
    sink: &'s mut S,
    live: u32,
    events: u64,
    events_max: u64,
    leaked: u32,
    main_done: bool,
    failure: Option<SimError>,
    /// [`STRAIGHT_ON_MAX`], or 0 to send every wake-up through the queue.
    straight_on_max: u32,
}

impl<'s, S: Sink> Engine<'s, S> {
    pub(crate) fn new(
        cores: u32,
        costs: Costs,
        resource: Option<Resource>,
        mailbox: Rc<Mailbox>,
        rng: Rc<RefCell<SimRng>>,
        sink: &'s mut S,
        events_max: u64,
    ) -> Self {
        let ps = (0..cores)
            .map(|_| Processor {
                current: NONE,
                runnext: NONE,
                runq: VecDeque::new(),
                until_global_first: GLOBAL_QUEUE_FAIRNESS_TICK,
            })
            .collect();
        Engine {
            now: Nanos::ZERO,
            queue: WakeQueue::new(),
            costs,
            gs: Vec::new(),
            futures: Vec::new(),
            ps,
            in_runqs: 0,
            with_runnext: PSet::default(),
            // Reversed so the first pop is P0, as in a fresh Go program.
            idle_ps: (0..cores).rev().collect(),
            spinning: 0,
            global: VecDeque::new(),
            chans: Vec::new(),
            wait_groups: Vec::new(),
            mutexes: Vec::new(),
            buckets: Vec::new(),
            tickers: Vec::new(),
            deques: Vec::new(),
            resource: resource.map(|spec| ResourceState {
                spec,
                in_use: 0,
                queue: VecDeque::new(),
            }),
            mailbox,
            notes: Vec::new(),
            rng,
            sink,
            live: 0,
            events: 0,
            events_max,
            leaked: 0,
            main_done: false,
            failure: None,
            straight_on_max: STRAIGHT_ON_MAX,
        }
    }

    /// Sends every wake-up through the queue, never going straight on: the
    /// plain engine, against which the shortcut is checked.
    pub(crate) fn without_shortcuts(mut self) -> Self {
        self.straight_on_max = 0;
        self
    }

    /// Runs `main` until it returns.
    pub(crate) fn run(
        mut self,
        main: GoFuture,
        mut progress: Option<Progress<'_>>,
    ) -> Result<Outcome, SimError> {
        let g = self.new_goroutine(main, NONE, Role::Main, 0);
        self.ready_to(g, None);
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
                Wake::Schedule(p) => self.spin_and_run(p, false),
                Wake::StealRunnext(p) => self.spin_and_run(p, true),
                Wake::Timer(g) => self.ready(g, NONE, None),
                Wake::Tick(t) => self.tick(t),
                Wake::QueryDone(g) => self.query_done(g),
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

    fn at(&mut self, at: Nanos, wake: Wake) {
        self.queue.push(at, wake);
    }

    fn fail(&mut self, g: u32, message: &str) {
        if self.failure.is_none() {
            let line = self.gs.get(g as usize).map_or(0, |x| x.line);
            self.failure = Some(SimError::Panic {
                at: self.now,
                goroutine: g,
                line,
                message: message.into(),
            });
        }
    }

    // ---- goroutines and processors -------------------------------------------------

    fn new_goroutine(&mut self, future: GoFuture, parent: u32, role: Role, index: u32) -> u32 {
        let g = self.gs.len() as u32;
        // Until it runs, a new goroutine's cursor rests on the `go` statement that made it.
        let line = self.gs.get(parent as usize).map_or(0, |x| x.line);
        self.gs.push(Goroutine {
            state: GState::Runnable,
            cpu_left: Nanos::ZERO,
            slice_used: Nanos::ZERO,
            reply: Reply::default(),
            wait_gen: 0,
            line,
        });
        self.futures.push(Some(future));
        self.live += 1;
        if self.live > limits::GOROUTINES_MAX {
            self.failure = Some(SimError::Limit {
                what: "live goroutines",
                limit: limits::GOROUTINES_MAX.into(),
            });
        }
        self.emit(Kind::Spawn, g, line, parent, role as u32, index);
        g
    }

    /// Makes `g` runnable: into `runnext` of the P that readied it (Go's
    /// `ready(gp, next=true)`), or the global queue when a timer did; then
    /// wakes an idle P to run it.
    fn ready_to(&mut self, g: u32, p: Option<u32>) {
        self.gs[g as usize].state = GState::Runnable;
        self.gs[g as usize].wait_gen += 1;
        match p {
            Some(p) => {
                let kicked = std::mem::replace(&mut self.ps[p as usize].runnext, g);
                if kicked == NONE {
                    self.with_runnext.insert(p);
                } else {
                    self.runq_put(p, kicked);
                }
            }
            None => self.global.push_back(g),
        }
        self.wakep();
    }

    /// Unblocks a parked goroutine, recording who woke it.
    fn ready(&mut self, g: u32, waker: u32, p: Option<u32>) {
        let line = self.gs[g as usize].line;
        self.emit(Kind::Unblock, g, line, waker, NONE, NONE);
        self.ready_to(g, p);
    }

    fn runq_put(&mut self, p: u32, g: u32) {
        let q = &mut self.ps[p as usize].runq;
        if q.len() >= RUNQ_CAPACITY {
            // Go's runqputslow: half the local queue and the newcomer go global.
            let spill: Vec<u32> = q.drain(..RUNQ_CAPACITY / 2).collect();
            self.in_runqs -= spill.len() as u32;
            self.global.extend(spill);
            self.global.push_back(g);
        } else {
            q.push_back(g);
            self.in_runqs += 1;
        }
    }

    fn wakep(&mut self) {
        // One spinning P at a time is enough: it wakes the next if it finds work.
        if self.spinning > 0 {
            return;
        }
        if let Some(p) = self.idle_ps.pop() {
            self.spinning += 1;
            self.at(self.now, Wake::Schedule(p));
        }
    }

    fn work_is_queued(&self) -> bool {
        debug_assert_eq!(
            (self.in_runqs as usize, self.with_runnext.len()),
            (
                self.ps.iter().map(|p| p.runq.len()).sum::<usize>(),
                self.ps.iter().filter(|p| p.runnext != NONE).count()
            ),
            "the counts of locally queued goroutines drifted"
        );
        !self.global.is_empty() || self.in_runqs > 0 || !self.with_runnext.is_empty()
    }

    /// A spinning P looks for work (again, after backing off, when
    /// `take_runnext`). Returns the goroutine it started, with the place in
    /// the order its wake-up takes; the caller pushes it or goes straight on.
    fn spin(&mut self, p: u32, take_runnext: bool) -> Option<(u32, Ticket)> {
        self.spinning -= 1;
        let g = self.start_next(p, take_runnext)?;
        let ticket = self.queue.ticket();
        if !self.idle_ps.is_empty() && self.work_is_queued() {
            self.wakep();
        }
        Some((g, ticket))
    }

    /// [`spin`](Self::spin) for a wake-up popped by the run loop: the
    /// goroutine found runs at once when nothing else comes due first.
    fn spin_and_run(&mut self, p: u32, take_runnext: bool) {
        let Some((g, ticket)) = self.spin(p, take_runnext) else {
            return;
        };
        let mut straight_on = 0;
        if self.switched_straight_on(g, p, ticket, &mut straight_on) {
            self.step(g, p);
        }
    }

    /// Finds the next goroutine for `p` and starts it, or parks the P.
    fn schedule(&mut self, p: u32) {
        if self.start_next(p, false).is_some() {
            self.at(self.now + self.costs.switch, Wake::Resume(p));
        }
    }

    /// Puts the next goroutine on `p` (its context switch still to come) and
    /// returns it, or leaves the P backing off or idle.
    fn start_next(&mut self, p: u32, take_runnext: bool) -> Option<u32> {
        self.ps[p as usize].current = NONE;
        match self.find_runnable(p, take_runnext) {
            Found::Goroutine(g) => {
                self.ps[p as usize].current = g;
                let gr = &mut self.gs[g as usize];
                gr.state = GState::Running;
                gr.slice_used = Nanos::ZERO;
                let line = gr.line;
                self.emit(Kind::Run, g, line, p, NONE, NONE);
                Some(g)
            }
            Found::OnlyRunnext => {
                // Still spinning while it waits, so nobody wakes another P for the same work.
                self.spinning += 1;
                self.at(self.now + RUNNEXT_STEAL_BACKOFF, Wake::StealRunnext(p));
                None
            }
            Found::Nothing => {
                self.idle_ps.push(p);
                None
            }
        }
    }

    fn find_runnable(&mut self, p: u32, take_runnext: bool) -> Found {
        let pp = &mut self.ps[p as usize];
        pp.until_global_first -= 1;
        if pp.until_global_first == 0 {
            pp.until_global_first = GLOBAL_QUEUE_FAIRNESS_TICK;
            if let Some(g) = self.global.pop_front() {
                return Found::Goroutine(g);
            }
        }
        let pp = &mut self.ps[p as usize];
        if pp.runnext != NONE {
            self.with_runnext.remove(p);
            return Found::Goroutine(std::mem::replace(&mut pp.runnext, NONE));
        }
        if let Some(g) = pp.runq.pop_front() {
            self.in_runqs -= 1;
            return Found::Goroutine(g);
        }
        if let Some(g) = self.global.pop_front() {
            // Go's globrunqget: take a fair share into the local queue too.
            let cores = self.ps.len();
            let extra = (self.global.len() / cores).min(RUNQ_CAPACITY / 2);
            for _ in 0..extra {
                let Some(next) = self.global.pop_front() else {
                    break;
                };
                self.ps[p as usize].runq.push_back(next);
                self.in_runqs += 1;
            }
            return Found::Goroutine(g);
        }
        self.steal_goroutines(p, take_runnext)
    }

    /// Go's stealWork: visit the other Ps from a random start and take half of
    /// the first non-empty local queue. Only when no queue has anything does a
    /// running P's `runnext` count, and Go takes that one only after backing
    /// off for [`RUNNEXT_STEAL_BACKOFF`], since the P that just readied it is
    /// usually about to run it itself (`take_runnext` says the wait is over).
    fn steal_goroutines(&mut self, thief: u32, take_runnext: bool) -> Found {
        let cores = self.ps.len() as u32;
        if cores == 1 {
            return Found::Nothing;
        }
        // Drawn even when there is nothing to steal, so the random stream does
        // not depend on how the search is shortened.
        let start = self.rng.borrow_mut().below(cores);
        // Every other P once, from `start` round.
        let victim_at = |i: u32| {
            let v = start + i;
            if v >= cores {
                v - cores
            } else {
                v
            }
        };
        // The thief's own queue is empty, or it would not be stealing.
        for victim in (0..if self.in_runqs > 0 { cores } else { 0 }).map(victim_at) {
            if victim == thief {
                continue;
            }
            let take = self.ps[victim as usize].runq.len().div_ceil(2);
            if take == 0 {
                continue;
            }
            let mut stolen = self.ps[victim as usize].runq.drain(..take);
            let first = stolen.next().expect("take > 0");
            let rest: Vec<u32> = stolen.collect();
            self.ps[thief as usize].runq.extend(rest);
            self.in_runqs -= 1;
            return self.stolen(first, thief, take as u32, victim);
        }
        // The same order, visiting only the Ps that hold a `runnext`.
        let holders = self.with_runnext.round_from(start, cores);
        for victim in holders {
            let vp = &self.ps[victim as usize];
            if victim == thief || vp.current == NONE {
                continue;
            }
            if !take_runnext {
                return Found::OnlyRunnext;
            }
            let g = std::mem::replace(&mut self.ps[victim as usize].runnext, NONE);
            self.with_runnext.remove(victim);
            return self.stolen(g, thief, 1, victim);
        }
        Found::Nothing
    }

    fn stolen(&mut self, first: u32, thief: u32, count: u32, victim: u32) -> Found {
        self.emit(Kind::RuntimeSteal, NONE, 0, thief, count, victim);
        Found::Goroutine(first)
    }

    fn resume(&mut self, p: u32) {
        let g = self.ps[p as usize].current;
        let gr = &self.gs[g as usize];
        if gr.cpu_left > Nanos::ZERO {
            if gr.slice_used >= self.costs.slice {
                // sysmon's forced preemption: to the back of the global queue.
                let line = gr.line;
                self.emit(Kind::Preempt, g, line, p, NONE, NONE);
                self.gs[g as usize].state = GState::Runnable;
                self.global.push_back(g);
                self.schedule(p);
            } else {
                let left = gr.cpu_left;
                self.compute(g, p, left, true);
            }
            return;
        }
        self.step(g, p);
    }

    /// Keeps `p` busy with `g` for `cost`. Only `preemptible` work (a task's
    /// computation) is cut at the end of the time slice; the runtime's own
    /// small costs (a channel operation, a spawn) always finish, because
    /// sysmon's preemption lands inside long computations, not at the exact
    /// nanosecond a slice ends.
    fn compute(&mut self, g: u32, p: u32, cost: Nanos, preemptible: bool) {
        let resume_at = self.charge(g, cost, preemptible);
        self.at(resume_at, Wake::Resume(p));
    }

    /// Books `cost` against `g`'s time slice; returns when its P is free again.
    fn charge(&mut self, g: u32, cost: Nanos, preemptible: bool) -> Nanos {
        let gr = &mut self.gs[g as usize];
        let now_part = if preemptible {
            cost.min(self.costs.slice - gr.slice_used)
        } else {
            cost
        };
        gr.cpu_left = cost - now_part;
        gr.slice_used += now_part;
        self.now + now_part
    }

    /// Whether the P's wake-up at `at` would be the very next one popped, so
    /// that popping it would change nothing and the P can go straight on.
    /// An idle P told to look for work right now is all that usually stands
    /// in the way; its looking is done here, as the run loop would do it
    /// next. Bounded by `straight_on`, so the run loop still checks its
    /// limits and progress often.
    fn can_go_straight_on(&mut self, at: Nanos, ticket: Ticket, straight_on: &mut u32) -> bool {
        loop {
            if *straight_on >= self.straight_on_max
                || self.failure.is_some()
                || at > limits::VIRTUAL_TIME_MAX
            {
                return false;
            }
            *straight_on += 1;
            if self.queue.is_next(at, ticket) {
                return true;
            }
            let now = self.now;
            let looking = self.queue.pop_if(|due, wake| {
                due == now && matches!(wake, Wake::Schedule(_) | Wake::StealRunnext(_))
            });
            let started = match looking {
                Some(Wake::Schedule(p)) => self.spin(p, false).map(|started| (p, started)),
                Some(Wake::StealRunnext(p)) => self.spin(p, true).map(|started| (p, started)),
                _ => return false,
            };
            if let Some((p, (_, ticket))) = started {
                let resume_at = self.now + self.costs.switch;
                self.queue.push_ticketed(resume_at, Wake::Resume(p), ticket);
            }
        }
    }

    /// Polls `g` and carries out what it asks until it computes, parks or
    /// exits, then, as long as nothing else comes due first, the goroutines
    /// that follow it on `p`.
    fn step(&mut self, mut g: u32, p: u32) {
        let waker = noop_waker();
        let mut cx = Context::from_waker(&waker);
        let mut zero_cost_streak = 0;
        let mut straight_on = 0;
        loop {
            self.mailbox.reply.set(self.gs[g as usize].reply);
            let Some(future) = self.futures[g as usize].as_mut() else {
                return;
            };
            let finished = future.as_mut().poll(&mut cx).is_ready();
            self.record_notes(g);
            if finished {
                if !self.exit(g, p) {
                    return;
                }
                if !self.switch_straight_on(&mut g, p, &mut straight_on) {
                    return;
                }
                zero_cost_streak = 0;
                continue;
            }
            let Some((op, line)) = self.mailbox.op.take() else {
                self.fail(g, "a goroutine awaited something other than a Go operation");
                return;
            };
            let gr = &mut self.gs[g as usize];
            gr.line = line;
            // Operations that give nothing back still say `ok`; the rest overwrite this.
            gr.reply = Reply {
                value: 0,
                ok: true,
                case: 0,
            };
            let next = self.perform(g, p, op, line);
            match next {
                Next::Continue => {
                    zero_cost_streak += 1;
                    if zero_cost_streak > ZERO_COST_STREAK_MAX {
                        self.fail(
                            g,
                            "a goroutine ran a million zero-cost operations in a row (livelock)",
                        );
                        return;
                    }
                }
                Next::Busy(cost) | Next::Compute(cost) => {
                    let resume_at = self.charge(g, cost, matches!(next, Next::Compute(_)));
                    // Its place in the order is taken now, as if it were pushed now.
                    let ticket = self.queue.ticket();
                    if self.gs[g as usize].cpu_left == Nanos::ZERO
                        && self.can_go_straight_on(resume_at, ticket, &mut straight_on)
                    {
                        zero_cost_streak = 0;
                        self.now = resume_at;
                        continue;
                    }
                    self.queue.push_ticketed(resume_at, Wake::Resume(p), ticket);
                    return;
                }
                Next::Parked => {
                    if !self.switch_straight_on(&mut g, p, &mut straight_on) {
                        return;
                    }
                    zero_cost_streak = 0;
                }
            }
        }
    }

    /// `p`'s goroutine has left it: starts the next one and, if its context
    /// switch ends before anything else comes due, makes it `g` and returns
    /// true to go straight on; otherwise schedules the P's wake-up.
    fn switch_straight_on(&mut self, g: &mut u32, p: u32, straight_on: &mut u32) -> bool {
        let Some(next) = self.start_next(p, false) else {
            return false;
        };
        let ticket = self.queue.ticket();
        let go_on = self.switched_straight_on(next, p, ticket, straight_on);
        if go_on {
            *g = next;
        }
        go_on
    }

    /// `g` was just put on `p`: when its context switch ends before anything
    /// else comes due, moves the clock there and returns true for the caller
    /// to run it; otherwise schedules the P's wake-up with `ticket`.
    fn switched_straight_on(
        &mut self,
        g: u32,
        p: u32,
        ticket: Ticket,
        straight_on: &mut u32,
    ) -> bool {
        let resume_at = self.now + self.costs.switch;
        // A goroutine preempted mid-computation resumes through `resume`, which books the rest.
        if self.gs[g as usize].cpu_left == Nanos::ZERO
            && self.can_go_straight_on(resume_at, ticket, straight_on)
        {
            self.now = resume_at;
            return true;
        }
        self.queue.push_ticketed(resume_at, Wake::Resume(p), ticket);
        false
    }

    /// Emits what `g` noted during its last poll, moving its cursor along.
    fn record_notes(&mut self, g: u32) {
        if self.mailbox.notes.borrow().is_empty() {
            return;
        }
        std::mem::swap(&mut *self.mailbox.notes.borrow_mut(), &mut self.notes);
        for i in 0..self.notes.len() {
            let Note { kind, line, a, b } = self.notes[i];
            self.gs[g as usize].line = line;
            self.emit(kind, g, line, a, b, NONE);
        }
        self.notes.clear();
    }

    /// `g` returned. False once `main` has: the program is over.
    fn exit(&mut self, g: u32, p: u32) -> bool {
        let line = self.gs[g as usize].line;
        self.emit(Kind::Exit, g, line, p, NONE, NONE);
        self.gs[g as usize].state = GState::Exited;
        self.futures[g as usize] = None;
        self.live -= 1;
        if g == MAIN {
            self.main_done = true;
        }
        g != MAIN
    }

    fn park(&mut self, g: u32, on: BlockOn, object: u32, value: u32) -> Next {
        let gr = &mut self.gs[g as usize];
        gr.state = GState::Blocked(on);
        gr.wait_gen += 1;
        let line = gr.line;
        self.emit(Kind::Block, g, line, on as u32, object, value);
        Next::Parked
    }

    fn report_leaks(&mut self) {
        for t in 0..self.tickers.len() {
            let ticker = &self.tickers[t];
            if !ticker.stopped && !ticker.once {
                let ch = ticker.ch;
                self.emit(Kind::TickerLeaked, NONE, 0, ch, NONE, NONE);
            }
        }
        for g in 0..self.gs.len() as u32 {
            let on = match self.gs[g as usize].state {
                GState::Exited => continue,
                GState::Blocked(on) => on,
                GState::Runnable => BlockOn::Runnable,
                GState::Running => BlockOn::Running,
            };
            self.leaked += 1;
            let line = self.gs[g as usize].line;
            self.emit(Kind::Leaked, g, line, on as u32, NONE, NONE);
        }
    }

    // ---- operations ---------------------------------------------------------------

    fn perform(&mut self, g: u32, p: u32, op: Op, line: u16) -> Next {
        let costs = self.costs;
        match op {
            Op::Cpu(d) => Next::Compute(d),
            Op::Sleep(d) | Op::Io(d) if d == Nanos::ZERO => Next::Continue,
            Op::Sleep(d) => self.park_for(g, BlockOn::Sleep, d),
            Op::Io(d) => self.park_for(g, BlockOn::Io, d),
            Op::Query(d) => self.query(g, d),
            Op::Spawn(role, index) => {
                let Some(future) = self.mailbox.spawned.take() else {
                    self.fail(g, "spawn without a goroutine");
                    return Next::Parked;
                };
                let child = self.new_goroutine(future, g, role, index);
                self.ready_to(child, Some(p));
                Next::Busy(costs.spawn)
            }
            Op::MakeChan(cap, role) => {
                let id = self.chans.len() as u32;
                self.emit(Kind::MakeChan, g, line, id, cap, role as u32);
                self.chans.push(Chan {
                    cap,
                    buf: VecDeque::new(),
                    recvq: VecDeque::new(),
                    sendq: VecDeque::new(),
                    closed: false,
                });
                self.reply(g, id, true, 0);
                Next::Busy(costs.chan_op)
            }
            Op::Send(ch, value) => {
                if self.try_send(g, p, ch, value, 0) {
                    Next::Busy(costs.chan_op)
                } else if self.failure.is_some() {
                    Next::Parked
                } else {
                    let gen = self.gs[g as usize].wait_gen + 1;
                    self.chans[ch as usize].sendq.push_back(Waiter {
                        g,
                        gen,
                        case: 0,
                        value,
                    });
                    self.park(g, BlockOn::ChanSend, ch, value)
                }
            }
            Op::Recv(ch) => {
                if self.try_recv(g, p, ch, 0) {
                    Next::Busy(costs.chan_op)
                } else {
                    let gen = self.gs[g as usize].wait_gen + 1;
                    self.chans[ch as usize].recvq.push_back(Waiter {
                        g,
                        gen,
                        case: 0,
                        value: NONE,
                    });
                    self.park(g, BlockOn::ChanRecv, ch, NONE)
                }
            }
            Op::Close(ch) => {
                self.close(g, p, ch, line);
                Next::Busy(costs.chan_op)
            }
            Op::Cancel(ch) => {
                self.emit(Kind::Cancel, g, line, ch, NONE, NONE);
                // cancel() is idempotent: only the first call closes Done.
                if !self.chans[ch as usize].closed {
                    self.close(g, p, ch, line);
                }
                Next::Busy(costs.sync_op)
            }
            Op::Select(cases, has_default) => self.select(g, p, &cases, has_default, line),
            Op::NewWaitGroup => {
                let id = self.wait_groups.len() as u32;
                self.wait_groups.push(WaitGroup {
                    count: 0,
                    waiters: Vec::new(),
                });
                self.reply(g, id, true, 0);
                Next::Busy(costs.sync_op)
            }
            Op::WgAdd(wg, delta) => {
                let group = &mut self.wait_groups[wg as usize];
                group.count += i64::from(delta);
                if group.count < 0 {
                    self.fail(g, "sync: negative WaitGroup counter");
                    return Next::Parked;
                }
                if group.count == 0 {
                    for w in std::mem::take(&mut group.waiters) {
                        self.ready(w, g, Some(p));
                    }
                }
                Next::Busy(costs.sync_op)
            }
            Op::WgWait(wg) => {
                let group = &mut self.wait_groups[wg as usize];
                if group.count == 0 {
                    Next::Busy(costs.sync_op)
                } else {
                    group.waiters.push(g);
                    self.park(g, BlockOn::WaitGroup, wg, NONE)
                }
            }
            Op::NewMutex => {
                let id = self.mutexes.len() as u32;
                self.mutexes.push(Mutex {
                    locked: false,
                    waiters: VecDeque::new(),
                });
                self.reply(g, id, true, 0);
                Next::Busy(costs.sync_op)
            }
            Op::Lock(mu) => {
                let m = &mut self.mutexes[mu as usize];
                if m.locked {
                    m.waiters.push_back(g);
                    self.park(g, BlockOn::Mutex, mu, NONE)
                } else {
                    m.locked = true;
                    Next::Busy(costs.sync_op)
                }
            }
            Op::Unlock(mu) => {
                let m = &mut self.mutexes[mu as usize];
                match m.waiters.pop_front() {
                    // Hand-off: the lock stays held, now by the first waiter.
                    Some(w) => self.ready(w, g, Some(p)),
                    None if m.locked => m.locked = false,
                    None => {
                        self.fail(g, "sync: unlock of unlocked mutex");
                        return Next::Parked;
                    }
                }
                Next::Busy(costs.sync_op)
            }
            Op::NewLimiter { rate_per_s, burst } => {
                let id = self.buckets.len() as u32;
                let capacity = i128::from(burst) * 1_000_000_000;
                self.buckets.push(TokenBucket {
                    rate_per_s: rate_per_s.max(1).into(),
                    capacity,
                    balance: capacity,
                    last: self.now,
                });
                self.reply(g, id, true, 0);
                Next::Busy(costs.sync_op)
            }
            Op::LimiterWait(lim) => {
                let now = self.now;
                let b = &mut self.buckets[lim as usize];
                let refill = i128::from((now - b.last).0) * b.rate_per_s;
                b.balance = (b.balance + refill).min(b.capacity);
                b.last = now;
                b.balance -= 1_000_000_000;
                let wait = if b.balance >= 0 {
                    Nanos::ZERO
                } else {
                    Nanos(((-b.balance + b.rate_per_s - 1) / b.rate_per_s) as u64)
                };
                self.emit(
                    Kind::Token,
                    g,
                    line,
                    lim,
                    wait.0.min(u64::from(u32::MAX - 1)) as u32,
                    NONE,
                );
                if wait == Nanos::ZERO {
                    Next::Busy(costs.sync_op)
                } else {
                    self.park_for(g, BlockOn::Limiter, wait)
                }
            }
            Op::NewTicker(period) | Op::After(period) => {
                let once = matches!(op, Op::After(_));
                let id = self.tickers.len() as u32;
                let ch = self.chans.len() as u32;
                self.chans.push(Chan {
                    cap: 1,
                    buf: VecDeque::new(),
                    recvq: VecDeque::new(),
                    sendq: VecDeque::new(),
                    closed: false,
                });
                self.tickers.push(Ticker {
                    ch,
                    period,
                    stopped: false,
                    once,
                });
                self.emit(Kind::MakeChan, g, line, ch, 1, ChanRole::Ticker as u32);
                self.at(self.now + period, Wake::Tick(id));
                self.reply(g, ch, true, id);
                Next::Busy(costs.sync_op)
            }
            Op::ChanLen(ch) => {
                let len = self.chans[ch as usize].buf.len() as u32;
                self.reply(g, len, true, 0);
                Next::Busy(costs.chan_op)
            }
            Op::StopTicker(t) => {
                self.tickers[t as usize].stopped = true;
                Next::Busy(costs.sync_op)
            }
            Op::NewDeque => {
                let id = self.deques.len() as u32;
                self.deques.push(VecDeque::new());
                self.reply(g, id, true, 0);
                Next::Busy(costs.sync_op)
            }
            Op::DequePush(dq, task) => {
                self.deques[dq as usize].push_back(task);
                self.emit(Kind::DequePush, g, line, dq, task, NONE);
                Next::Busy(costs.sync_op)
            }
            Op::DequePop(dq) => {
                match self.deques[dq as usize].pop_front() {
                    Some(task) => {
                        self.emit(Kind::DequePop, g, line, dq, task, NONE);
                        self.reply(g, task, true, 0);
                    }
                    None => self.reply(g, 0, false, 0),
                }
                Next::Busy(costs.sync_op)
            }
            Op::Steal {
                victim,
                thief,
                amount,
            } => {
                let from = &mut self.deques[victim as usize];
                let take = match amount {
                    StealAmount::One => from.len().min(1),
                    StealAmount::Half => from.len() - from.len() / 2,
                };
                // The thief takes from the far end, away from the owner.
                let stolen: Vec<u32> = from.drain(from.len() - take..).collect();
                if take > 0 {
                    self.emit(Kind::Steal, g, line, victim, take as u32, thief);
                }
                self.deques[thief as usize].extend(stolen);
                self.reply(g, take as u32, take > 0, 0);
                // Two locks: the victim's and the thief's.
                Next::Busy(Nanos(costs.sync_op.0 * 2))
            }
        }
    }

    fn reply(&mut self, g: u32, value: u32, ok: bool, case: u32) {
        self.gs[g as usize].reply = Reply { value, ok, case };
    }

    fn park_for(&mut self, g: u32, on: BlockOn, d: Nanos) -> Next {
        self.at(self.now + d, Wake::Timer(g));
        self.park(g, on, NONE, NONE)
    }

    /// The first waiter still parked on this very wait (skipping a select's stale entries).
    fn pop_live(queue: &mut VecDeque<Waiter>, gs: &[Goroutine]) -> Option<Waiter> {
        while let Some(w) = queue.pop_front() {
            let gr = &gs[w.g as usize];
            if gr.wait_gen == w.gen && matches!(gr.state, GState::Blocked(_)) {
                return Some(w);
            }
        }
        None
    }

    /// Sends without blocking if a receiver waits or the buffer has room. False if it would block.
    fn try_send(&mut self, g: u32, p: u32, ch: u32, value: u32, case: u32) -> bool {
        if self.chans[ch as usize].closed {
            self.fail(g, "send on closed channel");
            return false;
        }
        let line = self.gs[g as usize].line;
        if let Some(r) = Self::pop_live(&mut self.chans[ch as usize].recvq, &self.gs) {
            self.emit(Kind::Send, g, line, ch, value, r.g);
            self.deliver(r, value, true, g, p);
        } else if self.chans[ch as usize].buf.len() < self.chans[ch as usize].cap as usize {
            self.chans[ch as usize].buf.push_back(value);
            self.emit(Kind::Send, g, line, ch, value, NONE);
        } else {
            return false;
        }
        self.reply(g, 0, true, case);
        true
    }

    /// Receives without blocking from the buffer, a waiting sender, or a closed channel. False if it would block.
    fn try_recv(&mut self, g: u32, p: u32, ch: u32, case: u32) -> bool {
        let line = self.gs[g as usize].line;
        if let Some(value) = self.chans[ch as usize].buf.pop_front() {
            self.emit(Kind::Recv, g, line, ch, value, NONE);
            // A parked sender's value takes the freed slot.
            if let Some(s) = Self::pop_live(&mut self.chans[ch as usize].sendq, &self.gs) {
                self.chans[ch as usize].buf.push_back(s.value);
                let sline = self.gs[s.g as usize].line;
                self.emit(Kind::Send, s.g, sline, ch, s.value, NONE);
                self.deliver(s, 0, true, g, p);
            }
            self.reply(g, value, true, case);
        } else if let Some(s) = Self::pop_live(&mut self.chans[ch as usize].sendq, &self.gs) {
            self.emit(Kind::Recv, g, line, ch, s.value, s.g);
            self.deliver(s, 0, true, g, p);
            self.reply(g, s.value, true, case);
        } else if self.chans[ch as usize].closed {
            self.emit(Kind::RecvClosed, g, line, ch, NONE, NONE);
            self.reply(g, 0, false, case);
        } else {
            return false;
        }
        true
    }

    /// Completes a parked waiter's channel operation and wakes it.
    fn deliver(&mut self, w: Waiter, value: u32, ok: bool, waker: u32, p: u32) {
        self.reply(w.g, value, ok, w.case);
        if self.gs[w.g as usize].state == GState::Blocked(BlockOn::Select) {
            let line = self.gs[w.g as usize].line;
            self.emit(Kind::Select, w.g, line, w.case, NONE, NONE);
        }
        self.ready(w.g, waker, Some(p));
    }

    fn close(&mut self, g: u32, p: u32, ch: u32, line: u16) {
        if self.chans[ch as usize].closed {
            self.fail(g, "close of closed channel");
            return;
        }
        self.chans[ch as usize].closed = true;
        self.emit(Kind::Close, g, line, ch, NONE, NONE);
        while let Some(r) = Self::pop_live(&mut self.chans[ch as usize].recvq, &self.gs) {
            let rline = self.gs[r.g as usize].line;
            self.emit(Kind::RecvClosed, r.g, rline, ch, NONE, NONE);
            self.deliver(r, 0, false, g, p);
        }
        if let Some(s) = Self::pop_live(&mut self.chans[ch as usize].sendq, &self.gs) {
            self.fail(s.g, "send on closed channel");
        }
    }

    /// Go's selectgo: poll the cases in a random order, take the first ready
    /// one; else the default; else park on every case at once.
    fn select(&mut self, g: u32, p: u32, cases: &[Case], has_default: bool, line: u16) -> Next {
        let mut order: Vec<u32> = (0..cases.len() as u32).collect();
        {
            let mut rng = self.rng.borrow_mut();
            for i in (1..order.len()).rev() {
                order.swap(i, rng.below(i as u32 + 1) as usize);
            }
        }
        for &i in &order {
            let done = match cases[i as usize] {
                Case::Send { ch, value } => self.try_send(g, p, ch, value, i),
                Case::Recv { ch } => self.try_recv(g, p, ch, i),
            };
            if self.failure.is_some() {
                return Next::Parked;
            }
            if done {
                self.emit(Kind::Select, g, line, i, NONE, NONE);
                return Next::Busy(self.costs.chan_op);
            }
        }
        if has_default {
            let default_case = cases.len() as u32;
            self.reply(g, 0, true, default_case);
            self.emit(Kind::Select, g, line, default_case, NONE, NONE);
            return Next::Busy(self.costs.chan_op);
        }
        let gen = self.gs[g as usize].wait_gen + 1;
        for (i, case) in cases.iter().enumerate() {
            let case_index = i as u32;
            match *case {
                Case::Send { ch, value } => self.chans[ch as usize].sendq.push_back(Waiter {
                    g,
                    gen,
                    case: case_index,
                    value,
                }),
                Case::Recv { ch } => self.chans[ch as usize].recvq.push_back(Waiter {
                    g,
                    gen,
                    case: case_index,
                    value: NONE,
                }),
            }
        }
        let first = match cases.first() {
            Some(Case::Send { ch, .. } | Case::Recv { ch }) => *ch,
            None => NONE,
        };
        self.park(g, BlockOn::Select, first, NONE)
    }

    fn tick(&mut self, t: u32) {
        let ticker = &self.tickers[t as usize];
        if ticker.stopped {
            return;
        }
        let (ch, period) = (ticker.ch, ticker.period);
        // time.Tick semantics: a non-blocking send into a buffer of one; a tick
        // nobody is ready for is dropped.
        let delivered =
            if let Some(r) = Self::pop_live(&mut self.chans[ch as usize].recvq, &self.gs) {
                self.emit(Kind::Tick, NONE, 0, ch, 1, NONE);
                self.emit(Kind::Send, NONE, 0, ch, 0, r.g);
                self.reply(r.g, 0, true, r.case);
                if self.gs[r.g as usize].state == GState::Blocked(BlockOn::Select) {
                    let line = self.gs[r.g as usize].line;
                    self.emit(Kind::Select, r.g, line, r.case, NONE, NONE);
                }
                self.ready(r.g, NONE, None);
                true
            } else if self.chans[ch as usize].buf.is_empty() {
                self.chans[ch as usize].buf.push_back(0);
                self.emit(Kind::Tick, NONE, 0, ch, 1, NONE);
                self.emit(Kind::Send, NONE, 0, ch, 0, NONE);
                true
            } else {
                false
            };
        if !delivered {
            self.emit(Kind::Tick, NONE, 0, ch, 0, NONE);
        }
        if self.tickers[t as usize].once {
            self.tickers[t as usize].stopped = true;
        } else {
            self.at(self.now + period, Wake::Tick(t));
        }
    }

    fn query(&mut self, g: u32, d: Nanos) -> Next {
        let Some(res) = self.resource.as_mut() else {
            return self.park_for(g, BlockOn::Io, d);
        };
        let conns = res.spec.conns.max(1);
        match res.spec.overload {
            Overload::Queue if res.in_use >= conns => {
                res.queue.push_back((g, d));
                return self.park(g, BlockOn::Resource, NONE, NONE);
            }
            Overload::Fail if res.in_use >= conns => {
                self.reply(g, 0, false, 0);
                return Next::Busy(self.costs.chan_op);
            }
            _ => {}
        }
        res.in_use += 1;
        // Shared capacity: past the limit every call takes proportionally longer.
        let latency = if res.spec.overload == Overload::Slow && res.in_use > conns {
            Nanos(
                ((u128::from(d.0) * u128::from(res.in_use)) / u128::from(conns))
                    .min(u128::from(u64::MAX)) as u64,
            )
        } else {
            d
        };
        self.reply(g, 0, true, 0);
        self.at(self.now + latency, Wake::QueryDone(g));
        self.park(g, BlockOn::Io, NONE, NONE)
    }

    fn query_done(&mut self, g: u32) {
        if let Some(res) = self.resource.as_mut() {
            res.in_use -= 1;
            if let Some((next, d)) = res.queue.pop_front() {
                res.in_use += 1;
                self.reply(next, 0, true, 0);
                self.at(self.now + d, Wake::QueryDone(next));
            }
        }
        self.ready(g, NONE, None);
    }
}

fn noop_waker() -> Waker {
    // The engine knows which goroutine to poll next, so wake-ups carry no information.
    fn clone(_: *const ()) -> RawWaker {
        RawWaker::new(std::ptr::null(), &VTABLE)
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    // SAFETY: every vtable function ignores the data pointer, so null is fine.
    unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) }
}

/// The future behind every operation, made once the operation is already in
/// the mailbox: it yields on the first poll, so the engine carries the
/// operation out, and returns the engine's reply on the second (the engine
/// polls again only once the operation is complete). The operation goes
/// into the mailbox when it is made, not carried in the future and moved on
/// its first poll: reading a value back whole just after writing it field by
/// field stalls the processor, and that move was the costliest step of a poll.
pub(crate) struct OpFuture<'m> {
    pub mailbox: &'m Mailbox,
    pub asked: bool,
}

impl Future for OpFuture<'_> {
    type Output = Reply;
    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Reply> {
        if self.asked {
            Poll::Ready(self.mailbox.reply.get())
        } else {
            self.asked = true;
            Poll::Pending
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::go::{Go, World};
    use crate::trace::Event;

    #[derive(Default)]
    struct Collect(Vec<Event>);

    impl Sink for Collect {
        fn event(&mut self, e: &Event) {
            self.0.push(*e);
        }
    }

    /// Runs a hand-written `main` on `cores` Ps with default costs.
    fn run_main<F, Fut>(cores: u32, main: F) -> (Result<Outcome, SimError>, Vec<Event>)
    where
        F: FnOnce(Go) -> Fut,
        Fut: Future<Output = ()> + 'static,
    {
        let rng = Rc::new(RefCell::new(SimRng::new(1)));
        let mailbox = Rc::new(Mailbox::default());
        let world = Rc::new(World {
            durations: vec![Nanos::from_ms(1); 4].into(),
            workload: crate::Scenario::default().workload,
            rng: rng.clone(),
        });
        let go = Go::new(mailbox.clone(), world);
        let mut sink = Collect::default();
        let engine = Engine::new(
            cores,
            Costs::default(),
            None,
            mailbox,
            rng,
            &mut sink,
            limits::EVENTS_MAX,
        );
        let outcome = engine.run(Box::pin(main(go)), None);
        (outcome, sink.0)
    }

    /// A thief visits the Ps holding a `runnext` in the same order as it
    /// would walk every P from its random start.
    #[test]
    fn a_set_of_ps_is_walked_round_from_any_start() {
        for cores in [1, 2, 8, 63, 64, 65, 200, 256] {
            let members: Vec<u32> = (0..cores).filter(|p| p % 3 == 1 || p % 64 == 63).collect();
            let mut set = PSet::default();
            members.iter().for_each(|&p| set.insert(p));
            set.insert(0);
            set.remove(0);
            assert_eq!(set.len(), members.len());
            for start in 0..cores {
                let walked: Vec<u32> = set.round_from(start, cores).collect();
                let expected: Vec<u32> = (start..cores)
                    .chain(0..start)
                    .filter(|p| members.contains(p))
                    .collect();
                assert_eq!(walked, expected, "cores {cores}, start {start}");
            }
        }
        assert!(PSet::default().is_empty());
    }

    #[test]
    fn a_receive_nobody_will_match_is_a_deadlock() {
        let (outcome, _) = run_main(1, |go| async move {
            let ch = go.make_chan(0, ChanRole::Results, 1).await;
            go.recv(ch, 2).await;
        });
        assert!(
            matches!(outcome, Err(SimError::Deadlock { .. })),
            "{outcome:?}"
        );
    }

    #[test]
    fn sending_on_a_closed_channel_panics_with_its_line() {
        let (outcome, _) = run_main(1, |go| async move {
            let ch = go.make_chan(1, ChanRole::Results, 1).await;
            go.close(ch, 2).await;
            go.send(ch, 7, 3).await;
        });
        match outcome {
            Err(SimError::Panic { line, message, .. }) => {
                assert_eq!(line, 3);
                assert_eq!(message, "send on closed channel");
            }
            other => panic!("expected a panic, got {other:?}"),
        }
    }

    #[test]
    fn an_unbuffered_send_waits_for_its_receiver() {
        let (outcome, events) = run_main(2, |go| async move {
            let ch = go.make_chan(0, ChanRole::Results, 1).await;
            let g = go.clone();
            go.spawn(2, Role::Worker, 0, async move {
                g.sleep(Nanos::from_ms(5), 3).await;
                g.recv(ch, 4).await;
            })
            .await;
            go.send(ch, 42, 5).await;
        });
        let end = outcome.expect("runs").end;
        assert!(
            end >= Nanos::from_ms(5),
            "the sender returned at {end}, before the receiver woke"
        );
        let send = events
            .iter()
            .find(|e| e.kind() == Kind::Recv)
            .expect("a receive");
        assert_eq!(
            (send.b, send.c),
            (42, MAIN),
            "the value came straight from main"
        );
    }

    #[test]
    fn a_ticker_drops_ticks_while_nobody_receives() {
        let (outcome, events) = run_main(1, |go| async move {
            let ticker = go.ticker(Nanos::from_ms(10), 1).await;
            // Busy for 35 ms: ticks at 10 (kept in the buffer of one), 20 and 30 (dropped).
            go.cpu(Nanos::from_ms(35), 2).await;
            go.recv(ticker.c, 3).await;
            go.recv(ticker.c, 4).await;
            go.stop_ticker(ticker, 5).await;
        });
        let end = outcome.expect("runs").end;
        let ticks: Vec<u32> = events
            .iter()
            .filter(|e| e.kind() == Kind::Tick)
            .map(|e| e.b)
            .collect();
        assert_eq!(ticks, vec![1, 0, 0, 1], "kept, dropped, dropped, delivered");
        assert!(
            end >= Nanos::from_ms(40) && end < Nanos::from_ms(41),
            "second receive waits for the 40 ms tick, ended {end}"
        );
    }

    #[test]
    fn a_negative_waitgroup_counter_panics() {
        let (outcome, _) = run_main(1, |go| async move {
            let wg = go.wait_group(1).await;
            go.done(wg, 2).await;
        });
        assert!(
            matches!(outcome, Err(SimError::Panic { ref message, .. }) if message.contains("negative WaitGroup"))
        );
    }

    #[test]
    fn a_mutex_serialises_its_holders_in_arrival_order() {
        let (outcome, events) = run_main(4, |go| async move {
            let mu = go.mutex(1).await;
            let wg = go.wait_group(1).await;
            for w in 0..3 {
                go.add(wg, 1, 2).await;
                let g = go.clone();
                go.spawn(3, Role::Worker, w, async move {
                    g.lock(mu, 4).await;
                    g.cpu(Nanos::from_ms(10), 5).await;
                    g.unlock(mu, 6).await;
                    g.done(wg, 7).await;
                })
                .await;
            }
            go.wait(wg, 8).await;
        });
        let end = outcome.expect("runs").end;
        assert!(
            end >= Nanos::from_ms(30),
            "three 10 ms critical sections cannot overlap: {end}"
        );
        assert!(
            events
                .iter()
                .filter(|e| e.kind() == Kind::Block && e.a == BlockOn::Mutex as u32)
                .count()
                >= 2
        );
    }

    #[test]
    fn select_takes_the_default_when_nothing_is_ready() {
        let (outcome, _) = run_main(1, |go| async move {
            let ch = go.make_chan(0, ChanRole::Quit, 1).await;
            let (case, _) = go
                .select(vec![Case::Send { ch: ch.0, value: 0 }], true, 2)
                .await;
            assert_eq!(case, 1, "the default case");
        });
        outcome.expect("runs");
    }
}
