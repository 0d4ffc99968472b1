//! A real run set beside its prediction: the difference in makespan, in words its likely cause when it exceeds 10%, and where the goroutines left behind stood.

use crate::Alive;
use gobalance_core::program::display_source;
use gobalance_core::strategies::go_source;
use gobalance_core::{BlockOn, Metrics, Scenario};

/// Past this difference in makespan, a comparison names a likely cause.
pub const NOTABLE_PERCENT: f64 = 10.0;

/// How much longer (positive) or shorter the real makespan was, in percent
/// of the predicted one.
pub fn makespan_difference_percent(predicted: &Metrics, real: &Metrics) -> f64 {
    let predicted_ns = predicted.makespan.0.max(1) as f64;
    (real.makespan.0 as f64 / predicted_ns - 1.0) * 100.0
}

/// A sentence for a difference over [`NOTABLE_PERCENT`], naming what most
/// likely caused it on a machine with `machine_cores` cores; `None` when
/// the two agree.
pub fn explain(
    scenario: &Scenario,
    predicted: &Metrics,
    real: &Metrics,
    machine_cores: u32,
) -> Option<String> {
    let diff = makespan_difference_percent(predicted, real);
    if diff.abs() <= NOTABLE_PERCENT {
        return None;
    }
    let threads = scenario.machine.cores;
    let computes = scenario.workload.cpu_permille > 0;
    let direction = if diff > 0.0 { "longer" } else { "shorter" };
    let cause = if computes && threads > machine_cores {
        format!(
            "the run had {threads} threads computing on a machine with {machine_cores} cores, so they took turns on the cores, which the prediction for {threads} cores does not"
        )
    } else if computes && diff < 0.0 {
        "the real runtime never preempts a computing goroutine, while Go's scheduler stops one every 10 ms to let another run; fewer switches can finish a batch sooner".to_string()
    } else if computes {
        "this machine computed more slowly than when it was calibrated at start-up (a shared or throttled CPU): computing time is measured in spin loops calibrated once".to_string()
    } else if real.tasks_done < predicted.tasks_done {
        "fewer tasks finished before main returned: a task that was predicted to finish just in time ended late".to_string()
    } else {
        "timers woke late: a waiting goroutine is woken by the first thread that looks at the timer heap after its deadline, later when every thread is busy or asleep".to_string()
    };
    Some(format!(
        "The real run took {:.1}% {direction} than predicted. Likely cause: {cause}.",
        diff.abs()
    ))
}

/// Goroutines left when `main` returned, grouped by where they stood: the
/// line of the strategy's Go program (0 if one never parked) and what it
/// waited on, most goroutines first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftAt {
    pub line: u16,
    /// That line of the Go program, markers removed and trimmed ("" for line 0).
    pub code: String,
    pub on: BlockOn,
    pub goroutines: u32,
}

pub fn left_behind(scenario: &Scenario, alive: &[Alive]) -> Vec<LeftAt> {
    let source = display_source(go_source(scenario.strategy));
    let mut groups: Vec<LeftAt> = Vec::new();
    for a in alive {
        match groups.iter_mut().find(|g| g.line == a.line && g.on == a.on) {
            Some(group) => group.goroutines += 1,
            None => groups.push(LeftAt {
                line: a.line,
                code: source
                    .lines()
                    .nth(usize::from(a.line).wrapping_sub(1))
                    .map_or(String::new(), |code| code.trim().to_owned()),
                on: a.on,
                goroutines: 1,
            }),
        }
    }
    // Few groups: a selection in place, not a sort (smaller wasm).
    for i in 0..groups.len() {
        let first = (i..groups.len())
            .min_by_key(|&j| (std::cmp::Reverse(groups[j].goroutines), groups[j].line))
            .expect("a group");
        groups.swap(i, first);
    }
    groups
}

/// One line for a group: "9 goroutines at line 31, `out <- r` (chan send)".
pub fn describe(left: &LeftAt) -> String {
    let who = if left.goroutines == 1 {
        "1 goroutine".to_owned()
    } else {
        format!("{} goroutines", left.goroutines)
    };
    if left.line == 0 {
        format!("{who} {}", left.on.name())
    } else {
        format!(
            "{who} at line {}, `{}` ({})",
            left.line,
            left.code,
            left.on.name()
        )
    }
}
