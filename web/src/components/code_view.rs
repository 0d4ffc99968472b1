//! The strategy's Go program with one cursor per live goroutine on its current line; the selected goroutine's cursor stands out.

use std::rc::Rc;

use gobalance_core::view::{GoState, ViewState};
use gobalance_core::Strategy;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::code_line::{CodeLine, CURSORS_PER_LINE};
use crate::labels;
use crate::state::{Action, Shared};

#[derive(Properties, PartialEq)]
pub struct CodeViewProps {
    pub strategy: Strategy,
    pub view: Shared<ViewState>,
    pub selected: Option<u32>,
    /// The goroutine that acted in the last step: the code follows it when none is selected.
    pub acting: Option<u32>,
    pub on_action: Callback<Action>,
}

/// A goroutine's cursor: (id, name, selected).
pub type Cursor = (u32, String, bool);

/// The cursors on each of `lines` lines (index 0 unused), and how many more
/// each has. Goroutines still alive sit on a line; exited ones have no
/// cursor. A line names its first few and the selected one, and counts the
/// rest: a million goroutines make a million cursors, not a million names.
pub fn cursors_by_line(
    view: &ViewState,
    lines: usize,
    selected: Option<u32>,
) -> Vec<(Vec<Cursor>, usize)> {
    let mut by_line: Vec<(Vec<Cursor>, usize)> = vec![(Vec::new(), 0); lines + 1];
    for (g, gv) in view.live_goroutines() {
        let line = usize::from(gv.line);
        if line == 0 || line > lines {
            continue;
        }
        let (named, more) = &mut by_line[line];
        let is_selected = selected == Some(g);
        if named.len() < CURSORS_PER_LINE || is_selected {
            named.push((g, labels::goroutine(&gv), is_selected));
        } else {
            *more += 1;
        }
    }
    by_line
}

#[function_component(CodeView)]
pub fn code_view(props: &CodeViewProps) -> Html {
    let source: Rc<Vec<AttrValue>> = use_memo(props.strategy, |strategy| {
        let text = gobalance_core::program::display_source(gobalance_core::strategies::go_source(
            *strategy,
        ));
        text.lines()
            .map(|line| AttrValue::from(line.to_owned()))
            .collect()
    });
    let by_line = cursors_by_line(&props.view, source.len(), props.selected);
    let selected_line = props
        .selected
        .and_then(|g| props.view.goroutines.get(g as usize))
        .filter(|gv| !matches!(gv.state, GoState::Exited))
        .map(|gv| usize::from(gv.line));
    let path = gobalance_core::strategies::go_path(props.strategy);

    // Keep the followed line in view inside the code box (not the page).
    let list_ref = use_node_ref();
    let follow = selected_line.or_else(|| {
        props
            .acting
            .and_then(|g| props.view.goroutines.get(g as usize))
            .map(|gv| usize::from(gv.line))
    });
    {
        let list_ref = list_ref.clone();
        use_effect_with(follow, move |follow| {
            let Some(line) = *follow else { return };
            let Some(list) = list_ref.cast::<web_sys::HtmlElement>() else {
                return;
            };
            let Ok(Some(item)) = list.query_selector(&format!("[data-line='{line}']")) else {
                return;
            };
            let Ok(item) = item.dyn_into::<web_sys::HtmlElement>() else {
                return;
            };
            let top = item.offset_top();
            let height = list.client_height();
            if top < list.scroll_top() || top > list.scroll_top() + height - 24 {
                list.set_scroll_top((top - height / 3).max(0));
            }
        });
    }

    let line = |(i, text): (usize, &AttrValue)| {
        let n = i + 1;
        html! {
            <CodeLine
                key={n}
                number={n}
                text={text.clone()}
                cursors={by_line[n].0.clone()}
                more={by_line[n].1}
                selected={selected_line == Some(n)}
                on_action={props.on_action.clone()}
            />
        }
    };
    let list_label = format!("{path}, line by line");
    let strategy = props.strategy;
    html! {
        <section class="panel code-panel" data-testid="code" aria-label="Go program">
            <h2>{ "Code " }<span class="path">{ path }</span></h2>
            <button class="edit-program" data-testid="edit-program"
                onclick={props.on_action.reform(move |_: MouseEvent| Action::EditProgram(strategy))}>
                { "Edit this program" }
            </button>
            // Focusable, so the keyboard can scroll it too: it may hold no button (no goroutine's cursor).
            <ol class="code" ref={list_ref} tabindex="0" aria-label={list_label}>
                { for source.iter().enumerate().map(line) }
            </ol>
        </section>
    }
}
