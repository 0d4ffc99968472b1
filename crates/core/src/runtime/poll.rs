//! One poll step: a P runs its goroutine's future until it computes, parks or exits, books the cost against its time slice, and goes straight on when nothing else comes due first.
//!
//! Going straight on: a P whose next wake-up would be the very next one
//! popped need not queue it, since popping it would change nothing. It keeps
//! the place in the order the wake-up would have had (a [`Ticket`]), and a
//! test checks that every golden scenario gives the same trace without the
//! shortcut ([`StraightOn::Never`](super::StraightOn)).

use super::mailbox::noop_waker;
use super::scheduler::Runnext;
use super::timers::Fire;
use super::{Engine, GState, Reply, Sink, Wake, MAIN};
use crate::scenario::limits;
use crate::time::Nanos;
use crate::trace::{Kind, NONE};
use crate::vocabulary::BlockOn;
use crate::wakes::Ticket;
use std::task::Context;

/// A goroutine may run this many zero-cost operations in a row before the run
/// is stopped as a livelock (zero costs are allowed in scenarios).
const ZERO_COST_STREAK_MAX: u32 = 1_000_000;

/// What carrying out an operation left the goroutine doing.
pub(super) enum Next {
    /// Done at no cost: poll again now.
    Continue,
    /// Keep the P busy this long with the runtime's own work, then poll again.
    Busy(Nanos),
    /// Compute this long (preemptible at the end of the time slice), then poll again.
    Compute(Nanos),
    /// Parked: the P looks for other work.
    Parked,
}

/// Whether a cost may be cut where sysmon looks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slice {
    /// A task's computation: sysmon may preempt it at any of its polls.
    Preemptible,
    /// The runtime's own small costs (a channel operation, a spawn) always
    /// finish, because sysmon's preemption lands inside long computations,
    /// not at the exact nanosecond a slice ends.
    Whole,
}

