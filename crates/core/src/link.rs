//! Scenario links: the one text form of a scenario (a URL query a person can read and edit) plus the page's view state.
//!
//! A link looks like `strategy=steal&workers=8&dist=pareto&dur=20ms`, bare,
//! after a `?`, inside a full share URL, or inside a lesson deep link
//! (`#/lesson/<slug>?workers=8`). Every key is listed once, with its range,
//! default and meaning, in [`FIELDS`]: parsing, printing and help all read
//! that one registry, in its order.
//!
//! Parsing, in steps:
//! 1. Refuse input longer than [`LINK_LEN_MAX`], so no later step can be slow.
//! 2. Find the query: after the `?` of a URL, or the whole input when it is
//!    bare; and the route and query of a `#/lesson/<slug>?<query>` fragment.
//! 3. Decode the pairs with the `form_urlencoded` crate (the WHATWG
//!    urlencoded parser that the `url` crate is built on), so `%2C` and `+`
//!    mean exactly what they mean to a browser.
//! 4. Look each key up in [`FIELDS`]: an unknown key is refused with the
//!    closest known key suggested, a repeated key is refused.
//! 5. Parse each value as its field's kind (whole number, exact decimal,
//!    duration, size, word, list) and check it against the field's range. A
//!    refused value leaves the default in place, so every problem is found in
//!    one pass and reported together.
//! 6. Apply the rules between keys: `durations` alone implies `dist=list`;
//!    `db_mode` needs `db`.
//! 7. Run [`Scenario::validate`] for the rules between fields. The lenient
//!    parse then drops the fields it names and rebuilds, so the page always
//!    gets a runnable scenario along with the list of what it did not keep.
//!
//! Numbers are parsed as integers, never through `f64`: `cpu=0.1` is exactly
//! 100 permille, and a value finer than the stored precision (`cpu=0.1234`,
//! `dur=1.5ns`) is refused rather than rounded.
//!
//! Printing is canonical: keys in [`FIELDS`] order, `strategy` always (so a
//! link says what it runs), every other value only where it differs from
//! [`Scenario::default`], so links stay short and `parse(to_query(x)) == x`.

use crate::scenario::{
    limits, Dist, FieldError, Limiter, MainWait, Overload, Resource, Scenario, StealAmount,
    Strategy,
};
use crate::time::Nanos;
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

/// The link format this module reads and writes. A link without `v` is version 1.
pub const VERSION: u64 = 1;

/// The longest input accepted. The longest valid link is a `durations` list of
/// 10,000 values of up to 16 characters each (`3599999999999ns,`), about
/// 160 KB, so this refuses nothing valid while bounding the work.
pub const LINK_LEN_MAX: usize = 256 * 1024;

/// Past this many errors the rest are counted in one line: a pasted wall of
/// junk should give a report a person can read.
const ERRORS_MAX: usize = 50;

/// A given value is quoted in an error up to this many characters.
const GIVEN_CHARS_MAX: usize = 60;

const SLUG_CHARS_MAX: usize = 64;
const COMPARE_LEN_MIN: usize = 2;
const COMPARE_LEN_MAX: usize = 4;

/// What the external resource does past its limit when `db` is given without `db_mode`.
const OVERLOAD_DEFAULT: Overload = Overload::Queue;

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
    let scenario = &link.scenario;
    let mut pairs = Vec::new();
    for doc in FIELDS {
        let Some(text) = value_text(doc.key, link) else {
            continue;
        };
        let printed = match doc.key {
            // A missing `v` means the current version.
            Key::Version => false,
            Key::Strategy => true,
            // `durations` alone implies `dist=list`, so `dist` is printed
            // beside them only when it is something else.
            Key::Dist if !scenario.workload.durations.is_empty() => {
                scenario.workload.dist != Dist::List
            }
            Key::DbMode => scenario
                .machine
                .resource
                .is_some_and(|r| r.overload != OVERLOAD_DEFAULT),
            key => Some(&text) != value_text(key, &default).as_ref(),
        };
        if printed {
            // No value printed here needs percent-encoding: they are made of
            // letters, digits, `.`, `,`, `-` and `_` only.
            pairs.push(format!("{}={text}", doc.name));
        }
    }
    pairs.join("&")
}

/// One key of the link format, for `gobalance help` and the page's help.
#[derive(Debug)]
pub struct FieldDoc {
    /// The key as written in a link.
    pub name: &'static str,
    /// What the value means, in a sentence.
    pub meaning: &'static str,
    key: Key,
    kind: Kind,
}

