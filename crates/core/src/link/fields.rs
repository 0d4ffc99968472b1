//! The link's keys, one row each in [`FIELDS`]: name, the values it takes, meaning, and where its value lives in a [`Link`], read and written.
//!
//! A row is all there is to a key: parsing looks the key up here and calls
//! the row's `set`, printing calls its `get`, help reads its `kind` and
//! `meaning`. The few rules between keys are written on the rows they
//! concern (`dist` is implied by `durations`, `db_mode` goes only with `db`,
//! `strategy` is always printed), so adding a key is adding a row.

use super::numbers::{
    bytes_text, milli_text, parse_bytes, parse_duration, parse_exact, parse_whole,
};
use super::suggest::closest;
use super::{clip, Link, View, COMPARE_LEN_MAX, COMPARE_LEN_MIN, VERSION};
use crate::scenario::{
    limits, Dist, FieldError, Limiter, MainWait, Overload, Resource, Scenario, StealAmount,
    Strategy,
};
use crate::time::Nanos;

/// Every key, in the order links print them: version, strategy and its
/// parameters, workload, machine, seed, then the view. Pairs are also
/// applied in this order, whatever order a link gives them in.
pub const FIELDS: &[FieldDoc] = &[
    scenario(
        "v",
        Kind::Version,
        "Version of the link format; leave it out for the current one.",
        |_| number(VERSION),
        |_, given| given.number().map(|_| ()),
    ),
    scenario(
        "strategy",
        Kind::Words(words_of::<Strategy>),
        "How the Go program spreads tasks over goroutines.",
        |s| word(s.strategy),
        |s, given| given.word().map(|strategy| s.strategy = strategy),
    )
    .always_printed(),
    scenario(
        "workers",
        WORKER_COUNT,
        "Workers of the pool, static, steal, fanout and ratelimit strategies; the semaphore's capacity.",
        |s| number(s.params.workers),
        |s, given| given.small().map(|n| s.params.workers = n),
    ),
    scenario(
        "min_workers",
        WORKER_COUNT,
        "Dynamic scaling: workers at the start, and the floor it retires down to.",
        |s| number(s.params.min_workers),
        |s, given| given.small().map(|n| s.params.min_workers = n),
    ),
    scenario(
        "max_workers",
        WORKER_COUNT,
        "Dynamic scaling: the ceiling it adds workers up to.",
        |s| number(s.params.max_workers),
        |s, given| given.small().map(|n| s.params.max_workers = n),
    ),
    scenario(
        "interval",
        Kind::Duration { min: Nanos::from_us(100).0, max: limits::DURATION_MAX.0 },
        "Dynamic scaling: how often the controller samples the backlog.",
        |s| number(s.params.sample_interval.0),
        |s, given| given.duration().map(|d| s.params.sample_interval = d),
    ),
    scenario(
        "rate",
        Kind::Whole { min: 1, max: limits::RATE_MAX as u64 },
        "Rate-limited pool: tasks started per second.",
        |s| number(s.params.rate_per_s),
        |s, given| given.small().map(|n| s.params.rate_per_s = n),
    ),
    scenario(
        "burst",
        WORKER_COUNT,
        "Rate-limited pool: depth of the token bucket.",
        |s| number(s.params.burst),
        |s, given| given.small().map(|n| s.params.burst = n),
    ),
    scenario(
        "limiter",
        Kind::Words(words_of::<Limiter>),
        "Rate-limited pool: a shared time.Ticker, or a golang.org/x/time/rate token bucket.",
        |s| word(s.params.limiter),
        |s, given| given.word().map(|limiter| s.params.limiter = limiter),
    ),
    scenario(
        "steal",
        Kind::Words(words_of::<StealAmount>),
        "Work stealing: how much an idle worker takes from a victim's deque.",
        |s| word(s.params.steal),
        |s, given| given.word().map(|steal| s.params.steal = steal),
    ),
    scenario(
        "tasks_buffer",
        TASK_COUNT_OR_ZERO,
        "Buffer of the tasks channel (0 = unbuffered).",
        |s| number(s.params.tasks_buffer),
        |s, given| given.small().map(|n| s.params.tasks_buffer = n),
    ),
    scenario(
        "results_buffer",
        TASK_COUNT_OR_ZERO,
        "Buffer of the results channel (0 = unbuffered).",
        |s| number(s.params.results_buffer),
        |s, given| given.small().map(|n| s.params.results_buffer = n),
    ),
    scenario(
        "ordered",
        Kind::Words(words_of::<bool>),
        "Fan-in: restore the input order of results.",
        |s| word(s.params.ordered),
        |s, given| given.word().map(|ordered| s.params.ordered = ordered),
    ),
    scenario(
        "cancel_after",
        TASK_COUNT_OR_ZERO,
        "Leak program: the consumer stops after this many results.",
        |s| number(s.params.cancel_after),
        |s, given| given.small().map(|n| s.params.cancel_after = n),
    ),
    scenario(
        "ctx",
        Kind::Words(words_of::<bool>),
        "Leak program: producers also select on ctx.Done(), so cancelling frees them.",
        |s| word(s.params.with_context),
        |s, given| given.word().map(|with_context| s.params.with_context = with_context),
    ),
    scenario(
        "wait",
        Kind::Wait,
        "Unbounded program: how main waits: wg (WaitGroup), none (returns at once, losing the work), or a duration to sleep.",
        |s| {
            Some(Shown::Text(match s.params.main_wait {
                MainWait::WaitGroup => WAIT_WG.to_owned(),
                MainWait::Nothing => WAIT_NONE.to_owned(),
                MainWait::Sleep(d) => d.to_string(),
            }))
        },
        |s, given| given.main_wait().map(|wait| s.params.main_wait = wait),
    ),
    scenario(
        "tasks",
        Kind::Whole { min: 1, max: limits::TASKS_MAX as u64 },
        "Number of tasks to run.",
        |s| number(s.workload.tasks),
        |s, given| given.small().map(|n| s.workload.tasks = n),
    ),
    scenario(
        "dist",
        Kind::Words(words_of::<Dist>),
        "How task durations are drawn: fixed, uniform on [0, 2·dur], exponential, Pareto (heavy-tailed), bimodal, or the durations list.",
        |s| word(s.workload.dist),
        |s, given| given.word().map(|dist| s.workload.dist = dist),
    )
    .implied_by(DURATIONS, |s| {
        (!s.workload.durations.is_empty()).then_some(Dist::List.word())
    }),
    scenario(
        "dur",
        Kind::Duration { min: 0, max: limits::DURATION_MAX.0 },
        "The fixed or mean task duration (bimodal: the short one).",
        |s| number(s.workload.dur.0),
        |s, given| given.duration().map(|d| s.workload.dur = d),
    ),
    scenario(
        DURATIONS,
        Kind::Durations,
        "Explicit task durations, repeated cyclically; giving them alone implies dist=list.",
        |s| list(&s.workload.durations, Nanos::to_string),
        |s, given| given.durations().map(|durations| s.workload.durations = durations),
    ),
    scenario(
        "alpha",
        Kind::Milli { min: 1001, max: 10_000 },
        "Pareto shape: smaller is heavier-tailed; above 1 so the mean is finite.",
        |s| number(s.workload.alpha_milli),
        |s, given| given.small().map(|n| s.workload.alpha_milli = n),
    ),
    scenario(
        "long_share",
        Kind::Milli { min: 0, max: 1000 },
        "Bimodal: the share of long tasks.",
        |s| number(s.workload.long_share_permille),
        |s, given| given.small().map(|n| s.workload.long_share_permille = n),
    ),
    scenario(
        "long_factor",
        Kind::Whole { min: 1, max: 10_000 },
        "Bimodal: how many times longer a long task is.",
        |s| number(s.workload.long_factor),
        |s, given| given.small().map(|n| s.workload.long_factor = n),
    ),
    scenario(
        "cpu",
        Kind::Milli { min: 0, max: 1000 },
        "The share of each task that needs a processor; the rest waits, as on I/O.",
        |s| number(s.workload.cpu_permille),
        |s, given| given.small().map(|n| s.workload.cpu_permille = n),
    ),
    scenario(
        "mem",
        Kind::Bytes { min: 0, max: limits::MEM_PER_TASK_MAX },
        "Memory a task holds while it runs.",
        |s| number(s.workload.mem_per_task_bytes),
        |s, given| given.number().map(|n| s.workload.mem_per_task_bytes = n),
    ),
    scenario(
        "cores",
        Kind::Whole { min: 1, max: limits::CORES_MAX as u64 },
        "GOMAXPROCS: the number of processors.",
        |s| number(s.machine.cores),
        |s, given| given.small().map(|n| s.machine.cores = n),
    ),
    scenario(
        "spawn_cost",
        COST,
        "Cost of starting a goroutine.",
        |s| number(s.machine.costs.spawn.0),
        |s, given| given.duration().map(|d| s.machine.costs.spawn = d),
    ),
    scenario(
        "switch_cost",
        COST,
        "Cost of switching a processor to another goroutine.",
        |s| number(s.machine.costs.switch.0),
        |s, given| given.duration().map(|d| s.machine.costs.switch = d),
    ),
    scenario(
        "chan_cost",
        COST,
        "Cost of one channel send or receive.",
        |s| number(s.machine.costs.chan_op.0),
        |s, given| given.duration().map(|d| s.machine.costs.chan_op = d),
    ),
    scenario(
        "sync_cost",
        COST,
        "Cost of a mutex lock/unlock pair, a WaitGroup or an atomic operation.",
        |s| number(s.machine.costs.sync_op.0),
        |s, given| given.duration().map(|d| s.machine.costs.sync_op = d),
    ),
    scenario(
        "stmt_cost",
        COST,
        "Cost of each instruction of your own program (the editor's, `run --program`), charged as computing; the built-in programs have none.",
        |s| number(s.machine.costs.statement.0),
        |s, given| given.duration().map(|d| s.machine.costs.statement = d),
    ),
    scenario(
        "slice",
        Kind::Duration { min: Nanos::from_us(10).0, max: Nanos::from_secs(10).0 },
        "Preemption: sysmon stops a goroutine whose turn on a P has lasted this long, at its next look (Go: 10ms; turns last 10 to 20 ms).",
        |s| number(s.machine.costs.slice.0),
        |s, given| given.duration().map(|d| s.machine.costs.slice = d),
    ),
    scenario(
        "stack",
        Kind::Bytes { min: 0, max: 1 << 30 },
        "Stack held by each live goroutine (Go starts at 2KB).",
        |s| number(s.machine.stack_bytes),
        |s, given| given.number().map(|n| s.machine.stack_bytes = n),
    ),
    scenario(
        DB,
        WORKER_COUNT,
        "Connection limit of an external resource, such as a database, that each task's waiting part calls; leave it out for none.",
        |s| s.machine.resource.and_then(|r| number(r.conns)),
        |s, given| {
            given.small().map(|conns| {
                s.machine.resource = Some(Resource {
                    conns,
                    overload: OVERLOAD_DEFAULT,
                })
            })
        },
    ),
    scenario(
        "db_mode",
        Kind::Words(words_of::<Overload>),
        "What the resource does past its limit: callers queue, every call slows, or calls fail. Needs db.",
        // Without `db` this reads as the mode `db` would get: help shows it
        // as the default, and a link never prints it alone.
        |s| word(s.machine.resource.map_or(OVERLOAD_DEFAULT, |r| r.overload)),
        |s, given| {
            let overload = given.word()?;
            match s.machine.resource.as_mut() {
                Some(resource) => {
                    resource.overload = overload;
                    Ok(())
                }
                None => Err(given.refuse_because("only together with `db` (the connection limit)")),
            }
        },
    )
    .only_with(DB),
    scenario(
        "seed",
        Kind::Whole { min: 0, max: u64::MAX },
        "Seed of every random draw: the same link gives the same run.",
        |s| number(s.seed),
        |s, given| given.number().map(|n| s.seed = n),
    ),
    view(
        LESSON,
        Kind::Slug,
        "View: the open lesson.",
        |v| v.lesson.clone().map(Shown::Text),
        |v, given| given.slug().map(|slug| v.lesson = Some(slug)),
    ),
    view(
        "at",
        Kind::Whole { min: 0, max: u64::MAX },
        "View: the playhead, as an index into the run's events.",
        |v| v.playhead.and_then(number),
        |v, given| given.number().map(|n| v.playhead = Some(n)),
    ),
    view(
        "g",
        Kind::Whole { min: 0, max: u32::MAX as u64 },
        "View: the id of the selected goroutine.",
        |v| v.selected.and_then(number),
        |v, given| given.small().map(|g| v.selected = Some(g)),
    ),
    view(
        "compare",
        Kind::Compare,
        "View: strategies to run side by side on the same workload.",
        |v| list(&v.compare, |s| s.word().to_owned()),
        |v, given| given.strategies().map(|compare| v.compare = compare),
    ),
    view(
        "prog",
        Kind::Packed,
        "View: the learner's own Go program run in place of the strategy's, deflated and URL-safe base64.",
        |v| v.program.clone().map(Shown::Text),
        |v, given| given.packed().map(|packed| v.program = Some(packed)),
    ),
];

