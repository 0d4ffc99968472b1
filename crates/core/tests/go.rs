//! The Go programs against the simulator: each strategy's real program, built and run with Go, must take the time the simulation predicts.
//!
//! Waiting work must match within 10%, CPU work within 15% (with GOMAXPROCS
//! set to the scenario's cores); `WAIT_TOLERANCE` and `CPU_TOLERANCE` say
//! why, and [`judge`] how a computing run is set beside the machine it had.
//! Each case runs five times and the median counts, because a shared
//! machine adds noise to a few runs. The tests
//! are in their own binary and take one lock each, so nothing runs beside a
//! timing. Needs `go` on PATH (`cargo xtask setup` installs it).
//!
//! The programs are timed twice over: as the module under `go/` with every
//! duration passed in flags, and saved alone as the page's "Download Go
//! program" saves them (`standalone::main_go`), built in an empty folder with
//! no module and no network, drawing their own durations from the seed.

use gobalance_core::link::parse;
use gobalance_core::program::go_args;
use gobalance_core::rng::{task_durations, SimRng};
use gobalance_core::scenario::Dist;
use gobalance_core::{simulate, standalone, strategies, Nanos, Scenario, Strategy};
use machine::{compare, judge, print_table_head, Measured};

mod machine;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// Held by every test: timings must not share the machine with other work.
static ALONE: Mutex<()> = Mutex::new(());

fn alone() -> std::sync::MutexGuard<'static, ()> {
    ALONE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// `(link, tolerance in percent)`: scaled-down scenarios, each well under a second.
const CASES: &[(&str, u64)] = &[
    ("strategy=pool&workers=4&tasks=20&dur=20ms", WAIT_TOLERANCE),
    ("strategy=unbounded&tasks=200&dur=50ms", WAIT_TOLERANCE),
    (
        "strategy=unbounded&tasks=20&dur=50ms&wait=80ms",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=static&workers=4&tasks=16&durations=40ms,5ms,5ms,5ms",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=steal&workers=4&tasks=16&durations=40ms,5ms,5ms,5ms",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=steal&workers=4&tasks=16&durations=40ms,5ms,5ms,5ms&steal=one",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=fanout&workers=4&tasks=20&dur=20ms&ordered=true",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=ratelimit&workers=4&tasks=20&dur=1ms&rate=100",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=ratelimit&workers=4&tasks=20&dur=1ms&rate=100&limiter=bucket&burst=5",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=ratelimit&workers=4&tasks=20&dur=1ms&rate=100&limiter=tick",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=semaphore&workers=5&tasks=20&dur=20ms",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=leak&tasks=10&dur=100ms&cancel_after=1",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=leak&tasks=10&dur=100ms&cancel_after=1&ctx=true",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=dynamic&tasks=40&dur=10ms&min_workers=1&max_workers=8&interval=20ms",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=pool&workers=4&tasks=8&dur=25ms&cpu=1&cores=2",
        CPU_TOLERANCE,
    ),
    (
        "strategy=pool&workers=1&tasks=4&dur=25ms&cpu=1&cores=2",
        CPU_TOLERANCE,
    ),
    (
        "strategy=unbounded&tasks=8&dur=40ms&cpu=0.5&cores=2",
        CPU_TOLERANCE,
    ),
];

/// Computing work, judged against the machine the run had ([`judge`]):
/// measured here from -6.0% to +4.8%. Left uncorrected, one program that
/// computes 100 ms on two cores took from 76 to 225 ms on this kind of
/// virtual machine, its spinner running from 0.7 to 1.4 times as long as
/// calibrated and up to a third of the machine stolen by the hypervisor.
/// The rest of the margin is Go's own threads (sysmon, Ps spinning for
/// work), whose CPU time counts as the spinner's.
const CPU_TOLERANCE: u64 = 15;

/// Waiting work: the model waits for timers as Go's network poller does on
/// Linux, in whole milliseconds (`time::netpoll_wait`); what is left is the
/// kernel waking a thread a little late and Go's Ms polling in parallel.
/// Measured here from -2.5% to +2.3% (`cargo test --release -p
/// gobalance-core --test go -- --nocapture`).
const WAIT_TOLERANCE: u64 = 5;

/// Scenarios saved as one `main.go` each: a pool, stealing, unbounded
/// goroutines, an explicit `durations=` list, and distributions the program
/// draws itself from the seed.
const STANDALONE_CASES: &[(&str, u64)] = &[
    ("strategy=pool&workers=4&tasks=20&dur=20ms", WAIT_TOLERANCE),
    (
        "strategy=steal&workers=4&tasks=16&durations=40ms,5ms,5ms,5ms",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=unbounded&tasks=200&dist=exp&dur=30ms&seed=3",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=pool&workers=4&tasks=24&dist=pareto&alpha=2.5&dur=10ms&seed=5",
        WAIT_TOLERANCE,
    ),
    (
        "strategy=pool&workers=2&tasks=6&dur=25ms&cpu=1&cores=2",
        CPU_TOLERANCE,
    ),
];

