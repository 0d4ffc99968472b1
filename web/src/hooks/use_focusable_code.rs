//! Code blocks in HTML made elsewhere (the lessons' Markdown) take the focus, so the keyboard can scroll them sideways as a mouse can on narrow screens.

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Gives every `pre` under `node` without a tabindex `tabindex="0"`, after
/// each change of `content` (the HTML rendered there).
#[hook]
pub fn use_focusable_code<C: PartialEq + 'static>(node: &NodeRef, content: C) {
    let node = node.clone();
    use_effect_with(content, move |_| {
        let Some(root) = node.cast::<web_sys::Element>() else {
            return;
        };
        let Ok(blocks) = root.query_selector_all("pre:not([tabindex])") else {
            return;
        };
        for block in (0..blocks.length()).filter_map(|i| blocks.item(i)) {
            if let Ok(block) = block.dyn_into::<web_sys::Element>() {
                let _ = block.set_attribute("tabindex", "0");
            }
        }
    });
}
