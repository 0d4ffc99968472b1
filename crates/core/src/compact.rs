//! A trace kept in a few bytes an event: each field written as its difference from a prediction, in blocks that decode on their own.
//!
//! A recorded event is 24 bytes ([`Event`]); a million tasks make about 15
//! million of them, too many for a browser tab. Most of an event is
//! predictable from the events before it: the time is usually the previous
//! event's or a little later; the goroutine is usually the previous event's,
//! or the one a direct hand-off just went to, or the one last readied (Go
//! runs it next); the line and the `a`, `b`, `c` slots of an event are
//! usually those of the last event of the same kind at that line, or a
//! small step from them (the next task, the same channel, no receiver), or
//! what the same goroutine had there last time (a worker's own channel and
//! index), or the value last handed to it. So each event is written as:
//!
//! - a header byte: the kind (5 bits), whether the time is the previous
//!   event's and the goroutine the predicted one, and whether the line and
//!   the `a`, `b`, `c` slots are all the predicted ones;
//! - if they are not, a flags byte saying which are;
//! - for each field that is not predicted: its difference from the
//!   prediction as a zigzag LEB128 varint (a small step either way is one
//!   byte; [`NONE`] after a small number is a small step backwards, by
//!   wrapping). A goroutine other than the predicted one is written as its
//!   difference from the last goroutine of the same kind (the next
//!   goroutine spawned is one more than the last). Each prediction is the
//!   candidate that was right the last time for the kind (the goroutine,
//!   the line) or the shape (a slot).
//!
//! Every [`BLOCK_EVENTS`] events the predictions restart from zero and the
//! block's first time is kept in an index, so any block decodes alone: an
//! event is found by decoding at most one block, a time by a binary search
//! over the blocks, and a seek never decodes from the start.

use crate::time::Nanos;
use crate::trace::{Event, Kind, NONE};

/// Events per block: the most a random access decodes.
pub const BLOCK_EVENTS: usize = 4096;

const KINDS: usize = Kind::ALL.len();

const TIME_SAME: u8 = 1 << 5;
/// The goroutine is the predicted one ([`Predictor::g`]).
const G_PREDICTED: u8 = 1 << 6;
/// The line and the three slots are all as predicted: no flags byte.
const REST_PREDICTED: u8 = 1 << 7;
/// In what [`Predictor::remember`] is told was right, beside the fields' bits.
const G_HIT: u8 = 1 << SLOTS;

/// The fields after the goroutine, in the order they are written.
const LINE: usize = 0;
const SLOTS: usize = 4;

/// Goroutines whose last program events the predictor remembers: a
/// direct-mapped cache by goroutine id.
const RECENT: usize = 1024;

/// Shapes of event (a kind at a line of the program) whose last slots the
/// predictor remembers: a direct-mapped cache. Events at one line of one
/// kind look alike: a block on I/O at line 45 has the same slots every time.
const SHAPES: usize = 512;

/// Candidates for the line: the kind's last line, the goroutine's last
/// line, and the line that followed the goroutine's last line the last time
/// an event of this kind came after it (a worker blocks to receive after it
/// sent its result, and to compute after it started its task).
const LINE_CANDIDATES: usize = 3;

/// Lines that followed a line, by kind: a direct-mapped cache.
const FOLLOWS: usize = 512;

/// Candidates for the goroutine: the previous event's; the one a direct
/// hand-off in the previous event went to or came from (it wakes next); the
/// last one readied; and the last one readied by a goroutine on the P the
/// previous event's goroutine ran on (Go runs it next on that P, from its
/// `runnext`, when the goroutine before it blocks); and the one after the
/// kind's last (goroutines are spawned, and sleepers woken, in order), or
/// the kind's last itself (main queues every task, a collector delivers
/// every result).
const G_CANDIDATES: usize = 6;

/// Ps whose `runnext` the predictor follows (the most a scenario has).
const PS: usize = crate::scenario::limits::CORES_MAX as usize;