/// The work package's Linux-only file that reports the CPU time and the
/// steal a run had, which a download leaves out; the test runs it beside
/// the saved `main.go` so a computing case can be judged as the module's are.
const CPU_FILE: &str = "cpu_linux.go";

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

/// Runs a program once and returns what it reports.
fn measure(mut command: Command) -> Measured {
    let output = command.output().expect("the Go program runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let field = |key: &str| {
        stdout
            .split_whitespace()
            .find_map(|field| field.strip_prefix(key)?.strip_prefix('='))
            .and_then(|n| n.parse().ok())
    };
    Measured {
        elapsed_ns: field("elapsed_ns").unwrap_or_else(|| panic!("no elapsed_ns in {stdout:?}")),
        cpu_ns: field("cpu_ns"),
        steal_ns: field("steal_ns"),
    }
}

/// A fresh empty folder for one saved program.
fn empty_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gobalance-saved-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// `go <args>` in `dir` as a newcomer would run it there: outside any module,
/// with the module proxy off (so anything but the standard library fails)
/// and GOMAXPROCS left to the program's own `-cores` default.
fn go_in(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("go");
    command
        .args(args)
        .current_dir(dir)
        .env("GOPROXY", "off")
        .env_remove("GOFLAGS")
        .env_remove("GO111MODULE")
        .env_remove("GOMAXPROCS");
    command
}

/// Saves `scenario`'s program as `main.go` into an empty folder and checks
/// that `go vet` passes and gofmt has nothing to change.
fn save_and_vet(name: &str, scenario: &Scenario) -> PathBuf {
    let dir = empty_dir(name);
    let predicted = simulate(scenario).ok().map(|run| run.metrics.makespan);
    std::fs::write(
        dir.join("main.go"),
        standalone::main_go(scenario, predicted, &standalone::WORK_SOURCES),
    )
    .expect("write");
    let vet = go_in(&dir, &["vet", "main.go"]).output().expect("go vet");
    assert!(
        vet.status.success(),
        "go vet main.go of {name} failed:\n{}",
        String::from_utf8_lossy(&vet.stderr)
    );
    let gofmt = Command::new("gofmt")
        .args(["-l", "main.go"])
        .current_dir(&dir)
        .output()
        .expect("gofmt");
    assert!(
        gofmt.status.success() && gofmt.stdout.is_empty(),
        "gofmt would change the saved {name} program"
    );
    dir
}

#[test]
fn go_programs_take_the_time_the_simulator_predicts() {
    let _alone = alone();
    let bins = build_programs();
    let mut failures = Vec::new();
    print_table_head();
    for &(link, tolerance_percent) in CASES {
        let scenario = parse(link)
            .unwrap_or_else(|e| panic!("{link}: {e}"))
            .scenario;
        let run = simulate(&scenario).unwrap_or_else(|e| panic!("{link}: {e}"));
        let bin = bins.join(scenario.strategy.key());
        assert!(
            bin.exists(),
            "no program for {} ({})",
            link,
            strategies::go_path(scenario.strategy)
        );
        let args = go_args(&scenario, &run.durations);
        let sample = || {
            let mut command = Command::new(&bin);
            command
                .args(&args)
                .env("GOMAXPROCS", scenario.machine.cores.to_string());
            judge(&scenario, &run.durations, &measure(command))
        };
        failures.extend(compare(link, tolerance_percent, sample));
    }
    let _ = std::fs::remove_dir_all(&bins);
    assert!(
        failures.is_empty(),
        "Go and the simulator disagree:\n{}",
        failures.join("\n")
    );
}

/// The page's download: one `main.go` per scenario, vetted and run with
/// `go run main.go` and no flags in an empty folder, takes the simulated time.
#[test]
fn saved_programs_run_alone_and_take_the_time_the_simulator_predicts() {
    let _alone = alone();
    let mut failures = Vec::new();
    print_table_head();
    for (i, &(link, tolerance_percent)) in STANDALONE_CASES.iter().enumerate() {
        let scenario = parse(link)
            .unwrap_or_else(|e| panic!("{link}: {e}"))
            .scenario;
        let run = simulate(&scenario).unwrap_or_else(|e| panic!("{link}: {e}"));
        let dir = save_and_vet(&format!("case{i}"), &scenario);
        std::fs::write(
            dir.join(CPU_FILE),
            include_str!("../go/work/cpu_linux.go").replacen("package work", "package main", 1),
        )
        .expect("write");
        let sample = || {
            judge(
                &scenario,
                &run.durations,
                &measure(go_in(&dir, &["run", "main.go", CPU_FILE])),
            )
        };
        failures.extend(compare(link, tolerance_percent, sample));
        let _ = std::fs::remove_dir_all(&dir);
    }
    assert!(
        failures.is_empty(),
        "Saved programs and the simulator disagree:\n{}",
        failures.join("\n")
    );
}

