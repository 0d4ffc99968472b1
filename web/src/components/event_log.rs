//! The event log: the last few steps up to the playhead, each in words, the current one marked.

use yew::prelude::*;

use crate::narrate::Entry;

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    pub entries: Vec<Entry>,
}

#[function_component(EventLog)]
pub fn event_log(props: &EventLogProps) -> Html {
    let last = props.entries.last().map(|e| e.step);
    html! {
        <section class="panel log-panel" aria-label="event log">
            <h2>{ "Events" }</h2>
            if props.entries.is_empty() {
                <p class="muted">{ "Nothing has happened yet: step forward or press play." }</p>
            }
            <ol class="log" data-testid="event-log">
                { for props.entries.iter().map(|e| html! {
                    <li key={e.step} class={classes!((Some(e.step) == last).then_some("current"))} value={e.step.to_string()}>
                        <span class="t">{ e.time.clone() }</span>
                        <span class="what">{ e.text.clone() }</span>
                    </li>
                }) }
            </ol>
        </section>
    }
}
