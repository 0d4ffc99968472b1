//! Go's scheduler: Ps with a `runnext` slot and a local run queue, the global queue, readying goroutines, waking idle Ps, finding work and stealing it.
//!
//! Owns the Ps, the queues and the spinning count; it starts a goroutine on
//! a P (a `Run` event) and records the runtime's steals, and leaves polling
//! the goroutine to `poll.rs`.

use super::{Engine, GState, GoFuture, Goroutine, Sink, Wake};
use crate::scenario::limits;
use crate::time::Nanos;
use crate::trace::{Kind, NONE};
use crate::vocabulary::Role;
use crate::wakes::Ticket;
use std::collections::VecDeque;

/// Go's local run queue holds 256 goroutines; past that half spills to the global queue.
const RUNQ_CAPACITY: usize = 256;
/// How long a spinning P backs off before taking a running P's `runnext`:
/// Go's runqgrab sleeps 3 µs, "~50x" a channel hand-off, so the P that readied
/// the goroutine usually runs it itself and goroutines do not bounce between Ps.
const RUNNEXT_STEAL_BACKOFF: Nanos = Nanos(3_000);
/// Every 61st schedule a P checks the global queue first, so it cannot starve.
const GLOBAL_QUEUE_FAIRNESS_TICK: u32 = 61;

pub(super) struct Processor {
    pub current: u32,
    runnext: u32,
    runq: VecDeque<u32>,
    /// Schedules left until the one that checks the global queue first
    /// (Go's `schedtick % 61 == 0`, counted down).
    until_global_first: u32,
}

impl Processor {
    pub fn new() -> Processor {
        Processor {
            current: NONE,
            runnext: NONE,
            runq: VecDeque::new(),
            until_global_first: GLOBAL_QUEUE_FAIRNESS_TICK,
        }
    }
}

/// Where a goroutine made runnable waits for a P.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum ReadyTo {
    /// The `runnext` slot of the P whose goroutine readied it (Go's
    /// `ready(gp, next=true)`); the goroutine it displaces goes to the
    /// back of that P's local queue.
    RunnextOf(u32),
    /// The back of the global queue, where a timer's wake-up puts it.
    GlobalQueue,
}

/// Whether a spinning P that finds nothing but a running P's `runnext`
/// takes it now or backs off first.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Runnext {
    /// Back off for [`RUNNEXT_STEAL_BACKOFF`], then look again.
    BackOff,
    /// The back-off is over: take it.
    Take,
}

/// What a P looking for work found.
enum Found {
    Goroutine(u32),
    /// Nothing but a running P's `runnext`, not to be taken yet.
    OnlyRunnext,
    Nothing,
}

