//! Syntax errors, and the rules by which Go's compiler chooses which of them to print.

use std::fmt;

use crate::token::Pos;

/// One error, as Go's compiler prints it after the file name:
/// `LINE:COL: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: u32,
    pub col: u32,
    pub message: String,
}

impl SyntaxError {
    pub fn new(pos: Pos, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            line: pos.line,
            col: pos.col,
            message: message.into(),
        }
    }

    pub fn pos(&self) -> Pos {
        Pos::new(self.line, self.col)
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

impl std::error::Error for SyntaxError {}

/// How many errors Go's compiler prints before it gives up with
/// `too many errors` (without its `-e` flag).
pub const MAX_REPORTED_ERRORS: usize = 10;

/// The errors of one parse, filtered the way `go build` filters them:
///
/// 1. Of the `syntax error: ...` messages, only the first on a line is kept
///    (later ones on that line are usually consequences of the first).
/// 2. Another message is dropped when the previous such message was the
///    same text on the same line.
/// 3. At the tenth kept error the compiler stops, and adds
///    `too many errors` at that error's position.
/// 4. What is kept is printed sorted by position, exact repeats once.
#[derive(Debug, Default)]
pub(crate) struct Diagnostics {
    kept: Vec<SyntaxError>,
    last_syntax_line: Option<u32>,
    last_other: Option<(u32, String)>,
    /// Every error reported, kept or not: the parser decides some recovery
    /// on whether any error happened at all, as Go's does.
    pub reported: usize,
    /// Set at the tenth kept error, or by a limit of this crate: nothing
    /// after it is looked at.
    pub stopped_at: Option<SyntaxError>,
}

impl Diagnostics {
    pub fn report(&mut self, pos: Pos, message: String) {
        self.reported += 1;
        if self.stopped_at.is_some() {
            return;
        }
        if message.starts_with("syntax error") {
            if self.last_syntax_line == Some(pos.line) {
                return;
            }
            self.last_syntax_line = Some(pos.line);
        } else {
            if matches!(&self.last_other, Some((line, last)) if *line == pos.line && *last == message)
            {
                return;
            }
            self.last_other = Some((pos.line, message.clone()));
        }
        self.kept.push(SyntaxError::new(pos, message));
        if self.kept.len() >= MAX_REPORTED_ERRORS {
            self.stopped_at = Some(SyntaxError::new(pos, "too many errors"));
        }
    }

    /// Stops the parse with an error of this crate's own (a size or depth
    /// limit), which is printed last.
    pub fn stop(&mut self, pos: Pos, message: String) {
        self.reported += 1;
        if self.stopped_at.is_none() {
            self.stopped_at = Some(SyntaxError::new(pos, message));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty() && self.stopped_at.is_none()
    }

    /// The errors in the order Go prints them.
    pub fn into_sorted(self) -> Vec<SyntaxError> {
        let mut errors = self.kept;
        errors.sort_by_key(|e| e.pos());
        errors.dedup();
        errors.extend(self.stopped_at);
        errors
    }
}
