//! A real run set beside its prediction: the difference in makespan, and in words its likely cause when it exceeds 10%.

use gobalance_core::{Metrics, Scenario};

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