/// The key of the lesson a `#/lesson/<slug>` route opens.
pub(super) const LESSON: &str = "lesson";
const DURATIONS: &str = "durations";
const DB: &str = "db";

const WORKER_COUNT: Kind = Kind::Whole {
    min: 1,
    max: limits::WORKERS_MAX as u64,
};
const TASK_COUNT_OR_ZERO: Kind = Kind::Whole {
    min: 0,
    max: limits::TASKS_MAX as u64,
};
const COST: Kind = Kind::Duration {
    min: 0,
    max: limits::COST_MAX.0,
};

const SLUG_CHARS_MAX: usize = 64;
/// A packed program: 64 KiB of URL-safe base64, about 48 KiB deflated,
/// several hundred KiB of Go; the whole link stays under [`super::LINK_LEN_MAX`].
pub const PACKED_CHARS_MAX: usize = 64 * 1024;

/// What the external resource does past its limit when `db` is given without `db_mode`.
const OVERLOAD_DEFAULT: Overload = Overload::Queue;

const WAIT_WG: &str = "wg";
const WAIT_NONE: &str = "none";

/// One key of the link format, for `gobalance help` and the page's help,
/// and everything parsing and printing need to know about it.
#[derive(Debug)]
pub struct FieldDoc {
    /// The key as written in a link.
    pub name: &'static str,
    /// What the value means, in a sentence.
    pub meaning: &'static str,
    kind: Kind,
    access: Access,
    left_out: LeftOut,
    /// A key without which this one means nothing (`db_mode` needs `db`):
    /// when that key's value is refused, this one is skipped rather than
    /// reported as well, so the error to fix is the one shown.
    needs: Option<&'static str>,
}

