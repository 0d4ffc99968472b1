//! What the page knows, as a pure reducer tested natively: threads, the scenario and its link, the run, and the playhead.
//!
//! Effects (starting workers, simulating on the pool, animation frames,
//! keyboard, the URL) live in `boot` and `hooks`; they only report what
//! happened as [`Action`]s, so every state the page can show is reachable
//! from a plain unit test. The loaded session is shared behind an `Rc`
//! ([`Shared`]): the reducer reads it (to step, seek and jump) but never
//! changes it.
//!
//! The playhead is a step index into the session (see `session`): step `k`
//! shows the state after `k` events. While playing, a virtual clock advances
//! with real time at the chosen speed and the playhead follows it to the
//! last step at or before that clock.
//!
//! [`State`] is grouped by what changes together, one file a group:
//! `boot` (isolation, threads, the warm-up job), `opened` (what the link
//! said besides its scenario), `run` (the scenario and its simulation),
//! `compare` (the strategies side by side), `playback` (the playhead and
//! everything that moves it), `sweep` (the worker-count sweep), `real` (a
//! run for real on the worker threads beside its prediction), `program`
//! (the learner's own Go program in place of the strategy's). `reducer`
//! holds [`Action`] and applies it to the groups.

use std::ops::Deref;
use std::rc::Rc;

use gobalance_core::link::{Link, LinkErrors};
use gobalance_core::Nanos;

use crate::session::Session;
use crate::sim::Request;

mod boot;
mod compare;
mod opened;
mod playback;
mod program;
mod real;
mod reducer;
mod run;
mod sweep;

pub use boot::{Boot, Isolation, Job, Threads, ThreadsOff};
pub use compare::Compare;
pub use opened::Opened;
pub use playback::{JumpTo, Playback, Speed, FAST_STEPS_PER_FRAME, FRAME_MS_MAX, PLAY_MS};
pub use program::Program;
pub use real::{RealMode, RealResult, RealStatus};
pub use reducer::Action;
pub use run::{Run, RunState};
pub use sweep::{Sweep, SweepState};

/// An `Rc` compared by identity: a session is equal only to itself, so
/// comparing states never walks millions of events.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub boot: Boot,
    pub opened: Opened,
    pub run: Run,
    pub compare: Compare,
    pub playback: Playback,
    pub sweep: Sweep,
    pub real: RealMode,
    /// The learner's own program, when one runs in place of the strategy's.
    pub program: Program,
    pub help_open: bool,
}

impl Default for State {
    fn default() -> State {
        State::from_link(Link::default(), LinkErrors::default())
    }
}

impl State {
    /// The page as a link opens it: its scenario, its view, and what it got wrong.
    pub fn from_link(link: Link, errors: LinkErrors) -> State {
        State {
            boot: Boot::default(),
            opened: Opened::new(link.view.lesson, errors),
            run: Run::new(link.scenario),
            compare: Compare::new(link.view.compare),
            playback: Playback::new(link.view.playhead, link.view.selected),
            sweep: Sweep::default(),
            real: RealMode::default(),
            program: Program::new(link.view.program),
            help_open: false,
        }
    }

    /// What the simulation hook should run now.
    pub fn request(&self) -> Request {
        // The learner's program replaces the strategy's: there is one column.
        let program = self.program.text.clone();
        Request {
            scenario: (*self.run.scenario).clone(),
            compare: match program {
                Some(_) => Vec::new(),
                None => self.compare.strategies.clone(),
            },
            program,
        }
    }

    pub fn session(&self) -> Option<&Shared<Session>> {
        self.run.status.session()
    }

    /// Steps in the loaded session (0 before it loads or when it was not recorded).
    pub fn len(&self) -> u64 {
        playback::steps(self.loaded())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The virtual time every view shows.
    pub fn clock(&self) -> Nanos {
        self.playback.clock(self.loaded())
    }

    /// The loaded session, as the playback functions read it.
    fn loaded(&self) -> Option<&Session> {
        self.session().map(|session| &**session)
    }
}

/// Pages in known states, for the tests of every group.
#[cfg(test)]
mod testing {
    use super::*;
    use crate::sim;
    use gobalance_core::link::parse_lenient;

    /// The default page after `actions`.
    pub(super) fn after(actions: impl IntoIterator<Item = Action>) -> State {
        actions.into_iter().fold(State::default(), State::apply)
    }

    /// A page opened on `link` whose session has loaded.
    pub(super) fn loaded(link: &str) -> State {
        let (link, errors) = parse_lenient(link);
        let state = State::from_link(link, errors);
        let session = sim::session(&state.request(), &sim::Progress::default(), false).unwrap();
        let generation = state.run.generation;
        state.apply(Action::RunFinished {
            generation,
            session: Shared(Rc::new(session)),
        })
    }
}
