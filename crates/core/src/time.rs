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

/// A duration as Go's `time.Duration.String` prints it (`301.008025ms`,
/// `1m2.5s`, `1.5µs`, `0s`): exact, and what a Go programmer reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoDuration(pub Nanos);

impl fmt::Display for GoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        /// `whole.fraction` with the fraction's trailing zeros dropped.
        fn decimal(f: &mut fmt::Formatter<'_>, n: u64, scale: u64, digits: usize) -> fmt::Result {
            let fraction = format!("{:0digits$}", n % scale);
            match fraction.trim_end_matches('0') {
                "" => write!(f, "{}", n / scale),
                kept => write!(f, "{}.{kept}", n / scale),
            }
        }
        let ns = self.0 .0;
        match ns {
            0 => write!(f, "0s"),
            ..1_000 => write!(f, "{ns}ns"),
            ..1_000_000 => decimal(f, ns, 1_000, 3).and_then(|()| write!(f, "µs")),
            ..1_000_000_000 => decimal(f, ns, 1_000_000, 6).and_then(|()| write!(f, "ms")),
            _ => {
                let (hours, minutes) = (ns / 3_600_000_000_000, ns / 60_000_000_000 % 60);
                if hours > 0 {
                    write!(f, "{hours}h{minutes}m")?;
                } else if minutes > 0 {
                    write!(f, "{minutes}m")?;
                }
                decimal(f, ns % 60_000_000_000, 1_000_000_000, 9)?;
                write!(f, "s")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Go 1.19 prints for the same durations (`fmt.Printf("%s", d)`).
    #[test]
    fn a_go_duration_prints_as_go_prints_it() {
        let go = [
            (0, "0s"),
            (7, "7ns"),
            (1_500, "1.5µs"),
            (999_999, "999.999µs"),
            (1_000_000, "1ms"),
            (301_008_025, "301.008025ms"),
            (1_500_000_000, "1.5s"),
            (62_500_000_000, "1m2.5s"),
            (3_723_000_000_001, "1h2m3.000000001s"),
            (360_000_000_000_000, "100h0m0s"),
        ];
        for (ns, printed) in go {
            assert_eq!(GoDuration(Nanos(ns)).to_string(), printed, "{ns} ns");
        }
    }

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
