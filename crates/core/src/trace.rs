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

/// One event, 28 bytes: fixed-width integers only, so it serializes and hashes
/// the same on every platform. Packed to 4-byte alignment, since a recorded
/// trace is mostly these (a million tasks make about 14 million): the time
/// would otherwise pad it to 32. Fields are read by value; a reference to
/// one (`&e.t`) does not compile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[repr(C, packed(4))]
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
/// promised to be). Each event is packed into four 64-bit words; each word is
/// multiplied by its own odd constant (a bijection, so no bit of a field is
/// lost), the four are combined, and only that digest enters the running
/// state, with one rotate-xor-multiply step as in FxHash. The four multiplies
/// of an event wait neither on each other nor on the state, so an event costs
/// one dependent multiply instead of a chain of four.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TraceHasher(u64);

impl Default for TraceHasher {
    fn default() -> Self {
        TraceHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl TraceHasher {
    pub fn add(&mut self, e: &Event) {
        let time = e.t.0.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let who = (u64::from(e.g) | u64::from(e.kind as u8) << 32 | u64::from(e.line) << 40)
            .wrapping_mul(0xc2b2_ae3d_27d4_eb4f);
        let ab = (u64::from(e.a) | u64::from(e.b) << 32).wrapping_mul(0x1656_67b1_9e37_79f9);
        let c = u64::from(e.c).wrapping_mul(0x27d4_eb2f_1656_67c5);
        let digest = time ^ who.rotate_left(16) ^ ab.rotate_left(32) ^ c.rotate_left(48);
        self.0 = (self.0.rotate_left(5) ^ digest).wrapping_mul(0x517c_c1b7_2722_0a95);
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
