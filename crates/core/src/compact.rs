//! A trace kept in a few bytes an event: each field written as its difference from a prediction, in blocks that decode on their own.
//!
//! A recorded event is 24 bytes ([`Event`]); a million tasks make about 15
//! million of them, too many for a browser tab. Most of an event is
//! predictable from the events before it: the time is usually the previous
//! event's or a little later, the goroutine is usually the previous event's,
//! and the line and the `a`, `b`, `c` slots of an event are usually those of
//! the last event of the same kind, or a small step from them (the next
//! task, the same channel, no receiver). So each event is written as:
//!
//! - a header byte: the kind (5 bits), whether the time and the goroutine
//!   are the previous event's, and whether the line and the `a`, `b`, `c`
//!   slots are all the predicted ones;
//! - if they are not, a flags byte saying which are;
//! - for each field that is not predicted: its difference from the
//!   prediction as a zigzag LEB128 varint (a small step either way is one
//!   byte; [`NONE`] after a small number is a small step backwards, by
//!   wrapping). A goroutine other than the previous event's is written as
//!   its difference from the last goroutine of the same kind (the next
//!   goroutine spawned is one more than the last); a slot is predicted to
//!   step as it stepped last time for this kind (task numbers count up,
//!   channels and [`NONE`] stay).
//!
//! Every [`BLOCK_EVENTS`] events the predictions restart from zero and the
//! block's first time is kept in an index, so any block decodes alone: an
//! event is found by decoding at most one block, a time by a binary search
//! over the blocks, and a seek never decodes from the start.

use crate::time::Nanos;
use crate::trace::{Event, Kind};

/// Events per block: the most a random access decodes.
pub const BLOCK_EVENTS: usize = 4096;

const KINDS: usize = Kind::ALL.len();

const TIME_SAME: u8 = 1 << 5;
const G_SAME: u8 = 1 << 6;
/// The line and the three slots are all as predicted: no flags byte.
const REST_PREDICTED: u8 = 1 << 7;

/// The fields after the goroutine, in the order they are written.
const LINE: usize = 0;
const SLOTS: usize = 4;

/// What the next event is predicted to be: the previous event's time and
/// goroutine, and per kind the last goroutine, line and slots with their
/// last steps.
#[derive(Clone)]
struct Predictor {
    t: u64,
    g: u32,
    /// Per kind: the goroutine of its last event.
    last_g: [u32; KINDS],
    /// Per kind: line, a, b, c of its last event.
    last: [[u32; SLOTS]; KINDS],
    /// Per kind: how line, a, b, c stepped from the event before it.
    step: [[u32; SLOTS]; KINDS],
}

impl Predictor {
    fn new(t: u64) -> Predictor {
        Predictor {
            t,
            g: 0,
            last_g: [0; KINDS],
            last: [[0; SLOTS]; KINDS],
            step: [[0; SLOTS]; KINDS],
        }
    }

    /// The predicted line, a, b, c of the next event of `kind`.
    fn predicted(&self, kind: usize) -> [u32; SLOTS] {
        let (last, step) = (self.last[kind], self.step[kind]);
        // The line stays; the slots step as they did.
        [
            last[LINE],
            last[1].wrapping_add(step[1]),
            last[2].wrapping_add(step[2]),
            last[3].wrapping_add(step[3]),
        ]
    }

    fn remember(&mut self, kind: usize, t: u64, g: u32, fields: [u32; SLOTS]) {
        for (i, field) in fields.into_iter().enumerate() {
            self.step[kind][i] = field.wrapping_sub(self.last[kind][i]);
        }
        self.last[kind] = fields;
        self.last_g[kind] = g;
        self.t = t;
        self.g = g;
    }
}

/// Where a block starts.
#[derive(Clone, Copy, Debug)]
struct BlockStart {
    /// The time of the event before it (0 for the first block): its
    /// predictions start from it.
    t_before: Nanos,
    /// The time of its first event, for finding a time.
    t_first: Nanos,
}

/// A trace, encoded. Each block's bytes are allocated once, at their size,
/// when the block is complete: the trace never doubles a buffer (which would
/// need the old and the new one at once, and leave the old behind in a wasm
/// memory that never shrinks).
#[derive(Clone)]
pub struct CompactTrace {
    /// The bytes of every complete block.
    sealed: Vec<Box<[u8]>>,
    /// The bytes of the block being written.
    open: Vec<u8>,
    /// Every block's start, the open one's last.
    blocks: Vec<BlockStart>,
    len: u64,
    predictor: Predictor,
    last_t: Nanos,
}

impl Default for CompactTrace {
    fn default() -> CompactTrace {
        CompactTrace {
            sealed: Vec::new(),
            open: Vec::new(),
            blocks: Vec::new(),
            len: 0,
            predictor: Predictor::new(0),
            last_t: Nanos::ZERO,
        }
    }
}

