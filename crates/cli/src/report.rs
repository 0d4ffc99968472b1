//! `gobalance run`: one scenario's metrics, as a table for people or one JSON object for scripts.

use crate::format::{bytes, hash, ms, percent};
use gobalance_core::{Metrics, Nanos, Scenario};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::io::{self, Write};

/// A table longer than this shows its first rows and a summary, so one
/// goroutine per task (the unbounded strategy) does not scroll a million lines.
const TABLE_ROWS_MAX: usize = 32;
/// Label column of the key/value lines.
const LABEL_WIDTH: usize = 18;

/// The JSON form of a run, `gobalance run --json`: the one serialized form of
/// [`Metrics`] (core derives none), written field by field from the run, so
/// its names are an interface scripts can rely on whatever core calls them.
/// Times are milliseconds as floats, for plotting; the trace hash is the
/// exact fingerprint to compare runs by.
pub struct RunReport<'a> {
    pub scenario: &'a Scenario,
    /// The canonical link of the scenario that ran.
    pub link: &'a str,
    pub metrics: &'a Metrics,
    /// A simulated run's; a real run has none (its events differ every time).
    pub trace_hash: Option<u64>,
}

impl Serialize for RunReport<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The number of fields written below, a hint for formats that want it.
        const FIELDS: usize = 27;
        let m = self.metrics;
        let mut report = serializer.serialize_struct("RunReport", FIELDS)?;
        report.serialize_field("scenario", self.link)?;
        report.serialize_field("strategy", self.scenario.strategy.key())?;
        report.serialize_field("makespan_ms", &m.makespan.as_ms_f64())?;
        report.serialize_field("lower_bound_ms", &m.lower_bound.as_ms_f64())?;
        report.serialize_field("efficiency", &m.efficiency())?;
        report.serialize_field("throughput_per_s", &m.throughput_per_s())?;
        report.serialize_field("tasks_done", &m.tasks_done)?;
        report.serialize_field("tasks_failed", &m.tasks_failed)?;
        // Tasks each worker ran, and the time it spent inside them, in worker order.
        report.serialize_field("per_worker", &m.per_worker_tasks)?;
        let busy_ms: Vec<f64> = m.per_worker_busy.iter().map(|b| b.as_ms_f64()).collect();
        report.serialize_field("busy_ms", &busy_ms)?;
        // Each P's busy share of the makespan, 0 to 1.
        let per_p_utilization: Vec<f64> = m
            .per_p_utilization_permille()
            .iter()
            .map(|&u| f64::from(u) / 1000.0)
            .collect();
        report.serialize_field("per_p_utilization", &per_p_utilization)?;
        report.serialize_field("latency_ms_p50", &m.latency_p50.as_ms_f64())?;
        report.serialize_field("latency_ms_p95", &m.latency_p95.as_ms_f64())?;
        report.serialize_field("latency_ms_p99", &m.latency_p99.as_ms_f64())?;
        // The strategy's goroutines alive at once, `main` not counted.
        report.serialize_field("peak_goroutines", &m.peak_goroutines)?;
        report.serialize_field("peak_memory_bytes", &m.peak_memory_bytes)?;
        report.serialize_field("peak_queue_depth", &m.peak_queue_depth)?;
        report.serialize_field("steals", &m.steals)?;
        report.serialize_field("stolen_tasks", &m.stolen_tasks)?;
        report.serialize_field("runtime_steals", &m.runtime_steals)?;
        report.serialize_field("preemptions", &m.preemptions)?;
        report.serialize_field("leaked", &m.leaked)?;
        // Goroutines still working when main returned (their work is lost, they were not stuck).
        report.serialize_field("cut_off", &m.cut_off)?;
        // Tickers nothing stopped (time.Tick) still running when main returned.
        report.serialize_field("leaked_tickers", &m.leaked_tickers)?;
        // Results a fan-in handed on after a higher-numbered one.
        report.serialize_field("out_of_order", &m.out_of_order)?;
        report.serialize_field("events", &m.events)?;
        // The hash of every event, as 16 hex digits.
        if let Some(trace_hash) = self.trace_hash {
            report.serialize_field("trace_hash", &hash(trace_hash))?;
        }
        report.end()
    }
}

