//! The state a viewer sees at any point of a trace, and a timeline that finds it fast.
//!
//! How seeking works:
//!
//! 1. [`ViewState::apply`] folds one event into the state; the state after
//!    event `i` is the fold of events `0..i`, and nothing else.
//! 2. A [`TimelineBuilder`] takes the events as the run makes them (the
//!    recorder feeds it while the engine runs on), keeps them as a
//!    [`CompactTrace`] (a few bytes each) and, at block boundaries, a
//!    snapshot of the state. What a snapshot does not share with the one
//!    before ([`Paged`] vectors share their unchanged leaves; the goroutine
//!    table is [`Goroutines`]), or its goroutine and task tables packed
//!    when that holds less ([`packed`]), is its cost. A snapshot is taken when it
//!    costs at most [`SNAPSHOT_BYTES_PER_EVENT`] for each event since the
//!    last; or, [`SNAPSHOT_SPACING_EVENTS`] events on, when all the
//!    snapshots stay within [`SNAPSHOT_BUDGET_BYTES_PER_BLOCK`] for the run
//!    so far; or, [`SNAPSHOT_SPACING_EVENTS_MAX`] events on, when it costs
//!    at most [`SNAPSHOT_BYTES_PER_EVENT_MAX`] an event. Snapshots cost a
//!    fraction of the trace, and are as close together as that allows
//!    (every [`BLOCK_EVENTS`] events at the closest).
//! 3. [`Timeline::state_at`] binary-searches the last snapshot at or before
//!    the index and replays the events after it, decoded from the compact
//!    trace: logarithmic in the trace plus a bounded replay. Stepping back is
//!    seeking to `i - 1`.
//! 4. The timeline remembers the last state it gave: a seek forward from it
//!    (playing, stepping) replays only the events in between.
//!
//! The full trace is never needed again: a million-task run keeps its
//! events in about 5 bytes each instead of 24.

mod goroutines;
mod packed;
mod shared_queue;

pub use goroutines::Goroutines;
pub use shared_queue::SharedQueue;

use packed::{Packed, Words, WORDS};

use crate::compact::{CompactTrace, Events, BLOCK_EVENTS};
use crate::paged::Paged;
use crate::runtime::MAIN;
use crate::scenario::Scenario;
use crate::time::Nanos;
use crate::trace::{Event, Kind, NONE};
use crate::vocabulary::{BlockOn, ChanRole, Role};
use serde::Serialize;

/// A snapshot that costs at most this, in bytes it does not share with
/// the snapshot before, for each event since that one is always taken: a
/// small share of the trace's own few bytes an event.
pub const SNAPSHOT_BYTES_PER_EVENT: usize = 1;
/// A dearer snapshot waits for this many events since the last one, and
/// for the budget ([`SNAPSHOT_BUDGET_BYTES_PER_BLOCK`]) to allow it.
pub const SNAPSHOT_SPACING_EVENTS: usize = 16 * BLOCK_EVENTS;
/// What all the snapshots together may cost for each block of events so
/// far, and for [`SNAPSHOT_SPACING_EVENTS`] events more: about 2.25
/// bytes an event, beside the trace's 3 to 4. The budget is the run's, not
/// each snapshot's, so the dear snapshots come as close together as what
/// the cheap ones saved and the cost of each allow; the head start lets a
/// short run whose state is large at once (work stealing deals every task
/// into the deques first) have snapshots before it ends. A
/// program that touches its goroutines in no order (a million 1 ms
/// goroutines, run as Go's queues hand them out) pays for fewer leaves an
/// event the further apart its snapshots are, and finds its spacing where
/// a snapshot's cost an event meets the budget (about 200,000 events).
pub const SNAPSHOT_BUDGET_BYTES_PER_BLOCK: usize = 9 * 1024;
/// Past this many events since the last snapshot, one is taken over the
/// budget if it costs at most [`SNAPSHOT_BYTES_PER_EVENT_MAX`] an event: a
/// seek replays at most about this many events, even in a program that
/// touches each goroutine twice far apart (a million sleepers, spawned,
/// then woken as their timers fire), whose snapshots cost about the same
/// an event however far apart they are.
pub const SNAPSHOT_SPACING_EVENTS_MAX: usize = 64 * BLOCK_EVENTS;
/// What an overdue snapshot may cost at most for each event since the one
/// before: about twice the compact trace's bytes.
pub const SNAPSHOT_BYTES_PER_EVENT_MAX: usize = 8;
/// Whatever the rules above allow, the trace and the snapshots together
/// hold at most this much a task (or [`TIMELINE_BYTES_FLOOR`]) when a
/// snapshot is taken, so that a run keeps at most 64 bytes a task. Past it
/// every other snapshot is dropped and later ones come no closer than the
/// ones kept: the snapshots still cover the whole run, further apart, and
/// never more than [`SNAPSHOT_SPACING_THINNED_MAX`] apart (a run whose
/// goroutines all change between any two snapshots packs their tables
/// instead: [`packed`]).
pub const TIMELINE_BYTES_PER_TASK_MAX: usize = 60;
/// Snapshots are never thinned to more than this many events apart on
/// average: a seek replays at most about twice that, a few hundred
/// milliseconds in the page.
pub const SNAPSHOT_SPACING_THINNED_MAX: usize = 2 * SNAPSHOT_SPACING_EVENTS_MAX;
/// Packing a snapshot's tables reads every entry, however few changed: a
/// snapshot is packed only when the events since the one before number at
/// least the entries over this, so that packing costs each event at most
/// this many entries read (cheap snapshots of a packing run would
/// otherwise come every block and pack a million entries each).
pub const PACKED_ENTRIES_PER_EVENT_MAX: usize = 8;
/// A timeline may always hold this much, however few the tasks.
pub const TIMELINE_BYTES_FLOOR: usize = 4 << 20;

