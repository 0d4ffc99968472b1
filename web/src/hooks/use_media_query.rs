//! Whether a CSS media query matches, read when first rendered and followed as the browser's answer changes (dark mode switched, a window crossing a width).

use gloo_events::EventListener;
use web_sys::MediaQueryList;
use yew::prelude::*;

#[hook]
pub fn use_media_query(query: &'static str) -> bool {
    let matches = use_state_eq(|| media_query_list(query).is_some_and(|list| list.matches()));
    {
        let matches = matches.clone();
        use_effect_with(query, move |&query| {
            let listener = media_query_list(query).map(|list| {
                EventListener::new(&list.clone(), "change", move |_| {
                    matches.set(list.matches())
                })
            });
            move || drop(listener)
        });
    }
    *matches
}

/// The browser's live answer to `query`, if it has a window to ask.
fn media_query_list(query: &str) -> Option<MediaQueryList> {
    web_sys::window().and_then(|w| w.match_media(query).ok().flatten())
}
