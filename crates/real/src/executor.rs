//! The M:N scheduler: goroutines are futures, run by a fixed set of threads (the Ps) from per-thread deques, a global queue and a timer heap, as Go's `schedule`/`findrunnable` does.
//!
//! A goroutine that waits (a channel, a timer, a WaitGroup) returns
//! `Pending` and holds no thread; whoever readies it pushes it on the
//! readying thread's own deque (Go's `runqput`) or, from outside the
//! threads, on the global queue. An idle thread looks in its deque, then
//! the global queue, then steals half of another thread's deque
//! (crossbeam-deque's `Stealer`, the deque rayon uses), fires the timers
//! that are due, and only then sleeps, until the next timer or a wake-up.
//! Unlike Go, a running goroutine is never preempted: a task that
//! computes keeps its thread until it waits or returns.

use crate::clock::Clock;
use crate::record::ThreadLog;
use crate::Control;
use crossbeam_deque::{Steal, Stealer, Worker};
use gobalance_core::time::netpoll_wait;
use gobalance_core::{BlockOn, Event, Kind, Nanos, Role};
use std::cell::{Cell, RefCell};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU8, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

pub(crate) type GoFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// A goroutine's scheduling state: exactly one queue holds a `Scheduled`
/// goroutine, and a wake-up while it runs (`Notified`) re-queues it once.
const IDLE: u8 = 0;
const SCHEDULED: u8 = 1;
const RUNNING: u8 = 2;
const NOTIFIED: u8 = 3;
const DONE: u8 = 4;

pub(crate) struct Goroutine {
    pub id: u32,
    state: AtomicU8,
    future: Mutex<Option<GoFuture>>,
    /// What it last parked on, and at which line of its Go program, for
    /// the leak report.
    blocked_on: AtomicU8,
    line: std::sync::atomic::AtomicU16,
    shared: Arc<Shared>,
}

impl Wake for Goroutine {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let mut state = self.state.load(Ordering::Acquire);
        loop {
            let next = match state {
                IDLE => SCHEDULED,
                RUNNING => NOTIFIED,
                _ => return,
            };
            match self
                .state
                .compare_exchange(state, next, Ordering::AcqRel, Ordering::Acquire)
            {
                Ok(_) if next == SCHEDULED => {
                    self.shared.schedule(self.clone());
                    return;
                }
                Ok(_) => return,
                Err(actual) => state = actual,
            }
        }
    }
}

/// A timer: do `fire` at `deadline`; `seq` keeps equal deadlines in the
/// order they were set.
struct Timer {
    deadline: Nanos,
    seq: u64,
    fire: Fire,
}

/// What a timer does when it fires.
pub(crate) enum Fire {
    /// Readies a goroutine that sleeps.
    Wake(Waker),
    /// Puts a tick in a ticker's channel (dropped when it is full) and,
    /// for a ticker rather than `time.After`, sets the next one.
    Tick(Arc<crate::time::TickerInner>),
}

impl PartialEq for Timer {
    fn eq(&self, other: &Self) -> bool {
        (self.deadline, self.seq) == (other.deadline, other.seq)
    }
}
impl Eq for Timer {}
impl PartialOrd for Timer {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Timer {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.deadline, self.seq).cmp(&(other.deadline, other.seq))
    }
}

#[derive(Default)]
struct Timers {
    heap: BinaryHeap<Reverse<Timer>>,
    seq: u64,
}

/// Idle threads sleep on this; `sleepers` says whether a wake-up is needed.
#[derive(Default)]
struct Idle {
    sleepers: u32,
}

pub(crate) struct Shared {
    pub clock: Clock,
    /// Go's global run queue, which Go also guards with a lock (`sched.lock`).
    global: Mutex<VecDeque<Arc<Goroutine>>>,
    stealers: Vec<Stealer<Arc<Goroutine>>>,
    timers: Mutex<Timers>,
    idle: Mutex<Idle>,
    wake_idle: Condvar,
    /// Set when `main` returns (the program is over, as in Go) or the run
    /// is stopped.
    finished: AtomicBool,
    next_id: AtomicU32,
    all: Mutex<Vec<Arc<Goroutine>>>,
    /// Events noted off the pool's threads (the driver spawning `main`).
    outside_log: Mutex<ThreadLog>,
    /// When `main` returned: what happens later, the program did not see.
    main_end: Mutex<Option<Nanos>>,
    /// The first panic of a goroutine, which ends the run as in Go.
    panicked: Mutex<Option<String>>,
    /// Every periodic ticker, to report those never stopped.
    pub tickers: Mutex<Vec<Arc<crate::time::TickerInner>>>,
    pub control: Arc<Control>,
    /// Past this, the run is stopped as hung.
    deadline: Nanos,
}

