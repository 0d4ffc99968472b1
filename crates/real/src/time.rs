//! Time for real goroutines: `time.Sleep`, `time.After`, tickers and a token bucket, on the run's clock and the scheduler's timer heap.

use crate::chan::Chan;
use crate::executor::{parking_on, shared, Fire};
use gobalance_core::trace::EMPTY_STRUCT;
use gobalance_core::{BlockOn, Nanos};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::MutexGuard;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// `time.Sleep(d)` at `line`: parks the goroutine, not its thread.
pub fn sleep(d: Nanos, line: u16) -> Sleep {
    sleep_as(d, BlockOn::Sleep, line)
}

/// A sleep that the leak report and the timeline call `on` (a wait that
/// stands for I/O is [`BlockOn::Io`]).
pub(crate) fn sleep_as(d: Nanos, on: BlockOn, line: u16) -> Sleep {
    Sleep {
        deadline: None,
        d,
        on,
        line,
    }
}

pub struct Sleep {
    deadline: Option<Nanos>,
    d: Nanos,
    on: BlockOn,
    line: u16,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let shared = shared();
        let now = shared.clock.now();
        let deadline = match self.deadline {
            Some(deadline) => deadline,
            None => {
                let deadline = now + self.d;
                self.deadline = Some(deadline);
                if self.d > Nanos::ZERO {
                    shared.add_timer(deadline, Fire::Wake(cx.waker().clone()));
                }
                deadline
            }
        };
        if now >= deadline {
            return Poll::Ready(());
        }
        parking_on(self.on, self.line);
        Poll::Pending
    }
}

/// A ticker's or `time.After`'s channel and schedule.
pub(crate) struct TickerInner {
    c: Chan,
    /// `None` for `time.After`: one tick, then nothing.
    period: Option<Nanos>,
    stopped: AtomicBool,
}

impl TickerInner {
    pub(crate) fn stopped(&self) -> bool {
        self.stopped.load(Ordering::Acquire)
    }

    /// Delivers the tick due at `due` (dropped if the channel is full, as
    /// Go's `sendTime` does); returns when the next one is due, on the
    /// ticker's grid after `now`.
    pub(crate) fn tick(&self, due: Nanos, now: Nanos) -> Option<Nanos> {
        if self.stopped.load(Ordering::Acquire) {
            return None;
        }
        let mut send = crate::chan::Select::new();
        send.send(&self.c, EMPTY_STRUCT);
        send.try_now();
        let period = self.period?;
        let behind = (now - due).0 / period.0;
        Some(due + Nanos(period.0 * (behind + 1)))
    }
}

/// `time.NewTicker(period)`; `c` is `ticker.C`.
pub struct Ticker {
    inner: Arc<TickerInner>,
    pub c: Chan,
}

impl Ticker {
    pub fn new(period: Nanos) -> Ticker {
        let c = Chan::make(1);
        let inner = Arc::new(TickerInner {
            c: c.clone(),
            period: Some(period.max(Nanos(1))),
            stopped: AtomicBool::new(false),
        });
        let shared = shared();
        let first = shared.clock.now() + period;
        shared.add_timer(first, Fire::Tick(inner.clone()));
        lock(&shared.tickers).push(inner.clone());
        Ticker { inner, c }
    }

    /// `ticker.Stop()`.
    pub fn stop(&self) {
        self.inner.stopped.store(true, Ordering::Release);
    }
}

/// `time.After(d)`: a channel that gets one value after `d`.
pub fn after(d: Nanos) -> Chan {
    let c = Chan::make(1);
    let inner = Arc::new(TickerInner {
        c: c.clone(),
        period: None,
        stopped: AtomicBool::new(false),
    });
    let shared = shared();
    shared.add_timer(shared.clock.now() + d, Fire::Tick(inner));
    c
}

/// `rate.NewLimiter(rate, burst)`: a token bucket that starts full.
pub struct Limiter {
    rate_per_s: f64,
    burst: f64,
    /// Tokens at `at`; negative when waiters have reserved ahead.
    bucket: Mutex<(f64, Nanos)>,
}

impl Limiter {
    pub fn new(rate_per_s: u32, burst: u32) -> Limiter {
        Limiter {
            rate_per_s: f64::from(rate_per_s.max(1)),
            burst: f64::from(burst.max(1)),
            bucket: Mutex::new((f64::from(burst.max(1)), shared().clock.now())),
        }
    }

    /// `limiter.Wait(ctx)` at `line`: reserves a token, then sleeps until
    /// it is due, as `rate.Limiter.reserveN` does.
    pub async fn wait(&self, line: u16) {
        let wait = {
            let mut bucket = lock(&self.bucket);
            let now = shared().clock.now();
            let (tokens, at) = *bucket;
            let refilled = (tokens + (now - at).0 as f64 * self.rate_per_s / 1e9).min(self.burst);
            let left = refilled - 1.0;
            *bucket = (left, now);
            if left >= 0.0 {
                Nanos::ZERO
            } else {
                Nanos((-left / self.rate_per_s * 1e9).ceil() as u64)
            }
        };
        if wait > Nanos::ZERO {
            sleep_as(wait, BlockOn::Limiter, line).await;
        }
    }
}
