//! The root component: owns the page state and starts the boot effect once.

use yew::prelude::*;

use crate::boot::boot;
use crate::components::{JobPanel, ThreadsPanel};
use crate::state::State;

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(boot(dispatcher));
        });
    }

    html! {
        <main class="page">
            <header class="masthead">
                <h1>{ "gobalance" }</h1>
                <p class="tagline">
                    { "Learn to balance goroutine workloads: watch Go's scheduler move tasks \
                       between workers step by step, then measure the same strategies on real \
                       threads in your browser." }
                </p>
            </header>
            <ThreadsPanel isolation={state.isolation} threads={state.threads.clone()} />
            <JobPanel job={state.job.clone()} />
        </main>
    }
}
