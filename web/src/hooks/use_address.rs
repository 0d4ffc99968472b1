//! Keeps the address bar on the page's canonical link, and reopens the page when the visitor changes the link's fragment.

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::state::{Action, State};

/// Playback changes the playhead every frame; the address follows once it settles.
const ADDRESS_DEBOUNCE_MS: u32 = 150;

/// The page's current address, as the link parser reads it.
pub fn current_href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// The path part of the page's address, such as `/`.
pub fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".to_owned())
}

/// The origin of the page's address, such as `https://host`.
pub fn current_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

#[hook]
pub fn use_address(address: String, dispatcher: UseReducerDispatcher<State>) {
    let pending = use_mut_ref(|| None::<Timeout>);
    use_effect_with(address, move |address| {
        let address = address.clone();
        let seen = current_href();
        // Replacing the timeout cancels the one before it.
        *pending.borrow_mut() = Some(Timeout::new(ADDRESS_DEBOUNCE_MS, move || {
            // The visitor went somewhere else meanwhile (a link, back,
            // forward): this address is stale, and writing it would undo
            // the navigation. The page reopens on the new address and
            // writes its own.
            if current_href() != seen {
                return;
            }
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&address));
            }
        }));
    });
    use_effect_with((), move |()| {
        let window = web_sys::window().expect("the app runs in a browser window");
        let reopen = move |_: &web_sys::Event| {
            let (link, errors) = crate::lessons::open(&current_href());
            dispatcher.dispatch(Action::LinkOpened { link, errors });
        };
        let hash = EventListener::new(&window, "hashchange", reopen.clone());
        let history = EventListener::new(&window, "popstate", reopen);
        move || drop((hash, history))
    });
}
