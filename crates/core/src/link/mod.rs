//! Scenario links: the one text form of a scenario (a URL query a person can read and edit) plus the page's view state.
//!
//! A link looks like `strategy=steal&workers=8&dist=pareto&dur=20ms`, bare,
//! after a `?`, inside a full share URL, or inside a lesson deep link
//! (`#/lesson/<slug>?workers=8`). Every key is one row of [`FIELDS`]
//! (`fields.rs`): its name, range, meaning, and how its value is read from
//! and written to a [`Link`]. Parsing, printing and help all read that one
//! table, in its order, so adding a key is adding a row.
//!
//! Parsing, in steps:
//! 1. Refuse input longer than [`LINK_LEN_MAX`], so no later step can be slow.
//! 2. Find the query (`locate.rs`): after the `?` of a URL, or the whole
//!    input when it is bare; and the route and query of a
//!    `#/lesson/<slug>?<query>` fragment.
//! 3. Decode the pairs with the `form_urlencoded` crate (the WHATWG
//!    urlencoded parser that the `url` crate is built on), so `%2C` and `+`
//!    mean exactly what they mean to a browser.
//! 4. Look each key up in [`FIELDS`]: an unknown key is refused with the
//!    closest known key suggested (`suggest.rs`), a repeated key is refused.
//! 5. Parse each value as its field's kind (whole number, exact decimal,
//!    duration, size, word, list) and check it against the field's range. A
//!    refused value leaves the default in place, so every problem is found in
//!    one pass and reported together.
//! 6. Apply the rules between keys, which their rows state: `durations`
//!    alone implies `dist=list`; `db_mode` needs `db`.
//! 7. Run [`Scenario::validate`] for the rules between fields. The lenient
//!    parse then drops the fields it names and rebuilds, so the page always
//!    gets a runnable scenario along with the list of what it did not keep.
//!
//! Numbers are parsed as integers, never through `f64` (`numbers.rs`):
//! `cpu=0.1` is exactly 100 permille, and a value finer than the stored
//! precision (`cpu=0.1234`, `dur=1.5ns`) is refused rather than rounded.
//!
//! Printing is canonical: keys in [`FIELDS`] order, `strategy` always (so a
//! link says what it runs), every other value only where it differs from
//! what leaving it out means ([`Scenario::default`], or what another key
//! implies), so links stay short and `parse(to_query(x)) == x`.

mod fields;
mod locate;
mod numbers;
mod suggest;

pub use fields::{FieldDoc, FIELDS, PACKED_CHARS_MAX};
pub use numbers::parse_duration;

use crate::scenario::{FieldError, Scenario, Strategy};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

/// The link format this module reads and writes. A link without `v` is version 1.
pub const VERSION: u64 = 1;

/// The longest input accepted. The longest valid link is a `durations` list of
/// 10,000 values of up to 16 characters each (`3599999999999ns,`), about
/// 160 KB, so this refuses nothing valid while bounding the work.
pub const LINK_LEN_MAX: usize = 256 * 1024;

/// The fewest strategies `compare` runs side by side.
pub const COMPARE_LEN_MIN: usize = 2;
/// The most strategies `compare` runs side by side: more columns than this
/// do not fit beside each other on a page.
pub const COMPARE_LEN_MAX: usize = 4;

/// Past this many errors the rest are counted in one line: a pasted wall of
/// junk should give a report a person can read.
const ERRORS_MAX: usize = 50;

/// A given value is quoted in an error up to this many characters.
const GIVEN_CHARS_MAX: usize = 60;

/// What the page shows beside the scenario. The command line ignores it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct View {
    /// The open lesson (`lesson`, or the route of `#/lesson/<slug>`).
    pub lesson: Option<String>,
    /// The playhead, as an index into the run's events (`at`).
    pub playhead: Option<u64>,
    /// The goroutine selected in the timeline (`g`).
    pub selected: Option<u32>,
    /// Strategies run side by side on the same workload (`compare`), 2 to 4, in the order given.
    pub compare: Vec<Strategy>,
    /// The learner's own Go program, packed (`prog`): deflated, URL-safe
    /// base64; gobalance-lang's `share` unpacks it.
    pub program: Option<String>,
}

