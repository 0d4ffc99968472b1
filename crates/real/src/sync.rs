//! `sync.WaitGroup`, `sync.Mutex` and `context.WithCancel` for real goroutines.

use crate::chan::Chan;
use crate::executor::parking_on;
use gobalance_core::BlockOn;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex as StdMutex, MutexGuard};
use std::task::{Context, Poll, Waker};

fn lock<T>(mutex: &StdMutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// `sync.WaitGroup`.
#[derive(Clone, Default)]
pub struct WaitGroup(Arc<StdMutex<WaitGroupState>>);

#[derive(Default)]
struct WaitGroupState {
    count: i64,
    waiters: Vec<Waker>,
}

impl WaitGroup {
    pub fn new() -> WaitGroup {
        WaitGroup::default()
    }

    /// `wg.Add(n)`.
    pub fn add(&self, n: i64) {
        let waiters = {
            let mut state = lock(&self.0);
            state.count += n;
            assert!(state.count >= 0, "sync: negative WaitGroup counter");
            if state.count == 0 {
                std::mem::take(&mut state.waiters)
            } else {
                Vec::new()
            }
        };
        for waker in waiters {
            waker.wake();
        }
    }

    /// `wg.Done()`.
    pub fn done(&self) {
        self.add(-1);
    }

    /// `wg.Wait()` at `line`.
    pub fn wait(&self, line: u16) -> impl Future<Output = ()> + Send + '_ {
        WaitFuture(self, line)
    }
}

struct WaitFuture<'a>(&'a WaitGroup, u16);

impl Future for WaitFuture<'_> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = lock(&self.0 .0);
        if state.count == 0 {
            return Poll::Ready(());
        }
        state.waiters.push(cx.waker().clone());
        parking_on(BlockOn::WaitGroup, self.1);
        Poll::Pending
    }
}

/// `sync.Mutex`. A goroutine that waits for it parks, holding no thread;
/// `Unlock` hands the lock straight to the longest waiter, as Go's mutex
/// does in its starvation mode (in its normal mode a newcomer may take it
/// first, which costs the waiter up to a millisecond before Go switches).
#[derive(Clone, Default)]
pub struct Mutex(Arc<StdMutex<MutexState>>);

#[derive(Default)]
struct MutexState {
    locked: bool,
    waiters: std::collections::VecDeque<Arc<Handoff>>,
}

/// A parked `Lock`, granted the lock by an `Unlock`.
struct Handoff {
    granted: AtomicBool,
    waker: StdMutex<Waker>,
}

impl Mutex {
    pub fn new() -> Mutex {
        Mutex::default()
    }

    /// `mu.Lock()` at `line`.
    pub fn lock(&self, line: u16) -> impl Future<Output = ()> + Send + '_ {
        LockFuture {
            mutex: self,
            line,
            handoff: None,
        }
    }

    /// `mu.Unlock()`: to the longest waiter, if any. Unlocking an unlocked
    /// mutex is a fatal error in Go, and a panic here.
    pub fn unlock(&self) {
        let next = {
            let mut state = lock(&self.0);
            assert!(state.locked, "sync: unlock of unlocked mutex");
            let next = state.waiters.pop_front();
            state.locked = next.is_some();
            next
        };
        if let Some(handoff) = next {
            handoff.granted.store(true, Ordering::Release);
            lock(&handoff.waker).wake_by_ref();
        }
    }
}

struct LockFuture<'a> {
    mutex: &'a Mutex,
    line: u16,
    handoff: Option<Arc<Handoff>>,
}

impl Future for LockFuture<'_> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if let Some(handoff) = &self.handoff {
            *lock(&handoff.waker) = cx.waker().clone();
            if handoff.granted.load(Ordering::Acquire) {
                return Poll::Ready(());
            }
            parking_on(BlockOn::Mutex, self.line);
            return Poll::Pending;
        }
        let mut state = lock(&self.mutex.0);
        if !state.locked {
            state.locked = true;
            return Poll::Ready(());
        }
        let handoff = Arc::new(Handoff {
            granted: AtomicBool::new(false),
            waker: StdMutex::new(cx.waker().clone()),
        });
        state.waiters.push_back(handoff.clone());
        drop(state);
        self.handoff = Some(handoff);
        parking_on(BlockOn::Mutex, self.line);
        Poll::Pending
    }
}

/// `context.WithCancel(ctx)`: cancelling closes `Done()` once.
#[derive(Clone)]
pub struct Ctx {
    done: Chan,
    cancelled: Arc<AtomicBool>,
}

impl Ctx {
    pub fn with_cancel() -> Ctx {
        Ctx {
            done: Chan::make(0),
            cancelled: Arc::default(),
        }
    }

    /// `ctx.Done()`.
    pub fn done(&self) -> &Chan {
        &self.done
    }

    /// `cancel()`: safe to call more than once, as in Go.
    pub fn cancel(&self) {
        if !self.cancelled.swap(true, Ordering::AcqRel) {
            self.done.close();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::executor::{go, run};
    use crate::time::sleep;
    use gobalance_core::{Nanos, Role};

    /// Goroutines on two threads take turns in a critical section that
    /// parks halfway: none overlaps another, and the waiters get the lock
    /// in the order they asked for it.
    #[test]
    fn a_mutex_excludes_and_hands_over_in_order() {
        let inside = Arc::new(std::sync::atomic::AtomicU32::new(0));
        let order = Arc::new(StdMutex::new(Vec::new()));
        let (inside_seen, order_seen) = (inside.clone(), order.clone());
        let finished = run(
            2,
            Clock::start(),
            move || {
                Box::pin(async move {
                    let mu = Mutex::new();
                    let wg = WaitGroup::new();
                    // The first holds the lock while the others queue up, each
                    // arriving in a later millisecond: an idle thread waits for
                    // timers in whole milliseconds, as Go's poller does, so two
                    // sleeps ending within one would race to the queue.
                    mu.lock(0).await;
                    for i in 0..8u32 {
                        wg.add(1);
                        let (mu, wg, inside, order) =
                            (mu.clone(), wg.clone(), inside.clone(), order.clone());
                        go(Role::Worker, i, async move {
                            sleep(Nanos::from_ms(u64::from(i) * 2), 0).await;
                            mu.lock(0).await;
                            assert_eq!(inside.fetch_add(1, Ordering::AcqRel), 0, "two inside");
                            sleep(Nanos::from_us(100), 0).await;
                            inside.fetch_sub(1, Ordering::AcqRel);
                            lock(&order).push(i);
                            mu.unlock();
                            wg.done();
                        });
                    }
                    sleep(Nanos::from_ms(20), 0).await;
                    mu.unlock();
                    wg.wait(0).await;
                })
            },
            Arc::default(),
            Nanos::from_ms(5_000),
        );
        assert!(
            !finished.stopped && finished.panicked.is_none(),
            "{:?}",
            finished.panicked
        );
        assert_eq!(inside_seen.load(Ordering::Acquire), 0);
        assert_eq!(*lock(&order_seen), (0..8).collect::<Vec<u32>>());
    }
}
