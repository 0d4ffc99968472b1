//! The timeline: a Gantt chart of goroutines and Ps coloured by state, counters under it, and the shared playhead; click or drag to seek.
//!
//! The first goroutines have a lane each; the rest share one band that
//! stacks how many of them are in each state, and the sentence under the
//! chart gives those counts at the playhead. Lanes for later goroutines are
//! filled from the run's timeline when the learner pages to them. A P's row shows which
//! goroutine ran: each goroutine in a shade of its own, named where there
//! is room. The chart is drawn on a canvas only when the run, the selection
//! or the width changes; the playhead is an element moved by a transform on
//! top of it, so playing costs no redraw. Both are set through the CSSOM,
//! not a `style` attribute, which the page's CSP forbids.

use gobalance_core::{Metrics, Nanos};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use crate::counters::{self, COUNTERS};
use crate::fmt;
use crate::gantt::{self, Gantt, Lane, BUCKETS, GOROUTINE_LANES_MAX, TONES};
use crate::hooks::{use_element_width, use_lane_window, use_media_query, LaneFill};
use crate::labels::Tone;
use crate::session::Session;
use crate::state::{Action, Shared};

/// Width of the row labels, in CSS pixels.
pub(crate) const LABEL_W: f64 = 88.0;
const COUNTER_H: f64 = 30.0;
/// Height of the band of the goroutines without a lane.
const OTHERS_H: f64 = 24.0;
/// The narrowest stretch of a P row that is named with its goroutine.
const NAMED_RUN_W: f64 = 28.0;
const GAP: f64 = 1.0;
const SECTION_GAP: f64 = 8.0;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub session: Shared<Session>,
    /// The compare column to chart.
    pub column: usize,
    pub clock: Nanos,
    pub selected: Option<u32>,
    pub on_action: Callback<Action>,
}

/// Row geometry shared by drawing and hit-testing.
#[derive(Clone, Copy)]
struct Rows {
    lane_h: f64,
    goroutines: usize,
    /// Whether the band of the other goroutines is drawn.
    others: bool,
    ps: usize,
}

impl Rows {
    fn of(gantt: &Gantt) -> Rows {
        let n = gantt.goroutines.len() + gantt.ps.len();
        let lane_h = match n {
            0..=16 => 12.0,
            17..=40 => 8.0,
            _ => 5.0,
        };
        Rows {
            lane_h,
            goroutines: gantt.goroutines.len(),
            others: gantt.hidden > 0,
            ps: gantt.ps.len(),
        }
    }

    fn goroutine_y(self, i: usize) -> f64 {
        i as f64 * (self.lane_h + GAP)
    }

    fn others_y(self) -> f64 {
        self.goroutine_y(self.goroutines) + GAP
    }

    fn p_y(self, i: usize) -> f64 {
        let band = if self.others { OTHERS_H + GAP } else { 0.0 };
        self.others_y() + band + SECTION_GAP + i as f64 * (self.lane_h + GAP)
    }

    fn counters_y(self) -> f64 {
        self.p_y(self.ps) + SECTION_GAP
    }

    fn height(self) -> f64 {
        self.counters_y() + COUNTERS.len() as f64 * (COUNTER_H + SECTION_GAP)
    }

    /// The goroutine row at `y`, if any.
    fn goroutine_at(self, y: f64) -> Option<u32> {
        let i = (y / (self.lane_h + GAP)).floor();
        (i >= 0.0 && (i as usize) < self.goroutines).then_some(i as u32)
    }
}

