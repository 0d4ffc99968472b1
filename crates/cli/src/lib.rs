//! gobalance-cli: the commands behind the `gobalance` binary (run, real, sweep, trace, code, help), over gobalance-core and gobalance-real.
//!
//! The binary only calls [`main`]. Each command reads a scenario link with
//! `gobalance_core::link`, runs the simulator, and writes to the `Write` it
//! is given; every failure becomes a [`Failure`] with exit status 2.
//! Architecture Invariant: nothing here simulates or measures; numbers come
//! from the core, and this crate only formats them.

pub mod args;
pub mod fail;
pub mod format;
pub mod help;
pub mod program;
pub mod real;
pub mod report;
pub mod sweep;

use args::{Cli, Command};
use clap::{CommandFactory, FromArgMatches};
use fail::{Failure, STATUS_ERROR};
use gobalance_core::chrome_trace;
use gobalance_core::link::{self, Link, View};
use gobalance_core::time::GoDuration;
use gobalance_core::{Nanos, Run, Scenario, Strategy};
use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

/// A trace larger than this is refused: viewers choke on it, and holding
/// its events takes gigabytes. Ten million events is about a gigabyte of JSON.
pub const TRACE_EVENTS_MAX: u64 = 10_000_000;

/// The most a run's timeline may hold for `gobalance trace`: a run of tens
/// of millions of tasks.
pub const TRACE_KEPT_BYTES_MAX: usize = 1 << 30;

/// Runs the command line `args` (the program name first) and says how it ended.
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let args: Vec<OsString> = args.into_iter().collect();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = if args.len() <= 1 {
        // No arguments: the same as `gobalance help`.
        write_help(&mut out)
    } else {
        match command()
            .try_get_matches_from(&args)
            .and_then(|matches| Cli::from_arg_matches(&matches))
        {
            Ok(cli) => dispatch(cli.command, &mut out),
            Err(error) => {
                // clap prints help and version to stdout (status 0) and usage errors to stderr (status 2).
                drop(out);
                let _ = error.print();
                return ExitCode::from(error.exit_code().clamp(0, 255) as u8);
            }
        }
    };
    match result.and_then(|()| out.flush().map_err(Failure::from)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) if failure.is_broken_pipe() => ExitCode::SUCCESS,
        Err(Failure::GoProgram { status }) => ExitCode::from(status),
        Err(failure) => {
            let _ = writeln!(io::stderr(), "gobalance: {failure}");
            ExitCode::from(STATUS_ERROR)
        }
    }
}

/// The clap command, with the link fields after `--help`.
pub fn command() -> clap::Command {
    Cli::command()
        .after_help(
            "Run `gobalance help` for every link field, with its range, default and meaning.",
        )
        .after_long_help(help::long_help())
}

