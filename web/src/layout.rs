//! What the stage draws at one instant: which lanes, and which task chips in which container, each capped with "+N more".
//!
//! Why caps: a run of 10,000 tasks or goroutines must redraw in a frame, and
//! nobody can follow 10,000 chips anyway. Each container shows at most a few
//! chips, in queue order (the next task out first), and counts the rest;
//! the lanes shown are the first ones by goroutine id, live ones before
//! exited ones, always with `main` and the selected goroutine.

use gobalance_core::trace::NONE;
use gobalance_core::view::{ChanView, ViewState};
use gobalance_core::{ChanRole, Event, Kind};

/// Chips drawn per channel buffer or pile.
pub const CHIPS_MAX: usize = 12;
/// Chips drawn per deque: a stage can have 64 of them, one per lane.
pub const DEQUE_CHIPS_MAX: usize = 6;
/// Lanes drawn on a full-size stage.
pub const LANES_MAX: usize = 80;
/// Lanes drawn on a compare column.
pub const COMPARE_LANES_MAX: usize = 24;

/// Some chips of a container and how many more it holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Chips {
    pub shown: Vec<u32>,
    pub more: usize,
}

/// Keeps the first `max` items, counting the rest.
pub fn cap(items: impl IntoIterator<Item = u32>, max: usize) -> Chips {
    let mut chips = Chips::default();
    for item in items {
        if chips.shown.len() < max {
            chips.shown.push(item);
        } else {
            chips.more += 1;
        }
    }
    chips
}

/// What a channel's buffer holds, as the stage draws it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Buffered {
    /// Task numbers, in queue order.
    Tasks(Chips),
    /// Anonymous values (the semaphore's `struct{}{}`): only how many are
    /// drawn and how many more it holds, since no slot is any task.
    Slots { drawn: usize, more: usize },
}

/// A channel as the stage draws it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChanBox {
    pub id: u32,
    pub role: ChanRole,
    pub cap: u32,
    pub len: usize,
    pub closed: bool,
    pub buffered: Buffered,
    /// Free places drawn after the values: a small buffer draws every
    /// place, so a full buffer looks full; a large one draws none.
    pub free_drawn: usize,
}

impl ChanBox {
    fn of(id: u32, c: &ChanView) -> ChanBox {
        let buffered = if c.role.carries_tasks() {
            Buffered::Tasks(cap(c.buffer.iter(), CHIPS_MAX))
        } else {
            let drawn = c.buffer.len().min(CHIPS_MAX);
            Buffered::Slots {
                drawn,
                more: c.buffer.len() - drawn,
            }
        };
        let free_drawn = if c.cap as usize <= CHIPS_MAX {
            c.cap as usize - c.buffer.len().min(c.cap as usize)
        } else {
            0
        };
        ChanBox {
            id,
            role: c.role,
            cap: c.cap,
            len: c.buffer.len(),
            closed: c.closed,
            buffered,
            free_drawn,
        }
    }
}

/// Everything on the stage besides the lanes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageLayout {
    /// Tasks created but not yet in a channel, deque or goroutine (with their creator).
    pub created: Chips,
    /// Channels that carry tasks or semaphore slots, in creation order.
    pub chans: Vec<ChanBox>,
    /// Per-worker deques (static and steal), by deque index.
    pub deques: Vec<Chips>,
    pub done: u32,
    pub failed: u32,
    pub tasks: u32,
}

/// Lays out the containers of `state`.
pub fn stage(state: &ViewState) -> StageLayout {
    // The first few, and a count: a million queued tasks are not read.
    let shown: Vec<u32> = state.queued_tasks().take(CHIPS_MAX).collect();
    let created = Chips {
        more: (state.tasks_queued as usize).saturating_sub(shown.len()),
        shown,
    };
    let chans = state
        .chans
        .iter()
        .enumerate()
        .filter(|(_, c)| c.role.carries_tasks() || c.role == ChanRole::Semaphore)
        .map(|(id, c)| ChanBox::of(id as u32, c))
        .collect();
    let deques = state
        .deques
        .iter()
        .map(|d| cap(d.iter(), DEQUE_CHIPS_MAX))
        .collect();
    StageLayout {
        created,
        chans,
        deques,
        done: state.tasks_done,
        failed: state.tasks_failed,
        tasks: state.tasks.len() as u32,
    }
}

