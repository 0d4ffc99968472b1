//! Real mode: the scenario run for real on this machine's worker threads, its measurement beside the prediction, and what differs from Go.

use gobalance_core::program::display_source;
use gobalance_core::strategies::go_source;
use gobalance_core::{Metrics, Nanos, Strategy};
use gobalance_real::compare::describe;
use yew::prelude::*;

use crate::components::code_line::CodeLine;
use crate::components::code_view::Cursor;
use crate::components::metrics_panel::bar;
use crate::components::real_gantt::RealGantt;
use crate::fmt;
use crate::state::{Action, RealResult, RealStatus, Shared, Threads};

/// Worker bars drawn, as the metrics panel draws at most.
const BARS_MAX: usize = 32;

#[derive(Properties, PartialEq)]
pub struct RealPanelProps {
    pub status: RealStatus,
    pub threads: Threads,
    /// Why threads are off, when they are.
    pub threads_off: Option<AttrValue>,
    /// The scenario's cores: how many threads the real run gets.
    pub cores: u32,
    pub strategy: Strategy,
    pub on_action: Callback<Action>,
    pub on_cancel: Callback<()>,
}

#[function_component(RealPanel)]
pub fn real_panel(props: &RealPanelProps) -> Html {
    let running = matches!(props.status, RealStatus::Running { .. });
    let count = props.threads.count();
    let run = props
        .on_action
        .reform(|_: MouseEvent| Action::RealRequested);
    let predict_here = count.map(|n| {
        props.on_action.reform(move |_: MouseEvent| Action::Edit {
            key: "cores".into(),
            text: n.to_string(),
        })
    });
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let state = match props.status {
        RealStatus::Idle => "idle",
        RealStatus::Running { .. } => "running",
        RealStatus::Ready(_) => "ready",
        RealStatus::Failed(_) => "failed",
    };
    html! {
        <section class="panel real" data-testid="real" data-state={state} aria-labelledby="real-heading">
            <h2 id="real-heading">{ "Run for real" }</h2>
            <p>
                { match count {
                    Some(n) => format!(
                        "Runs this scenario for real on {} of this machine's {n} worker threads, beside the prediction for {} cores: \
                         its goroutines share the threads as Go's share its Ps, and one that waits holds no thread. ",
                        props.cores, props.cores),
                    None => "Runs this scenario for real on this machine's worker threads, beside the prediction. ".to_owned(),
                } }
            </p>
            if let Some(reason) = &props.threads_off {
                <p class="why" data-testid="real-off">{ format!("Real mode is off. {reason}") }</p>
            }
            <p class="actions">
                <button data-testid="real-run" onclick={run} disabled={running || count.is_none()}>{ "Run for real" }</button>
                { " " }
                <button data-testid="predict-here" onclick={predict_here.unwrap_or_default()}
                    disabled={count.is_none_or(|n| n == props.cores) || running}>
                    { match count {
                        Some(n) => format!("Predict for this machine ({n} cores)"),
                        None => "Predict for this machine".to_owned(),
                    } }
                </button>
            </p>
            { match &props.status {
                RealStatus::Idle => html! {},
                RealStatus::Running { tasks_ended, tasks } => html! {
                    <div class="real-running">
                        <progress data-testid="real-progress" max={tasks.max(&1).to_string()} value={tasks_ended.to_string()}
                            aria-label="tasks run for real" />
                        <span role="status">{ format!(" {tasks_ended} of {tasks} tasks ended. The worker threads are busy: a simulation or sweep asked for meanwhile waits for them. ") }</span>
                        <button data-testid="real-cancel" onclick={cancel}>{ "Cancel" }</button>
                    </div>
                },
                RealStatus::Failed(message) => html! { <p class="why" role="alert" data-testid="real-error">{ message.clone() }</p> },
                RealStatus::Ready(result) => ready(result, props.strategy),
            } }
            <details class="real-differences">
                <summary>{ "Where a real run differs from Go" }</summary>
                <p>{ "A computing goroutine is never preempted: it keeps its thread until it waits or ends, where Go's \
                      scheduler stops one after 10 ms so another can run. A woken goroutine waits at the back of its \
                      thread's queue, not in Go's runnext slot. Timers fire when a thread next looks at them; in a Web \
                      Worker the clock resolves to 5 µs (100 µs on a page that is not cross-origin isolated). Computing \
                      is a spin loop calibrated once at start-up, so a machine that slows down meanwhile computes longer." }</p>
            </details>
        </section>
    }
}

