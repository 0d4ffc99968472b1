//! `gobalance real`: a scenario run for real on std threads, reported as `run` reports a simulation, beside the prediction.

use crate::fail::Failure;
use crate::format::{ms, percent};
use crate::report::{write_table, RunReport};
use gobalance_core::{Metrics, Nanos, Scenario};
use gobalance_real::compare::{describe, explain, left_behind, makespan_difference_percent};
use gobalance_real::{check_size, run, RealError};
use serde::Serialize;
use std::io::{self, Write};

pub enum Format {
    /// The real run's table, as `run` prints one, and the predicted makespan.
    Table,
    /// Prediction, measurement and difference, a row each.
    Compare,
    Json,
}

/// A real run may take this many times its predicted makespan (and at
/// least two seconds) before it is stopped as hung.
const PREDICTED_TIMES_MAX: u64 = 5;

pub fn real(
    scenario: &Scenario,
    link: &str,
    predicted: &Metrics,
    format: Format,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let refused = |error: RealError| Failure::Input(format!("{error}\nscenario: {link}"));
    check_size(scenario, predicted.makespan).map_err(refused)?;
    let limit = Nanos((predicted.makespan.0 * PREDICTED_TIMES_MAX).max(2_000_000_000));
    let real = run(scenario, scenario.machine.cores, limit).map_err(refused)?;
    let machine_cores = std::thread::available_parallelism().map_or(1, |n| n.get() as u32);
    let explanation = explain(scenario, predicted, &real.metrics, machine_cores);
    let diff = makespan_difference_percent(predicted, &real.metrics);
    let left = left_behind(scenario, &real.alive);
    match format {
        Format::Json => {
            #[derive(Serialize)]
            struct RealReport<'a> {
                real: RunReport<'a>,
                predicted: RunReport<'a>,
                makespan_difference_percent: f64,
                threads: u32,
                machine_cores: u32,
                explanation: Option<String>,
                /// Goroutines alive when main returned, by where they stood.
                left_behind: Vec<LeftJson>,
            }
            #[derive(Serialize)]
            struct LeftJson {
                line: u16,
                code: String,
                on: &'static str,
                goroutines: u32,
            }
            let report = RealReport {
                real: RunReport {
                    scenario,
                    link,
                    metrics: &real.metrics,
                    trace_hash: None,
                },
                predicted: RunReport {
                    scenario,
                    link,
                    metrics: predicted,
                    trace_hash: None,
                },
                makespan_difference_percent: diff,
                threads: real.threads,
                machine_cores,
                explanation,
                left_behind: left
                    .iter()
                    .map(|l| LeftJson {
                        line: l.line,
                        code: l.code.clone(),
                        on: l.on.name(),
                        goroutines: l.goroutines,
                    })
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Format::Table => {
            write_table(out, scenario, link, &real.metrics, None)?;
            writeln!(out)?;
            writeln!(
                out,
                "ran for real on {} threads ({machine_cores} cores here); predicted makespan {} ({diff:+.1}%)",
                real.threads,
                ms(predicted.makespan)
            )?;
            if let Some(explanation) = explanation {
                writeln!(out, "{explanation}")?;
            }
            write_left(out, &left)?;
        }
        Format::Compare => {
            writeln!(
                out,
                "{}: {link}\nran for real on {} threads ({machine_cores} cores here)\n",
                scenario.strategy.title(),
                real.threads
            )?;
            write_comparison(out, predicted, &real.metrics)?;
            if let Some(explanation) = explanation {
                writeln!(out, "\n{explanation}")?;
            }
            write_left(out, &left)?;
        }
    }
    Ok(())
}

/// Where the goroutines alive when main returned stood, a line a place.
fn write_left(out: &mut dyn Write, left: &[gobalance_real::compare::LeftAt]) -> io::Result<()> {
    if left.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nleft when main returned:")?;
    for group in left {
        writeln!(out, "  {}", describe(group))?;
    }
    Ok(())
}

/// The headline metrics, predicted against real, a row each.
fn write_comparison(out: &mut dyn Write, predicted: &Metrics, real: &Metrics) -> io::Result<()> {
    let change = |p: f64, r: f64| {
        if p == 0.0 {
            String::new()
        } else {
            format!("{:+.1}%", (r / p - 1.0) * 100.0)
        }
    };
    writeln!(
        out,
        "{:<18}{:>16}{:>16}{:>12}",
        "", "predicted", "real", "difference"
    )?;
    let time_rows = [
        ("makespan", predicted.makespan, real.makespan),
        ("latency p50", predicted.latency_p50, real.latency_p50),
        ("latency p95", predicted.latency_p95, real.latency_p95),
        ("latency p99", predicted.latency_p99, real.latency_p99),
    ];
    for (label, p, r) in time_rows {
        let (pf, rf) = (p.as_ms_f64(), r.as_ms_f64());
        writeln!(
            out,
            "{label:<18}{:>16}{:>16}{:>12}",
            ms(p),
            ms(r),
            change(pf, rf)
        )?;
    }
    writeln!(
        out,
        "{:<18}{:>16}{:>16}{:>12}",
        "efficiency",
        percent(predicted.efficiency()),
        percent(real.efficiency()),
        change(predicted.efficiency(), real.efficiency())
    )?;
    let count_rows = [
        ("tasks done", predicted.tasks_done, real.tasks_done),
        ("steals", predicted.steals, real.steals),
        ("leaked", predicted.leaked, real.leaked),
        ("cut off", predicted.cut_off, real.cut_off),
    ];
    for (label, p, r) in count_rows {
        writeln!(
            out,
            "{label:<18}{p:>16}{r:>16}{:>12}",
            change(f64::from(p), f64::from(r))
        )?;
    }
    let workers = |m: &Metrics| {
        m.per_worker_tasks
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    };
    writeln!(out, "\ntasks per worker, predicted: {}", workers(predicted))?;
    writeln!(out, "tasks per worker, real:      {}", workers(real))
}