impl<S: Sink> Engine<'_, S> {
    /// `p`'s wake-up came due: its goroutine stops if sysmon asked it to,
    /// else computes on or is polled.
    pub(super) fn resume(&mut self, p: u32) {
        let g = self.ps[p as usize].current;
        if let Some(seen_since) = self.ps[p as usize].seen_by_sysmon.preempt_asked_since {
            // Preempted at this safe point: to the back of the global queue.
            let line = self.gs[g].line;
            let seen_for_us = ((self.now - seen_since).0 / 1_000).min(u64::from(NONE - 1)) as u32;
            self.emit(Kind::Preempt, g, line, p, seen_for_us, NONE);
            self.requeue_preempted(g);
            self.schedule(p);
            return;
        }
        let left = self.gs[g].cpu_left;
        if left > Nanos::ZERO {
            let resume_at = self.charge(g, left, Slice::Preemptible);
            self.wake_at(resume_at, Wake::Resume(p));
            return;
        }
        self.step(g, p);
    }

    /// Books `cost` against `g`; returns when its P is next free to act.
    fn charge(&mut self, g: u32, cost: Nanos, slice: Slice) -> Nanos {
        let now_part = match slice {
            // Cut where sysmon next looks, which may ask it to stop there.
            Slice::Preemptible => cost.min(self.until_sysmon_looks()),
            Slice::Whole => cost,
        };
        self.gs[g].cpu_left = cost - now_part;
        self.now + now_part
    }

    /// Whether the P's wake-up at `at` would be the very next one popped, so
    /// that popping it would change nothing and the P can go straight on.
    /// An idle P told to look for work right now is all that usually stands
    /// in the way; its looking is done here, as the run loop would do it
    /// next. Bounded by `straight_on`, so the run loop still checks its
    /// limits and progress often.
    fn can_go_straight_on(&mut self, at: Nanos, ticket: Ticket, straight_on: &mut u32) -> bool {
        loop {
            if *straight_on >= self.straight_on_max
                || self.failure.is_some()
                || at > limits::VIRTUAL_TIME_MAX
            {
                return false;
            }
            *straight_on += 1;
            if self.queue.is_next(at, ticket) {
                return true;
            }
            let now = self.now;
            let looking = self.queue.pop_if(|due, wake| {
                due == now && matches!(wake, Wake::Schedule(_) | Wake::StealRunnext(_))
            });
            let started = match looking {
                Some(Wake::Schedule(p)) => self.spin(p, Runnext::BackOff).map(|found| (p, found)),
                Some(Wake::StealRunnext(p)) => self.spin(p, Runnext::Take).map(|found| (p, found)),
                _ => return false,
            };
            if let Some((p, (_, ticket))) = started {
                let resume_at = self.now + self.costs.switch;
                self.queue.push_ticketed(resume_at, Wake::Resume(p), ticket);
            }
        }
    }

    /// Polls `g` and carries out what it asks until it computes, parks or
    /// exits, then, as long as nothing else comes due first, the goroutines
    /// that follow it on `p`.
    pub(super) fn step(&mut self, mut g: u32, p: u32) {
        let waker = noop_waker();
        let mut cx = Context::from_waker(&waker);
        let mut zero_cost_streak = 0;
        let mut straight_on = 0;
        loop {
            self.mailbox.reply.set(self.gs[g].reply);
            self.mailbox.now.set(self.now);
            self.mailbox.polled.set(g);
            self.mailbox.events.set(self.events);
            let Some(future) = self.gs[g].future.as_mut() else {
                return;
            };
            let finished = future.as_mut().poll(&mut cx).is_ready();
            self.record_notes(g);
            if finished {
                if !self.exit(g, p) {
                    return;
                }
                match self.start_next_at_once(p, &mut straight_on) {
                    Some(next) => g = next,
                    None => return,
                }
                zero_cost_streak = 0;
                continue;
            }
            let Some((op, line)) = self.mailbox.op.take() else {
                self.fail(g, "a goroutine awaited something other than a Go operation");
                return;
            };
            let gr = &mut self.gs[g];
            gr.line = line;
            // Operations that give nothing back still say `ok`; the rest overwrite this.
            gr.reply = Reply::OK;
            let next = self.perform(g, p, op, line);
            match next {
                Next::Continue => {
                    zero_cost_streak += 1;
                    if zero_cost_streak > ZERO_COST_STREAK_MAX {
                        self.fail(
                            g,
                            "a goroutine ran a million zero-cost operations in a row (livelock)",
                        );
                        return;
                    }
                }
                Next::Busy(cost) | Next::Compute(cost) => {
                    let slice = match next {
                        Next::Compute(_) => Slice::Preemptible,
                        _ => Slice::Whole,
                    };
                    let resume_at = self.charge(g, cost, slice);
                    // Its place in the order is taken now, as if it were pushed now.
                    let ticket = self.queue.ticket();
                    if self.gs[g].cpu_left == Nanos::ZERO
                        && self.can_go_straight_on(resume_at, ticket, &mut straight_on)
                    {
                        zero_cost_streak = 0;
                        self.now = resume_at;
                        continue;
                    }
                    self.queue.push_ticketed(resume_at, Wake::Resume(p), ticket);
                    return;
                }
                Next::Parked => {
                    match self.start_next_at_once(p, &mut straight_on) {
                        Some(next) => g = next,
                        None => return,
                    }
                    zero_cost_streak = 0;
                }
            }
        }
    }

    /// `p`'s goroutine has left it: starts the next one and returns it when
    /// its context switch ends before anything else comes due, for the
    /// caller to run at once; otherwise the P's wake-up is queued (or the P
    /// found nothing) and this returns `None`.
    fn start_next_at_once(&mut self, p: u32, straight_on: &mut u32) -> Option<u32> {
        let next = self.start_next(p, Runnext::BackOff)?;
        let ticket = self.queue.ticket();
        self.run_at_once_or_queue(next, p, ticket, straight_on)
            .then_some(next)
    }

    /// `g` was just put on `p`: when its context switch ends before anything
    /// else comes due, moves the clock there and returns true for the caller
    /// to run it; otherwise queues the P's wake-up with `ticket`.
    pub(super) fn run_at_once_or_queue(
        &mut self,
        g: u32,
        p: u32,
        ticket: Ticket,
        straight_on: &mut u32,
    ) -> bool {
        let resume_at = self.now + self.costs.switch;
        // A goroutine preempted mid-computation resumes through `resume`, which books the rest.
        if self.gs[g].cpu_left == Nanos::ZERO
            && self.can_go_straight_on(resume_at, ticket, straight_on)
        {
            self.now = resume_at;
            return true;
        }
        self.queue.push_ticketed(resume_at, Wake::Resume(p), ticket);
        false
    }

    /// Emits what `g` noted during its last poll, moving its cursor along.
    fn record_notes(&mut self, g: u32) {
        if self.mailbox.notes.borrow().is_empty() {
            return;
        }
        std::mem::swap(&mut *self.mailbox.notes.borrow_mut(), &mut self.notes);
        for i in 0..self.notes.len() {
            let super::Note { kind, line, a, b } = self.notes[i];
            self.gs[g].line = line;
            self.emit(kind, g, line, a, b, NONE);
        }
        self.notes.clear();
    }

    /// `g` returned. False once `main` has: the program is over.
    fn exit(&mut self, g: u32, p: u32) -> bool {
        let line = self.gs[g].line;
        self.emit(Kind::Exit, g, line, p, NONE, NONE);
        // Its id keeps naming it in the trace; its state is not needed again.
        self.gs.remove(g);
        self.live -= 1;
        if g == MAIN {
            self.main_done = true;
        }
        g != MAIN
    }

    /// Parks `g` on `object`, with `value` in hand (a send's value).
    pub(super) fn park(&mut self, g: u32, on: BlockOn, object: u32, value: u32) -> Next {
        let gr = &mut self.gs[g];
        gr.state = GState::Blocked(on);
        gr.wait_gen += 1;
        let line = gr.line;
        self.emit(Kind::Block, g, line, on as u32, object, value);
        Next::Parked
    }

    /// Parks `g` until a timer on its P, `d` from now, fires (a sleep, an
    /// I/O wait, a limiter's delay).
    pub(super) fn park_for(&mut self, g: u32, p: u32, on: BlockOn, d: Nanos) -> Next {
        self.add_timer(p, self.now + d, Fire::Ready(g));
        self.park(g, on, NONE, NONE)
    }
}