/// What a goroutine is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum GoState {
    Runnable,
    Running { p: u32 },
    Blocked { on: BlockOn, object: u32 },
    Exited,
    Leaked { on: BlockOn },
}

/// A goroutine as a viewer reads it; [`Goroutines`] builds it when asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct GoroutineView {
    pub role: Role,
    pub index: u32,
    pub parent: u32,
    pub state: GoState,
    /// The Go source line its cursor is on.
    pub line: u16,
    /// The task it holds (received, popped or running), or [`NONE`].
    pub task: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChanView {
    pub role: ChanRole,
    pub cap: u32,
    pub buffer: SharedQueue,
    pub closed: bool,
}

/// Where a task is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum TaskAt {
    /// Not created yet.
    Nowhere,
    /// Created; with its creator or on its way.
    Queued,
    InChan(u32),
    InDeque(u32),
    /// Held by a goroutine (received, popped, or its own).
    WithGoroutine(u32),
    Running(u32),
    Done,
    Failed,
}

/// A [`TaskAt`] in four bytes: the place in the top three bits, the
/// goroutine, channel or deque in the other 29 (a run has far fewer than
/// 2^29 of each). A million-task run's table is 4 MB, not 8.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PackedTaskAt(u32);

const PLACE_SHIFT: u32 = 29;
const PLACE_ID: u32 = (1 << PLACE_SHIFT) - 1;

impl PackedTaskAt {
    fn new(at: TaskAt) -> PackedTaskAt {
        let (place, id) = match at {
            TaskAt::Nowhere => (0, 0),
            TaskAt::Queued => (1, 0),
            TaskAt::InChan(id) => (2, id),
            TaskAt::InDeque(id) => (3, id),
            TaskAt::WithGoroutine(id) => (4, id),
            TaskAt::Running(id) => (5, id),
            TaskAt::Done => (6, 0),
            TaskAt::Failed => (7, 0),
        };
        debug_assert!(id <= PLACE_ID, "{at:?} does not fit");
        PackedTaskAt(place << PLACE_SHIFT | id.min(PLACE_ID))
    }

    pub fn get(self) -> TaskAt {
        let id = self.0 & PLACE_ID;
        match self.0 >> PLACE_SHIFT {
            0 => TaskAt::Nowhere,
            1 => TaskAt::Queued,
            2 => TaskAt::InChan(id),
            3 => TaskAt::InDeque(id),
            4 => TaskAt::WithGoroutine(id),
            5 => TaskAt::Running(id),
            6 => TaskAt::Done,
            _ => TaskAt::Failed,
        }
    }
}

/// The goroutine a task is with is written relative to the task (task `t`
/// of a goroutine-a-task program runs on goroutine `t + 1`).
impl Words for PackedTaskAt {
    fn words(self, index: u32) -> [u32; WORDS] {
        let (place, id) = (self.0 >> PLACE_SHIFT, self.0 & PLACE_ID);
        match place {
            4 | 5 => [place, id.wrapping_sub(index), 0, 0],
            _ => [place, id, 0, 0],
        }
    }

    fn from_words(words: [u32; WORDS], index: u32) -> PackedTaskAt {
        let id = match words[0] {
            4 | 5 => words[1].wrapping_add(index),
            _ => words[1],
        };
        PackedTaskAt(words[0] << PLACE_SHIFT | (id & PLACE_ID))
    }
}

impl std::fmt::Debug for PackedTaskAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

impl Serialize for PackedTaskAt {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.get().serialize(serializer)
    }
}