#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let canvas_ref = use_node_ref();
    let wrap_ref = use_node_ref();
    let playhead_ref = use_node_ref();
    let dragging = use_mut_ref(|| false);
    // Redrawn at the wrapper's width, so the chart stays sharp when the window resizes.
    let width = use_element_width(&wrap_ref);
    // The colours come from the stylesheet: redrawn when the system switches between light and dark.
    let dark = use_media_query("(prefers-color-scheme: dark)");

    // The goroutine of the first lane: paging resets with every new run.
    let lanes_first = use_state(|| 0u32);
    {
        let lanes_first = lanes_first.clone();
        use_effect_with((props.session.clone(), props.column), move |_| {
            lanes_first.set(0);
        });
    }
    let fill = use_lane_window(props.session.clone(), props.column, *lanes_first);

    let run = &props.session.runs[props.column.min(props.session.runs.len() - 1)];
    let Some(own_gantt) = run.gantt.as_ref() else {
        return html! {};
    };
    let gantt = fill.chart(own_gantt, *lanes_first);
    let rows = Rows::of(gantt);
    let height = rows.height();

    {
        let canvas_ref = canvas_ref.clone();
        let session = props.session.clone();
        let column = props.column;
        let selected = props.selected;
        let fill = fill.clone();
        use_effect_with(
            (
                session,
                column,
                selected,
                width as i64,
                dark,
                gantt.lanes_from,
            ),
            move |(session, column, selected, width, _, lanes_from)| {
                let run = &session.runs[(*column).min(session.runs.len() - 1)];
                let shown = run.gantt.as_ref().map(|own| fill.chart(own, *lanes_from));
                if let (Some(canvas), Some(gantt)) = (canvas_ref.cast::<HtmlCanvasElement>(), shown)
                {
                    draw(&canvas, gantt, &run.metrics, *selected, *width as f64);
                }
            },
        );
    }

    let end = gantt.end;
    let fraction = if end.0 == 0 {
        0.0
    } else {
        (props.clock.0 as f64 / end.0 as f64).clamp(0.0, 1.0)
    };
    // A transform, not `left`: moving it every frame then costs no layout.
    let playhead_x = LABEL_W + fraction * (width - LABEL_W).max(0.0);
    // Tenths of a pixel, as integers: an unmoved playhead (paused, or a frame
    // within the same tenth) then writes nothing.
    let playhead_tenths = (playhead_x * 10.0).round() as i64;
    {
        let playhead_ref = playhead_ref.clone();
        use_effect_with(playhead_tenths, move |&tenths| {
            set_style(
                &playhead_ref,
                "transform",
                &format!(
                    "translateX({}px)",
                    crate::fmt::decimal(tenths as f64 / 10.0, 1)
                ),
            );
        });
    }
    {
        let wrap_ref = wrap_ref.clone();
        use_effect_with((height * 10.0).round() as i64, move |&tenths| {
            set_style(
                &wrap_ref,
                "height",
                &format!("{}px", crate::fmt::decimal(tenths as f64 / 10.0, 1)),
            );
        });
    }

    // Pointer to time (or, in the label column, to a goroutine row).
    let lanes_from = gantt.lanes_from;
    let pick = {
        let wrap_ref = wrap_ref.clone();
        let on_action = props.on_action.clone();
        move |event: &PointerEvent, select: bool| {
            let Some(wrap) = wrap_ref.cast::<web_sys::Element>() else {
                return;
            };
            let rect = wrap.get_bounding_client_rect();
            let x = f64::from(event.client_x()) - rect.left();
            let y = f64::from(event.client_y()) - rect.top();
            let plot_w = (rect.width() - LABEL_W).max(1.0);
            if x < LABEL_W {
                if select {
                    if let Some(lane) = rows.goroutine_at(y) {
                        on_action.emit(Action::ToggleSelect(lanes_from + lane));
                    }
                }
                return;
            }
            let share = ((x - LABEL_W) / plot_w).clamp(0.0, 1.0);
            on_action.emit(Action::SeekTime(Nanos(
                (share * end.0 as f64).round() as u64
            )));
        }
    };
    let onpointerdown = {
        let pick = pick.clone();
        let dragging = dragging.clone();
        Callback::from(move |event: PointerEvent| {
            *dragging.borrow_mut() = true;
            if let Some(target) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = target.set_pointer_capture(event.pointer_id());
            }
            pick(&event, true);
        })
    };
    let onpointermove = {
        let dragging = dragging.clone();
        Callback::from(move |event: PointerEvent| {
            if *dragging.borrow() {
                pick(&event, false);
            }
        })
    };
    let stop = {
        let dragging = dragging.clone();
        Callback::from(move |_: PointerEvent| *dragging.borrow_mut() = false)
    };

    let total = gantt.goroutines_total();
    let paging = (total as usize > GOROUTINE_LANES_MAX).then(|| {
        let page = GOROUTINE_LANES_MAX as u32;
        let go_to = |first: u32| {
            let lanes_first = lanes_first.clone();
            Callback::from(move |_: MouseEvent| lanes_first.set(first))
        };
        let earlier = go_to(lanes_first.saturating_sub(page));
        let later = go_to((*lanes_first + page).min(total - 1));
        let typed = {
            let lanes_first = lanes_first.clone();
            Callback::from(move |event: Event| {
                let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() else {
                    return;
                };
                // A number out of range goes to the nearest goroutine; anything else changes nothing.
                if let Ok(first) = input.value().trim().parse::<u64>() {
                    lanes_first.set(first.min(u64::from(total - 1)) as u32);
                }
            })
        };
        let shown_to = gantt.lanes_from + gantt.goroutines.len() as u32;
        html! {
            <div class="lane-window" data-testid="lane-window">
                <span data-testid="lanes-shown">{ format!(
                    "Lanes: goroutines {}–{} of {}",
                    fmt::count(u64::from(gantt.lanes_from)),
                    fmt::count(u64::from(shown_to.saturating_sub(1))),
                    fmt::count(u64::from(total)),
                ) }</span>
                <button type="button" data-testid="lanes-earlier" onclick={earlier} disabled={*lanes_first == 0}>
                    { "Earlier lanes" }
                </button>
                <button type="button" data-testid="lanes-later" onclick={later} disabled={*lanes_first + page >= total}>
                    { "Later lanes" }
                </button>
                <label>
                    { "From goroutine " }
                    <input
                        type="number"
                        min="0"
                        max={(total - 1).to_string()}
                        value={lanes_first.to_string()}
                        onchange={typed}
                        data-testid="lanes-from"
                    />
                </label>
                if let LaneFill::Filling { first, percent } = &fill {
                    <span role="status" data-testid="lanes-status">{ format!(
                        "Filling the lanes from goroutine {} from the recorded trace: {percent}%",
                        fmt::count(u64::from(*first)),
                    ) }</span>
                }
            </div>
        }
    });

    let summary = format!(
        "Gantt chart of {} goroutines{} and {} Ps over {}, counters under it ({}); the playhead is at {}.",
        gantt.goroutines.len(),
        if gantt.hidden > 0 {
            format!(
                " (the other {} in one band, counted by state)",
                fmt::count(u64::from(gantt.hidden))
            )
        } else {
            String::new()
        },
        gantt.ps.len(),
        fmt::duration(end),
        counters::peaks(&run.metrics),
        fmt::duration(props.clock),
    );
    html! {
        <section class="panel timeline" data-testid="timeline" aria-label="timeline">
            <h2>{ "Timeline" }</h2>
            <ul class="legend" aria-label="colours">
                { for Tone::ALL.iter().filter(|t| **t != Tone::Exited).map(|t| html! {
                    <li><span class={classes!("swatch", t.class())} aria-hidden="true" />{ t.word() }</li>
                }) }
            </ul>
            <div
                class="gantt"
                ref={wrap_ref}
                {onpointerdown}
                {onpointermove}
                onpointerup={stop.clone()}
                onpointercancel={stop}
                data-testid="gantt"
            >
                <canvas ref={canvas_ref} role="img" aria-label={summary} />
                <div class="playhead" data-testid="gantt-playhead" ref={playhead_ref} aria-hidden="true" />
            </div>
            if gantt.hidden > 0 {
                <p class="more-lanes" data-testid="others-now">{ others_now(gantt, props.clock) }</p>
            }
            { for paging }
        </section>
    }
}

