//! The run's one monotonic clock: nanoseconds since the run started, read by every thread on one time axis.
//!
//! Natively that is `Instant`. In the browser `Instant::now()` panics, and
//! each Web Worker's `performance.now()` counts from that worker's own
//! `timeOrigin`, so two workers' readings are not comparable; the clock
//! reads `performance.timeOrigin + performance.now()`, one axis for the
//! page and every worker.

use gobalance_core::Nanos;

#[derive(Clone, Copy, Debug)]
pub struct Clock {
    origin: Origin,
}

#[cfg(not(target_arch = "wasm32"))]
type Origin = std::time::Instant;

/// Milliseconds on the page's shared axis when the run started.
#[cfg(target_arch = "wasm32")]
type Origin = f64;

impl Clock {
    pub fn start() -> Clock {
        Clock {
            origin: origin_now(),
        }
    }

    pub fn now(&self) -> Nanos {
        elapsed_since(self.origin)
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn origin_now() -> Origin {
    std::time::Instant::now()
}

#[cfg(not(target_arch = "wasm32"))]
fn elapsed_since(origin: Origin) -> Nanos {
    Nanos(origin.elapsed().as_nanos() as u64)
}

#[cfg(target_arch = "wasm32")]
fn origin_now() -> Origin {
    shared_axis_ms()
}

#[cfg(target_arch = "wasm32")]
fn elapsed_since(origin: Origin) -> Nanos {
    Nanos(((shared_axis_ms() - origin).max(0.0) * 1e6) as u64)
}

/// `performance.timeOrigin + performance.now()` of this thread's global
/// scope (the window's or a worker's), looked up once per thread.
#[cfg(target_arch = "wasm32")]
fn shared_axis_ms() -> f64 {
    use wasm_bindgen::JsCast;
    thread_local! {
        static PERFORMANCE: Option<web_sys::Performance> =
            js_sys::Reflect::get(&js_sys::global(), &"performance".into())
                .ok()
                .and_then(|value| value.dyn_into::<web_sys::Performance>().ok());
    }
    PERFORMANCE.with(|performance| {
        performance
            .as_ref()
            .map_or(0.0, |p| p.time_origin() + p.now())
    })
}
