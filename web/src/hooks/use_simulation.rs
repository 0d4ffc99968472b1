//! Runs the current scenario whenever it changes: on the pool with progress and cancel, or small runs on the page without one.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use gloo_timers::callback::Interval;
use gloo_timers::future::TimeoutFuture;
use yew::prelude::*;

use crate::pool;
use crate::sim::{self, Progress, Request, RunError};
use crate::state::{Action, Shared, State};

/// How often the page reads a running simulation's progress.
const PROGRESS_POLL_MS: u32 = 100;

/// Starts a run at every new generation once it is known whether there is a
/// pool; returns the callback that cancels the run in progress.
#[hook]
pub fn use_simulation(state: &UseReducerHandle<State>) -> Callback<()> {
    let current: Rc<RefCell<Option<Arc<Progress>>>> = use_mut_ref(|| None);
    {
        let current = current.clone();
        let dispatcher = state.dispatcher();
        let request = state.request();
        let generation = state.run.generation;
        let settled = state.boot.threads.settled();
        let on_pool = state.boot.threads.pool();
        use_effect_with((generation, settled, on_pool), move |_| {
            // A newer scenario makes the running one pointless.
            if let Some(old) = current.borrow_mut().take() {
                old.cancel();
            }
            if settled {
                let progress = Arc::new(Progress::default());
                *current.borrow_mut() = Some(progress.clone());
                dispatcher.dispatch(Action::RunStarted { generation });
                wasm_bindgen_futures::spawn_local(run(
                    request, generation, on_pool, progress, dispatcher,
                ));
            }
        });
    }
    use_callback((), move |(), ()| {
        if let Some(progress) = current.borrow().as_ref() {
            progress.cancel();
        }
    })
}

async fn run(
    request: Request,
    generation: u64,
    on_pool: bool,
    progress: Arc<Progress>,
    dispatcher: UseReducerDispatcher<State>,
) {
    let result = if on_pool {
        let poll = {
            let progress = progress.clone();
            let dispatcher = dispatcher.clone();
            Interval::new(PROGRESS_POLL_MS, move || {
                dispatcher.dispatch(Action::RunProgress {
                    generation,
                    seen: progress.seen(),
                });
            })
        };
        let result = pool::run(move || sim::session(&request, &progress, true)).await;
        drop(poll);
        result
    } else {
        if let Some(message) = request.main_thread_refusal() {
            dispatcher.dispatch(Action::RunRefused {
                generation,
                message,
            });
            return;
        }
        // Let the page paint "simulating" before the main thread is busy.
        TimeoutFuture::new(0).await;
        sim::session(&request, &progress, false)
    };
    dispatcher.dispatch(match result {
        Ok(session) => Action::RunFinished {
            generation,
            session: Shared(Rc::new(session)),
        },
        Err(RunError::Cancelled) => Action::RunCancelled { generation },
        Err(RunError::Failed(message)) => Action::RunFailed {
            generation,
            message,
        },
    });
}
