//! The stage: where tasks move between goroutines at the playhead, from the tasks channel through the workers to the results.

use gobalance_core::trace::NONE;
use gobalance_core::view::ViewState;
use gobalance_core::{ChanRole, Event, Role};
use yew::prelude::*;

use crate::components::lane::Lane;
use crate::components::task_chips::chips;
use crate::labels;
use crate::layout::{self, Buffered, ChanBox, Moved, COMPARE_LANES_MAX, LANES_MAX};
use crate::state::{Action, Shared};

#[derive(Properties, PartialEq)]
pub struct StageProps {
    pub view: Shared<ViewState>,
    /// The step just applied, when it belongs to this stage.
    pub last: Option<Event>,
    pub selected: Option<u32>,
    /// A compare column: fewer lanes, smaller type.
    #[prop_or_default]
    pub compact: bool,
    #[prop_or_default]
    pub label: AttrValue,
    /// A fast-forward (`Playback::fast_forward`): more events a frame than
    /// anyone can follow, so deques show counts (and the frame stays short).
    #[prop_or_default]
    pub fast: bool,
    pub on_action: Callback<Action>,
}

#[function_component(Stage)]
pub fn stage(props: &StageProps) -> Html {
    let view = &*props.view;
    let layout = layout::stage(view);
    let max = if props.compact {
        COMPARE_LANES_MAX
    } else {
        LANES_MAX
    };
    let (shown, hidden) = layout::lanes(view, props.selected, max);
    let moved = props
        .last
        .map(|e| layout::moved(&e, view))
        .unwrap_or_default();
    let (inbound, outbound): (Vec<&ChanBox>, Vec<&ChanBox>) = layout
        .chans
        .iter()
        .partition(|c| matches!(c.role, ChanRole::Tasks | ChanRole::Semaphore));

    let lanes = shown.iter().map(|&g| lane(view, g, &layout, &moved, props));
    html! {
        <section
            class={classes!("stage", props.compact.then_some("compact"))}
            data-testid="stage"
            data-index={view.index.to_string()}
            aria-label={if props.label.is_empty() { AttrValue::from("Stage") } else { props.label.clone() }}
        >
            <div class="flow inbound">
                if !layout.created.shown.is_empty() {
                    <div class="box created" data-testid="created">
                        <div class="box-head"><span class="box-name">{ "created, not yet queued" }</span></div>
                        <div class="slots">{ chips(&layout.created, &moved.tasks, None) }</div>
                    </div>
                }
                { for inbound.iter().map(|c| chan_box(view, c, &moved)) }
                { for orphan_deques(view, &layout).into_iter().map(|d| html! {
                    <div class="box deque" data-testid="deque">
                        <div class="box-head">
                            <span class="box-name">{ format!("{}'s deque", labels::deque_owner(d)) }</span>
                            <span class="box-count">{ "(not started yet)" }</span>
                        </div>
                        <div class="slots">{ chips(&layout.deques[d as usize], &moved.tasks, None) }</div>
                    </div>
                }) }
            </div>
            if let Some((victim, thief, count)) = moved.steal {
                <p class="steal-arrow" data-testid="steal-arrow">
                    <span class="who">{ labels::deque_owner(thief) }</span>
                    <span class="arrow" aria-hidden="true">{ " ⟵ " }</span>
                    <span class="what">{ if count == 1 { "1 task".to_owned() } else { format!("{count} tasks") } }</span>
                    <span class="arrow" aria-hidden="true">{ " ⟵ " }</span>
                    <span class="who">{ labels::deque_owner(victim) }</span>
                </p>
            }
            if view.goroutines.is_empty() {
                <p class="stage-hint" data-testid="stage-hint">
                    { "Nothing has run yet. Press play, or step forward (→) one event at a time." }
                </p>
            }
            <ol class="lanes" aria-label="goroutines">
                { for lanes }
            </ol>
            if hidden > 0 {
                <p class="more-lanes" data-testid="more-lanes">
                    { format!("+{hidden} more goroutines (select one in the timeline's rows to follow it)") }
                </p>
            }
            <div class="flow outbound">
                { for outbound.iter().map(|c| chan_box(view, c, &moved)) }
                <div class="box done" data-testid="done">
                    <div class="box-head">
                        <span class="box-name">{ "done" }</span>
                        <span class="box-count">{ format!("{} of {}", layout.done, layout.tasks) }</span>
                    </div>
                    if layout.failed > 0 {
                        <p class="failed">{ format!("{} failed", layout.failed) }</p>
                    }
                    <progress max={layout.tasks.max(1).to_string()} value={layout.done.to_string()} aria-label="tasks done" />
                </div>
            </div>
            <ol class="ps" aria-label="processors (Ps)">
                { for view.ps.iter().enumerate().map(|(p, &g)| p_box(view, p, g)) }
            </ol>
        </section>
    }
}