/// What a pool thread knows about itself while it runs goroutines.
struct Current {
    shared: Arc<Shared>,
    p: u32,
    local: Worker<Arc<Goroutine>>,
    /// The goroutine being polled.
    running: Cell<u32>,
    /// What the running goroutine said it parks on, and where, before it
    /// returned `Pending`.
    parked_on: Cell<(BlockOn, u16)>,
    log: RefCell<ThreadLog>,
}

thread_local! {
    static CURRENT: RefCell<Option<Rc<Current>>> = const { RefCell::new(None) };
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs `f` with this thread's scheduler state, if it is a pool thread.
fn with_current<R>(f: impl FnOnce(Option<&Current>) -> R) -> R {
    let current = CURRENT.with(|c| c.borrow().clone());
    f(current.as_deref())
}

/// An idle thread sleeps at most this long without a timer, as a safety
/// net; every wake-up that matters also notifies it.
const IDLE_NAP: Duration = Duration::from_millis(50);

impl Shared {
    /// Queues a goroutine that became runnable: on this thread's own deque
    /// when a pool thread readies it, else on the global queue; then wakes
    /// a sleeping thread, as Go's `ready` calls `wakep`.
    fn schedule(&self, g: Arc<Goroutine>) {
        let g = with_current(|current| match current {
            Some(current) if std::ptr::eq(&*current.shared, self) => {
                current.local.push(g);
                None
            }
            _ => Some(g),
        });
        if let Some(g) = g {
            lock(&self.global).push_back(g);
        }
        self.wake_one();
    }

    fn wake_one(&self) {
        let idle = lock(&self.idle);
        if idle.sleepers > 0 {
            self.wake_idle.notify_one();
        }
    }

    /// Does `fire` at `deadline` or a little later.
    pub fn add_timer(&self, deadline: Nanos, fire: Fire) {
        let mut timers = lock(&self.timers);
        let earliest = timers.heap.peek().map(|Reverse(t)| t.deadline);
        timers.seq += 1;
        let seq = timers.seq;
        timers.heap.push(Reverse(Timer {
            deadline,
            seq,
            fire,
        }));
        drop(timers);
        // A sleeping thread may be waiting for a later deadline.
        if earliest.is_none_or(|earliest| deadline < earliest) {
            self.wake_one();
        }
    }

    /// Fires every timer that is due.
    fn fire_due_timers(&self) {
        let now = self.clock.now();
        let mut due = Vec::new();
        {
            let mut timers = lock(&self.timers);
            while let Some(Reverse(timer)) = timers.heap.peek() {
                if timer.deadline > now {
                    break;
                }
                let timer = timers.heap.pop().expect("peeked").0;
                due.push((timer.deadline, timer.fire));
            }
        }
        for (deadline, fire) in due {
            match fire {
                Fire::Wake(waker) => waker.wake(),
                Fire::Tick(ticker) => {
                    if let Some(next_tick) = ticker.tick(deadline, now) {
                        self.add_timer(next_tick, Fire::Tick(ticker));
                    }
                }
            }
        }
    }

    /// `go body()`: a new goroutine, the `index`th of its `role`.
    pub fn spawn(self: &Arc<Self>, role: Role, index: u32, body: GoFuture) -> u32 {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let g = Arc::new(Goroutine {
            id,
            state: AtomicU8::new(SCHEDULED),
            future: Mutex::new(Some(body)),
            blocked_on: AtomicU8::new(BlockOn::Runnable as u8),
            line: std::sync::atomic::AtomicU16::new(0),
            shared: self.clone(),
        });
        lock(&self.all).push(g.clone());
        let parent = with_current(|c| c.map_or(gobalance_core::trace::NONE, |c| c.running.get()));
        self.note_as(id, Kind::Spawn, parent, role as u32, index);
        self.schedule(g);
        id
    }

    pub fn finished(&self) -> bool {
        self.finished.load(Ordering::Acquire)
    }

    /// Whether the run is over: `main` returned, or it is cancelled or past
    /// its deadline (which this call notices and ends it for).
    pub fn should_stop(&self) -> bool {
        if self.finished() {
            return true;
        }
        if self.control.cancel.load(Ordering::Acquire) || self.clock.now() > self.deadline {
            self.finish();
            return true;
        }
        false
    }

    /// Ends the run: every thread stops at its next look.
    pub fn finish(&self) {
        self.finished.store(true, Ordering::Release);
        let _idle = lock(&self.idle);
        self.wake_idle.notify_all();
    }

    /// Records an event on behalf of goroutine `g`.
    fn note_as(&self, g: u32, kind: Kind, a: u32, b: u32, c: u32) {
        let on_pool = with_current(|current| match current {
            Some(current) if std::ptr::eq(&*current.shared, self) => {
                current.log.borrow_mut().push(&self.clock, g, kind, a, b, c);
                true
            }
            _ => false,
        });
        if !on_pool {
            lock(&self.outside_log).push(&self.clock, g, kind, a, b, c);
        }
    }
}

/// Records an event of the goroutine running on this thread.
pub(crate) fn note(kind: Kind, a: u32, b: u32, c: u32) {
    with_current(|current| {
        if let Some(current) = current {
            let g = current.running.get();
            current
                .log
                .borrow_mut()
                .push(&current.shared.clock, g, kind, a, b, c);
        }
    });
}

/// Says what the running goroutine parks on, at which line of its Go
/// program; a primitive calls it before it returns `Pending`.
pub(crate) fn parking_on(on: BlockOn, line: u16) {
    with_current(|current| {
        if let Some(current) = current {
            current.parked_on.set((on, line));
        }
    });
}

/// The shared state of the run this thread works for.
pub(crate) fn shared() -> Arc<Shared> {
    with_current(|current| current.expect("called on a pool thread").shared.clone())
}

/// One pool thread's life: find a runnable goroutine, poll it, repeat;
/// sleep when there is nothing to do until the next timer or a wake-up.
fn thread_loop(current: Rc<Current>) -> ThreadLog {
    let shared = current.shared.clone();
    CURRENT.with(|c| *c.borrow_mut() = Some(current.clone()));
    let mut steal_start = current.p as usize;
    while !shared.should_stop() {
        shared.fire_due_timers();
        steal_start = (steal_start + 1) % shared.stealers.len().max(1);
        if let Some(g) = find_runnable(&current, steal_start) {
            poll_goroutine(&current, g);
            continue;
        }
        let mut idle = lock(&shared.idle);
        let work_left =
            !lock(&shared.global).is_empty() || shared.stealers.iter().any(|s| !s.is_empty());
        if shared.finished() || work_left {
            continue;
        }
        // Read under the idle lock: a timer added since the top of the loop
        // is seen here, or its `wake_one` finds this thread asleep.
        let next_timer = lock(&shared.timers)
            .heap
            .peek()
            .map(|Reverse(t)| t.deadline);
        let now = shared.clock.now();
        let nap = match next_timer {
            Some(deadline) if deadline <= now => continue,
            // As Go's poller on Linux: whole milliseconds, so the run keeps
            // the timing the simulation predicts (`netpoll_wait`).
            Some(deadline) => Duration::from_nanos(netpoll_wait(deadline - now).0).min(IDLE_NAP),
            None => IDLE_NAP,
        };
        idle.sleepers += 1;
        let (mut idle, _) = shared
            .wake_idle
            .wait_timeout(idle, nap)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        idle.sleepers -= 1;
    }
    CURRENT.with(|c| c.borrow_mut().take());
    current.log.take()
}

/// Own deque first, then a batch from the global queue, then half of
/// another thread's deque, starting at a different victim each time.
fn find_runnable(current: &Current, steal_start: usize) -> Option<Arc<Goroutine>> {
    if let Some(g) = current.local.pop() {
        return Some(g);
    }
    let shared = &current.shared;
    {
        // A batch, as Go's `globrunqget` takes: a fair share of the queue.
        let mut global = lock(&shared.global);
        let threads = shared.stealers.len().max(1);
        let batch = (global.len() / threads + 1).min(global.len());
        let mut taken = global.drain(..batch);
        if let Some(first) = taken.next() {
            for g in taken {
                current.local.push(g);
            }
            return Some(first);
        }
    }
    let n = shared.stealers.len();
    for i in 0..n {
        let victim = (steal_start + i) % n;
        if victim == current.p as usize {
            continue;
        }
        loop {
            match shared.stealers[victim].steal_batch_and_pop(&current.local) {
                Steal::Success(g) => return Some(g),
                Steal::Retry => continue,
                Steal::Empty => break,
            }
        }
    }
    None
}

fn poll_goroutine(current: &Current, g: Arc<Goroutine>) {
    g.state.store(RUNNING, Ordering::Release);
    current.running.set(g.id);
    current.parked_on.set((BlockOn::Runnable, 0));
    let shared = &current.shared;
    current
        .log
        .borrow_mut()
        .push(&shared.clock, g.id, Kind::Run, current.p, 0, 0);
    let waker = Waker::from(g.clone());
    let mut cx = Context::from_waker(&waker);
    let mut slot = lock(&g.future);
    let poll = slot.as_mut().map(|future| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            future.as_mut().poll(&mut cx)
        }))
    });
    let poll = match poll {
        Some(Err(panic)) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a goroutine panicked".to_string());
            lock(&shared.panicked).get_or_insert(message);
            shared.finish();
            None
        }
        Some(Ok(poll)) => Some(poll),
        None => None,
    };
    match poll {
        Some(Poll::Pending) => {
            drop(slot);
            let (on, line) = current.parked_on.get();
            g.blocked_on.store(on as u8, Ordering::Relaxed);
            g.line.store(line, Ordering::Relaxed);
            current
                .log
                .borrow_mut()
                .push_line(&shared.clock, g.id, Kind::Block, line, on as u32);
            if g.state
                .compare_exchange(RUNNING, IDLE, Ordering::AcqRel, Ordering::Acquire)
                .is_err()
            {
                // Woken while it ran: it goes straight back in line.
                g.state.store(SCHEDULED, Ordering::Release);
                current.local.push(g);
                shared.wake_one();
            }
        }
        Some(Poll::Ready(())) | None => {
            *slot = None;
            drop(slot);
            g.state.store(DONE, Ordering::Release);
            current
                .log
                .borrow_mut()
                .push(&shared.clock, g.id, Kind::Exit, 0, 0, 0);
        }
    }
    current.running.set(gobalance_core::trace::NONE);
}

