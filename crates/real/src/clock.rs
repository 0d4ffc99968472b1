//! The run's one monotonic clock: nanoseconds since the run started, read by every thread.

use gobalance_core::Nanos;
use std::time::Instant;

/// Every thread reads the same origin, so stamps from different threads
/// fall on one time axis.
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    origin: Instant,
}

impl Clock {
    pub fn start() -> Clock {
        Clock {
            origin: Instant::now(),
        }
    }

    pub fn now(&self) -> Nanos {
        Nanos(self.origin.elapsed().as_nanos() as u64)
    }
}
