//! Real runs against the simulation, as `crates/core/tests/go.rs` times Go's: each scenario's real makespan on std threads must be the predicted one.
//!
//! Waiting work must match within 5%, computing work within 15%, five runs
//! each and the median counting. A computing run is judged against the
//! machine it had, as the Go programs are (`machine::judge`): the CPU time
//! its threads took against the CPU time asked, and the time the
//! hypervisor stole meanwhile, both read from Linux. This kind of shared
//! machine computes up to twice as slowly for minutes at a time, and a
//! 20 ms calibration probe before and after a run did not catch it (a run
//! between two good probes took +49%), so the run is measured rather than
//! the machine guessed at. Run alone, in release, by `cargo xtask test` in
//! a step of its own.

#[path = "../../core/tests/machine/mod.rs"]
mod machine;

use gobalance_core::link::parse;
use gobalance_core::{simulate, Nanos};
use gobalance_real::{run, spins_per_ms};
use machine::{compare, judge, print_table_head, Measured};

const WAIT_TOLERANCE: u64 = 5;
const CPU_TOLERANCE: u64 = 15;

/// `(link, tolerance in percent)`; each runs on as many threads as it has cores.
const CASES: &[(&str, u64)] = &[
    (
        "strategy=pool&workers=4&tasks=20&dur=20ms&cores=2",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=unbounded&tasks=1000&dur=50ms&cores=2",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=static&workers=4&tasks=16&durations=40ms,5ms,5ms,5ms&cores=2",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=steal&workers=4&tasks=16&durations=40ms,5ms,5ms,5ms&cores=2",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=fanout&workers=4&tasks=20&dur=20ms&ordered=true&cores=2",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=ratelimit&workers=4&tasks=20&dur=1ms&rate=100&cores=2",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=ratelimit&workers=4&tasks=20&dur=1ms&rate=100&limiter=bucket&burst=5&cores=2",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=semaphore&workers=5&tasks=20&dur=20ms&cores=2",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=leak&tasks=10&dur=100ms&cancel_after=1&cores=2",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=dynamic&tasks=40&dur=10ms&min_workers=1&max_workers=8&interval=20ms&cores=2",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=pool&workers=2&tasks=8&dur=25ms&cpu=1&cores=2",
        CPU_TOLERANCE,
    ),
    (
        "strategy=pool&workers=4&tasks=8&dur=25ms&cpu=1&cores=2",
        CPU_TOLERANCE,
    ),
    (
        "strategy=unbounded&tasks=8&dur=40ms&cpu=0.5&cores=2",
        CPU_TOLERANCE,
    ),
];

/// This process's CPU time, user and system (getrusage).
fn process_cpu_ns() -> Option<u64> {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes the struct it is given and nothing else.
    let usage = unsafe {
        (libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) == 0).then(|| usage.assume_init())
    }?;
    let ns = |t: libc::timeval| t.tv_sec as u64 * 1_000_000_000 + t.tv_usec as u64 * 1_000;
    Some(ns(usage.ru_utime) + ns(usage.ru_stime))
}

/// The time every CPU of the machine has lost to the hypervisor (the steal
/// column of /proc/stat, in Linux's fixed 100 ticks a second).
fn machine_steal_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let ticks: u64 = stat
        .lines()
        .next()?
        .split_whitespace()
        .nth(8)?
        .parse()
        .ok()?;
    Some(ticks * 10_000_000)
}

#[test]
fn real_runs_take_the_time_the_simulation_predicts() {
    // Calibrated before anything is timed, as a real run's start does.
    spins_per_ms();
    let mut failures = Vec::new();
    print_table_head();
    for &(link, tolerance) in CASES {
        let scenario = parse(link)
            .unwrap_or_else(|e| panic!("{link}: {e}"))
            .scenario;
        let predicted = simulate(&scenario)
            .unwrap_or_else(|e| panic!("{link}: {e}"))
            .metrics
            .makespan;
        let limit = Nanos(predicted.0 * 5 + 1_000_000_000);
        let sample = || {
            let (cpu_before, steal_before) = (process_cpu_ns(), machine_steal_ns());
            let real = run(&scenario, scenario.machine.cores, limit)
                .unwrap_or_else(|e| panic!("{link}: {e}"));
            let (cpu_after, steal_after) = (process_cpu_ns(), machine_steal_ns());
            let measured = Measured {
                elapsed_ns: real.metrics.makespan.0,
                cpu_ns: cpu_before.zip(cpu_after).map(|(a, b)| b - a),
                steal_ns: steal_before.zip(steal_after).map(|(a, b)| b - a),
            };
            judge(&scenario, &real.durations, &measured)
        };
        failures.extend(compare(link, tolerance, sample));
    }
    assert!(
        failures.is_empty(),
        "real runs and the simulation disagree:\n{}",
        failures.join("\n")
    );
}
