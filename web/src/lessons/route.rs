//! What a page address means (the playground, the lesson index or one lesson) and the link a lesson route opens: its preset, unless the address gives a scenario.
//!
//! 1. `#/lessons` is the index. The scenario in its query (`#/lessons?<query>`,
//!    or before the `#` in links of the older form) is kept, so going back to
//!    the playground finds it unchanged.
//! 2. `#/lesson/<slug>` opens that lesson on its preset.
//! 3. `#/lesson/<slug>?<query>` opens it on the query's scenario instead, when
//!    the query names any scenario key. The query replaces the preset whole
//!    rather than being merged into it: the page's own address prints only
//!    what differs from the defaults, so a merge would bring back preset
//!    values the learner had changed to a default, and a reload would not
//!    reproduce the page. View keys alone (`at`, `g`, `compare`) apply on top
//!    of the preset.
//! 4. Anything else is the playground's, read by the core's link parser as before.

use std::cell::RefCell;

use gobalance_core::link::{self, Link, LinkErrors, FIELDS};
use gobalance_core::Strategy;
use gobalance_lessons::Lesson;

/// The index's fragment, as links and the address write it.
pub const INDEX_FRAGMENT: &str = "#/lessons";
/// The playground's fragment: its query follows with no path before it.
pub const PLAYGROUND_FRAGMENT: &str = "#";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Playground,
    Index,
    /// A lesson route, with its slug as written (it may name no lesson).
    Lesson(String),
}

/// The route of a page address (a full URL, or only its fragment).
pub fn route_of(href: &str) -> Route {
    let Some((_, fragment)) = href.split_once('#') else {
        return Route::Playground;
    };
    let path = fragment.split_once('?').map_or(fragment, |(path, _)| path);
    if path == "/lessons" || path == "/lessons/" {
        return Route::Index;
    }
    match path.strip_prefix("/lesson/") {
        Some(slug) if !slug.is_empty() => Route::Lesson(slug.to_owned()),
        _ => Route::Playground,
    }
}

/// The link a page address opens, and what it got wrong: what the app's
/// reducer starts from, and reopens on every change of the address.
pub fn open(href: &str) -> (Link, LinkErrors) {
    let (main, fragment) = href.split_once('#').unwrap_or((href, ""));
    match route_of(href) {
        Route::Playground => link::parse_lenient(href),
        Route::Index => {
            let query = fragment.split_once('?').map_or("", |(_, query)| query);
            if query.is_empty() {
                link::parse_lenient(main)
            } else {
                link::parse_lenient(query)
            }
        }
        Route::Lesson(slug) => {
            // The part before `#` is left over from the index's address; a
            // lesson's scenario is its preset or its own query.
            let query = fragment.split_once('?').map_or("", |(_, query)| query);
            let text = match gobalance_lessons::by_slug(&slug) {
                Some(lesson) if !names_a_scenario(query) => {
                    let separator = if query.is_empty() { "" } else { "&" };
                    format!("#/lesson/{slug}?{}{separator}{query}", lesson.preset)
                }
                _ => format!("#/lesson/{slug}?{query}"),
            };
            link::parse_lenient(&text)
        }
    }
}

/// Whether a query has any key other than the view's (`lesson`, `at`, `g`,
/// `compare`) and the version. A key the parser does not know counts: it was
/// meant as a scenario key, and the parser will report it.
fn names_a_scenario(query: &str) -> bool {
    query
        .split('&')
        .map(|pair| pair.split_once('=').map_or(pair, |(key, _)| key))
        .filter(|key| !key.is_empty())
        .any(|key| match FIELDS.iter().find(|doc| doc.name == key) {
            Some(doc) => !doc.is_view() && doc.name != "v",
            None => true,
        })
}

/// The index's address on the page at `path`: the scenario on show stays in
/// its query, so the way back to the playground finds it.
pub fn index_address(link: &Link, path: &str) -> String {
    let mut link = link.clone();
    link.view.lesson = None;
    format!("{path}{INDEX_FRAGMENT}?{}", link::to_query(&link))
}