/// Events of one shape by one goroutine whose slots the predictor
/// remembers: a direct-mapped cache. A worker of a fan-out has its own
/// channels and its own index, the same at each of its events of a shape
/// and different from the other workers'.
const HABITS: usize = 1024;

/// Candidates for a slot: the shape's last value stepped as it last
/// stepped; the line, a, b, c of the goroutine's last program event and of
/// the one before it (a worker blocks holding the task it started, and ends
/// the task it started before it blocked); the slot as the goroutine had it
/// the last time it made this shape; and the value last sent straight to
/// the goroutine (a worker starts the task a sender handed it); and the P
/// the previous event's goroutine ran on (the goroutine that runs next runs
/// where the last one blocked).
const SLOT_CANDIDATES: usize = 1 + 2 * SLOTS + 3;

/// The candidates after the goroutine's last two program events.
const HABIT_CANDIDATE: usize = 1 + 2 * SLOTS;
const HANDED_CANDIDATE: usize = HABIT_CANDIDATE + 1;

/// The three slots: a, b, c.
const ABC: usize = SLOTS - 1;

/// What a goroutine did last, for predicting its next event.
#[derive(Clone, Copy)]
struct Recent {
    g: u32,
    /// The line of its last event, of any kind.
    line: u32,
    /// Line, a, b, c of its last event that was not the scheduler's, and of
    /// the one before.
    last: [u32; SLOTS],
    before: [u32; SLOTS],
    /// The value a sender last handed it straight, with no buffer between.
    handed: u32,
    /// The P it last ran on.
    p: u32,
}

impl Recent {
    /// An empty slot; its zeros are candidates like any other, the same
    /// when encoding and decoding.
    const FORGOTTEN: Recent = Recent {
        g: u32::MAX,
        line: 0,
        last: [0; SLOTS],
        before: [0; SLOTS],
        handed: 0,
        p: 0,
    };
}

/// What events of one shape (kind and line) did last.
#[derive(Clone, Copy)]
struct Shape {
    /// `kind << 16 | line`, or `u32::MAX` when empty.
    key: u32,
    last: [u32; ABC],
    step: [u32; ABC],
    /// Per slot, the candidate that was right last time.
    chosen: [u8; ABC],
}

impl Shape {
    const EMPTY: Shape = Shape {
        key: u32::MAX,
        last: [0; ABC],
        step: [0; ABC],
        chosen: [0; ABC],
    };

    fn key(kind: usize, line: u32) -> u32 {
        (kind as u32) << 16 | line
    }

    /// Where a key lives in the cache: Fibonacci hashing, so that one line
    /// of several kinds lands in different places.
    fn slot(key: u32) -> usize {
        (key.wrapping_mul(0x9E37_79B1) >> (32 - SHAPES.trailing_zeros())) as usize
    }
}

/// What one goroutine's events of one shape did last.
#[derive(Clone, Copy)]
struct Habit {
    /// The goroutine and the shape's key, or `u32::MAX` when empty.
    g: u32,
    key: u32,
    last: [u32; ABC],
}

impl Habit {
    const EMPTY: Habit = Habit {
        g: u32::MAX,
        key: u32::MAX,
        last: [0; ABC],
    };

    fn slot(g: u32, key: u32) -> usize {
        let mixed = key ^ g.wrapping_mul(0x85EB_CA6B);
        (mixed.wrapping_mul(0x9E37_79B1) >> (32 - HABITS.trailing_zeros())) as usize
    }
}

/// What the predictions of one event read, looked up once.
struct Guess {
    /// What its goroutine did last.
    mine: Recent,
    /// What the last event of its kind at its line did.
    shape: Shape,
    /// What its goroutine did at its last event of this kind and line.
    habit: Habit,
    /// The P the previous event's goroutine last ran on.
    p: u32,
}

