//! The goroutine table of a view state: what each goroutine was spawned as, kept in runs, and what it is doing, packed in 8 bytes.
//!
//! A goroutine-per-task run holds a million goroutines, and a snapshot pays
//! for every leaf of the table that changed since the one before: each new
//! goroutine's, and each whose goroutine ran, blocked or exited. So:
//!
//! 1. What never changes after the spawn (role, parent, index) is kept in
//!    runs ([`Origin`]): a program spawns its goroutines alike (main spawns
//!    worker 0, 1, 2 and so on), so a spawn that continues the last run adds
//!    nothing, and a million goroutines of one kind are one run. The runs
//!    only grow at their end, so snapshots share all of them but the last.
//! 2. What changes (state, line, task) is packed in 8 bytes ([`Doing`]):
//!    a snapshot copies 64 of them for a leaf a goroutine changed in, where
//!    24-byte views in 1,024-entry pages cost 24 KB.
//! 3. [`GoroutineView`] is built from the two when read, by value.
//!
//! Measured on a million goroutines of 1 ms each (one per task): the
//! snapshots' goroutine leaves are about a third of the bytes 24-byte
//! views cost, for the same spacing.

use super::packed::{Packed, Words, WORDS};
use super::{GoState, GoroutineView};
use crate::paged::{self, Paged};
use crate::scenario::limits;
use crate::trace::{LINES_MAX, NONE};
use crate::vocabulary::{BlockOn, Role};
use serde::Serialize;

/// The goroutines of a view state, by id (their order of spawning).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Goroutines {
    origins: Paged<Origin>,
    doing: Paged<Doing>,
}

/// Goroutines `first` on, up to the next run's first, were spawned as
/// `role` by `parent`, with indices counting up from `index`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Origin {
    first: u32,
    parent: u32,
    index: u32,
    role: Role,
}

/// A goroutine's state, line and task in two words. The first holds the
/// task (23 bits; tasks number at most [`limits::TASKS_MAX`]) and the line
/// (9 bits, as in an event); the second the state's kind (5 bits: runnable,
/// running, exited, or blocked or leaked on one of [`BlockOn`]) and its P
/// or object (27 bits: a run makes far fewer channels, mutexes or groups).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Doing {
    task_line: u32,
    state: u32,
}

const TASK_BITS: u32 = 23;
const TASK_NONE: u32 = (1 << TASK_BITS) - 1;
const KIND_BITS: u32 = 5;
const PAYLOAD_NONE: u32 = (1 << (32 - KIND_BITS)) - 1;

const RUNNABLE: u32 = 0;
const RUNNING: u32 = 1;
const EXITED: u32 = 2;
const BLOCKED: u32 = 3;
const LEAKED: u32 = BLOCKED + BlockOn::ALL.len() as u32;

const _: () = assert!(limits::TASKS_MAX < TASK_NONE);
const _: () = assert!((LINES_MAX as u32) < 1 << (32 - TASK_BITS));
const _: () = assert!(LEAKED + (BlockOn::ALL.len() as u32) <= 1 << KIND_BITS);
const _: () = assert!(limits::CORES_MAX < PAYLOAD_NONE);

impl Doing {
    fn new(state: GoState, line: u16, task: u32) -> Doing {
        let mut doing = Doing {
            task_line: 0,
            state: 0,
        };
        doing.set_state(state);
        doing.set_line(line);
        doing.set_task(task);
        doing
    }

    pub(super) fn state(self) -> GoState {
        let kind = self.state & ((1 << KIND_BITS) - 1);
        let payload = match self.state >> KIND_BITS {
            PAYLOAD_NONE => NONE,
            payload => payload,
        };
        let on = |from: u32| BlockOn::ALL[(kind - from) as usize];
        match kind {
            RUNNABLE => GoState::Runnable,
            RUNNING => GoState::Running { p: payload },
            EXITED => GoState::Exited,
            kind if kind < LEAKED => GoState::Blocked {
                on: on(BLOCKED),
                object: payload,
            },
            _ => GoState::Leaked { on: on(LEAKED) },
        }
    }

    pub(super) fn set_state(&mut self, state: GoState) {
        let (kind, payload) = match state {
            GoState::Runnable => (RUNNABLE, NONE),
            GoState::Running { p } => (RUNNING, p),
            GoState::Exited => (EXITED, NONE),
            GoState::Blocked { on, object } => (BLOCKED + on as u32, object),
            GoState::Leaked { on } => (LEAKED + on as u32, NONE),
        };
        debug_assert!(
            payload == NONE || payload < PAYLOAD_NONE,
            "{state:?} does not fit"
        );
        self.state = kind | (payload.min(PAYLOAD_NONE) << KIND_BITS);
    }