/// The band of the goroutines without a lane, in words at `clock`.
fn others_now(gantt: &Gantt, clock: Nanos) -> String {
    let counts = gantt.others_at(clock);
    let states: Vec<String> = Tone::ALL
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(tone, n)| format!("{} {}", fmt::count(u64::from(n)), tone.word()))
        .collect();
    format!(
        "The other {} goroutines share the band under the lanes; at the playhead: {}.",
        fmt::count(u64::from(gantt.hidden)),
        if states.is_empty() {
            "none alive".to_string()
        } else {
            states.join(", ")
        }
    )
}

/// A goroutine's own shade on a P's row: hues spread by the golden angle,
/// so neighbouring ids differ.
fn goroutine_shade(g: u32) -> String {
    let hue = (u64::from(g) * 137_508 / 1000) % 360;
    format!("hsl({hue} 55% 55%)")
}

/// Sets one style property of a rendered element (the CSSOM, which a CSP without `'unsafe-inline'` still allows).
fn set_style(node: &NodeRef, property: &str, value: &str) {
    if let Some(element) = node.cast::<web_sys::HtmlElement>() {
        let _ = element.style().set_property(property, value);
    }
}

/// One lane's buckets as rectangles, right of the labels, `plot_w` wide.
pub(crate) fn draw_lane(
    ctx: &CanvasRenderingContext2d,
    lane: &Lane,
    y: f64,
    plot_w: f64,
    lane_h: f64,
    colour: &impl Fn(&str) -> String,
) {
    for run in gantt::runs(&lane.buckets) {
        ctx.set_fill_style_str(&colour(run.tone.css_var()));
        let x = LABEL_W + run.start as f64 * plot_w / BUCKETS as f64;
        let w = (run.len as f64 * plot_w / BUCKETS as f64).max(0.75);
        ctx.fill_rect(x, y, w, lane_h);
    }
}

