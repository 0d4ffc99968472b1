//! A timed run set beside the simulation's prediction for the machine it had, shared by the Go programs' and the real runtime's comparisons.

use gobalance_core::scenario::Dist;
use gobalance_core::{simulate, Nanos, Scenario};

/// What one run of a program reports.
pub struct Measured {
    pub elapsed_ns: u64,
    /// The process's CPU time over the run, where the platform can tell.
    pub cpu_ns: Option<u64>,
    /// The time the machine's virtual CPUs lost to the hypervisor meanwhile.
    pub steal_ns: Option<u64>,
}

/// One run of a program set beside the simulator's prediction for the
/// machine the run had: a program that computes is judged against the
/// scenario with its computing stretched (or shrunk) by how much longer (or
/// shorter) than asked its spinning took in CPU time, and its elapsed time
/// loses the share of the machine the hypervisor stole meanwhile. Neither
/// is the scheduler's doing, and on this kind of machine both move a
/// computing run by tens of percent from one second to the next; a
/// scheduling difference, such as work left on one core, still shows.
pub struct Sample {
    pub predicted_ns: u64,
    pub measured_ns: u64,
    /// CPU time spent over CPU time asked; 1.0 for waiting work.
    pub speed_factor: f64,
}

pub fn judge(scenario: &Scenario, durations: &[Nanos], run: &Measured) -> Sample {
    let asked: u64 = durations
        .iter()
        .map(|&d| scenario.workload.cpu_part(d).0)
        .sum();
    let (Some(cpu_ns), Some(steal_ns), true) = (run.cpu_ns, run.steal_ns, asked > 0) else {
        let predicted = simulate(scenario).expect("simulates").metrics.makespan.0;
        return Sample {
            predicted_ns: predicted,
            measured_ns: run.elapsed_ns,
            speed_factor: 1.0,
        };
    };
    let speed_factor = cpu_ns as f64 / asked as f64;
    let machine_cpus = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    let stolen_share = (steal_ns as f64 / (machine_cpus * run.elapsed_ns as f64)).min(0.9);
    let stretched = computing_stretched(scenario, durations, speed_factor);
    Sample {
        predicted_ns: simulate(&stretched)
            .unwrap_or_else(|e| panic!("the stretched scenario: {e}"))
            .metrics
            .makespan
            .0,
        measured_ns: (run.elapsed_ns as f64 * (1.0 - stolen_share)) as u64,
        speed_factor,
    }
}

/// `scenario` with each task's computing part multiplied by `factor` and
/// its waiting part kept, as an explicit list of durations.
fn computing_stretched(scenario: &Scenario, durations: &[Nanos], factor: f64) -> Scenario {
    let workload = &scenario.workload;
    let stretched: Vec<Nanos> = durations
        .iter()
        .map(|&d| {
            let cpu = workload.cpu_part(d).0;
            Nanos(d.0 - cpu + (cpu as f64 * factor) as u64)
        })
        .collect();
    let cpu_share = workload.cpu_permille as f64 / 1000.0;
    let stretched_share = cpu_share * factor / (cpu_share * factor + 1.0 - cpu_share);
    let mut out = scenario.clone();
    out.workload.dist = Dist::List;
    out.workload.durations = stretched;
    out.workload.cpu_permille = (stretched_share * 1000.0).round() as u32;
    out
}

/// How many times each program runs; the median run counts.
pub const SAMPLES: usize = 5;

/// Runs `sample` [`SAMPLES`] times and compares the median run, measured
/// against predicted, with the tolerance; prints the row and returns the
/// failure, if any. A batch that disagrees is measured again once: on this
/// kind of virtual machine a slow patch (seconds in which every run takes
/// a fifth longer, whatever the CPU time says) can cover a whole batch, and
/// a disagreement that is real shows in the second batch too.
pub fn compare(
    link: &str,
    tolerance_percent: u64,
    mut sample: impl FnMut() -> Sample,
) -> Option<String> {
    let first = judge_batch(link, tolerance_percent, &mut sample)?;
    let second = judge_batch(link, tolerance_percent, &mut sample)?;
    Some(format!("{first}\n  measured again: {second}"))
}

/// One batch of [`SAMPLES`] runs: the row, and the failure if any.
fn judge_batch(
    link: &str,
    tolerance_percent: u64,
    sample: &mut impl FnMut() -> Sample,
) -> Option<String> {
    let mut samples: Vec<Sample> = (0..SAMPLES).map(|_| sample()).collect();
    let ratio = |s: &Sample| s.measured_ns as f64 / s.predicted_ns as f64;
    samples.sort_by(|a, b| ratio(a).total_cmp(&ratio(b)));
    let median = &samples[SAMPLES / 2];
    let diff_percent = (ratio(median) - 1.0) * 100.0;
    println!(
        "{link:<82} {:>10.2} {:>10.2} {diff_percent:>+7.1} {tolerance_percent:>5} {:>6.2}",
        median.predicted_ns as f64 / 1e6,
        median.measured_ns as f64 / 1e6,
        median.speed_factor,
    );
    (diff_percent.abs() > tolerance_percent as f64).then(|| {
        let all: Vec<String> = samples
            .iter()
            .map(|s| {
                format!(
                    "{:.2}/{:.2} ms at speed {:.2}",
                    s.measured_ns as f64 / 1e6,
                    s.predicted_ns as f64 / 1e6,
                    s.speed_factor
                )
            })
            .collect();
        format!(
            "{link}: simulated {:.2} ms, the run took {:.2} ms ({diff_percent:+.1}%, allowed {tolerance_percent}%); runs (measured/simulated) {}",
            median.predicted_ns as f64 / 1e6,
            median.measured_ns as f64 / 1e6,
            all.join(", ")
        )
    })
}

pub fn print_table_head() {
    println!(
        "{:<82} {:>10} {:>10} {:>7} {:>5} {:>6}",
        "scenario", "sim ms", "run ms", "diff %", "tol %", "speed"
    );
}
