//! Where the simulation is: waiting for threads, running with progress and a cancel button, refused, failed, or why stepping is off.

use yew::prelude::*;

use crate::fmt;
use crate::sim;
use crate::state::{Action, RunState};

#[derive(Properties, PartialEq)]
pub struct RunStatusProps {
    pub run: RunState,
    /// Why some run of the session kept no events, if one did.
    pub unrecorded: Option<AttrValue>,
    pub on_cancel: Callback<()>,
    pub on_action: Callback<Action>,
}

#[function_component(RunStatus)]
pub fn run_status(props: &RunStatusProps) -> Html {
    let body = match &props.run {
        RunState::Waiting => html! { <p>{ "Starting the worker threads…" }</p> },
        RunState::Running(seen) => {
            let permille = sim::permille(*seen);
            let cancel = props.on_cancel.reform(|_: MouseEvent| ());
            html! {
                <>
                    <p>
                        { format!(
                            "Simulating… {} of about {} events ({}), virtual time {}.",
                            fmt::count(seen.events),
                            fmt::count(seen.estimate),
                            fmt::percent(f64::from(permille) / 1000.0),
                            fmt::duration(seen.virtual_t),
                        ) }
                    </p>
                    <progress data-testid="progress" max="1000" value={permille.to_string()} aria-label="simulation progress" />
                    <button data-testid="cancel" onclick={cancel}>{ "Cancel" }</button>
                </>
            }
        }
        RunState::Ready(_) => match &props.unrecorded {
            Some(why) => html! { <p class="why" data-testid="no-trace">{ why.clone() }</p> },
            None => html! {},
        },
        RunState::Failed(message) => html! {
            <p class="why" role="alert">{ format!("The simulation stopped: {message}.") }</p>
        },
        RunState::Cancelled => {
            let rerun = props.on_action.reform(|_: MouseEvent| Action::Rerun);
            html! {
                <p>{ "Cancelled. " }<button data-testid="rerun" onclick={rerun}>{ "Run it again" }</button></p>
            }
        }
        RunState::Refused(message) => {
            html! { <p class="why" role="alert" data-testid="refused">{ message.clone() }</p> }
        }
        // Said beside the editor, not announced at every keystroke.
        RunState::DoesNotCompile => html! {
            <p class="why">{ "Your program does not compile: its errors are beside it." }</p>
        },
    };
    let quiet = matches!(props.run, RunState::Ready(_)) && props.unrecorded.is_none();
    html! {
        <div
            class={classes!("run-status", quiet.then_some("quiet"))}
            data-testid="run-status"
            data-state={props.run.word()}
            aria-live="polite"
        >
            { body }
        </div>
    }
}
