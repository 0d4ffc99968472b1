//! `gobalance run --program main.go`: a learner's Go file run on the simulated runtime, reporting as `go run` does.

use crate::fail::Failure;
use crate::report;
use gobalance_core::Scenario;
use gobalance_core::{Event, Outcome};
use gobalance_lang::run::{compile_source, record_program, run_source_with, RunConfig};
use std::io::{self, Write};
use std::path::Path;
use std::rc::Rc;

/// Runs the Go file at `path` on `scenario`: the program's output on `out`
/// (or standard error with `json`, the metrics then on `out`), Go's errors
/// on standard error, and Go's exit status.
pub fn run_file(
    path: &Path,
    scenario: &Scenario,
    link: &str,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let src = std::fs::read_to_string(path)
        .map_err(|e| Failure::Input(format!("cannot read {}: {e}", path.display())))?;
    run_text(&src, &path.to_string_lossy(), scenario, link, json, out)
}

/// [`run_file`] for a program's text, named `file_name` in its errors.
pub fn run_text(
    src: &str,
    file_name: &str,
    scenario: &Scenario,
    link: &str,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let result = run_source_with(src, scenario, RunConfig::default(), file_name);
    let mut stderr = io::stderr();
    if json {
        stderr.write_all(result.stdout.as_bytes())?;
    } else {
        out.write_all(result.stdout.as_bytes())?;
    }
    out.flush()?;
    stderr.write_all(result.stderr.as_bytes())?;
    if json {
        if let Some(metrics) = &result.metrics {
            let report = report::RunReport {
                scenario,
                link,
                metrics,
                trace_hash: result.trace_hash,
            };
            serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
            writeln!(out)?;
        }
    }
    match result.exit_status {
        0 => Ok(()),
        status => Err(Failure::GoProgram {
            status: status.clamp(1, 255) as u8,
        }),
    }
}

/// A program's run for `gobalance trace`: its events and outcome, however
/// it ended (a deadlock's trace shows where it stopped). What it prints and
/// Go's errors go to standard error; a program that does not compile fails
/// with Go's status 1.
pub fn record(
    src: &str,
    file_name: &str,
    scenario: &Scenario,
) -> Result<(Vec<Event>, Outcome), Failure> {
    let mut stderr = io::stderr();
    let program = match compile_source(src, RunConfig::default(), file_name) {
        Ok(program) => program,
        Err(refused) => {
            stderr.write_all(refused.stderr.as_bytes())?;
            return Err(Failure::GoProgram { status: 1 });
        }
    };
    let recording = record_program(Rc::new(program), scenario, None);
    stderr.write_all(recording.result.stdout.as_bytes())?;
    stderr.write_all(recording.result.stderr.as_bytes())?;
    Ok((recording.events, recording.outcome))
}
