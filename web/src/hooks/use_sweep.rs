//! Runs the worker-count sweep when asked: every count in parallel on the pool, or small sweeps on the page without one; a sweep for real runs each count for real on the pool, one after another.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use gloo_timers::callback::Interval;
use gloo_timers::future::TimeoutFuture;
use gobalance_real::Control;
use yew::prelude::*;

use crate::pool;
use crate::sim::{self, RunError, SweepProgress, MAIN_THREAD_TASKS_MAX};
use crate::state::{Action, State, SweepState};

#[hook]
pub fn use_sweep(state: &UseReducerHandle<State>) {
    let current: Rc<RefCell<Option<(Arc<SweepProgress>, Arc<Control>)>>> = use_mut_ref(|| None);
    let dispatcher = state.dispatcher();
    let scenario = (*state.run.scenario).clone();
    let request = state.sweep.request;
    let wanted = matches!(state.sweep.status, SweepState::Running { .. });
    let for_real = state.sweep.real;
    let pool_threads = state.boot.threads.count();
    let on_pool = pool_threads.is_some();
    use_effect_with(request, move |_| {
        if let Some((old, old_control)) = current.borrow_mut().take() {
            old.cancel.store(true, Ordering::Relaxed);
            old_control.cancel();
        }
        if !wanted {
            return;
        }
        let counts = sim::sweep_counts(&scenario);
        let total = counts.len() as u32;
        let progress = Arc::new(SweepProgress::default());
        let control = Arc::new(Control::default());
        *current.borrow_mut() = Some((progress.clone(), control.clone()));
        wasm_bindgen_futures::spawn_local(async move {
            let result = if on_pool {
                let poll = {
                    let progress = progress.clone();
                    let dispatcher = dispatcher.clone();
                    Interval::new(100, move || {
                        dispatcher.dispatch(Action::SweepProgress {
                            request,
                            done: progress.done.load(Ordering::Relaxed),
                            total,
                        });
                    })
                };
                let result = pool::run(move || match pool_threads {
                    Some(threads) if for_real => {
                        sim::sweep_for_real(&scenario, &counts, &progress, &control, threads)
                    }
                    _ => sim::sweep(&scenario, &counts, &progress, true),
                })
                .await;
                drop(poll);
                result
            } else if scenario.workload.tasks.saturating_mul(total) > MAIN_THREAD_TASKS_MAX {
                Err(RunError::Failed(
                    "The sweep needs worker threads for this many tasks; they are off \
                     (see Threads below)."
                        .to_owned(),
                ))
            } else {
                TimeoutFuture::new(0).await;
                sim::sweep(&scenario, &counts, &progress, false)
            };
            dispatcher.dispatch(match result {
                Ok(points) => Action::SweepFinished { request, points },
                Err(RunError::Cancelled) => Action::SweepFailed {
                    request,
                    message: "cancelled".to_owned(),
                },
                Err(RunError::Failed(message)) => Action::SweepFailed { request, message },
            });
        });
    });
}
