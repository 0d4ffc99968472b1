//! Runs the current scenario whenever it changes: on the pool with progress and cancel, small runs on the page without one, and the learner's program in its worker.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use gloo_timers::callback::Interval;
use gloo_timers::future::TimeoutFuture;
use yew::prelude::*;

use gobalance_core::link::{self, Link, View};
use gobalance_core::{Event, Scenario};
use std::sync::atomic::Ordering;

use crate::program_worker::{self, NotRun, ProgramText};
use crate::sim::{self, Budget, Progress, Request, RunError};
use crate::state::{Action, Shared, State};
use crate::{pool, program};

/// How often the page reads a running simulation's progress.
const PROGRESS_POLL_MS: u32 = 100;
/// Without a pool, a program's run of at most this many events is replayed
/// on the page's main thread (a few hundred milliseconds); more are refused.
const MAIN_THREAD_EVENTS_MAX: u64 = 200_000;

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
    if let Some(program) = &request.program {
        let scenario = request.scenario.clone();
        return run_program(program, scenario, generation, on_pool, progress, dispatcher).await;
    }
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

/// The learner's program: run in the program worker, its report shown at
/// once, its events replayed into a session (on the pool when there is one).
async fn run_program(
    program: &ProgramText,
    scenario: Scenario,
    generation: u64,
    on_pool: bool,
    progress: Arc<Progress>,
    dispatcher: UseReducerDispatcher<State>,
) {
    let link = link::to_query(&Link {
        scenario: scenario.clone(),
        view: View::default(),
    });
    let answer = match program_worker::run(program, &link).await {
        Ok(answer) => answer,
        // A newer edit runs instead, and answers for the page.
        Err(NotRun::Replaced) => return,
        Err(NotRun::Failed(message)) => {
            return dispatcher.dispatch(Action::RunFailed {
                generation,
                message,
            })
        }
        Err(NotRun::Refused(message)) => {
            return dispatcher.dispatch(Action::ProgramRefused {
                generation,
                message,
            })
        }
    };
    let compiled = answer.report.compiled;
    dispatcher.dispatch(Action::ProgramReported {
        generation,
        report: Shared(Rc::new(answer.report)),
    });
    if !compiled {
        return dispatcher.dispatch(Action::ProgramDoesNotCompile { generation });
    }
    // Cancelled, or outdated by a newer edit, while the worker ran it.
    if progress.cancel.load(Ordering::Relaxed) {
        return dispatcher.dispatch(Action::RunCancelled { generation });
    }
    let events = (answer.events.len() / Event::BYTES) as u64;
    if !on_pool && events > MAIN_THREAD_EVENTS_MAX {
        return dispatcher.dispatch(Action::RunRefused {
            generation,
            message: format!(
                "Your program's run has {} events; without worker threads the page replays \
                 at most {} on its main thread, so that it never freezes. Serve the page \
                 cross-origin isolated (see Threads below), or run fewer tasks.",
                crate::fmt::count(events),
                crate::fmt::count(MAIN_THREAD_EVENTS_MAX)
            ),
        });
    }
    let replay = move || {
        program::session(
            &scenario,
            &answer.events,
            answer.outcome,
            &Budget::default(),
        )
    };
    let session = if on_pool {
        pool::run(replay).await
    } else {
        replay()
    };
    dispatcher.dispatch(match session {
        Ok(session) => Action::RunFinished {
            generation,
            session: Shared(Rc::new(session)),
        },
        Err(message) => Action::RunFailed {
            generation,
            message,
        },
    });
}
