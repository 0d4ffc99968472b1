//! A new page starts at its top: when `key` changes (not on the first render), the window scrolls to the top and the focus moves to `node`, for keyboard and screen-reader users.

use yew::prelude::*;

#[hook]
pub fn use_start_at_top<K: PartialEq + 'static>(node: &NodeRef, key: K) {
    let first = use_mut_ref(|| true);
    let node = node.clone();
    use_effect_with(key, move |_| {
        // The page as it opens keeps the browser's own focus and scroll.
        if std::mem::replace(&mut *first.borrow_mut(), false) {
            return;
        }
        if let Some(element) = node.cast::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    });
}
