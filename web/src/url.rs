//! The page's address: the canonical link of what it shows, and the share link.
//!
//! The address always holds the scenario and view (playhead, selection,
//! compare set), printed by the core's canonical `to_query`, so reloading or
//! sharing reproduces the page exactly.
//!
//! It lives in the fragment: `#?<query>` on the playground,
//! `#/lesson/<slug>?<query>` on a lesson, `#/lessons?<query>` on the index.
//! A fragment never reaches the server, and a link can be long (10,000
//! durations are about 160 KB) where common static hosts refuse request
//! lines over about 8 KB. The older form, `?<query>` before the `#`, still
//! opens; the page then writes its address in the fragment form, dropping it.

use gobalance_core::link::{self, Link, View};

use crate::lessons::route::PLAYGROUND_FRAGMENT;
use crate::state::State;

/// Everything the page would need to open again as it is now.
pub fn link(state: &State) -> Link {
    Link {
        scenario: (*state.run.scenario).clone(),
        view: View {
            lesson: state.opened.lesson.clone(),
            playhead: state.playback.link_playhead(),
            selected: state.playback.selected,
            compare: state.compare.strategies.clone(),
            program: state.program.packed(),
        },
    }
}

/// The address for `state` on the page at `path` (the URL's path, such as `/`).
pub fn address(state: &State, path: &str) -> String {
    let mut link = link(state);
    match link.view.lesson.take() {
        Some(slug) => format!("{path}#/lesson/{slug}?{}", link::to_query(&link)),
        None => format!("{path}{PLAYGROUND_FRAGMENT}?{}", link::to_query(&link)),
    }
}

/// The full link to share, from the page's origin (`https://host`) and path.
pub fn share(state: &State, origin: &str, path: &str) -> String {
    format!("{origin}{}", address(state, path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Action;
    use gobalance_core::link::{parse, parse_lenient};

    fn state_of(text: &str) -> State {
        let (link, errors) = parse_lenient(text);
        State::from_link(link, errors)
    }

    #[test]
    fn the_address_round_trips_scenario_and_view() {
        let text = "strategy=steal&workers=8&tasks=40&dist=exp&at=120&g=3";
        let state = state_of(text);
        let address = address(&state, "/");
        assert!(address.starts_with("/#?strategy=steal"));
        let again = parse(&address).unwrap();
        assert_eq!(again, link(&state));
        assert_eq!(again.view.playhead, Some(120));
        assert_eq!(again.view.selected, Some(3));
    }

    #[test]
    fn compare_and_selection_changes_show_in_the_link() {
        let state = state_of("strategy=pool")
            .apply(Action::ToggleCompare(gobalance_core::Strategy::Steal))
            .apply(Action::ToggleSelect(2));
        let shared = share(&state, "http://127.0.0.1:8091", "/");
        assert!(shared.starts_with("http://127.0.0.1:8091/#?strategy=pool"));
        assert!(shared.contains("g=2"));
        assert!(shared.contains("compare=pool,steal"));
        assert_eq!(parse(&shared).unwrap().view.compare.len(), 2);
    }

    #[test]
    fn a_lesson_keeps_its_route() {
        let state = state_of("#/lesson/pools?workers=8");
        let address = address(&state, "/");
        assert_eq!(address, "/#/lesson/pools?strategy=pool&workers=8");
        assert_eq!(
            parse(&address).unwrap().view.lesson.as_deref(),
            Some("pools")
        );
    }

    #[test]
    fn a_bad_link_is_replaced_by_what_the_page_kept() {
        let state = state_of("strategy=pool&workers=zero&tasks=9");
        assert_eq!(address(&state, "/"), "/#?strategy=pool&tasks=9");
    }

    #[test]
    fn a_link_in_the_old_query_form_is_written_back_in_the_fragment() {
        let state = state_of("http://h/app/?strategy=pool&workers=3");
        assert_eq!(address(&state, "/app/"), "/app/#?strategy=pool&workers=3");
    }

    #[test]
    fn the_longest_link_never_reaches_the_server() {
        let durations =
            vec!["3599999999999ns"; gobalance_core::scenario::limits::DURATIONS_LEN_MAX].join(",");
        let state = state_of(&format!("strategy=pool&durations={durations}"));
        let shared = share(&state, "https://example.org", "/gobalance/");
        let (before_fragment, fragment) = shared.split_once('#').unwrap();
        assert_eq!(before_fragment, "https://example.org/gobalance/");
        assert!(fragment.len() > 100_000, "{} bytes", fragment.len());
        assert_eq!(
            parse(&shared).unwrap().scenario.workload.durations.len(),
            gobalance_core::scenario::limits::DURATIONS_LEN_MAX
        );
    }
}
