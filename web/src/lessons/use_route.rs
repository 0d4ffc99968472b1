//! The page's route (playground, lesson index or lesson), read from the address and read again whenever the fragment or history changes it.

use gloo_events::EventListener;
use yew::prelude::*;

use crate::lessons::route::{route_of, Route};

/// The page's address, as `route_of` reads it.
fn href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

#[hook]
pub fn use_route() -> Route {
    let route = use_state_eq(|| route_of(&href()));
    {
        let route = route.clone();
        use_effect_with((), move |()| {
            let window = web_sys::window().expect("the app runs in a browser window");
            let read = move |_: &web_sys::Event| route.set(route_of(&href()));
            let hash = EventListener::new(&window, "hashchange", read.clone());
            let history = EventListener::new(&window, "popstate", read);
            move || drop((hash, history))
        });
    }
    (*route).clone()
}

/// Opens a page address such as `#/lesson/<slug>?<query>` as a link would:
/// a new history entry, and a `hashchange` that the page follows.
pub fn navigate(href: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(href.trim_start_matches('#'));
    }
}
