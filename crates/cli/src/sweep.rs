//! `gobalance sweep`: the same scenario at several worker counts, one row each, run without recording traces.

use crate::fail::Failure;
use crate::format::{hash, ms, percent};
use gobalance_core::scenario::limits::WORKERS_MAX;
use gobalance_core::{Run, Scenario};
use serde::Serialize;
use std::io::{self, Write};

/// At most this many worker counts in one sweep: enough for any curve, and a
/// typo such as `1..100000` is refused instead of running for an hour.
pub const COUNTS_MAX: usize = 1024;

/// Width of the makespan bar, in characters, for the longest makespan.
const BAR_WIDTH: usize = 24;

/// The worker counts of `--workers`, in the order given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkerCounts(pub Vec<u32>);

/// Reads `1..32` (inclusive, as people mean it; `1..=32` also works),
/// `1,2,4,8`, or a mix such as `1..4,8,16`.
pub fn parse_worker_counts(text: &str) -> Result<WorkerCounts, String> {
    let mut counts = Vec::new();
    for item in text.split(',').map(str::trim) {
        let (first, last) = match item.split_once("..") {
            Some((first, last)) => {
                let last = last.strip_prefix('=').unwrap_or(last);
                (count(first)?, count(last)?)
            }
            None => {
                let n = count(item)?;
                (n, n)
            }
        };
        if first > last {
            return Err(format!(
                "the range `{item}` runs backwards; write it from low to high"
            ));
        }
        if counts.len() + (last - first) as usize + 1 > COUNTS_MAX {
            return Err(format!("at most {COUNTS_MAX} worker counts in one sweep"));
        }
        counts.extend(first..=last);
    }
    Ok(WorkerCounts(counts))
}

fn count(text: &str) -> Result<u32, String> {
    let allowed = format!("a worker count is a whole number from 1 to {WORKERS_MAX}");
    match text.trim().parse::<u32>() {
        Ok(n) if (1..=WORKERS_MAX).contains(&n) => Ok(n),
        _ => Err(format!(
            "got `{text}`: {allowed} (lists: `1..32`, `1,2,4,8`)"
        )),
    }
}

/// One worker count's result.
#[derive(Debug, Serialize)]
pub struct SweepRow {
    pub workers: u32,
    /// The canonical link of this row's scenario.
    pub scenario: String,
    pub makespan_ms: f64,
    pub lower_bound_ms: f64,
    pub efficiency: f64,
    pub throughput_per_s: f64,
    pub peak_goroutines: u32,
    pub peak_memory_bytes: u64,
    pub steals: u32,
    pub leaked: u32,
    pub trace_hash: String,
    #[serde(skip)]
    makespan: gobalance_core::Nanos,
}

impl SweepRow {
    pub fn new(workers: u32, link: String, run: &Run) -> SweepRow {
        let m = &run.metrics;
        SweepRow {
            workers,
            scenario: link,
            makespan_ms: m.makespan.as_ms_f64(),
            lower_bound_ms: m.lower_bound.as_ms_f64(),
            efficiency: m.efficiency(),
            throughput_per_s: m.throughput_per_s(),
            peak_goroutines: m.peak_goroutines,
            peak_memory_bytes: m.peak_memory_bytes,
            steals: m.steals,
            leaked: m.leaked,
            trace_hash: hash(run.trace_hash),
            makespan: m.makespan,
        }
    }
}

/// Runs `scenario` once per count, `simulate` doing each run. The count
/// set is the strategy's own (`max_workers` for dynamic scaling), as on the page.
pub fn sweep(
    scenario: &Scenario,
    counts: &WorkerCounts,
    mut simulate: impl FnMut(&Scenario) -> Result<(String, Run), Failure>,
) -> Result<Vec<SweepRow>, Failure> {
    let swept = scenario.strategy.swept_count();
    let mut rows = Vec::with_capacity(counts.0.len());
    for &workers in &counts.0 {
        let mut s = scenario.clone();
        swept.set(&mut s, workers);
        let (link, run) = simulate(&s)?;
        rows.push(SweepRow::new(workers, link, &run));
    }
    Ok(rows)
}

/// One line per worker count, with a bar of the makespan so the curve shows.
pub fn write_table(out: &mut dyn Write, rows: &[SweepRow]) -> io::Result<()> {
    writeln!(
        out,
        "{:>8}  {:>14}  {:>10}  {:>12}  {:>15}  makespan",
        "workers", "makespan", "efficiency", "throughput/s", "peak goroutines"
    )?;
    let longest = rows.iter().map(|r| r.makespan.0).max().unwrap_or(0);
    for row in rows {
        let bar = (row.makespan.0 as u128 * BAR_WIDTH as u128)
            .checked_div(longest as u128)
            .unwrap_or(0) as usize;
        writeln!(
            out,
            "{:>8}  {:>14}  {:>10}  {:>12.2}  {:>15}  {}",
            row.workers,
            ms(row.makespan),
            percent(row.efficiency),
            row.throughput_per_s,
            row.peak_goroutines,
            "█".repeat(bar.max(1))
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_inclusive_and_mix_with_lists() {
        assert_eq!(
            parse_worker_counts("1..4"),
            Ok(WorkerCounts(vec![1, 2, 3, 4]))
        );
        assert_eq!(
            parse_worker_counts("1..=3"),
            Ok(WorkerCounts(vec![1, 2, 3]))
        );
        assert_eq!(
            parse_worker_counts("1,2, 4,8..9"),
            Ok(WorkerCounts(vec![1, 2, 4, 8, 9]))
        );
    }

    #[test]
    fn bad_counts_say_what_is_allowed() {
        for bad in ["0", "", "x", "4..2", "1..", "1..100000", "-1", "1.5"] {
            let error = parse_worker_counts(bad).expect_err(bad);
            assert!(!error.is_empty(), "{bad}");
        }
        assert!(parse_worker_counts("0").unwrap_err().contains("1 to"));
    }
}