fn dispatch(command: Command, out: &mut dyn Write) -> Result<(), Failure> {
    match command {
        Command::Run {
            link,
            json,
            program: Some(path),
        } => {
            let scenario = match &link {
                Some(link) => scenario_of(link)?,
                None => Scenario::default(),
            };
            let canonical = canonical_link(&scenario);
            program::run_file(&path, &scenario, &canonical, json, out)
        }
        Command::Run {
            link,
            json,
            program: None,
        } => {
            let link = link_of(link.as_deref().unwrap_or_default())?;
            match &link.view.program {
                // A share link with the learner's program runs that program, as the page does.
                Some(packed) => {
                    let source = gobalance_lang::share::unpack(packed).map_err(Failure::Input)?;
                    let canonical = canonical_link(&link.scenario);
                    program::run_text(&source, "main.go", &link.scenario, &canonical, json, out)
                }
                None => run(&link.scenario, json, out),
            }
        }
        Command::Real {
            link,
            threads,
            compare,
            json,
        } => {
            let mut scenario = scenario_of(&link)?;
            if let Some(threads) = threads {
                scenario.machine.cores = threads;
            }
            let canonical = canonical_link(&scenario);
            let predicted = simulate(&scenario, false)?;
            let format = match (json, compare) {
                (true, _) => real::Format::Json,
                (false, true) => real::Format::Compare,
                (false, false) => real::Format::Table,
            };
            real::real(&scenario, &canonical, &predicted.metrics, format, out)
        }
        Command::Sweep {
            link,
            workers,
            json,
        } => {
            let scenario = scenario_of(&link)?;
            if scenario.strategy.worker_count().is_none() {
                let _ = writeln!(
                    io::stderr(),
                    "gobalance: note: strategy={} does not read `workers`, so every row runs the same program",
                    scenario.strategy.key()
                );
            }
            let rows = sweep::sweep(&scenario, &workers, |s| {
                Ok((canonical_link(s), simulate(s, false)?))
            })?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &rows).map_err(io::Error::from)?;
                writeln!(out)?;
            } else {
                sweep::write_table(out, &rows)?;
            }
            Ok(())
        }
        Command::Trace {
            link,
            program,
            output,
            from,
            to,
        } => {
            let window = chrome_trace::Window {
                from: from.unwrap_or(Nanos::ZERO),
                to: to.unwrap_or(chrome_trace::Window::ALL.to),
            };
            let link = match &link {
                Some(link) => link_of(link)?,
                None => Link::default(),
            };
            let source = match (program, &link.view.program) {
                (Some(path), _) => Some((
                    std::fs::read_to_string(&path).map_err(|e| {
                        Failure::Input(format!("cannot read {}: {e}", path.display()))
                    })?,
                    path.to_string_lossy().into_owned(),
                )),
                (None, Some(packed)) => Some((
                    gobalance_lang::share::unpack(packed).map_err(Failure::Input)?,
                    "main.go".to_owned(),
                )),
                (None, None) => None,
            };
            let recorded = match &source {
                Some((src, file_name)) => Some(program::record(src, file_name, &link.scenario)?),
                None => None,
            };
            trace(&link.scenario, recorded, output.as_deref(), window, out)
        }
        Command::Code {
            strategy,
            standalone: true,
        } => {
            // A bare strategy name means its default scenario.
            let scenario = match Strategy::from_key(&strategy) {
                Some(strategy) => Scenario {
                    strategy,
                    ..Scenario::default()
                },
                None => scenario_of(&strategy)?,
            };
            let predicted = simulate(&scenario, false)?.metrics.makespan;
            let source = gobalance_core::standalone::main_go(
                &scenario,
                Some(predicted),
                &gobalance_core::standalone::WORK_SOURCES,
            );
            write!(out, "{source}")?;
            Ok(())
        }
        Command::Code {
            strategy,
            standalone: false,
        } => {
            let strategy = strategy_of(&strategy)?;
            let source = gobalance_core::program::display_source(
                gobalance_core::strategies::go_source(strategy),
            );
            writeln!(out, "{source}")?;
            Ok(())
        }
        Command::Help => write_help(out),
    }
}

fn write_help(out: &mut dyn Write) -> Result<(), Failure> {
    write!(out, "{}", command().render_long_help())?;
    Ok(())
}

fn run(scenario: &Scenario, json: bool, out: &mut dyn Write) -> Result<(), Failure> {
    let canonical = canonical_link(scenario);
    // The table needs no events: the metrics and the trace hash are folded as the run goes.
    let run = simulate(&scenario, false)?;
    if json {
        let report = report::RunReport {
            scenario: &scenario,
            link: &canonical,
            metrics: &run.metrics,
            trace_hash: Some(run.trace_hash),
        };
        serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
        writeln!(out)?;
    } else {
        report::write_table(
            out,
            &scenario,
            &canonical,
            &run.metrics,
            Some(run.trace_hash),
        )?;
    }
    Ok(())
}