    fn exited(self) -> bool {
        self.state & ((1 << KIND_BITS) - 1) == EXITED
    }

    pub(super) fn line(self) -> u16 {
        (self.task_line >> TASK_BITS) as u16
    }

    pub(super) fn set_line(&mut self, line: u16) {
        debug_assert!(line <= LINES_MAX);
        self.task_line = (self.task_line & TASK_NONE) | (u32::from(line) << TASK_BITS);
    }

    /// The task it holds, or [`NONE`].
    pub(super) fn task(self) -> u32 {
        match self.task_line & TASK_NONE {
            TASK_NONE => NONE,
            task => task,
        }
    }

    pub(super) fn set_task(&mut self, task: u32) {
        debug_assert!(task == NONE || task < TASK_NONE, "task {task} does not fit");
        self.task_line = (self.task_line & !TASK_NONE) | task.min(TASK_NONE);
    }
}

/// The task is written relative to the goroutine (goroutine `g` of a
/// goroutine-a-task program holds task `g - 1`).
impl Words for Doing {
    fn words(self, index: u32) -> [u32; WORDS] {
        let task = self.task_line & TASK_NONE;
        let relative = match task {
            TASK_NONE => [0, 0],
            task => [1, task.wrapping_sub(index)],
        };
        [
            relative[0],
            relative[1],
            self.task_line >> TASK_BITS,
            self.state,
        ]
    }

    fn from_words(words: [u32; WORDS], index: u32) -> Doing {
        let task = match words[0] {
            0 => TASK_NONE,
            _ => words[1].wrapping_add(index) & TASK_NONE,
        };
        Doing {
            task_line: words[2] << TASK_BITS | task,
            state: words[3],
        }
    }
}

impl Goroutines {
    pub fn len(&self) -> usize {
        self.doing.len()
    }

    pub fn is_empty(&self) -> bool {
        self.doing.is_empty()
    }

    /// Goroutine `g`, if spawned.
    pub fn get(&self, g: usize) -> Option<GoroutineView> {
        let doing = *self.doing.get(g)?;
        let run = self.origins.partition_point(|o| o.first as usize <= g) - 1;
        Some(view(&self.origins[run], g as u32, doing))
    }

    /// Every goroutine, by id.
    pub fn iter(&self) -> Iter<'_> {
        self.iter_from(0, false)
    }

    /// The goroutines from `from` on that have not exited, with their ids.
    pub(super) fn live_from(&self, from: u32) -> impl Iterator<Item = (u32, GoroutineView)> + '_ {
        let mut live = self.iter_from(from as usize, true);
        std::iter::from_fn(move || {
            let gv = live.next()?;
            Some((live.g - 1, gv))
        })
    }

    fn iter_from(&self, from: usize, live_only: bool) -> Iter<'_> {
        let from = from.min(self.len());
        Iter {
            origins: &self.origins,
            doing: self.doing.range(from..self.len()),
            g: from as u32,
            run: self
                .origins
                .partition_point(|o| o.first as usize <= from)
                .saturating_sub(1),
            live_only,
        }
    }

    /// Adds goroutine `len()`.
    pub(super) fn spawn(&mut self, role: Role, parent: u32, index: u32, line: u16) {
        let g = self.len() as u32;
        let continues = self.origins.last().is_some_and(|o| {
            o.role == role && o.parent == parent && o.index.checked_add(g - o.first) == Some(index)
        });
        if !continues {
            self.origins.push(Origin {
                first: g,
                parent,
                index,
                role,
            });
        }
        self.doing.push(Doing::new(GoState::Runnable, line, NONE));
    }

    /// What goroutine `g` is doing, to change.
    pub(super) fn doing_mut(&mut self, g: u32) -> Option<&mut Doing> {
        self.doing.get_mut(g as usize)
    }

    pub(super) fn exited(&self, g: u32) -> Option<bool> {
        self.doing.get(g as usize).map(|d| d.exited())
    }

    /// Takes what the goroutines are doing out of the table, packed; the
    /// table is empty until [`Goroutines::unpack`] puts it back.
    pub(super) fn pack(&mut self) -> Packed {
        let packed = Packed::pack(&self.doing);
        self.doing = Paged::new();
        packed
    }

    pub(super) fn unpack(&mut self, packed: &Packed) {
        self.doing = packed.unpack();
    }

    /// What the goroutines are doing, its leaves shared with `older`'s or not.
    pub(super) fn doing_bytes_beyond(&self, older: &Goroutines) -> usize {
        self.doing.bytes_beyond(&older.doing)
    }

    /// Who spawned the goroutines, its leaves shared with `older`'s or not.
    pub(super) fn origins_bytes_beyond(&self, older: &Goroutines) -> usize {
        self.origins.bytes_beyond(&older.origins)
    }
}