/// Everything a viewer draws at one instant of a run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ViewState {
    /// Events applied so far.
    pub index: u64,
    pub t: Nanos,
    pub goroutines: Goroutines,
    /// The goroutine on each P, or [`NONE`].
    pub ps: Vec<u32>,
    pub chans: Vec<ChanView>,
    pub deques: Vec<SharedQueue>,
    /// Where each task is; [`ViewState::task`] reads one.
    pub tasks: Paged<PackedTaskAt>,
    pub tasks_done: u32,
    pub tasks_failed: u32,
    /// Tasks created and not yet taken, and the lowest of them (or the
    /// task count): every task below it has been taken, so the queued ones
    /// are found without reading the table from the start.
    pub tasks_queued: u32,
    pub first_queued: u32,
    /// The lowest goroutine after main that has not exited (or the
    /// goroutine count): goroutines mostly exit in the order they started,
    /// so the live ones are found without reading a million exited ones
    /// first. Main is left out: it lives to the end, and would hold the
    /// hint at the start of the table.
    pub first_live: u32,
    pub steals: u32,
    pub leaked: u32,
}

impl ViewState {
    pub fn new(scenario: &Scenario) -> ViewState {
        ViewState {
            index: 0,
            t: Nanos::ZERO,
            goroutines: Goroutines::default(),
            ps: vec![NONE; scenario.machine.cores as usize],
            chans: Vec::new(),
            deques: Vec::new(),
            tasks: Paged::filled(
                scenario.workload.tasks as usize,
                PackedTaskAt::new(TaskAt::Nowhere),
            ),
            tasks_done: 0,
            tasks_failed: 0,
            tasks_queued: 0,
            first_queued: scenario.workload.tasks,
            first_live: 1,
            steals: 0,
            leaked: 0,
        }
    }

    /// Bytes of `self` that `older` does not share: what keeping both costs
    /// beyond keeping `older`.
    fn bytes_beyond(&self, older: &ViewState) -> usize {
        self.rest_bytes_beyond(older) + self.tables_bytes_beyond(older)
    }

    /// [`ViewState::bytes_beyond`] but for the goroutine and task tables.
    /// A buffer or a deque costs the chunks of entries no snapshot shares.
    fn rest_bytes_beyond(&self, older: &ViewState) -> usize {
        let buffers: usize = self
            .chans
            .iter()
            .map(|c| std::mem::size_of::<ChanView>() + c.buffer.bytes_unshared())
            .sum();
        let deques: usize = self
            .deques
            .iter()
            .map(|d| std::mem::size_of::<SharedQueue>() + d.bytes_unshared())
            .sum();
        std::mem::size_of::<ViewState>()
            + self.goroutines.origins_bytes_beyond(&older.goroutines)
            + self.ps.len() * 4
            + buffers
            + deques
    }

    /// Bytes of the goroutine and task tables of `self` that `older` does
    /// not share: what packing them would replace.
    fn tables_bytes_beyond(&self, older: &ViewState) -> usize {
        self.goroutines.doing_bytes_beyond(&older.goroutines)
            + self.tasks.bytes_beyond(&older.tasks)
    }

    /// Entries in the goroutine and task tables.
    fn table_entries(&self) -> usize {
        self.goroutines.len() + self.tasks.len()
    }

    /// Takes the goroutine and task tables out, packed.
    fn pack_tables(&mut self) -> PackedTables {
        let tasks = Packed::pack(&self.tasks);
        self.tasks = Paged::new();
        PackedTables {
            doing: self.goroutines.pack(),
            tasks,
        }
    }

    fn unpack_tables(&mut self, packed: &PackedTables) {
        self.goroutines.unpack(&packed.doing);
        self.tasks = packed.tasks.unpack();
    }

    fn set_task(&mut self, task: u32, at: TaskAt) {
        let Some(slot) = self.tasks.get_mut(task as usize) else {
            return;
        };
        let was = slot.get();
        *slot = PackedTaskAt::new(at);
        match (was == TaskAt::Queued, at == TaskAt::Queued) {
            (false, true) => {
                self.tasks_queued += 1;
                self.first_queued = self.first_queued.min(task);
            }
            (true, false) => {
                self.tasks_queued -= 1;
                if task == self.first_queued {
                    self.first_queued = self.next_queued(task + 1);
                }
            }
            _ => {}
        }
        if at == TaskAt::Failed && was != TaskAt::Failed {
            self.tasks_failed += 1;
        }
    }

    /// The first queued task from `from` on, or the task count.
    fn next_queued(&self, from: u32) -> u32 {
        if self.tasks_queued == 0 {
            return self.tasks.len() as u32;
        }
        let mut t = from;
        while t < self.tasks.len() as u32 && self.task(t) != Some(TaskAt::Queued) {
            t += 1;
        }
        t
    }

    /// The first goroutine from `from` on that has not exited, or the count.
    fn next_live(&self, from: u32) -> u32 {
        let mut g = from;
        while self.goroutines.exited(g) == Some(true) {
            g += 1;
        }
        g
    }

