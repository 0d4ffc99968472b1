//! The set of Ps holding a `runnext`, walked in the order a thief visits them.

use crate::scenario::limits;

/// A set of Ps, walked in the order a thief visits them.
#[derive(Clone, Copy, Default)]
pub(super) struct PSet([u64; (limits::CORES_MAX as usize).div_ceil(64)]);

impl PSet {
    pub(super) fn insert(&mut self, p: u32) {
        self.0[p as usize / 64] |= 1 << (p % 64);
    }

    pub(super) fn remove(&mut self, p: u32) {
        self.0[p as usize / 64] &= !(1 << (p % 64));
    }

    pub(super) fn is_empty(&self) -> bool {
        self.0.iter().all(|&word| word == 0)
    }

    pub(super) fn len(&self) -> usize {
        self.0.iter().map(|word| word.count_ones() as usize).sum()
    }

    /// The first member at or after `from`, below `end`.
    pub(super) fn next_from(&self, from: u32, end: u32) -> Option<u32> {
        let mut word_index = from as usize / 64;
        // The bits of the first word below `from` are masked off.
        let mut word = self.0.get(word_index)? & (!0u64 << (from % 64));
        loop {
            if word != 0 {
                let p = (word_index * 64) as u32 + word.trailing_zeros();
                return (p < end).then_some(p);
            }
            word_index += 1;
            word = *self.0.get(word_index)?;
        }
    }

    /// The members in the order start, start + 1, ..., cores - 1, 0, ..., start - 1.
    pub(super) fn round_from(self, start: u32, cores: u32) -> impl Iterator<Item = u32> {
        let mut at = Some((start, cores));
        std::iter::from_fn(move || loop {
            let (from, end) = at?;
            match self.next_from(from, end) {
                Some(p) => {
                    at = Some((p + 1, end));
                    return Some(p);
                }
                // Past the end of [start, cores): go round to [0, start).
                None if end == cores && start > 0 => at = Some((0, start)),
                None => at = None,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A thief visits the Ps holding a `runnext` in the same order as it
    /// would walk every P from its random start.
    #[test]
    fn a_set_of_ps_is_walked_round_from_any_start() {
        for cores in [1, 2, 8, 63, 64, 65, 200, 256] {
            let members: Vec<u32> = (0..cores).filter(|p| p % 3 == 1 || p % 64 == 63).collect();
            let mut set = PSet::default();
            members.iter().for_each(|&p| set.insert(p));
            set.insert(0);
            set.remove(0);
            assert_eq!(set.len(), members.len());
            for start in 0..cores {
                let walked: Vec<u32> = set.round_from(start, cores).collect();
                let expected: Vec<u32> = (start..cores)
                    .chain(0..start)
                    .filter(|p| members.contains(p))
                    .collect();
                assert_eq!(walked, expected, "cores {cores}, start {start}");
            }
        }
        assert!(PSet::default().is_empty());
    }
}
