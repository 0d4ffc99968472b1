//! The rayon thread pool: started once per page, and the one way to run work on it.
//!
//! In the browser the pool's threads are Web Workers sharing the wasm memory
//! (wasm-bindgen-rayon). That needs `SharedArrayBuffer`, which the browser
//! only gives a cross-origin isolated page. Natively the same API builds an
//! ordinary rayon pool, so code above it is tested with `cargo test`.

/// Whether the browser gives this page `SharedArrayBuffer`, which the pool needs.
///
/// Read through `Reflect` because web-sys has no binding for
/// `crossOriginIsolated`; a missing property (an old browser) counts as no.
pub fn is_cross_origin_isolated() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"crossOriginIsolated".into())
        .ok()
        .and_then(|value| value.as_bool())
        .unwrap_or(false)
}

/// Starts the global rayon pool with `threads` threads and returns how many it has.
///
/// Call it once per page: rayon's global pool cannot be rebuilt.
#[cfg(target_arch = "wasm32")]
pub async fn start(threads: usize) -> Result<usize, String> {
    let started = wasm_bindgen_rayon::init_thread_pool(threads);
    wasm_bindgen_futures::JsFuture::from(started)
        .await
        .map_err(|error| format!("the Web Workers did not start: {error:?}"))?;
    let threads = rayon::current_num_threads();
    // A large run's timeline and chart are then built on a second worker
    // while the engine runs on, when one is free (gobalance_core::handoff).
    if threads >= 2 {
        gobalance_core::handoff::lend_threads(|job| rayon::spawn(job));
    }
    Ok(threads)
}

/// Starts the global rayon pool with `threads` threads and returns how many it has.
///
/// Call it once per process: rayon's global pool cannot be rebuilt.
#[cfg(not(target_arch = "wasm32"))]
pub async fn start(threads: usize) -> Result<usize, String> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global()
        .map_err(|error| format!("the rayon pool did not start: {error}"))?;
    Ok(rayon::current_num_threads())
}

/// Runs `job` on the pool and resolves with its result.
///
/// The caller only awaits: the browser forbids blocking its main thread
/// (no `Atomics.wait` there), so the result comes back through a oneshot
/// channel whose waker wasm-bindgen-futures calls from the worker.
pub async fn run<R, Job>(job: Job) -> R
where
    R: Send + 'static,
    Job: FnOnce() -> R + Send + 'static,
{
    let (result_sender, result_receiver) = futures_channel::oneshot::channel();
    rayon::spawn(move || {
        // The receiver is gone only if the page stopped waiting; nothing to do then.
        let _ = result_sender.send(job());
    });
    result_receiver
        .await
        .expect("a job on the rayon pool panicked before it sent its result")
}