/// The other goroutines' band: in each bucket a column stacking how many are
/// in each state, scaled to the most at once.
fn draw_others(
    ctx: &CanvasRenderingContext2d,
    gantt: &Gantt,
    y: f64,
    plot_w: f64,
    colour: &impl Fn(&str) -> String,
) {
    let most = gantt
        .others
        .iter()
        .map(|counts| counts.iter().sum::<u32>())
        .max()
        .unwrap_or(0)
        .max(1);
    let w = (plot_w / BUCKETS as f64).max(0.75);
    for (tone_index, tone) in Tone::ALL.iter().enumerate().take(TONES) {
        if *tone == Tone::Exited {
            continue;
        }
        ctx.set_fill_style_str(&colour(tone.css_var()));
        for (b, counts) in gantt.others.iter().enumerate() {
            let n = counts[tone_index];
            if n == 0 {
                continue;
            }
            // Stacked from the bottom in the tones' order.
            let below: u32 = counts[..tone_index].iter().sum();
            let h = f64::from(n) / f64::from(most) * OTHERS_H;
            let top = y + OTHERS_H - f64::from(below) / f64::from(most) * OTHERS_H - h;
            ctx.fill_rect(LABEL_W + b as f64 * plot_w / BUCKETS as f64, top, w, h);
        }
    }
}

/// A P's row: each stretch one goroutine ran in its shade, named when wide enough.
fn draw_p_row(
    ctx: &CanvasRenderingContext2d,
    who: &[u32],
    y: f64,
    plot_w: f64,
    lane_h: f64,
    ink: &str,
) {
    let bucket_w = plot_w / BUCKETS as f64;
    for (b, len, g) in gantt::stretches(who).filter(|s| s.2 != gobalance_core::trace::NONE) {
        let x = LABEL_W + b as f64 * bucket_w;
        let w = (len as f64 * bucket_w).max(0.75);
        ctx.set_fill_style_str(&goroutine_shade(g));
        ctx.fill_rect(x, y, w, lane_h);
        if w >= NAMED_RUN_W && lane_h >= 8.0 {
            ctx.set_fill_style_str(ink);
            let _ = ctx.fill_text(&format!("g{g}"), x + 2.0, y + lane_h / 2.0);
        }
    }
}

/// A canvas's 2D context, sized `width` by `height` CSS pixels at the
/// screen's pixel ratio and cleared.
pub(crate) fn sized_context(
    canvas: &HtmlCanvasElement,
    width: f64,
    height: f64,
) -> Option<CanvasRenderingContext2d> {
    let ratio = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    canvas.set_width((width * ratio).round() as u32);
    canvas.set_height((height * ratio).round() as u32);
    let _ = canvas
        .style()
        .set_property("width", &format!("{}px", crate::fmt::decimal(width, 1)));
    let _ = canvas
        .style()
        .set_property("height", &format!("{}px", crate::fmt::decimal(height, 1)));
    let ctx = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())?;
    let _ = ctx.scale(ratio, ratio);
    ctx.clear_rect(0.0, 0.0, width, height);
    ctx.set_font("10px system-ui, sans-serif");
    ctx.set_text_baseline("middle");
    Some(ctx)
}