impl<S: Sink> Engine<'_, S> {
    pub(super) fn new_goroutine(
        &mut self,
        future: GoFuture,
        parent: u32,
        role: Role,
        index: u32,
    ) -> u32 {
        let g = self.gs.len() as u32;
        // Until it runs, a new goroutine's cursor rests on the `go` statement that made it.
        let line = self.gs.get(parent as usize).map_or(0, |x| x.line);
        self.gs.push(Goroutine {
            state: GState::Runnable,
            cpu_left: Nanos::ZERO,
            slice_used: Nanos::ZERO,
            reply: Default::default(),
            wait_gen: 0,
            line,
        });
        self.futures.push(Some(future));
        self.live += 1;
        if self.live > limits::GOROUTINES_MAX {
            self.failure = Some(super::SimError::Limit {
                what: "live goroutines",
                limit: limits::GOROUTINES_MAX.into(),
            });
        }
        self.emit(Kind::Spawn, g, line, parent, role as u32, index);
        g
    }

    /// Makes `g` runnable where `to` says, then wakes an idle P to run it.
    pub(super) fn make_runnable(&mut self, g: u32, to: ReadyTo) {
        self.gs[g as usize].state = GState::Runnable;
        self.gs[g as usize].wait_gen += 1;
        match to {
            ReadyTo::RunnextOf(p) => {
                let kicked = std::mem::replace(&mut self.ps[p as usize].runnext, g);
                if kicked == NONE {
                    self.with_runnext.insert(p);
                } else {
                    self.runq_put(p, kicked);
                }
            }
            ReadyTo::GlobalQueue => self.global.push_back(g),
        }
        self.wakep();
    }

    /// Unblocks a parked goroutine, recording who woke it.
    pub(super) fn ready(&mut self, g: u32, waker: u32, to: ReadyTo) {
        let line = self.gs[g as usize].line;
        self.emit(Kind::Unblock, g, line, waker, NONE, NONE);
        self.make_runnable(g, to);
    }

    /// A preempted goroutine goes to the back of the global queue.
    pub(super) fn requeue_preempted(&mut self, g: u32) {
        self.gs[g as usize].state = GState::Runnable;
        self.global.push_back(g);
    }

    fn runq_put(&mut self, p: u32, g: u32) {
        let q = &mut self.ps[p as usize].runq;
        if q.len() >= RUNQ_CAPACITY {
            // Go's runqputslow: half the local queue and the newcomer go global.
            let spill: Vec<u32> = q.drain(..RUNQ_CAPACITY / 2).collect();
            self.in_runqs -= spill.len() as u32;
            self.global.extend(spill);
            self.global.push_back(g);
        } else {
            q.push_back(g);
            self.in_runqs += 1;
        }
    }

    fn wakep(&mut self) {
        // One spinning P at a time is enough: it wakes the next if it finds work.
        if self.spinning > 0 {
            return;
        }
        if let Some(p) = self.idle_ps.pop() {
            self.spinning += 1;
            self.wake_at(self.now, Wake::Schedule(p));
        }
    }

    fn work_is_queued(&self) -> bool {
        debug_assert_eq!(
            (self.in_runqs as usize, self.with_runnext.len()),
            (
                self.ps.iter().map(|p| p.runq.len()).sum::<usize>(),
                self.ps.iter().filter(|p| p.runnext != NONE).count()
            ),
            "the counts of locally queued goroutines drifted"
        );
        !self.global.is_empty() || self.in_runqs > 0 || !self.with_runnext.is_empty()
    }

    /// A spinning P looks for work. Returns the goroutine it started, with
    /// the place in the order its wake-up takes; the caller pushes it or
    /// goes straight on.
    pub(super) fn spin(&mut self, p: u32, runnext: Runnext) -> Option<(u32, Ticket)> {
        self.spinning -= 1;
        let g = self.start_next(p, runnext)?;
        let ticket = self.queue.ticket();
        if !self.idle_ps.is_empty() && self.work_is_queued() {
            self.wakep();
        }
        Some((g, ticket))
    }

    /// [`spin`](Self::spin) for a wake-up popped by the run loop: the
    /// goroutine found runs at once when nothing else comes due first.
    pub(super) fn spin_and_run(&mut self, p: u32, runnext: Runnext) {
        let Some((g, ticket)) = self.spin(p, runnext) else {
            return;
        };
        let mut straight_on = 0;
        if self.run_at_once_or_queue(g, p, ticket, &mut straight_on) {
            self.step(g, p);
        }
    }

    /// Finds the next goroutine for `p` and starts it, or parks the P.
    pub(super) fn schedule(&mut self, p: u32) {
        if self.start_next(p, Runnext::BackOff).is_some() {
            self.wake_at(self.now + self.costs.switch, Wake::Resume(p));
        }
    }

    /// Puts the next goroutine on `p` (its context switch still to come) and
    /// returns it, or leaves the P backing off or idle.
    pub(super) fn start_next(&mut self, p: u32, runnext: Runnext) -> Option<u32> {
        self.ps[p as usize].current = NONE;
        match self.find_runnable(p, runnext) {
            Found::Goroutine(g) => {
                self.ps[p as usize].current = g;
                let gr = &mut self.gs[g as usize];
                gr.state = GState::Running;
                gr.slice_used = Nanos::ZERO;
                let line = gr.line;
                self.emit(Kind::Run, g, line, p, NONE, NONE);
                Some(g)
            }
            Found::OnlyRunnext => {
                // Still spinning while it waits, so nobody wakes another P for the same work.
                self.spinning += 1;
                self.wake_at(self.now + RUNNEXT_STEAL_BACKOFF, Wake::StealRunnext(p));
                None
            }
            Found::Nothing => {
                self.idle_ps.push(p);
                None
            }
        }
    }

    fn find_runnable(&mut self, p: u32, runnext: Runnext) -> Found {
        let pp = &mut self.ps[p as usize];
        pp.until_global_first -= 1;
        if pp.until_global_first == 0 {
            pp.until_global_first = GLOBAL_QUEUE_FAIRNESS_TICK;
            if let Some(g) = self.global.pop_front() {
                return Found::Goroutine(g);
            }
        }
        let pp = &mut self.ps[p as usize];
        if pp.runnext != NONE {
            self.with_runnext.remove(p);
            return Found::Goroutine(std::mem::replace(&mut pp.runnext, NONE));
        }
        if let Some(g) = pp.runq.pop_front() {
            self.in_runqs -= 1;
            return Found::Goroutine(g);
        }
        if let Some(g) = self.global.pop_front() {
            // Go's globrunqget: take a fair share into the local queue too.
            let cores = self.ps.len();
            let extra = (self.global.len() / cores).min(RUNQ_CAPACITY / 2);
            for _ in 0..extra {
                let Some(next) = self.global.pop_front() else {
                    break;
                };
                self.ps[p as usize].runq.push_back(next);
                self.in_runqs += 1;
            }
            return Found::Goroutine(g);
        }
        self.steal_goroutines(p, runnext)
    }

    /// Go's stealWork: visit the other Ps from a random start and take half of
    /// the first non-empty local queue. Only when no queue has anything does a
    /// running P's `runnext` count, and Go takes that one only after backing
    /// off for [`RUNNEXT_STEAL_BACKOFF`], since the P that just readied it is
    /// usually about to run it itself.
    fn steal_goroutines(&mut self, thief: u32, runnext: Runnext) -> Found {
        let cores = self.ps.len() as u32;
        if cores == 1 {
            return Found::Nothing;
        }
        // Drawn even when there is nothing to steal, so the random stream does
        // not depend on how the search is shortened.
        let start = self.rng.borrow_mut().below(cores);
        // Every other P once, from `start` round.
        let victim_at = |i: u32| {
            let v = start + i;
            if v >= cores {
                v - cores
            } else {
                v
            }
        };
        // The thief's own queue is empty, or it would not be stealing.
        for victim in (0..if self.in_runqs > 0 { cores } else { 0 }).map(victim_at) {
            if victim == thief {
                continue;
            }
            let take = self.ps[victim as usize].runq.len().div_ceil(2);
            if take == 0 {
                continue;
            }
            let mut stolen = self.ps[victim as usize].runq.drain(..take);
            let first = stolen.next().expect("take > 0");
            let rest: Vec<u32> = stolen.collect();
            self.ps[thief as usize].runq.extend(rest);
            self.in_runqs -= 1;
            self.record_runtime_steal(thief, take as u32, victim);
            return Found::Goroutine(first);
        }
        // The same order, visiting only the Ps that hold a `runnext`.
        let holders = self.with_runnext.round_from(start, cores);
        for victim in holders {
            let vp = &self.ps[victim as usize];
            if victim == thief || vp.current == NONE {
                continue;
            }
            if runnext == Runnext::BackOff {
                return Found::OnlyRunnext;
            }
            let g = std::mem::replace(&mut self.ps[victim as usize].runnext, NONE);
            self.with_runnext.remove(victim);
            self.record_runtime_steal(thief, 1, victim);
            return Found::Goroutine(g);
        }
        Found::Nothing
    }

    fn record_runtime_steal(&mut self, thief: u32, count: u32, victim: u32) {
        self.emit(Kind::RuntimeSteal, NONE, 0, thief, count, victim);
    }
}