impl FieldDoc {
    /// The values allowed, such as `a whole number from 1 to 100000`.
    pub fn range(&self) -> String {
        match self.kind {
            Kind::Version => format!("{VERSION} (the only version so far)"),
            Kind::Strategy | Kind::Dist | Kind::Limiter | Kind::Steal | Kind::Overload | Kind::Bool => {
                format!("one of {}", words(self.kind).join(", "))
            }
            Kind::Whole { min, max } => format!("a whole number from {min} to {max}"),
            Kind::Milli { min, max } => format!(
                "a decimal from {} to {} with at most 3 decimals",
                number_text(self.kind, min),
                number_text(self.kind, max)
            ),
            Kind::Duration { min, max } => format!(
                "a duration from {} to {} in ns, us, ms or s, a whole number of ns (e.g. 100ms, 1.5ms)",
                Nanos(min),
                Nanos(max)
            ),
            Kind::Bytes { min, max } => format!(
                "a size from {} to {} in B, KB, MB or GB (binary: 1KB = 1024B), a whole number of bytes",
                number_text(self.kind, min),
                number_text(self.kind, max)
            ),
            Kind::Durations => format!(
                "1 to {} comma-separated durations, each from {} to {} in ns, us, ms or s (e.g. 160ms,20ms)",
                limits::DURATIONS_LEN_MAX,
                Nanos::ZERO,
                limits::DURATION_MAX
            ),
            Kind::Wait => format!(
                "wg, none, or a duration from {} to {} to sleep (e.g. 150ms)",
                Nanos::ZERO,
                limits::DURATION_MAX
            ),
            Kind::Slug => format!("a lesson name of 1 to {SLUG_CHARS_MAX} letters, digits, `-` or `_`"),
            Kind::Compare => format!(
                "{COMPARE_LEN_MIN} to {COMPARE_LEN_MAX} different comma-separated strategies, each one of {}",
                words(Kind::Strategy).join(", ")
            ),
        }
    }

    /// The value a link gets when the key is left out, rendered from
    /// [`Scenario::default`] so it is never typed twice.
    pub fn default_value(&self) -> String {
        match value_text(self.key, &Link::default()) {
            Some(text) => text,
            None if self.key == Key::DbMode => overload_word(OVERLOAD_DEFAULT).to_string(),
            None => "none".to_string(),
        }
    }

    /// Whether the key belongs to the page's view rather than the scenario (the command line ignores these).
    pub fn is_view(&self) -> bool {
        matches!(
            self.key,
            Key::Lesson | Key::Playhead | Key::Selected | Key::Compare
        )
    }
}

