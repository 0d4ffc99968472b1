//! Shows the warm-up job: work that ran on the pool, off the page's main thread.

use yew::prelude::*;

use crate::state::Job;

#[derive(Properties, PartialEq)]
pub struct JobPanelProps {
    pub job: Job,
}

#[function_component(JobPanel)]
pub fn job_panel(props: &JobPanelProps) -> Html {
    let (job_state, text) = match &props.job {
        Job::Waiting => ("waiting", "Waits for the worker threads.".to_owned()),
        Job::Running { limit } => (
            "running",
            format!("Counting the primes below {limit} on the pool…"),
        ),
        Job::Finished {
            limit,
            primes,
            elapsed_ms,
        } => (
            "finished",
            format!(
                "{primes} primes below {limit}, counted on the pool in {elapsed_ms} ms, \
                 off the page's main thread."
            ),
        ),
    };

    html! {
        <section class="panel" data-testid="job" data-state={job_state}>
            <h2>{ "Warm-up job" }</h2>
            <p data-testid="job-result">{ text }</p>
        </section>
    }
}
