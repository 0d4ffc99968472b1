//! The learner's own program: whether the editor is open, the program that runs instead of the strategy's (as typed, or packed from a link until the worker unpacks it), and what its last run reported.

use gobalance_core::Strategy;

use crate::program::Report;
use crate::program_worker::ProgramText;
use crate::state::Shared;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Program {
    /// The program that runs in place of the strategy's; `None` runs the strategy.
    pub text: Option<ProgramText>,
    /// What the current program's last run reported.
    pub report: Option<Shared<Report>>,
}

impl Program {
    /// As a link opens it: its `prog`, packed, for the worker to unpack.
    pub fn new(packed: Option<String>) -> Program {
        Program {
            text: packed.map(ProgramText::Packed),
            report: None,
        }
    }

    pub fn is_open(&self) -> bool {
        self.text.is_some()
    }

    /// The program's text for the editor: `None` until a packed one is unpacked.
    pub fn source(&self) -> Option<&str> {
        match &self.text {
            Some(ProgramText::Source(source)) => Some(source),
            _ => None,
        }
    }

    /// The strategy's own Go program, as the editor starts from.
    pub fn built_in(strategy: Strategy) -> String {
        gobalance_core::strategies::go_source(strategy).to_owned()
    }

    /// The link's `prog`: the packed program, once the worker has packed
    /// the text on show (until then, the last one it packed).
    pub fn packed(&self) -> Option<String> {
        match (&self.text, &self.report) {
            (None, _) => None,
            (Some(ProgramText::Packed(packed)), _) => Some(packed.clone()),
            (Some(ProgramText::Source(_)), Some(report)) if !report.packed.is_empty() => {
                Some(report.packed.clone())
            }
            (Some(ProgramText::Source(_)), _) => None,
        }
    }

    /// Whether the program on show compiled and ran to the end (exit status
    /// 0): what a program to fix must do before its goal counts.
    pub fn ran_to_the_end(&self) -> bool {
        match (&self.report, self.source()) {
            (Some(report), Some(source)) => {
                report.compiled && report.status == 0 && report.source == source
            }
            _ => false,
        }
    }

    /// A link's program could not be unpacked: the editor starts from the
    /// strategy's own program instead (the run status says what was wrong).
    pub fn unpack_failed(&mut self, strategy: Strategy) {
        if matches!(self.text, Some(ProgramText::Packed(_))) {
            self.text = Some(ProgramText::Source(Program::built_in(strategy)));
        }
    }

    /// A report of the current program's run: a packed program is now its text.
    pub fn reported(&mut self, report: Shared<Report>) {
        if matches!(self.text, Some(ProgramText::Packed(_))) && !report.source.is_empty() {
            self.text = Some(ProgramText::Source(report.source.clone()));
        }
        self.report = Some(report);
    }
}

#[cfg(test)]
mod tests {
    use crate::program_worker::ProgramText;
    use crate::state::{Action, RunState, State};
    use gobalance_core::link::parse_lenient;

    fn opened_with_a_packed_program() -> State {
        let (link, errors) = parse_lenient("strategy=pool&tasks=4&prog=AAAA");
        State::from_link(link, errors)
    }

    /// A worker that cannot load (offline) keeps the link's program; one
    /// that refuses it (it does not unpack) puts the strategy's in the editor.
    #[test]
    fn only_a_refused_program_is_replaced_by_the_strategys() {
        let state = opened_with_a_packed_program();
        let generation = state.run.generation;
        let failed = state.clone().apply(Action::RunFailed {
            generation,
            message: "the program runner did not load".into(),
        });
        assert_eq!(
            failed.program.text,
            Some(ProgramText::Packed("AAAA".into()))
        );
        assert_eq!(failed.program.packed().as_deref(), Some("AAAA"));

        let refused = state.apply(Action::ProgramRefused {
            generation,
            message: "prog: not a program written by Share".into(),
        });
        assert!(matches!(refused.run.status, RunState::Failed(_)));
        assert!(refused
            .program
            .source()
            .is_some_and(|s| s.contains("package main")));
        assert_eq!(refused.program.packed(), None);
    }
}