/// Every key, in the order links print them: version, strategy and its
/// parameters, workload, machine, seed, then the view.
pub const FIELDS: &[FieldDoc] = &[
    doc(Key::Version, "v", Kind::Version, "Version of the link format; leave it out for the current one."),
    doc(Key::Strategy, "strategy", Kind::Strategy, "How the Go program spreads tasks over goroutines."),
    doc(
        Key::Workers,
        "workers",
        Kind::Whole { min: 1, max: limits::WORKERS_MAX as u64 },
        "Workers of the pool, static, steal, fanout and ratelimit strategies; the semaphore's capacity.",
    ),
    doc(
        Key::MinWorkers,
        "min_workers",
        Kind::Whole { min: 1, max: limits::WORKERS_MAX as u64 },
        "Dynamic scaling: workers at the start, and the floor it retires down to.",
    ),
    doc(
        Key::MaxWorkers,
        "max_workers",
        Kind::Whole { min: 1, max: limits::WORKERS_MAX as u64 },
        "Dynamic scaling: the ceiling it adds workers up to.",
    ),
    doc(
        Key::Interval,
        "interval",
        Kind::Duration { min: Nanos::from_us(100).0, max: limits::DURATION_MAX.0 },
        "Dynamic scaling: how often the controller samples the backlog.",
    ),
    doc(
        Key::Rate,
        "rate",
        Kind::Whole { min: 1, max: limits::RATE_MAX as u64 },
        "Rate-limited pool: tasks started per second.",
    ),
    doc(
        Key::Burst,
        "burst",
        Kind::Whole { min: 1, max: limits::WORKERS_MAX as u64 },
        "Rate-limited pool: depth of the token bucket.",
    ),
    doc(
        Key::Limiter,
        "limiter",
        Kind::Limiter,
        "Rate-limited pool: a shared time.Ticker, or a golang.org/x/time/rate token bucket.",
    ),
    doc(
        Key::Steal,
        "steal",
        Kind::Steal,
        "Work stealing: how much an idle worker takes from a victim's deque.",
    ),
    doc(
        Key::TasksBuffer,
        "tasks_buffer",
        Kind::Whole { min: 0, max: limits::TASKS_MAX as u64 },
        "Buffer of the tasks channel (0 = unbuffered).",
    ),
    doc(
        Key::ResultsBuffer,
        "results_buffer",
        Kind::Whole { min: 0, max: limits::TASKS_MAX as u64 },
        "Buffer of the results channel (0 = unbuffered).",
    ),
    doc(Key::Ordered, "ordered", Kind::Bool, "Fan-in: restore the input order of results."),
    doc(
        Key::CancelAfter,
        "cancel_after",
        Kind::Whole { min: 0, max: limits::TASKS_MAX as u64 },
        "Leak program: the consumer stops after this many results.",
    ),
    doc(
        Key::WithContext,
        "ctx",
        Kind::Bool,
        "Leak program: producers also select on ctx.Done(), so cancelling frees them.",
    ),
    doc(
        Key::Wait,
        "wait",
        Kind::Wait,
        "Unbounded program: how main waits: wg (WaitGroup), none (returns at once, losing the work), or a duration to sleep.",
    ),
    doc(
        Key::Tasks,
        "tasks",
        Kind::Whole { min: 1, max: limits::TASKS_MAX as u64 },
        "Number of tasks to run.",
    ),
    doc(
        Key::Dist,
        "dist",
        Kind::Dist,
        "How task durations are drawn: fixed, uniform on [0, 2·dur], exponential, Pareto (heavy-tailed), bimodal, or the durations list.",
    ),
    doc(
        Key::Dur,
        "dur",
        Kind::Duration { min: 0, max: limits::DURATION_MAX.0 },
        "The fixed or mean task duration (bimodal: the short one).",
    ),
    doc(
        Key::Durations,
        "durations",
        Kind::Durations,
        "Explicit task durations, repeated cyclically; giving them alone implies dist=list.",
    ),
    doc(
        Key::Alpha,
        "alpha",
        Kind::Milli { min: 1001, max: 10_000 },
        "Pareto shape: smaller is heavier-tailed; above 1 so the mean is finite.",
    ),
    doc(
        Key::LongShare,
        "long_share",
        Kind::Milli { min: 0, max: 1000 },
        "Bimodal: the share of long tasks.",
    ),
    doc(
        Key::LongFactor,
        "long_factor",
        Kind::Whole { min: 1, max: 10_000 },
        "Bimodal: how many times longer a long task is.",
    ),
    doc(
        Key::Cpu,
        "cpu",
        Kind::Milli { min: 0, max: 1000 },
        "The share of each task that needs a processor; the rest waits, as on I/O.",
    ),
    doc(
        Key::Mem,
        "mem",
        Kind::Bytes { min: 0, max: limits::MEM_PER_TASK_MAX },
        "Memory a task holds while it runs.",
    ),
    doc(
        Key::Cores,
        "cores",
        Kind::Whole { min: 1, max: limits::CORES_MAX as u64 },
        "GOMAXPROCS: the number of processors.",
    ),
    doc(
        Key::SpawnCost,
        "spawn_cost",
        Kind::Duration { min: 0, max: limits::COST_MAX.0 },
        "Cost of starting a goroutine.",
    ),
    doc(
        Key::SwitchCost,
        "switch_cost",
        Kind::Duration { min: 0, max: limits::COST_MAX.0 },
        "Cost of switching a processor to another goroutine.",
    ),
    doc(
        Key::ChanCost,
        "chan_cost",
        Kind::Duration { min: 0, max: limits::COST_MAX.0 },
        "Cost of one channel send or receive.",
    ),
    doc(
        Key::SyncCost,
        "sync_cost",
        Kind::Duration { min: 0, max: limits::COST_MAX.0 },
        "Cost of a mutex lock/unlock pair, a WaitGroup or an atomic operation.",
    ),
    doc(
        Key::Slice,
        "slice",
        Kind::Duration { min: Nanos::from_us(10).0, max: Nanos::from_secs(10).0 },
        "Preemption: a goroutine that runs this long is descheduled (Go: 10ms).",
    ),
    doc(
        Key::Stack,
        "stack",
        Kind::Bytes { min: 0, max: 1 << 30 },
        "Stack held by each live goroutine (Go starts at 2KB).",
    ),
    doc(
        Key::Db,
        "db",
        Kind::Whole { min: 1, max: limits::WORKERS_MAX as u64 },
        "Connection limit of an external resource, such as a database, that each task's waiting part calls; leave it out for none.",
    ),
    doc(
        Key::DbMode,
        "db_mode",
        Kind::Overload,
        "What the resource does past its limit: callers queue, every call slows, or calls fail. Needs db.",
    ),
    doc(
        Key::Seed,
        "seed",
        Kind::Whole { min: 0, max: u64::MAX },
        "Seed of every random draw: the same link gives the same run.",
    ),
    doc(Key::Lesson, "lesson", Kind::Slug, "View: the open lesson."),
    doc(
        Key::Playhead,
        "at",
        Kind::Whole { min: 0, max: u64::MAX },
        "View: the playhead, as an index into the run's events.",
    ),
    doc(
        Key::Selected,
        "g",
        Kind::Whole { min: 0, max: u32::MAX as u64 },
        "View: the id of the selected goroutine.",
    ),
    doc(
        Key::Compare,
        "compare",
        Kind::Compare,
        "View: strategies to run side by side on the same workload.",
    ),
];

const fn doc(key: Key, name: &'static str, kind: Kind, meaning: &'static str) -> FieldDoc {
    FieldDoc {
        name,
        meaning,
        key,
        kind,
    }
}

