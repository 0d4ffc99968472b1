//! One goroutine's lane on the stage: its name, its state in words and colour, the task it holds, and its deque.

use yew::prelude::*;

use crate::components::task_chips::{chip, chips};
use crate::labels::Tone;
use crate::layout::Chips;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct LaneProps {
    /// The goroutine id.
    pub g: u32,
    pub name: AttrValue,
    pub tone: Tone,
    pub state: AttrValue,
    pub task: Option<u32>,
    pub deque: Option<Chips>,
    pub selected: bool,
    /// Tasks the last step moved, among those this lane shows.
    pub moved: Vec<u32>,
    /// The victim of the step's steal.
    pub robbed: bool,
    /// The thief of the step's steal.
    pub thief: bool,
    /// Fast-forward: the deque shows how many tasks it holds, not each chip.
    #[prop_or_default]
    pub fast: bool,
    pub on_action: Callback<Action>,
}

#[function_component(Lane)]
pub fn lane(props: &LaneProps) -> Html {
    let g = props.g;
    let onclick = props
        .on_action
        .reform(move |_: MouseEvent| Action::ToggleSelect(g));
    let state_word = props.tone.class().trim_start_matches("st-");
    html! {
        <li
            class={classes!(
                "lane",
                props.tone.class(),
                props.selected.then_some("selected"),
                props.robbed.then_some("robbed"),
                props.thief.then_some("thief"),
            )}
            data-testid="lane"
            data-g={g.to_string()}
            data-state={state_word}
        >
            <button
                class="lane-head"
                aria-pressed={props.selected.to_string()}
                title="select to follow this goroutine in the code and the timeline"
                {onclick}
            >
                <span class="lane-name">{ props.name.clone() }</span>
                <span class="lane-state" data-testid="lane-state">{ props.state.clone() }</span>
            </button>
            <span class="lane-task">
                if let Some(task) = props.task {
                    { chip(task, props.moved.contains(&task), Some("held")) }
                }
            </span>
            if let (Some(deque), true) = (&props.deque, props.fast) {
                <span class="lane-deque" aria-label="its deque">
                    <span class="deque-label">{ "deque" }</span>
                    <span class="deque-count">{ format!("{} tasks", deque.shown.len() + deque.more) }</span>
                </span>
            } else if let Some(deque) = &props.deque {
                <span class="lane-deque" aria-label="its deque">
                    <span class="deque-label">{ "deque" }</span>
                    { chips(deque, &props.moved, props.thief.then_some("stolen")) }
                    if deque.shown.is_empty() {
                        <span class="empty">{ "empty" }</span>
                    }
                </span>
            }
        </li>
    }
}
