//! One line of the Go program with the cursors of the goroutines on it; a component so unchanged lines skip re-rendering.

use yew::prelude::*;

use crate::components::code_view::Cursor;
use crate::state::Action;

/// Cursors listed by name on one line; the rest are counted.
pub(crate) const CURSORS_PER_LINE: usize = 3;

#[derive(Properties, PartialEq)]
pub struct CodeLineProps {
    pub number: usize,
    pub text: AttrValue,
    pub cursors: Vec<Cursor>,
    /// Goroutines on this line beyond `cursors`, counted only.
    #[prop_or_default]
    pub more: usize,
    /// The selected goroutine is on this line.
    pub selected: bool,
    pub on_action: Callback<Action>,
}

#[function_component(CodeLine)]
pub fn code_line(props: &CodeLineProps) -> Html {
    let cursors = &props.cursors;
    // The selected cursor is always named.
    let mut shown: Vec<&Cursor> = cursors.iter().filter(|c| c.2).collect();
    shown.extend(
        cursors
            .iter()
            .filter(|c| !c.2)
            .take(CURSORS_PER_LINE.saturating_sub(shown.len())),
    );
    let more = cursors.len() - shown.len() + props.more;
    html! {
        <li
            class={classes!(
                "line",
                (!cursors.is_empty() || props.more > 0).then_some("has-cursor"),
                props.selected.then_some("selected-line"),
            )}
            data-line={props.number.to_string()}
        >
            <span class="gutter">
                { for shown.iter().map(|(g, name, sel)| {
                    let g = *g;
                    let onclick = props.on_action.reform(move |_: MouseEvent| Action::ToggleSelect(g));
                    html! {
                        <button
                            class={classes!("cursor", sel.then_some("selected"))}
                            data-testid="cursor"
                            data-g={g.to_string()}
                            title={format!("{name} is here")}
                            {onclick}
                        >{ short(name) }</button>
                    }
                }) }
                if more > 0 {
                    <span class="cursor more" title={format!("{more} more goroutines here")}>{ format!("+{more}") }</span>
                }
            </span>
            <span class="ln" aria-hidden="true">{ props.number }</span>
            <code>{ props.text.clone() }</code>
        </li>
    }
}

/// A cursor's label: `w3` for worker 3, `main`, `prod`.
fn short(name: &str) -> String {
    match name.split_once(' ') {
        Some((role, index)) => format!("{}{index}", &role[..1]),
        None => name.chars().take(4).collect(),
    }
}
