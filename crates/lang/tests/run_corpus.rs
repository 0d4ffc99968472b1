//! The run corpus (tests/corpus/run/) interpreted on the simulated runtime gives what Go 1.19 gives: stdout, exit status, and the first line of stderr.

use std::path::{Path, PathBuf};
use std::process::Command;

use gobalance_core::Scenario;
use gobalance_lang::run::run_source;

use crate::go::go_command;

/// Programs that do not match Go yet, and why. The test fails when one of
/// them starts matching (so the table stays true) or another stops.
const EXCEPTIONS: &[(&str, &str)] = &[];

/// What a program did: stdout, exit status, first line of stderr (for a failure).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Behaviour {
    pub stdout: String,
    pub status: i32,
    pub stderr_first: String,
}

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/run");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read the run corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "go"))
        .collect();
    paths.sort();
    paths
}

/// Builds `src` with Go 1.19 once into a temporary directory and runs the binary.
pub fn run_with_go(name: &str, src: &str) -> Behaviour {
    let dir = std::env::temp_dir().join(format!("gobalance-run-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    std::fs::write(dir.join("main.go"), src).expect("write main.go");
    std::fs::write(dir.join("go.mod"), "module corpus\n\ngo 1.19\n").expect("write go.mod");
    let build = go_command(&dir)
        .args(["build", "-o", "prog", "main.go"])
        .output()
        .expect("run go build");
    assert!(
        build.status.success(),
        "{name} does not build with Go: {}",
        String::from_utf8_lossy(&build.stderr)
    );
    let run = Command::new(dir.join("prog"))
        .current_dir(&dir)
        .output()
        .expect("run the program");
    let _ = std::fs::remove_dir_all(&dir);
    let status = run.status.code().unwrap_or(-1);
    Behaviour {
        stdout: String::from_utf8_lossy(&run.stdout).into_owned(),
        status,
        stderr_first: if status == 0 {
            String::new()
        } else {
            String::from_utf8_lossy(&run.stderr)
                .lines()
                .next()
                .unwrap_or("")
                .to_string()
        },
    }
}

/// The scenario a corpus program runs on: the defaults, with as many
/// cores as the machine has (programs that print `runtime.NumCPU()` compare
/// with the real machine's).
pub fn corpus_scenario() -> Scenario {
    let mut scenario = Scenario::default();
    scenario.machine.cores = std::thread::available_parallelism().map_or(1, |n| n.get() as u32);
    scenario
}

pub fn run_interpreted(src: &str) -> Behaviour {
    let run = std::panic::catch_unwind(|| run_source(src, &corpus_scenario()));
    let Ok(result) = run else {
        return Behaviour {
            stdout: String::new(),
            status: -2,
            stderr_first: "the interpreter panicked".into(),
        };
    };
    Behaviour {
        stdout: result.stdout,
        status: result.exit_status,
        stderr_first: if result.exit_status == 0 {
            String::new()
        } else {
            result.stderr.lines().next().unwrap_or("").to_string()
        },
    }
}

#[test]
fn the_run_corpus_behaves_as_go_does() {
    let programs = corpus();
    assert!(!programs.is_empty(), "no run corpus");
    let results: Vec<(String, Behaviour, Behaviour)> = std::thread::scope(|scope| {
        let handles: Vec<_> = programs
            .chunks(programs.len().div_ceil(4))
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|path| {
                            let name = path
                                .file_stem()
                                .expect("a name")
                                .to_string_lossy()
                                .into_owned();
                            let src = std::fs::read_to_string(path).expect("read");
                            let go = run_with_go(&name, &src);
                            (name, src, go)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a Go thread"))
            .map(|(name, src, go)| {
                let ours = run_interpreted(&src);
                (name, go, ours)
            })
            .collect()
    });
    let mut unexpected = Vec::new();
    let mut matching = 0;
    for (name, go, ours) in &results {
        let matches = go == ours;
        matching += usize::from(matches);
        let excepted = EXCEPTIONS.iter().any(|(n, _)| n == name);
        if matches && excepted {
            unexpected.push(format!("{name} now matches Go: take it out of EXCEPTIONS"));
        } else if !matches && !excepted {
            unexpected.push(format!("{name} differs from Go\n--- Go: status {} {:?}\n{}--- interpreted: status {} {:?}\n{}", go.status, go.stderr_first, go.stdout, ours.status, ours.stderr_first, ours.stdout));
        }
    }
    eprintln!(
        "{matching} of {} run-corpus programs behave as Go 1.19 does",
        results.len()
    );
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n\n"));
}
