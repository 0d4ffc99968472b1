//! gobalance-lessons: the lessons of the playground as plain data (text, preset scenarios, questions, exercises, corrections of the source).
//!
//! The page renders these; nothing here draws, stores or runs anything by
//! itself, so the crate builds for wasm32 unchanged. How a lesson is used:
//!
//! 1. The page shows [`Lesson::markdown`] and loads [`Lesson::preset`], a
//!    scenario link read by `gobalance_core::link::parse`, with the Go
//!    program of [`Lesson::program`] beside it.
//! 2. Before the first run the learner answers [`Lesson::question`]; the
//!    answer is checked at once against [`Question::answer`].
//! 3. Each [`Exercise`] is a [`Goal`] on the run's metrics. After every run
//!    the page calls [`Goal::check`] and shows one line per bound, met or
//!    not. [`Exercise::solution`] is a link that reaches the goal, for a hint.
//! 4. Where the source text is wrong or incomplete, a [`Correction`] says
//!    so and carries two links: what the source's code does, and the fix.
//!
//! Every number the lessons quote was measured with the simulator, and the
//! tests in `tests/` run every link again: presets miss their goals,
//! solutions meet them, and each correction's two links differ where its
//! box says they do.

/// A lesson's Markdown, carried only with the `markdown` feature (on by
/// default). The page ships the HTML its build script renders from it, so
/// its wasm leaves the Markdown out: about 17 kB gzipped it would carry twice.
#[cfg(feature = "markdown")]
macro_rules! markdown {
    ($text:expr) => {
        $text
    };
}
#[cfg(not(feature = "markdown"))]
macro_rules! markdown {
    ($text:expr) => {
        ""
    };
}

use gobalance_core::link;
use gobalance_core::scenario::Scenario;
use gobalance_core::{Metrics, Nanos, Strategy};

/// One lesson: one topic of the source text, in the source's order.
#[derive(Debug)]
pub struct Lesson {
    /// The route name, `#/lesson/<slug>`: lowercase words joined by `-`.
    pub slug: &'static str,
    pub title: &'static str,
    /// One sentence for the lesson index.
    pub summary: &'static str,
    /// The lesson's text, Markdown, starting with a `# ` title (empty
    /// without the `markdown` feature).
    pub markdown: &'static str,
    /// The scenario the playground opens on, as a link query.
    pub preset: &'static str,
    /// Whose Go program the page shows with the goroutine cursors.
    pub program: Strategy,
    /// Asked before the first run.
    pub question: Question,
    pub exercises: &'static [Exercise],
    /// Where the source text goes wrong on this topic.
    pub correction: Option<Correction>,
}

/// A multiple-choice question answered before running the preset.
#[derive(Debug)]
pub struct Question {
    pub prompt: &'static str,
    pub choices: &'static [&'static str],
    /// Index into `choices`.
    pub answer: usize,
    /// Shown once answered, right or wrong: why the answer is what it is.
    pub explanation: &'static str,
}

impl Question {
    pub fn is_right(&self, choice: usize) -> bool {
        choice == self.answer
    }
}

/// A goal to reach by changing the scenario.
#[derive(Debug)]
pub struct Exercise {
    /// The goal in words, as the learner reads it.
    pub goal_text: &'static str,
    pub goal: Goal,
    /// A link that reaches the goal; the page can offer it as a hint. For a
    /// program to fix, the scenario its fix runs on.
    pub solution: &'static str,
    /// "Fix the program": the goal is reached by editing a Go program, not
    /// by changing the scenario.
    pub program: Option<ProgramFix>,
}

/// A Go program that misses an exercise's goal, and one way to fix it.
#[derive(Debug)]
pub struct ProgramFix {
    /// What the editor opens on: it misses the goal on the lesson's preset.
    pub broken: &'static str,
    /// A fix that meets it on the exercise's `solution` link.
    pub fixed: &'static str,
}

/// Bounds on a run, each optional; a goal is met when every bound given is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Goal {
    /// The makespan must be strictly under this ("finish in under 2 s").
    pub makespan_max: Option<Nanos>,
    pub peak_goroutines_max: Option<u32>,
    pub peak_memory_max_bytes: Option<u64>,
    pub leaked_max: Option<u32>,
    /// Tickers still running when `main` returned.
    pub leaked_tickers_max: Option<u32>,
    /// Lower bound over makespan, in thousandths (950 is 95%).
    pub efficiency_min_permille: Option<u32>,
    pub tasks_done_min: Option<u32>,
    /// The run must use this strategy.
    pub strategy: Option<Strategy>,
}

/// Which bound of a [`Goal`] a [`GoalCheck`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    Makespan,
    PeakGoroutines,
    PeakMemory,
    Leaked,
    LeakedTickers,
    Efficiency,
    TasksDone,
    Strategy,
    /// The learner's own program runs, for a program to fix (the page checks it).
    OwnProgram,
}