/// The colour of a tone, read from the stylesheet so dark mode applies.
pub(crate) fn palette(canvas: &HtmlCanvasElement) -> impl Fn(&str) -> String {
    let style = web_sys::window().and_then(|w| w.get_computed_style(canvas).ok().flatten());
    move |var: &str| {
        style
            .as_ref()
            .and_then(|s| s.get_property_value(var).ok())
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| "#888".to_owned())
    }
}

fn draw(
    canvas: &HtmlCanvasElement,
    gantt: &Gantt,
    metrics: &Metrics,
    selected: Option<u32>,
    width: f64,
) {
    if width <= LABEL_W {
        return;
    }
    let rows = Rows::of(gantt);
    let height = rows.height();
    let Some(ctx) = sized_context(canvas, width, height) else {
        return;
    };
    let colour = palette(canvas);
    let plot_w = width - LABEL_W;
    let ink = colour("--muted");

    let lane = |lane: &Lane, y: f64, label_every: bool, highlight: bool| {
        if highlight {
            ctx.set_fill_style_str(&colour("--highlight"));
            ctx.fill_rect(0.0, y - GAP, width, rows.lane_h + 2.0 * GAP);
        }
        if label_every {
            ctx.set_fill_style_str(&ink);
            let _ = ctx.fill_text(&lane.label, 2.0, y + rows.lane_h / 2.0);
        }
        draw_lane(&ctx, lane, y, plot_w, rows.lane_h, &colour);
    };
    let label_step = if rows.lane_h >= 8.0 { 1 } else { 4 };
    for (i, l) in gantt.goroutines.iter().enumerate() {
        let highlight = selected == Some(gantt.lanes_from + i as u32);
        lane(
            l,
            rows.goroutine_y(i),
            i % label_step == 0 || highlight,
            highlight,
        );
    }
    if rows.others {
        draw_others(&ctx, gantt, rows.others_y(), plot_w, &colour);
        ctx.set_fill_style_str(&ink);
        let _ = ctx.fill_text(
            &format!("other {}", fmt::count(u64::from(gantt.hidden))),
            2.0,
            rows.others_y() + OTHERS_H / 2.0,
        );
    }
    for (i, l) in gantt.ps.iter().enumerate() {
        let y = rows.p_y(i);
        ctx.set_fill_style_str(&ink);
        if rows.lane_h >= 8.0 || i % 2 == 0 {
            let _ = ctx.fill_text(&l.label, 2.0, y + rows.lane_h / 2.0);
        }
        let who = gantt.ps_goroutine.get(i).map_or(&[][..], Vec::as_slice);
        draw_p_row(&ctx, who, y, plot_w, rows.lane_h, &ink);
    }

    // Counters: each a step line over the run, scaled to its own peak.
    let end = gantt.end.0.max(1) as f64;
    for (i, counter) in COUNTERS.iter().enumerate() {
        let top = rows.counters_y() + i as f64 * (COUNTER_H + SECTION_GAP);
        let peak = (counter.peak)(metrics);
        ctx.set_fill_style_str(&ink);
        let _ = ctx.fill_text(counter.name, 2.0, top + 8.0);
        let _ = ctx.fill_text(&format!("peak {}", (counter.show)(peak)), 2.0, top + 21.0);
        ctx.set_stroke_style_str(&colour("--line"));
        ctx.begin_path();
        ctx.move_to(LABEL_W, top + COUNTER_H);
        ctx.line_to(width, top + COUNTER_H);
        ctx.stroke();
        if peak == 0 {
            continue;
        }
        ctx.set_fill_style_str(&colour("--counter"));
        ctx.begin_path();
        ctx.move_to(LABEL_W, top + COUNTER_H);
        let mut last_y = top + COUNTER_H;
        for s in &metrics.series.points {
            let x = LABEL_W + s.t.0 as f64 / end * plot_w;
            let y = top + COUNTER_H - (counter.value)(s) as f64 / peak as f64 * (COUNTER_H - 2.0);
            ctx.line_to(x, last_y);
            ctx.line_to(x, y);
            last_y = y;
        }
        ctx.line_to(width, last_y);
        ctx.line_to(width, top + COUNTER_H);
        ctx.close_path();
        ctx.fill();
    }
}
