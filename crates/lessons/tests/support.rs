//! Shared by the tests: run a lesson's link, read a metric by name, and say which lesson and link failed.

use gobalance_core::link;
use gobalance_core::{simulate_with, ChanRole, Kind, Nanos, Run, Scenario};

/// A link that ran: its scenario and its run (with events when asked for).
pub struct Ran {
    pub scenario: Scenario,
    pub run: Run,
}

/// Runs `link`; a parse or simulation error fails the test with the slug and the link.
pub fn run(slug: &str, link_text: &str) -> Ran {
    run_with(slug, link_text, false)
}

/// As [`run`], keeping the trace for the metrics read from events.
pub fn run_traced(slug: &str, link_text: &str) -> Ran {
    run_with(slug, link_text, true)
}

/// Runs a Go program on the scenario of `link_text`, as the page's editor
/// does; a program that does not compile or fails fails the test.
pub fn run_program(slug: &str, link_text: &str, source: &str) -> Ran {
    let scenario = match link::parse(link_text) {
        Ok(link) => link.scenario,
        Err(errors) => panic!("lesson `{slug}`: link does not parse: {link_text}\n{errors}"),
    };
    let program = gobalance_lang::run::compile_source(source, Default::default(), "main.go")
        .unwrap_or_else(|refused| {
            panic!(
                "lesson `{slug}`: a program does not compile:\n{}",
                refused.stderr
            )
        });
    let (result, run) =
        gobalance_lang::run::run_program(std::rc::Rc::new(program), &scenario, false);
    let run = run.unwrap_or_else(|| {
        panic!(
            "lesson `{slug}`: a program fails on {link_text}:\n{}",
            result.stderr
        )
    });
    Ran { scenario, run }
}

fn run_with(slug: &str, link_text: &str, record: bool) -> Ran {
    let scenario = match link::parse(link_text) {
        Ok(link) => link.scenario,
        Err(errors) => panic!("lesson `{slug}`: link does not parse: {link_text}\n{errors}"),
    };
    let run = match simulate_with(&scenario, record, None) {
        Ok(run) => run,
        Err(error) => panic!("lesson `{slug}`: link does not run: {link_text}\n{error:?}"),
    };
    Ran { scenario, run }
}

/// A number a lesson can quote about a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    Makespan,
    LowerBound,
    LongestTask,
    LatencyP50,
    TasksDone,
    TasksFailed,
    PeakGoroutines,
    PeakMemoryBytes,
    Leaked,
    CutOff,
    Steals,
    StolenTasks,
    RuntimeSteals,
    Preemptions,
    EfficiencyPermille,
    /// Results that reach `main` while the result of an earlier task is still missing (needs a trace).
    EarlyResults,
    /// The most results a reorder buffer would hold at once, from the same arrival order (needs a trace).
    ReorderPeak,
}

impl Metric {
    pub fn needs_trace(self) -> bool {
        matches!(self, Metric::EarlyResults | Metric::ReorderPeak)
    }

    /// The metric in its own unit: nanoseconds, bytes, thousandths or a count.
    pub fn read(self, ran: &Ran) -> u64 {
        let m = &ran.run.metrics;
        match self {
            Metric::Makespan => m.makespan.0,
            Metric::LowerBound => m.lower_bound.0,
            Metric::LongestTask => m.longest_task.0,
            Metric::LatencyP50 => m.latency_p50.0,
            Metric::TasksDone => m.tasks_done.into(),
            Metric::TasksFailed => m.tasks_failed.into(),
            Metric::PeakGoroutines => m.peak_goroutines.into(),
            Metric::PeakMemoryBytes => m.peak_memory_bytes,
            Metric::Leaked => m.leaked.into(),
            Metric::CutOff => m.cut_off.into(),
            Metric::Steals => m.steals.into(),
            Metric::StolenTasks => m.stolen_tasks.into(),
            Metric::RuntimeSteals => m.runtime_steals.into(),
            Metric::Preemptions => m.preemptions.into(),
            Metric::EfficiencyPermille => gobalance_lessons::efficiency_permille(m),
            Metric::EarlyResults => reorder(&result_order(ran)).0,
            Metric::ReorderPeak => reorder(&result_order(ran)).1,
        }
    }

    /// A value of this metric as a person reads it, for failure messages.
    pub fn show(self, value: u64) -> String {
        match self {
            Metric::Makespan | Metric::LowerBound | Metric::LongestTask | Metric::LatencyP50 => {
                format!("{:.3} ms", Nanos(value).as_ms_f64())
            }
            Metric::PeakMemoryBytes => format!("{value} B"),
            Metric::EfficiencyPermille => format!("{value}‰"),
            _ => value.to_string(),
        }
    }
}

/// The tasks whose results reach `main` on the results channel, in arrival order.
pub fn result_order(ran: &Ran) -> Vec<u32> {
    assert!(
        !ran.run.events.is_empty(),
        "result order needs a traced run"
    );
    let results: Vec<u32> = ran
        .run
        .events
        .iter()
        .filter(|e| e.kind() == Kind::MakeChan && e.c == ChanRole::Results as u32)
        .map(|e| e.a)
        .collect();
    ran.run
        .events
        .iter()
        .filter(|e| results.contains(&e.a))
        .filter(|e| {
            // Handed to main directly by a sender, or taken by main from the buffer.
            (e.kind() == Kind::Send && e.c == gobalance_core::runtime::MAIN)
                || (e.kind() == Kind::Recv && e.g == gobalance_core::runtime::MAIN)
        })
        .map(|e| e.b)
        .collect()
}

/// For an arrival order: how many results arrive before an earlier one, and
/// the most that an in-order release (the `ordered=true` program) holds at once.
pub fn reorder(order: &[u32]) -> (u64, u64) {
    let mut pending = std::collections::BTreeSet::new();
    let (mut next, mut early, mut peak) = (0, 0u64, 0u64);
    for &t in order {
        if t != next {
            early += 1;
        }
        pending.insert(t);
        peak = peak.max(pending.len() as u64 - u64::from(pending.contains(&next)));
        while pending.remove(&next) {
            next += 1;
        }
    }
    (early, peak)
}
