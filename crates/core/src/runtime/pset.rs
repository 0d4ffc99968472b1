//! A set of Ps (those holding a `runnext`, those with timers), so a thief skips the Ps with nothing for it.

use crate::scenario::limits;

/// A set of Ps, one bit each.
#[derive(Clone, Copy, Default)]
pub(super) struct PSet([u64; (limits::CORES_MAX as usize).div_ceil(64)]);

impl PSet {
    pub(super) fn insert(&mut self, p: u32) {
        self.0[p as usize / 64] |= 1 << (p % 64);
    }

    pub(super) fn remove(&mut self, p: u32) {
        self.0[p as usize / 64] &= !(1 << (p % 64));
    }

    /// Adds every member of `other`.
    pub(super) fn union(&mut self, other: PSet) {
        for (word, more) in self.0.iter_mut().zip(other.0) {
            *word |= more;
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.0.iter().all(|&word| word == 0)
    }

    pub(super) fn len(&self) -> usize {
        self.0.iter().map(|word| word.count_ones() as usize).sum()
    }

    pub(super) fn contains(&self, p: u32) -> bool {
        self.0[p as usize / 64] & (1 << (p % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_of_ps_holds_what_was_put_in_and_not_what_was_taken_out() {
        for cores in [1, 2, 8, 63, 64, 65, 200, 256] {
            let members: Vec<u32> = (0..cores).filter(|p| p % 3 == 1 || p % 64 == 63).collect();
            let mut set = PSet::default();
            members.iter().for_each(|&p| set.insert(p));
            set.insert(0);
            set.remove(0);
            assert_eq!(set.len(), members.len());
            for p in 0..cores {
                assert_eq!(set.contains(p), members.contains(&p), "cores {cores}, P{p}");
            }
            let mut both = PSet::default();
            both.insert(0);
            both.union(set);
            assert_eq!(both.len(), members.len() + 1);
        }
        assert!(PSet::default().is_empty());
    }
}