/// One bound of a goal, checked against one run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalCheck {
    pub bound: Bound,
    pub met: bool,
    /// What was measured against what was asked: "makespan 2.4 s, goal under 2 s".
    pub message: String,
}

impl Goal {
    /// A goal with no bounds, to build others from with `..Goal::NONE`.
    pub const NONE: Goal = Goal {
        makespan_max: None,
        peak_goroutines_max: None,
        peak_memory_max_bytes: None,
        leaked_max: None,
        leaked_tickers_max: None,
        efficiency_min_permille: None,
        tasks_done_min: None,
        strategy: None,
    };

    /// Each bound given, in the order of the fields, met or not.
    pub fn check(&self, scenario: &Scenario, metrics: &Metrics) -> Vec<GoalCheck> {
        let mut checks = Vec::new();
        if let Some(max) = self.makespan_max {
            let (got, want) = duration_pair(metrics.makespan, max);
            checks.push(GoalCheck {
                bound: Bound::Makespan,
                met: metrics.makespan < max,
                message: format!("makespan {got}, goal under {want}"),
            });
        }
        if let Some(max) = self.peak_goroutines_max {
            checks.push(GoalCheck {
                bound: Bound::PeakGoroutines,
                met: metrics.peak_goroutines <= max,
                message: format!(
                    "peak goroutines {}, goal at most {}",
                    count_text(metrics.peak_goroutines.into()),
                    count_text(max.into())
                ),
            });
        }
        if let Some(max) = self.peak_memory_max_bytes {
            let (got, want) = bytes_pair(metrics.peak_memory_bytes, max);
            checks.push(GoalCheck {
                bound: Bound::PeakMemory,
                met: metrics.peak_memory_bytes <= max,
                message: format!("peak memory {got}, goal at most {want}"),
            });
        }
        if let Some(max) = self.leaked_max {
            checks.push(GoalCheck {
                bound: Bound::Leaked,
                met: metrics.leaked <= max,
                message: format!(
                    "leaked goroutines {}, goal at most {}",
                    count_text(metrics.leaked.into()),
                    count_text(max.into())
                ),
            });
        }
        if let Some(max) = self.leaked_tickers_max {
            checks.push(GoalCheck {
                bound: Bound::LeakedTickers,
                met: metrics.leaked_tickers <= max,
                message: format!(
                    "tickers left running {}, goal at most {}",
                    count_text(metrics.leaked_tickers.into()),
                    count_text(max.into())
                ),
            });
        }
        if let Some(min) = self.efficiency_min_permille {
            let got = efficiency_permille(metrics);
            checks.push(GoalCheck {
                bound: Bound::Efficiency,
                met: got >= u64::from(min),
                message: format!(
                    "efficiency {}, goal at least {}",
                    permille_text(got),
                    permille_text(min.into())
                ),
            });
        }
        if let Some(min) = self.tasks_done_min {
            checks.push(GoalCheck {
                bound: Bound::TasksDone,
                met: metrics.tasks_done >= min,
                message: format!(
                    "tasks done {}, goal at least {}",
                    count_text(metrics.tasks_done.into()),
                    count_text(min.into())
                ),
            });
        }
        if let Some(want) = self.strategy {
            checks.push(GoalCheck {
                bound: Bound::Strategy,
                met: scenario.strategy == want,
                message: format!("strategy {}, goal {}", scenario.strategy.key(), want.key()),
            });
        }
        checks
    }

    /// Whether every bound is met (a goal with no bounds is met by anything).
    pub fn is_met(&self, scenario: &Scenario, metrics: &Metrics) -> bool {
        self.check(scenario, metrics).iter().all(|c| c.met)
    }

    /// How many bounds are given.
    pub fn bounds(&self) -> usize {
        [
            self.makespan_max.is_some(),
            self.peak_goroutines_max.is_some(),
            self.peak_memory_max_bytes.is_some(),
            self.leaked_max.is_some(),
            self.leaked_tickers_max.is_some(),
            self.efficiency_min_permille.is_some(),
            self.tasks_done_min.is_some(),
            self.strategy.is_some(),
        ]
        .into_iter()
        .filter(|&given| given)
        .count()
    }
}

/// A box that says where the source text is wrong, with a link to each side.
#[derive(Debug)]
pub struct Correction {
    pub title: &'static str,
    pub body_markdown: &'static str,
    /// What the source's code does (or the closest runnable reading of it).
    pub seed_link: &'static str,
    /// The right thing, on the same workload.
    pub fixed_link: &'static str,
}

/// Every lesson, in the source's order.
pub fn all() -> &'static [Lesson] {
    &LESSONS
}

/// The lesson of a `#/lesson/<slug>` route.
pub fn by_slug(slug: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|lesson| lesson.slug == slug)
}

