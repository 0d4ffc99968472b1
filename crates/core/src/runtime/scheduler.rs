//! Go's scheduler: Ps with a `runnext` slot and a local run queue, the global queue, readying goroutines, waking idle Ps, finding work and stealing it.
//!
//! Owns the Ps, the queues and the spinning count; it starts a goroutine on
//! a P (a `Run` event) and records the runtime's steals, and leaves polling
//! the goroutine to `poll.rs`.

use super::sysmon::SeenBySysmon;
use super::timers::Timers;
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
/// While a P's `schedtick` is a multiple of 61 it checks the global queue
/// before its own, so the global queue cannot starve.
const GLOBAL_QUEUE_FAIRNESS_TICK: u32 = 61;

pub(super) struct Processor {
    pub current: u32,
    runnext: u32,
    runq: VecDeque<u32>,
    /// Goroutines started here without inheriting the time slice (Go's
    /// `schedtick`): what sysmon watches, and what the global queue's
    /// fairness check counts.
    pub schedtick: u32,
    pub timers: Timers,
    pub seen_by_sysmon: SeenBySysmon,
}

impl Processor {
    pub fn new() -> Processor {
        Processor {
            current: NONE,
            runnext: NONE,
            runq: VecDeque::new(),
            schedtick: 0,
            timers: Timers::default(),
            seen_by_sysmon: SeenBySysmon::default(),
        }
    }

    pub fn is_running(&self) -> bool {
        self.current != NONE
    }
}

/// Where a goroutine made runnable waits for a P.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum ReadyTo {
    /// The `runnext` slot of the P whose goroutine readied it (Go's
    /// `ready(gp, next=true)`); the goroutine it displaces goes to the
    /// back of that P's local queue.
    RunnextOf(u32),
    /// The back of the global queue: `main` at the start, and a caller
    /// back from the external resource (see `resource.rs`).
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

/// How many goroutines a P with an empty local queue takes from a global
/// queue of `size`: Go's `globrunqget(pp, 0)` takes `size/GOMAXPROCS + 1`,
/// no more than there are, and no more than half a local queue (128).
fn global_batch(size: usize, cores: usize) -> usize {
    (size / cores + 1).min(size).min(RUNQ_CAPACITY / 2)
}

/// Whether a goroutine put on a P starts a time slice of its own.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Turn {
    /// Taken from `runnext`: it goes on with the slice of the goroutine
    /// before it (Go's `inheritTime`), and the P's `schedtick` stays.
    Inherited,
    /// Anything else: a new slice, and the P's `schedtick` advances.
    Fresh,
}

/// The order a thief visits the Ps in, as Go's `randomOrder.start(r)`: from
/// P `r % cores`, in steps of a stride coprime to `cores` (one of
/// `coprimes`, picked by `r / cores`), so every P comes once.
#[derive(Clone, Copy)]
struct StealOrder {
    cores: u64,
    start: u64,
    stride: u64,
}

impl StealOrder {
    fn new(cores: u32, coprimes: &[u32], r: u32) -> StealOrder {
        let cores = u64::from(cores);
        StealOrder {
            cores,
            start: u64::from(r) % cores,
            stride: u64::from(coprimes[(u64::from(r) / cores) as usize % coprimes.len()]),
        }
    }

    /// The Ps in the order visited; each step adds the stride, wrapping once
    /// at most (the stride is at most the number of Ps), so no division.
    fn iter(self) -> impl Iterator<Item = u32> {
        let mut at = self.start;
        (0..self.cores).map(move |_| {
            let p = at as u32;
            at += self.stride;
            if at >= self.cores {
                at -= self.cores;
            }
            p
        })
    }
}