impl FieldDoc {
    /// The values allowed, such as `a whole number from 1 to 100000`.
    pub fn range(&self) -> String {
        self.kind.range()
    }

    /// The value a link gets when the key is left out, rendered from
    /// [`Scenario::default`] so it is never typed twice.
    pub fn default_value(&self) -> String {
        self.value_text(&Link::default())
            .unwrap_or_else(|| "none".to_owned())
    }

    /// Whether the key belongs to the page's view rather than the scenario (the command line ignores these).
    pub fn is_view(&self) -> bool {
        matches!(self.access, Access::View { .. })
    }

    /// The value of this key in `link` as a link writes it; None where the link has none.
    fn value_text(&self, link: &Link) -> Option<String> {
        let shown = match self.access {
            Access::Scenario { get, .. } => get(&link.scenario),
            Access::View { get, .. } => get(&link.view),
        }?;
        Some(match shown {
            Shown::Number(n) => self.kind.number_text(n),
            Shown::Text(text) => text,
        })
    }

    /// The value to print for this key in the canonical form of `link`:
    /// None where leaving the key out means the same (`default` is
    /// [`Link::default`], made once by the caller).
    pub(super) fn printed(&self, link: &Link, default: &Link) -> Option<String> {
        let text = self.value_text(link)?;
        let left_out = match self.left_out {
            LeftOut::Default => self.value_text(default),
            LeftOut::AlwaysPrinted => None,
            LeftOut::Implied { value, .. } => match value(&link.scenario) {
                Some(implied) => Some(implied.to_owned()),
                None => self.value_text(default),
            },
        };
        (Some(&text) != left_out.as_ref()).then_some(text)
    }