fn lane(
    view: &ViewState,
    g: u32,
    layout: &layout::StageLayout,
    moved: &Moved,
    props: &StageProps,
) -> Html {
    let gv = view
        .goroutines
        .get(g as usize)
        .expect("lanes are drawn for spawned goroutines");
    let (tone, state) = labels::lane_state(gv.state, &view.chans);
    let deque_index = (gv.role == Role::Worker && !layout.deques.is_empty()).then_some(gv.index);
    let deque = deque_index
        .and_then(|d| layout.deques.get(d as usize))
        .cloned();
    let task = (gv.task != NONE).then_some(gv.task);
    let (robbed, thief) = match (moved.steal, deque_index) {
        (Some((victim, thief, _)), Some(d)) => (victim == d, thief == d),
        _ => (false, false),
    };
    let lane_moved: Vec<u32> = moved
        .tasks
        .iter()
        .copied()
        .filter(|t| Some(*t) == task || deque.as_ref().is_some_and(|d| d.shown.contains(t)))
        .collect();
    html! {
        <Lane
            key={g}
            {g}
            name={labels::goroutine(&gv)}
            {tone}
            {state}
            {task}
            {deque}
            selected={props.selected == Some(g)}
            moved={lane_moved}
            {robbed}
            {thief}
            fast={props.fast}
            on_action={props.on_action.clone()}
        />
    }
}

/// Deques whose worker has no lane yet (dealt before the workers start).
fn orphan_deques(view: &ViewState, layout: &layout::StageLayout) -> Vec<u32> {
    let owners: Vec<u32> = view
        .goroutines
        .iter()
        .filter(|g| g.role == Role::Worker)
        .map(|g| g.index)
        .collect();
    (0..layout.deques.len() as u32)
        .filter(|d| !owners.contains(d))
        .collect()
}

fn chan_box(view: &ViewState, c: &ChanBox, moved: &Moved) -> Html {
    let name = labels::chan(&view.chans, c.id);
    let role = format!("{:?}", c.role).to_lowercase();
    let class = classes!("box", "chan", role.clone(), c.closed.then_some("closed"));
    let capacity = match (c.cap, &c.buffered) {
        (0, _) => "unbuffered".to_owned(),
        (cap, Buffered::Slots { .. }) => format!("{} of {cap} slots held", c.len),
        (cap, Buffered::Tasks(_)) => format!("buffer {}/{cap}", c.len),
    };
    html! {
        <div {class} data-testid="chan" data-role={role}>
            <div class="box-head">
                <span class="box-name">{ name }</span>
                <span class="box-count">{ capacity }</span>
                if c.closed {
                    <span class="badge">{ "closed" }</span>
                }
            </div>
            <div class="slots">
                { match &c.buffered {
                    Buffered::Tasks(tasks) => chips(tasks, &moved.tasks, None),
                    Buffered::Slots { drawn, more } => held_slots(*drawn, *more),
                } }
                { for (0..c.free_drawn).map(|_| html! { <span class="slot" aria-hidden="true" /> }) }
                if c.cap == 0 && c.len == 0 {
                    <span class="empty">{ "values pass hand to hand" }</span>
                }
            </div>
        </div>
    }
}

/// A semaphore's held slots: each holds Go's `struct{}{}`, no task, so
/// each is drawn as that value; the box's count says how many in words.
fn held_slots(drawn: usize, more: usize) -> Html {
    html! {
        <>
            { for (0..drawn).map(|_| html! {
                <span class="chip held-slot" data-testid="held-slot" title="a held slot: struct{}{}" aria-hidden="true">
                    { "{}" }
                </span>
            }) }
            if more > 0 {
                <span class="more" data-testid="more">{ format!("+{more} more") }</span>
            }
        </>
    }
}

fn p_box(view: &ViewState, p: usize, g: u32) -> Html {
    let busy = g != NONE;
    let who = if busy {
        labels::goroutine_by_id(&view.goroutines, g)
    } else {
        "idle".to_owned()
    };
    html! {
        <li class={classes!("p", if busy { "busy" } else { "idle" })} data-testid="p">
            <span class="p-name">{ format!("P{p}") }</span>
            <span class="p-g">{ who }</span>
        </li>
    }
}