/// What the next event is predicted to be: the previous event's time and
/// goroutine; per kind its last goroutine and line; and for each slot
/// whichever candidate was right the last time for the event's shape.
#[derive(Clone)]
struct Predictor {
    t: u64,
    g: u32,
    /// Per kind: the goroutine and the line of its last event.
    last_g: [u32; KINDS],
    last_line: [u32; KINDS],
    /// Per kind: how far after the event before it its last event came,
    /// when not at the same time (a task starts a fixed cost after its
    /// receive; a timer fires a fixed period after the last).
    last_gap: [u64; KINDS],
    /// Per kind: the line candidate that was right last time.
    line_chosen: [u8; KINDS],
    /// Per kind: the goroutine candidate that was right last time.
    g_chosen: [u8; KINDS],
    /// The previous event's `c`, and the goroutine of the last `Unblock`.
    c: u32,
    readied: u32,
    /// The P the previous event's goroutine last ran on.
    p: u32,
    /// Per P: the goroutine last readied by a goroutine running on it.
    runnext: Box<[u32; PS]>,
    /// `(kind << 16 | line, next line)`: the line of the kind's event that
    /// last followed a goroutine's event at `line`.
    follows: Box<[(u32, u32); FOLLOWS]>,
    shapes: Box<[Shape; SHAPES]>,
    recent: Box<[Recent; RECENT]>,
    habits: Box<[Habit; HABITS]>,
}

/// Events the scheduler makes about a goroutine, rather than its program:
/// they leave its program events alone.
#[inline(always)]
fn is_scheduler(kind: usize) -> bool {
    const SCHEDULER: u32 = 1 << Kind::Run as u32
        | 1 << Kind::Unblock as u32
        | 1 << Kind::Preempt as u32
        | 1 << Kind::RuntimeSteal as u32;
    SCHEDULER >> kind & 1 == 1
}

impl Predictor {
    fn new(t: u64) -> Predictor {
        Predictor {
            t,
            g: 0,
            last_g: [0; KINDS],
            last_line: [0; KINDS],
            last_gap: [0; KINDS],
            line_chosen: [0; KINDS],
            g_chosen: [0; KINDS],
            c: 0,
            readied: 0,
            p: 0,
            runnext: Box::new([NONE; PS]),
            follows: Box::new([(u32::MAX, 0); FOLLOWS]),
            shapes: Box::new([Shape::EMPTY; SHAPES]),
            recent: Box::new([Recent::FORGOTTEN; RECENT]),
            habits: Box::new([Habit::EMPTY; HABITS]),
        }
    }

    /// Starts over from time `t`, as at the start of a block.
    fn reset(&mut self, t: u64) {
        self.t = t;
        self.g = 0;
        self.last_g = [0; KINDS];
        self.last_line = [0; KINDS];
        self.last_gap = [0; KINDS];
        self.line_chosen = [0; KINDS];
        self.g_chosen = [0; KINDS];
        self.c = 0;
        self.readied = 0;
        self.p = 0;
        self.runnext.fill(NONE);
        self.follows.fill((u32::MAX, 0));
        self.shapes.fill(Shape::EMPTY);
        self.recent.fill(Recent::FORGOTTEN);
        self.habits.fill(Habit::EMPTY);
    }

    /// What `g` did last, looked up once an event: the line's and the slots'
    /// predictions and the learning afterwards all read it.
    #[inline(always)]
    fn recent(&self, g: u32) -> Recent {
        let recent = self.recent[g as usize % RECENT];
        if recent.g == g {
            recent
        } else {
            Recent::FORGOTTEN
        }
    }

    /// What events of `kind` at `line` did last, looked up once an event.
    #[inline(always)]
    fn shape(&self, kind: usize, line: u32) -> Shape {
        let key = Shape::key(kind, line);
        let shape = self.shapes[Shape::slot(key)];
        if shape.key == key {
            shape
        } else {
            Shape::EMPTY
        }
    }

