//! The engine's pending wake-ups, popped in (time, insertion order): two small heaps with the earliest entry held aside.

use crate::time::Nanos;

/// Which heap a wake-up waits in. Each P has at most one pending wake-up
/// (the end of what it runs, or being told to look for work), so the P heap
/// stays as small as the number of busy Ps; timers, which can number in the
/// thousands, wait in their own heap and cost nothing to the frequent P wake-ups.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Lane {
    Processor,
    Timer,
}

/// A place in the insertion order, taken before the wake-up is pushed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Ticket(u64);

/// What a queue of wake-ups needs to know about one.
pub(crate) trait WakeUp: Copy {
    fn lane(&self) -> Lane;
}

#[derive(Clone, Copy)]
struct Pending<W> {
    at: Nanos,
    seq: u64,
    wake: W,
}

impl<W> Pending<W> {
    /// Earlier time first; at the same time, the one inserted first.
    fn precedes(&self, other: &Self) -> bool {
        (self.at, self.seq) < (other.at, other.seq)
    }
}

/// A binary min-heap. The standard library's pops by sinking the hole to the
/// bottom and sifting back up, which saves comparisons when they are dear;
/// here they are two integer compares and the heaps are a few entries deep,
/// so a plain sift that stops early is cheaper.
struct MinHeap<W>(Vec<Pending<W>>);

impl<W: Copy> MinHeap<W> {
    fn peek(&self) -> Option<&Pending<W>> {
        self.0.first()
    }

    fn push(&mut self, entry: Pending<W>) {
        let heap = &mut self.0;
        let mut i = heap.len();
        heap.push(entry);
        while i > 0 {
            let parent = (i - 1) / 2;
            if !entry.precedes(&heap[parent]) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = entry;
    }

    fn pop(&mut self) -> Option<Pending<W>> {
        let heap = &mut self.0;
        let last = heap.pop()?;
        let Some(&top) = heap.first() else {
            return Some(last);
        };
        let len = heap.len();
        let mut i = 0;
        loop {
            let left = 2 * i + 1;
            if left >= len {
                break;
            }
            let right = left + 1;
            let child = if right < len && heap[right].precedes(&heap[left]) {
                right
            } else {
                left
            };
            if !heap[child].precedes(&last) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = last;
        Some(top)
    }
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
    processors: MinHeap<W>,
    timers: MinHeap<W>,
    seq: u64,
}

impl<W: WakeUp> WakeQueue<W> {
    pub(crate) fn new() -> Self {
        WakeQueue {
            earliest: None,
            processors: MinHeap(Vec::new()),
            timers: MinHeap(Vec::new()),
            seq: 0,
        }
    }

    fn heap(&mut self, lane: Lane) -> &mut MinHeap<W> {
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

    pub(crate) fn push(&mut self, at: Nanos, wake: W) {
        let ticket = self.ticket();
        self.push_ticketed(at, wake, ticket);
    }

    /// Takes the place in the insertion order of a wake-up that may be
    /// pushed later: it then goes before anything pushed after this call.
    pub(crate) fn ticket(&mut self) -> Ticket {
        self.seq += 1;
        Ticket(self.seq)
    }

    pub(crate) fn push_ticketed(&mut self, at: Nanos, wake: W, Ticket(seq): Ticket) {
        let entry = Pending { at, seq, wake };
        match self.earliest {
            Some(held) if entry.precedes(&held) => {
                self.heap(held.wake.lane()).push(held);
                self.earliest = Some(entry);
            }
            Some(_) => self.heap(wake.lane()).push(entry),
            None => match self.first_waiting() {
                Some((top, _)) if top.precedes(&entry) => self.heap(wake.lane()).push(entry),
                _ => self.earliest = Some(entry),
            },
        }
    }

    fn first(&self) -> Option<&Pending<W>> {
        match &self.earliest {
            Some(held) => Some(held),
            None => self.first_waiting().map(|(top, _)| top),
        }
    }

    /// When the first wake-up waiting in `lane` is due, if any waits there.
    pub(crate) fn first_at(&self, lane: Lane) -> Option<Nanos> {
        let held = self
            .earliest
            .as_ref()
            .filter(|held| held.wake.lane() == lane)
            .map(|held| held.at);
        let heap = match lane {
            Lane::Processor => &self.processors,
            Lane::Timer => &self.timers,
        };
        match (held, heap.peek().map(|top| top.at)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Whether a wake-up for `at` holding `ticket` would be the next one popped.
    pub(crate) fn is_next(&self, at: Nanos, Ticket(seq): Ticket) -> bool {
        self.first()
            .is_none_or(|first| (at, seq) < (first.at, first.seq))
    }

    /// Pops the next wake-up only if `wanted` says so.
    pub(crate) fn pop_if(&mut self, wanted: impl Fn(Nanos, &W) -> bool) -> Option<W> {
        let next = self.first()?;
        if !wanted(next.at, &next.wake) {
            return None;
        }
        self.pop().map(|(_, wake)| wake)
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

    /// A test wake-up: its number, and whether it is a timer.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    struct Numbered(u32, bool);

    impl WakeUp for Numbered {
        fn lane(&self) -> Lane {
            if self.1 {
                Lane::Timer
            } else {
                Lane::Processor
            }
        }
    }

    proptest! {
        /// Interleaved pushes and pops come out exactly as from a plain sorted
        /// list of (time, insertion order), whatever the lanes and the held-aside entry do.
        #[test]
        fn pops_in_time_then_insertion_order(ops in prop::collection::vec((0u64..6, any::<bool>(), any::<bool>()), 1..300)) {
            let mut queue = WakeQueue::new();
            let mut model: Vec<(u64, Numbered)> = Vec::new();
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
                    let wake = Numbered(i as u32, timer);
                    queue.push(Nanos(at), wake);
                    // Stable insertion keeps equal times in insertion order.
                    let pos = model.partition_point(|&(t, _)| t <= at);
                    model.insert(pos, (at, wake));
                }
            }
        }
    }
}