/// The keys, in [`FIELDS`] order (a unit test checks), so sorting by key sorts
/// pairs into the order they are applied and printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Version,
    Strategy,
    Workers,
    MinWorkers,
    MaxWorkers,
    Interval,
    Rate,
    Burst,
    Limiter,
    Steal,
    TasksBuffer,
    ResultsBuffer,
    Ordered,
    CancelAfter,
    WithContext,
    Wait,
    Tasks,
    Dist,
    Dur,
    Durations,
    Alpha,
    LongShare,
    LongFactor,
    Cpu,
    Mem,
    Cores,
    SpawnCost,
    SwitchCost,
    ChanCost,
    SyncCost,
    Slice,
    Stack,
    Db,
    DbMode,
    Seed,
    Lesson,
    Playhead,
    Selected,
    Compare,
}

/// How a value is written. Numbers are stored as `u64` in the field's own
/// unit: a count, thousandths, nanoseconds or bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Version,
    Strategy,
    Dist,
    Limiter,
    Steal,
    Overload,
    Bool,
    Whole {
        min: u64,
        max: u64,
    },
    /// A decimal stored in thousandths: `0.25` is 250.
    Milli {
        min: u64,
        max: u64,
    },
    /// Nanoseconds.
    Duration {
        min: u64,
        max: u64,
    },
    Bytes {
        min: u64,
        max: u64,
    },
    Durations,
    /// `wg`, `none`, or a duration to sleep.
    Wait,
    Slug,
    Compare,
}

const LIMITER_WORDS: [(Limiter, &str); 3] = [
    (Limiter::Ticker, "ticker"),
    (Limiter::Bucket, "bucket"),
    (Limiter::Tick, "tick"),
];
const STEAL_WORDS: [(StealAmount, &str); 2] =
    [(StealAmount::One, "one"), (StealAmount::Half, "half")];
const OVERLOAD_WORDS: [(Overload, &str); 3] = [
    (Overload::Queue, "queue"),
    (Overload::Slow, "slow"),
    (Overload::Fail, "fail"),
];
const BOOL_WORDS: [(bool, &str); 2] = [(true, "true"), (false, "false")];
const WAIT_WG: &str = "wg";
const WAIT_NONE: &str = "none";

