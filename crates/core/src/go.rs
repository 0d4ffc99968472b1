//! The handle a simulated goroutine acts through: Go's primitives as async methods, each tagged with its Go source line.

use crate::runtime::{Case, Guard, Mailbox, Note, Op, OpFuture, Reply, SelectDefault};
use crate::scenario::{StealAmount, Workload};
use crate::time::Nanos;
use crate::trace::{Kind, NONE};
use crate::vocabulary::{ChanRole, Role};
use std::future::Future;
use std::rc::Rc;

// The handles below are typed so that a strategy cannot mix them up; the id
// inside each is the engine's, and only this file turns one into the other.

/// A channel (`chan T`): values are task ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chan(u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WaitGroup(u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mutex(u32);

/// A `rate.Limiter` (token bucket).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limiter(u32);

/// A `time.Ticker`: `c` is its channel, as `ticker.C` in Go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ticker {
    pub c: Chan,
}

/// A mutex-guarded double-ended queue of task ids owned by one worker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deque(u32);

/// A cancellable `context.Context`: cancelling closes its Done channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ctx {
    done: Chan,
}

impl Ctx {
    /// `ctx.Done()`.
    pub fn done(&self) -> Chan {
        self.done
    }
}

/// The cases of a `select`, added in the order the Go program writes them:
///
/// ```text
/// let mut select = Select::new();       // select {
/// let tick = select.recv(ticker.c);     // case <-ticker.C:
/// let stop = select.recv(quit);         // case <-quit:
/// let chosen = go.select(select, line).await;
/// if chosen.is(stop) { return; }        //     return }
/// ```
#[derive(Clone, Debug, Default)]
pub struct Select {
    cases: Vec<Case>,
}

/// One case of a [`Select`], by which the chosen case is recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SelectCase(u32);

impl Select {
    pub fn new() -> Select {
        Select::default()
    }

    /// `case v, ok := <-ch:`
    pub fn recv(&mut self, ch: Chan) -> SelectCase {
        self.add(Case::Recv { ch: ch.0 })
    }

    /// `case ch <- value:`
    pub fn send(&mut self, ch: Chan, value: u32) -> SelectCase {
        self.add(Case::Send { ch: ch.0, value })
    }

    fn add(&mut self, case: Case) -> SelectCase {
        self.cases.push(case);
        SelectCase(self.cases.len() as u32 - 1)
    }
}

/// The case a `select` took, and what a receive case got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selected {
    case: u32,
    /// The index the `default` case would have: one past the last case.
    default_case: u32,
    value: u32,
    ok: bool,
}

impl Selected {
    pub fn is(&self, case: SelectCase) -> bool {
        self.case == case.0
    }

    pub fn is_default(&self) -> bool {
        self.case == self.default_case
    }

    /// What receive `case` got, if it was the one taken and its channel
    /// gave a value: `None` for another case or a closed channel (`!ok`).
    pub fn received(&self, case: SelectCase) -> Option<u32> {
        (self.is(case) && self.ok).then_some(self.value)
    }
}

/// What every goroutine of a run can see: the task durations and how each splits into computing and waiting.
pub(crate) struct World {
    pub durations: std::sync::Arc<[Nanos]>,
    pub workload: Workload,
}

/// A goroutine's view of the runtime. Cheap to clone: every goroutine gets one.
#[derive(Clone)]
pub struct Go {
    mailbox: Rc<Mailbox>,
    world: Rc<World>,
}

impl Go {
    pub(crate) fn new(mailbox: Rc<Mailbox>, world: Rc<World>) -> Go {
        Go { mailbox, world }
    }