    /// What `g` did at its last event of `kind` at `line`, looked up once an event.
    #[inline(always)]
    fn habit(&self, g: u32, kind: usize, line: u32) -> Habit {
        let key = Shape::key(kind, line);
        let habit = self.habits[Habit::slot(g, key)];
        if habit.g == g && habit.key == key {
            habit
        } else {
            Habit::EMPTY
        }
    }

    /// Candidate `c` for the goroutine of the next event of `kind`: only
    /// the chosen one is computed, unless the prediction misses.
    #[inline(always)]
    fn g_candidate(&self, kind: usize, c: usize) -> u32 {
        match c {
            0 => self.g,
            1 => self.c,
            2 => self.readied,
            3 => self.runnext[self.p as usize % PS],
            4 => self.last_g[kind].wrapping_add(1),
            _ => self.last_g[kind],
        }
    }

    /// The predicted goroutine of the next event of `kind`.
    #[inline(always)]
    fn g(&self, kind: usize) -> u32 {
        self.g_candidate(kind, usize::from(self.g_chosen[kind]))
    }

    /// Candidate `c` for the line of the next event of `kind` by a
    /// goroutine that did `mine` last.
    #[inline(always)]
    fn line_candidate(&self, kind: usize, mine: &Recent, c: usize) -> u32 {
        match c {
            0 => self.last_line[kind],
            1 => mine.line,
            _ => {
                let key = Shape::key(kind, mine.line);
                let (follows, next) = self.follows[Shape::slot(key) % FOLLOWS];
                if follows == key {
                    next
                } else {
                    0
                }
            }
        }
    }

    /// The predicted line of the next event of `kind` by a goroutine that did `mine` last.
    #[inline(always)]
    fn line(&self, kind: usize, mine: &Recent) -> u32 {
        self.line_candidate(kind, mine, usize::from(self.line_chosen[kind]))
    }

    /// What the slots of the next event of `kind` by `g` at `line` are predicted from.
    #[inline(always)]
    fn guess(&self, kind: usize, g: u32, line: u32, mine: Recent) -> Guess {
        Guess {
            mine,
            shape: self.shape(kind, line),
            habit: self.habit(g, kind, line),
            p: self.p,
        }
    }

    /// Candidate `c` for slot `j`.
    #[inline(always)]
    fn slot_candidate(guess: &Guess, j: usize, c: usize) -> u32 {
        match c {
            0 => guess.shape.last[j].wrapping_add(guess.shape.step[j]),
            c if c <= SLOTS => guess.mine.last[c - 1],
            c if c < HABIT_CANDIDATE => guess.mine.before[c - 1 - SLOTS],
            HABIT_CANDIDATE => guess.habit.last[j],
            HANDED_CANDIDATE => guess.mine.handed,
            _ => guess.p,
        }
    }

    /// The predicted slots. Only the chosen candidates are computed: the
    /// others matter only when the prediction misses.
    #[inline(always)]
    fn slots(guess: &Guess) -> [u32; ABC] {
        std::array::from_fn(|j| Self::slot_candidate(guess, j, usize::from(guess.shape.chosen[j])))
    }