fn view(origin: &Origin, g: u32, doing: Doing) -> GoroutineView {
    GoroutineView {
        role: origin.role,
        index: origin.index + (g - origin.first),
        parent: origin.parent,
        state: doing.state(),
        line: doing.line(),
        task: doing.task(),
    }
}

/// Goroutines in id order, each built from its run and what it does.
pub struct Iter<'a> {
    origins: &'a Paged<Origin>,
    doing: paged::Iter<'a, Doing>,
    /// The id of the next goroutine `doing` gives.
    g: u32,
    /// The run `g` is in (or the last run before it).
    run: usize,
    live_only: bool,
}

impl Iterator for Iter<'_> {
    type Item = GoroutineView;

    fn next(&mut self) -> Option<GoroutineView> {
        loop {
            let doing = *self.doing.next()?;
            let g = self.g;
            self.g += 1;
            if self.live_only && doing.exited() {
                continue;
            }
            while self.origins.get(self.run + 1).is_some_and(|o| o.first <= g) {
                self.run += 1;
            }
            return Some(view(&self.origins[self.run], g, doing));
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let (low, high) = self.doing.size_hint();
        (if self.live_only { 0 } else { low }, high)
    }
}

impl<'a> IntoIterator for &'a Goroutines {
    type Item = GoroutineView;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl std::fmt::Debug for Goroutines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Goroutines {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_line_and_task_reads_back_as_written() {
        let states = [
            GoState::Runnable,
            GoState::Exited,
            GoState::Running { p: 255 },
        ]
        .into_iter()
        .chain(BlockOn::ALL.iter().flat_map(|&on| {
            [
                GoState::Blocked { on, object: NONE },
                GoState::Blocked { on, object: 0 },
                GoState::Blocked {
                    on,
                    object: PAYLOAD_NONE - 1,
                },
                GoState::Leaked { on },
            ]
        }));
        for state in states {
            for (line, task) in [(0, NONE), (LINES_MAX, 0), (7, limits::TASKS_MAX)] {
                let doing = Doing::new(state, line, task);
                assert_eq!(
                    (doing.state(), doing.line(), doing.task()),
                    (state, line, task)
                );
                assert_eq!(doing.exited(), state == GoState::Exited);
                for index in [0, 7, u32::MAX] {
                    let packed = Doing::from_words(doing.words(index), index);
                    assert!(
                        packed == doing,
                        "{state:?} at line {line} with task {task}, goroutine {index}"
                    );
                }
            }
        }
    }

    #[test]
    fn spawns_alike_make_one_run_and_read_back_with_their_indices() {
        let mut table = Goroutines::default();
        let spawns = [(Role::Main, NONE, 0)]
            .into_iter()
            .chain((0..3000).map(|i| (Role::Worker, 0, i)))
            .chain([(Role::Closer, 0, 0), (Role::Collector, 0, 0)])
            .chain((0..100).map(|i| (Role::Forwarder, 3 + i, i)));
        let spawns: Vec<(Role, u32, u32)> = spawns.collect();
        for &(role, parent, index) in &spawns {
            table.spawn(role, parent, index, 9);
        }
        // Main, the workers, the closer, the collector, then a forwarder
        // each (their parents differ).
        assert_eq!(table.origins.len(), 4 + 100);
        table.doing_mut(5).unwrap().set_state(GoState::Exited);
        let views: Vec<GoroutineView> = table.iter().collect();
        assert_eq!(views.len(), spawns.len());
        for (g, (gv, &(role, parent, index))) in views.iter().zip(&spawns).enumerate() {
            assert_eq!(
                (gv.role, gv.parent, gv.index),
                (role, parent, index),
                "goroutine {g}"
            );
            assert_eq!(table.get(g), Some(*gv));
        }
        assert_eq!(table.get(spawns.len()), None);
        let live: Vec<u32> = table.live_from(3).map(|(g, _)| g).take(4).collect();
        assert_eq!(live, [3, 4, 6, 7]);
        assert_eq!(
            table.live_from(3050).map(|(g, gv)| (g, gv.index)).next(),
            Some((3050, 47))
        );
    }
}