/// The lines of the Go program where goroutines stood when main returned,
/// each with their cursors, as the code view draws them.
fn where_they_stood(strategy: Strategy, stood: &[(u32, String, u16)]) -> Html {
    let source = display_source(go_source(strategy));
    let mut lines: Vec<u16> = stood.iter().map(|c| c.2).filter(|&l| l > 0).collect();
    lines.sort_unstable();
    lines.dedup();
    let noop = Callback::from(|_: Action| ());
    html! {
        <ol class="code real-code" data-testid="real-code" aria-label="where the goroutines left stood in the Go program">
            { for lines.into_iter().filter_map(|line| {
                let text = source.lines().nth(usize::from(line) - 1)?;
                let cursors: Vec<Cursor> = stood
                    .iter()
                    .filter(|c| c.2 == line)
                    .map(|(g, name, _)| (*g, name.clone(), false))
                    .collect();
                Some(html! {
                    <CodeLine key={usize::from(line)} number={usize::from(line)} text={AttrValue::from(text.to_owned())}
                        {cursors} selected={false} on_action={noop.clone()} />
                })
            }) }
        </ol>
    }
}

fn ready(result: &Shared<RealResult>, strategy: Strategy) -> Html {
    let (p, r) = (&result.predicted, &result.real);
    let time_row = |label: &str, predicted: Nanos, real: Nanos| {
        row(
            label,
            fmt::duration(predicted),
            fmt::duration(real),
            difference(predicted.as_ms_f64(), real.as_ms_f64()),
        )
    };
    let count_row = |label: &str, predicted: u32, real: u32| {
        row(
            label,
            predicted.to_string(),
            real.to_string(),
            difference(f64::from(predicted), f64::from(real)),
        )
    };
    html! {
        <>
            <table class="real-table" data-testid="real-table">
                <caption>{ format!("Predicted for {} cores, and measured on {} threads", result.threads, result.threads) }</caption>
                <thead><tr><th scope="col">{ "measure" }</th><th scope="col">{ "predicted" }</th><th scope="col">{ "real" }</th><th scope="col">{ "difference" }</th></tr></thead>
                <tbody>
                    { time_row("makespan", p.makespan, r.makespan) }
                    { row("efficiency", fmt::percent(p.efficiency()), fmt::percent(r.efficiency()), difference(p.efficiency(), r.efficiency())) }
                    { time_row("latency p50", p.latency_p50, r.latency_p50) }
                    { time_row("latency p95", p.latency_p95, r.latency_p95) }
                    { count_row("tasks done", p.tasks_done, r.tasks_done) }
                    { count_row("steals", p.steals, r.steals) }
                    { count_row("leaked", p.leaked, r.leaked) }
                </tbody>
            </table>
            if !result.left.is_empty() {
                <div data-testid="real-left">
                    <p>{ "When main returned, goroutines were left:" }</p>
                    <ul>
                        { for result.left.iter().map(|left| html! { <li>{ describe(left) }</li> }) }
                    </ul>
                    { where_they_stood(strategy, &result.cursors) }
                </div>
            }
            <RealGantt result={result.clone()} />
            <p data-testid="real-explanation">
                { result.explanation.clone().unwrap_or_else(|| "The real run is within 10% of the prediction.".to_owned()) }
            </p>
            { worker_bars(p, r) }
        </>
    }
}

fn row(label: &str, predicted: String, real: String, difference: String) -> Html {
    html! {
        <tr><th scope="row">{ label }</th><td>{ predicted }</td><td>{ real }</td><td>{ difference }</td></tr>
    }
}

fn difference(predicted: f64, real: f64) -> String {
    if predicted == 0.0 {
        return String::new();
    }
    let change = (real / predicted - 1.0) * 100.0;
    format!(
        "{}{}%",
        if change >= 0.0 { "+" } else { "−" },
        fmt::decimal(change.abs(), 1)
    )
}

/// Each worker's busy time, predicted above real, on one scale.
fn worker_bars(predicted: &Metrics, real: &Metrics) -> Html {
    let workers = predicted
        .per_worker_busy
        .len()
        .max(real.per_worker_busy.len());
    if workers == 0 {
        return html! {};
    }
    let busy = |m: &Metrics, w: usize| m.per_worker_busy.get(w).copied().unwrap_or_default();
    let longest = (0..workers)
        .flat_map(|w| [busy(predicted, w), busy(real, w)])
        .max()
        .unwrap_or_default()
        .0
        .max(1) as f64;
    let share = |t: Nanos| t.0 as f64 * 100.0 / longest;
    html! {
        <>
        <p class="legend-line">{ "Busy time per worker: " }<span class="key">{ "predicted" }</span>{ " " }<span class="key measured">{ "real" }</span></p>
        <ol class="bars real-bars" data-testid="real-worker-bars" aria-label="each worker's busy time, predicted then real">
            { for (0..workers.min(BARS_MAX)).map(|w| html! {
                <li>
                    <span class="bar-label">{ format!("w{w}") }</span>
                    <span class="real-pair">
                        <span class="predicted">{ bar(share(busy(predicted, w))) }</span>
                        <span class="measured">{ bar(share(busy(real, w))) }</span>
                    </span>
                    <span class="bar-value">{ format!("{} / {}", fmt::duration(busy(predicted, w)), fmt::duration(busy(real, w))) }</span>
                </li>
            }) }
        </ol>
        </>
    }
}
