//! Sync objects: `sync.WaitGroup`, `sync.Mutex`, the token bucket of `golang.org/x/time/rate`, and the mutex-guarded deques the work-stealing program gives each worker.

use super::poll::Next;
use super::scheduler::ReadyTo;
use super::{Engine, Guard, Sink};
use crate::scenario::StealAmount;
use crate::time::Nanos;
use crate::trace::{Kind, NONE};
use crate::vocabulary::BlockOn;
use std::collections::VecDeque;

pub(super) struct WaitGroup {
    count: i64,
    waiters: Vec<u32>,
}

pub(super) struct Mutex {
    locked: bool,
    waiters: VecDeque<u32>,
}

/// `golang.org/x/time/rate` semantics: tokens are counted in billionths so a
/// refill of `rate` tokens per second is `rate` units per nanosecond; a wait
/// reserves a token, letting the balance go negative, so waiters are served
/// in the order they asked.
pub(super) struct TokenBucket {
    rate_per_s: i128,
    capacity: i128,
    balance: i128,
    last: Nanos,
}

/// One token, in the bucket's billionths.
const TOKEN: i128 = 1_000_000_000;

impl<S: Sink> Engine<'_, S> {
    pub(super) fn new_wait_group(&mut self, g: u32) -> Next {
        let id = self.wait_groups.len() as u32;
        self.wait_groups.push(WaitGroup {
            count: 0,
            waiters: Vec::new(),
        });
        self.reply(g, id, true, 0);
        Next::Busy(self.costs.sync_op)
    }

    /// `wg.Add(delta)` (and `wg.Done()`, which adds -1): at zero, every waiter runs on.
    pub(super) fn wait_group_add(&mut self, g: u32, p: u32, wg: u32, delta: i32) -> Next {
        let group = &mut self.wait_groups[wg as usize];
        group.count += i64::from(delta);
        if group.count < 0 {
            self.fail(g, "sync: negative WaitGroup counter");
            return Next::Parked;
        }
        if group.count == 0 {
            for w in std::mem::take(&mut group.waiters) {
                self.ready(w, g, ReadyTo::RunnextOf(p));
            }
        }
        Next::Busy(self.costs.sync_op)
    }

    pub(super) fn wait_group_wait(&mut self, g: u32, wg: u32) -> Next {
        let group = &mut self.wait_groups[wg as usize];
        if group.count == 0 {
            Next::Busy(self.costs.sync_op)
        } else {
            group.waiters.push(g);
            self.park(g, BlockOn::WaitGroup, wg, NONE)
        }
    }

    pub(super) fn new_mutex(&mut self, g: u32) -> Next {
        let id = self.mutexes.len() as u32;
        self.mutexes.push(Mutex {
            locked: false,
            waiters: VecDeque::new(),
        });
        self.reply(g, id, true, 0);
        Next::Busy(self.costs.sync_op)
    }

    pub(super) fn lock(&mut self, g: u32, mu: u32) -> Next {
        let m = &mut self.mutexes[mu as usize];
        if m.locked {
            m.waiters.push_back(g);
            self.park(g, BlockOn::Mutex, mu, NONE)
        } else {
            m.locked = true;
            Next::Busy(self.costs.sync_op)
        }
    }

    pub(super) fn unlock(&mut self, g: u32, p: u32, mu: u32) -> Next {
        let m = &mut self.mutexes[mu as usize];
        match m.waiters.pop_front() {
            // Hand-off: the lock stays held, now by the first waiter.
            Some(w) => self.ready(w, g, ReadyTo::RunnextOf(p)),
            None if m.locked => m.locked = false,
            None => {
                self.fail(g, "sync: unlock of unlocked mutex");
                return Next::Parked;
            }
        }
        Next::Busy(self.costs.sync_op)
    }

    /// `rate.NewLimiter(rate, burst)`: starts full.
    pub(super) fn new_limiter(&mut self, g: u32, rate_per_s: u32, burst: u32) -> Next {
        let id = self.buckets.len() as u32;
        let capacity = i128::from(burst) * TOKEN;
        self.buckets.push(TokenBucket {
            rate_per_s: rate_per_s.max(1).into(),
            capacity,
            balance: capacity,
            last: self.now,
        });
        self.reply(g, id, true, 0);
        Next::Busy(self.costs.sync_op)
    }

    /// `limiter.Wait(ctx)`: reserves the next token and parks until it is due.
    pub(super) fn limiter_wait(&mut self, g: u32, p: u32, lim: u32, line: u16) -> Next {
        let now = self.now;
        let b = &mut self.buckets[lim as usize];
        let refill = i128::from((now - b.last).0) * b.rate_per_s;
        b.balance = (b.balance + refill).min(b.capacity);
        b.last = now;
        b.balance -= TOKEN;
        let wait = if b.balance >= 0 {
            Nanos::ZERO
        } else {
            Nanos(((-b.balance + b.rate_per_s - 1) / b.rate_per_s) as u64)
        };
        self.emit(
            Kind::Token,
            g,
            line,
            lim,
            wait.0.min(u64::from(u32::MAX - 1)) as u32,
            NONE,
        );
        if wait == Nanos::ZERO {
            Next::Busy(self.costs.sync_op)
        } else {
            self.park_for(g, p, BlockOn::Limiter, wait)
        }
    }

    pub(super) fn new_deque(&mut self, g: u32, guard: Guard) -> Next {
        let id = self.deques.len() as u32;
        self.deques.push(VecDeque::new());
        self.deque_guards.push(guard);
        self.reply(g, id, true, 0);
        Next::Busy(self.costs.sync_op)
    }

    /// What touching deque `dq` costs: a lock, or nothing for a plain slice.
    fn deque_cost(&self, dq: u32) -> Nanos {
        match self.deque_guards[dq as usize] {
            Guard::Mutex => self.costs.sync_op,
            Guard::None => Nanos::ZERO,
        }
    }

    pub(super) fn deque_push(&mut self, g: u32, dq: u32, task: u32, line: u16) -> Next {
        self.deques[dq as usize].push_back(task);
        self.emit(Kind::DequePush, g, line, dq, task, NONE);
        Next::Busy(self.deque_cost(dq))
    }

    /// The owner takes the next task from its own end.
    pub(super) fn deque_pop(&mut self, g: u32, dq: u32, line: u16) -> Next {
        match self.deques[dq as usize].pop_front() {
            Some(task) => {
                self.emit(Kind::DequePop, g, line, dq, task, NONE);
                self.reply(g, task, true, 0);
            }
            None => self.reply(g, 0, false, 0),
        }
        Next::Busy(self.deque_cost(dq))
    }

    /// Moves tasks from the far end of `victim` to `thief`; replies how many.
    pub(super) fn deque_steal(
        &mut self,
        g: u32,
        victim: u32,
        thief: u32,
        amount: StealAmount,
        line: u16,
    ) -> Next {
        let from = &mut self.deques[victim as usize];
        let take = match amount {
            StealAmount::One => from.len().min(1),
            StealAmount::Half => from.len() - from.len() / 2,
        };
        // The thief takes from the far end, away from the owner.
        let stolen: Vec<u32> = from.drain(from.len() - take..).collect();
        if take > 0 {
            self.emit(Kind::Steal, g, line, victim, take as u32, thief);
        }
        self.deques[thief as usize].extend(stolen);
        self.reply(g, take as u32, take > 0, 0);
        // Two locks: the victim's and the thief's.
        Next::Busy(Nanos(self.costs.sync_op.0 * 2))
    }
}