/// What a P looking for work found.
enum Found {
    Goroutine(u32, Turn),
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
        let g = self.gs.ids_given();
        // Until it runs, a new goroutine's cursor rests on the `go` statement that made it.
        let line = self.gs.get(parent).map_or(0, |x| x.line);
        self.gs.insert(
            g,
            Goroutine {
                future: Some(future),
                state: GState::Runnable,
                cpu_left: Nanos::ZERO,
                reply: Default::default(),
                wait_gen: 0,
                line,
            },
        );
        self.live += 1;
        if self.live > self.goroutines_max {
            self.failure = Some(super::SimError::Limit {
                what: if self.goroutines_max < limits::GOROUTINES_MAX {
                    "goroutines alive at once that this tab's memory holds beside the run's \
                     tasks (fewer tasks leave room for more; the command line has no such limit)"
                } else {
                    "live goroutines"
                },
                limit: self.goroutines_max.into(),
            });
        }
        self.emit(Kind::Spawn, g, line, parent, role as u32, index);
        g
    }

    /// Makes `g` runnable where `to` says, then wakes an idle P to run it.
    pub(super) fn make_runnable(&mut self, g: u32, to: ReadyTo) {
        self.gs[g].state = GState::Runnable;
        self.gs[g].wait_gen += 1;
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
        let line = self.gs[g].line;
        self.emit(Kind::Unblock, g, line, waker, NONE, NONE);
        self.make_runnable(g, to);
    }

    /// A preempted goroutine goes to the back of the global queue.
    pub(super) fn requeue_preempted(&mut self, g: u32) {
        self.gs[g].state = GState::Runnable;
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

    pub(super) fn wakep(&mut self) {
        // One spinning P at a time is enough: it wakes the next if it finds work.
        if self.spinning > 0 {
            return;
        }
        self.wake_last_idle_p();
    }

    /// Go's `pidleget`: the P idled last, if any, starts looking for work.
    pub(super) fn wake_last_idle_p(&mut self) {
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
        if !self.idle_ps.is_empty() {
            if self.work_is_queued() {
                self.wakep();
            } else {
                // Go's `resetspinning` wakes a P anyway; finding nothing,
                // its thread would block in the poller: do that directly.
                self.poll_timers_if_idle();
            }
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
            Found::Goroutine(g, turn) => {
                let pp = &mut self.ps[p as usize];
                pp.current = g;
                if turn == Turn::Fresh {
                    pp.schedtick = pp.schedtick.wrapping_add(1);
                }
                // Go's `execute` clears a preemption asked of the goroutine before.
                pp.seen_by_sysmon.preempt_asked_since = None;
                let gr = &mut self.gs[g];
                gr.state = GState::Running;
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
                self.poll_timers_if_idle();
                None
            }
        }
    }

    /// Go's `findRunnable`: the P's due timers first, then the global
    /// queue while its `schedtick` is a multiple of 61, its `runnext`, its
    /// local queue, a batch from the global queue, and stealing.
    fn find_runnable(&mut self, p: u32, runnext: Runnext) -> Found {
        if self.has_due_timer(p) {
            self.check_timers(p, p);
        }
        if self.ps[p as usize].schedtick % GLOBAL_QUEUE_FAIRNESS_TICK == 0 {
            // Counted in turns that did not inherit a slice, so the check
            // holds for every look until the next fresh turn, as in Go.
            if let Some(g) = self.global.pop_front() {
                return Found::Goroutine(g, Turn::Fresh);
            }
        }
        if let Some(found) = self.take_local(p) {
            return found;
        }
        if let Some(g) = self.global.pop_front() {
            // Go's globrunqget: a fair share, the first to run and the rest
            // into the (empty) local queue.
            let batch = global_batch(self.global.len() + 1, self.ps.len());
            for _ in 1..batch {
                let Some(next) = self.global.pop_front() else {
                    break;
                };
                self.ps[p as usize].runq.push_back(next);
                self.in_runqs += 1;
            }
            return Found::Goroutine(g, Turn::Fresh);
        }
        self.steal_goroutines(p, runnext)
    }

    /// Go's `runqget`: the P's `runnext` (which inherits the slice), else the
    /// head of its local queue.
    fn take_local(&mut self, p: u32) -> Option<Found> {
        let pp = &mut self.ps[p as usize];
        if pp.runnext != NONE {
            self.with_runnext.remove(p);
            let g = std::mem::replace(&mut pp.runnext, NONE);
            return Some(Found::Goroutine(g, Turn::Inherited));
        }
        let g = pp.runq.pop_front()?;
        self.in_runqs -= 1;
        Some(Found::Goroutine(g, Turn::Fresh))
    }

    /// A draw for [`steal_order`](Self::steal_order), one per pass, as Go's
    /// `stealWork` draws `fastrand()` for each.
    fn draw_steal_order(&mut self) -> u32 {
        let choices = self.ps.len() as u32 * self.coprimes.len() as u32;
        self.rng.borrow_mut().below(choices)
    }

    /// Go's `stealWork`: passes over the other Ps, each in a random order.
    /// The first passes take half of a local queue; Go makes three, which
    /// find the same in no time, so here one does. The last pass visits each
    /// P for its due timers, fired onto the thief, and then its `runnext`,
    /// which Go takes from a running P only after backing off for
    /// [`RUNNEXT_STEAL_BACKOFF`], since the P that just readied it is usually
    /// about to run it itself.
    fn steal_goroutines(&mut self, thief: u32, runnext: Runnext) -> Found {
        if self.ps.len() == 1 {
            return Found::Nothing;
        }
        // A pass draws its order only when some P has what it looks for:
        // a pass over nothing would find nothing in any order. (The thief's
        // own queue is empty, or it would not be stealing.)
        let cores = self.ps.len() as u32;
        if self.in_runqs > 0 {
            let queues_order = self.draw_steal_order();
            for victim in StealOrder::new(cores, &self.coprimes, queues_order).iter() {
                if let Some(found) = self.steal_half(thief, victim) {
                    return found;
                }
            }
        }
        let mut holders = self.with_runnext;
        holders.union(self.with_due_timers);
        holders.remove(thief);
        if holders.is_empty() {
            return Found::Nothing;
        }
        let last_order = self.draw_steal_order();
        for victim in StealOrder::new(cores, &self.coprimes, last_order).iter() {
            if !holders.contains(victim) {
                continue;
            }
            if self.has_due_timer(victim) && self.check_timers(victim, thief) {
                if let Some(found) = self.take_local(thief) {
                    return found;
                }
            }
            let vp = &self.ps[victim as usize];
            if vp.runnext == NONE || !vp.is_running() {
                continue;
            }
            if runnext == Runnext::BackOff {
                return Found::OnlyRunnext;
            }
            let g = std::mem::replace(&mut self.ps[victim as usize].runnext, NONE);
            self.with_runnext.remove(victim);
            self.record_runtime_steal(thief, 1, victim, g);
            return Found::Goroutine(g, Turn::Fresh);
        }
        Found::Nothing
    }

    /// Go's `runqsteal`: the oldest half of `victim`'s local queue, of which
    /// the thief runs the last one grabbed and queues the others, oldest first.
    fn steal_half(&mut self, thief: u32, victim: u32) -> Option<Found> {
        if victim == thief {
            return None;
        }
        let take = self.ps[victim as usize].runq.len().div_ceil(2);
        if take == 0 {
            return None;
        }
        let mut stolen: Vec<u32> = self.ps[victim as usize].runq.drain(..take).collect();
        let last = stolen.pop().expect("take > 0");
        self.ps[thief as usize].runq.extend(stolen);
        self.in_runqs -= 1;
        self.record_runtime_steal(thief, take as u32, victim, NONE);
        Some(Found::Goroutine(last, Turn::Fresh))
    }

    /// A `RuntimeSteal` event; `from_runnext` is the goroutine taken from
    /// the victim's `runnext`, or [`NONE`] for half its local queue.
    fn record_runtime_steal(&mut self, thief: u32, count: u32, victim: u32, from_runnext: u32) {
        self.emit(Kind::RuntimeSteal, from_runnext, 0, thief, count, victim);
    }
}

