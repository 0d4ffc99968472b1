//! Where a link's pairs are in what was pasted: a bare query, after a `?`, in a full or relative URL, or in a `#/lesson/<slug>?` fragment.

use super::{clip, Errors};
use crate::scenario::FieldError;

/// Where the pairs are in the input.
pub(super) struct Located<'a> {
    pub(super) query: &'a str,
    /// The query after a `#/...?`, read after `query`.
    pub(super) fragment_query: &'a str,
    /// The `<slug>` of a `#/lesson/<slug>` route.
    pub(super) lesson: Option<&'a str>,
}

/// Step 2: accepts a bare query, `?query`, a full or relative URL, and a
/// `#/lesson/<slug>?<query>` fragment on any of them.
pub(super) fn locate<'a>(input: &'a str, errors: &mut Errors) -> Located<'a> {
    // People paste links with a trailing newline.
    let input = input.trim();
    let (main, fragment) = match input.split_once('#') {
        Some((main, fragment)) => (main, Some(fragment)),
        None => (input, None),
    };
    let query = match main.split_once('?') {
        Some((_, query)) => query,
        None if has_scheme(main) || main.starts_with('/') => "",
        None => main,
    };
    let mut located = Located {
        query,
        fragment_query: "",
        lesson: None,
    };
    if let Some(fragment) = fragment {
        let (route, fragment_query) = fragment.split_once('?').unwrap_or((fragment, ""));
        let lesson = route.strip_prefix("/lesson/");
        if route.is_empty() || route == "/" || lesson.is_some() {
            located.fragment_query = fragment_query;
            located.lesson = lesson;
        } else {
            errors.push(FieldError::new(
                "link",
                clip(&format!("#{fragment}")),
                "a fragment such as #/lesson/<name> or #/lesson/<name>?<query>",
            ));
        }
    }
    located
}

/// Whether `text` starts like `https://`: a letter, then letters, digits, `+`, `-` or `.`, then `://`.
fn has_scheme(text: &str) -> bool {
    let Some((scheme, _)) = text.split_once("://") else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scheme_needs_a_letter_first_and_a_url_without_query_has_no_pairs() {
        assert!(has_scheme("https://gobalance.example/"));
        assert!(has_scheme("git+ssh://host"));
        assert!(!has_scheme("1http://host"));
        assert!(!has_scheme("workers=4"));
        let mut errors = Errors::default();
        assert_eq!(
            locate("https://gobalance.example/play/", &mut errors).query,
            ""
        );
        assert_eq!(locate("workers=4", &mut errors).query, "workers=4");
        assert!(errors.finish().is_empty());
    }

    #[test]
    fn a_lesson_route_gives_its_slug_and_its_own_query() {
        let mut errors = Errors::default();
        let located = locate("/?seed=2#/lesson/pools?workers=3", &mut errors);
        assert_eq!(located.query, "seed=2");
        assert_eq!(located.lesson, Some("pools"));
        assert_eq!(located.fragment_query, "workers=3");
        assert!(errors.finish().is_empty());
    }
}