    /// Learns from the event of `kind` by `g` at `t` with `fields`, which
    /// was predicted from `guess` (what `g` did last, what the event's kind
    /// at its line did last): which candidates were right, and what the
    /// kind, the shape and the goroutine did. `hits` says which predictions
    /// were right: bit `i` for field `i` (the line, then the slots),
    /// [`G_HIT`] for the goroutine.
    #[inline(always)]
    fn remember(
        &mut self,
        kind: usize,
        t: u64,
        g: u32,
        fields: [u32; SLOTS],
        guess: &Guess,
        hits: u8,
    ) {
        let mine = &guess.mine;
        // Learned before anything below changes what the candidates read.
        if hits & G_HIT == 0 {
            let candidate = |c| self.g_candidate(kind, c);
            self.g_chosen[kind] = choose(candidate, G_CANDIDATES, g, self.g_chosen[kind]);
        }
        let line = fields[LINE];
        if hits & 1 << LINE == 0 {
            let candidate = |c| self.line_candidate(kind, mine, c);
            self.line_chosen[kind] =
                choose(candidate, LINE_CANDIDATES, line, self.line_chosen[kind]);
        }
        // The tables are written in place: the guess read the same entries
        // (or found them taken by another key, and started from empty).
        let key = Shape::key(kind, line);
        let shape = &mut self.shapes[Shape::slot(key)];
        if shape.key != key {
            *shape = Shape::EMPTY;
            shape.key = key;
        }
        for j in 0..ABC {
            let value = fields[j + 1];
            if hits & 1 << (j + 1) == 0 {
                let candidate = |c| Self::slot_candidate(guess, j, c);
                shape.chosen[j] = choose(candidate, SLOT_CANDIDATES, value, shape.chosen[j]);
            }
            shape.step[j] = value.wrapping_sub(shape.last[j]);
            shape.last[j] = value;
        }
        self.habits[Habit::slot(g, key)] = Habit {
            g,
            key,
            last: [fields[1], fields[2], fields[3]],
        };
        let follows_key = Shape::key(kind, mine.line);
        self.follows[Shape::slot(follows_key) % FOLLOWS] = (follows_key, line);
        let waker = fields[1];
        // Read before `g`'s entry is written: the waker's may share its slot.
        let waker_on =
            (kind == Kind::Unblock as usize && waker != NONE).then(|| self.recent(waker).p);
        let recent = &mut self.recent[g as usize % RECENT];
        if recent.g != g {
            *recent = Recent::FORGOTTEN;
            recent.g = g;
        }
        recent.line = line;
        if kind == Kind::Run as usize {
            recent.p = fields[1];
        }
        if !is_scheduler(kind) {
            recent.before = recent.last;
            recent.last = fields;
        }
        self.p = recent.p;
        if kind == Kind::Run as usize {
            let runnext = &mut self.runnext[self.p as usize % PS];
            if *runnext == g {
                *runnext = NONE;
            }
        }
        if let Some(on) = waker_on {
            self.runnext[on as usize % PS] = g;
        }
        // A send's `c` is the receiver it went to straight.
        let c = fields[3];
        if kind == Kind::Send as usize && c != NONE {
            let theirs = &mut self.recent[c as usize % RECENT];
            if theirs.g != c {
                *theirs = Recent::FORGOTTEN;
                theirs.g = c;
            }
            theirs.handed = fields[2];
        }
        self.last_line[kind] = line;
        self.last_g[kind] = g;
        self.c = c;
        if kind == Kind::Unblock as usize {
            self.readied = g;
        }
        if t != self.t {
            self.last_gap[kind] = t - self.t;
        }
        self.t = t;
        self.g = g;
    }
}

/// After a miss: the first of the `count` candidates `candidate` gives
/// that was right, or `chosen` if none was. A hit keeps its candidate
/// without asking the others.
#[inline(always)]
fn choose(candidate: impl Fn(usize) -> u32, count: usize, value: u32, chosen: u8) -> u8 {
    (0..count)
        .find(|&c| candidate(c) == value)
        .map_or(chosen, |right| right as u8)
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
    /// The bytes of every complete block, and how many they are.
    sealed: Vec<Box<[u8]>>,
    sealed_bytes: usize,
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
            sealed_bytes: 0,
            open: Vec::new(),
            blocks: Vec::new(),
            len: 0,
            predictor: Predictor::new(0),
            last_t: Nanos::ZERO,
        }
    }
}

/// A difference as a small number either way (0, -1, 1, -2 ... as 0, 1, 2, 3 ...).
pub(crate) fn zigzag(delta: u32) -> u32 {
    let d = delta as i32;
    ((d << 1) ^ (d >> 31)) as u32
}

