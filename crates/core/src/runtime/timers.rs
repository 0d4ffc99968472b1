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
//! 4. When a timer comes due and no P is looking for work, an idle P (the
//!    one idled last, as `pidleget` takes it) starts looking, as the thread
//!    parked in `netpoll` until the earliest timer does: on the timer's own
//!    P it fires it; elsewhere it steals run queues first and fires the
//!    timer in its last steal pass (`stealWork`'s `checkTimers(p2)`), onto
//!    itself. A P already looking finds it the same way.
//! 5. A ticker fires as a non-blocking send (`sendTime`). Served late, its
//!    missed periods collapse into that one send, and it is re-armed for the
//!    next multiple of its period after now, as `runOneTimer` does.

use super::chan::Fires;
use super::scheduler::ReadyTo;
use super::{Engine, Sink, Wake};
use crate::time::Nanos;
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

impl<S: Sink> Engine<'_, S> {
    /// Adds a timer to `p`'s heap, due at `when`.
    pub(super) fn add_timer(&mut self, p: u32, when: Nanos, fire: Fire) {
        self.timer_seq += 1;
        self.ps[p as usize]
            .timers
            .0
            .push(Reverse((when, self.timer_seq, fire)));
        self.wake_at(when, Wake::TimerDue(p));
    }

    /// Whether `p` has a timer due now.
    #[inline]
    pub(super) fn has_due_timer(&self, p: u32) -> bool {
        self.ps[p as usize]
            .timers
            .next_due()
            .is_some_and(|when| when <= self.now)
    }

    /// A timer of `owner` came due: a P looking for work, or an idle P woken
    /// to look, fires it; with every P busy it waits for one to look.
    pub(super) fn timer_due(&mut self, owner: u32) {
        if !self.has_due_timer(owner) {
            return;
        }
        // From now until it fires, a thief's last pass looks at this P, so
        // a P already looking for work finds it; else an idle P is woken
        // (one thread waits in netpoll for the earliest timer in Go).
        self.with_due_timers.insert(owner);
        self.wakep();
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
