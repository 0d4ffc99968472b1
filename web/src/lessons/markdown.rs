//! A lesson's Markdown as HTML (pulldown-cmark), with its `strategy=` code spans made into links that load their scenario into the lesson's playground.
//!
//! This runs when the crate is built (`build.rs` compiles this file by
//! path), not in the browser: the page includes the HTML (`rendered`) and
//! ships no Markdown parser. The library compiles it only for its tests.
//!
//! The text is ours, compiled into the page, so its HTML can be inserted as
//! it is. Even so, raw HTML in the Markdown is shown as text rather than
//! passed through: nothing a lesson writes can add markup the page did not
//! mean. The text's leading `# title` is left out, because the page shows
//! the lesson's title above the question and the text; the other headings
//! move one level down, under the page's `<h1>` (the site's name) and that
//! `<h2>`.

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

// `super` is `lessons` in the library and the crate root in build.rs.
use super::route;

/// The HTML of a lesson's Markdown (or of a correction box's), for the lesson `slug` whose preset is `preset`.
pub fn to_html(markdown: &str, slug: &str, preset: &str) -> String {
    let markdown = without_title(markdown);
    let parser =
        Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).map(|event| match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: lower(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(lower(level))),
            Event::Code(code) if code.starts_with("strategy=") => {
                let href = route::lesson_href(slug, &route::span_query(preset, &code));
                Event::InlineHtml(CowStr::from(format!(
                    "<a class=\"scenario-link\" data-testid=\"scenario-link\" href=\"{}\" \
                 title=\"Load this scenario into the playground below\"><code>{}</code></a>",
                    escape(&href),
                    escape(&code)
                )))
            }
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            other => other,
        });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, parser);
    out
}

/// The Markdown after its first line, when that line is a `# title`.
fn without_title(markdown: &str) -> &str {
    match markdown.strip_prefix("# ") {
        Some(rest) => rest.split_once('\n').map_or("", |(_, body)| body),
        None => markdown,
    }
}

/// One heading level down, at most `<h6>`.
fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

/// Text safe inside an HTML attribute or element.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRESET: &str = "strategy=static&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms&cpu=1";

    #[test]
    fn the_title_is_left_out_and_headings_move_one_level_down() {
        let out = to_html("# Title\n\nIntro.\n\n## Part\n\ntext", "x", PRESET);
        assert!(!out.contains("Title"), "{out}");
        assert!(out.starts_with("<p>Intro.</p>"), "{out}");
        assert!(out.contains("<h3>Part</h3>"), "{out}");
        assert!(!out.contains("<h1>") && !out.contains("<h2>"));
        let untitled = to_html("Just text.", "x", PRESET);
        assert_eq!(untitled, "<p>Just text.</p>\n");
    }

    #[test]
    fn strategy_spans_become_links_into_the_lesson() {
        let out = to_html(
            "Try `strategy=pool&workers=2` now.",
            "work-stealing",
            PRESET,
        );
        assert!(
            out.contains(r##"href="#/lesson/work-stealing?strategy=pool&amp;workers=2""##),
            "{out}"
        );
        assert!(
            out.contains("<code>strategy=pool&amp;workers=2</code></a>"),
            "{out}"
        );
        assert!(out.contains(r#"data-testid="scenario-link""#));
    }

    #[test]
    fn a_strategy_alone_keeps_the_presets_workload() {
        let out = to_html("Switch to `strategy=steal`.", "work-stealing", PRESET);
        assert!(
            out.contains("strategy=steal&amp;tasks=40&amp;durations=160ms"),
            "{out}"
        );
    }

    #[test]
    fn other_code_stays_code() {
        let out = to_html(
            "Call `wg.Wait()` and\n\n```go\nfor i := range n {}\n```",
            "x",
            PRESET,
        );
        assert!(out.contains("<code>wg.Wait()</code>"), "{out}");
        assert!(
            out.contains("<pre><code class=\"language-go\">for i := range n {}"),
            "{out}"
        );
        assert!(!out.contains("scenario-link"));
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let out = to_html(
            "a <script>alert(1)</script> b\n\n<div onclick=x>block</div>",
            "x",
            PRESET,
        );
        assert!(!out.contains("<script>"), "{out}");
        assert!(!out.contains("<div"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }

    #[test]
    fn every_lesson_renders_and_links_only_into_itself() {
        for lesson in gobalance_lessons::all() {
            // The page shows `lesson.title` instead of the text's own first line.
            assert_eq!(
                lesson.markdown.lines().next(),
                Some(format!("# {}", lesson.title).as_str())
            );
            let out = to_html(lesson.markdown, lesson.slug, lesson.preset);
            assert!(
                out.starts_with("<p>"),
                "{}: {}",
                lesson.slug,
                &out[..40.min(out.len())]
            );
            for (i, _) in out.match_indices("href=\"#/lesson/") {
                let rest = &out[i + "href=\"#/lesson/".len()..];
                assert!(
                    rest.starts_with(&format!("{}?", lesson.slug)),
                    "{}",
                    lesson.slug
                );
            }
            if let Some(correction) = &lesson.correction {
                let body = to_html(correction.body_markdown, lesson.slug, lesson.preset);
                assert!(body.starts_with("<p>"), "{}", lesson.slug);
            }
        }
    }

    #[test]
    fn escaping_covers_attribute_quotes() {
        assert_eq!(escape(r#"a&b<c>"d'"#), "a&amp;b&lt;c&gt;&quot;d&#39;");
    }
}
