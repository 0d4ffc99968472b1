//! sysmon, Go's monitor thread, as far as a learner can see it: it polls on a schedule of its own and preempts a goroutine that has held its P for a whole time slice.
//!
//! How it goes in Go 1.19 (`sysmon` and `retake` in `runtime/proc.go`), and why:
//!
//! 1. sysmon sleeps 20 µs between polls; after 50 polls in a row that found
//!    nothing to retake from a system call it doubles the sleep each time, up
//!    to 10 ms. This model has no system calls, so the polls fall at 20 µs,
//!    40 µs, ..., 1.02 ms, then 1.06, 1.14, 1.30, 1.62, 2.26, 3.54, 6.10,
//!    11.22 ms, and every 10 ms from there.
//! 2. At a poll that finds every P idle, sysmon sleeps until the next timer
//!    is due (at most 60 s), without going back to short sleeps; with a
//!    timer due that the poller has not yet fired, it polls on.
//! 3. At each poll, for every running P, `retake` compares the P's
//!    `schedtick` (how many goroutines it has started without inheriting a
//!    time slice) with the one it saw last. If it changed, sysmon notes it
//!    and the time; if not, and it has seen the same tick for the slice
//!    (10 ms, `forcePreemptNS`), it asks the running goroutine to stop.
//! 4. The goroutine stops at its next safe point: a computation is cut at
//!    the poll, a runtime operation finishes first. It goes to the back of
//!    the global queue. A goroutine that parks first is not preempted: the
//!    request dies with its turn on the P, as `execute` clears it.
//!
//! So a goroutine that computes without pause is preempted 10 to 20 ms
//! after it started, and about 20 ms when CPU-bound goroutines take turns;
//! and goroutines that hand the P to each other through `runnext` share one
//! slice (see `scheduler.rs`). The page narrates a preemption with when
//! sysmon first saw the goroutine's turn.

use super::{Engine, Sink, Wake};
use crate::time::Nanos;
use crate::wakes::Lane;

/// sysmon's first sleep, in Go `delay = 20` (µs).
const SLEEP_SHORT: Nanos = Nanos::from_us(20);
/// sysmon's longest sleep while some P runs, in Go `10*1000` (µs).
const SLEEP_LONG: Nanos = Nanos::from_ms(10);
/// Polls in a row that found nothing before the sleeps start doubling.
const IDLE_POLLS_BEFORE_DOUBLING: u32 = 50;
/// The longest deep sleep with every P idle (Go's `forcegcperiod / 2`).
const DEEP_SLEEP_MAX: Nanos = Nanos::from_ms(60_000);

pub(super) struct Sysmon {
    /// Polls in a row that retook nothing (Go's `idle`).
    idle_polls: u32,
    sleep: Nanos,
    /// When sysmon next wakes.
    pub next_at: Nanos,
    /// In a deep sleep because every P was idle.
    asleep: bool,
}

impl Sysmon {
    pub fn new() -> Sysmon {
        Sysmon {
            idle_polls: 0,
            sleep: SLEEP_SHORT,
            next_at: SLEEP_SHORT,
            asleep: false,
        }
    }

    /// Go's rule for the next sleep, from how many polls found nothing.
    fn next_sleep(&mut self) -> Nanos {
        if self.idle_polls == 0 {
            self.sleep = SLEEP_SHORT;
        } else if self.idle_polls > IDLE_POLLS_BEFORE_DOUBLING {
            self.sleep = Nanos(self.sleep.0 * 2);
        }
        self.sleep = self.sleep.min(SLEEP_LONG);
        self.sleep
    }
}

/// What sysmon knows of one P (Go's `sysmontick`).
#[derive(Clone, Copy, Default)]
pub(super) struct SeenBySysmon {
    schedtick: u32,
    since: Nanos,
    /// Set when sysmon asked the P's goroutine to stop: when it first saw its turn.
    pub preempt_asked_since: Option<Nanos>,
}

impl<S: Sink> Engine<'_, S> {
    /// Puts sysmon's first poll in the queue.
    pub(super) fn start_sysmon(&mut self) {
        self.wake_at(self.sysmon.next_at, Wake::Sysmon);
    }

    /// sysmon wakes from a sleep.
    pub(super) fn sysmon_wakes(&mut self) {
        if !self.sysmon.asleep && self.idle_ps.len() == self.ps.len() {
            // Nothing runs: sleep until a timer is due. With no timer
            // either, nothing can ever run again, and sysmon stays asleep
            // (the run loop then finds the program deadlocked).
            // A timer may be due and not yet fired (the poller wakes on a
            // whole millisecond): then sysmon does not sleep, as in Go.
            let next_timer = self.earliest_timer();
            let Some(timer_at) = [next_timer, self.queue.first_at(Lane::Timer)]
                .into_iter()
                .flatten()
                .min()
            else {
                return;
            };
            if timer_at > self.now {
                self.sysmon.asleep = true;
                self.sysmon.next_at = timer_at.min(self.now + DEEP_SLEEP_MAX);
                self.wake_at(self.sysmon.next_at, Wake::Sysmon);
                return;
            }
        }
        self.sysmon.asleep = false;
        self.retake();
        // Without system calls, a poll never retakes a P: it counts as idle.
        self.sysmon.idle_polls += 1;
        let sleep = self.sysmon.next_sleep();
        self.sysmon.next_at = self.now + sleep;
        self.wake_at(self.sysmon.next_at, Wake::Sysmon);
    }

    /// Go's `retake`, its preemption half: asks the goroutine of every P
    /// that has run the same turn for a whole slice to stop.
    fn retake(&mut self) {
        let slice = self.costs.slice;
        for pp in self.ps.iter_mut().filter(|pp| pp.is_running()) {
            let seen = &mut pp.seen_by_sysmon;
            if seen.schedtick != pp.schedtick {
                seen.schedtick = pp.schedtick;
                seen.since = self.now;
            } else if seen.since + slice <= self.now {
                seen.preempt_asked_since = Some(seen.since);
            }
        }
    }

    /// How long a computation starting now may run before sysmon next looks.
    pub(super) fn until_sysmon_looks(&self) -> Nanos {
        self.sysmon.next_at.saturating_sub(self.now)
    }
}
