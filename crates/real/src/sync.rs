//! `sync.WaitGroup` and `context.WithCancel` for real goroutines.

use crate::chan::Chan;
use crate::executor::parking_on;
use gobalance_core::BlockOn;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// `sync.WaitGroup`.
#[derive(Clone, Default)]
pub struct WaitGroup(Arc<Mutex<WaitGroupState>>);

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
