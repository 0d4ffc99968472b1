//! The worker-count sweep: asked for by the visitor, run by `use_sweep`, its reports kept only when they answer the latest request.

use crate::sim::SweepPoint;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sweep {
    pub status: SweepState,
    /// Bumped when the visitor asks for a sweep; the sweep hook runs one per bump.
    pub request: u64,
    /// Whether the sweep asked for also runs each count for real.
    pub real: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub enum SweepState {
    #[default]
    Idle,
    Running {
        done: u32,
        total: u32,
    },
    Ready(Vec<SweepPoint>),
    Failed(String),
}

impl Sweep {
    pub fn requested(&mut self, real: bool) {
        self.request += 1;
        self.real = real;
        self.status = SweepState::Running { done: 0, total: 0 };
    }

    /// A report of the sweep run for `request`: kept only when that is the latest.
    pub fn report(&mut self, request: u64, status: SweepState) {
        if request == self.request {
            self.status = status;
        }
    }

    /// The scenario changed: a sweep still running answers an older one, so forget it.
    pub fn forget(&mut self) {
        self.status = SweepState::Idle;
        self.request += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Action, State};

    #[test]
    fn sweep_results_of_an_older_request_are_dropped() {
        let state = State::default().apply(Action::SweepRequested { real: false });
        let request = state.sweep.request;
        let newer = state.clone().apply(Action::SweepRequested { real: false });
        let stale = newer.apply(Action::SweepFinished {
            request,
            points: Vec::new(),
        });
        assert!(matches!(stale.sweep.status, SweepState::Running { .. }));
        let fresh = state.apply(Action::SweepFinished {
            request,
            points: Vec::new(),
        });
        assert_eq!(fresh.sweep.status, SweepState::Ready(Vec::new()));
    }
}
