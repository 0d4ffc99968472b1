//! Folding a run's events on a second thread while the engine runs on: the engine hands over full chunks and reuses the emptied ones.

use crate::Recorder;
#[cfg(not(target_arch = "wasm32"))]
use crate::{runtime::Sink, trace::Event};
#[cfg(not(target_arch = "wasm32"))]
use std::sync::mpsc;

/// Events per chunk: 768 KiB, small enough to stay in cache between the two
/// threads, big enough that waking the other thread is rare.
#[cfg(not(target_arch = "wasm32"))]
const CHUNK_EVENTS: usize = 32768;

/// Full chunks that may wait for the recorder before the engine waits too.
#[cfg(not(target_arch = "wasm32"))]
const CHUNKS_IN_FLIGHT: usize = 4;

/// Whether a second thread would get a core of its own.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn second_core() -> bool {
    std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2)
}

#[cfg(target_arch = "wasm32")]
pub(crate) fn second_core() -> bool {
    false
}

/// Runs `engine` on this thread with a sink that ships its events to
/// `recorder` on a second thread; returns what the engine returned and the
/// recorder once it has every event. The recorder sees the same events in the
/// same order as it would on one thread, so the run is the same. If no thread
/// can be started, the recorder takes each chunk on this thread instead.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn beside<R>(
    mut recorder: Recorder,
    engine: impl FnOnce(&mut Shipper<'_>) -> R,
) -> (R, Recorder) {
    let (recorder_tx, recorder_rx) = mpsc::channel::<Recorder>();
    let (full_tx, full_rx) = mpsc::sync_channel::<Vec<Event>>(CHUNKS_IN_FLIGHT);
    let (empty_tx, empty_rx) = mpsc::channel::<Vec<Event>>();
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("gobalance-recorder".into())
            .spawn_scoped(scope, move || {
                let mut recorder = recorder_rx.recv().ok()?;
                for mut chunk in full_rx {
                    recorder.events(&chunk);
                    chunk.clear();
                    // The engine may have finished and gone; then nobody needs the chunk back.
                    let _ = empty_tx.send(chunk);
                }
                Some(recorder)
            });
        let Ok(folding) = spawned else {
            let result = ship_to(Destination::Here(&mut recorder), engine);
            return (result, recorder);
        };
        recorder_tx
            .send(recorder)
            .expect("the recorder thread waits for its recorder");
        let to = Destination::Thread {
            full: full_tx,
            empty: empty_rx,
        };
        // Shipping the last chunk and dropping the sender ends the recorder's loop.
        let result = ship_to(to, engine);
        let recorder = folding
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            .expect("the recorder thread got its recorder");
        (result, recorder)
    })
}

/// Runs `engine` with a [`Shipper`] to `to`, and ships what is left at the end.
#[cfg(not(target_arch = "wasm32"))]
fn ship_to<R>(to: Destination<'_>, engine: impl FnOnce(&mut Shipper<'_>) -> R) -> R {
    let mut shipper = Shipper {
        chunk: Vec::with_capacity(CHUNK_EVENTS),
        to,
    };
    let result = engine(&mut shipper);
    shipper.ship();
    result
}

/// wasm32-unknown-unknown has no `std` threads (the page lends its worker
/// pool's instead, [`crate::handoff`]): here the engine folds its own
/// chunks, through the same sink as a lent run, so the wasm holds one copy
/// of the engine.
#[cfg(target_arch = "wasm32")]
pub(crate) fn beside<R>(
    recorder: Recorder,
    engine: impl FnOnce(&mut crate::handoff::Lent) -> R,
) -> (R, Recorder) {
    crate::handoff::beside(recorder, crate::handoff::NOT_LENT, engine)
}

#[cfg(not(target_arch = "wasm32"))]
enum Destination<'r> {
    Thread {
        full: mpsc::SyncSender<Vec<Event>>,
        empty: mpsc::Receiver<Vec<Event>>,
    },
    Here(&'r mut Recorder),
}

/// The engine's sink on the pipeline: fills a chunk, ships it when full.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) struct Shipper<'r> {
    chunk: Vec<Event>,
    to: Destination<'r>,
}

#[cfg(not(target_arch = "wasm32"))]
impl Shipper<'_> {
    fn ship(&mut self) {
        if self.chunk.is_empty() {
            return;
        }
        match &mut self.to {
            Destination::Thread { full, empty } => {
                let next = empty
                    .try_recv()
                    .unwrap_or_else(|_| Vec::with_capacity(CHUNK_EVENTS));
                let chunk = std::mem::replace(&mut self.chunk, next);
                // The recorder only stops early by panicking, which `beside` re-raises.
                let _ = full.send(chunk);
            }
            Destination::Here(recorder) => {
                recorder.events(&self.chunk);
                self.chunk.clear();
            }
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Sink for Shipper<'_> {
    fn event(&mut self, e: &Event) {
        self.chunk.push(*e);
        if self.chunk.len() == CHUNK_EVENTS {
            self.ship();
        }
    }
}
