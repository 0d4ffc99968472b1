//! The catalogue's shape: one lesson per topic of the source, in its order, each with a titled text of a readable length.

use gobalance_core::link;
use gobalance_lessons::{all, by_slug};

/// The source's topics in its order, as the slugs that stand for them.
const SOURCE_ORDER: [&str; 15] = [
    "what-is-a-goroutine",
    "the-go-scheduler",
    "unbounded-goroutines",
    "worker-pool",
    "dynamic-scaling",
    "work-stealing",
    "fan-out-fan-in",
    "rate-limited-pool",
    "cpu-bound-vs-io-bound",
    "leaks-and-cancellation",
    "bounding-memory",
    "benchmarking-worker-counts",
    "monitoring-goroutines",
    "real-world-dataset",
    "sandbox",
];

const WORDS_MIN: usize = 250;
const WORDS_MAX: usize = 600;

#[test]
fn lessons_follow_the_source_order() {
    let slugs: Vec<&str> = all().iter().map(|l| l.slug).collect();
    assert_eq!(slugs, SOURCE_ORDER);
}

#[test]
fn slugs_are_unique_kebab_case_and_found_by_slug() {
    for (i, lesson) in all().iter().enumerate() {
        let slug = lesson.slug;
        let kebab = !slug.is_empty()
            && slug.split('-').all(|word| {
                !word.is_empty()
                    && word
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        assert!(kebab, "lesson `{slug}`: slug is not kebab-case");
        assert!(
            all()[..i].iter().all(|other| other.slug != slug),
            "lesson `{slug}`: slug used twice"
        );
        let found = by_slug(slug).map(|l| l.title);
        assert_eq!(found, Some(lesson.title), "lesson `{slug}`: by_slug");
        // The route the page builds must survive the link parser.
        let route = format!("#/lesson/{slug}?{}", lesson.preset);
        let parsed = link::parse(&route)
            .unwrap_or_else(|e| panic!("lesson `{slug}`: deep link {route} does not parse: {e}"));
        assert_eq!(
            parsed.view.lesson.as_deref(),
            Some(slug),
            "lesson `{slug}`: {route}"
        );
    }
    assert!(by_slug("no-such-lesson").is_none());
}

#[test]
fn every_text_opens_with_its_title_and_has_a_readable_length() {
    for lesson in all() {
        let slug = lesson.slug;
        let first = lesson.markdown.lines().next().unwrap_or("");
        assert_eq!(
            first,
            format!("# {}", lesson.title),
            "lesson `{slug}`: the Markdown must open with `# <title>`"
        );
        let words = prose_words(lesson.markdown);
        assert!(
            (WORDS_MIN..=WORDS_MAX).contains(&words),
            "lesson `{slug}`: {words} words of prose, want {WORDS_MIN} to {WORDS_MAX}"
        );
        assert!(!lesson.summary.is_empty(), "lesson `{slug}`: no summary");
    }
}

#[test]
fn the_program_shown_is_the_program_the_preset_runs() {
    for lesson in all() {
        let scenario = gobalance_lessons::scenario_of(lesson.preset)
            .unwrap_or_else(|| panic!("lesson `{}`: preset {}", lesson.slug, lesson.preset));
        assert_eq!(
            scenario.strategy, lesson.program,
            "lesson `{}`: the code panel would show another program than the preset runs: {}",
            lesson.slug, lesson.preset
        );
    }
}

#[test]
fn the_sandbox_has_a_preset_too() {
    let sandbox = by_slug("sandbox").expect("a sandbox lesson");
    assert!(
        gobalance_lessons::scenario_of(sandbox.preset).is_some(),
        "lesson `sandbox`: preset {} does not parse",
        sandbox.preset
    );
}

/// Words outside fenced code blocks: what a reader reads as text.
pub fn prose_words(markdown: &str) -> usize {
    let mut in_code = false;
    let mut words = 0;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if !in_code {
            words += line.split_whitespace().count();
        }
    }
    words
}