    /// Step 5 for one pair: parses `text` as this key's value, checks its range and stores it in `link`.
    pub(super) fn apply(&self, text: &str, link: &mut Link) -> Result<(), FieldError> {
        let given = Given { field: self, text };
        match self.access {
            Access::Scenario { set, .. } => set(&mut link.scenario, &given),
            Access::View { set, .. } => set(&mut link.view, &given),
        }
    }

    /// The value this key takes when a link leaves it out and another key
    /// decides it (`dist=list` beside `durations`), as a link writes it.
    pub(super) fn implied_value(&self, scenario: &Scenario) -> Option<&'static str> {
        match self.left_out {
            LeftOut::Implied { value, .. } => value(scenario),
            LeftOut::Default | LeftOut::AlwaysPrinted => None,
        }
    }

    /// Whether dropping `field` (named by [`Scenario::validate`]) drops this
    /// key: it is that key, or its value is implied by it (an empty list with
    /// `dist=list` goes away only with the `dist`).
    pub(super) fn goes_with(&self, field: &str) -> bool {
        self.name == field || matches!(self.left_out, LeftOut::Implied { by, .. } if by == field)
    }

    /// Whether this key is to be skipped because a key it needs was refused.
    pub(super) fn needs_one_of(&self, refused: &[FieldError]) -> bool {
        self.needs
            .is_some_and(|needed| refused.iter().any(|error| error.field == needed))
    }

    /// Always printed: a link says which strategy it runs.
    const fn always_printed(mut self) -> FieldDoc {
        self.left_out = LeftOut::AlwaysPrinted;
        self
    }

    /// Left out, the key takes the value `value` gives from the key `by`, if any.
    const fn implied_by(
        mut self,
        by: &'static str,
        value: fn(&Scenario) -> Option<&'static str>,
    ) -> FieldDoc {
        self.left_out = LeftOut::Implied { by, value };
        self
    }

    /// The key means nothing without `key`.
    const fn only_with(mut self, key: &'static str) -> FieldDoc {
        self.needs = Some(key);
        self
    }
}

