//! The lessons' texts and correction boxes as HTML, rendered from their Markdown when the crate is built (`build.rs`, with `markdown`).

/// One lesson's HTML.
#[derive(Debug)]
pub struct Rendered {
    pub slug: &'static str,
    pub text: &'static str,
    pub correction: Option<&'static str>,
}

static RENDERED: &[Rendered] = include!(concat!(env!("OUT_DIR"), "/lessons_html.rs"));

/// The HTML of the lesson `slug`.
pub fn of(slug: &str) -> Option<&'static Rendered> {
    RENDERED.iter().find(|r| r.slug == slug)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::markdown;

    #[test]
    fn every_lesson_is_rendered_as_the_renderer_renders_it_now() {
        let lessons = gobalance_lessons::all();
        assert_eq!(RENDERED.len(), lessons.len());
        for lesson in lessons {
            let rendered = of(lesson.slug).unwrap();
            assert_eq!(
                rendered.text,
                markdown::to_html(lesson.markdown, lesson.slug, lesson.preset)
            );
            assert_eq!(
                rendered.correction.map(str::to_owned),
                lesson.correction.as_ref().map(|c| markdown::to_html(
                    c.body_markdown,
                    lesson.slug,
                    lesson.preset
                ))
            );
        }
    }
}
