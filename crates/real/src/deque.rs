//! The work-stealing programs' per-worker deques, on crossbeam-deque: the owner pops its own end, a thief steals one or half from the other.

use crate::executor::note;
use crossbeam_deque::{Steal, Stealer, Worker};
use gobalance_core::scenario::StealAmount;
use gobalance_core::Kind;

/// A worker's own deque. Tasks are dealt in reverse so that the owner,
/// popping its end, takes them oldest first, and a thief takes the newest,
/// as the Go program's owner takes the front and its thieves the back.
pub struct OwnDeque {
    pub id: u32,
    worker: Worker<u32>,
}

/// Another worker's deque, seen by a thief.
#[derive(Clone)]
pub struct Victim {
    pub id: u32,
    stealer: Stealer<u32>,
}

/// One deque per worker, every task dealt round-robin.
pub fn deal_round_robin(tasks: u32, workers: u32) -> (Vec<OwnDeque>, Vec<Victim>) {
    let own: Vec<OwnDeque> = (0..workers)
        .map(|id| OwnDeque {
            id,
            worker: Worker::new_lifo(),
        })
        .collect();
    for t in (0..tasks).rev() {
        own[(t % workers) as usize].worker.push(t);
    }
    let victims = own
        .iter()
        .map(|d| Victim {
            id: d.id,
            stealer: d.worker.stealer(),
        })
        .collect();
    (own, victims)
}

impl OwnDeque {
    pub fn pop(&self) -> Option<u32> {
        self.worker.pop()
    }

    /// Steals from `victim` into this deque: one task, or half its tasks
    /// (rounded up) taken one by one; returns how many moved.
    pub fn steal_from(&self, victim: &Victim, amount: StealAmount) -> u32 {
        let wanted = match amount {
            StealAmount::One => 1,
            StealAmount::Half => victim.stealer.len().div_ceil(2).max(1),
        };
        let mut moved = 0;
        while moved < wanted {
            match victim.stealer.steal() {
                Steal::Success(t) => {
                    self.worker.push(t);
                    moved += 1;
                }
                Steal::Retry => continue,
                Steal::Empty => break,
            }
        }
        if moved > 0 {
            note(Kind::Steal, victim.id, moved as u32, self.id);
        }
        moved as u32
    }
}