/// A row for a key of the scenario.
const fn scenario(
    name: &'static str,
    kind: Kind,
    meaning: &'static str,
    get: Get<Scenario>,
    set: Set<Scenario>,
) -> FieldDoc {
    row(name, kind, meaning, Access::Scenario { get, set })
}

/// A row for a key of the page's view.
const fn view(
    name: &'static str,
    kind: Kind,
    meaning: &'static str,
    get: Get<View>,
    set: Set<View>,
) -> FieldDoc {
    row(name, kind, meaning, Access::View { get, set })
}

const fn row(name: &'static str, kind: Kind, meaning: &'static str, access: Access) -> FieldDoc {
    FieldDoc {
        name,
        meaning,
        kind,
        access,
        left_out: LeftOut::Default,
        needs: None,
    }
}

/// Reads a key's value from a link: None where the link has none.
type Get<T> = fn(&T) -> Option<Shown>;
/// Parses a key's value (through [`Given`]) and stores it in a link.
type Set<T> = fn(&mut T, &Given<'_>) -> Result<(), FieldError>;

/// Where a key's value lives: in the scenario, or in the page's view.
#[derive(Clone, Copy, Debug)]
enum Access {
    Scenario {
        get: Get<Scenario>,
        set: Set<Scenario>,
    },
    View {
        get: Get<View>,
        set: Set<View>,
    },
}

/// What a link that leaves a key out means, which decides when the key is printed.
#[derive(Clone, Copy, Debug)]
enum LeftOut {
    /// The default's value: the key is printed only where it differs.
    Default,
    /// Nothing: the key is always printed.
    AlwaysPrinted,
    /// The value `value` gives from another key, `by`, else the default.
    Implied {
        by: &'static str,
        value: fn(&Scenario) -> Option<&'static str>,
    },
}

/// A value read from a link, before its key's kind writes it as text.
enum Shown {
    /// In the kind's stored unit: a count, thousandths, nanoseconds or bytes.
    Number(u64),
    Text(String),
}

fn number(n: impl Into<u64>) -> Option<Shown> {
    Some(Shown::Number(n.into()))
}

fn word(value: impl Word) -> Option<Shown> {
    Some(Shown::Text(value.word().to_owned()))
}

/// Comma-separated; None for an empty list, which a link leaves out.
fn list<T>(items: &[T], text: impl Fn(&T) -> String) -> Option<Shown> {
    (!items.is_empty()).then(|| Shown::Text(items.iter().map(text).collect::<Vec<_>>().join(",")))
}

/// How a value is written. Numbers are stored as `u64` in the field's own
/// unit: a count, thousandths, nanoseconds or bytes.
#[derive(Clone, Copy, Debug)]
enum Kind {
    /// [`VERSION`], the only one so far.
    Version,
    /// One of a list of words, in the order help lists them.
    Words(fn() -> Vec<&'static str>),
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
    /// Compressed text in URL-safe base64 (the learner's program).
    Packed,
}

impl Kind {
    fn range(self) -> String {
        match self {
            Kind::Version => format!("{VERSION} (the only version so far)"),
            Kind::Words(words) => format!("one of {}", words().join(", ")),
            Kind::Whole { min, max } => format!("a whole number from {min} to {max}"),
            Kind::Milli { min, max } => format!(
                "a decimal from {} to {} with at most 3 decimals",
                milli_text(min),
                milli_text(max)
            ),
            Kind::Duration { min, max } => format!(
                "a duration from {} to {} in ns, us, ms or s, a whole number of ns (e.g. 100ms, 1.5ms)",
                Nanos(min),
                Nanos(max)
            ),
            Kind::Bytes { min, max } => format!(
                "a size from {} to {} in B, KB, MB or GB (binary: 1KB = 1024B), a whole number of bytes",
                bytes_text(min),
                bytes_text(max)
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
            Kind::Slug => {
                format!("a lesson name of 1 to {SLUG_CHARS_MAX} letters, digits, `-` or `_`")
            }
            Kind::Compare => format!(
                "{COMPARE_LEN_MIN} to {COMPARE_LEN_MAX} different comma-separated strategies, each one of {}",
                words_of::<Strategy>().join(", ")
            ),
            Kind::Packed => format!(
                "1 to {PACKED_CHARS_MAX} letters, digits, `-` or `_` (a program as the page's Share writes it)"
            ),
        }
    }

    /// The words a mistyped value may have meant.
    fn words(self) -> Vec<&'static str> {
        match self {
            Kind::Words(words) => words(),
            Kind::Compare => words_of::<Strategy>(),
            Kind::Wait => vec![WAIT_WG, WAIT_NONE],
            Kind::Version
            | Kind::Whole { .. }
            | Kind::Milli { .. }
            | Kind::Duration { .. }
            | Kind::Bytes { .. }
            | Kind::Durations
            | Kind::Slug
            | Kind::Packed => Vec::new(),
        }
    }

    /// A numeric value in the kind's stored unit, if it is well formed and in range.
    fn parse_number(self, text: &str) -> Option<u64> {
        let (n, min, max) = match self {
            Kind::Version => (parse_whole(text)?, VERSION, VERSION),
            Kind::Whole { min, max } => (parse_whole(text)?, min, max),
            Kind::Milli { min, max } => (parse_exact(text, 1000)?, min, max),
            Kind::Duration { min, max } => (parse_duration(text)?.0, min, max),
            Kind::Bytes { min, max } => (parse_bytes(text)?, min, max),
            Kind::Words(_)
            | Kind::Durations
            | Kind::Wait
            | Kind::Slug
            | Kind::Compare
            | Kind::Packed => return None,
        };
        (min..=max).contains(&n).then_some(n)
    }

    /// A numeric value as a link writes it.
    fn number_text(self, n: u64) -> String {
        match self {
            Kind::Milli { .. } => milli_text(n),
            Kind::Duration { .. } => Nanos(n).to_string(),
            Kind::Bytes { .. } => bytes_text(n),
            Kind::Version
            | Kind::Words(_)
            | Kind::Whole { .. }
            | Kind::Durations
            | Kind::Wait
            | Kind::Slug
            | Kind::Compare
            | Kind::Packed => n.to_string(),
        }
    }
}

/// A setting a link writes as one word.
trait Word: Copy + PartialEq + 'static {
    /// Every value, in the order help lists them.
    const ALL: &'static [Self];
    fn word(self) -> &'static str;
}

fn words_of<T: Word>() -> Vec<&'static str> {
    T::ALL.iter().map(|value| value.word()).collect()
}