/// The scenario of a lesson's link; `None` only if the link is broken, which the tests rule out.
pub fn scenario_of(link_text: &str) -> Option<Scenario> {
    link::parse(link_text).ok().map(|link| link.scenario)
}

/// Lower bound over makespan in thousandths (the core's `Metrics::efficiency`),
/// in integers so every platform computes the same value and the same verdict.
pub fn efficiency_permille(metrics: &Metrics) -> u64 {
    if metrics.makespan == Nanos::ZERO {
        return 1000;
    }
    let ratio = u128::from(metrics.lower_bound.0) * 1000 / u128::from(metrics.makespan.0);
    u64::try_from(ratio).unwrap_or(u64::MAX)
}

/// `1,000`: thousands separated, as the lesson texts write them.
fn count_text(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `86.1%`.
fn permille_text(permille: u64) -> String {
    match permille % 10 {
        0 => format!("{}%", permille / 10),
        tenths => format!("{}.{tenths}%", permille / 10),
    }
}

/// A value with up to `decimals` decimals of `unit`, rounded half up, trailing zeros cut.
fn scaled_text(value: u64, unit: u64, decimals: u32, suffix: &str) -> String {
    let scale = 10u128.pow(decimals);
    let scaled = (u128::from(value) * scale + u128::from(unit) / 2) / u128::from(unit);
    let (whole, frac) = (scaled / scale, scaled % scale);
    if frac == 0 {
        return format!("{whole} {suffix}");
    }
    let frac = format!("{frac:0width$}", width = decimals as usize);
    format!("{whole}.{} {suffix}", frac.trim_end_matches('0'))
}

/// A duration in the largest unit it reaches: `2.4 s`, `120 ms`, `3.5 µs`.
fn duration_text(d: Nanos, decimals: u32) -> String {
    const UNITS: [(u64, &str); 3] = [(1_000_000_000, "s"), (1_000_000, "ms"), (1_000, "µs")];
    match UNITS.iter().find(|(unit, _)| d.0 >= *unit) {
        Some(&(unit, suffix)) => scaled_text(d.0, unit, decimals, suffix),
        None => format!("{} ns", d.0),
    }
}

/// Two durations as text, with enough decimals that different values never
/// read the same ("200.008 ms, goal under 200 ms", not "200 ms ... 200 ms").
fn duration_pair(got: Nanos, want: Nanos) -> (String, String) {
    for decimals in [1, 3, 6, 9] {
        let pair = (duration_text(got, decimals), duration_text(want, decimals));
        if pair.0 != pair.1 || got == want {
            return pair;
        }
    }
    (format!("{} ns", got.0), format!("{} ns", want.0))
}

/// A size in binary units, as links write them (1 KB = 1024 B): `52.5 MB`.
fn bytes_text(n: u64, decimals: u32) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")];
    match UNITS.iter().find(|(unit, _)| n >= *unit) {
        Some(&(unit, suffix)) => scaled_text(n, unit, decimals, suffix),
        None => format!("{n} B"),
    }
}

fn bytes_pair(got: u64, want: u64) -> (String, String) {
    for decimals in [1, 3, 6] {
        let pair = (bytes_text(got, decimals), bytes_text(want, decimals));
        if pair.0 != pair.1 || got == want {
            return pair;
        }
    }
    (format!("{got} B"), format!("{want} B"))
}

mod catalog;
use catalog::LESSONS;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_write_them() {
        assert_eq!(duration_text(Nanos::from_ms(2400), 1), "2.4 s");
        assert_eq!(duration_text(Nanos::from_secs(2), 1), "2 s");
        assert_eq!(duration_text(Nanos(120_010_050), 1), "120 ms");
        assert_eq!(duration_text(Nanos(3_475), 1), "3.5 µs");
        assert_eq!(duration_text(Nanos(7), 1), "7 ns");
    }

    #[test]
    fn a_missed_goal_never_reads_like_a_met_one() {
        let (got, want) = duration_pair(Nanos(200_007_850), Nanos::from_ms(200));
        assert_eq!((got.as_str(), want.as_str()), ("200.008 ms", "200 ms"));
        let (got, want) = duration_pair(Nanos(200_000_001), Nanos::from_ms(200));
        assert_ne!(got, want);
    }

    #[test]
    fn sizes_and_counts_read_plainly() {
        assert_eq!(bytes_text(52_533_248, 1), "50.1 MB");
        assert_eq!(bytes_text(2048, 1), "2 KB");
        assert_eq!(bytes_text(100, 1), "100 B");
        assert_eq!(count_text(1_000), "1,000");
        assert_eq!(count_text(999), "999");
        assert_eq!(count_text(1_234_567), "1,234,567");
        assert_eq!(permille_text(861), "86.1%");
        assert_eq!(permille_text(950), "95%");
    }
}
