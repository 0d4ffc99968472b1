//! The keyboard help: every shortcut, opened with `?` and closed with Esc, the button, or a click outside.
//!
//! It is a modal dialog, and keeps the keyboard as one:
//! 1. On opening, it notes the element that had the focus and moves the
//!    focus to its Close button.
//! 2. Tab and Shift+Tab cycle through the dialog's own controls: from the
//!    last, Tab goes back to the first; from the first, Shift+Tab to the last.
//!    The dialog itself takes the focus when clicked (`tabindex="-1"`), so a
//!    click on its text does not drop the focus to the page behind.
//! 3. On closing, however it closes, the focus goes back to the element
//!    noted in step 1, if that is still on the page.
//!
//! Steps 1 and 3 are the `use_dialog_focus` hook; step 2 is the dialog's own key handler.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::hooks::use_dialog_focus;
use crate::keys::HELP;
use crate::state::Action;

/// What can take the focus by Tab inside the dialog.
const FOCUSABLE: &str =
    "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), \
                         textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

#[derive(Properties, PartialEq)]
pub struct HelpOverlayProps {
    pub on_action: Callback<Action>,
}

#[function_component(HelpOverlay)]
pub fn help_overlay(props: &HelpOverlayProps) -> Html {
    let close = props.on_action.reform(|_: MouseEvent| Action::CloseHelp);
    let close_button = use_node_ref();
    let dialog = use_node_ref();
    use_dialog_focus(&close_button);
    let onkeydown = {
        let dialog = dialog.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() != "Tab" {
                return;
            }
            let Some(dialog) = dialog.cast::<HtmlElement>() else {
                return;
            };
            // Always moved here, never left to the browser, whose next stop may be behind the dialog.
            event.prevent_default();
            if let Some(target) = next_focus(&dialog, event.shift_key()) {
                let _ = target.focus();
            }
        })
    };
    let keep = Callback::from(|event: MouseEvent| event.stop_propagation());
    html! {
        <div class="overlay" onclick={close.clone()}>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help"
                tabindex="-1" ref={dialog} onclick={keep} {onkeydown}>
                <h2 id="help-title">{ "Keyboard" }</h2>
                <dl class="keys">
                    { for HELP.iter().map(|(keys, what)| html! {
                        <>
                            <dt><kbd>{ *keys }</kbd></dt>
                            <dd>{ *what }</dd>
                        </>
                    }) }
                </dl>
                <p class="muted">{ "Click a lane, a cursor in the code, or a row label of the timeline to follow that goroutine. Click or drag on the timeline to seek." }</p>
                <p class="muted">{ "Without a mouse: Tab reaches every control; Enter or Space on a lane or on a cursor in the code follows that goroutine; the playhead slider seeks with the arrow keys." }</p>
                <button ref={close_button} onclick={close} data-testid="help-close">{ "Close" }</button>
            </div>
        </div>
    }
}

/// Where Tab (or Shift+Tab, `back`) takes the focus: the dialog's next (or
/// previous) control after the one that has it, wrapping around at either end.
fn next_focus(dialog: &HtmlElement, back: bool) -> Option<HtmlElement> {
    let list = dialog.query_selector_all(FOCUSABLE).ok()?;
    let controls: Vec<HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .collect();
    let n = controls.len();
    if n == 0 {
        return None;
    }
    let active = dialog.owner_document()?.active_element();
    let at = controls
        .iter()
        .position(|c| active.as_ref().is_some_and(|a| a == c.as_ref()));
    let next = match (at, back) {
        (Some(i), false) => (i + 1) % n,
        (Some(i), true) => (i + n - 1) % n,
        // The dialog itself (or, should it have escaped, the page): enter at an end.
        (None, false) => 0,
        (None, true) => n - 1,
    };
    controls.into_iter().nth(next)
}