impl Word for Strategy {
    const ALL: &'static [Strategy] = &Strategy::ALL;
    fn word(self) -> &'static str {
        self.key()
    }
}

impl Word for Dist {
    const ALL: &'static [Dist] = &Dist::ALL;
    fn word(self) -> &'static str {
        self.key()
    }
}

impl Word for Limiter {
    const ALL: &'static [Limiter] = &[Limiter::Ticker, Limiter::Bucket, Limiter::Tick];
    fn word(self) -> &'static str {
        match self {
            Limiter::Ticker => "ticker",
            Limiter::Bucket => "bucket",
            Limiter::Tick => "tick",
        }
    }
}

impl Word for StealAmount {
    const ALL: &'static [StealAmount] = &[StealAmount::One, StealAmount::Half];
    fn word(self) -> &'static str {
        match self {
            StealAmount::One => "one",
            StealAmount::Half => "half",
        }
    }
}

impl Word for Overload {
    const ALL: &'static [Overload] = &[Overload::Queue, Overload::Slow, Overload::Fail];
    fn word(self) -> &'static str {
        match self {
            Overload::Queue => "queue",
            Overload::Slow => "slow",
            Overload::Fail => "fail",
        }
    }
}

impl Word for bool {
    const ALL: &'static [bool] = &[true, false];
    fn word(self) -> &'static str {
        if self {
            "true"
        } else {
            "false"
        }
    }
}

