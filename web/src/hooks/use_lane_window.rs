//! Lanes for goroutines past the chart's first ones, filled from the run's timeline when asked for, a slice at a time so the page stays responsive.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use gobalance_core::Sink;
use yew::prelude::*;

use crate::gantt::{Gantt, GanttBuilder};
use crate::session::Session;
use crate::state::Shared;

/// A slice of filling runs this long before it lets the page draw a frame.
const SLICE_MS: f64 = 8.0;
/// Events read between looks at the clock.
const EVENTS_BETWEEN_LOOKS: u64 = 4096;

/// Where the lanes asked for stand.
#[derive(Clone)]
pub enum LaneFill {
    /// The run's own chart (its first lanes) is what is asked for.
    Own,
    /// Reading the trace: how far, in percent of what is left of it.
    Filling { first: u32, percent: u32 },
    /// The chart with the lanes from `lanes_from` on.
    Ready(Rc<Gantt>),
}

impl LaneFill {
    /// The chart to draw for lanes from `first`: the filled one once it is
    /// ready for those lanes, else the run's own.
    pub fn chart<'a>(&'a self, own: &'a Gantt, first: u32) -> &'a Gantt {
        match self {
            LaneFill::Ready(windowed) if windowed.lanes_from == first => windowed,
            _ => own,
        }
    }
}

/// The chart of `column` with lanes from goroutine `first` on: the run's own
/// when `first` is 0, else filled in the background and ready later.
#[hook]
pub fn use_lane_window(session: Shared<Session>, column: usize, first: u32) -> LaneFill {
    let fill = use_state(|| LaneFill::Own);
    {
        let fill = fill.clone();
        use_effect_with((session, column, first), move |(session, column, first)| {
            let cancelled = Rc::new(Cell::new(false));
            if *first == 0 {
                fill.set(LaneFill::Own);
            } else {
                fill.set(LaneFill::Filling {
                    first: *first,
                    percent: 0,
                });
                wasm_bindgen_futures::spawn_local(fill_lanes(
                    session.clone(),
                    *column,
                    *first,
                    fill,
                    cancelled.clone(),
                ));
            }
            move || cancelled.set(true)
        });
    }
    (*fill).clone()
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Reads the trace from the snapshot before goroutine `first` was spawned
/// until every goroutine of the window has ended, yielding between slices.
async fn fill_lanes(
    session: Shared<Session>,
    column: usize,
    first: u32,
    fill: UseStateHandle<LaneFill>,
    cancelled: Rc<Cell<bool>>,
) {
    let run = &session.0.runs[column.min(session.0.runs.len() - 1)];
    let (Some(timeline), Some(gantt)) = (run.timeline.as_ref(), run.gantt.as_ref()) else {
        fill.set(LaneFill::Own);
        return;
    };
    let end = timeline.end_time();
    let total = gantt.goroutines_total();
    let mut window = GanttBuilder::window(first, end);
    let from = timeline.before_spawn_of(first);
    let mut index = from;
    loop {
        let started = now_ms();
        let mut events = timeline.events_from(index);
        let finished = loop {
            if window.window_done(total) {
                break true;
            }
            let Some(e) = events.next() else {
                break true;
            };
            window.event(&e);
            index += 1;
            if index % EVENTS_BETWEEN_LOOKS == 0 && now_ms() - started > SLICE_MS {
                break false;
            }
        };
        if finished {
            let lanes = window.finish_window(end);
            fill.set(LaneFill::Ready(Rc::new(gantt.with_window(lanes))));
            return;
        }
        let left = timeline.len().saturating_sub(from).max(1);
        fill.set(LaneFill::Filling {
            first,
            percent: ((index - from) * 100 / left) as u32,
        });
        TimeoutFuture::new(0).await;
        if cancelled.get() {
            return;
        }
    }
}
