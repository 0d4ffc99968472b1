//! The keyboard shortcuts: one keydown listener on the window, mapped by `keys`.

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::keys;
use crate::state::State;

#[hook]
pub fn use_keyboard(dispatcher: UseReducerDispatcher<State>) {
    use_effect_with((), move |()| {
        let window = web_sys::window().expect("the app runs in a browser window");
        let listener = EventListener::new_with_options(
            &window,
            "keydown",
            EventListenerOptions::enable_prevent_default(),
            move |event| {
                let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if event.ctrl_key() || event.meta_key() || event.alt_key() {
                    return;
                }
                let key = event.key();
                if typing_into(event, &key) || behind_dialog(event, &key) {
                    return;
                }
                if let Some(action) = keys::action_for(&key) {
                    if keys::prevents_default(&key) {
                        event.prevent_default();
                    }
                    dispatcher.dispatch(action);
                }
            },
        );
        move || drop(listener)
    });
}

/// Keys meant for a form field, or for the button that has focus, are theirs.
fn typing_into(event: &web_sys::KeyboardEvent, key: &str) -> bool {
    let Some(target) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    match target.tag_name().as_str() {
        // A slider only uses arrows and Home/End (which seek through it
        // anyway); the other shortcuts, space above all, still work there.
        "INPUT" if target.get_attribute("type").as_deref() == Some("range") => matches!(
            key,
            "ArrowLeft"
                | "ArrowRight"
                | "ArrowUp"
                | "ArrowDown"
                | "Home"
                | "End"
                | "PageUp"
                | "PageDown"
        ),
        "INPUT" | "SELECT" | "TEXTAREA" => key != "Escape",
        // Space and Enter press a focused button, as everywhere on the web.
        "BUTTON" | "SUMMARY" => matches!(key, " " | "Enter"),
        _ => false,
    }
}

/// While a modal dialog (the help) has the focus, only the keys that close it
/// act: the page behind it is out of reach, for the keyboard too.
fn behind_dialog(event: &web_sys::KeyboardEvent, key: &str) -> bool {
    let in_dialog = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("[aria-modal='true']").ok().flatten())
        .is_some();
    in_dialog && !matches!(key, "Escape" | "?")
}
