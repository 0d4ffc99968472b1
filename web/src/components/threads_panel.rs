//! Shows whether the page is cross-origin isolated and how many worker threads run.

use yew::prelude::*;

use crate::state::{Isolation, Threads};

#[derive(Properties, PartialEq)]
pub struct ThreadsPanelProps {
    pub isolation: Isolation,
    pub threads: Threads,
}

#[function_component(ThreadsPanel)]
pub fn threads_panel(props: &ThreadsPanelProps) -> Html {
    let (isolation_text, isolation_class) = match props.isolation {
        Isolation::Unknown => ("checking…", "pending"),
        Isolation::Isolated => ("cross-origin isolated", "good"),
        Isolation::NotIsolated => ("not cross-origin isolated", "bad"),
    };
    // `data-state` lets tests wait for the outcome instead of sleeping.
    let (threads_state, thread_count) = match &props.threads {
        Threads::Checking => ("checking", "…".to_owned()),
        Threads::Starting { requested } => ("starting", format!("starting {requested}…")),
        Threads::Running { count } => ("running", count.to_string()),
        Threads::Off(_) => ("off", "off".to_owned()),
    };

    html! {
        <section class="panel" data-testid="threads" data-state={threads_state}>
            <h2>{ "Threads" }</h2>
            <dl class="facts">
                <dt>{ "Page" }</dt>
                <dd class={isolation_class} data-testid="isolation">{ isolation_text }</dd>
                <dt>{ "Worker threads" }</dt>
                <dd class="count" data-testid="thread-count">{ thread_count }</dd>
            </dl>
            if let Threads::Off(off) = &props.threads {
                <p class="why" data-testid="threads-off-reason">{ off.explanation() }</p>
            }
        </section>
    }
}