/// The goroutine ids to draw lanes for, in id order, and how many are left out.
pub fn lanes(state: &ViewState, selected: Option<u32>, max: usize) -> (Vec<u32>, usize) {
    let n = state.goroutines.len();
    if n <= max {
        return ((0..n as u32).collect(), 0);
    }
    // Main, the selection, then live goroutines by id, then the first ones:
    // at most `max` looked at of each, so a million goroutines cost no more.
    let mut shown: Vec<u32> = Vec::with_capacity(max);
    let candidates = [0]
        .into_iter()
        .chain(selected.filter(|&s| (s as usize) < n))
        .chain(state.live_goroutines().map(|(g, _)| g).take(max))
        .chain(0..max as u32);
    for g in candidates {
        if shown.len() == max {
            break;
        }
        if !shown.contains(&g) {
            shown.push(g);
        }
    }
    shown.sort_unstable();
    let hidden = n - shown.len();
    (shown, hidden)
}

/// Where a task went in the event that was just applied, so its chip can be drawn arriving.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Moved {
    pub tasks: Vec<u32>,
    /// A steal: (victim deque, thief deque, how many).
    pub steal: Option<(u32, u32, u32)>,
}

/// The tasks the event `e` moved, read with the state after it.
pub fn moved(e: &Event, after: &ViewState) -> Moved {
    let task_chan = |ch: u32| {
        after
            .chans
            .get(ch as usize)
            .is_some_and(|c| c.role.carries_tasks())
    };
    match e.kind() {
        Kind::Steal => {
            let thief = after
                .deques
                .get(e.c as usize)
                .map(|d| d.iter().rev().take(e.b as usize).collect())
                .unwrap_or_default();
            Moved {
                tasks: thief,
                steal: Some((e.a, e.c, e.b)),
            }
        }
        Kind::Send | Kind::Recv if task_chan(e.a) && e.b != NONE => Moved {
            tasks: vec![e.b],
            steal: None,
        },
        Kind::DequePush | Kind::DequePop => Moved {
            tasks: vec![e.b],
            steal: None,
        },
        Kind::TaskQueued | Kind::TaskStart | Kind::TaskEnd => Moved {
            tasks: vec![e.a],
            steal: None,
        },
        _ => Moved::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gobalance_core::link::parse;
    use gobalance_core::simulate;
    use gobalance_core::view::Timeline;

    fn timeline(link: &str) -> Timeline {
        let scenario = parse(link).unwrap().scenario;
        let run = simulate(&scenario).unwrap();
        Timeline::new(&scenario, run.events)
    }

    #[test]
    fn cap_keeps_the_first_items_and_counts_the_rest() {
        assert_eq!(
            cap(0..5, 3),
            Chips {
                shown: vec![0, 1, 2],
                more: 2
            }
        );
        assert_eq!(
            cap(0..2, 3),
            Chips {
                shown: vec![0, 1],
                more: 0
            }
        );
    }

    #[test]
    fn ten_thousand_buffered_tasks_draw_a_dozen_chips() {
        let tl = timeline("strategy=pool&workers=2&tasks=10000&tasks_buffer=10000");
        // Somewhere in the run the buffer is full of tasks.
        let fullest = (0..tl.len())
            .step_by(997)
            .map(|i| tl.state_at(i))
            .max_by_key(|s| s.chans.first().map_or(0, |c| c.buffer.len()))
            .unwrap();
        let layout = stage(&fullest);
        let tasks = layout
            .chans
            .iter()
            .find(|c| c.role == ChanRole::Tasks)
            .unwrap();
        assert!(tasks.len > 1000, "buffer holds {}", tasks.len);
        let Buffered::Tasks(chips) = &tasks.buffered else {
            panic!("the tasks channel holds tasks: {:?}", tasks.buffered);
        };
        assert_eq!(chips.shown.len(), CHIPS_MAX);
        assert_eq!(chips.shown.len() + chips.more, tasks.len);
        assert_eq!(tasks.free_drawn, 0, "a large buffer draws no free places");
        // Queue order: the next task out is drawn first.
        assert!(chips.shown.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn the_semaphore_draws_held_slots_out_of_its_capacity_not_tasks() {
        let tl = timeline("strategy=semaphore&workers=3&tasks=10");
        let sem_of = |i: u64| {
            stage(&tl.state_at(i))
                .chans
                .into_iter()
                .find(|c| c.role == ChanRole::Semaphore)
        };
        let full = (0..=tl.len())
            .filter_map(sem_of)
            .find(|sem| sem.len == 3)
            .expect("three workers hold every slot");
        assert_eq!(full.buffered, Buffered::Slots { drawn: 3, more: 0 });
        assert_eq!(full.free_drawn, 0);
        let first = (0..=tl.len())
            .filter_map(sem_of)
            .find(|sem| sem.len == 1)
            .expect("main takes a first slot");
        assert_eq!(first.buffered, Buffered::Slots { drawn: 1, more: 0 });
        assert_eq!(first.free_drawn, 2, "one held, two free");
        for i in 0..tl.len() {
            let e = tl.event(i).unwrap();
            let after = tl.state_at(i + 1);
            assert!(
                moved(&e, &after).tasks.iter().all(|&t| t < 10),
                "a slot moved as a task: {e:?}"
            );
        }
    }

    #[test]
    fn a_large_semaphore_draws_a_dozen_slots_and_counts_the_rest() {
        let tl = timeline("strategy=semaphore&workers=64&tasks=100");
        let fullest = (0..=tl.len())
            .map(|i| stage(&tl.state_at(i)))
            .filter_map(|l| l.chans.into_iter().find(|c| c.role == ChanRole::Semaphore))
            .max_by_key(|sem| sem.len)
            .unwrap();
        assert_eq!(fullest.len, 64);
        assert_eq!(
            fullest.buffered,
            Buffered::Slots {
                drawn: CHIPS_MAX,
                more: 64 - CHIPS_MAX
            }
        );
        assert_eq!(fullest.free_drawn, 0);
    }

    #[test]
    fn lanes_are_capped_with_main_and_the_selection_kept() {
        let tl = timeline("strategy=unbounded&tasks=300");
        let state = tl.state_at(tl.len() / 2);
        assert!(state.goroutines.len() > LANES_MAX);
        let last = state.goroutines.len() as u32 - 1;
        let (shown, hidden) = lanes(&state, Some(last), LANES_MAX);
        assert_eq!(shown.len(), LANES_MAX);
        assert_eq!(hidden, state.goroutines.len() - LANES_MAX);
        assert_eq!(shown[0], 0);
        assert!(shown.contains(&last));
        assert!(shown.windows(2).all(|w| w[0] < w[1]));

        let small = timeline("strategy=pool&workers=3&tasks=5");
        let (all, none) = lanes(&small.state_at(small.len()), None, LANES_MAX);
        assert_eq!(all.len(), 6);
        assert_eq!(none, 0);
    }

    #[test]
    fn a_steal_moves_the_stolen_tasks_into_the_thiefs_deque() {
        let tl = timeline("strategy=steal&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms");
        let at = tl
            .next_of_kind(0, Kind::Steal)
            .expect("uneven work makes someone steal");
        let e = tl.event(at - 1).unwrap();
        let after = tl.state_at(at);
        let m = moved(&e, &after);
        assert_eq!(m.steal, Some((e.a, e.c, e.b)));
        assert_eq!(m.tasks.len(), e.b as usize);
        for t in &m.tasks {
            assert!(after.deques[e.c as usize].iter().any(|held| held == *t));
        }
    }
}
