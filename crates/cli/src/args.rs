//! The command line's grammar: subcommands and flags, declared with clap's derive API.

use crate::sweep::{parse_worker_counts, WorkerCounts};
use clap::{Parser, Subcommand};
use gobalance_core::Nanos;
use std::path::PathBuf;

/// How each subcommand names the scenario argument in its help.
const LINK_HELP: &str = "The scenario: a link query such as 'strategy=pool&workers=4' (quote it: \
                         the shell ends a command at `&`), a whole share URL, `-` to read it from \
                         standard input, or `@FILE` to read it from a file (for links longer than \
                         one argument may be)";

#[derive(Debug, Parser)]
#[command(
    name = "gobalance",
    version,
    about = "Runs Go programs that balance goroutine workloads in a deterministic simulator.",
    // `help` alone prints everything, the link fields included; see help.rs.
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a scenario and print its metrics; with --program, run a Go file on the simulated runtime.
    Run {
        #[arg(help = LINK_HELP, required_unless_present = "program")]
        link: Option<String>,
        /// A Go program (package main) to run on the simulated runtime, the
        /// link giving the machine, costs, workload and seed (defaults
        /// without one): it prints what the program prints, Go's errors on
        /// standard error, and exits with Go's status (1: it does not
        /// compile, 2: a panic or a deadlock). With --json, standard output
        /// is the run's metrics and the program's output goes to standard error.
        #[arg(long, value_name = "FILE")]
        program: Option<PathBuf>,
        /// Print one JSON object instead of the table.
        #[arg(long)]
        json: bool,
    },
    /// Run a scenario for real on this machine's threads, beside the simulation's prediction.
    Real {
        #[arg(help = LINK_HELP)]
        link: String,
        /// Threads to run on, and cores to predict for; the link's `cores` when left out.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=256))]
        threads: Option<u32>,
        /// Print the prediction, the measurement and their difference side by side.
        #[arg(long)]
        compare: bool,
        /// Print one JSON object: the real run's report, the prediction's, and the difference.
        #[arg(long, conflicts_with = "compare")]
        json: bool,
    },
    /// Run a scenario once per worker count, without recording traces.
    Sweep {
        #[arg(help = LINK_HELP)]
        link: String,
        /// Worker counts (`max_workers` for strategy=dynamic): an inclusive range `1..32`, a list `1,2,4,8`, or both `1..4,8,16`.
        #[arg(long, value_name = "COUNTS", value_parser = parse_worker_counts)]
        workers: WorkerCounts,
        /// Print a JSON array, one object per worker count.
        #[arg(long)]
        json: bool,
    },
    /// Write the run as Chrome trace-event JSON, for Perfetto or chrome://tracing.
    Trace {
        #[arg(help = LINK_HELP, required_unless_present = "program")]
        link: Option<String>,
        /// A Go program (package main) whose run to write, as `run --program`
        /// runs it; a run that panics or deadlocks is written up to where it
        /// stopped. The program's output goes to standard error.
        #[arg(long, value_name = "FILE")]
        program: Option<PathBuf>,
        /// The file to write; standard output when left out or `-`.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Write only what happens from this virtual time on (`20ms`, `1.5s`):
        /// the run is simulated whole and kept compact, the window written.
        #[arg(long, value_name = "TIME", value_parser = parse_time)]
        from: Option<Nanos>,
        /// Write only what happens up to this virtual time (`40ms`).
        #[arg(long, value_name = "TIME", value_parser = parse_time)]
        to: Option<Nanos>,
    },
    /// Print a strategy's Go program (a strategy name, or a link whose strategy to show).
    Code {
        strategy: String,
        /// Print one self-contained main.go instead, the link's scenario as its
        /// flags' defaults: `go run main.go` runs it, with no module or network.
        #[arg(long)]
        standalone: bool,
    },
    /// Print the usage and every link field with its range, default and meaning.
    Help,
}

/// A virtual time as the links write durations: `20ms`, `1.5s`, `250us`, `0`.
fn parse_time(text: &str) -> Result<Nanos, String> {
    gobalance_core::link::parse_duration(text).ok_or_else(|| {
        format!("got `{text}`: a time is a number and a unit, ns, us, ms or s (`20ms`, `1.5s`)")
    })
}