fn strategy_words() -> [(Strategy, &'static str); 9] {
    Strategy::ALL.map(|s| (s, s.key()))
}

fn dist_words() -> [(Dist, &'static str); 6] {
    Dist::ALL.map(|d| (d, d.key()))
}

fn word_of<T: Copy + PartialEq>(table: &[(T, &'static str)], value: T) -> &'static str {
    // Every table lists every variant, so the fallback is never printed.
    table
        .iter()
        .find(|(v, _)| *v == value)
        .map_or("?", |(_, w)| w)
}

fn overload_word(overload: Overload) -> &'static str {
    word_of(&OVERLOAD_WORDS, overload)
}

/// The words a word-valued kind accepts, in the order help lists them.
fn words(kind: Kind) -> Vec<&'static str> {
    fn only_words<T>(table: &[(T, &'static str)]) -> Vec<&'static str> {
        table.iter().map(|(_, w)| *w).collect()
    }
    match kind {
        Kind::Strategy | Kind::Compare => only_words(&strategy_words()),
        Kind::Dist => only_words(&dist_words()),
        Kind::Limiter => only_words(&LIMITER_WORDS),
        Kind::Steal => only_words(&STEAL_WORDS),
        Kind::Overload => only_words(&OVERLOAD_WORDS),
        Kind::Bool => only_words(&BOOL_WORDS),
        Kind::Wait => vec![WAIT_WG, WAIT_NONE],
        Kind::Version
        | Kind::Whole { .. }
        | Kind::Milli { .. }
        | Kind::Duration { .. }
        | Kind::Bytes { .. }
        | Kind::Durations
        | Kind::Slug => Vec::new(),
    }
}

fn field_doc(key: Key) -> &'static FieldDoc {
    // FIELDS holds every key, in key order (a unit test checks), so the index is the key's position.
    &FIELDS[key as usize]
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

/// Where the pairs are in the input.
struct Located<'a> {
    query: &'a str,
    /// The query after a `#/...?`, read after `query`.
    fragment_query: &'a str,
    /// The `<slug>` of a `#/lesson/<slug>` route.
    lesson: Option<&'a str>,
}

/// Step 2: accepts a bare query, `?query`, a full or relative URL, and a
/// `#/lesson/<slug>?<query>` fragment on any of them.
fn locate<'a>(input: &'a str, errors: &mut Errors) -> Located<'a> {
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

/// Steps 2 to 4: the known pairs, first value of each key, sorted by key.
fn read_pairs(input: &str, errors: &mut Errors) -> Vec<(Key, String)> {
    let located = locate(input, errors);
    let mut given: Vec<(Key, String)> = Vec::new();
    let mut repeated: Vec<Key> = Vec::new();
    let mut pairs: Vec<(Cow<'_, str>, Cow<'_, str>)> = Vec::new();
    if let Some(slug) = located.lesson {
        pairs.push((
            Cow::Borrowed(field_doc(Key::Lesson).name),
            Cow::Borrowed(slug),
        ));
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
        let Some(doc) = FIELDS.iter().find(|doc| doc.name == name) else {
            errors.push(unknown_key(&name, &value));
            continue;
        };
        if given.iter().any(|(key, _)| *key == doc.key) {
            if !repeated.contains(&doc.key) {
                repeated.push(doc.key);
                errors.push(FieldError::new(
                    doc.name,
                    clip(&value),
                    format!("one value (`{}` appears more than once)", doc.name),
                ));
            }
            continue;
        }
        given.push((doc.key, value.into_owned()));
    }
    given.sort_by_key(|(key, _)| *key);
    given
}

fn unknown_key(name: &str, value: &str) -> FieldError {
    let allowed = match closest(name, FIELDS.iter().map(|doc| doc.name)) {
        Some(known) => format!("a known key (did you mean `{known}`?)"),
        None => "a known key (`gobalance help` lists them)".to_string(),
    };
    let field = if name.is_empty() { "link" } else { name };
    FieldError::new(clip(field), clip(&format!("{name}={value}")), allowed)
}

/// Steps 5 and 6: a link from the defaults and the given pairs, leaving out
/// the keys in `dropped`; and the values it refused.
fn build(given: &[(Key, String)], dropped: &[Key]) -> (Link, Vec<FieldError>) {
    let mut link = Link::default();
    let mut refused = Vec::new();
    let mut accepted = Vec::new();
    for (key, text) in given.iter().filter(|(key, _)| !dropped.contains(key)) {
        // A refused `db` is reported once; `db_mode` then has nothing to go with.
        if *key == Key::DbMode
            && refused
                .iter()
                .any(|e: &FieldError| e.field == field_doc(Key::Db).name)
        {
            continue;
        }
        match apply(*key, text, &mut link) {
            Ok(()) => accepted.push(*key),
            Err(error) => refused.push(error),
        }
    }
    if accepted.contains(&Key::Durations) && !accepted.contains(&Key::Dist) {
        link.scenario.workload.dist = Dist::List;
    }
    (link, refused)
}

/// Step 7: adds the errors of [`Scenario::validate`] that no earlier error
/// already names, then drops the fields it names until the scenario is valid.
fn settle(mut link: Link, given: &[(Key, String)], errors: &mut Errors) -> Link {
    let mut dropped: Vec<Key> = Vec::new();
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
            for key in keys_named(&problem.field) {
                if given.iter().any(|(k, _)| *k == key) && !dropped.contains(&key) {
                    dropped.push(key);
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

/// The keys to drop for a field named by [`Scenario::validate`].
fn keys_named(field: &str) -> Vec<Key> {
    if field == field_doc(Key::Durations).name {
        // An empty list with `dist=list` goes away only with the `dist`.
        return vec![Key::Durations, Key::Dist];
    }
    FIELDS
        .iter()
        .filter(|doc| doc.name == field)
        .map(|doc| doc.key)
        .collect()
}

/// Step 5 for one pair: parses `text` as the key's kind, checks its range and stores it.
fn apply(key: Key, text: &str, link: &mut Link) -> Result<(), FieldError> {
    let doc = field_doc(key);
    let refuse = || FieldError::new(doc.name, clip(text), doc.range());
    let number = || parse_number(doc.kind, text).ok_or_else(refuse);
    let small = || number().and_then(|n| u32::try_from(n).map_err(|_| refuse()));
    let duration = || number().map(Nanos);
    let refuse_word = || {
        let allowed = match closest(text, words(doc.kind).into_iter()) {
            Some(word) => format!("{} (did you mean `{word}`?)", doc.range()),
            None => doc.range(),
        };
        FieldError::new(doc.name, clip(text), allowed)
    };
    fn pick<T: Copy>(text: &str, table: &[(T, &'static str)]) -> Option<T> {
        table
            .iter()
            .find(|(_, word)| *word == text)
            .map(|(value, _)| *value)
    }

    let scenario = &mut link.scenario;
    let params = &mut scenario.params;
    let workload = &mut scenario.workload;
    let machine = &mut scenario.machine;
    let view = &mut link.view;
    match key {
        Key::Version => {
            number()?;
        }
        Key::Strategy => {
            scenario.strategy = pick(text, &strategy_words()).ok_or_else(refuse_word)?
        }
        Key::Workers => params.workers = small()?,
        Key::MinWorkers => params.min_workers = small()?,
        Key::MaxWorkers => params.max_workers = small()?,
        Key::Interval => params.sample_interval = duration()?,
        Key::Rate => params.rate_per_s = small()?,
        Key::Burst => params.burst = small()?,
        Key::Limiter => params.limiter = pick(text, &LIMITER_WORDS).ok_or_else(refuse_word)?,
        Key::Steal => params.steal = pick(text, &STEAL_WORDS).ok_or_else(refuse_word)?,
        Key::TasksBuffer => params.tasks_buffer = small()?,
        Key::ResultsBuffer => params.results_buffer = small()?,
        Key::Ordered => params.ordered = pick(text, &BOOL_WORDS).ok_or_else(refuse_word)?,
        Key::CancelAfter => params.cancel_after = small()?,
        Key::WithContext => {
            params.with_context = pick(text, &BOOL_WORDS).ok_or_else(refuse_word)?
        }
        Key::Wait => {
            params.main_wait = match text {
                WAIT_WG => MainWait::WaitGroup,
                WAIT_NONE => MainWait::Nothing,
                _ => MainWait::Sleep(
                    parse_duration(text)
                        .filter(|d| *d <= limits::DURATION_MAX)
                        .ok_or_else(refuse_word)?,
                ),
            }
        }
        Key::Tasks => workload.tasks = small()?,
        Key::Dist => workload.dist = pick(text, &dist_words()).ok_or_else(refuse_word)?,
        Key::Dur => workload.dur = duration()?,
        Key::Durations => workload.durations = parse_durations(doc, text)?,
        Key::Alpha => workload.alpha_milli = small()?,
        Key::LongShare => workload.long_share_permille = small()?,
        Key::LongFactor => workload.long_factor = small()?,
        Key::Cpu => workload.cpu_permille = small()?,
        Key::Mem => workload.mem_per_task_bytes = number()?,
        Key::Cores => machine.cores = small()?,
        Key::SpawnCost => machine.costs.spawn = duration()?,
        Key::SwitchCost => machine.costs.switch = duration()?,
        Key::ChanCost => machine.costs.chan_op = duration()?,
        Key::SyncCost => machine.costs.sync_op = duration()?,
        Key::Slice => machine.costs.slice = duration()?,
        Key::Stack => machine.stack_bytes = number()?,
        Key::Db => {
            machine.resource = Some(Resource {
                conns: small()?,
                overload: OVERLOAD_DEFAULT,
            })
        }
        Key::DbMode => {
            let overload = pick(text, &OVERLOAD_WORDS).ok_or_else(refuse_word)?;
            let Some(resource) = machine.resource.as_mut() else {
                return Err(FieldError::new(
                    doc.name,
                    clip(text),
                    format!(
                        "{}, only together with `db` (the connection limit)",
                        doc.range()
                    ),
                ));
            };
            resource.overload = overload;
        }
        Key::Seed => scenario.seed = number()?,
        Key::Lesson => {
            let is_slug = !text.is_empty()
                && text.len() <= SLUG_CHARS_MAX
                && text
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !is_slug {
                return Err(refuse());
            }
            view.lesson = Some(text.to_string());
        }
        Key::Playhead => view.playhead = Some(number()?),
        Key::Selected => view.selected = Some(small()?),
        Key::Compare => view.compare = parse_compare(doc, text)?,
    }
    Ok(())
}

fn parse_durations(doc: &FieldDoc, text: &str) -> Result<Vec<Nanos>, FieldError> {
    let refuse = |given: &str| FieldError::new(doc.name, clip(given), doc.range());
    let mut durations = Vec::new();
    for part in text.split(',') {
        if durations.len() == limits::DURATIONS_LEN_MAX {
            let count = text.split(',').count();
            return Err(refuse(&format!("{count} values")));
        }
        match parse_duration(part) {
            Some(d) if d <= limits::DURATION_MAX => durations.push(d),
            _ => return Err(refuse(part)),
        }
    }
    Ok(durations)
}

fn parse_compare(doc: &FieldDoc, text: &str) -> Result<Vec<Strategy>, FieldError> {
    let mut compare = Vec::new();
    for part in text.split(',') {
        let Some(strategy) = Strategy::from_key(part) else {
            let allowed = match closest(part, Strategy::ALL.iter().map(|s| s.key())) {
                Some(known) => format!("{} (did you mean `{known}`?)", doc.range()),
                None => doc.range(),
            };
            return Err(FieldError::new(doc.name, clip(part), allowed));
        };
        if compare.contains(&strategy) || compare.len() == COMPARE_LEN_MAX {
            return Err(FieldError::new(doc.name, clip(text), doc.range()));
        }
        compare.push(strategy);
    }
    if compare.len() < COMPARE_LEN_MIN {
        return Err(FieldError::new(doc.name, clip(text), doc.range()));
    }
    Ok(compare)
}

/// A numeric value in the kind's stored unit, if it is well formed and in range.
fn parse_number(kind: Kind, text: &str) -> Option<u64> {
    let (n, min, max) = match kind {
        Kind::Version => (parse_whole(text)?, VERSION, VERSION),
        Kind::Whole { min, max } => (parse_whole(text)?, min, max),
        Kind::Milli { min, max } => (parse_exact(text, 1000)?, min, max),
        Kind::Duration { min, max } => (parse_duration(text)?.0, min, max),
        Kind::Bytes { min, max } => (parse_bytes(text)?, min, max),
        Kind::Strategy
        | Kind::Dist
        | Kind::Limiter
        | Kind::Steal
        | Kind::Overload
        | Kind::Bool
        | Kind::Durations
        | Kind::Wait
        | Kind::Slug
        | Kind::Compare => return None,
    };
    (min..=max).contains(&n).then_some(n)
}

fn parse_whole(text: &str) -> Option<u64> {
    if text.contains('.') {
        return None;
    }
    parse_exact(text, 1)
}

/// `digits[.digits]` times `unit`, exactly: None if malformed, past `u64`, or
/// not a whole number of the stored unit (`0.1234` thousandths).
fn parse_exact(number: &str, unit: u64) -> Option<u64> {
    let (int_digits, frac_digits) = match number.split_once('.') {
        Some((int_digits, frac_digits)) => (int_digits, Some(frac_digits)),
        None => (number, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int_digits) {
        return None;
    }
    let mut whole: u64 = 0;
    for b in int_digits.bytes() {
        whole = whole.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
    }
    let mut total = whole.checked_mul(unit)?;
    if let Some(frac_digits) = frac_digits {
        if !all_digits(frac_digits) {
            return None;
        }
        // Trailing zeros change nothing; past 9 significant decimals no value
        // is whole in any stored unit (the finest is 1 ns of a second).
        let frac_digits = frac_digits.trim_end_matches('0');
        if frac_digits.len() > 9 {
            return None;
        }
        let mut frac: u128 = 0;
        for b in frac_digits.bytes() {
            frac = frac * 10 + u128::from(b - b'0');
        }
        let scale = 10u128.pow(frac_digits.len() as u32);
        let scaled = frac * u128::from(unit);
        if !scaled.is_multiple_of(scale) {
            return None;
        }
        total = total.checked_add(u64::try_from(scaled / scale).ok()?)?;
    }
    Some(total)
}

/// `1.5ms`, `100us` (also `µs`), `2s`, `7ns`, or a bare `0` as Go's `time.ParseDuration` allows.
fn parse_duration(text: &str) -> Option<Nanos> {
    if text == "0" {
        return Some(Nanos::ZERO);
    }
    let unit_at = text.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (number, unit) = text.split_at(unit_at);
    let unit_ns = match unit {
        "ns" => 1,
        // The micro sign (U+00B5) and the Greek mu (U+03BC) look alike; accept both.
        "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
        "ms" => 1_000_000,
        "s" => 1_000_000_000,
        _ => return None,
    };
    parse_exact(number, unit_ns).map(Nanos)
}

const BYTE_UNITS: [(u64, &str); 3] = [(1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")];

/// `2048`, `2KB`, `1.5MB`: binary units, any case, `KiB` spellings too.
fn parse_bytes(text: &str) -> Option<u64> {
    let unit_at = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(unit_at);
    let unit_bytes = if unit.is_empty() || unit.eq_ignore_ascii_case("b") {
        1
    } else {
        BYTE_UNITS.iter().find_map(|(bytes, name)| {
            let binary = format!("{}iB", &name[..1]);
            (unit.eq_ignore_ascii_case(name) || unit.eq_ignore_ascii_case(&binary))
                .then_some(*bytes)
        })?
    };
    parse_exact(number, unit_bytes)
}

/// A numeric value as a link writes it.
fn number_text(kind: Kind, n: u64) -> String {
    match kind {
        Kind::Milli { .. } => {
            let (whole, thousandths) = (n / 1000, n % 1000);
            if thousandths == 0 {
                whole.to_string()
            } else {
                let digits = format!("{thousandths:03}");
                format!("{whole}.{}", digits.trim_end_matches('0'))
            }
        }
        Kind::Duration { .. } => Nanos(n).to_string(),
        Kind::Bytes { .. } => match BYTE_UNITS
            .iter()
            .find(|(bytes, _)| n != 0 && n.is_multiple_of(*bytes))
        {
            Some((bytes, name)) => format!("{}{name}", n / bytes),
            None => format!("{n}B"),
        },
        Kind::Version
        | Kind::Strategy
        | Kind::Dist
        | Kind::Limiter
        | Kind::Steal
        | Kind::Overload
        | Kind::Bool
        | Kind::Whole { .. }
        | Kind::Durations
        | Kind::Wait
        | Kind::Slug
        | Kind::Compare => n.to_string(),
    }
}

/// The value of one key in `link` as a link writes it; None where the key is absent.
fn value_text(key: Key, link: &Link) -> Option<String> {
    let kind = field_doc(key).kind;
    let number = |n: u64| Some(number_text(kind, n));
    let scenario = &link.scenario;
    let params = &scenario.params;
    let workload = &scenario.workload;
    let machine = &scenario.machine;
    let view = &link.view;
    let word = |w: &str| Some(w.to_string());
    let list = |items: Vec<String>| (!items.is_empty()).then(|| items.join(","));
    match key {
        Key::Version => number(VERSION),
        Key::Strategy => word(scenario.strategy.key()),
        Key::Workers => number(params.workers.into()),
        Key::MinWorkers => number(params.min_workers.into()),
        Key::MaxWorkers => number(params.max_workers.into()),
        Key::Interval => number(params.sample_interval.0),
        Key::Rate => number(params.rate_per_s.into()),
        Key::Burst => number(params.burst.into()),
        Key::Limiter => word(word_of(&LIMITER_WORDS, params.limiter)),
        Key::Steal => word(word_of(&STEAL_WORDS, params.steal)),
        Key::TasksBuffer => number(params.tasks_buffer.into()),
        Key::ResultsBuffer => number(params.results_buffer.into()),
        Key::Ordered => word(word_of(&BOOL_WORDS, params.ordered)),
        Key::CancelAfter => number(params.cancel_after.into()),
        Key::WithContext => word(word_of(&BOOL_WORDS, params.with_context)),
        Key::Wait => word(&match params.main_wait {
            MainWait::WaitGroup => WAIT_WG.to_string(),
            MainWait::Nothing => WAIT_NONE.to_string(),
            MainWait::Sleep(d) => d.to_string(),
        }),
        Key::Tasks => number(workload.tasks.into()),
        Key::Dist => word(workload.dist.key()),
        Key::Dur => number(workload.dur.0),
        Key::Durations => list(workload.durations.iter().map(Nanos::to_string).collect()),
        Key::Alpha => number(workload.alpha_milli.into()),
        Key::LongShare => number(workload.long_share_permille.into()),
        Key::LongFactor => number(workload.long_factor.into()),
        Key::Cpu => number(workload.cpu_permille.into()),
        Key::Mem => number(workload.mem_per_task_bytes),
        Key::Cores => number(machine.cores.into()),
        Key::SpawnCost => number(machine.costs.spawn.0),
        Key::SwitchCost => number(machine.costs.switch.0),
        Key::ChanCost => number(machine.costs.chan_op.0),
        Key::SyncCost => number(machine.costs.sync_op.0),
        Key::Slice => number(machine.costs.slice.0),
        Key::Stack => number(machine.stack_bytes),
        Key::Db => machine.resource.and_then(|r| number(r.conns.into())),
        Key::DbMode => machine
            .resource
            .and_then(|r| word(overload_word(r.overload))),
        Key::Seed => number(scenario.seed),
        Key::Lesson => view.lesson.clone(),
        Key::Playhead => view.playhead.and_then(number),
        Key::Selected => view.selected.and_then(|g| number(g.into())),
        Key::Compare => list(view.compare.iter().map(|s| s.key().to_string()).collect()),
    }
}

/// At most [`GIVEN_CHARS_MAX`] characters of a given value, for quoting in an error.
fn clip(text: &str) -> String {
    match text.char_indices().nth(GIVEN_CHARS_MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// The candidate `given` most likely meant, if any: the same word in another
/// case, else one that starts with it (`min` → `min_workers`), else the
/// closest within two edits (`strategi` → `strategy`).
fn closest<'a>(given: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    // No key or word is longer than 20 characters; longer input is no typo of one.
    const CHARS_MAX: usize = 32;
    if given.len() > CHARS_MAX * 4 {
        return None;
    }
    let given: Vec<char> = given.to_lowercase().chars().collect();
    if given.is_empty() || given.len() > CHARS_MAX {
        return None;
    }
    // Lower rank is better: 0 same word, 1 prefix, then 2 + edit distance.
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let candidate_chars: Vec<char> = candidate.chars().collect();
        let distance = edit_distance(&given, &candidate_chars);
        let rank = if distance == 0 {
            0
        } else if given.len() >= 3 && candidate_chars.starts_with(&given) {
            1
        } else if distance <= 2 && distance < given.len() {
            2 + distance
        } else {
            continue;
        };
        if best.is_none_or(|(best_rank, _)| rank < best_rank) {
            best = Some((rank, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Levenshtein distance: insertions, deletions and substitutions each cost one.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_listed_in_key_order_so_field_doc_can_index_them() {
        for (i, doc) in FIELDS.iter().enumerate() {
            assert_eq!(
                doc.key as usize, i,
                "`{}` is out of place in FIELDS",
                doc.name
            );
        }
        assert_eq!(
            FIELDS.last().map(|doc| doc.key),
            Some(Key::Compare),
            "a key is missing from FIELDS"
        );
    }

    #[test]
    fn exact_decimals_never_round() {
        assert_eq!(parse_exact("0.125", 1000), Some(125));
        assert_eq!(parse_exact("0.1234", 1000), None);
        assert_eq!(parse_exact("0.12340", 1000), None);
        assert_eq!(parse_exact("0.1250000000000", 1000), Some(125));
        assert_eq!(parse_exact("1.5", 1_000_000), Some(1_500_000));
        assert_eq!(parse_exact("18446744073709551615", 1), Some(u64::MAX));
        assert_eq!(parse_exact("18446744073709551616", 1), None);
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(edit_distance(&chars("strategi"), &chars("strategy")), 1);
        assert_eq!(edit_distance(&chars(""), &chars("abc")), 3);
        assert_eq!(edit_distance(&chars("kitten"), &chars("sitting")), 3);
    }
}
