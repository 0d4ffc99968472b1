//! A modal dialog's focus: on opening it moves to `target` (the dialog's first control), and on closing, however it closes, it goes back to the element that had it before, if that is still on the page.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

#[hook]
pub fn use_dialog_focus(target: &NodeRef) {
    let target = target.clone();
    use_effect_with((), move |()| {
        let before = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .and_then(|e| e.dyn_into::<HtmlElement>().ok());
        if let Some(target) = target.cast::<HtmlElement>() {
            let _ = target.focus();
        }
        move || {
            if let Some(before) = before.filter(|e| e.is_connected()) {
                let _ = before.focus();
            }
        }
    });
}