    /// The goroutines that have not exited, by id.
    pub fn live_goroutines(&self) -> impl Iterator<Item = (u32, GoroutineView)> + '_ {
        let main = self
            .goroutines
            .get(MAIN as usize)
            .filter(|gv| gv.state != GoState::Exited)
            .map(|gv| (MAIN, gv));
        main.into_iter()
            .chain(self.goroutines.live_from(self.first_live.max(MAIN + 1)))
    }

    /// Where task `task` is.
    pub fn task(&self, task: u32) -> Option<TaskAt> {
        self.tasks.get(task as usize).map(|slot| slot.get())
    }

    /// The queued tasks, in task order.
    pub fn queued_tasks(&self) -> impl Iterator<Item = u32> + '_ {
        (self.first_queued..self.tasks.len() as u32)
            .filter(|&t| self.task(t) == Some(TaskAt::Queued))
            .take(self.tasks_queued as usize)
    }

    /// Channels whose values are tasks (as opposed to slots, ticks or signals).
    fn carries_tasks(&self, ch: u32) -> bool {
        self.chans
            .get(ch as usize)
            .is_some_and(|c| c.role.carries_tasks())
    }

    fn goroutine(&mut self, g: u32) -> Option<&mut goroutines::Doing> {
        self.goroutines.doing_mut(g)
    }

    pub fn apply(&mut self, e: &Event) {
        self.index += 1;
        self.t = e.t();
        if let Some(gv) = self.goroutine(e.g) {
            gv.set_line(e.line());
        }
        match e.kind() {
            Kind::Spawn => {
                let role = Role::from_u32(e.b).unwrap_or(Role::Worker);
                self.goroutines.spawn(role, e.a, e.c, e.line());
            }
            Kind::MakeChan => {
                let role = ChanRole::from_u32(e.c).unwrap_or(ChanRole::Output);
                if self.chans.len() <= e.a as usize {
                    self.chans.resize(
                        e.a as usize + 1,
                        ChanView {
                            role,
                            cap: 0,
                            buffer: SharedQueue::new(),
                            closed: false,
                        },
                    );
                }
                self.chans[e.a as usize] = ChanView {
                    role,
                    cap: e.b,
                    buffer: SharedQueue::new(),
                    closed: false,
                };
            }
            Kind::Run => {
                if let Some(p) = self.ps.get_mut(e.a as usize) {
                    *p = e.g;
                }
                if let Some(gv) = self.goroutine(e.g) {
                    gv.set_state(GoState::Running { p: e.a });
                }
            }
            Kind::Block | Kind::Preempt | Kind::Exit => {
                for p in self.ps.iter_mut().filter(|p| **p == e.g) {
                    *p = NONE;
                }
                if let Some(gv) = self.goroutine(e.g) {
                    gv.set_state(match e.kind() {
                        Kind::Block => GoState::Blocked {
                            on: BlockOn::from_u32(e.a).unwrap_or(BlockOn::Io),
                            object: e.b,
                        },
                        Kind::Preempt => GoState::Runnable,
                        _ => GoState::Exited,
                    });
                    if e.kind() == Kind::Exit {
                        gv.set_task(NONE);
                    }
                }
                if e.kind() == Kind::Exit && e.g == self.first_live {
                    self.first_live = self.next_live(e.g + 1);
                }
            }
            Kind::Unblock => {
                if let Some(gv) = self.goroutine(e.g) {
                    gv.set_state(GoState::Runnable);
                }
            }
            Kind::Leaked => {
                self.leaked += 1;
                for p in self.ps.iter_mut().filter(|p| **p == e.g) {
                    *p = NONE;
                }
                if let Some(gv) = self.goroutine(e.g) {
                    gv.set_state(GoState::Leaked {
                        on: BlockOn::from_u32(e.a).unwrap_or(BlockOn::Io),
                    });
                }
            }
            Kind::Send => {
                let tasks = self.carries_tasks(e.a);
                // Only a task leaves its sender's hands: a slot or a signal
                // that happens to equal a task number takes nothing with it.
                if let Some(gv) = self.goroutine(e.g).filter(|_| tasks) {
                    if gv.task() == e.b {
                        gv.set_task(NONE);
                    }
                }
                if e.c == NONE {
                    if let Some(c) = self.chans.get_mut(e.a as usize) {
                        c.buffer.push_back(e.b);
                    }
                    if tasks {
                        self.set_task(e.b, TaskAt::InChan(e.a));
                    }
                } else {
                    if let Some(r) = self.goroutine(e.c) {
                        if tasks {
                            r.set_task(e.b);
                        }
                    }
                    if tasks {
                        self.set_task(e.b, TaskAt::WithGoroutine(e.c));
                    }
                }
            }
            Kind::Recv => {
                let tasks = self.carries_tasks(e.a);
                if e.c == NONE {
                    if let Some(c) = self.chans.get_mut(e.a as usize) {
                        c.buffer.pop_front();
                    }
                } else if let Some(s) = self.goroutine(e.c).filter(|_| tasks) {
                    if s.task() == e.b {
                        s.set_task(NONE);
                    }
                }
                if tasks {
                    if let Some(gv) = self.goroutine(e.g) {
                        gv.set_task(e.b);
                    }
                    self.set_task(e.b, TaskAt::WithGoroutine(e.g));
                }
            }
            Kind::Close => {
                if let Some(c) = self.chans.get_mut(e.a as usize) {
                    c.closed = true;
                }
            }
            Kind::TaskQueued => self.set_task(e.a, TaskAt::Queued),
            Kind::TaskStart => {
                if let Some(gv) = self.goroutine(e.g) {
                    gv.set_task(e.a);
                }
                self.set_task(e.a, TaskAt::Running(e.g));
            }
            Kind::TaskEnd => {
                if e.b == 0 {
                    self.tasks_done += 1;
                    self.set_task(e.a, TaskAt::Done);
                } else {
                    self.set_task(e.a, TaskAt::Failed);
                }
            }
            Kind::DequePush => {
                let dq = e.a as usize;
                if self.deques.len() <= dq {
                    self.deques.resize(dq + 1, SharedQueue::new());
                }
                self.deques[dq].push_back(e.b);
                self.set_task(e.b, TaskAt::InDeque(e.a));
            }
            Kind::DequePop => {
                if let Some(dq) = self.deques.get_mut(e.a as usize) {
                    dq.pop_front();
                }
                if let Some(gv) = self.goroutine(e.g) {
                    gv.set_task(e.b);
                }
                self.set_task(e.b, TaskAt::WithGoroutine(e.g));
            }
            Kind::Steal => {
                self.steals += 1;
                let (victim, thief) = (e.a as usize, e.c as usize);
                if self.deques.len() <= victim.max(thief) {
                    self.deques
                        .resize(victim.max(thief) + 1, SharedQueue::new());
                }
                let moved = self.deques[victim].take_back(e.b as usize);
                for &t in &moved {
                    self.set_task(t, TaskAt::InDeque(e.c));
                }
                self.deques[thief].extend(moved);
            }
            Kind::RecvClosed
            | Kind::RuntimeSteal
            | Kind::Tick
            | Kind::Token
            | Kind::Cancel
            | Kind::Select
            | Kind::Deliver
            | Kind::TickerLeaked => {}
        }
    }
}

