//! A vector in small pages that its copies share: a copy costs a pointer a branch, and a write copies only the page it lands in.
//!
//! A view state of a million goroutines is megabytes; a timeline keeps
//! dozens to thousands of them as snapshots. Between two snapshots only the
//! pages the events touched differ, so with the pages shared the snapshots
//! cost what changed, not what exists. How:
//!
//! 1. Entries sit in leaves of [`LEAF`] (fixed arrays, one allocation each),
//!    and leaves in branches of [`BRANCH`]; the vector is a list of
//!    branches. Each level is behind an `Arc`, so a copy shares everything.
//! 2. A write makes its branch and its leaf its own (`Arc::make_mut`): one
//!    copy of each once a snapshot shares them, a reference-count check
//!    after. Small leaves matter because a program may touch its goroutines
//!    in no order (a million sleepers waking as their timers fire): the
//!    entries a snapshot pays for beyond the written ones are a leaf's.
//! 3. The branches keep the leaves' pointers out of the list a copy
//!    duplicates: a million entries are 245 branch pointers, not 15,625
//!    leaf pointers, in every snapshot.
//!
//! Persistent vectors (`im`, `imbl`) do the same with deeper trees; two
//! levels are enough here, and a write stays two reference-count checks.

use serde::Serialize;
use std::sync::Arc;

/// Entries a leaf.
pub const LEAF: usize = 64;
/// Leaves a branch.
pub const BRANCH: usize = 64;
/// Entries a branch.
const SPAN: usize = LEAF * BRANCH;

type Leaf<T> = Arc<[T; LEAF]>;
type Branch<T> = Arc<Vec<Leaf<T>>>;

/// Bytes an `Arc` allocation holds besides its value: the two counts.
const ARC_COUNTS: usize = 2 * std::mem::size_of::<usize>();

#[derive(Clone)]
pub struct Paged<T> {
    branches: Vec<Branch<T>>,
    len: usize,
}

impl<T> Default for Paged<T> {
    fn default() -> Paged<T> {
        Paged {
            branches: Vec::new(),
            len: 0,
        }
    }
}

impl<T: Copy> Paged<T> {
    pub fn new() -> Paged<T> {
        Paged::default()
    }

    /// `len` copies of `value`, all in one shared leaf until written: a
    /// million-task table costs its branch pointers until tasks move.
    pub fn filled(len: usize, value: T) -> Paged<T> {
        let leaf: Leaf<T> = Arc::new([value; LEAF]);
        let full: Branch<T> = Arc::new(vec![leaf.clone(); BRANCH]);
        let branches = (0..len.div_ceil(SPAN))
            .map(|b| match (len - b * SPAN).div_ceil(LEAF).min(BRANCH) {
                BRANCH => full.clone(),
                leaves => Arc::new(vec![leaf.clone(); leaves]),
            })
            .collect();
        Paged { branches, len }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        if i >= self.len {
            return None;
        }
        Some(&self.branches[i / SPAN][i / LEAF % BRANCH][i % LEAF])
    }