/// A value given for a key: read as the key's kind, and refused naming the
/// key, what was given and what is allowed.
pub(super) struct Given<'a> {
    field: &'a FieldDoc,
    text: &'a str,
}

impl Given<'_> {
    fn refuse(&self) -> FieldError {
        self.refuse_part(self.text)
    }

    /// Refused for `part` of the value (one item of a list, or its length).
    fn refuse_part(&self, part: &str) -> FieldError {
        FieldError::new(self.field.name, clip(part), self.field.range())
    }

    /// Refused, with what else the value must go with.
    fn refuse_because(&self, condition: &str) -> FieldError {
        let allowed = format!("{}, {condition}", self.field.range());
        FieldError::new(self.field.name, clip(self.text), allowed)
    }

    /// Refused for `part`, with the word it most likely meant.
    fn refuse_word(&self, part: &str) -> FieldError {
        let allowed = match closest(part, self.field.kind.words().into_iter()) {
            Some(word) => format!("{} (did you mean `{word}`?)", self.field.range()),
            None => self.field.range(),
        };
        FieldError::new(self.field.name, clip(part), allowed)
    }

    fn number(&self) -> Result<u64, FieldError> {
        self.field
            .kind
            .parse_number(self.text)
            .ok_or_else(|| self.refuse())
    }

    /// A number that fits the `u32` most fields are stored in.
    fn small(&self) -> Result<u32, FieldError> {
        self.number()
            .and_then(|n| u32::try_from(n).map_err(|_| self.refuse()))
    }

    fn duration(&self) -> Result<Nanos, FieldError> {
        self.number().map(Nanos)
    }

    fn word<T: Word>(&self) -> Result<T, FieldError> {
        pick(self.text).ok_or_else(|| self.refuse_word(self.text))
    }

    fn main_wait(&self) -> Result<MainWait, FieldError> {
        Ok(match self.text {
            WAIT_WG => MainWait::WaitGroup,
            WAIT_NONE => MainWait::Nothing,
            text => MainWait::Sleep(
                parse_duration(text)
                    .filter(|d| *d <= limits::DURATION_MAX)
                    .ok_or_else(|| self.refuse_word(text))?,
            ),
        })
    }

    fn durations(&self) -> Result<Vec<Nanos>, FieldError> {
        let mut durations = Vec::new();
        for part in self.text.split(',') {
            if durations.len() == limits::DURATIONS_LEN_MAX {
                let count = self.text.split(',').count();
                return Err(self.refuse_part(&format!("{count} values")));
            }
            match parse_duration(part) {
                Some(d) if d <= limits::DURATION_MAX => durations.push(d),
                _ => return Err(self.refuse_part(part)),
            }
        }
        Ok(durations)
    }

    fn slug(&self) -> Result<String, FieldError> {
        let text = self.text;
        let is_slug = !text.is_empty()
            && text.len() <= SLUG_CHARS_MAX
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if is_slug {
            Ok(text.to_owned())
        } else {
            Err(self.refuse())
        }
    }

    /// A packed program: its characters checked here, its content where it is unpacked.
    fn packed(&self) -> Result<String, FieldError> {
        let text = self.text;
        let is_packed = !text.is_empty()
            && text.len() <= PACKED_CHARS_MAX
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !is_packed {
            return Err(self.refuse_part(if text.len() > PACKED_CHARS_MAX {
                "(too long)"
            } else {
                text
            }));
        }
        Ok(text.to_owned())
    }

    /// The `compare` list: 2 to [`COMPARE_LEN_MAX`] different strategies.
    fn strategies(&self) -> Result<Vec<Strategy>, FieldError> {
        let mut compare = Vec::new();
        for part in self.text.split(',') {
            let strategy = pick(part).ok_or_else(|| self.refuse_word(part))?;
            if compare.contains(&strategy) || compare.len() == COMPARE_LEN_MAX {
                return Err(self.refuse());
            }
            compare.push(strategy);
        }
        if compare.len() < COMPARE_LEN_MIN {
            return Err(self.refuse());
        }
        Ok(compare)
    }
}

