//! Timers as Go 1.19 keeps them: each on the heap of the P it was added on, fired when that P next looks for work (or by a thief in its last steal pass), the goroutine it wakes put in the firing P's `runnext`.
//!
//! How a timer goes, and why:
//!
//! 1. `time.Sleep`, a timed wait standing for I/O, a rate limiter's wait and
//!    a ticker all add a timer to the heap of the P the goroutine runs on
//!    (Go's `timeSleep` → `resetForSleep` → `modtimer` → `doaddtimer` on the
//!    current P; `startTimer` → `addtimer` for tickers).
//! 2. A P fires its due timers at the start of every look for work
//!    (`findRunnable` → `checkTimers`), not while a goroutine runs on it: on
//!    a busy P a timer fires late, when that goroutine parks, exits or is
//!    preempted.
//! 3. A fired timer readies its goroutine with `goready`, which is
//!    `ready(gp, next=true)`: into the firing P's `runnext`, pushing what
//!    was there to the back of the local queue. So a goroutine back from a
//!    sleep runs next on its P, ahead of the local queue, and timers due
//!    together run the last one fired first.
//! 4. With nothing to run, one thread blocks in the network poller until
//!    the earliest timer of any P (`findRunnable`'s "poll network until
//!    next timer"): on Linux `epoll_wait` takes whole milliseconds, so it
//!    wakes on the first whole millisecond of its poll at or after the
//!    timer ([`netpoll_wait`]), polling again when it woke early. A timer
//!    added earlier than the poll's end breaks the poll (`wakeNetPoller`),
//!    which starts again from then; with no thread polling, a P going idle
//!    becomes the poller. Woken, the thread takes an idle P (the one idled
//!    last, as `pidleget` does) and looks for work: on the timer's own P it
//!    fires it; elsewhere it steals run queues first and fires the timer in
//!    its last steal pass (`stealWork`'s `checkTimers(p2)`), onto itself.
//!    A P already looking finds it the same way. So a sleep that ends while
//!    its P is idle ends up to a millisecond late, as in Go on Linux, and on
//!    time while its P is busy and looks for work at the right moment.
//! 5. A ticker fires as a non-blocking send (`sendTime`). Served late, its
//!    missed periods collapse into that one send, and it is re-armed for the
//!    next multiple of its period after now, as `runOneTimer` does.

use super::chan::Fires;
use super::scheduler::ReadyTo;
use super::{Engine, Sink, Wake};
use crate::time::{netpoll_wait, Nanos};
use crate::trace::{Kind, NONE};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// What a timer does when it fires.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(super) enum Fire {
    /// Readies a parked goroutine (a sleep, an I/O wait, a limiter's delay).
    Ready(u32),
    /// Sends a tick into the ticker's channel.
    Tick(u32),
}

/// One P's timers, earliest first; ties in the order they were added.
#[derive(Default)]
pub(super) struct Timers(BinaryHeap<Reverse<(Nanos, u64, Fire)>>);

impl Timers {
    fn next_due(&self) -> Option<Nanos> {
        self.0.peek().map(|Reverse((when, _, _))| *when)
    }
}

/// The thread blocked in the network poller, if one is.
#[derive(Default)]
pub(super) struct Netpoller {
    /// The timer it polls for (Go's `sched.pollUntil`), while it is blocked.
    until: Option<Nanos>,
    /// Counts the polls begun, so the wake-up of a broken poll is known stale.
    polls: u32,
}

