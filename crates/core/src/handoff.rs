//! Folding a run's events on a thread the platform lends (the page's worker pool), never waiting for it to start: the engine folds the chunks itself when they pile up.
//!
//! Natively the recorder gets a thread of its own ([`crate::pipeline`]). In
//! the page a second thread is a job on the pool of Web Workers, which may
//! be busy with other runs (the columns of a comparison) and start the job
//! late or only after this run is over. An engine that waited for it could
//! wait for ever, so:
//!
//! 1. The engine folds the near half of the recorder (hash, metrics, chart:
//!    [`crate::Near`]) as each event comes, so the two threads share the
//!    work, fills a chunk of events and queues it.
//! 2. The lent thread's job folds the far half (the timeline:
//!    [`crate::Far`]) a chunk at a time, in order, sleeping on a condition
//!    variable when none is queued.
//! 3. When more than [`CHUNKS_IN_FLIGHT`] are queued (the job has not started,
//!    or is slower), the engine takes the far half and folds down to half
//!    itself: it may wait for the job to finish the chunk in its hands, never
//!    for the job to start.
//! 4. At the end the engine folds what is left and takes the far half back;
//!    a job that starts later finds it gone and returns.
//!
//! Chunks are folded in the order they were queued, whoever folds them, so
//! the recorder sees the same events in the same order as on one thread.

use crate::runtime::Sink;
use crate::trace::Event;
use crate::{Far, Near, Recorder};
use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock, PoisonError};

/// Lends a thread: runs the job elsewhere, later, or (if it must) never.
pub type Lender = fn(Box<dyn FnOnce() + Send>);

static LENDER: OnceLock<Lender> = OnceLock::new();

/// From now on, large runs fold their events on threads `lender` lends
/// (the page's worker pool, once it has started). The first lender stays.
pub fn lend_threads(lender: Lender) {
    let _ = LENDER.set(lender);
}

/// Lends nothing: the engine folds every chunk itself.
#[cfg_attr(
    not(target_arch = "wasm32"),
    expect(
        dead_code,
        reason = "natively a run without a second thread folds in line"
    )
)]
pub(crate) const NOT_LENT: Lender = drop;

pub(crate) fn lender() -> Option<Lender> {
    LENDER.get().copied()
}

/// Events per chunk, as the native pipeline's: the timeline's budget is
/// checked at each chunk's first event.
const CHUNK_EVENTS: usize = crate::BUDGET_CHECK_EVENTS as usize;

/// Chunks queued before the engine folds some itself: 6 MiB of events.
const CHUNKS_IN_FLIGHT: usize = 8;

struct Queue {
    /// Each chunk with what the run held after its first event.
    chunks: VecDeque<(Vec<Event>, usize)>,
    /// The engine has queued its last chunk.
    finished: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    queued: Condvar,
    /// `None` once the engine has taken it back.
    far: Mutex<Option<Far>>,
}

/// A poisoned lock means a panic elsewhere, which the engine reports: the
/// data is still the recorder's, in order.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    /// Folds queued chunks in order while `more(chunks queued)` says so.
    /// False once the recorder has been taken back.
    fn fold(&self, mut more: impl FnMut(usize) -> bool) -> bool {
        let mut far = lock(&self.far);
        let Some(far) = far.as_mut() else {
            return false;
        };
        loop {
            let (chunk, run_bytes) = {
                let mut queue = lock(&self.queue);
                if !more(queue.chunks.len()) {
                    return true;
                }
                match queue.chunks.pop_front() {
                    Some(chunk) => chunk,
                    None => return true,
                }
            };
            far.chunk(&chunk, run_bytes);
        }
    }

    /// The lent thread's job (step 2).
    fn job(&self) {
        loop {
            {
                let mut queue = lock(&self.queue);
                while queue.chunks.is_empty() && !queue.finished {
                    queue = self
                        .queued
                        .wait(queue)
                        .unwrap_or_else(PoisonError::into_inner);
                }
                if queue.chunks.is_empty() {
                    return;
                }
            }
            // One chunk a turn, so the engine can step in between.
            let mut once = true;
            if !self.fold(|_| std::mem::take(&mut once)) {
                return;
            }
        }
    }
}

/// The engine's sink: fills a chunk, queues it when full (steps 1 and 3).
pub(crate) struct Lent {
    near: Near,
    chunk: Vec<Event>,
    /// What the run held after the chunk's first event.
    run_bytes: usize,
    shared: Arc<Shared>,
}

impl Lent {
    fn queue(&mut self) -> usize {
        let chunk = std::mem::take(&mut self.chunk);
        let queued = {
            let mut queue = lock(&self.shared.queue);
            queue.chunks.push_back((chunk, self.run_bytes));
            queue.chunks.len()
        };
        self.shared.queued.notify_one();
        queued
    }
}

impl Sink for Lent {
    fn event(&mut self, e: &Event) {
        self.near.event(e);
        if self.chunk.is_empty() {
            self.run_bytes = self.near.run_memory_bytes();
        }
        self.chunk.push(*e);
        if self.chunk.len() == CHUNK_EVENTS && self.queue() > CHUNKS_IN_FLIGHT {
            self.shared.fold(|queued| queued > CHUNKS_IN_FLIGHT / 2);
        }
    }
}

/// Runs `engine` on this thread with a sink that hands its events to a job
/// `lender` runs; returns what the engine returned and the recorder once it
/// has folded every event (step 4).
pub(crate) fn beside<R>(
    recorder: Recorder,
    lender: Lender,
    engine: impl FnOnce(&mut Lent) -> R,
) -> (R, Recorder) {
    let Recorder { near, far } = recorder;
    let shared = Arc::new(Shared {
        queue: Mutex::new(Queue {
            chunks: VecDeque::new(),
            finished: false,
        }),
        queued: Condvar::new(),
        far: Mutex::new(Some(far)),
    });
    {
        let shared = shared.clone();
        lender(Box::new(move || shared.job()));
    }
    // Grown as events come: a small run's chunk stays small.
    let mut lent = Lent {
        near,
        chunk: Vec::new(),
        run_bytes: 0,
        shared: shared.clone(),
    };
    let result = engine(&mut lent);
    lent.queue();
    lock(&shared.queue).finished = true;
    shared.queued.notify_all();
    shared.fold(|_| true);
    let far = lock(&shared.far)
        .take()
        .expect("only the engine takes the recorder back, once");
    (
        result,
        Recorder {
            near: lent.near,
            far,
        },
    )
}