    /// The entry to change; its leaf and branch are copied first if a
    /// snapshot (or a fill) shares them.
    pub fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        if i >= self.len {
            return None;
        }
        let branch = Arc::make_mut(&mut self.branches[i / SPAN]);
        Some(&mut Arc::make_mut(&mut branch[i / LEAF % BRANCH])[i % LEAF])
    }

    pub fn push(&mut self, value: T) {
        let i = self.len;
        if i.is_multiple_of(SPAN) {
            self.branches.push(Arc::new(Vec::with_capacity(BRANCH)));
        }
        let branch = Arc::make_mut(self.branches.last_mut().expect("a branch was pushed"));
        if i.is_multiple_of(LEAF) {
            // The slots past the length hold copies of the first entry:
            // never read, and a fixed array needs something there.
            branch.push(Arc::new([value; LEAF]));
        } else {
            Arc::make_mut(branch.last_mut().expect("a leaf was pushed"))[i % LEAF] = value;
        }
        self.len += 1;
    }

    pub fn last(&self) -> Option<&T> {
        self.get(self.len.checked_sub(1)?)
    }

    pub fn iter(&self) -> Iter<'_, T> {
        self.range(0..self.len)
    }

    /// The entries `range` of the vector, in order.
    pub fn range(&self, range: std::ops::Range<usize>) -> Iter<'_, T> {
        let end = range.end.min(self.len);
        Iter {
            paged: self,
            leaf: [].iter(),
            next: range.start.min(end),
            end,
        }
    }

    /// The first index whose entry `pred` is false for, the entries being
    /// true for it up to some index and false after (a binary search).
    pub fn partition_point(&self, mut pred: impl FnMut(&T) -> bool) -> usize {
        let (mut low, mut high) = (0, self.len);
        while low < high {
            let mid = low + (high - low) / 2;
            if pred(&self[mid]) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }

    /// Bytes of the allocations `self` holds that `older` does not share:
    /// what keeping `self` beside `older` costs. A leaf or branch shared
    /// with its neighbour (a fill not yet written) is counted once.
    pub fn bytes_beyond(&self, older: &Paged<T>) -> usize {
        let leaf_bytes = ARC_COUNTS + std::mem::size_of::<[T; LEAF]>();
        let mut bytes = self.branches.len() * std::mem::size_of::<Branch<T>>();
        let mut previous_branch: Option<&Branch<T>> = None;
        let mut previous_leaf: Option<&Leaf<T>> = None;
        for (b, branch) in self.branches.iter().enumerate() {
            let old = older.branches.get(b);
            let shared = |a: Option<&Branch<T>>| a.is_some_and(|a| Arc::ptr_eq(a, branch));
            if shared(old) || shared(previous_branch) {
                continue;
            }
            previous_branch = Some(branch);
            bytes += ARC_COUNTS
                + std::mem::size_of::<Vec<Leaf<T>>>()
                + branch.capacity() * std::mem::size_of::<Leaf<T>>();
            for (l, leaf) in branch.iter().enumerate() {
                let shared = |a: Option<&Leaf<T>>| a.is_some_and(|a| Arc::ptr_eq(a, leaf));
                if !shared(old.and_then(|old| old.get(l))) && !shared(previous_leaf) {
                    bytes += leaf_bytes;
                }
                previous_leaf = Some(leaf);
            }
        }
        bytes
    }
}

/// The entries of a [`Paged`] in order, a leaf at a time.
pub struct Iter<'a, T> {
    paged: &'a Paged<T>,
    leaf: std::slice::Iter<'a, T>,
    /// The index of the first entry after `leaf`'s.
    next: usize,
    end: usize,
}

impl<'a, T: Copy> Iterator for Iter<'a, T> {
    type Item = &'a T;

    fn next(&mut self) -> Option<&'a T> {
        if let Some(value) = self.leaf.next() {
            return Some(value);
        }
        if self.next >= self.end {
            return None;
        }
        let (i, paged) = (self.next, self.paged);
        let leaf = &paged.branches[i / SPAN][i / LEAF % BRANCH];
        let to = (i - i % LEAF + LEAF).min(self.end);
        self.leaf = leaf[i % LEAF..to - (i - i % LEAF)].iter();
        self.next = to;
        self.leaf.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.leaf.len() + (self.end - self.next);
        (left, Some(left))
    }
}

impl<T: Copy> ExactSizeIterator for Iter<'_, T> {}

impl<'a, T: Copy> IntoIterator for &'a Paged<T> {
    type Item = &'a T;
    type IntoIter = Iter<'a, T>;

    fn into_iter(self) -> Iter<'a, T> {
        self.iter()
    }
}

impl<T: Copy> std::ops::Index<usize> for Paged<T> {
    type Output = T;

    fn index(&self, i: usize) -> &T {
        match self.get(i) {
            Some(value) => value,
            None => panic!("index {i} out of a paged vector of {}", self.len),
        }
    }
}

impl<T: Copy + PartialEq> PartialEq for Paged<T> {
    fn eq(&self, other: &Paged<T>) -> bool {
        // Leaf by leaf, skipping the shared ones; only the entries below
        // the length count, not a last leaf's unused slots.
        self.len == other.len
            && (0..self.len).step_by(LEAF).all(|i| {
                let (b, l) = (i / SPAN, i / LEAF % BRANCH);
                let (mine, theirs) = (&self.branches[b][l], &other.branches[b][l]);
                let used = (self.len - i).min(LEAF);
                Arc::ptr_eq(mine, theirs) || mine[..used] == theirs[..used]
            })
    }
}

