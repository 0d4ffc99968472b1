//! Real mode: the scenario run for real on the worker threads, asked for by the visitor, run by `use_real_run`, its reports kept only when they answer the latest request.

use gobalance_core::Metrics;

use crate::gantt::Gantt;

use crate::state::Shared;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RealMode {
    pub status: RealStatus,
    /// Bumped when the visitor asks for a real run; the hook runs one per bump.
    pub request: u64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub enum RealStatus {
    #[default]
    Idle,
    Running {
        tasks_ended: u32,
        tasks: u32,
    },
    Ready(Shared<RealResult>),
    Failed(String),
}

/// A real run beside its prediction.
#[derive(Debug, PartialEq)]
pub struct RealResult {
    pub predicted: Metrics,
    pub real: Metrics,
    /// Both runs' Gantt lanes, each over its own makespan.
    pub predicted_gantt: Gantt,
    pub real_gantt: Gantt,
    pub threads: u32,
    /// The likely cause of a difference over 10%, if there is one.
    pub explanation: Option<String>,
    /// Where the goroutines alive when main returned stood.
    pub left: Vec<gobalance_real::compare::LeftAt>,
    /// Each of them as a cursor: goroutine, name, line of the Go program.
    pub cursors: Vec<(u32, String, u16)>,
}

impl RealMode {
    pub fn requested(&mut self, tasks: u32) {
        self.request += 1;
        self.status = RealStatus::Running {
            tasks_ended: 0,
            tasks,
        };
    }

    /// A report of the run for `request`: kept only when that is the latest.
    pub fn report(&mut self, request: u64, status: RealStatus) {
        if request == self.request {
            self.status = status;
        }
    }

    /// The scenario changed: a result is about another one, so forget it
    /// (the hook cancels a run still going).
    pub fn forget(&mut self) {
        self.status = RealStatus::Idle;
        self.request += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Action, State};

    #[test]
    fn a_report_of_an_older_request_is_dropped_and_an_edit_forgets_the_result() {
        let state = State::default().apply(Action::RealRequested);
        let request = state.real.request;
        assert!(matches!(
            state.real.status,
            RealStatus::Running { tasks_ended: 0, .. }
        ));
        let newer = state.clone().apply(Action::RealRequested);
        let stale = newer.apply(Action::RealFailed {
            request,
            message: "late".into(),
        });
        assert!(matches!(stale.real.status, RealStatus::Running { .. }));

        let failed = state.apply(Action::RealFailed {
            request,
            message: "cancelled".into(),
        });
        assert_eq!(failed.real.status, RealStatus::Failed("cancelled".into()));
        let edited = failed.apply(Action::Edit {
            key: "workers".into(),
            text: "3".into(),
        });
        assert_eq!(edited.real.status, RealStatus::Idle);
    }
}
