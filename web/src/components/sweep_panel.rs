//! The worker-count sweep: makespan and efficiency against the number of workers, each count simulated in parallel on the pool.

use yew::prelude::*;

use crate::fmt;
use crate::sim::{self, SweepPoint};
use crate::state::{Action, SweepState};
use gobalance_core::{Nanos, Strategy};

const W: f64 = 560.0;
const H: f64 = 200.0;
const PAD_L: f64 = 56.0;
const PAD_R: f64 = 44.0;
const PAD_T: f64 = 12.0;
const PAD_B: f64 = 30.0;

#[derive(Properties, PartialEq)]
pub struct SweepPanelProps {
    pub sweep: SweepState,
    pub strategy: Strategy,
    /// Whether the sweep runs on the worker threads (else, small sweeps run on the page).
    pub on_pool: bool,
    pub on_action: Callback<Action>,
}

#[function_component(SweepPanel)]
pub fn sweep_panel(props: &SweepPanelProps) -> Html {
    let Some(key) = sim::sweep_key(props.strategy) else {
        return html! {
            <section class="panel sweep" data-testid="sweep">
                <h2>{ "Sweep" }</h2>
                <p class="muted">{ format!("{} has no worker count to sweep.", props.strategy.title()) }</p>
            </section>
        };
    };
    let run = props
        .on_action
        .reform(|_: MouseEvent| Action::SweepRequested { real: false });
    let run_for_real = props
        .on_action
        .reform(|_: MouseEvent| Action::SweepRequested { real: true });
    let running = matches!(props.sweep, SweepState::Running { .. });
    html! {
        <section class="panel sweep" data-testid="sweep" data-state={match props.sweep {
            SweepState::Idle => "idle",
            SweepState::Running { .. } => "running",
            SweepState::Ready(_) => "ready",
            SweepState::Failed(_) => "failed",
        }}>
            <h2>{ "Sweep" }</h2>
            <p>
                { if props.on_pool {
                    format!("Makespan and efficiency as `{key}` grows, each count simulated in parallel on the worker threads; \
                             for real, each count also runs on them, one after another. ")
                } else {
                    format!("Makespan and efficiency as `{key}` grows, simulated on this page (worker threads are off). ")
                } }
                <button data-testid="sweep-run" onclick={run} disabled={running}>{ "Sweep worker counts" }</button>
                { " " }
                <button data-testid="sweep-real" onclick={run_for_real} disabled={running || !props.on_pool}
                    title="each count also run for real on this machine's worker threads, one after another">
                    { "Sweep for real" }
                </button>
            </p>
            { match &props.sweep {
                SweepState::Idle => html! {},
                SweepState::Running { done, total } => html! {
                    <p role="status">{ format!("Sweeping… {done} of {total} counts done.") }</p>
                },
                SweepState::Failed(message) => html! { <p class="why" role="alert">{ message.clone() }</p> },
                SweepState::Ready(points) => chart(points),
            } }
        </section>
    }
}

/// An SVG coordinate, to a tenth of a unit.
fn px(value: f64) -> String {
    fmt::decimal(value, 1)
}