fn zigzag(delta: u32) -> u32 {
    let d = delta as i32;
    ((d << 1) ^ (d >> 31)) as u32
}

fn unzigzag(z: u32) -> u32 {
    ((z >> 1) as i32 ^ -((z & 1) as i32)) as u32
}

fn put_varint(bytes: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        bytes.push(v as u8 | 0x80);
        v >>= 7;
    }
    bytes.push(v as u8);
}

impl CompactTrace {
    pub fn new() -> CompactTrace {
        CompactTrace::default()
    }

    /// Events kept.
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Bytes held (the encoding and its block index), for the page to state.
    pub fn bytes_held(&self) -> usize {
        let sealed: usize = self.sealed.iter().map(|block| block.len()).sum();
        sealed
            + self.sealed.capacity() * std::mem::size_of::<Box<[u8]>>()
            + self.open.capacity()
            + self.blocks.capacity() * std::mem::size_of::<BlockStart>()
    }

    /// Gives back spare capacity once the trace is complete.
    pub fn shrink_to_fit(&mut self) {
        self.open.shrink_to_fit();
        self.sealed.shrink_to_fit();
        self.blocks.shrink_to_fit();
    }

    /// The bytes of block `i`.
    fn block_bytes(&self, i: usize) -> &[u8] {
        self.sealed.get(i).map_or(&self.open, |block| block)
    }

    /// The time of the last event, or zero.
    pub fn last_time(&self) -> Nanos {
        self.last_t
    }

    pub fn push(&mut self, e: &Event) {
        if self.len.is_multiple_of(BLOCK_EVENTS as u64) {
            if self.len > 0 {
                self.sealed.push(self.open.as_slice().into());
                self.open.clear();
            }
            self.blocks.push(BlockStart {
                t_before: self.last_t,
                t_first: e.t(),
            });
            self.predictor = Predictor::new(self.last_t.0);
        }
        let p = &mut self.predictor;
        let kind = e.kind() as usize;
        let t = e.t().0;
        let fields = [u32::from(e.line()), e.a, e.b, e.c];
        let predicted = p.predicted(kind);
        let mut header = kind as u8;
        header |= if t == p.t { TIME_SAME } else { 0 };
        header |= if e.g == p.g { G_SAME } else { 0 };
        let flags = (0..SLOTS)
            .filter(|&i| fields[i] == predicted[i])
            .fold(0u8, |flags, i| flags | 1 << i);
        if flags == (1 << SLOTS) - 1 {
            header |= REST_PREDICTED;
        }
        let bytes = &mut self.open;
        bytes.push(header);
        if header & REST_PREDICTED == 0 {
            bytes.push(flags);
        }
        if header & TIME_SAME == 0 {
            // Time never goes backwards in a trace.
            put_varint(bytes, t - p.t);
        }
        if header & G_SAME == 0 {
            put_varint(bytes, zigzag(e.g.wrapping_sub(p.last_g[kind])).into());
        }
        for i in (0..SLOTS).filter(|&i| flags & 1 << i == 0) {
            put_varint(bytes, zigzag(fields[i].wrapping_sub(predicted[i])).into());
        }
        p.remember(kind, t, e.g, fields);
        self.last_t = e.t();
        self.len += 1;
    }

    /// The events from index `from` on, decoded as they are read.
    pub fn iter_from(&self, from: u64) -> Events<'_> {
        let from = from.min(self.len);
        let block = (from / BLOCK_EVENTS as u64) as usize;
        let mut events = match self.blocks.get(block) {
            Some(start) => Events {
                trace: self,
                bytes: self.block_bytes(block),
                at: 0,
                index: block as u64 * BLOCK_EVENTS as u64,
                predictor: Predictor::new(start.t_before.0),
            },
            None => Events {
                trace: self,
                bytes: &[],
                at: 0,
                index: self.len,
                predictor: Predictor::new(0),
            },
        };
        while events.index < from {
            events.next();
        }
        events
    }

    pub fn iter(&self) -> Events<'_> {
        self.iter_from(0)
    }

    /// The event at `index`.
    pub fn get(&self, index: u64) -> Option<Event> {
        self.iter_from(index).next()
    }

    /// How many events happen at or before `t`.
    pub fn count_at_or_before(&self, t: Nanos) -> u64 {
        // The first block whose first event is after `t`: every event at or
        // before `t` is in the blocks before it.
        let block = self.blocks.partition_point(|b| b.t_first <= t);
        if block == 0 {
            return 0;
        }
        let mut index = (block as u64 - 1) * BLOCK_EVENTS as u64;
        for e in self.iter_from(index) {
            if e.t() > t {
                break;
            }
            index += 1;
        }
        index
    }
}

