//! The trace: every event of a run in order, compact and hashable.

use crate::time::Nanos;
use serde::Serialize;

/// "No goroutine / no channel / no value" in an event's numeric slots.
pub const NONE: u32 = u32::MAX;

/// What happened. The meaning of an event's `a`, `b` and `c` slots depends on
/// the kind and is documented on each variant; `g` is always the goroutine
/// that acted (or [`NONE`] for the runtime itself, as with a ticker).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[repr(u8)]
pub enum Kind {
    /// `g` was created: a = parent, b = role ([`crate::Role`] as u32), c = role index.
    Spawn,
    /// `g` made channel a with buffer b for role c ([`crate::ChanRole`] as u32).
    MakeChan,
    /// `g` starts running on P a (after a context switch).
    Run,
    /// `g` parked: a = [`crate::BlockOn`] as u32, b = the object (channel, WaitGroup, ...), c = value in hand.
    Block,
    /// `g` became runnable after a block: a = the goroutine or [`NONE`] (timer) that woke it.
    Unblock,
    /// `g` was preempted after a full time slice on P a; it goes to the global queue.
    Preempt,
    /// P a stole b goroutines from P c's run queue (Go's own scheduler).
    RuntimeSteal,
    /// `g` put value b into channel a: c = the receiver it went to directly, or [`NONE`] if buffered.
    Send,
    /// `g` took value b from channel a: c = the sender it came from directly, or [`NONE`] if from the buffer.
    Recv,
    /// `g` received the zero value from closed channel a.
    RecvClosed,
    /// `g` closed channel a.
    Close,
    /// A ticker put a tick in channel a (b = 1) or dropped it because the buffer was full (b = 0).
    Tick,
    /// `g` created task a (it is now queued somewhere).
    TaskQueued,
    /// `g` started task a as worker b.
    TaskStart,
    /// `g` finished task a (b = 1 if the external resource refused it).
    TaskEnd,
    /// `g` pushed task b onto deque a.
    DequePush,
    /// `g` popped task b from its own end of deque a.
    DequePop,
    /// `g` stole b tasks from deque a into deque c.
    Steal,
    /// `g` took a token from limiter a after waiting b ns.
    Token,
    /// `g` cancelled context a.
    Cancel,
    /// `g` selected case a.
    Select,
    /// `g` returned.
    Exit,
    /// `g` handed result a to its caller; b = results still held back for their turn (fan-in's reorder buffer).
    Deliver,
    /// A ticker on channel a was still running when main returned: nothing stopped it.
    TickerLeaked,
    /// `g` was still alive when main returned: a = what it was blocked on ([`crate::BlockOn`]).
    Leaked,
}

/// One event, 32 bytes: fixed-width integers only, so it serializes and hashes
/// the same on every platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Event {
    pub t: Nanos,
    pub g: u32,
    pub kind: Kind,
    /// The Go source line this event stands for (0 when the runtime acted).
    pub line: u16,
    pub a: u32,
    pub b: u32,
    pub c: u32,
}

/// A trace hash that is the same on every platform (std's `Hash` is not
/// promised to be): each event is packed into four little-endian-independent
/// 64-bit words and folded with FxHash's rotate-xor-multiply step, which is
/// several times faster than hashing byte by byte and plenty to detect change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TraceHasher(u64);

impl Default for TraceHasher {
    fn default() -> Self {
        TraceHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl TraceHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    pub fn add(&mut self, e: &Event) {
        self.mix(e.t.0);
        self.mix(u64::from(e.g) | u64::from(e.kind as u8) << 32 | u64::from(e.line) << 40);
        self.mix(u64::from(e.a) | u64::from(e.b) << 32);
        self.mix(u64::from(e.c));
    }

    pub fn finish(self) -> u64 {
        self.0
    }
}

/// The hash of a whole trace.
pub fn hash_events(events: &[Event]) -> u64 {
    let mut h = TraceHasher::default();
    events.iter().for_each(|e| h.add(e));
    h.finish()
}