#[cfg(test)]
mod tests {
    use super::{global_batch, Found, Runnext, StealOrder, Turn};
    use crate::runtime::{Engine, EngineConfig, Mailbox, Sink, StraightOn};
    use crate::scenario::{limits, Costs};
    use crate::trace::Event;
    use std::cell::RefCell;
    use std::rc::Rc;

    struct Discard;
    impl Sink for Discard {
        fn event(&mut self, _: &Event) {}
    }

    /// Go's `findRunnable` checks the global queue first while
    /// `schedtick % 61 == 0`, ahead of `runnext`, on every look while it
    /// stays there: a chain of `runnext` turns does not move `schedtick`
    /// (`execute` with `inheritTime`, checked by the engine test of
    /// runnext hand-offs), so the check holds for each of their looks.
    #[test]
    fn at_a_multiple_of_61_every_look_takes_the_global_queue_before_runnext() {
        let mut sink = Discard;
        let config = EngineConfig {
            cores: 1,
            costs: Costs::default(),
            resource: None,
            events_max: limits::EVENTS_MAX,
            goroutines_max: limits::GOROUTINES_MAX,
            straight_on: StraightOn::Allowed,
        };
        let rng = Rc::new(RefCell::new(crate::rng::SimRng::new(1)));
        let mut engine = Engine::new(config, Rc::new(Mailbox::default()), rng, &mut sink);
        engine.ps[0].schedtick = 61;
        for (in_runnext, in_global) in [(7, 9), (8, 10)] {
            engine.ps[0].runnext = in_runnext;
            engine.with_runnext.insert(0);
            engine.global.push_back(in_global);
            let found = engine.find_runnable(0, Runnext::Take);
            assert!(
                matches!(found, Found::Goroutine(g, Turn::Fresh) if g == in_global),
                "at schedtick 61 the global queue goes first"
            );
            // Then runnext, as an inherited turn.
            assert!(matches!(
                engine.find_runnable(0, Runnext::Take),
                Found::Goroutine(g, Turn::Inherited) if g == in_runnext
            ));
        }
        // Off the multiple, runnext goes first.
        engine.ps[0].schedtick = 62;
        engine.ps[0].runnext = 11;
        engine.with_runnext.insert(0);
        engine.global.push_back(12);
        assert!(matches!(
            engine.find_runnable(0, Runnext::Take),
            Found::Goroutine(11, Turn::Inherited)
        ));
    }

