//! Go's channels for real goroutines: buffered and unbuffered, close, and `select` with send and receive cases and `default`.
//!
//! As in Go's `chan.go`, a goroutine that cannot proceed leaves a waiter
//! (Go's `sudog`) in the channel's receive or send queue, and the goroutine
//! that arrives next completes the operation for it, handing the value over
//! directly. A `select` locks all its channels in one order (Go's
//! `sellock`), tries each case, and if none is ready queues one waiter on
//! every channel; whichever counterpart claims the waiter first (Go's
//! `selectDone`) completes that one case, and the waiter's other entries
//! are dropped when next met.

use crate::executor::parking_on;
use gobalance_core::BlockOn;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};

/// A `chan` of task ids (or [`gobalance_core::trace::EMPTY_STRUCT`]).
#[derive(Clone)]
pub struct Chan(Arc<ChanInner>);

struct ChanInner {
    /// Orders the locks of a `select`.
    id: u32,
    capacity: usize,
    state: Mutex<ChanState>,
}

#[derive(Default)]
struct ChanState {
    buffer: VecDeque<u32>,
    closed: bool,
    receivers: VecDeque<(Arc<Waiter>, usize)>,
    senders: VecDeque<(Arc<Waiter>, usize, u32)>,
}

/// One parked `select` (or plain send or receive): claimed once, by the
/// counterpart that completes one of its cases.
struct Waiter {
    claimed: AtomicBool,
    done: Mutex<Option<Selected>>,
    waker: Mutex<Waker>,
}

impl Waiter {
    fn claim(&self) -> bool {
        !self.claimed.swap(true, Ordering::AcqRel)
    }

    fn complete(&self, selected: Selected) {
        *lock(&self.done) = Some(selected);
        lock(&self.waker).wake_by_ref();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

static NEXT_CHAN: AtomicU32 = AtomicU32::new(0);

/// Where the next `select` starts trying its cases.
static SELECT_START: AtomicU32 = AtomicU32::new(0);

impl Chan {
    /// `make(chan T, capacity)`.
    pub fn make(capacity: u32) -> Chan {
        Chan(Arc::new(ChanInner {
            id: NEXT_CHAN.fetch_add(1, Ordering::Relaxed),
            capacity: capacity as usize,
            state: Mutex::default(),
        }))
    }

    /// `ch <- value`, at `line` of the Go program.
    pub async fn send(&self, value: u32, line: u16) {
        let mut select = Select::new();
        select.send(self, value);
        select.wait_on(BlockOn::ChanSend, line).await;
    }

    /// `v, ok := <-ch`: `None` once the channel is closed and drained.
    pub async fn recv(&self, line: u16) -> Option<u32> {
        let mut select = Select::new();
        let case = select.recv(self);
        select.wait_on(BlockOn::ChanRecv, line).await.received(case)
    }

    /// `len(ch)`.
    pub fn len(&self) -> usize {
        lock(&self.0.state).buffer.len()
    }

    /// `close(ch)`: every parked receiver gets the zero value. Closing a
    /// closed channel, or sending on one, panics in Go; the strategies
    /// never do either, and here a second close is a no-op.
    pub fn close(&self) {
        let waiters: Vec<(Arc<Waiter>, usize)> = {
            let mut state = lock(&self.0.state);
            state.closed = true;
            state.receivers.drain(..).collect()
        };
        for (waiter, case) in waiters {
            if waiter.claim() {
                waiter.complete(Selected::without_value(case));
            }
        }
    }
}

/// What a `select` got: the case, and a receive case's value (`None` when
/// its channel was closed, or for a send).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selected {
    case: usize,
    value: Option<u32>,
}

impl Selected {
    /// A case that completed with no value: a send, or a receive from a
    /// closed channel.
    fn without_value(case: usize) -> Selected {
        Selected { case, value: None }
    }

    pub fn is(&self, case: SelectCase) -> bool {
        self.case == case.0
    }

