//! How a run ends (an [`Outcome`] or a [`SimError`]) and how a caller follows it as it goes ([`Sink`], [`Progress`]).

use crate::time::Nanos;
use crate::trace::Event;
use serde::Serialize;

/// Receives every event as it happens (the recorder, a hasher, a metrics fold).
pub trait Sink {
    fn event(&mut self, event: &Event);
}

/// Watches nothing: a run that nobody watches beside its recorder.
impl Sink for () {
    fn event(&mut self, _: &Event) {}
}

/// How often, in events, the progress callback is asked whether to go on.
pub const PROGRESS_EVERY_EVENTS: u64 = 1 << 16;

/// Called every [`PROGRESS_EVERY_EVENTS`] events with (events, virtual now); returning false cancels the run.
pub type Progress<'a> = &'a mut dyn FnMut(u64, Nanos) -> bool;

/// Why a run could not finish.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum SimError {
    /// Every goroutine is blocked and nothing can wake them: Go would crash with
    /// "all goroutines are asleep - deadlock!".
    Deadlock { at: Nanos },
    /// The program did what Go panics on (send on a closed channel, ...).
    Panic {
        at: Nanos,
        goroutine: u32,
        line: u16,
        message: String,
    },
    /// A limit that keeps runs finite was reached.
    Limit { what: &'static str, limit: u64 },
    /// The caller asked to stop (progress callback returned false).
    Cancelled,
    /// The scenario has out-of-range fields; nothing ran.
    Invalid(Vec<crate::scenario::FieldError>),
}

impl std::fmt::Display for SimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SimError::Deadlock { at } => write!(f, "all goroutines are asleep at {at}: deadlock"),
            SimError::Panic {
                at,
                goroutine,
                line,
                message,
            } => {
                write!(
                    f,
                    "goroutine {goroutine} panicked at {at} (line {line}): {message}"
                )
            }
            SimError::Limit { what, limit } => {
                write!(f, "the run exceeded its limit of {limit} {what}")
            }
            SimError::Cancelled => write!(f, "the run was cancelled"),
            SimError::Invalid(errors) => {
                let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                write!(f, "{}", lines.join("; "))
            }
        }
    }
}

impl std::error::Error for SimError {}

/// How a finished run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// When `main` returned.
    pub end: Nanos,
    pub events: u64,
    /// Goroutines still alive when `main` returned (leaked or cut off).
    pub alive_at_exit: u32,
}
