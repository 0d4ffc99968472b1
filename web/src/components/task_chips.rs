//! Task chips: a capped row of tasks with "+N more", the view every container shares.
//!
//! A plain view function rather than a component: a stage draws hundreds of
//! chips a frame, and a component each would cost more than the chip.

use yew::prelude::*;

use crate::layout::Chips;

/// One task, numbered; `arrived` marks a chip the last step moved, which the stylesheet animates in.
///
/// Keyed by the task, so a chip is the same element while its task stays in
/// the container: a queue that moves by one costs one removal and one
/// insertion, not a new number in every chip.
pub fn chip(task: u32, arrived: bool, extra_class: Option<&'static str>) -> Html {
    html! {
        <span
            key={task}
            class={classes!("chip", arrived.then_some("arrived"), extra_class)}
            data-testid="task"
            data-task={task.to_string()}
            title={format!("task {task}")}
        >
            { task }
        </span>
    }
}

/// A container's chips in order, then how many more it holds.
pub fn chips(chips: &Chips, moved: &[u32], extra_class: Option<&'static str>) -> Html {
    html! {
        <>
            { for chips.shown.iter().map(|&t| chip(t, moved.contains(&t), extra_class)) }
            if chips.more > 0 {
                <span key="more" class="more" data-testid="more">{ format!("+{} more", chips.more) }</span>
            }
        </>
    }
}
