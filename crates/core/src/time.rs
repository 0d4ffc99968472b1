//! Virtual time: integer nanoseconds, so every platform computes the same instants.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, AddAssign, Sub};

/// A point in, or a span of, virtual time in nanoseconds.
///
/// One type for both because Go's `time.Duration` is also just nanoseconds,
/// and the simulator's arithmetic never mixes them up in practice.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Nanos(pub u64);

impl Nanos {
    pub const ZERO: Nanos = Nanos(0);
    pub const MAX: Nanos = Nanos(u64::MAX);

    pub const fn from_us(us: u64) -> Nanos {
        Nanos(us * 1_000)
    }
    pub const fn from_ms(ms: u64) -> Nanos {
        Nanos(ms * 1_000_000)
    }
    pub const fn from_secs(s: u64) -> Nanos {
        Nanos(s * 1_000_000_000)
    }
    /// Milliseconds as a float, for display and reports only (never fed back).
    pub fn as_ms_f64(self) -> f64 {
        self.0 as f64 / 1e6
    }
    pub fn saturating_sub(self, other: Nanos) -> Nanos {
        Nanos(self.0.saturating_sub(other.0))
    }
}

impl Add for Nanos {
    type Output = Nanos;
    fn add(self, rhs: Nanos) -> Nanos {
        Nanos(self.0.saturating_add(rhs.0))
    }
}

impl AddAssign for Nanos {
    fn add_assign(&mut self, rhs: Nanos) {
        *self = *self + rhs;
    }
}

impl Sub for Nanos {
    type Output = Nanos;
    fn sub(self, rhs: Nanos) -> Nanos {
        self.saturating_sub(rhs)
    }
}

/// How long Go's network poller on Linux blocks for a timer `delay` away:
/// `netpoll` hands `epoll_wait` whole milliseconds, truncated, and at least
/// one for any wait under a millisecond (`runtime/netpoll_epoll.go`). A
/// thread that wakes before the timer is due polls again for what is left,
/// so a timer served by an idle thread fires on the first whole millisecond
/// of the poll at or after its time: a 20.3 ms wait takes 21 ms, a 0.1 ms
/// one 1 ms. Both runtimes, simulated and real, wait by this rule.
pub fn netpoll_wait(delay: Nanos) -> Nanos {
    const MS: u64 = 1_000_000;
    match delay.0 {
        0 => Nanos::ZERO,
        short if short < MS => Nanos(MS),
        long => Nanos(long / MS * MS),
    }
}

/// Prints the largest unit that keeps the value whole: `1500us`, `2s`, `100ms`, `7ns`.
impl fmt::Display for Nanos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const UNITS: [(u64, &str); 3] = [(1_000_000_000, "s"), (1_000_000, "ms"), (1_000, "us")];
        if self.0 != 0 {
            for (scale, unit) in UNITS {
                if self.0.is_multiple_of(scale) {
                    return write!(f, "{}{unit}", self.0 / scale);
                }
            }
        }
        write!(f, "{}ns", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_picks_the_largest_whole_unit() {
        assert_eq!(Nanos::from_ms(100).to_string(), "100ms");
        assert_eq!(Nanos(1_500_000).to_string(), "1500us");
        assert_eq!(Nanos::from_secs(2).to_string(), "2s");
        assert_eq!(Nanos(7).to_string(), "7ns");
        assert_eq!(Nanos(0).to_string(), "0ns");
    }

    /// Go 1.19's `netpoll` in `runtime/netpoll_epoll.go`: `waitms` is 0 for
    /// no delay, 1 under a millisecond, else the delay in whole ms, truncated.
    #[test]
    fn the_netpoller_waits_in_whole_milliseconds_truncated_and_at_least_one() {
        assert_eq!(netpoll_wait(Nanos::ZERO), Nanos::ZERO);
        assert_eq!(netpoll_wait(Nanos(1)), Nanos::from_ms(1));
        assert_eq!(netpoll_wait(Nanos::from_us(999)), Nanos::from_ms(1));
        assert_eq!(netpoll_wait(Nanos::from_ms(1)), Nanos::from_ms(1));
        assert_eq!(netpoll_wait(Nanos::from_us(20_300)), Nanos::from_ms(20));
        assert_eq!(netpoll_wait(Nanos::from_us(20_999)), Nanos::from_ms(20));
    }
}
