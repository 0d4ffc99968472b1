//! The learner's progress as a Yew hook: read from localStorage once, saved back after every change, with a notice when reading or saving went wrong.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::lessons::progress::{load, Loaded, ProgressState, STORAGE_KEY};

pub type ProgressHandle = UseReducerHandle<ProgressState>;

/// The page's localStorage, or why there is none (turned off, or refused in a sandboxed frame).
fn storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("no window")?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err("localStorage is turned off".to_owned()),
        Err(error) => Err(describe(&error)),
    }
}

/// The saved text, `None` when nothing is saved.
fn read() -> Result<Option<String>, String> {
    storage()?
        .get_item(STORAGE_KEY)
        .map_err(|error| describe(&error))
}

/// A browser error's name and message ("QuotaExceededError: ...").
fn describe(error: &wasm_bindgen::JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => format!(
            "{}: {}",
            String::from(error.name()),
            String::from(error.message())
        ),
        None => format!("{error:?}"),
    }
}

#[hook]
pub fn use_progress() -> ProgressHandle {
    let state = use_reducer(|| match read() {
        Ok(saved) => ProgressState::from_loaded(&load(saved.as_deref())),
        Err(message) => ProgressState::from_loaded(&Loaded::default())
            .apply(crate::lessons::progress::ProgressAction::SaveFailed { message }),
    });
    {
        let dispatcher = state.dispatcher();
        // Also runs once at mount, which writes back what loading kept, so a
        // notice about dropped progress shows only once.
        use_effect_with(state.progress.clone(), move |progress| {
            let saved = match read() {
                Ok(saved) => saved,
                // Already said when the page loaded.
                Err(_) => return,
            };
            // Another tab may have saved since this page read: keep its part too.
            let text = progress
                .clone()
                .over(load(saved.as_deref()).progress)
                .to_json();
            if saved.as_deref() != Some(text.as_str()) {
                if let Err(message) =
                    storage().and_then(|s| s.set_item(STORAGE_KEY, &text).map_err(|e| describe(&e)))
                {
                    dispatcher
                        .dispatch(crate::lessons::progress::ProgressAction::SaveFailed { message });
                }
            }
        });
    }
    state
}
