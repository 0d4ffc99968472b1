//! The scenario on show and its simulation: the generation that tells current results from stale ones, and where the run is.

use std::rc::Rc;

use gobalance_core::scenario::FieldError;
use gobalance_core::{Scenario, Strategy};

use crate::params;
use crate::session::Session;
use crate::sim::Seen;
use crate::state::Shared;

#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// The scenario every view shows (in compare mode, the shared workload).
    pub scenario: Rc<Scenario>,
    /// The last refused parameter edit.
    pub edit_error: Option<FieldError>,
    /// Bumped at every change of what to simulate; results of older runs are dropped.
    pub generation: u64,
    pub status: RunState,
}

impl Run {
    pub fn new(scenario: Scenario) -> Run {
        Run {
            scenario: Rc::new(scenario),
            edit_error: None,
            generation: 1,
            status: RunState::Waiting,
        }
    }

    /// Whether a result reported for `generation` is about the scenario on show.
    pub fn is_current(&self, generation: u64) -> bool {
        generation == self.generation
    }

    /// What to simulate changed: a new generation, not run yet.
    pub fn restart(&mut self) {
        self.generation += 1;
        self.status = RunState::Waiting;
    }

    /// Sets one link key from a parameter field; whether the scenario changed.
    /// A refused edit is kept in `edit_error` and changes nothing else.
    pub fn edit(&mut self, key: &str, text: &str) -> bool {
        match params::edit(&self.scenario, key, text) {
            Ok(scenario) => {
                self.edit_error = None;
                let changed = scenario != *self.scenario;
                if changed {
                    self.scenario = Rc::new(scenario);
                }
                changed
            }
            Err(error) => {
                self.edit_error = Some(error);
                false
            }
        }
    }

    /// Shows the same workload under another strategy.
    pub fn show_strategy(&mut self, strategy: Strategy) {
        let mut scenario = (*self.scenario).clone();
        scenario.strategy = strategy;
        self.scenario = Rc::new(scenario);
    }

    /// Progress of the run under way (a late report after it ended changes nothing).
    pub fn progress(&mut self, seen: Seen) {
        if let RunState::Running(_) = self.status {
            self.status = RunState::Running(seen);
        }
    }
}

/// Where the simulation of the current scenario is.
#[derive(Clone, Debug, PartialEq)]
pub enum RunState {
    /// Waiting to learn whether there is a pool to run on.
    Waiting,
    Running(Seen),
    Ready(Shared<Session>),
    Failed(String),
    Cancelled,
    /// Not run: too large for the page's main thread without a pool.
    Refused(String),
    /// The learner's program does not compile: its editor shows why.
    DoesNotCompile,
}

impl RunState {
    pub fn session(&self) -> Option<&Shared<Session>> {
        match self {
            RunState::Ready(session) => Some(session),
            _ => None,
        }
    }

    /// The word tests and styles read from `data-state`.
    pub fn word(&self) -> &'static str {
        match self {
            RunState::Waiting => "waiting",
            RunState::Running(_) => "running",
            RunState::Ready(_) => "ready",
            RunState::Failed(_) => "failed",
            RunState::Cancelled => "cancelled",
            RunState::Refused(_) => "refused",
            RunState::DoesNotCompile => "does-not-compile",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::testing::loaded;
    use crate::state::Action;

    #[test]
    fn a_parameter_edit_reruns_from_the_start_and_a_bad_one_names_its_field() {
        let state = loaded("strategy=pool&tasks=6&at=5");
        let generation = state.run.generation;
        let edited = state.clone().apply(Action::Edit {
            key: "workers".to_owned(),
            text: "2".to_owned(),
        });
        assert_eq!(edited.run.scenario.params.workers, 2);
        assert_eq!(edited.run.generation, generation + 1);
        assert_eq!(edited.run.status, RunState::Waiting);
        assert_eq!(edited.playback.playhead, 0);

        let refused = state.apply(Action::Edit {
            key: "workers".to_owned(),
            text: "zero".to_owned(),
        });
        assert_eq!(refused.run.generation, generation, "nothing reruns");
        assert_eq!(refused.run.edit_error.unwrap().field, "workers");
    }

    #[test]
    fn results_of_an_older_run_are_dropped() {
        let state = loaded("strategy=pool&tasks=3");
        let stale = state.run.generation;
        let edited = state.apply(Action::Edit {
            key: "tasks".to_owned(),
            text: "4".to_owned(),
        });
        let after = edited.clone().apply(Action::RunFailed {
            generation: stale,
            message: "old".to_owned(),
        });
        assert_eq!(after.run.status, RunState::Waiting);
    }
}
