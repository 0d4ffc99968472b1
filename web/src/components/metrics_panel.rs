//! What the run measured: makespan against its lower bound, throughput, per-worker load, latency, peaks, steals and leaks.

use gobalance_core::Metrics;
use yew::prelude::*;

use crate::fmt;
use crate::session::Session;
use crate::state::Shared;

/// Worker bars drawn; a strategy with a goroutine per task has thousands.
const BARS_MAX: usize = 64;

#[derive(Properties, PartialEq)]
pub struct MetricsPanelProps {
    pub session: Shared<Session>,
}

#[function_component(MetricsPanel)]
pub fn metrics_panel(props: &MetricsPanelProps) -> Html {
    let runs = &props.session.runs;
    html! {
        <section class="panel metrics" data-testid="metrics" aria-label="metrics">
            <h2>{ "Metrics" }</h2>
            if runs.len() == 1 {
                { single(&runs[0].metrics) }
            } else {
                { table(&props.session) }
            }
            <p class="muted" data-testid="held" data-wasm-bytes={wasm_memory_bytes().to_string()}>
                { held_line(&props.session) }
            </p>
        </section>
    }
}

/// The page's whole wasm memory, which only grows: after a run, its peak.
/// For tests and the curious (an attribute, not a sentence).
#[cfg(target_arch = "wasm32")]
fn wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|memory| js_sys::Reflect::get(&memory.buffer(), &"byteLength".into()).ok())
        .and_then(|length| length.as_f64())
        .unwrap_or(0.0)
}

#[cfg(not(target_arch = "wasm32"))]
fn wasm_memory_bytes() -> f64 {
    0.0
}

/// What stepping through the session costs the tab.
fn held_line(session: &Session) -> String {
    let events: u64 = session.runs.iter().map(|r| r.len()).sum();
    if events == 0 {
        return String::new();
    }
    let held = session.bytes_held() as u64;
    format!(
        "Held in this tab for stepping: {} ({} events, {} bytes each with the seek snapshots and the chart).",
        fmt::bytes(held),
        fmt::count(events),
        fmt::decimal(held as f64 / events as f64, 1)
    )
}

fn makespan_line(m: &Metrics) -> String {
    format!(
        "{} (lower bound {}, efficiency {})",
        fmt::duration(m.makespan),
        fmt::duration(m.lower_bound),
        fmt::percent(m.efficiency())
    )
}

fn leaks_line(m: &Metrics) -> String {
    let mut text = format!("{} blocked forever", m.leaked);
    if m.cut_off > 0 {
        text.push_str(&format!(", {} cut off while working", m.cut_off));
    }
    text
}

