//! Starts the page once, when the app mounts: `boot` checks isolation, starts the pool and runs the warm-up job, reporting each step.

use yew::prelude::*;

use crate::boot::boot;
use crate::state::State;

#[hook]
pub fn use_boot(dispatcher: UseReducerDispatcher<State>) {
    use_effect_with((), move |()| {
        wasm_bindgen_futures::spawn_local(boot(dispatcher));
    });
}
