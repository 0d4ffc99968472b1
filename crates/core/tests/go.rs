//! The Go programs against the simulator: each strategy's real program, built and run with Go, must take the time the simulation predicts.
//!
//! Waiting work must match within 5%, CPU work within 15% (with GOMAXPROCS
//! set to the scenario's cores). Each case runs three times and the median
//! counts, because a shared machine adds noise only ever upwards. This is one
//! test in its own binary so nothing else runs beside it. Needs `go` on PATH
//! (`cargo xtask setup` installs it).

use gobalance_core::link::parse;
use gobalance_core::program::go_args;
use gobalance_core::{simulate, strategies, Scenario};
use std::path::{Path, PathBuf};
use std::process::Command;

/// `(link, tolerance in percent)`: scaled-down scenarios, each well under a second.
const CASES: &[(&str, u64)] = &[
    ("strategy=pool&workers=4&tasks=20&dur=20ms", 5),
    ("strategy=unbounded&tasks=200&dur=50ms", 5),
    ("strategy=unbounded&tasks=20&dur=50ms&wait=80ms", 5),
    (
        "strategy=static&workers=4&tasks=16&durations=40ms,5ms,5ms,5ms",
        5,
    ),
    (
        "strategy=steal&workers=4&tasks=16&durations=40ms,5ms,5ms,5ms",
        5,
    ),
    (
        "strategy=steal&workers=4&tasks=16&durations=40ms,5ms,5ms,5ms&steal=one",
        5,
    ),
    (
        "strategy=fanout&workers=4&tasks=20&dur=20ms&ordered=true",
        5,
    ),
    ("strategy=ratelimit&workers=4&tasks=20&dur=1ms&rate=100", 5),
    (
        "strategy=ratelimit&workers=4&tasks=20&dur=1ms&rate=100&limiter=bucket&burst=5",
        5,
    ),
    (
        "strategy=ratelimit&workers=4&tasks=20&dur=1ms&rate=100&limiter=tick",
        5,
    ),
    ("strategy=semaphore&workers=5&tasks=20&dur=20ms", 5),
    ("strategy=leak&tasks=10&dur=100ms&cancel_after=1", 5),
    (
        "strategy=leak&tasks=10&dur=100ms&cancel_after=1&ctx=true",
        5,
    ),
    (
        "strategy=dynamic&tasks=40&dur=10ms&min_workers=1&max_workers=8&interval=20ms",
        5,
    ),
    ("strategy=pool&workers=4&tasks=8&dur=25ms&cpu=1&cores=2", 15),
    ("strategy=pool&workers=1&tasks=4&dur=25ms&cpu=1&cores=2", 15),
    ("strategy=unbounded&tasks=8&dur=40ms&cpu=0.5&cores=2", 15),
];

fn go_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("go")
}

/// Builds every program once into a temporary directory.
fn build_programs() -> PathBuf {
    let out = std::env::temp_dir().join(format!("gobalance-go-{}", std::process::id()));
    std::fs::create_dir_all(&out).expect("temp dir");
    let status = Command::new("go")
        .args(["build", "-o"])
        .arg(&out)
        .arg("./...")
        .current_dir(go_dir())
        .status()
        .unwrap_or_else(|e| {
            panic!("`go` did not start ({e}): install Go, `cargo xtask setup` does")
        });
    assert!(status.success(), "go build failed");
    let vet = Command::new("go")
        .args(["vet", "./..."])
        .current_dir(go_dir())
        .status()
        .expect("go vet");
    assert!(vet.success(), "go vet failed");
    out
}

/// Runs the program once and returns the elapsed nanoseconds it reports.
fn measure(bin: &Path, scenario: &Scenario, args: &[String]) -> u64 {
    let output = Command::new(bin)
        .args(args)
        .env("GOMAXPROCS", scenario.machine.cores.to_string())
        .output()
        .expect("the Go program runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{} failed: {}",
        bin.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
        .split_whitespace()
        .find_map(|field| field.strip_prefix("elapsed_ns="))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no elapsed_ns in {stdout:?}"))
}

#[test]
fn go_programs_take_the_time_the_simulator_predicts() {
    let bins = build_programs();
    let mut failures = Vec::new();
    println!(
        "{:<82} {:>10} {:>10} {:>7} {:>5}",
        "scenario", "sim ms", "go ms", "diff %", "tol %"
    );
    for &(link, tolerance_percent) in CASES {
        let scenario = parse(link)
            .unwrap_or_else(|e| panic!("{link}: {e}"))
            .scenario;
        let run = simulate(&scenario).unwrap_or_else(|e| panic!("{link}: {e}"));
        let predicted = run.metrics.makespan.0;
        let bin = bins.join(scenario.strategy.key());
        assert!(
            bin.exists(),
            "no program for {} ({})",
            link,
            strategies::go_path(scenario.strategy)
        );
        let args = go_args(&scenario, &run.durations);
        let mut samples: Vec<u64> = (0..3).map(|_| measure(&bin, &scenario, &args)).collect();
        samples.sort_unstable();
        let measured = samples[1];
        let diff_percent = (measured as f64 - predicted as f64) / predicted as f64 * 100.0;
        println!(
            "{link:<82} {:>10.2} {:>10.2} {diff_percent:>+7.1} {tolerance_percent:>5}",
            predicted as f64 / 1e6,
            measured as f64 / 1e6
        );
        if diff_percent.abs() > tolerance_percent as f64 {
            failures.push(format!(
                "{link}: simulated {:.2} ms, Go took {:.2} ms ({diff_percent:+.1}%, allowed {tolerance_percent}%); samples {samples:?}",
                predicted as f64 / 1e6,
                measured as f64 / 1e6
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&bins);
    assert!(
        failures.is_empty(),
        "Go and the simulator disagree:\n{}",
        failures.join("\n")
    );
}