/// What a goroutine is doing and where each task is, packed.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PackedTables {
    doing: Packed,
    tasks: Packed,
}

impl PackedTables {
    fn bytes_held(&self) -> usize {
        self.doing.bytes_held() + self.tasks.bytes_held()
    }
}

/// A state kept for seeking: sharing the unchanged leaves of its tables
/// with the snapshot before, or, when most of them changed, with its
/// goroutine and task tables packed ([`packed`]).
#[derive(Clone)]
struct Snapshot {
    /// Without its goroutine and task tables when they are packed.
    state: ViewState,
    packed: Option<Box<PackedTables>>,
}

impl Snapshot {
    fn index(&self) -> u64 {
        self.state.index
    }

    fn goroutines(&self) -> usize {
        self.packed
            .as_ref()
            .map_or(self.state.goroutines.len(), |packed| packed.doing.len())
    }

    /// The state, its tables unpacked.
    fn state(&self) -> ViewState {
        let mut state = self.state.clone();
        if let Some(packed) = &self.packed {
            state.unpack_tables(packed);
        }
        state
    }

    /// Bytes it holds that `older` (the last snapshot kept unpacked) does not.
    fn bytes_beyond(&self, older: &ViewState) -> usize {
        self.state.bytes_beyond(older) + self.packed.as_ref().map_or(0, |p| p.bytes_held())
    }
}

/// A recorded trace with snapshots for seeking.
pub struct Timeline {
    trace: CompactTrace,
    initial: ViewState,
    /// States after a multiple of [`BLOCK_EVENTS`] events, by increasing index.
    snapshots: Vec<Snapshot>,
    /// What the initial state holds, and what the snapshots hold beyond it
    /// and each other.
    initial_bytes: usize,
    snapshot_bytes: usize,
    /// The state last asked for: playing and stepping forward go on from it
    /// instead of from a snapshot, so they replay only the new events.
    last_seen: std::cell::RefCell<Option<ViewState>>,
}

/// Builds a [`Timeline`] from events as they come.
pub struct TimelineBuilder {
    timeline: Timeline,
    state: ViewState,
    /// Events since the last snapshot (or the start).
    since: usize,
    /// What the trace and the snapshots together may hold.
    timeline_bytes_max: usize,
    /// Events between snapshots at the least: none until the snapshots
    /// are first thinned.
    spacing_min: usize,
    /// Bytes and entries of the tables last packed, for guessing what
    /// packing the next would save without packing it.
    packed_last: (usize, usize),
}

