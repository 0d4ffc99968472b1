//! `gobalance run`: one scenario's metrics, as a table for people or one JSON object for scripts.

use crate::format::{bytes, hash, ms, percent};
use gobalance_core::{Metrics, Nanos, Run, Scenario};
use serde::Serialize;
use std::io::{self, Write};

/// A table longer than this shows its first rows and a summary, so one
/// goroutine per task (the unbounded strategy) does not scroll a million lines.
const TABLE_ROWS_MAX: usize = 32;
/// Label column of the key/value lines.
const LABEL_WIDTH: usize = 18;

/// The JSON form of a run. Times are milliseconds as floats, for plotting;
/// the trace hash is the exact fingerprint to compare runs by.
#[derive(Debug, Serialize)]
pub struct RunReport {
    /// The canonical link of the scenario that ran.
    pub scenario: String,
    pub strategy: &'static str,
    pub makespan_ms: f64,
    pub lower_bound_ms: f64,
    pub efficiency: f64,
    pub throughput_per_s: f64,
    pub tasks_done: u32,
    pub tasks_failed: u32,
    /// Tasks each worker ran, in worker order.
    pub per_worker: Vec<u32>,
    /// Time each worker spent inside tasks, in worker order.
    pub busy_ms: Vec<f64>,
    /// Each P's busy share of the makespan, 0 to 1.
    pub per_p_utilization: Vec<f64>,
    pub latency_ms_p50: f64,
    pub latency_ms_p95: f64,
    pub latency_ms_p99: f64,
    /// The strategy's goroutines alive at once, `main` not counted.
    pub peak_goroutines: u32,
    pub peak_memory_bytes: u64,
    pub peak_queue_depth: u32,
    pub steals: u32,
    pub stolen_tasks: u32,
    pub runtime_steals: u32,
    pub preemptions: u32,
    pub leaked: u32,
    /// Goroutines still working when main returned (their work is lost, they were not stuck).
    pub cut_off: u32,
    /// Tickers nothing stopped (time.Tick) still running when main returned.
    pub leaked_tickers: u32,
    /// Results a fan-in handed on after a higher-numbered one.
    pub out_of_order: u32,
    pub events: u64,
    /// The hash of every event, as 16 hex digits.
    pub trace_hash: String,
}

impl RunReport {
    pub fn new(scenario: &Scenario, link: String, run: &Run) -> RunReport {
        let m = &run.metrics;
        RunReport {
            scenario: link,
            strategy: scenario.strategy.key(),
            makespan_ms: m.makespan.as_ms_f64(),
            lower_bound_ms: m.lower_bound.as_ms_f64(),
            efficiency: m.efficiency(),
            throughput_per_s: m.throughput_per_s(),
            tasks_done: m.tasks_done,
            tasks_failed: m.tasks_failed,
            per_worker: m.per_worker_tasks.clone(),
            busy_ms: m.per_worker_busy.iter().map(|b| b.as_ms_f64()).collect(),
            per_p_utilization: m
                .per_p_utilization_permille()
                .iter()
                .map(|&u| f64::from(u) / 1000.0)
                .collect(),
            latency_ms_p50: m.latency_p50.as_ms_f64(),
            latency_ms_p95: m.latency_p95.as_ms_f64(),
            latency_ms_p99: m.latency_p99.as_ms_f64(),
            peak_goroutines: m.peak_goroutines,
            peak_memory_bytes: m.peak_memory_bytes,
            peak_queue_depth: m.peak_queue_depth,
            steals: m.steals,
            stolen_tasks: m.stolen_tasks,
            runtime_steals: m.runtime_steals,
            preemptions: m.preemptions,
            leaked: m.leaked,
            cut_off: m.cut_off,
            leaked_tickers: m.leaked_tickers,
            out_of_order: m.out_of_order,
            events: m.events,
            trace_hash: hash(run.trace_hash),
        }
    }
}

/// Writes the metrics table: the headline numbers, then per worker and per P.
pub fn write_table(
    out: &mut dyn Write,
    scenario: &Scenario,
    link: &str,
    run: &Run,
) -> io::Result<()> {
    let m = &run.metrics;
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
    line(out, "trace hash", hash(run.trace_hash))?;
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
