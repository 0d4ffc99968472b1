//! The trace: every event of a run in order, compact and hashable.

use crate::time::Nanos;
use serde::Serialize;

/// "No goroutine / no channel / no value" in an event's numeric slots.
pub const NONE: u32 = u32::MAX;

/// The value a `chan struct{}` carries, Go's `struct{}{}`: it holds nothing,
/// so it is [`NONE`], which no view takes for a task (a semaphore's buffer
/// is anonymous slots, a quit channel's send a bare signal).
pub const EMPTY_STRUCT: u32 = NONE;

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
    /// `g` was preempted on P a by sysmon, which had seen the P on the same
    /// turn for b µs (at least a time slice); it goes to the global queue.
    Preempt,
    /// P a stole b goroutines from P c (Go's own scheduler): half its local
    /// queue, or with `g` set, goroutine `g` from its `runnext`.
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

impl Kind {
    /// Every kind, in code order: `Kind::ALL[k as usize] == k`.
    pub const ALL: [Kind; 25] = [
        Kind::Spawn,
        Kind::MakeChan,
        Kind::Run,
        Kind::Block,
        Kind::Unblock,
        Kind::Preempt,
        Kind::RuntimeSteal,
        Kind::Send,
        Kind::Recv,
        Kind::RecvClosed,
        Kind::Close,
        Kind::Tick,
        Kind::TaskQueued,
        Kind::TaskStart,
        Kind::TaskEnd,
        Kind::DequePush,
        Kind::DequePop,
        Kind::Steal,
        Kind::Token,
        Kind::Cancel,
        Kind::Select,
        Kind::Exit,
        Kind::Deliver,
        Kind::TickerLeaked,
        Kind::Leaked,
    ];
}

/// One event, 24 bytes: fixed-width integers only, so it serializes and hashes
/// the same on every platform. A recorded trace is mostly these (a million
/// tasks make about 14 million), so the time, the kind and the line share one
/// word: virtual time stays below 2^50 ns ([`crate::scenario::limits::VIRTUAL_TIME_MAX`]
/// is 7 days, 2^49.1), there are fewer than 32 kinds, and the Go programs are
/// shorter than 512 lines.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Event {
    time_kind_line: u64,
    pub g: u32,
    pub a: u32,
    pub b: u32,
    pub c: u32,
}

const TIME_BITS: u32 = 50;
const KIND_BITS: u32 = 5;
const LINE_BITS: u32 = 64 - TIME_BITS - KIND_BITS;
/// The longest Go program an event can point into.
pub const LINES_MAX: u16 = (1 << LINE_BITS) - 1;

const _: () = assert!(crate::scenario::limits::VIRTUAL_TIME_MAX.0 < 1 << TIME_BITS);
const _: () = assert!(Kind::ALL.len() <= 1 << KIND_BITS);

impl Event {
    pub fn new(t: Nanos, g: u32, kind: Kind, line: u16, a: u32, b: u32, c: u32) -> Event {
        debug_assert!(t.0 < 1 << TIME_BITS && line <= LINES_MAX, "{t} line {line}");
        Event {
            time_kind_line: t.0
                | u64::from(kind as u8) << TIME_BITS
                | u64::from(line) << (TIME_BITS + KIND_BITS),
            g,
            a,
            b,
            c,
        }
    }

    pub fn t(&self) -> Nanos {
        Nanos(self.time_kind_line & ((1 << TIME_BITS) - 1))
    }

    pub fn kind(&self) -> Kind {
        let code = (self.time_kind_line >> TIME_BITS) as usize & ((1 << KIND_BITS) - 1);
        // Only `new` writes the word, always from a `Kind`.
        Kind::ALL[code]
    }

    /// The Go source line this event stands for (0 when the runtime acted).
    pub fn line(&self) -> u16 {
        (self.time_kind_line >> (TIME_BITS + KIND_BITS)) as u16
    }

    /// Bytes in [`Event::to_bytes`].
    pub const BYTES: usize = 24;