/// A goroutine still alive when `main` returned: what it waited on, and
/// the line of its Go program where it last parked (0: it never parked).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Alive {
    pub goroutine: u32,
    pub on: BlockOn,
    pub line: u16,
}

/// How a run ended.
pub(crate) struct Finished {
    /// Every event, in time order.
    pub events: Vec<Event>,
    /// Goroutines still alive when `main` returned.
    pub alive: Vec<Alive>,
    /// Whether `stop` ended it rather than `main` returning.
    pub stopped: bool,
    /// A goroutine's panic message, if one ended the run.
    pub panicked: Option<String>,
}

/// Runs `main` as goroutine 0 on `threads` threads until it returns, is
/// cancelled through `control`, or passes `deadline`.
pub(crate) fn run(
    threads: u32,
    clock: Clock,
    main: impl FnOnce() -> GoFuture,
    control: Arc<Control>,
    deadline: Nanos,
) -> Finished {
    let threads = threads.max(1) as usize;
    let locals: Vec<Worker<Arc<Goroutine>>> = (0..threads).map(|_| Worker::new_fifo()).collect();
    let shared = Arc::new(Shared {
        clock,
        global: Mutex::default(),
        stealers: locals.iter().map(Worker::stealer).collect(),
        timers: Mutex::default(),
        idle: Mutex::default(),
        wake_idle: Condvar::new(),
        finished: AtomicBool::new(false),
        next_id: AtomicU32::new(0),
        all: Mutex::default(),
        outside_log: Mutex::default(),
        main_end: Mutex::default(),
        panicked: Mutex::default(),
        tickers: Mutex::default(),
        control,
        deadline,
    });
    let body = main();
    let main_done = Arc::new(AtomicBool::new(false));
    let flag = main_done.clone();
    let finisher = shared.clone();
    shared.spawn(
        Role::Main,
        0,
        Box::pin(async move {
            body.await;
            *lock(&finisher.main_end) = Some(finisher.clock.now());
            flag.store(true, Ordering::Release);
            finisher.finish();
        }),
    );
    let thread_loops: Vec<_> = locals
        .into_iter()
        .enumerate()
        .map(|(p, local)| {
            let shared = shared.clone();
            move || {
                thread_loop(Rc::new(Current {
                    shared,
                    p: p as u32,
                    local,
                    running: Cell::new(gobalance_core::trace::NONE),
                    parked_on: Cell::new((BlockOn::Runnable, 0)),
                    log: RefCell::default(),
                }))
            }
        })
        .collect();
    let mut logs = on_threads(thread_loops);
    logs.push(std::mem::take(&mut *lock(&shared.outside_log)));
    // The program ends when `main` returns, as Go's does: what the pool
    // threads did after that (finishing the poll they were in) is dropped,
    // and whatever had not exited by then is left alive.
    let end = lock(&shared.main_end).unwrap_or_else(|| shared.clock.now());
    let mut events = crate::record::merge(logs);
    // A goroutine whose last poll was under way when `main` returned, and
    // that did nothing after it but return (its deferred `wg.Done()` let
    // `main` go on another thread), had no statement left: its exit raced
    // `main`'s by the length of a return, and is stamped at the end.
    let mut did_more_after_end = std::collections::HashSet::new();
    let mut exited_after_end = Vec::new();
    for e in events.iter().filter(|e| e.t() > end) {
        match e.kind() {
            Kind::Exit => exited_after_end.push(*e),
            _ => {
                did_more_after_end.insert(e.g);
            }
        }
    }
    events.retain(|e| e.t() <= end);
    events.extend(
        exited_after_end
            .into_iter()
            .filter(|e| !did_more_after_end.contains(&e.g))
            .map(|e| Event::new(end, e.g, Kind::Exit, e.line(), e.a, e.b, e.c)),
    );
    let exited: std::collections::HashSet<u32> = events
        .iter()
        .filter(|e| e.kind() == Kind::Exit)
        .map(|e| e.g)
        .collect();
    let mut alive = Vec::new();
    let main_returned = main_done.load(Ordering::Acquire);
    for g in lock(&shared.all).drain(..) {
        // `main`'s own exit is stamped just after the end it marks.
        let returned = g.id == gobalance_core::runtime::MAIN && main_returned;
        if !exited.contains(&g.id) && !returned {
            let on = match g.state.load(Ordering::Acquire) {
                IDLE => BlockOn::ALL[usize::from(g.blocked_on.load(Ordering::Relaxed))],
                SCHEDULED => BlockOn::Runnable,
                _ => BlockOn::Running,
            };
            let line = g.line.load(Ordering::Relaxed);
            alive.push(Alive {
                goroutine: g.id,
                on,
                line,
            });
            events.push(Event::new(end, g.id, Kind::Leaked, line, on as u32, 0, 0));
        }
        // Dropping the future breaks the cycle goroutine -> future -> waker.
        lock(&g.future).take();
    }
    for ticker in lock(&shared.tickers).drain(..) {
        if !ticker.stopped() {
            events.push(Event::new(
                end,
                gobalance_core::trace::NONE,
                Kind::TickerLeaked,
                0,
                0,
                0,
                0,
            ));
        }
    }
    let panicked = lock(&shared.panicked).take();
    Finished {
        events,
        alive,
        stopped: !main_returned,
        panicked,
    }
}

