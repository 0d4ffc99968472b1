//! The engine's pending wake-ups, popped in (time, insertion order): a binary heap with the earliest entry held aside.

use crate::time::Nanos;
use std::collections::BinaryHeap;

#[derive(Clone, Copy, PartialEq, Eq)]
struct Pending<W> {
    at: Nanos,
    seq: u64,
    wake: W,
    lane: Lane,
}

impl<W: Eq> Pending<W> {
    /// Earlier time first; at the same time, the one inserted first.
    fn precedes(&self, other: &Self) -> bool {
        (self.at, self.seq) < (other.at, other.seq)
    }
}

impl<W: Eq> Ord for Pending<W> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // BinaryHeap is a max-heap: reverse so the earliest (then first inserted) pops first.
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

impl<W: Eq> PartialOrd for Pending<W> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Which heap a wake-up waits in. Each P has at most one pending wake-up
/// (the end of what it runs, or being told to look for work), so the P heap
/// stays as small as the number of busy Ps; timers, which can number in the
/// thousands, wait in their own heap and cost nothing to the frequent P wake-ups.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Lane {
    Processor,
    Timer,
}

/// Most wake-ups a running goroutine schedules (the end of a channel
/// operation, a context switch, an idle P told to look for work) come due
/// before anything already waiting, and are popped straight after. Holding the
/// earliest entry outside the heaps lets those skip them entirely. Whatever
/// the lane, entries pop in (time, insertion order) across both heaps, exactly
/// as from one heap.
pub(crate) struct WakeQueue<W> {
    /// When set, precedes every entry in both heaps.
    earliest: Option<Pending<W>>,
    processors: BinaryHeap<Pending<W>>,
    timers: BinaryHeap<Pending<W>>,
    seq: u64,
}

impl<W: Copy + Eq> WakeQueue<W> {
    pub(crate) fn new() -> Self {
        WakeQueue {
            earliest: None,
            processors: BinaryHeap::new(),
            timers: BinaryHeap::new(),
            seq: 0,
        }
    }

    fn heap(&mut self, lane: Lane) -> &mut BinaryHeap<Pending<W>> {
        match lane {
            Lane::Processor => &mut self.processors,
            Lane::Timer => &mut self.timers,
        }
    }

    /// The earlier of the two heaps' tops, and its lane.
    fn first_waiting(&self) -> Option<(&Pending<W>, Lane)> {
        match (self.processors.peek(), self.timers.peek()) {
            (Some(p), Some(t)) if t.precedes(p) => Some((t, Lane::Timer)),
            (Some(p), _) => Some((p, Lane::Processor)),
            (None, Some(t)) => Some((t, Lane::Timer)),
            (None, None) => None,
        }
    }

    pub(crate) fn push(&mut self, at: Nanos, wake: W, lane: Lane) {
        self.seq += 1;
        let entry = Pending {
            at,
            seq: self.seq,
            wake,
            lane,
        };
        match self.earliest {
            Some(held) if entry.precedes(&held) => {
                self.heap(held.lane).push(held);
                self.earliest = Some(entry);
            }
            Some(_) => self.heap(lane).push(entry),
            None => match self.first_waiting() {
                Some((top, _)) if top.precedes(&entry) => self.heap(lane).push(entry),
                _ => self.earliest = Some(entry),
            },
        }
    }

    pub(crate) fn pop(&mut self) -> Option<(Nanos, W)> {
        let next = match self.earliest.take() {
            Some(held) => held,
            None => {
                let (_, lane) = self.first_waiting()?;
                self.heap(lane).pop()?
            }
        };
        Some((next.at, next.wake))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Interleaved pushes and pops come out exactly as from a plain sorted
        /// list of (time, insertion order), whatever the held-aside entry does.
        #[test]
        fn pops_in_time_then_insertion_order(ops in prop::collection::vec((0u64..6, any::<bool>(), any::<bool>()), 1..200)) {
            let mut queue = WakeQueue::new();
            let mut model: Vec<(u64, u32)> = Vec::new();
            let mut now = 0;
            for (i, (delay, pop, timer)) in ops.into_iter().enumerate() {
                if pop {
                    let got = queue.pop();
                    let want = (!model.is_empty()).then(|| model.remove(0));
                    prop_assert_eq!(got.map(|(t, w)| (t.0, w)), want);
                    if let Some((t, _)) = want {
                        now = t;
                    }
                } else {
                    let at = now + delay;
                    let lane = if timer { Lane::Timer } else { Lane::Processor };
                    queue.push(Nanos(at), i as u32, lane);
                    // Stable insertion keeps equal times in insertion order.
                    let pos = model.partition_point(|&(t, _)| t <= at);
                    model.insert(pos, (at, i as u32));
                }
            }
        }
    }
}