/// The leak program asked for more answers than it has tasks: Go stops it,
/// as the simulation does (`tests/exact.rs`).
#[test]
fn the_leak_program_waiting_for_more_answers_than_tasks_is_stopped_by_go() {
    let _alone = alone();
    let output = Command::new("go")
        .args(["run", "./leak", "-tasks=3", "-cancel_after=4", "-dur=1ms"])
        .current_dir(go_dir())
        .env("GOPROXY", "off")
        .env_remove("GOFLAGS")
        .output()
        .expect("`go` runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success() && stderr.contains("all goroutines are asleep - deadlock!"),
        "Go's leak program with cancel_after > tasks: {stderr}"
    );
}

/// Every strategy's saved program builds alone, on its default scenario.
#[test]
fn every_saved_program_vets() {
    let _alone = alone();
    for strategy in Strategy::ALL {
        let scenario = Scenario {
            strategy,
            ..Scenario::default()
        };
        let dir = save_and_vet(strategy.key(), &scenario);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// A saved program draws the very durations the simulation draws, to the
/// nanosecond, for every distribution, over seeds, means and shapes (alpha
/// 2 takes pow's square-root path), many thousands of draws in all.
#[test]
fn saved_programs_draw_the_simulators_durations_bit_for_bit() {
    let _alone = alone();
    let dir = save_and_vet("draw", &parse("strategy=pool&dist=exp").unwrap().scenario);
    let build = go_in(&dir, &["build", "-o", "drawer", "main.go"])
        .output()
        .expect("go build");
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let drawer = dir.join("drawer");
    let mut checked = 0;
    for (dist, extra) in [
        ("uniform", ""),
        ("exp", ""),
        ("pareto", "&alpha=1.5"),
        ("pareto", "&alpha=1.001"),
        ("pareto", "&alpha=2"),
        ("pareto", "&alpha=7.25"),
        ("bimodal", "&long_share=0.137&long_factor=40"),
    ] {
        for (seed, dur, tasks) in [
            (0u64, "100ms", 20_000u32),
            (1, "1ns", 2_000),
            (12_345, "3600s", 2_000),
            (u64::MAX, "7us", 2_000),
        ] {
            let link = format!("dist={dist}&dur={dur}&seed={seed}&tasks={tasks}{extra}");
            let scenario = parse(&link)
                .unwrap_or_else(|e| panic!("{link}: {e}"))
                .scenario;
            let w = &scenario.workload;
            assert_ne!(w.dist, Dist::List);
            let expected: Vec<u64> = task_durations(w, &mut SimRng::new(seed))
                .iter()
                .map(|d: &Nanos| d.0)
                .collect();
            let args: Vec<String> = gobalance_core::program::go_flags(&scenario)
                .into_iter()
                .map(|(name, value)| format!("-{name}={}", value.arg()))
                .chain(["-print_durations".to_string()])
                .collect();
            let output = Command::new(&drawer).args(&args).output().expect("runs");
            assert!(
                output.status.success(),
                "{link}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            let drawn: Vec<u64> = String::from_utf8_lossy(&output.stdout)
                .lines()
                .map(|line| line.parse().expect("nanoseconds"))
                .collect();
            assert_eq!(drawn.len(), expected.len(), "{link}");
            if let Some(i) = (0..drawn.len()).find(|&i| drawn[i] != expected[i]) {
                panic!(
                    "{link}: task {i} takes {} ns in Go, {} ns in the simulation",
                    drawn[i], expected[i]
                );
            }
            checked += drawn.len();
        }
    }
    println!("{checked} durations drawn alike");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Go may fuse `a*b + c` into one multiply-add on arm64 and other
/// platforms, which rounds once instead of twice and would change a drawn
/// duration; every product in the saved program's log and pow is
/// converted to float64 to forbid it. Checked on arm64's machine code.
#[test]
fn the_saved_log_and_pow_never_fuse_a_multiply_add() {
    let _alone = alone();
    let dir = save_and_vet("arm64", &Scenario::default());
    let build = go_in(&dir, &["build", "-o", "arm64", "main.go"])
        .env("GOARCH", "arm64")
        .output()
        .expect("go build");
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let dump = Command::new("go")
        .args(["tool", "objdump", "-s", "main\\.fdlibm", "arm64"])
        .current_dir(&dir)
        .output()
        .expect("go tool objdump");
    let text = String::from_utf8_lossy(&dump.stdout);
    assert!(
        text.contains("FMULD"),
        "no multiplications found: wrong symbols?"
    );
    let fused: Vec<&str> = text
        .lines()
        .filter(|line| {
            ["FMADD", "FMSUB", "FNMADD", "FNMSUB"]
                .iter()
                .any(|op| line.contains(op))
        })
        .collect();
    assert!(
        fused.is_empty(),
        "fused multiply-adds:\n{}",
        fused.join("\n")
    );
    let _ = std::fs::remove_dir_all(&dir);
}