impl<T: Copy + Eq> Eq for Paged<T> {}

impl<T: Copy + std::fmt::Debug> std::fmt::Debug for Paged<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: Copy + Serialize> Serialize for Paged<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<T: Copy> FromIterator<T> for Paged<T> {
    fn from_iter<I: IntoIterator<Item = T>>(values: I) -> Paged<T> {
        let mut paged = Paged::new();
        for value in values {
            paged.push(value);
        }
        paged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POINTER: usize = std::mem::size_of::<usize>();

    #[test]
    fn a_copy_shares_every_leaf_until_one_is_written() {
        let n = 2 * SPAN + 3 * LEAF + 5;
        let mut now: Paged<u32> = (0..n as u32).collect();
        let before = now.clone();
        assert_eq!(now.bytes_beyond(&before), 3 * POINTER);
        *now.get_mut(SPAN + 7).unwrap() = 7;
        now.push(n as u32);
        assert_eq!(before[SPAN + 7], (SPAN + 7) as u32, "the copy is untouched");
        assert_eq!(now[SPAN + 7], 7);
        assert_eq!(now.len(), n + 1);
        assert_eq!(now.iter().copied().last(), Some(n as u32));
        // Branches 1 (written) and 2 (pushed into) are its own, and in
        // them one leaf each; the other leaves are still shared.
        let leaf = ARC_COUNTS + LEAF * 4;
        let branch_1 = ARC_COUNTS + 3 * POINTER + BRANCH * POINTER;
        let branch_2 = ARC_COUNTS + 3 * POINTER + 4 * POINTER;
        assert_eq!(
            now.bytes_beyond(&before),
            3 * POINTER + branch_1 + branch_2 + 2 * leaf
        );
        assert_ne!(now, before);
        assert_eq!(
            now.range(SPAN + 6..SPAN + 9).copied().collect::<Vec<_>>(),
            [(SPAN + 6) as u32, 7, (SPAN + 8) as u32]
        );
        assert!(now.get(n + 1).is_none() && now.clone().get_mut(n + 1).is_none());
        assert_eq!(now.partition_point(|&v| v < 100), 100);
    }

    #[test]
    fn iterating_a_range_crosses_leaves_and_branches_and_stops_at_the_length() {
        let n = SPAN + LEAF + 3;
        let paged: Paged<usize> = (0..n).collect();
        for (from, to) in [
            (0, n),
            (LEAF - 1, LEAF + 1),
            (SPAN - 2, SPAN + 2),
            (n - 1, n + 9),
            (5, 5),
        ] {
            let expected: Vec<usize> = (from..to.min(n)).collect();
            assert_eq!(paged.range(from..to).copied().collect::<Vec<_>>(), expected);
            assert_eq!(paged.range(from..to).len(), expected.len());
        }
        assert_eq!(paged.iter().count(), n);
    }

    #[test]
    fn a_fill_costs_one_leaf_until_written_and_equals_the_same_values_pushed() {
        let n = 3 * SPAN + 10;
        let mut filled = Paged::filled(n, 1u8);
        let pushed: Paged<u8> = std::iter::repeat_n(1, n).collect();
        assert_eq!(filled, pushed);
        assert_eq!(filled.iter().filter(|&&v| v == 1).count(), n);
        let leaf = ARC_COUNTS + LEAF;
        let full_branch = ARC_COUNTS + 3 * POINTER + BRANCH * POINTER;
        let last_branch = ARC_COUNTS + 3 * POINTER + POINTER;
        let held = filled.bytes_beyond(&Paged::new());
        assert_eq!(held, 4 * POINTER + full_branch + last_branch + leaf);
        let before = filled.clone();
        *filled.get_mut(SPAN + 1).unwrap() = 2;
        assert_eq!(
            before[SPAN + 1],
            1,
            "the shared leaf is copied, not written"
        );
        assert_eq!(filled[SPAN + 1], 2);
        assert_eq!(filled[SPAN + LEAF + 1], 1);
        assert_ne!(filled, pushed);
    }
}
