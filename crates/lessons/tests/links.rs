//! Every link a lesson carries or quotes parses and runs: presets, solutions, both sides of each correction, and the links written into the texts.

use crate::support::run;
use gobalance_lessons::{all, Lesson};

/// Every link of a lesson, with where it came from for the failure message.
pub fn links_of(lesson: &Lesson) -> Vec<(String, &'static str)> {
    let mut links = vec![("preset".to_string(), lesson.preset)];
    for (i, exercise) in lesson.exercises.iter().enumerate() {
        links.push((format!("exercise {} solution", i + 1), exercise.solution));
    }
    if let Some(correction) = &lesson.correction {
        links.push(("correction seed_link".to_string(), correction.seed_link));
        links.push(("correction fixed_link".to_string(), correction.fixed_link));
        for quoted in quoted_links(correction.body_markdown) {
            links.push(("link in the correction".to_string(), quoted));
        }
    }
    for quoted in quoted_links(lesson.markdown) {
        links.push(("link in the text".to_string(), quoted));
    }
    links
}

/// The inline code spans of a text that are scenario links (they name a strategy).
pub fn quoted_links(markdown: &'static str) -> Vec<&'static str> {
    let mut links = Vec::new();
    let mut in_fence = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        // Odd-numbered pieces between backticks are code spans.
        for (i, piece) in line.split('`').enumerate() {
            if i % 2 == 1 && piece.starts_with("strategy=") {
                links.push(piece);
            }
        }
    }
    links
}

#[test]
fn every_link_parses_and_runs() {
    let mut count = 0;
    for lesson in all() {
        for (origin, link) in links_of(lesson) {
            let ran = run(&format!("{} ({origin})", lesson.slug), link);
            assert!(
                ran.run.metrics.makespan.0 > 0,
                "lesson `{}` ({origin}): empty run: {link}",
                lesson.slug
            );
            count += 1;
        }
    }
    println!("{count} links ran");
}
