//! A table of a snapshot packed into bytes, for runs whose entries change in no order: each entry written as a repeat of one of three recent entries, in runs.
//!
//! Snapshots share the leaves of their tables that did not change
//! ([`Paged`]), which is all they need when a run changes its goroutines
//! and tasks in order. A run of a million goroutines alive together, each
//! waking at its own time, changes almost every leaf between two
//! snapshots, so each snapshot would pay for the whole table again. Its
//! entries are few in kind, though: a goroutine is blocked on its I/O
//! holding the task before its own number, or has exited; a task is done,
//! or running on the goroutine after its own number. So an entry is
//! written as words relative to its index ([`Words`]), and the words as a
//! repeat of one of the last three different entries:
//!
//! - a byte `j << 6 | (n - 1)`: the next `n` entries (1 to 64) repeat
//!   recent entry `j` (0 to 2), which becomes the most recent;
//! - a byte `3 << 6`, then the entry's words as zigzag LEB128 varints (a
//!   relative word of -1 is one byte): an entry unlike the three, which
//!   becomes the most recent.
//!
//! A snapshot of a million such goroutines and their tasks packs into
//! about a megabyte instead of twelve. Unpacking rebuilds the table for a
//! seek from that snapshot: a few milliseconds a million entries.

use crate::compact::{get_varint, put_varint, unzigzag, zigzag};
use crate::paged::Paged;

/// Words an entry is written as.
pub(super) const WORDS: usize = 4;

/// An entry of a packed table, as words that repeat from entry to entry:
/// what refers to a neighbour (the task a goroutine holds, the goroutine a
/// task runs on) is written relative to the entry's own index.
pub(super) trait Words: Copy {
    fn words(self, index: u32) -> [u32; WORDS];
    fn from_words(words: [u32; WORDS], index: u32) -> Self;
}

/// Recent entries a repeat may name.
const RECENT: usize = 3;
const LITERAL: u8 = 3 << 6;
const RUN_MAX: usize = 64;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Packed {
    bytes: Box<[u8]>,
    len: usize,
}

impl Packed {
    pub(super) fn pack<T: Words>(table: &Paged<T>) -> Packed {
        let mut bytes = Vec::new();
        let mut recent = [[0u32; WORDS]; RECENT];
        let mut run: Option<(usize, usize)> = None;
        let flush = |bytes: &mut Vec<u8>, run: (usize, usize)| {
            bytes.push((run.0 as u8) << 6 | (run.1 - 1) as u8);
        };
        for (index, entry) in table.iter().enumerate() {
            let words = entry.words(index as u32);
            match recent.iter().position(|r| *r == words) {
                // Another entry like the one before it.
                Some(0) if run.is_some_and(|(_, n)| n < RUN_MAX) => {
                    if let Some((_, n)) = &mut run {
                        *n += 1;
                    }
                }
                Some(j) => {
                    if let Some(done) = run.take() {
                        flush(&mut bytes, done);
                    }
                    recent[..=j].rotate_right(1);
                    run = Some((j, 1));
                }
                None => {
                    if let Some(done) = run.take() {
                        flush(&mut bytes, done);
                    }
                    bytes.push(LITERAL);
                    for &word in &words {
                        put_varint(&mut bytes, zigzag(word).into());
                    }
                    recent.rotate_right(1);
                    recent[0] = words;
                }
            }
        }
        if let Some(done) = run {
            flush(&mut bytes, done);
        }
        Packed {
            bytes: bytes.into_boxed_slice(),
            len: table.len(),
        }
    }

    pub(super) fn unpack<T: Words>(&self) -> Paged<T> {
        let mut table = Paged::new();
        let mut recent = [[0u32; WORDS]; RECENT];
        let mut at = 0;
        while at < self.bytes.len() {
            let token = self.bytes[at];
            at += 1;
            let (words, repeats) = if token == LITERAL {
                let mut words = [0; WORDS];
                for word in &mut words {
                    *word = unzigzag(get_varint(&self.bytes, &mut at) as u32);
                }
                recent.rotate_right(1);
                recent[0] = words;
                (words, 1)
            } else {
                let j = usize::from(token >> 6);
                recent[..=j].rotate_right(1);
                (recent[0], usize::from(token & 0x3f) + 1)
            };
            for _ in 0..repeats {
                table.push(T::from_words(words, table.len() as u32));
            }
        }
        debug_assert_eq!(table.len(), self.len);
        table
    }

    /// Entries packed.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    pub(super) fn bytes_held(&self) -> usize {
        std::mem::size_of::<Packed>() + self.bytes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    struct Entry(u32, u32);

    impl Words for Entry {
        fn words(self, index: u32) -> [u32; WORDS] {
            [self.0, self.1.wrapping_sub(index), 0, 0]
        }

        fn from_words(words: [u32; WORDS], index: u32) -> Entry {
            Entry(words[0], words[1].wrapping_add(index))
        }
    }

    proptest! {
        /// Any table, of entries few in kind or not, unpacks as it was.
        #[test]
        fn a_packed_table_unpacks_as_it_was(
            kinds in prop::collection::vec((0u32..3, 0u32..3), 1..4),
            picks in prop::collection::vec((0usize..4, any::<u32>()), 0..2000),
        ) {
            let mut table = Paged::new();
            for (i, &(pick, wild)) in picks.iter().enumerate() {
                let entry = match kinds.get(pick) {
                    Some(&(a, offset)) => Entry(a, (i as u32).wrapping_add(offset)),
                    None => Entry(wild, wild.rotate_left(7)),
                };
                table.push(entry);
            }
            let packed = Packed::pack(&table);
            prop_assert_eq!(packed.len(), table.len());
            let unpacked: Paged<Entry> = packed.unpack();
            prop_assert_eq!(unpacked, table);
        }
    }

    #[test]
    fn entries_alike_pack_into_a_byte_for_many() {
        let mut table = Paged::new();
        for i in 0..100_000u32 {
            // Two kinds in runs of three, each entry pointing at the next.
            table.push(Entry(i / 3 % 2, i + 1));
        }
        let packed = Packed::pack(&table);
        assert!(
            packed.bytes.len() <= 100_000 / 3 + 16,
            "{} bytes for 100,000 entries in runs of three",
            packed.bytes.len()
        );
        assert_eq!(packed.unpack::<Entry>(), table);
    }
}