    /// What receive `case` got, if it was taken and its channel was open.
    pub fn received(&self, case: SelectCase) -> Option<u32> {
        self.value.filter(|_| self.is(case))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SelectCase(usize);

enum Case {
    Recv(Chan),
    Send(Chan, u32),
}

impl Case {
    fn chan(&self) -> &Chan {
        match self {
            Case::Recv(ch) | Case::Send(ch, _) => ch,
        }
    }
}

/// The cases of a `select`, in the order the Go program writes them.
#[derive(Default)]
pub struct Select {
    cases: Vec<Case>,
}

impl Select {
    pub fn new() -> Select {
        Select::default()
    }

    /// `case v, ok := <-ch:`
    pub fn recv(&mut self, ch: &Chan) -> SelectCase {
        self.cases.push(Case::Recv(ch.clone()));
        SelectCase(self.cases.len() - 1)
    }

    /// `case ch <- value:`
    pub fn send(&mut self, ch: &Chan, value: u32) -> SelectCase {
        self.cases.push(Case::Send(ch.clone(), value));
        SelectCase(self.cases.len() - 1)
    }

    /// `select { ... }` at `line`: waits until one case can proceed.
    pub async fn wait(self, line: u16) -> Selected {
        let on = if self.cases.len() == 1 {
            match self.cases[0] {
                Case::Recv(_) => BlockOn::ChanRecv,
                Case::Send(..) => BlockOn::ChanSend,
            }
        } else {
            BlockOn::Select
        };
        self.wait_on(on, line).await
    }

    /// `select { ...; default: }`: a case that can proceed now, or the default.
    pub fn try_now(self) -> Selected {
        let mut guards = self.lock_all();
        self.try_cases(&mut guards).unwrap_or(Selected {
            case: usize::MAX,
            value: None,
        })
    }

    fn wait_on(self, on: BlockOn, line: u16) -> SelectFuture {
        SelectFuture {
            select: self,
            on,
            line,
            waiter: None,
        }
    }

    /// Each distinct channel's lock, taken in channel order so that two
    /// selects over the same channels cannot deadlock.
    fn lock_all(&self) -> Vec<(u32, MutexGuard<'_, ChanState>)> {
        // A select has a few cases: an insertion, not a sort (smaller wasm).
        let mut chans: Vec<&ChanInner> = Vec::with_capacity(self.cases.len());
        for case in &self.cases {
            let chan = &*case.chan().0;
            let at = chans.partition_point(|c| c.id < chan.id);
            if chans.get(at).is_none_or(|c| c.id != chan.id) {
                chans.insert(at, chan);
            }
        }
        chans.into_iter().map(|c| (c.id, lock(&c.state))).collect()
    }

    /// Tries the cases from a start that moves on with every select, so
    /// that no ready case is always passed over (Go shuffles the order).
    fn try_cases(&self, guards: &mut [(u32, MutexGuard<'_, ChanState>)]) -> Option<Selected> {
        let n = self.cases.len();
        let start = SELECT_START.fetch_add(1, Ordering::Relaxed) as usize;
        for i in (0..n).map(|k| (start + k) % n) {
            let case = &self.cases[i];
            let ch = &case.chan().0;
            let state = &mut guards
                .iter_mut()
                .find(|(id, _)| *id == ch.id)
                .expect("locked")
                .1;
            let done = match case {
                Case::Recv(_) => {
                    try_recv(state, ch.capacity).map(|value| Selected { case: i, value })
                }
                Case::Send(_, value) => try_send(state, ch.capacity, *value).then_some(Selected {
                    case: i,
                    value: None,
                }),
            };
            if done.is_some() {
                return done;
            }
        }
        None
    }
}

/// A receive that can proceed now: `Some(Some(v))` a value, `Some(None)`
/// closed, `None` it must wait.
fn try_recv(state: &mut ChanState, capacity: usize) -> Option<Option<u32>> {
    if let Some(value) = state.buffer.pop_front() {
        // A parked sender's value takes the freed slot.
        while let Some((waiter, case, sent)) = state.senders.pop_front() {
            if waiter.claim() {
                state.buffer.push_back(sent);
                waiter.complete(Selected::without_value(case));
                break;
            }
        }
        return Some(Some(value));
    }
    if capacity == 0 {
        while let Some((waiter, case, sent)) = state.senders.pop_front() {
            if waiter.claim() {
                waiter.complete(Selected::without_value(case));
                return Some(Some(sent));
            }
        }
    }
    state.closed.then_some(None)
}

/// A send that can proceed now: handed to a parked receiver or buffered.
fn try_send(state: &mut ChanState, capacity: usize, value: u32) -> bool {
    assert!(!state.closed, "send on closed channel");
    while let Some((waiter, case)) = state.receivers.pop_front() {
        if waiter.claim() {
            waiter.complete(Selected {
                case,
                value: Some(value),
            });
            return true;
        }
    }
    if state.buffer.len() < capacity {
        state.buffer.push_back(value);
        return true;
    }
    false
}

struct SelectFuture {
    select: Select,
    on: BlockOn,
    line: u16,
    waiter: Option<Arc<Waiter>>,
}

impl Future for SelectFuture {
    type Output = Selected;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Selected> {
        if let Some(waiter) = &self.waiter {
            *lock(&waiter.waker) = cx.waker().clone();
            if let Some(selected) = *lock(&waiter.done) {
                return Poll::Ready(selected);
            }
            parking_on(self.on, self.line);
            return Poll::Pending;
        }
        let waiter = {
            let select = &self.select;
            let mut guards = select.lock_all();
            if let Some(selected) = select.try_cases(&mut guards) {
                return Poll::Ready(selected);
            }
            let waiter = Arc::new(Waiter {
                claimed: AtomicBool::new(false),
                done: Mutex::new(None),
                waker: Mutex::new(cx.waker().clone()),
            });
            for (i, case) in select.cases.iter().enumerate() {
                let id = case.chan().0.id;
                let state = &mut guards.iter_mut().find(|(c, _)| *c == id).expect("locked").1;
                match case {
                    Case::Recv(_) => state.receivers.push_back((waiter.clone(), i)),
                    Case::Send(_, value) => state.senders.push_back((waiter.clone(), i, *value)),
                }
            }
            waiter
        };
        self.waiter = Some(waiter);
        parking_on(self.on, self.line);
        Poll::Pending
    }
}