fn chart(points: &[SweepPoint]) -> Html {
    if points.is_empty() {
        return html! {};
    }
    let max_w = f64::from(points.iter().map(|p| p.workers).max().unwrap_or(1).max(1));
    let max_ms = points
        .iter()
        .flat_map(|p| [Some(p.makespan), p.real])
        .flatten()
        .map(Nanos::as_ms_f64)
        .fold(0.0, f64::max)
        .max(1e-9);
    let plot_w = W - PAD_L - PAD_R;
    let plot_h = H - PAD_T - PAD_B;
    let x = |w: u32| PAD_L + (f64::from(w) - 1.0) / (max_w - 1.0).max(1.0) * plot_w;
    let y_ms = |ms: f64| PAD_T + plot_h - ms / max_ms * plot_h;
    let y_eff = |e: f64| PAD_T + plot_h - e.clamp(0.0, 1.0) * plot_h;
    let line = |f: &dyn Fn(&SweepPoint) -> (f64, f64)| {
        points
            .iter()
            .map(|p| {
                let (a, b) = f(p);
                format!("{},{}", px(a), px(b))
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let makespan_line = line(&|p| (x(p.workers), y_ms(p.makespan.as_ms_f64())));
    let measured: Vec<(u32, Nanos)> = points
        .iter()
        .filter_map(|p| Some((p.workers, p.real?)))
        .collect();
    let real_line = measured
        .iter()
        .map(|&(w, t)| format!("{},{}", px(x(w)), px(y_ms(t.as_ms_f64()))))
        .collect::<Vec<_>>()
        .join(" ");
    let efficiency_line = line(&|p| (x(p.workers), y_eff(p.efficiency())));
    html! {
        <>
            <svg class="sweep-chart" data-testid="sweep-chart" viewBox={format!("0 0 {} {}", px(W), px(H))} role="img"
                aria-label="makespan and efficiency against worker count; the table below has the numbers">
                <line class="axis" x1={px(PAD_L)} y1={px(PAD_T + plot_h)} x2={px(W - PAD_R)} y2={px(PAD_T + plot_h)} />
                <line class="axis" x1={px(PAD_L)} y1={px(PAD_T)} x2={px(PAD_L)} y2={px(PAD_T + plot_h)} />
                <text class="tick" x={px(PAD_L - 4.0)} y={px(PAD_T + 8.0)} text-anchor="end">{ format!("{} ms", fmt::decimal(max_ms, 1)) }</text>
                <text class="tick" x={px(PAD_L - 4.0)} y={px(PAD_T + plot_h)} text-anchor="end">{ "0" }</text>
                <text class="tick eff" x={px(W - PAD_R + 4.0)} y={px(PAD_T + 8.0)}>{ "100%" }</text>
                <text class="tick eff" x={px(W - PAD_R + 4.0)} y={px(PAD_T + plot_h)}>{ "0%" }</text>
                { for points.iter().map(|p| html! {
                    <text class="tick" x={px(x(p.workers))} y={px(H - 12.0)} text-anchor="middle">{ p.workers }</text>
                }) }
                <text class="tick" x={px(PAD_L + plot_w / 2.0)} y={px(H - 1.0)} text-anchor="middle">{ "workers" }</text>
                <polyline class="makespan" points={makespan_line} />
                <polyline class="efficiency" points={efficiency_line} />
                if !measured.is_empty() {
                    <polyline class="measured" data-testid="sweep-real-line" points={real_line} />
                }
                { for points.iter().map(|p| html! {
                    <circle class="makespan" cx={px(x(p.workers))} cy={px(y_ms(p.makespan.as_ms_f64()))} r="3" />
                }) }
            </svg>
            <p class="legend-line">
                <span class="key makespan">{ if measured.is_empty() { "makespan" } else { "makespan, predicted" } }</span>{ " " }
                if !measured.is_empty() {
                    <span class="key measured">{ "makespan, real" }</span>{ " " }
                }
                <span class="key efficiency">{ "efficiency" }</span>
            </p>
            <table class="sweep-table">
                <thead><tr>
                    <th scope="col">{ "workers" }</th>
                    if measured.is_empty() {
                        <th scope="col">{ "makespan" }</th>
                    } else {
                        <th scope="col">{ "predicted" }</th><th scope="col">{ "real" }</th>
                    }
                    <th scope="col">{ "efficiency" }</th>
                </tr></thead>
                <tbody>
                    { for points.iter().map(|p| html! {
                        <tr>
                            <td>{ p.workers }</td><td>{ fmt::duration(p.makespan) }</td>
                            if let Some(real) = p.real {
                                <td>{ fmt::duration(real) }</td>
                            }
                            <td>{ fmt::percent(p.efficiency()) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </>
    }
}