/// Everything a link carries.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Link {
    pub scenario: Scenario,
    pub view: View,
}

/// Every problem found in a link, in the order found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LinkErrors(pub Vec<FieldError>);

impl LinkErrors {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One error a line.
impl fmt::Display for LinkErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LinkErrors {}

/// Reads a link, refusing it whole if anything in it is wrong.
pub fn parse(input: &str) -> Result<Link, LinkErrors> {
    let (link, errors) = parse_lenient(input);
    if errors.is_empty() {
        Ok(link)
    } else {
        Err(errors)
    }
}

/// Reads a link, keeping every field it could; the rest stay at their
/// defaults. The scenario returned always passes [`Scenario::validate`], so
/// the page can run it while it shows the errors.
pub fn parse_lenient(input: &str) -> (Link, LinkErrors) {
    let mut errors = Errors::default();
    if input.len() > LINK_LEN_MAX {
        errors.push(FieldError::new(
            "link",
            format!("{} bytes", input.len()),
            format!("at most {LINK_LEN_MAX} bytes"),
        ));
        return (Link::default(), errors.finish());
    }
    let given = read_pairs(input, &mut errors);
    let (link, refused) = build(&given, &[]);
    for error in refused {
        errors.push(error);
    }
    let link = settle(link, &given, &mut errors);
    (link, errors.finish())
}

/// The canonical query of a link, without a leading `?`.
pub fn to_query(link: &Link) -> String {
    let default = Link::default();
    let mut pairs = Vec::new();
    for field in FIELDS {
        if let Some(text) = field.printed(link, &default) {
            // No value printed here needs percent-encoding: they are made of
            // letters, digits, `.`, `,`, `-` and `_` only.
            pairs.push(format!("{}={text}", field.name));
        }
    }
    pairs.join("&")
}

/// Collects errors, counting those past [`ERRORS_MAX`] instead of keeping them.
#[derive(Default)]
struct Errors {
    kept: Vec<FieldError>,
    dropped: usize,
}

impl Errors {
    fn push(&mut self, error: FieldError) {
        if self.kept.len() < ERRORS_MAX {
            self.kept.push(error);
        } else {
            self.dropped += 1;
        }
    }

    fn names(&self, field: &str) -> bool {
        self.kept.iter().any(|e| e.field == field)
    }