impl TimelineBuilder {
    pub fn new(scenario: &Scenario) -> TimelineBuilder {
        let initial = ViewState::new(scenario);
        let nothing = ViewState {
            goroutines: Goroutines::default(),
            tasks: Paged::new(),
            ..initial.clone()
        };
        TimelineBuilder {
            state: initial.clone(),
            timeline: Timeline {
                trace: CompactTrace::new(),
                initial_bytes: initial.bytes_beyond(&nothing),
                initial,
                snapshots: Vec::new(),
                snapshot_bytes: 0,
                last_seen: std::cell::RefCell::new(None),
            },
            since: 0,
            timeline_bytes_max: (scenario.workload.tasks as usize * TIMELINE_BYTES_PER_TASK_MAX)
                .max(TIMELINE_BYTES_FLOOR),
            spacing_min: 0,
            packed_last: (1, 1),
        }
    }

    /// A builder whose trace and snapshots together stay within
    /// `bytes_max` (thinning past it) instead of the bound a task
    /// ([`TIMELINE_BYTES_PER_TASK_MAX`]): thinning checked on runs small
    /// enough for every build, the debug wasm one too.
    pub fn with_bytes_max(scenario: &Scenario, bytes_max: usize) -> TimelineBuilder {
        TimelineBuilder {
            timeline_bytes_max: bytes_max,
            ..TimelineBuilder::new(scenario)
        }
    }

    pub fn push(&mut self, e: &Event) {
        let index = self.timeline.trace.len();
        if index > 0 && index.is_multiple_of(BLOCK_EVENTS as u64) {
            self.consider_snapshot();
        }
        self.timeline.trace.push(e);
        self.state.apply(e);
        self.since += 1;
    }

    /// Keeps the state as a snapshot if it costs little enough for the
    /// events since the last one.
    fn consider_snapshot(&mut self) {
        let timeline = &mut self.timeline;
        let older = timeline.last_unpacked();
        // Packed instead, if that would hold less than the tables' changed
        // leaves: guessed from the last packing, checked when taken.
        let tables = self.state.tables_bytes_beyond(older);
        let shared = self.state.rest_bytes_beyond(older) + tables;
        let entries = self.state.table_entries();
        // In 64 bits: a million entries times a megabyte overflows a wasm32 usize.
        let (bytes, of) = self.packed_last;
        let packed_guess = (entries as u64 * bytes as u64 / of.max(1) as u64) as usize;
        let packing = packed_guess < tables && self.since * PACKED_ENTRIES_PER_EVENT_MAX >= entries;
        let budget = (self.state.index as usize + SNAPSHOT_SPACING_EVENTS) / BLOCK_EVENTS
            * SNAPSHOT_BUDGET_BYTES_PER_BLOCK;
        let since = self.since;
        let snapshot_bytes = timeline.snapshot_bytes;
        let worth_taking = |cost: usize| {
            let cheap = cost <= since * SNAPSHOT_BYTES_PER_EVENT;
            let affordable = since >= SNAPSHOT_SPACING_EVENTS && snapshot_bytes + cost <= budget;
            let overdue = since >= SNAPSHOT_SPACING_EVENTS_MAX
                && cost <= since * SNAPSHOT_BYTES_PER_EVENT_MAX;
            cheap || affordable || overdue
        };
        let guessed = if packing {
            shared - tables + packed_guess
        } else {
            shared
        };
        if !worth_taking(guessed) || self.since < self.spacing_min {
            return;
        }
        let mut snapshot = Snapshot {
            state: self.state.clone(),
            packed: None,
        };
        if packing {
            let packed = snapshot.state.pack_tables();
            self.packed_last = (packed.bytes_held(), entries);
            if packed.bytes_held() < tables {
                snapshot.packed = Some(Box::new(packed));
            } else {
                snapshot.state = self.state.clone();
            }
        }
        // Whatever the guess, the snapshot is kept only if what it holds
        // passes the same rules (the next block tries again, with the guess
        // now learned from this packing).
        let cost = snapshot.bytes_beyond(older);
        if !worth_taking(cost) {
            return;
        }
        timeline.snapshot_bytes += cost;
        timeline.snapshots.push(snapshot);
        self.since = 0;
        while timeline.trace.bytes_held() + timeline.snapshot_bytes > self.timeline_bytes_max
            && timeline.snapshots.len() > 1
            && self.state.index as usize / timeline.snapshots.len().div_ceil(2)
                <= SNAPSHOT_SPACING_THINNED_MAX
        {
            self.spacing_min = timeline.thin_snapshots();
        }
    }