/// Writes the metrics table: the headline numbers, then per worker and per P.
pub fn write_table(
    out: &mut dyn Write,
    scenario: &Scenario,
    link: &str,
    m: &Metrics,
    trace_hash: Option<u64>,
) -> io::Result<()> {
    let line = |out: &mut dyn Write, label: &str, value: String| {
        writeln!(out, "{label:<LABEL_WIDTH$}{value}")
    };
    writeln!(out, "{}: {link}", scenario.strategy.title())?;
    writeln!(out)?;
    line(out, "makespan", ms(m.makespan))?;
    line(
        out,
        "lower bound",
        format!(
            "{}  (total CPU {} over {} cores, longest task {})",
            ms(m.lower_bound),
            ms(m.total_cpu),
            scenario.machine.cores,
            ms(m.longest_task)
        ),
    )?;
    line(out, "efficiency", percent(m.efficiency()))?;
    line(
        out,
        "throughput",
        format!(
            "{:.2} tasks/s  ({} done, {} failed)",
            m.throughput_per_s(),
            m.tasks_done,
            m.tasks_failed
        ),
    )?;
    line(
        out,
        "latency",
        format!(
            "p50 {}  p95 {}  p99 {}",
            ms(m.latency_p50),
            ms(m.latency_p95),
            ms(m.latency_p99)
        ),
    )?;
    line(
        out,
        "peak goroutines",
        format!("{}  (main not counted)", m.peak_goroutines),
    )?;
    line(out, "peak memory", bytes(m.peak_memory_bytes))?;
    line(out, "peak queue depth", m.peak_queue_depth.to_string())?;
    line(
        out,
        "steals",
        format!("{}  ({} tasks moved)", m.steals, m.stolen_tasks),
    )?;
    line(
        out,
        "runtime steals",
        format!(
            "{}  (goroutines Go's scheduler moved between Ps)",
            m.runtime_steals
        ),
    )?;
    line(out, "preemptions", m.preemptions.to_string())?;
    line(
        out,
        "leaked",
        format!("{}  (blocked forever when main returned)", m.leaked),
    )?;
    line(
        out,
        "cut off",
        format!(
            "{}  (still working when main returned: their work is lost)",
            m.cut_off
        ),
    )?;
    line(out, "leaked tickers", m.leaked_tickers.to_string())?;
    line(
        out,
        "out of order",
        format!("{}  (results handed on after a later one)", m.out_of_order),
    )?;
    line(out, "events", m.events.to_string())?;
    if let Some(trace_hash) = trace_hash {
        line(out, "trace hash", hash(trace_hash))?;
    }
    writeln!(out)?;
    write_workers(out, m)?;
    writeln!(out)?;
    write_processors(out, m)
}

fn write_workers(out: &mut dyn Write, m: &Metrics) -> io::Result<()> {
    let workers = m.per_worker_tasks.len();
    if workers == 0 {
        return writeln!(out, "no worker started a task");
    }
    writeln!(out, "{:>8}  {:>8}  {:>14}", "worker", "tasks", "busy")?;
    for (w, (&tasks, &busy)) in m
        .per_worker_tasks
        .iter()
        .zip(&m.per_worker_busy)
        .enumerate()
        .take(rows_shown(workers))
    {
        writeln!(out, "{w:>8}  {tasks:>8}  {:>14}", ms(busy))?;
    }
    if rows_shown(workers) < workers {
        writeln!(
            out,
            "{:>8}  ({} more workers)",
            "...",
            workers - rows_shown(workers)
        )?;
    }
    let busiest = m.per_worker_busy.iter().copied().max().unwrap_or_default();
    let idlest = m.per_worker_busy.iter().copied().min().unwrap_or_default();
    let total: u64 = m.per_worker_busy.iter().map(|b| b.0).sum();
    let mean = Nanos(total / workers as u64);
    writeln!(
        out,
        "busy per worker: min {}  mean {}  max {}",
        ms(idlest),
        ms(mean),
        ms(busiest)
    )
}

fn write_processors(out: &mut dyn Write, m: &Metrics) -> io::Result<()> {
    let cores = m.per_p_busy.len();
    writeln!(out, "{:>8}  {:>12}  {:>14}", "P", "utilization", "busy")?;
    for (p, (&busy, &permille)) in m
        .per_p_busy
        .iter()
        .zip(&m.per_p_utilization_permille())
        .enumerate()
        .take(rows_shown(cores))
    {
        let utilization = percent(f64::from(permille) / 1000.0);
        writeln!(out, "{p:>8}  {utilization:>12}  {:>14}", ms(busy))?;
    }
    if rows_shown(cores) < cores {
        writeln!(out, "{:>8}  ({} more Ps)", "...", cores - rows_shown(cores))?;
    }
    Ok(())
}

/// All rows of a short table; the first half of the limit of a long one.
fn rows_shown(rows: usize) -> usize {
    if rows <= TABLE_ROWS_MAX {
        rows
    } else {
        TABLE_ROWS_MAX / 2
    }
}