    fn finish(mut self) -> LinkErrors {
        if self.dropped > 0 {
            self.kept.push(FieldError::new(
                "link",
                format!("{} more errors", self.dropped),
                "fix the errors above first",
            ));
        }
        LinkErrors(self.kept)
    }
}

/// A key given in a link, by its place in [`FIELDS`], with its value as decoded.
type Pair = (usize, String);

/// Steps 2 to 4: the known pairs, first value of each key, in [`FIELDS`] order.
fn read_pairs(input: &str, errors: &mut Errors) -> Vec<Pair> {
    let located = locate::locate(input, errors);
    let mut given: Vec<Pair> = Vec::new();
    let mut repeated: Vec<usize> = Vec::new();
    let mut pairs: Vec<(Cow<'_, str>, Cow<'_, str>)> = Vec::new();
    if let Some(slug) = located.lesson {
        pairs.push((Cow::Borrowed(fields::LESSON), Cow::Borrowed(slug)));
    }
    pairs.extend(form_urlencoded::parse(located.query.as_bytes()));
    pairs.extend(form_urlencoded::parse(located.fragment_query.as_bytes()));
    // form_urlencoded decodes invalid UTF-8 to U+FFFD; one that was not in the
    // input came from a bad percent-encoding such as `%FF`.
    let replacement_typed = input.contains(char::REPLACEMENT_CHARACTER);
    for (name, value) in pairs {
        let mangled = |text: &str| !replacement_typed && text.contains(char::REPLACEMENT_CHARACTER);
        if mangled(&name) || mangled(&value) {
            let field = if mangled(&name) { "link" } else { &name };
            errors.push(FieldError::new(
                field,
                clip(&format!("{name}={value}")),
                "text that is valid UTF-8 once percent-decoded",
            ));
            continue;
        }
        let Some(index) = FIELDS.iter().position(|field| field.name == name) else {
            errors.push(unknown_key(&name, &value));
            continue;
        };
        if given.iter().any(|(given_index, _)| *given_index == index) {
            if !repeated.contains(&index) {
                repeated.push(index);
                let name = FIELDS[index].name;
                errors.push(FieldError::new(
                    name,
                    clip(&value),
                    format!("one value (`{name}` appears more than once)"),
                ));
            }
            continue;
        }
        given.push((index, value.into_owned()));
    }
    given.sort_by_key(|(index, _)| *index);
    given
}

fn unknown_key(name: &str, value: &str) -> FieldError {
    let allowed = match suggest::closest(name, FIELDS.iter().map(|field| field.name)) {
        Some(known) => format!("a known key (did you mean `{known}`?)"),
        None => "a known key (`gobalance help` lists them)".to_string(),
    };
    let field = if name.is_empty() { "link" } else { name };
    FieldError::new(clip(field), clip(&format!("{name}={value}")), allowed)
}

/// Steps 5 and 6: a link from the defaults and the given pairs, leaving out
/// the keys in `dropped`; and the values it refused.
fn build(given: &[Pair], dropped: &[usize]) -> (Link, Vec<FieldError>) {
    let mut link = Link::default();
    let mut refused = Vec::new();
    let mut accepted = Vec::new();
    for (index, text) in given.iter().filter(|(index, _)| !dropped.contains(index)) {
        let field = &FIELDS[*index];
        if field.needs_one_of(&refused) {
            continue;
        }
        match field.apply(text, &mut link) {
            Ok(()) => accepted.push(*index),
            Err(error) => refused.push(error),
        }
    }
    for (index, field) in FIELDS.iter().enumerate() {
        if accepted.contains(&index) {
            continue;
        }
        if let Some(implied) = field.implied_value(&link.scenario) {
            // An implied value is a word of the key's own, so this is never refused.
            if let Err(error) = field.apply(implied, &mut link) {
                refused.push(error);
            }
        }
    }
    (link, refused)
}

/// Step 7: adds the errors of [`Scenario::validate`] that no earlier error
/// already names, then drops the fields it names until the scenario is valid.
fn settle(mut link: Link, given: &[Pair], errors: &mut Errors) -> Link {
    let mut dropped: Vec<usize> = Vec::new();
    let mut first = true;
    loop {
        let Err(problems) = link.scenario.validate() else {
            return link;
        };
        if first {
            first = false;
            for problem in &problems {
                if !errors.names(&problem.field) {
                    errors.push(problem.clone());
                }
            }
        }
        let before = dropped.len();
        for problem in &problems {
            for (index, _) in given {
                if FIELDS[*index].goes_with(&problem.field) && !dropped.contains(index) {
                    dropped.push(*index);
                }
            }
        }
        if dropped.len() == before {
            // Nothing given caused it, so only the defaults are left to trust.
            link.scenario = Scenario::default();
            return link;
        }
        link = build(given, &dropped).0;
    }
}

/// At most [`GIVEN_CHARS_MAX`] characters of a given value, for quoting in an error.
fn clip(text: &str) -> String {
    match text.char_indices().nth(GIVEN_CHARS_MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_count_a_sweep_varies_is_the_link_key_of_that_name() {
        for strategy in Strategy::ALL {
            let Some(count) = strategy.worker_count() else {
                continue;
            };
            let mut link = Link::default();
            link.scenario.strategy = strategy;
            link.scenario.params.min_workers = 9;
            count.set(&mut link.scenario, 7);
            let query = to_query(&link);
            assert!(
                query.contains(&format!("&{}=7", count.key())),
                "{strategy:?}: {query}"
            );
            let again = parse(&query).expect("a swept scenario stays valid");
            assert_eq!(count.get(&again.scenario), 7, "{query}");
        }
    }
}
