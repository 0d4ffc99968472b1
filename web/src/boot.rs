//! The page's start-up effect: check isolation, start the pool, run the warm-up job on it.

use yew::UseReducerDispatcher;

use crate::job;
use crate::pool;
use crate::state::{Action, State};

/// Runs once when the app mounts; reports each step to the reducer as it happens.
pub async fn boot(dispatch: UseReducerDispatcher<State>) {
    let window = web_sys::window().expect("the app runs in a browser window");
    let isolated = pool::is_cross_origin_isolated();
    dispatch.dispatch(Action::IsolationChecked { isolated });
    if !isolated {
        // Starting workers would fail with a DataCloneError: no SharedArrayBuffer.
        return;
    }

    // A JS number that browsers report as a small positive integer.
    let requested = (window.navigator().hardware_concurrency() as u32).max(1);
    dispatch.dispatch(Action::PoolStarting { requested });
    match pool::start(requested as usize).await {
        Ok(count) => dispatch.dispatch(Action::PoolStarted {
            count: u32::try_from(count).unwrap_or(u32::MAX),
        }),
        Err(message) => {
            dispatch.dispatch(Action::PoolFailed { message });
            return;
        }
    }

    let limit = job::WARM_UP_LIMIT;
    dispatch.dispatch(Action::JobStarted { limit });
    let performance = window.performance();
    let now_ms = || performance.as_ref().map_or(0.0, web_sys::Performance::now);
    let started_ms = now_ms();
    let primes = pool::run(move || job::count_primes_parallel(limit)).await;
    let elapsed_ms = (now_ms() - started_ms).round() as u32;
    dispatch.dispatch(Action::JobFinished { primes, elapsed_ms });
}