    /// The event as bytes (little-endian), for a run recorded in one wasm
    /// module and shown by another.
    pub fn to_bytes(&self) -> [u8; Event::BYTES] {
        let mut bytes = [0; Event::BYTES];
        bytes[..8].copy_from_slice(&self.time_kind_line.to_le_bytes());
        for (i, word) in [self.g, self.a, self.b, self.c].into_iter().enumerate() {
            bytes[8 + 4 * i..12 + 4 * i].copy_from_slice(&word.to_le_bytes());
        }
        bytes
    }

    /// The event [`Event::to_bytes`] wrote, or `None` for bytes no event
    /// makes (a kind out of range).
    pub fn from_bytes(bytes: &[u8; Event::BYTES]) -> Option<Event> {
        let word =
            |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        let time_kind_line = u64::from_le_bytes(bytes[..8].try_into().ok()?);
        let kind = (time_kind_line >> TIME_BITS) as usize & ((1 << KIND_BITS) - 1);
        (kind < Kind::ALL.len()).then(|| Event {
            time_kind_line,
            g: word(8),
            a: word(12),
            b: word(16),
            c: word(20),
        })
    }
}

impl std::fmt::Debug for Event {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Event")
            .field("t", &self.t())
            .field("g", &self.g)
            .field("kind", &self.kind())
            .field("line", &self.line())
            .field("a", &self.a)
            .field("b", &self.b)
            .field("c", &self.c)
            .finish()
    }
}

/// Serialized with its fields apart, as `{t, g, kind, line, a, b, c}`.
impl Serialize for Event {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut e = serializer.serialize_struct("Event", 7)?;
        e.serialize_field("t", &self.t())?;
        e.serialize_field("g", &self.g)?;
        e.serialize_field("kind", &self.kind())?;
        e.serialize_field("line", &self.line())?;
        e.serialize_field("a", &self.a)?;
        e.serialize_field("b", &self.b)?;
        e.serialize_field("c", &self.c)?;
        e.end()
    }
}

/// A trace hash that is the same on every platform (std's `Hash` is not
/// promised to be). An event is three 64-bit words (time, kind and line; g
/// and a; b and c); each is multiplied by its own odd constant (a bijection,
/// so no bit of a field is lost), the three are combined, and only that
/// digest enters the running state, with one rotate-xor-multiply step as in
/// FxHash. The multiplies of an event wait neither on each other nor on the
/// state, so an event costs one dependent multiply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TraceHasher(u64);

impl Default for TraceHasher {
    fn default() -> Self {
        TraceHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl TraceHasher {
    pub fn add(&mut self, e: &Event) {
        let when = e.time_kind_line.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let ga = (u64::from(e.g) | u64::from(e.a) << 32).wrapping_mul(0xc2b2_ae3d_27d4_eb4f);
        let bc = (u64::from(e.b) | u64::from(e.c) << 32).wrapping_mul(0x1656_67b1_9e37_79f9);
        let digest = when ^ ga.rotate_left(21) ^ bc.rotate_left(42);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_listed_in_code_order() {
        for (code, kind) in Kind::ALL.iter().enumerate() {
            assert_eq!(*kind as usize, code, "{kind:?}");
        }
    }

    #[test]
    fn an_event_gives_back_what_it_was_made_of() {
        let latest = crate::scenario::limits::VIRTUAL_TIME_MAX;
        for (t, kind, line) in [
            (Nanos::ZERO, Kind::Spawn, 0),
            (Nanos(123_456_789), Kind::Send, 42),
            (latest, Kind::Leaked, LINES_MAX),
        ] {
            let e = Event::new(t, 7, kind, line, 1, NONE, 3);
            assert_eq!((e.t(), e.kind(), e.line()), (t, kind, line));
            assert_eq!((e.g, e.a, e.b, e.c), (7, 1, NONE, 3));
        }
        assert_eq!(std::mem::size_of::<Event>(), 24);
    }
}