impl FromIterator<Event> for CompactTrace {
    fn from_iter<I: IntoIterator<Item = Event>>(events: I) -> CompactTrace {
        let mut trace = CompactTrace::new();
        for e in events {
            trace.push(&e);
        }
        trace.shrink_to_fit();
        trace
    }
}

impl std::fmt::Debug for CompactTrace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "CompactTrace({} events, {} bytes)",
            self.len,
            self.bytes_held()
        )
    }
}

/// Events decoded in order from some index of a [`CompactTrace`].
pub struct Events<'a> {
    trace: &'a CompactTrace,
    /// The current block's bytes, and where in them the next event is.
    bytes: &'a [u8],
    at: usize,
    /// The index of the next event.
    index: u64,
    predictor: Predictor,
}

impl Events<'_> {
    /// The index of the event `next` returns.
    pub fn index(&self) -> u64 {
        self.index
    }

    fn varint(&mut self) -> u64 {
        let bytes = self.bytes;
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let byte = bytes[self.at];
            self.at += 1;
            v |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return v;
            }
            shift += 7;
        }
    }

    fn field(&mut self) -> u32 {
        unzigzag(self.varint() as u32)
    }
}

impl Iterator for Events<'_> {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        if self.index >= self.trace.len {
            return None;
        }
        if self.index.is_multiple_of(BLOCK_EVENTS as u64) {
            let block = (self.index / BLOCK_EVENTS as u64) as usize;
            self.predictor = Predictor::new(self.trace.blocks[block].t_before.0);
            self.bytes = self.trace.block_bytes(block);
            self.at = 0;
        }
        let header = self.bytes[self.at];
        self.at += 1;
        let flags = if header & REST_PREDICTED == 0 {
            self.at += 1;
            self.bytes[self.at - 1]
        } else {
            (1 << SLOTS) - 1
        };
        let kind = Kind::ALL[usize::from(header & 0x1f)];
        let k = kind as usize;
        let mut t = self.predictor.t;
        if header & TIME_SAME == 0 {
            t += self.varint();
        }
        let g = if header & G_SAME == 0 {
            self.predictor.last_g[k].wrapping_add(self.field())
        } else {
            self.predictor.g
        };
        let mut fields = self.predictor.predicted(k);
        for field in fields
            .iter_mut()
            .enumerate()
            .filter(|(i, _)| flags & 1 << i == 0)
        {
            *field.1 = field.1.wrapping_add(self.field());
        }
        self.predictor.remember(k, t, g, fields);
        self.index += 1;
        Some(Event::new(
            Nanos(t),
            g,
            kind,
            fields[LINE] as u16,
            fields[1],
            fields[2],
            fields[3],
        ))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = (self.trace.len - self.index) as usize;
        (left, Some(left))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::parse;

    #[test]
    fn every_event_decodes_as_it_was_recorded_from_any_index() {
        for link in [
            "strategy=pool&workers=4&tasks=3000&dist=exp",
            "strategy=steal&workers=3&tasks=2000&dist=exp",
            "strategy=leak&tasks=5000&cancel_after=4000&ctx=true&dist=exp",
        ] {
            let scenario = parse(link).unwrap().scenario;
            let events = crate::simulate(&scenario).unwrap().events;
            assert!(events.len() > 2 * BLOCK_EVENTS, "{link}: spans blocks");
            let trace: CompactTrace = events.iter().copied().collect();
            assert_eq!(trace.len(), events.len() as u64);
            assert!(trace.iter().eq(events.iter().copied()), "{link}");
            for from in [
                0,
                1,
                BLOCK_EVENTS - 1,
                BLOCK_EVENTS,
                BLOCK_EVENTS + 1,
                events.len(),
            ] {
                assert!(
                    trace
                        .iter_from(from as u64)
                        .eq(events[from..].iter().copied()),
                    "{link} from {from}"
                );
            }
            for t in events.iter().step_by(997).map(Event::t) {
                assert_eq!(
                    trace.count_at_or_before(t),
                    events.partition_point(|e| e.t() <= t) as u64,
                    "{link} at {t}"
                );
            }
        }
    }

    #[test]
    fn extreme_values_survive_the_encoding() {
        let far = Nanos((1 << 49) + 12345);
        let events = [
            Event::new(Nanos::ZERO, u32::MAX, Kind::Spawn, 0, 0, u32::MAX, 7),
            Event::new(
                far,
                0,
                Kind::Spawn,
                crate::trace::LINES_MAX,
                u32::MAX,
                0,
                1 << 31,
            ),
            Event::new(far, 1 << 31, Kind::Leaked, 1, 0, 0, 0),
        ];
        let trace: CompactTrace = events.iter().copied().collect();
        assert!(trace.iter().eq(events.iter().copied()));
    }
}
