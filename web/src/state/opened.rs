//! What the opened link said besides its scenario and view: the lesson it names, and the fields it got wrong.

use gobalance_core::link::LinkErrors;
use gobalance_core::scenario::FieldError;

#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// The lesson the link named, kept for the lesson page.
    pub lesson: Option<String>,
    /// What the opened link got wrong; the page runs what it could keep.
    pub errors: Vec<FieldError>,
    /// Whether the banner naming those errors is on show (until dismissed).
    pub banner_open: bool,
}

impl Opened {
    pub fn new(lesson: Option<String>, errors: LinkErrors) -> Opened {
        Opened {
            lesson,
            banner_open: !errors.is_empty(),
            errors: errors.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::state::{Action, State};
    use gobalance_core::link::parse_lenient;

    #[test]
    fn a_bad_link_opens_its_banner_and_runs_what_it_kept() {
        let (link, errors) = parse_lenient("strategy=pool&workers=0&tasks=12");
        let state = State::from_link(link, errors);
        assert!(state.opened.banner_open);
        assert_eq!(state.opened.errors[0].field, "workers");
        assert_eq!(state.run.scenario.workload.tasks, 12);
        assert!(!state.apply(Action::DismissBanner).opened.banner_open);
    }
}