    /// Events so far.
    pub fn len(&self) -> u64 {
        self.timeline.trace.len()
    }

    pub fn is_empty(&self) -> bool {
        self.timeline.trace.is_empty()
    }

    /// Bytes the timeline holds so far ([`Timeline::bytes_held`]).
    pub fn bytes_held(&self) -> usize {
        self.timeline.bytes_held()
    }

    pub fn finish(mut self) -> Timeline {
        self.timeline.trace.shrink_to_fit();
        self.timeline.snapshots.shrink_to_fit();
        self.timeline
    }
}

impl Timeline {
    /// Drops every other snapshot, keeping the last, and counts what the
    /// rest hold; returns the events between the ones kept, on average.
    fn thin_snapshots(&mut self) -> usize {
        let count = self.snapshots.len();
        let kept: Vec<Snapshot> = std::mem::take(&mut self.snapshots)
            .into_iter()
            .enumerate()
            .filter(|(i, _)| (count - 1 - i).is_multiple_of(2))
            .map(|(_, snapshot)| snapshot)
            .collect();
        self.snapshot_bytes = 0;
        let mut older = &self.initial;
        for snapshot in &kept {
            self.snapshot_bytes += snapshot.bytes_beyond(older);
            if snapshot.packed.is_none() {
                older = &snapshot.state;
            }
        }
        let last = kept.last().map_or(0, |snapshot| snapshot.index() as usize);
        self.snapshots = kept;
        last / self.snapshots.len().max(1)
    }

    /// The last snapshot whose tables are not packed (or the initial
    /// state): the one a new snapshot shares leaves with.
    fn last_unpacked(&self) -> &ViewState {
        self.snapshots
            .iter()
            .rev()
            .find(|snapshot| snapshot.packed.is_none())
            .map_or(&self.initial, |snapshot| &snapshot.state)
    }

    pub fn new(scenario: &Scenario, events: Vec<Event>) -> Timeline {
        let mut builder = TimelineBuilder::new(scenario);
        for e in &events {
            builder.push(e);
        }
        builder.finish()
    }

    pub fn len(&self) -> u64 {
        self.trace.len()
    }

    pub fn is_empty(&self) -> bool {
        self.trace.is_empty()
    }

    /// The trace, compact.
    pub fn trace(&self) -> &CompactTrace {
        &self.trace
    }

    /// The event at `index` (0-based).
    pub fn event(&self, index: u64) -> Option<Event> {
        self.trace.get(index)
    }