    /// Puts `op` in the mailbox; awaiting the result hands it to the engine.
    fn op(&self, op: Op, line: u16) -> OpFuture<'_> {
        self.mailbox.op.set(Some((op, line)));
        OpFuture {
            mailbox: &self.mailbox,
            asked: false,
        }
    }

    fn note(&self, kind: Kind, line: u16, a: u32, b: u32) {
        self.mailbox
            .notes
            .borrow_mut()
            .push(Note { kind, line, a, b });
    }

    /// The virtual time now (`time.Now()` of an interpreted program).
    pub fn now(&self) -> Nanos {
        self.mailbox.now.get()
    }

    /// The engine's id of the goroutine running now.
    pub fn goroutine(&self) -> u32 {
        self.mailbox.polled.get()
    }

    /// Events recorded so far: the index of the next event, which places
    /// what the program does between two operations (a printed line) in
    /// the trace.
    pub fn events_so_far(&self) -> u64 {
        self.mailbox.events.get()
    }

    /// The number of tasks in the workload.
    pub fn tasks(&self) -> u32 {
        self.world.durations.len() as u32
    }

    pub fn task_duration(&self, task: u32) -> Nanos {
        self.world.durations[task as usize]
    }

    /// `go f()`: the new goroutine, the `index`th of its `role`, goes to this P's `runnext`.
    pub async fn spawn(
        &self,
        role: Role,
        index: u32,
        body: impl Future<Output = ()> + 'static,
        line: u16,
    ) {
        self.mailbox.spawned.set(Some(Box::pin(body)));
        self.op(Op::Spawn(role, index), line).await;
    }

    /// Burns a processor for `d` (CPU-bound work).
    pub async fn cpu(&self, d: Nanos, line: u16) {
        self.op(Op::Cpu(d), line).await;
    }

    /// Waits `d` without holding a processor (network or disk I/O).
    pub async fn io(&self, d: Nanos, line: u16) {
        self.op(Op::Io(d), line).await;
    }

    /// `time.Sleep(d)`.
    pub async fn sleep(&self, d: Nanos, line: u16) {
        self.op(Op::Sleep(d), line).await;
    }

    /// `make(chan T, cap)`.
    pub async fn make_chan(&self, cap: u32, role: ChanRole, line: u16) -> Chan {
        Chan(self.op(Op::MakeChan(cap, role), line).await.value)
    }

    /// `ch <- value`.
    pub async fn send(&self, ch: Chan, value: u32, line: u16) {
        self.op(Op::Send(ch.0, value), line).await;
    }

    /// `v, ok := <-ch`: `None` once the channel is closed and drained.
    pub async fn recv(&self, ch: Chan, line: u16) -> Option<u32> {
        let Reply { value, ok, .. } = self.op(Op::Recv(ch.0), line).await;
        ok.then_some(value)
    }

    pub async fn close(&self, ch: Chan, line: u16) {
        self.op(Op::Close(ch.0), line).await;
    }

    /// `len(ch)`.
    pub async fn len(&self, ch: Chan, line: u16) -> u32 {
        self.op(Op::ChanLen(ch.0), line).await.value
    }

    /// `select { ... }` with no `default`: parks until one case is ready.
    pub async fn select(&self, select: Select, line: u16) -> Selected {
        self.select_with(select, SelectDefault::Park, line).await
    }

    /// `select { ... default: }`: takes the default when no case is ready.
    pub async fn select_or_default(&self, select: Select, line: u16) -> Selected {
        self.select_with(select, SelectDefault::Take, line).await
    }

    async fn select_with(&self, select: Select, default: SelectDefault, line: u16) -> Selected {
        let default_case = select.cases.len() as u32;
        let Reply { value, ok, case } = self.op(Op::Select(select.cases, default), line).await;
        Selected {
            case,
            default_case,
            value,
            ok,
        }
    }

    /// `context.WithCancel`.
    pub async fn with_cancel(&self, line: u16) -> Ctx {
        Ctx {
            done: self.make_chan(0, ChanRole::Done, line).await,
        }
    }

    /// `cancel()`: closes the context's Done channel the first time; later calls do nothing.
    pub async fn cancel(&self, ctx: Ctx, line: u16) {
        self.op(Op::Cancel(ctx.done.0), line).await;
    }

    /// `var wg sync.WaitGroup`.
    pub async fn wait_group(&self, line: u16) -> WaitGroup {
        WaitGroup(self.op(Op::NewWaitGroup, line).await.value)
    }

    /// `wg.Add(delta)`: a negative count panics, as in Go.
    pub async fn add(&self, wg: WaitGroup, delta: i32, line: u16) {
        self.op(Op::WgAdd(wg.0, delta), line).await;
    }

    pub async fn done(&self, wg: WaitGroup, line: u16) {
        self.add(wg, -1, line).await;
    }

    pub async fn wait(&self, wg: WaitGroup, line: u16) {
        self.op(Op::WgWait(wg.0), line).await;
    }

    pub async fn mutex(&self, line: u16) -> Mutex {
        Mutex(self.op(Op::NewMutex, line).await.value)
    }

    pub async fn lock(&self, mu: Mutex, line: u16) {
        self.op(Op::Lock(mu.0), line).await;
    }

    pub async fn unlock(&self, mu: Mutex, line: u16) {
        self.op(Op::Unlock(mu.0), line).await;
    }

    /// `rate.NewLimiter(rate, burst)`: starts full.
    pub async fn limiter(&self, rate_per_s: u32, burst: u32, line: u16) -> Limiter {
        Limiter(
            self.op(Op::NewLimiter { rate_per_s, burst }, line)
                .await
                .value,
        )
    }

    /// `limiter.Wait(ctx)`: reserves the next token and sleeps until it is due.
    pub async fn limiter_wait(&self, lim: Limiter, line: u16) {
        self.op(Op::LimiterWait(lim.0), line).await;
    }

    /// `time.NewTicker(period)` (and `time.Tick`, which is the same ticker never stopped).
    pub async fn ticker(&self, period: Nanos, line: u16) -> Ticker {
        Ticker {
            c: Chan(self.op(Op::NewTicker(period), line).await.value),
        }
    }

    /// `ticker.Stop()`: no more ticks; the channel stays open.
    pub async fn stop_ticker(&self, ticker: Ticker, line: u16) {
        self.op(Op::StopTicker(ticker.c.0), line).await;
    }

    /// `time.After(d)`: a channel that receives once, after `d`.
    pub async fn after(&self, d: Nanos, line: u16) -> Chan {
        Chan(self.op(Op::After(d), line).await.value)
    }

    /// A new, empty deque for one worker, shared under a lock.
    pub async fn deque(&self, line: u16) -> Deque {
        Deque(self.op(Op::NewDeque(Guard::Mutex), line).await.value)
    }

    /// A new, empty queue for one worker that nobody shares once it is
    /// dealt (a plain Go slice): pushing and popping cost no lock.
    pub async fn plain_queue(&self, line: u16) -> Deque {
        Deque(self.op(Op::NewDeque(Guard::None), line).await.value)
    }

    /// The owner puts a task at its own end.
    pub async fn push(&self, dq: Deque, task: u32, line: u16) {
        self.op(Op::DequePush(dq.0, task), line).await;
    }

    /// The owner takes the next task from its own end.
    pub async fn pop(&self, dq: Deque, line: u16) -> Option<u32> {
        let Reply { value, ok, .. } = self.op(Op::DequePop(dq.0), line).await;
        ok.then_some(value)
    }

    /// Moves tasks from the far end of `victim` to `thief`; returns how many.
    pub async fn steal(&self, victim: Deque, thief: Deque, amount: StealAmount, line: u16) -> u32 {
        self.op(
            Op::Steal {
                victim: victim.0,
                thief: thief.0,
                amount,
            },
            line,
        )
        .await
        .value
    }

    /// Hands `result` on to the program's caller; `held_back` results wait behind it.
    pub fn deliver(&self, result: u32, held_back: u32, line: u16) {
        self.note(Kind::Deliver, line, result, held_back);
    }

    /// Marks that `task` now exists and waits somewhere (a channel, a deque, a goroutine).
    pub fn task_queued(&self, task: u32, line: u16) {
        self.note(Kind::TaskQueued, line, task, NONE);
    }

    /// A task's duration split into its CPU share and its waiting share.
    fn split(&self, task: u32) -> (Nanos, Nanos) {
        let d = self.task_duration(task);
        let cpu = self.world.workload.cpu_part(d);
        (cpu, d - cpu)
    }

    /// Runs one task as `worker`: its CPU share on a processor, then its waiting
    /// share as a call to the external resource (plain I/O without one).
    pub async fn run_task(&self, task: u32, worker: u32, line: u16) {
        self.note(Kind::TaskStart, line, task, worker);
        let (cpu, wait) = self.split(task);
        if cpu > Nanos::ZERO {
            self.cpu(cpu, line).await;
        }
        let ok = wait == Nanos::ZERO || self.op(Op::Query(wait), line).await.ok;
        self.note(Kind::TaskEnd, line, task, u32::from(!ok));
    }

    /// Runs one task whose waiting share gives up when `ctx` is cancelled, as a
    /// context-aware call does. True if the task completed.
    pub async fn run_task_ctx(&self, task: u32, worker: u32, ctx: Ctx, line: u16) -> bool {
        self.note(Kind::TaskStart, line, task, worker);
        let (cpu, wait) = self.split(task);
        if cpu > Nanos::ZERO {
            self.cpu(cpu, line).await;
        }
        let after = self.after(wait, line).await;
        let mut select = Select::new();
        let timer = select.recv(after);
        select.recv(ctx.done());
        let completed = self.select(select, line).await.is(timer);
        // The Go program's `defer timer.Stop()`: a call given up on leaves
        // no timer behind to fire later.
        self.op(Op::StopTicker(after.0), line).await;
        self.note(Kind::TaskEnd, line, task, u32::from(!completed));
        completed
    }
}
