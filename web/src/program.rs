//! The learner's own Go program as the page holds it: the worker's report (printed lines tied to events, compile errors at their positions, where a run failed) and the replay of its events into a steppable session.

use gobalance_core::{replay_to_timeline_watched, Event, Nanos, Outcome, Scenario};

use crate::gantt::GanttBuilder;
use crate::session::Session;
use crate::sim::{self, Budget};

/// A line the program printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Printed {
    /// Events recorded before it was printed: it shows from that step on.
    pub event: u64,
    pub goroutine: u32,
    pub at: Nanos,
    pub text: String,
}

/// A compile error at its place, as `go build` reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// What running the program reported, besides its events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The program that ran (unpacked, when a link carried it).
    pub source: String,
    /// It packed for a link's `prog`.
    pub packed: String,
    pub stdout: String,
    pub stderr: String,
    /// Whether it compiled (if not, `stderr` holds `go build`'s errors).
    pub compiled: bool,
    /// `go run`'s: 0, 1 when it does not compile, 2 for a panic or deadlock,
    /// or what the program gave `os.Exit`.
    pub status: i32,
    pub printed: Vec<Printed>,
    /// Where a failed run failed: the goroutine and its line.
    pub failed_at: Option<(u32, u32)>,
}

impl Report {
    /// The compile errors in standard error (`main.go:L:C: message` lines).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        if self.compiled {
            return Vec::new();
        }
        self.stderr.lines().filter_map(diagnostic).collect()
    }

    /// The lines printed once `step` events have been shown.
    pub fn printed_by(&self, step: u64) -> &[Printed] {
        let shown = self.printed.partition_point(|p| p.event <= step);
        &self.printed[..shown]
    }

    /// What went wrong, in one line for the page: `go run`'s first line of
    /// standard error with where it happened, or `None` for a run that ended well.
    pub fn failure(&self) -> Option<String> {
        if self.status == 0 || !self.compiled {
            return None;
        }
        // The program's own `println` writes to standard error too: the
        // failure is the runtime's line, or `os.Exit`'s status.
        let runtime_line = self.stderr.lines().find(|l| {
            ["panic: ", "fatal error: ", "runtime: ", "gobalance: "]
                .iter()
                .any(|prefix| l.starts_with(prefix))
        });
        let first = match runtime_line {
            Some(line) => line.to_owned(),
            None => format!("exit status {}", self.status),
        };
        Some(match self.failed_at {
            Some((g, line)) => format!("{first} (goroutine g{g}, line {line})"),
            None => first,
        })
    }
}

/// `main.go:12:5: message` read as a diagnostic; other lines (`too many
/// errors`, a command line's header) are not one.
fn diagnostic(line: &str) -> Option<Diagnostic> {
    let mut parts = line.splitn(4, ':');
    let _file = parts.next()?;
    let line_number = parts.next()?.parse().ok()?;
    let column = parts.next()?.parse().ok()?;
    let message = parts.next()?.trim_start().to_owned();
    Some(Diagnostic {
        line: line_number,
        column,
        message,
    })
}

/// Checks that bytes are events as [`Event::to_bytes`] wrote them, so they
/// can be read one at a time without a second copy of them all.
pub fn check_event_bytes(bytes: &[u8]) -> Result<(), String> {
    if !bytes.len().is_multiple_of(Event::BYTES) {
        return Err(format!(
            "the program's events came back cut short ({} bytes, not a multiple of {})",
            bytes.len(),
            Event::BYTES
        ));
    }
    match events_of(bytes).position(|e| e.is_none()) {
        Some(i) => Err(format!("the program's event {i} is not an event")),
        None => Ok(()),
    }
}

/// The events in checked bytes, one at a time.
fn events_of(bytes: &[u8]) -> impl Iterator<Item = Option<Event>> + '_ {
    bytes
        .chunks_exact(Event::BYTES)
        .map(|chunk| Event::from_bytes(chunk.try_into().expect("chunks_exact gives whole events")))
}

/// The program's run as a session the page steps: its events replayed into
/// a timeline and a chart, as a built-in strategy's run is recorded.
pub fn session(
    scenario: &Scenario,
    event_bytes: &[u8],
    outcome: Outcome,
    budget: &Budget,
) -> Result<Session, String> {
    check_event_bytes(event_bytes)?;
    let events = events_of(event_bytes).flatten();
    let chart = GanttBuilder::new(scenario.machine.cores);
    let (run, timeline, chart) =
        replay_to_timeline_watched(scenario, events, outcome, budget.record_bytes_max, chart)
            .map_err(|error| error.to_string())?;
    Ok(Session::new(vec![sim::loaded(
        scenario, run, timeline, chart, budget,
    )]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compile_errors_are_read_at_their_place() {
        let report = Report {
            status: 1,
            compiled: false,
            stderr: "main.go:6:14: cannot use \"three\" (untyped string constant) as int value in variable declaration\nmain.go:9:2: declared but not used: x\ntoo many errors\n".into(),
            ..Report::default()
        };
        let diagnostics = report.diagnostics();
        assert_eq!(diagnostics.len(), 2);
        assert_eq!((diagnostics[0].line, diagnostics[0].column), (6, 14));
        assert!(diagnostics[0].message.starts_with("cannot use \"three\""));
        assert_eq!(diagnostics[1].message, "declared but not used: x");
        assert_eq!(report.failure(), None);
    }

    #[test]
    fn a_line_shows_once_the_events_before_it_are_shown() {
        let printed = |event, text: &str| Printed {
            event,
            goroutine: 1,
            at: Nanos::ZERO,
            text: text.into(),
        };
        let report = Report {
            printed: vec![
                printed(0, "first"),
                printed(5, "second"),
                printed(5, "third"),
            ],
            ..Report::default()
        };
        assert_eq!(report.printed_by(0).len(), 1);
        assert_eq!(report.printed_by(4).len(), 1);
        assert_eq!(report.printed_by(5).len(), 3);
    }

    #[test]
    fn a_failure_says_where() {
        let report = Report {
            status: 2,
            compiled: true,
            stderr: "a line println wrote\npanic: send on closed channel\n".into(),
            failed_at: Some((7, 12)),
            ..Report::default()
        };
        assert_eq!(
            report.failure().as_deref(),
            Some("panic: send on closed channel (goroutine g7, line 12)")
        );
        // A program's own os.Exit(1) compiled: no compile errors, its status the failure.
        let exited = Report {
            status: 1,
            compiled: true,
            ..Report::default()
        };
        assert!(exited.diagnostics().is_empty());
        assert_eq!(exited.failure().as_deref(), Some("exit status 1"));
    }

    #[test]
    fn bytes_that_are_not_events_are_refused() {
        assert!(check_event_bytes(&[0; 25])
            .unwrap_err()
            .contains("cut short"));
        assert!(check_event_bytes(&[0xff; 24])
            .unwrap_err()
            .contains("event 0"));
        assert_eq!(check_event_bytes(&[]), Ok(()));
    }
}