fn single(m: &Metrics) -> Html {
    let max_tasks = m.per_worker_tasks.iter().copied().max().unwrap_or(0).max(1);
    let workers = m.per_worker_tasks.len();
    let facts: Vec<(&str, String, &str)> = vec![
        (
            "throughput",
            format!(
                "{} tasks/s ({} done, {} failed)",
                fmt::decimal(m.throughput_per_s(), 1),
                fmt::count(u64::from(m.tasks_done)),
                m.tasks_failed
            ),
            "metric-throughput",
        ),
        (
            "latency",
            format!(
                "p50 {} · p95 {} · p99 {}",
                fmt::duration(m.latency_p50),
                fmt::duration(m.latency_p95),
                fmt::duration(m.latency_p99)
            ),
            "metric-latency",
        ),
        // The program's own goroutines, as the lessons and the exercises'
        // goals count them; the timeline's NumGoroutine() counter adds main.
        (
            "peak goroutines besides main",
            fmt::count(u64::from(m.peak_goroutines)),
            "metric-peak-goroutines",
        ),
        (
            "peak memory",
            fmt::bytes(m.peak_memory_bytes),
            "metric-peak-memory",
        ),
        (
            "peak queue",
            fmt::count(u64::from(m.peak_queue_depth)),
            "metric-peak-queue",
        ),
        (
            "steals",
            format!(
                "{} ({} tasks moved); Go's scheduler moved goroutines {} times",
                m.steals, m.stolen_tasks, m.runtime_steals
            ),
            "metric-steals",
        ),
        ("leaks", leaks_line(m), "metric-leaks"),
        ("events", fmt::count(m.events), "metric-events"),
    ];
    html! {
        <>
            <p class="headline">
                <span class="label">{ "makespan " }</span>
                <strong data-testid="metric-makespan">{ makespan_line(m) }</strong>
            </p>
            <dl class="facts">
                { for facts.into_iter().map(|(name, value, id)| html! {
                    <>
                        <dt>{ name }</dt>
                        <dd data-testid={id}>{ value }</dd>
                    </>
                }) }
            </dl>
            if workers > 0 {
                <h3>{ "Tasks per worker" }</h3>
                <ol class="bars" data-testid="worker-bars" aria-label="tasks each worker ran">
                    { for m.per_worker_tasks.iter().take(BARS_MAX).enumerate().map(|(w, &n)| html! {
                        <li>
                            <span class="bar-label">{ format!("w{w}") }</span>
                            { bar(f64::from(n) * 100.0 / f64::from(max_tasks)) }
                            <span class="bar-value">{ n }</span>
                        </li>
                    }) }
                </ol>
                if workers > BARS_MAX {
                    <p class="muted">{ format!(
                        "The first {BARS_MAX} of {} workers; each ran between {} and {} tasks.",
                        fmt::count(workers as u64),
                        m.per_worker_tasks.iter().min().unwrap_or(&0),
                        max_tasks,
                    ) }</p>
                }
            }
        </>
    }
}

/// A bar `percent` long: an SVG rectangle, whose width is an attribute, since
/// the page's CSP allows no `style` attributes.
pub(crate) fn bar(percent: f64) -> Html {
    html! {
        <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            // At least a sliver, so a worker that ran nothing still shows where its bar starts.
            <rect width={crate::fmt::decimal(percent.max(0.5), 1)} height="10" />
        </svg>
    }
}

fn table(session: &Session) -> Html {
    type Row = (&'static str, fn(&Metrics) -> String);
    let rows: [Row; 8] = [
        ("makespan", |m| fmt::duration(m.makespan)),
        ("lower bound", |m| fmt::duration(m.lower_bound)),
        ("efficiency", |m| fmt::percent(m.efficiency())),
        ("throughput", |m| {
            format!("{}/s", crate::fmt::decimal(m.throughput_per_s(), 1))
        }),
        ("latency p95", |m| fmt::duration(m.latency_p95)),
        ("peak goroutines besides main", |m| {
            fmt::count(u64::from(m.peak_goroutines))
        }),
        ("peak memory", |m| fmt::bytes(m.peak_memory_bytes)),
        ("steals / leaks", |m| format!("{} / {}", m.steals, m.leaked)),
    ];
    let best = session
        .runs
        .iter()
        .map(|r| r.metrics.makespan)
        .min()
        .unwrap_or_default();
    html! {
        <table class="compare-table">
            <thead>
                <tr>
                    // The row headers' column: named for screen readers, blank on screen.
                    <th scope="col"><span class="sr-only">{ "measure" }</span></th>
                    { for session.runs.iter().map(|r| html! { <th scope="col">{ r.scenario.strategy.title() }</th> }) }
                </tr>
            </thead>
            <tbody>
                { for rows.iter().map(|(name, value)| html! {
                    <tr>
                        <th scope="row">{ *name }</th>
                        { for session.runs.iter().enumerate().map(|(i, r)| {
                            let fastest = *name == "makespan" && r.metrics.makespan == best;
                            html! {
                                <td
                                    class={classes!(fastest.then_some("best"))}
                                    data-testid={(*name == "makespan" && i == 0).then_some("metric-makespan")}
                                >{ value(&r.metrics) }</td>
                            }
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