impl<S: Sink> Engine<'_, S> {
    /// Adds a timer to `p`'s heap, due at `when`.
    pub(super) fn add_timer(&mut self, p: u32, when: Nanos, fire: Fire) {
        self.timer_seq += 1;
        self.ps[p as usize]
            .timers
            .0
            .push(Reverse((when, self.timer_seq, fire)));
        self.wake_at(when, Wake::TimerDue(p));
        self.wake_net_poller(when);
    }

    /// Go's `wakeNetPoller`, called for every timer added: a poll that would
    /// end after the new timer is broken and begins again for it; with no
    /// thread polling, an idle P's thread begins one (Go wakes an idle P,
    /// which finds nothing to run and polls).
    fn wake_net_poller(&mut self, when: Nanos) {
        match self.netpoller.until {
            Some(until) if until > when => self.block_in_netpoll(when),
            Some(_) => {}
            None => self.poll_timers_if_idle(),
        }
    }

    /// A thread with nothing to run blocks in the poller until the earliest
    /// timer, if some P is idle, some timer is pending and nobody polls yet.
    pub(super) fn poll_timers_if_idle(&mut self) {
        if self.netpoller.until.is_some() || self.idle_ps.is_empty() {
            return;
        }
        if let Some(until) = self.earliest_timer() {
            self.block_in_netpoll(until);
        }
    }

    fn block_in_netpoll(&mut self, until: Nanos) {
        let poller = &mut self.netpoller;
        poller.until = Some(until);
        poller.polls = poller.polls.wrapping_add(1);
        let polls = poller.polls;
        let wakes = self.now + netpoll_wait(until.saturating_sub(self.now));
        self.wake_at(wakes, Wake::NetpollReturns(polls));
    }

    /// The poll begun as number `polls` returns: its thread takes an idle P
    /// and looks for work (and, finding none, polls again when it idles).
    pub(super) fn netpoll_returns(&mut self, polls: u32) {
        // Each poll has one wake-up, so only a broken poll's is stale.
        if self.netpoller.polls != polls {
            return;
        }
        self.netpoller.until = None;
        self.wake_last_idle_p();
    }

    /// When the first timer of any P is due (Go's `timeSleepUntil`).
    pub(super) fn earliest_timer(&self) -> Option<Nanos> {
        self.ps.iter().filter_map(|pp| pp.timers.next_due()).min()
    }

    /// Whether `p` has a timer due now.
    #[inline]
    pub(super) fn has_due_timer(&self, p: u32) -> bool {
        self.ps[p as usize]
            .timers
            .next_due()
            .is_some_and(|when| when <= self.now)
    }

    /// A timer of `owner` came due: a P looking for work, or the poller's
    /// thread when it returns, fires it; with every P busy it waits for one
    /// to look.
    pub(super) fn timer_due(&mut self, owner: u32) {
        if !self.has_due_timer(owner) {
            return;
        }
        // From now until it fires, a thief's last pass looks at this P;
        // an idle P is woken by the poller, which every idle P arms.
        self.with_due_timers.insert(owner);
        debug_assert!(
            self.netpoller.until.is_some() || self.idle_ps.is_empty() || self.spinning > 0,
            "an idle P and a pending timer, and nobody polls or looks for work"
        );
    }

    /// Go's `checkTimers(owner)` run by P `onto`: fires every due timer of
    /// `owner`, in the order due, readying their goroutines into `onto`'s
    /// `runnext`. Returns whether any fired.
    pub(super) fn check_timers(&mut self, owner: u32, onto: u32) -> bool {
        let mut fired = false;
        while self.has_due_timer(owner) {
            let Some(Reverse((when, _, fire))) = self.ps[owner as usize].timers.0.pop() else {
                break;
            };
            fired = true;
            match fire {
                Fire::Ready(g) => self.ready(g, NONE, ReadyTo::RunnextOf(onto)),
                Fire::Tick(ch) => self.tick(ch, owner, onto, when),
            }
        }
        self.with_due_timers.remove(owner);
        fired
    }

    /// The ticker of channel `ch`, due at `when`, fires on P `onto`.
    fn tick(&mut self, ch: u32, owner: u32, onto: u32, when: Nanos) {
        let Some((period, fires)) = self.live_ticker(ch) else {
            return;
        };
        self.send_tick(ch, onto);
        match fires {
            Fires::Once => self.stop_ticker_of(ch),
            Fires::Repeatedly => {
                // runOneTimer: `when += period * (1 + -delta/period)`, the
                // first multiple of the period after now, so missed ticks
                // collapse into the one just sent.
                let late = self.now - when;
                let next = when + Nanos(period.0.max(1) * (1 + late.0 / period.0.max(1)));
                self.add_timer(owner, next, Fire::Tick(ch));
            }
        }
    }

    /// Sends a tick into `ch` without blocking: to a parked receiver, whom
    /// it readies into `onto`'s `runnext`; into the empty buffer of one; or
    /// nowhere, dropped, when the buffer is full.
    fn send_tick(&mut self, ch: u32, onto: u32) {
        if let Some(r) = self.pop_live_receiver(ch) {
            self.emit(Kind::Tick, NONE, 0, ch, 1, NONE);
            self.emit(Kind::Send, NONE, 0, ch, 0, r.g);
            self.complete_waiter(r, 0, true);
            self.ready(r.g, NONE, ReadyTo::RunnextOf(onto));
        } else if self.buffer_tick(ch) {
            self.emit(Kind::Tick, NONE, 0, ch, 1, NONE);
            self.emit(Kind::Send, NONE, 0, ch, 0, NONE);
        } else {
            self.emit(Kind::Tick, NONE, 0, ch, 0, NONE);
        }
    }
}
