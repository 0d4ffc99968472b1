//! An element's width in CSS pixels, measured when it mounts and again whenever the window resizes (0 until then).

use gloo_events::EventListener;
use yew::prelude::*;

#[hook]
pub fn use_element_width(node: &NodeRef) -> f64 {
    let width = use_state_eq(|| 0.0f64);
    {
        let node = node.clone();
        let width = width.clone();
        use_effect_with((), move |()| {
            let measure = move || {
                if let Some(element) = node.cast::<web_sys::HtmlElement>() {
                    width.set(f64::from(element.client_width()));
                }
            };
            measure();
            let window = web_sys::window().expect("the app runs in a browser window");
            let listener = EventListener::new(&window, "resize", move |_| measure());
            move || drop(listener)
        });
    }
    *width
}
