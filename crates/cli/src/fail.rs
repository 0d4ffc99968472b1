//! How a command fails, what it tells the user, and the exit status: 2 for every failure, as ripgrep does.

use gobalance_core::SimError;
use std::fmt;
use std::io;

/// The exit status of bad input and of a failed simulation.
pub const STATUS_ERROR: u8 = 2;

#[derive(Debug)]
pub enum Failure {
    /// Something the user gave is wrong; the message names it, one problem a line.
    Input(String),
    /// The simulated program failed (deadlock, a Go panic, a run limit).
    Simulation { error: SimError, link: String },
    /// A Go program run with `--program` did not compile (1) or panicked or
    /// deadlocked (2): its messages are on standard error already, as Go's.
    GoProgram { status: u8 },
    /// Writing the output failed.
    Io { target: String, error: io::Error },
}

impl Failure {
    /// The reader went away (`gobalance help | head`): not an error worth a word.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Failure::Io { error, .. } if error.kind() == io::ErrorKind::BrokenPipe)
    }

    pub fn simulation(error: SimError, link: String) -> Failure {
        match error {
            // Out-of-range fields are the user's input, reported one a line like link errors.
            SimError::Invalid(errors) => Failure::Input(
                errors
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            error => Failure::Simulation { error, link },
        }
    }
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Failure {
        Failure::Io {
            target: "standard output".into(),
            error,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Input(message) => write!(f, "{message}"),
            Failure::Simulation { error, link } => write!(
                f,
                "the simulation failed: {error}\nreproduce with: gobalance run '{link}'"
            ),
            Failure::GoProgram { status } => {
                write!(f, "the Go program exited with status {status}")
            }
            Failure::Io { target, error } => write!(f, "cannot write {target}: {error}"),
        }
    }
}
