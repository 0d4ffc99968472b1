//! The predicted and the real run as Gantt lanes on one time axis: each run's Ps (the worker threads, for real) and its first goroutines, drawn as the timeline draws them.

use gobalance_core::Nanos;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::components::timeline::{draw_lane, palette, sized_context, LABEL_W};
use crate::fmt;
use crate::gantt::{Gantt, Lane};
use crate::hooks::{use_element_width, use_media_query};
use crate::state::{RealResult, Shared};

/// Goroutine lanes drawn per run: enough for a pool's workers.
const GOROUTINES_SHOWN: usize = 12;
const LANE_H: f64 = 10.0;
const GAP: f64 = 1.0;
const TITLE_H: f64 = 16.0;
const SECTION_GAP: f64 = 10.0;

#[derive(Properties, PartialEq)]
pub struct RealGanttProps {
    pub result: Shared<RealResult>,
}

/// The lanes a run shows: its Ps, then its first goroutines.
fn lanes(gantt: &Gantt) -> impl Iterator<Item = &Lane> {
    gantt
        .ps
        .iter()
        .chain(gantt.goroutines.iter().take(GOROUTINES_SHOWN))
}

fn section_height(gantt: &Gantt) -> f64 {
    TITLE_H + lanes(gantt).count() as f64 * (LANE_H + GAP)
}

#[function_component(RealGantt)]
pub fn real_gantt(props: &RealGanttProps) -> Html {
    let canvas_ref = use_node_ref();
    let wrap_ref = use_node_ref();
    let width = use_element_width(&wrap_ref);
    let dark = use_media_query("(prefers-color-scheme: dark)");
    let (predicted, real) = (&props.result.predicted_gantt, &props.result.real_gantt);
    let axis_end = predicted.end.max(real.end);
    {
        let canvas_ref = canvas_ref.clone();
        use_effect_with(
            (props.result.clone(), width as i64, dark),
            move |(result, width, _)| {
                if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                    let runs = [
                        ("predicted", &result.predicted_gantt),
                        ("real", &result.real_gantt),
                    ];
                    draw(&canvas, &runs, *width as f64);
                }
            },
        );
    }
    let summary = format!(
        "Gantt lanes of the predicted run ({}) above the real one ({}), on one time axis of {}: each run's Ps, then its first goroutines.",
        fmt::duration(predicted.end),
        fmt::duration(real.end),
        fmt::duration(axis_end),
    );
    html! {
        <div class="gantt real-gantt" ref={wrap_ref} data-testid="real-gantt">
            <canvas ref={canvas_ref} role="img" aria-label={summary} />
        </div>
    }
}

fn draw(canvas: &HtmlCanvasElement, runs: &[(&str, &Gantt)], width: f64) {
    if width <= LABEL_W {
        return;
    }
    let height: f64 =
        runs.iter().map(|(_, g)| section_height(g)).sum::<f64>() + SECTION_GAP * runs.len() as f64;
    let Some(ctx) = sized_context(canvas, width, height) else {
        return;
    };
    let colour = palette(canvas);
    let ink = colour("--muted");
    let axis_end = runs
        .iter()
        .map(|(_, g)| g.end)
        .max()
        .unwrap_or(Nanos::ZERO)
        .0
        .max(1) as f64;
    let plot_w = width - LABEL_W;
    let mut y = 0.0;
    for (title, gantt) in runs {
        // This run's share of the common axis.
        let run_w = plot_w * gantt.end.0 as f64 / axis_end;
        ctx.set_fill_style_str(&ink);
        let _ = ctx.fill_text(
            &format!("{title}: {}", fmt::duration(gantt.end)),
            2.0,
            y + TITLE_H / 2.0,
        );
        y += TITLE_H;
        for lane in lanes(gantt) {
            ctx.set_fill_style_str(&ink);
            let _ = ctx.fill_text(&lane.label, 2.0, y + LANE_H / 2.0);
            draw_lane(&ctx, lane, y, run_w, LANE_H, &colour);
            y += LANE_H + GAP;
        }
        y += SECTION_GAP;
    }
}