    fn steal_order(cores: u32, coprimes: &[u32], r: u32) -> impl Iterator<Item = u32> {
        StealOrder::new(cores, coprimes, r).iter()
    }

    /// `randomOrder` (proc.go): `pos = i % count`, `inc = coprimes[i / count % len]`.
    #[test]
    fn a_thief_walks_every_p_once_from_a_start_in_a_coprime_stride() {
        assert_eq!(steal_order(4, &[1, 3], 5).collect::<Vec<_>>(), [1, 0, 3, 2]);
        assert_eq!(
            steal_order(6, &[1, 5], 13).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5, 0]
        );
        for cores in 1..=64u32 {
            let coprimes: Vec<u32> = (1..=cores)
                .filter(|&n| super::super::gcd(n, cores) == 1)
                .collect();
            for r in 0..cores * coprimes.len() as u32 {
                let mut order: Vec<u32> = steal_order(cores, &coprimes, r).collect();
                order.sort_unstable();
                assert_eq!(
                    order,
                    (0..cores).collect::<Vec<_>>(),
                    "{cores} Ps, draw {r}"
                );
            }
        }
    }

    /// `globrunqget` (proc.go): `n := sched.runqsize/gomaxprocs + 1`,
    /// capped at `runqsize` and at `len(pp.runq)/2`.
    #[test]
    fn a_global_batch_is_size_over_gomaxprocs_plus_one_capped_at_128() {
        for (size, cores, taken) in [
            (8, 4, 3),
            (4, 4, 2),
            (7, 4, 2),
            (1, 4, 1),
            (3, 1, 3),
            (200, 1, 128),
            (1000, 8, 126),
        ] {
            assert_eq!(
                global_batch(size, cores),
                taken,
                "{size} queued, {cores} Ps"
            );
        }
    }
}
