//! A queue of task numbers whose copies share their entries: a snapshot of a deque of a million tasks costs its list of chunks, not a million entries.
//!
//! The work-stealing strategies deal every task into the workers' deques
//! before the first one runs, and a buffered channel may hold thousands. A
//! `VecDeque` snapshot copies all of them, dozens of times over a run. Here
//! the entries sit in chunks of at most [`CHUNK`] behind an `Arc`, and the
//! queue is a list of windows on them:
//!
//! 1. A push goes at the end of the last chunk when this queue alone holds
//!    it and nothing was taken from its end; otherwise it starts a chunk.
//! 2. Taking from either end narrows a window; nothing is written in a
//!    chunk a copy may share.
//! 3. Two queues are equal when they hold the same tasks in the same order,
//!    however their chunks fall.

use serde::{Serialize, Serializer};
use std::collections::VecDeque;
use std::sync::Arc;

/// Entries a chunk holds at most.
pub const CHUNK: usize = 256;

/// A window `start..end` on a chunk of entries.
#[derive(Clone)]
struct Window {
    entries: Arc<Vec<u32>>,
    start: u32,
    end: u32,
}

impl Window {
    fn entries(&self) -> &[u32] {
        &self.entries[self.start as usize..self.end as usize]
    }

    fn len(&self) -> usize {
        (self.end - self.start) as usize
    }
}

#[derive(Clone, Default)]
pub struct SharedQueue {
    windows: VecDeque<Window>,
    len: usize,
}

impl SharedQueue {
    pub fn new() -> SharedQueue {
        SharedQueue::default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The entries front to back.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = u32> + '_ {
        self.windows
            .iter()
            .flat_map(|window| window.entries().iter().copied())
    }

    pub fn push_back(&mut self, value: u32) {
        if let Some(last) = self.windows.back_mut() {
            let end = last.end as usize;
            if let Some(entries) = Arc::get_mut(&mut last.entries) {
                if end < CHUNK {
                    // Entries taken from the end are gone from every copy's
                    // view too: this queue is the chunk's only holder.
                    entries.truncate(end);
                    entries.push(value);
                    last.end += 1;
                    self.len += 1;
                    return;
                }
            }
        }
        self.windows.push_back(Window {
            entries: Arc::new(vec![value]),
            start: 0,
            end: 1,
        });
        self.len += 1;
    }

    pub fn extend(&mut self, values: impl IntoIterator<Item = u32>) {
        values.into_iter().for_each(|value| self.push_back(value));
    }

    pub fn pop_front(&mut self) -> Option<u32> {
        let first = self.windows.front_mut()?;
        let value = first.entries[first.start as usize];
        first.start += 1;
        if first.start == first.end {
            self.windows.pop_front();
        }
        self.len -= 1;
        Some(value)
    }

    /// Takes the last `count` entries (or all there are), in queue order.
    pub fn take_back(&mut self, count: usize) -> Vec<u32> {
        let count = count.min(self.len);
        let mut taken = Vec::with_capacity(count);
        while taken.len() < count {
            let last = self
                .windows
                .back_mut()
                .expect("len counts the windows' entries");
            let here = (count - taken.len()).min(last.len());
            let from = last.end as usize - here;
            // Taken back to front, a window at a time; reversed at the end.
            taken.extend(last.entries[from..last.end as usize].iter().rev());
            last.end -= here as u32;
            if last.start == last.end {
                self.windows.pop_back();
            }
        }
        self.len -= count;
        taken.reverse();
        taken
    }

    /// Bytes this queue holds that no copy of it shares: its list of
    /// windows, and the chunks only it holds.
    pub fn bytes_unshared(&self) -> usize {
        self.windows.len() * std::mem::size_of::<Window>()
            + self
                .windows
                .iter()
                .filter(|window| Arc::strong_count(&window.entries) == 1)
                .map(|window| window.entries.capacity() * 4)
                .sum::<usize>()
    }
}

impl PartialEq for SharedQueue {
    fn eq(&self, other: &SharedQueue) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl Eq for SharedQueue {}

impl std::fmt::Debug for SharedQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for SharedQueue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl FromIterator<u32> for SharedQueue {
    fn from_iter<I: IntoIterator<Item = u32>>(values: I) -> SharedQueue {
        let mut queue = SharedQueue::new();
        queue.extend(values);
        queue
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever is pushed, popped and taken, from a queue and from its
        /// copies, each holds what a `VecDeque` given the same would.
        #[test]
        fn a_shared_queue_and_its_copies_hold_what_a_vecdeque_would(
            ops in prop::collection::vec((0u8..5, 0u32..700), 1..400)
        ) {
            let mut queue = SharedQueue::new();
            let mut model = VecDeque::new();
            let mut copies: Vec<(SharedQueue, VecDeque<u32>)> = Vec::new();
            for (op, n) in ops {
                match op {
                    0 | 1 => {
                        queue.extend(n..n + n % 300);
                        model.extend(n..n + n % 300);
                    }
                    2 => prop_assert_eq!(queue.pop_front(), model.pop_front()),
                    3 => {
                        let count = n as usize % 200;
                        let from = model.len() - count.min(model.len());
                        let expected: Vec<u32> = model.drain(from..).collect();
                        prop_assert_eq!(queue.take_back(count), expected);
                    }
                    _ => copies.push((queue.clone(), model.clone())),
                }
                prop_assert_eq!(queue.len(), model.len());
                prop_assert!(queue.iter().eq(model.iter().copied()));
                prop_assert!(queue.iter().rev().eq(model.iter().rev().copied()));
            }
            for (copy, model) in &copies {
                prop_assert!(copy.iter().eq(model.iter().copied()), "a copy kept what it held");
            }
        }
    }

    #[test]
    fn a_copy_shares_the_chunks_until_they_change() {
        let queue: SharedQueue = (0..10_000).collect();
        let copy = queue.clone();
        assert!(
            copy.bytes_unshared() < 10_000,
            "{} bytes",
            copy.bytes_unshared()
        );
        assert_eq!(copy, queue);
        let mut changed = copy.clone();
        changed.pop_front();
        assert_ne!(changed, queue);
    }
}
