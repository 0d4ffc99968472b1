//! Runs the scenario for real when asked: the prediction and the real run on the pool's threads, progress polled, cancellable; returns the cancel callback.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use gloo_timers::callback::Interval;
use gobalance_core::{simulate_with, Kind, Nanos, Role, Scenario};
use gobalance_real::compare::{explain, left_behind};
use gobalance_real::{check_size, run_with, Control};
use yew::prelude::*;

use crate::gantt::Gantt;
use crate::pool;
use crate::state::{Action, RealResult, RealStatus, Shared, State};

/// A real run may take this many times its prediction (and at least two
/// seconds) before it is stopped as hung.
const PREDICTED_TIMES_MAX: u64 = 5;

#[hook]
pub fn use_real_run(state: &UseReducerHandle<State>) -> Callback<()> {
    let current: Rc<RefCell<Option<Arc<Control>>>> = use_mut_ref(|| None);
    let dispatcher = state.dispatcher();
    let scenario = (*state.run.scenario).clone();
    let request = state.real.request;
    let wanted = matches!(state.real.status, RealStatus::Running { .. });
    let pool_threads = state.boot.threads.count();
    {
        let current = current.clone();
        use_effect_with(request, move |_| {
            if let Some(old) = current.borrow_mut().take() {
                old.cancel();
            }
            if !wanted {
                return;
            }
            let control = Arc::new(Control::default());
            *current.borrow_mut() = Some(control.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let poll = {
                    let control = control.clone();
                    let dispatcher = dispatcher.clone();
                    Interval::new(100, move || {
                        dispatcher.dispatch(Action::RealProgress {
                            request,
                            tasks_ended: control.tasks_ended(),
                        });
                    })
                };
                let result = match pool_threads {
                    None => Err(
                        "Real mode needs the worker threads, and they are off (see Threads below)."
                            .to_owned(),
                    ),
                    Some(threads) => {
                        pool::run(move || real_beside_prediction(&scenario, threads, control)).await
                    }
                };
                drop(poll);
                dispatcher.dispatch(match result {
                    Ok(result) => Action::RealFinished {
                        request,
                        result: Shared(Rc::new(result)),
                    },
                    Err(message) => Action::RealFailed { request, message },
                });
            });
        });
    }
    Callback::from(move |()| {
        if let Some(control) = current.borrow().as_ref() {
            control.cancel();
        }
    })
}

/// The goroutines alive when main returned, named as the timeline names
/// them, on the line where each stood.
fn cursors(real: &gobalance_real::RealRun) -> Vec<(u32, String, u16)> {
    real.alive
        .iter()
        .map(|alive| {
            let name = real
                .events
                .iter()
                .find(|e| e.kind() == Kind::Spawn && e.g == alive.goroutine)
                .map_or_else(
                    || format!("goroutine {}", alive.goroutine),
                    |spawn| match Role::from_u32(spawn.b).unwrap_or(Role::Worker) {
                        role @ (Role::Worker | Role::Forwarder) => {
                            format!("{} {}", role.name(), spawn.c)
                        }
                        role => role.name().to_owned(),
                    },
                );
            (alive.goroutine, name, alive.line)
        })
        .collect()
}

/// On a pool thread: the prediction, then the real run on as many threads
/// as the scenario has cores, if the pool has them.
fn real_beside_prediction(
    scenario: &Scenario,
    pool_threads: u32,
    control: Arc<Control>,
) -> Result<RealResult, String> {
    let cores = scenario.machine.cores;
    if cores > pool_threads {
        return Err(format!(
            "The prediction is for {cores} cores, and this page has {pool_threads} worker threads: \
             press “Predict for this machine” to predict for {pool_threads}, or lower cores."
        ));
    }
    let prediction = simulate_with(scenario, true, None)
        .map_err(|error| format!("The prediction failed: {error}"))?;
    let predicted = prediction.metrics;
    check_size(scenario, predicted.makespan).map_err(|error| error.to_string())?;
    let limit = Nanos((predicted.makespan.0 * PREDICTED_TIMES_MAX).max(2_000_000_000));
    let real = run_with(scenario, cores, limit, control).map_err(|error| {
        let message = error.to_string();
        let mut chars = message.chars();
        chars.next().map_or(message.clone(), |first| {
            first.to_uppercase().chain(chars).collect()
        })
    })?;
    Ok(RealResult {
        explanation: explain(scenario, &predicted, &real.metrics, pool_threads),
        left: left_behind(scenario, &real.alive),
        cursors: cursors(&real),
        predicted_gantt: Gantt::of(&prediction.events, cores),
        real_gantt: Gantt::of(&real.events, real.threads),
        predicted,
        real: real.metrics,
        threads: real.threads,
    })
}