thread_local! {
    /// The playground's scenario while the visitor reads lessons: the
    /// playground and the index hold it in their address, a lesson's address
    /// holds the lesson's, so the way back from a lesson is kept here.
    static PLAYGROUND_QUERY: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Keeps `link` as the scenario the way back to the playground returns to.
pub fn remember_playground(link: &Link) {
    let mut link = link.clone();
    link.view.lesson = None;
    let query = link::to_query(&link);
    PLAYGROUND_QUERY.with(|kept| *kept.borrow_mut() = Some(query));
}

/// The index's in-page link, carrying the remembered playground scenario.
pub fn index_href() -> String {
    with_remembered_query(INDEX_FRAGMENT)
}

/// The playground's in-page link, on the remembered scenario.
pub fn playground_href() -> String {
    with_remembered_query(PLAYGROUND_FRAGMENT)
}

fn with_remembered_query(fragment: &str) -> String {
    PLAYGROUND_QUERY.with(|kept| match kept.borrow().as_deref() {
        Some(query) => format!("{fragment}?{query}"),
        None => fragment.to_owned(),
    })
}

/// The address of a lesson on a scenario query, canonical as the page's own
/// address would print it, so following it to what is on show changes nothing.
pub fn lesson_href(slug: &str, query: &str) -> String {
    let (link, _) = link::parse_lenient(query);
    format!("#/lesson/{slug}?{}", link::to_query(&link))
}

/// The address of a lesson on its preset.
pub fn lesson_start(lesson: &Lesson) -> String {
    format!("#/lesson/{}", lesson.slug)
}

/// The scenario a code span of a lesson's text loads. A span of the strategy
/// alone (`strategy=steal`, as in "switch to `strategy=steal`") swaps the
/// strategy of the lesson's preset, which is what such a sentence means; any
/// other span is a whole link.
pub fn span_query(preset: &str, span: &str) -> String {
    let strategy_only = span
        .strip_prefix("strategy=")
        .filter(|key| !key.contains('&'))
        .and_then(Strategy::from_key);
    if let Some(strategy) = strategy_only {
        if let Ok(mut link) = link::parse(preset) {
            link.scenario.strategy = strategy;
            if link.scenario.validate().is_ok() {
                return link::to_query(&link);
            }
        }
    }
    span.to_owned()
}

/// The lessons before and after one, for the previous and next links.
pub fn neighbours(slug: &str) -> (Option<&'static Lesson>, Option<&'static Lesson>) {
    let all = gobalance_lessons::all();
    match all.iter().position(|lesson| lesson.slug == slug) {
        Some(i) => (i.checked_sub(1).map(|j| &all[j]), all.get(i + 1)),
        None => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gobalance_core::Scenario;

    fn preset_of(slug: &str) -> Scenario {
        let lesson = gobalance_lessons::by_slug(slug).unwrap();
        link::parse(lesson.preset).unwrap().scenario
    }

    #[test]
    fn routes_are_read_from_the_fragment() {
        assert_eq!(route_of("http://h/"), Route::Playground);
        assert_eq!(route_of("http://h/?strategy=pool"), Route::Playground);
        assert_eq!(route_of("http://h/#/"), Route::Playground);
        assert_eq!(route_of("http://h/?strategy=pool#/lessons"), Route::Index);
        assert_eq!(route_of("#/lessons/"), Route::Index);
        assert_eq!(
            route_of("http://h/#/lesson/worker-pool?workers=8"),
            Route::Lesson("worker-pool".to_owned())
        );
        assert_eq!(
            route_of("#/lesson/"),
            Route::Playground,
            "no slug: the parser reports it"
        );
    }

    #[test]
    fn a_bare_lesson_route_opens_its_preset() {
        for lesson in gobalance_lessons::all() {
            let (link, errors) = open(&format!("http://h/{}", lesson_start(lesson)));
            assert!(errors.is_empty(), "{}: {errors}", lesson.slug);
            assert_eq!(link.scenario, preset_of(lesson.slug), "{}", lesson.slug);
            assert_eq!(link.view.lesson.as_deref(), Some(lesson.slug));
        }
    }

    #[test]
    fn a_scenario_query_replaces_the_preset_whole() {
        let (link, errors) = open("http://h/#/lesson/work-stealing?strategy=pool&workers=3");
        assert!(errors.is_empty(), "{errors}");
        assert_eq!(
            link.scenario,
            link::parse("strategy=pool&workers=3").unwrap().scenario
        );
        assert_eq!(link.view.lesson.as_deref(), Some("work-stealing"));
    }

    #[test]
    fn view_keys_alone_apply_on_top_of_the_preset() {
        let (link, errors) = open("http://h/#/lesson/work-stealing?at=12&g=1");
        assert!(errors.is_empty(), "{errors}");
        assert_eq!(link.scenario, preset_of("work-stealing"));
        assert_eq!(
            (link.view.playhead, link.view.selected),
            (Some(12), Some(1))
        );
    }

    #[test]
    fn the_page_address_of_a_lesson_reopens_the_same_link() {
        // What use_address writes: the canonical query, which prints only
        // values that differ from the defaults.
        let (link, _) = link::parse_lenient("strategy=unbounded&tasks=10&wait=wg");
        let mut with_lesson = link.clone();
        with_lesson.view.lesson = Some("what-is-a-goroutine".to_owned());
        let address = format!(
            "http://h/#/lesson/what-is-a-goroutine?{}",
            link::to_query(&link)
        );
        assert_eq!(open(&address).0, with_lesson);
    }

    #[test]
    fn the_index_keeps_the_scenario_before_its_fragment() {
        let (link, errors) = open("http://h/?strategy=steal&workers=8#/lessons");
        assert!(errors.is_empty(), "{errors}");
        assert_eq!(link.scenario.strategy, Strategy::Steal);
        assert_eq!(link.view.lesson, None);
    }

    #[test]
    fn the_index_address_reopens_the_index_on_the_same_scenario() {
        let (link, _) = link::parse_lenient("#/lesson/work-stealing?strategy=steal&workers=8&at=3");
        let address = index_address(&link, "/");
        assert_eq!(address, "/#/lessons?strategy=steal&workers=8&at=3");
        assert_eq!(route_of(&address), Route::Index);
        let (again, errors) = open(&format!("http://h{address}"));
        assert!(errors.is_empty(), "{errors}");
        assert_eq!(again.scenario, link.scenario);
        assert_eq!(again.view.lesson, None);
    }

    #[test]
    fn an_index_address_of_the_older_form_keeps_its_scenario() {
        let (link, errors) = open("http://h/?strategy=steal&workers=8#/lessons");
        assert!(errors.is_empty(), "{errors}");
        assert_eq!(link.scenario.params.workers, 8);
    }

    #[test]
    fn the_way_back_from_a_lesson_returns_to_the_remembered_playground() {
        let (playground, _) = link::parse_lenient("#?strategy=pool&workers=3");
        remember_playground(&playground);
        assert_eq!(index_href(), "#/lessons?strategy=pool&workers=3");
        assert_eq!(playground_href(), "#?strategy=pool&workers=3");
        let (back, errors) = open(&format!("http://h/{}", playground_href()));
        assert!(errors.is_empty(), "{errors}");
        assert_eq!(back.scenario, playground.scenario);
    }

    #[test]
    fn a_lesson_ignores_a_query_left_before_the_fragment() {
        let (link, errors) = open("http://h/?strategy=steal#/lesson/worker-pool");
        assert!(errors.is_empty(), "{errors}");
        assert_eq!(link.scenario, preset_of("worker-pool"));
    }

    #[test]
    fn an_unknown_lesson_opens_as_written_and_keeps_its_slug() {
        let (link, errors) = open("http://h/#/lesson/no-such-lesson");
        assert!(errors.is_empty(), "{errors}");
        assert_eq!(link.scenario, Scenario::default());
        assert_eq!(link.view.lesson.as_deref(), Some("no-such-lesson"));
    }

    #[test]
    fn a_mistyped_key_counts_as_a_scenario_and_is_reported() {
        let (link, errors) = open("http://h/#/lesson/worker-pool?wrkers=8");
        assert_eq!(errors.0[0].field, "wrkers");
        assert_eq!(link.scenario, Scenario::default());
    }

    #[test]
    fn the_playground_reads_links_as_before() {
        let href = "http://h/?strategy=steal&workers=8";
        assert_eq!(open(href), link::parse_lenient(href));
    }

    #[test]
    fn lesson_links_are_canonical() {
        assert_eq!(
            lesson_href("worker-pool", "workers=3&strategy=pool&seed=1"),
            "#/lesson/worker-pool?strategy=pool&workers=3"
        );
    }

    #[test]
    fn a_strategy_span_swaps_the_presets_strategy() {
        let preset = gobalance_lessons::by_slug("work-stealing").unwrap().preset;
        let query = span_query(preset, "strategy=steal");
        let swapped = link::parse(&query).unwrap().scenario;
        let mut expected = preset_of("work-stealing");
        expected.strategy = Strategy::Steal;
        assert_eq!(swapped, expected);
        // A whole link is loaded as written.
        assert_eq!(
            span_query(preset, "strategy=pool&workers=2"),
            "strategy=pool&workers=2"
        );
    }

    #[test]
    fn neighbours_follow_the_lesson_order() {
        let all = gobalance_lessons::all();
        let (prev, next) = neighbours(all[0].slug);
        assert!(prev.is_none());
        assert_eq!(next.unwrap().slug, all[1].slug);
        let (prev, next) = neighbours(all[all.len() - 1].slug);
        assert_eq!(prev.unwrap().slug, all[all.len() - 2].slug);
        assert!(next.is_none());
        assert!(matches!(neighbours("no-such-lesson"), (None, None)));
    }
}