/// The value `text` names, if it is one of `T`'s words.
fn pick<T: Word>(text: &str) -> Option<T> {
    T::ALL.iter().copied().find(|value| value.word() == text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str) -> &'static FieldDoc {
        FIELDS
            .iter()
            .find(|field| field.name == name)
            .unwrap_or_else(|| panic!("no `{name}` in FIELDS"))
    }

    #[test]
    fn keys_a_row_refers_to_are_rows() {
        for row in FIELDS {
            if let LeftOut::Implied { by, .. } = row.left_out {
                field(by);
            }
            if let Some(needed) = row.needs {
                field(needed);
            }
        }
        field(LESSON);
    }

    #[test]
    fn every_word_reads_back_to_its_value() {
        fn check<T: Word + std::fmt::Debug>() {
            for &value in T::ALL {
                assert_eq!(pick::<T>(value.word()), Some(value));
            }
        }
        check::<Strategy>();
        check::<Dist>();
        check::<Limiter>();
        check::<StealAmount>();
        check::<Overload>();
        check::<bool>();
    }

    #[test]
    fn a_durations_list_implies_dist_list_and_drops_with_it() {
        let dist = field("dist");
        let mut scenario = Scenario::default();
        assert_eq!(dist.implied_value(&scenario), None);
        scenario.workload.durations = vec![Nanos::from_ms(1)];
        assert_eq!(dist.implied_value(&scenario), Some("list"));
        assert!(dist.goes_with(DURATIONS));
        assert!(!field(DURATIONS).goes_with("dist"));
    }
}
