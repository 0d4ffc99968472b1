//! The strategies run side by side on one workload (2 to 4, or none), and the column the timeline and code follow.

use gobalance_core::link::COMPARE_LEN_MAX;
use gobalance_core::Strategy;

#[derive(Clone, Debug, PartialEq)]
pub struct Compare {
    /// Strategies run side by side (2 to 4), or empty.
    pub strategies: Vec<Strategy>,
    /// The compare column the timeline and code follow.
    pub focus: usize,
}

/// What toggling a strategy did to the compare set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Toggled {
    /// Nothing to change: the strategy on show alone, or a fifth one.
    Unchanged,
    Changed,
    /// One strategy was left, and one alone is not a comparison: it becomes
    /// the strategy on show, and the set is empty.
    Alone(Strategy),
}

impl Compare {
    pub fn new(strategies: Vec<Strategy>) -> Compare {
        Compare {
            strategies,
            focus: 0,
        }
    }

    /// Adds `strategy` to the set or removes it; comparing starts from `shown`,
    /// the strategy on show. A change focuses the first column again.
    pub fn toggle(&mut self, shown: Strategy, strategy: Strategy) -> Toggled {
        let compare = &mut self.strategies;
        if compare.is_empty() {
            if strategy == shown {
                return Toggled::Unchanged;
            }
            *compare = vec![shown, strategy];
        } else if let Some(i) = compare.iter().position(|s| *s == strategy) {
            compare.remove(i);
        } else if compare.len() < COMPARE_LEN_MAX {
            compare.push(strategy);
        } else {
            return Toggled::Unchanged;
        }
        self.focus = 0;
        match self.strategies[..] {
            [only] => {
                self.strategies.clear();
                Toggled::Alone(only)
            }
            _ => Toggled::Changed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Action, State};

    #[test]
    fn compare_toggles_keep_two_to_four_strategies() {
        let shown = State::default();
        assert_eq!(shown.run.scenario.strategy, Strategy::Pool);
        let same = shown.clone().apply(Action::ToggleCompare(Strategy::Pool));
        assert!(
            same.compare.strategies.is_empty(),
            "the strategy on show alone compares nothing"
        );
        let state = shown.apply(Action::ToggleCompare(Strategy::Steal));
        assert_eq!(
            state.compare.strategies,
            vec![Strategy::Pool, Strategy::Steal]
        );
        let five = [Strategy::Static, Strategy::Fanout, Strategy::Dynamic]
            .into_iter()
            .fold(state.clone(), |s, strategy| {
                s.apply(Action::ToggleCompare(strategy))
            });
        assert_eq!(five.compare.strategies.len(), 4);
        let one = state.apply(Action::ToggleCompare(Strategy::Pool));
        assert!(one.compare.strategies.is_empty());
        assert_eq!(one.run.scenario.strategy, Strategy::Steal);
    }
}
