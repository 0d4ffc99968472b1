//! `gobalance run --program main.go`: a learner's Go file run on the simulated runtime, reporting as `go run` does.

use crate::fail::Failure;
use crate::report;
use gobalance_core::Scenario;
use gobalance_lang::run::{run_source_with, RunConfig};
use std::io::{self, Write};
use std::path::Path;

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