fn zigzag64(delta: u64) -> u64 {
    let d = delta as i64;
    ((d << 1) ^ (d >> 63)) as u64
}

fn unzigzag64(z: u64) -> u64 {
    ((z >> 1) as i64 ^ -((z & 1) as i64)) as u64
}

pub(crate) fn unzigzag(z: u32) -> u32 {
    ((z >> 1) as i32 ^ -((z & 1) as i32)) as u32
}

/// LEB128: seven bits a byte, the high bit set on all but the last.
pub(crate) fn put_varint(bytes: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        bytes.push(v as u8 | 0x80);
        v >>= 7;
    }
    bytes.push(v as u8);
}

/// The varint at `at` in `bytes`, moving `at` past it.
#[inline(always)]
pub(crate) fn get_varint(bytes: &[u8], at: &mut usize) -> u64 {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let byte = bytes[*at];
        *at += 1;
        v |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return v;
        }
        shift += 7;
    }
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
        self.sealed_bytes
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
                self.sealed_bytes += self.open.len();
                self.open.clear();
            }
            self.blocks.push(BlockStart {
                t_before: self.last_t,
                t_first: e.t(),
            });
            self.predictor.reset(self.last_t.0);
        }
        let p = &mut self.predictor;
        let kind = e.kind() as usize;
        let t = e.t().0;
        let fields = [u32::from(e.line()), e.a, e.b, e.c];
        let mine = p.recent(e.g);
        let line = p.line(kind, &mine);
        let guess = p.guess(kind, e.g, fields[LINE], mine);
        let slots = Predictor::slots(&guess);
        let predicted = [line, slots[0], slots[1], slots[2]];
        let mut header = kind as u8;
        header |= if t == p.t { TIME_SAME } else { 0 };
        header |= if e.g == p.g(kind) { G_PREDICTED } else { 0 };
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
            put_varint(bytes, zigzag64((t - p.t).wrapping_sub(p.last_gap[kind])));
        }
        if header & G_PREDICTED == 0 {
            put_varint(bytes, zigzag(e.g.wrapping_sub(p.last_g[kind])).into());
        }
        for i in (0..SLOTS).filter(|&i| flags & 1 << i == 0) {
            put_varint(bytes, zigzag(fields[i].wrapping_sub(predicted[i])).into());
        }
        let g_hit = if header & G_PREDICTED != 0 { G_HIT } else { 0 };
        p.remember(kind, t, e.g, fields, &guess, flags | g_hit);
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
    fn varint(&mut self) -> u64 {
        get_varint(self.bytes, &mut self.at)
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
            self.predictor.reset(self.trace.blocks[block].t_before.0);
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
            t += unzigzag64(self.varint()).wrapping_add(self.predictor.last_gap[k]);
        }
        let g = if header & G_PREDICTED == 0 {
            self.predictor.last_g[k].wrapping_add(self.field())
        } else {
            self.predictor.g(k)
        };
        let mine = self.predictor.recent(g);
        let mut line = self.predictor.line(k, &mine);
        if flags & 1 << LINE == 0 {
            line = line.wrapping_add(self.field());
        }
        let guess = self.predictor.guess(k, g, line, mine);
        let slots = Predictor::slots(&guess);
        let mut fields = [line, slots[0], slots[1], slots[2]];
        for (i, field) in fields.iter_mut().enumerate().skip(1) {
            if flags & 1 << i == 0 {
                *field = field.wrapping_add(self.field());
            }
        }
        let g_hit = if header & G_PREDICTED != 0 { G_HIT } else { 0 };
        self.predictor
            .remember(k, t, g, fields, &guess, flags | g_hit);
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
            // Hand-offs, runnext and habits: every goroutine prediction.
            "strategy=fanout&workers=8&cores=4&tasks=3000&dist=exp",
            "strategy=unbounded&cores=4&tasks=3000&dist=exp&dur=5ms",
            "strategy=ratelimit&workers=4&cores=2&tasks=2000&dist=exp",
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
