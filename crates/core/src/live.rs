//! State kept per goroutine only while it lives: an exited goroutine's slot is reused, as Go's runtime reuses exited `g`s from its free list.
//!
//! A run of five million short goroutines has a few thousand alive at once,
//! yet the engine and the metrics fold kept every goroutine's state by its
//! id: hundreds of megabytes for goroutines long gone, the largest part of
//! such a run's peak in the page. Ids still count up, since they name
//! goroutines in the trace; once a goroutine has exited, all it costs is the
//! four bytes of its entry in `slot_of`.

use std::ops::{Index, IndexMut};

/// `slot_of`'s mark for an id that has no state (exited, or never given).
const FREE: u32 = u32::MAX;

#[derive(Clone, Debug)]
pub struct LiveTable<T> {
    /// The slot of each id given so far, or [`FREE`].
    slot_of: Vec<u32>,
    values: Vec<T>,
    /// Slots whose goroutine has exited, reused before `values` grows.
    free: Vec<u32>,
}

impl<T> Default for LiveTable<T> {
    fn default() -> LiveTable<T> {
        LiveTable {
            slot_of: Vec::new(),
            values: Vec::new(),
            free: Vec::new(),
        }
    }
}

impl<T> LiveTable<T> {
    /// One more than the highest id given (0 when none has been).
    pub fn ids_given(&self) -> u32 {
        self.slot_of.len() as u32
    }

    /// Gives `id` the state `value`; ids skipped on the way have none.
    pub fn insert(&mut self, id: u32, value: T) {
        let id = id as usize;
        if id >= self.slot_of.len() {
            self.slot_of.resize(id + 1, FREE);
        }
        if self.slot_of[id] != FREE {
            self.values[self.slot_of[id] as usize] = value;
            return;
        }
        let slot = match self.free.pop() {
            Some(slot) => {
                self.values[slot as usize] = value;
                slot
            }
            None => {
                self.values.push(value);
                self.values.len() as u32 - 1
            }
        };
        self.slot_of[id] = slot;
    }

    /// Forgets `id`'s state; its slot goes to the next goroutine started.
    pub fn remove(&mut self, id: u32) {
        if let Some(slot) = self.slot_of.get_mut(id as usize) {
            if *slot != FREE {
                self.free.push(std::mem::replace(slot, FREE));
            }
        }
    }

    pub fn get(&self, id: u32) -> Option<&T> {
        match *self.slot_of.get(id as usize)? {
            FREE => None,
            slot => self.values.get(slot as usize),
        }
    }

    pub fn get_mut(&mut self, id: u32) -> Option<&mut T> {
        match *self.slot_of.get(id as usize)? {
            FREE => None,
            slot => self.values.get_mut(slot as usize),
        }
    }

    /// The ids with state, lowest first.
    pub fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.ids_given()).filter(|&id| self.slot_of[id as usize] != FREE)
    }
}

/// The state of a live goroutine; asking for one that has none is a bug of
/// the caller, which must use [`LiveTable::get`] where it may be gone.
impl<T> Index<u32> for LiveTable<T> {
    type Output = T;

    fn index(&self, id: u32) -> &T {
        self.get(id)
            .unwrap_or_else(|| panic!("goroutine {id} has no state: it exited or never started"))
    }
}

impl<T> IndexMut<u32> for LiveTable<T> {
    fn index_mut(&mut self, id: u32) -> &mut T {
        self.get_mut(id)
            .unwrap_or_else(|| panic!("goroutine {id} has no state: it exited or never started"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exited_goroutines_slot_is_reused_and_its_id_answers_nothing() {
        let mut table = LiveTable::default();
        table.insert(0, "main");
        table.insert(1, "first");
        table.remove(1);
        table.insert(2, "second");
        assert_eq!(table.get(1), None);
        assert_eq!(table[2], "second");
        assert_eq!(table.values.len(), 2, "the second took the first's slot");
        assert_eq!(table.ids().collect::<Vec<_>>(), [0, 2]);
        assert_eq!(table.ids_given(), 3);
    }

    #[test]
    fn ids_skipped_have_no_state_and_removing_twice_frees_once() {
        let mut table = LiveTable::default();
        table.insert(3, 30);
        assert_eq!(table.get(0), None);
        assert_eq!(table.get(7), None);
        table.remove(3);
        table.remove(3);
        table.insert(4, 40);
        table.insert(5, 50);
        assert_eq!((table[4], table[5]), (40, 50));
        assert_eq!(table.values.len(), 2);
    }
}
