//! The protocol between a goroutine's future and the engine: the operation asked for, the reply, the notes left on the way, and the future that yields once.
//!
//! Objects are plain ids here (a channel is a `u32`): the typed handles a
//! strategy holds live in `go.rs`, which turns them into these.

use super::GoFuture;
use crate::scenario::StealAmount;
use crate::time::Nanos;
use crate::trace::Kind;
use crate::vocabulary::{ChanRole, Role};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

/// One case of a `select`, in the order written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Case {
    Send { ch: u32, value: u32 },
    Recv { ch: u32 },
}

/// What a `select` does when no case is ready.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SelectDefault {
    /// No `default`: park on every case at once.
    Park,
    /// A `default` case, chosen as the case after the last.
    Take,
}

/// Whether a worker's queue is shared under a lock (the work-stealing
/// program's deques: each push, pop and steal pays a lock) or a plain slice
/// only its owner touches once dealt (the static program's: free).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Guard {
    Mutex,
    None,
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
    Select(Vec<Case>, SelectDefault),
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
    /// `time.NewTicker(period)`: replies with the ticker's channel.
    NewTicker(Nanos),
    /// `time.After(d)`: a one-shot ticker.
    After(Nanos),
    /// `ticker.Stop()`, the ticker named by its channel.
    StopTicker(u32),
    /// `len(ch)`: values waiting in the buffer.
    ChanLen(u32),
    NewDeque(Guard),
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

/// What an operation gave back: a received value or a new object's id,
/// `ok` (false on a closed channel or a refused call), and the chosen
/// select case.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Reply {
    pub value: u32,
    pub ok: bool,
    pub case: u32,
}

impl Reply {
    /// What an operation that gives nothing back replies.
    pub const OK: Reply = Reply {
        value: 0,
        ok: true,
        case: 0,
    };
}

/// The slot through which the running goroutine and the engine talk. Only one
/// goroutine runs at a time, so one slot is enough.
#[derive(Default)]
pub(crate) struct Mailbox {
    pub op: Cell<Option<(Op, u16)>>,
    pub reply: Cell<Reply>,
    /// The virtual time and the goroutine being polled, for a program that
    /// reads the clock or says who printed a line (set before every poll).
    pub now: Cell<Nanos>,
    pub polled: Cell<u32>,
    /// Events recorded before this poll: where a line the program prints
    /// falls in the trace.
    pub events: Cell<u64>,
    pub spawned: Cell<Option<GoFuture>>,
    pub notes: RefCell<Vec<Note>>,
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

/// The waker the engine polls with.
pub(super) fn noop_waker() -> Waker {
    // The engine knows which goroutine to poll next, so wake-ups carry no information.
    fn clone(_: *const ()) -> RawWaker {
        RawWaker::new(std::ptr::null(), &VTABLE)
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    // SAFETY: every vtable function ignores the data pointer, so null is fine.
    unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) }
}