    /// The events from `index` on.
    pub fn events_from(&self, index: u64) -> Events<'_> {
        self.trace.iter_from(index)
    }

    /// The time of the last event, or zero.
    pub fn end_time(&self) -> Nanos {
        self.trace.last_time()
    }

    /// How many events happen at or before `t`.
    pub fn count_at_or_before(&self, t: Nanos) -> u64 {
        self.trace.count_at_or_before(t)
    }

    /// Bytes the timeline holds: the trace, the initial state, the snapshots.
    pub fn bytes_held(&self) -> usize {
        self.trace.bytes_held()
            + self.initial_bytes
            + self.snapshot_bytes
            + self.snapshots.capacity() * std::mem::size_of::<Snapshot>()
    }

    /// The indices the snapshots are at, in order.
    pub fn snapshot_indices(&self) -> impl Iterator<Item = u64> + '_ {
        self.snapshots.iter().map(Snapshot::index)
    }

    /// How many snapshots keep their goroutine and task tables packed.
    pub fn snapshots_packed(&self) -> usize {
        self.snapshots.iter().filter(|s| s.packed.is_some()).count()
    }

    /// The state after the first `index` events (clamped to the trace).
    pub fn state_at(&self, index: u64) -> ViewState {
        let index = index.min(self.len());
        let nearest = self.snapshots.partition_point(|s| s.index() <= index);
        let snapshot = nearest.checked_sub(1).map(|n| &self.snapshots[n]);
        let snapshot_index = snapshot.map_or(self.initial.index, Snapshot::index);
        let mut last_seen = self.last_seen.borrow_mut();
        // Go on from the last state asked for when it lies between the
        // snapshot and the target: fewer events to replay.
        let mut state = match last_seen.take() {
            Some(seen) if seen.index <= index && seen.index > snapshot_index => seen,
            _ => snapshot.map_or_else(|| self.initial.clone(), Snapshot::state),
        };
        let from = state.index;
        for e in self.trace.iter_from(from).take((index - from) as usize) {
            state.apply(&e);
        }
        *last_seen = Some(state.clone());
        state
    }

    /// An index at or before goroutine `g`'s spawn, as late as a snapshot
    /// allows: reading the trace from there meets all of `g`'s events.
    pub fn before_spawn_of(&self, g: u32) -> u64 {
        let spawned_by = self
            .snapshots
            .partition_point(|s| s.goroutines() <= g as usize);
        match spawned_by {
            0 => 0,
            n => self.snapshots[n - 1].index(),
        }
    }

    /// The index just past the next event of `kind` after `index`, if any.
    pub fn next_of_kind(&self, index: u64, kind: Kind) -> Option<u64> {
        let index = index.min(self.len());
        self.trace
            .iter_from(index)
            .position(|e| e.kind() == kind)
            .map(|offset| index + offset as u64 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::parse;
    use crate::trace::EMPTY_STRUCT;

    #[test]
    fn a_semaphores_buffer_holds_anonymous_slots_and_no_task() {
        // Go's program sends `struct{}{}`: a slot, not a task number.
        let scenario = parse("strategy=semaphore&workers=3&tasks=10")
            .unwrap()
            .scenario;
        let run = crate::simulate(&scenario).unwrap();
        let mut state = ViewState::new(&scenario);
        let mut fullest = 0;
        for e in &run.events {
            state.apply(e);
            let sem = state
                .chans
                .iter()
                .find(|c| c.role == ChanRole::Semaphore)
                .map_or(0, |sem| {
                    assert!(sem.buffer.iter().all(|v| v == EMPTY_STRUCT), "{e:?}");
                    sem.buffer.len()
                });
            fullest = fullest.max(sem);
            for g in &state.goroutines {
                assert!(g.task == NONE || g.task < 10, "{g:?} after {e:?}");
            }
            assert_eq!(state.tasks.len(), 10);
        }
        assert_eq!(fullest, 3, "three workers hold every slot at once");
    }

    #[test]
    fn a_signal_equal_to_a_task_number_leaves_the_senders_task_alone() {
        let scenario = Scenario::default();
        let mut state = ViewState::new(&scenario);
        let t = Nanos::ZERO;
        let quit = ChanRole::Quit as u32;
        for e in [
            Event::new(t, 0, Kind::Spawn, 1, NONE, Role::Main as u32, 0),
            Event::new(t, 0, Kind::MakeChan, 1, 0, 1, quit),
            Event::new(t, 0, Kind::TaskStart, 1, 0, 0, NONE),
            Event::new(t, 0, Kind::Send, 1, 0, 0, NONE),
        ] {
            state.apply(&e);
        }
        assert_eq!(
            state.goroutines.get(0).unwrap().task,
            0,
            "still running task 0"
        );
        assert_eq!(state.task(0), Some(TaskAt::Running(0)));
    }

    #[test]
    fn the_live_goroutines_and_queued_tasks_are_found_from_their_hints() {
        let scenario = parse("strategy=unbounded&tasks=300&dist=exp&dur=2ms")
            .unwrap()
            .scenario;
        let run = crate::simulate(&scenario).unwrap();
        let mut state = ViewState::new(&scenario);
        for e in &run.events {
            state.apply(e);
            let live: Vec<u32> = state.live_goroutines().map(|(g, _)| g).collect();
            let all_live: Vec<u32> = (0..state.goroutines.len() as u32)
                .filter(|&g| state.goroutines.get(g as usize).unwrap().state != GoState::Exited)
                .collect();
            assert_eq!(live, all_live, "after {e:?}");
            let queued: Vec<u32> = state.queued_tasks().collect();
            let all_queued: Vec<u32> = (0..state.tasks.len() as u32)
                .filter(|&t| state.task(t) == Some(TaskAt::Queued))
                .collect();
            assert_eq!(queued, all_queued, "after {e:?}");
        }
    }

    #[test]
    fn reading_from_before_a_spawn_meets_it_and_starts_at_the_latest_snapshot_that_can() {
        // A goroutine a task, spawned all through the run, over several snapshots.
        let link = "strategy=semaphore&workers=8&tasks=30000&dist=exp&dur=1ms";
        let scenario = parse(link).unwrap().scenario;
        let run = crate::simulate(&scenario).unwrap();
        let timeline = Timeline::new(&scenario, run.events.clone());
        let snapshots: Vec<u64> = timeline.snapshot_indices().collect();
        assert!(
            snapshots.len() >= 3,
            "{link}: {} snapshots",
            snapshots.len()
        );
        let spawn_index = |g: u32| {
            run.events
                .iter()
                .position(|e| e.kind() == Kind::Spawn && e.g == g)
                .unwrap() as u64
        };
        for g in [0, 1, 5_000, 17_321, 29_999, 30_000] {
            let spawned = spawn_index(g);
            let from = timeline.before_spawn_of(g);
            assert!(
                from <= spawned,
                "{link}: goroutine {g} from {from}, spawned at {spawned}"
            );
            let latest = snapshots
                .iter()
                .copied()
                .filter(|&s| s <= spawned)
                .max()
                .unwrap_or(0);
            assert_eq!(from, latest, "{link}: goroutine {g}");
        }
    }
}