/// Writes the Chrome trace of `scenario`'s run, or of a program's run
/// recorded on it (its events and outcome), or of its `window`. The run is
/// kept as a compact timeline (a few bytes an event), so a window of a run
/// of millions of events is written without its whole trace in memory.
fn trace(
    scenario: &Scenario,
    recorded: Option<(Vec<gobalance_core::Event>, gobalance_core::Outcome)>,
    output: Option<&Path>,
    window: chrome_trace::Window,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    if window.from > window.to {
        return Err(Failure::Input(format!(
            "--from: got {}, after --to ({}); the window must start before it ends",
            window.from, window.to
        )));
    }
    let canonical = canonical_link(scenario);
    let (run, timeline) = match recorded {
        Some((events, outcome)) => gobalance_core::replay_to_timeline_watched(
            scenario,
            events,
            outcome,
            TRACE_KEPT_BYTES_MAX,
            (),
        )
        .map(|(run, timeline, ())| (run, timeline)),
        None => gobalance_core::simulate_to_timeline(scenario, None, TRACE_KEPT_BYTES_MAX),
    }
    .map_err(|error| Failure::simulation(error, canonical.clone()))?;
    let Some(timeline) = timeline else {
        return Err(Failure::Input(format!(
            "the run's timeline would hold more than {} MB, more than `gobalance trace` \
             keeps; try fewer tasks (`gobalance run` shows a run of any size)",
            TRACE_KEPT_BYTES_MAX >> 20
        )));
    };
    if window.from > timeline.end_time() {
        return Err(Failure::Input(format!(
            "--from: got {}, after the run's last event at {}; choose a time within the run",
            window.from,
            // Go's form: the end is rarely a whole unit (`301.008025ms`, not `301008025ns`).
            GoDuration(timeline.end_time())
        )));
    }
    let before = match window.from.0.checked_sub(1) {
        Some(last_outside) => timeline.count_at_or_before(Nanos(last_outside)),
        None => 0,
    };
    let in_window = timeline.count_at_or_before(window.to) - before;
    if in_window > TRACE_EVENTS_MAX {
        let whole = window == chrome_trace::Window::ALL;
        return Err(Failure::Input(format!(
            "the {} has {in_window} events, more than the {TRACE_EVENTS_MAX} a trace viewer \
             takes; {}",
            if whole { "run" } else { "window" },
            if whole {
                "write a part of it with --from and --to (`gobalance run` shows a run of any size)"
            } else {
                "choose a shorter window with --from and --to"
            }
        )));
    }
    let info = chrome_trace::TraceInfo {
        scenario,
        link: &canonical,
        trace_hash: run.trace_hash,
        generator: "gobalance trace",
    };
    let events = || timeline.events_from(0);
    match output {
        Some(path) if path != Path::new("-") => {
            let io_failure = |error| Failure::Io {
                target: path.display().to_string(),
                error,
            };
            let file = File::create(path).map_err(io_failure)?;
            let written =
                chrome_trace::write_window_io(BufWriter::new(file), &info, events, window)
                    .map_err(io_failure)?;
            let _ = writeln!(
                io::stderr(),
                "wrote {written} trace events ({in_window} simulator events) to {}; \
                 open it in Perfetto (ui.perfetto.dev) or chrome://tracing",
                path.display()
            );
        }
        _ => {
            chrome_trace::write_window_io(&mut *out, &info, events, window)?;
        }
    }
    Ok(())
}

/// Reads a link, refusing it with every problem, one a line.
fn scenario_of(argument: &str) -> Result<Scenario, Failure> {
    link_of(argument).map(|link| link.scenario)
}

fn link_of(argument: &str) -> Result<link::Link, Failure> {
    let text = link_text(argument)?;
    link::parse(&text).map_err(|errors| {
        Failure::Input(format!(
            "{errors}\n(`gobalance help` lists every link field with its range)"
        ))
    })
}

/// The link an argument gives: itself, or read from standard input (`-`) or
/// a file (`@path`). A link can be longer than Linux lets one argument be
/// (128 KiB): 10,000 durations are about 160 KB.
fn link_text(argument: &str) -> Result<String, Failure> {
    let (source, reader): (String, Box<dyn io::Read>) = if argument == "-" {
        ("standard input".to_owned(), Box::new(io::stdin()))
    } else if let Some(path) = argument.strip_prefix('@') {
        let file = File::open(path).map_err(|error| {
            Failure::Input(format!("link: cannot read the file `{path}`: {error}"))
        })?;
        (format!("the file `{path}`"), Box::new(file))
    } else {
        return Ok(argument.to_owned());
    };
    // One byte past the parser's limit is enough for it to refuse the link
    // by its length, and a huge file is never read whole.
    let mut bytes = Vec::new();
    let limit = link::LINK_LEN_MAX as u64 + 1;
    io::Read::read_to_end(&mut io::Read::take(reader, limit), &mut bytes)
        .map_err(|error| Failure::Input(format!("link: cannot read {source}: {error}")))?;
    String::from_utf8(bytes).map_err(|_| {
        Failure::Input(format!(
            "link: {source} is not UTF-8 text, as a link must be"
        ))
    })
}

/// The link that reproduces `scenario`, without the page's view state.
fn canonical_link(scenario: &Scenario) -> String {
    link::to_query(&Link {
        scenario: scenario.clone(),
        view: View::default(),
    })
}

fn simulate(scenario: &Scenario, record: bool) -> Result<Run, Failure> {
    gobalance_core::simulate_with(scenario, record, None)
        .map_err(|error| Failure::simulation(error, canonical_link(scenario)))
}

/// A strategy name (`steal`), or a link whose strategy to take.
fn strategy_of(text: &str) -> Result<Strategy, Failure> {
    if let Some(strategy) = Strategy::from_key(text) {
        return Ok(strategy);
    }
    // The link parser says what is allowed and suggests the closest name.
    let link = if text.contains('=') || text == "-" || text.starts_with('@') {
        text.to_string()
    } else {
        format!("strategy={text}")
    };
    scenario_of(&link).map(|scenario| scenario.strategy)
}