/// Runs each loop on a thread of its own and returns their logs: natively
/// new threads, named for their P.
#[cfg(not(target_arch = "wasm32"))]
fn on_threads<F: FnOnce() -> ThreadLog + Send>(loops: Vec<F>) -> Vec<ThreadLog> {
    std::thread::scope(|scope| {
        let handles: Vec<_> = loops
            .into_iter()
            .enumerate()
            .map(|(p, thread_loop)| {
                std::thread::Builder::new()
                    .name(format!("gobalance-p{p}"))
                    .spawn_scoped(scope, thread_loop)
                    .expect("a pool thread starts")
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().unwrap_or_default())
            .collect()
    })
}

/// Runs each loop on a thread of its own and returns their logs: in the
/// browser the page's rayon pool of Web Workers, which must have a thread
/// for each (the caller, itself on the pool, runs one).
#[cfg(target_arch = "wasm32")]
fn on_threads<F: FnOnce() -> ThreadLog + Send>(loops: Vec<F>) -> Vec<ThreadLog> {
    let logs: Vec<Mutex<ThreadLog>> = loops.iter().map(|_| Mutex::default()).collect();
    rayon::scope(|scope| {
        for (thread_loop, log) in loops.into_iter().zip(&logs) {
            scope.spawn(move |_| *lock(log) = thread_loop());
        }
    });
    logs.into_iter()
        .map(|log| {
            log.into_inner()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
        })
        .collect()
}

/// `go body()` from a running goroutine: the `index`th of its `role`.
pub fn go(role: Role, index: u32, body: impl Future<Output = ()> + Send + 'static) {
    shared().spawn(role, index, Box::pin(body));
}
