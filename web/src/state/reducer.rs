//! Every [`Action`] the page reports, and how it changes the state's groups: the one place a state changes.

use std::rc::Rc;

use gobalance_core::link::{Link, LinkErrors};
use gobalance_core::{Nanos, Strategy};
use yew::Reducible;

use crate::program::Report;
use crate::program_worker::ProgramText;
use crate::session::Session;
use crate::sim::{Seen, SweepPoint};
use crate::state::compare::Toggled;
use crate::state::playback::steps;
use crate::state::{
    Job, JumpTo, Program, RealResult, RealStatus, RunState, Shared, Speed, State, SweepState,
    Threads, ThreadsOff,
};

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    IsolationChecked {
        isolated: bool,
    },
    PoolStarting {
        requested: u32,
    },
    PoolStarted {
        count: u32,
    },
    PoolFailed {
        message: String,
    },
    JobStarted {
        limit: u32,
    },
    JobFinished {
        primes: u32,
        elapsed_ms: u32,
    },

    /// A link was opened (the address changed by hand or by history).
    LinkOpened {
        link: Link,
        errors: LinkErrors,
    },
    /// A parameter field changed: `key` is its link key, `text` its new text.
    Edit {
        key: String,
        text: String,
    },
    /// Adds the strategy to the compare set or removes it.
    ToggleCompare(Strategy),
    DismissBanner,
    /// Runs the scenario again (after a cancel).
    Rerun,

    RunStarted {
        generation: u64,
    },
    RunProgress {
        generation: u64,
        seen: Seen,
    },
    RunFinished {
        generation: u64,
        session: Shared<Session>,
    },
    RunFailed {
        generation: u64,
        message: String,
    },
    RunCancelled {
        generation: u64,
    },
    RunRefused {
        generation: u64,
        message: String,
    },

    /// Opens the editor on this strategy's program (the column on show), or the one already there.
    EditProgram(Strategy),
    /// The learner changed the program's text.
    ProgramChanged(String),
    /// Closes the editor: the strategy's built-in program runs again.
    CloseProgram,
    /// The program worker's report on the current program's run.
    ProgramReported {
        generation: u64,
        report: Shared<Report>,
    },
    /// The program worker refused the current program (a link's `prog` that does not unpack).
    ProgramRefused {
        generation: u64,
        message: String,
    },
    /// The current program does not compile (its report says why).
    ProgramDoesNotCompile {
        generation: u64,
    },

    TogglePlay,
    Pause,
    StepForward,
    StepBack,
    Seek(u64),
    SeekTime(Nanos),
    Home,
    End,
    Jump(JumpTo),
    SetSpeed(u8),
    Faster,
    Slower,
    /// An animation frame `dt_ms` after the previous one.
    Tick {
        dt_ms: f64,
    },
    /// Selects a goroutine, or clears the selection when it is already selected.
    ToggleSelect(u32),
    Focus(usize),
    ToggleHelp,
    CloseHelp,

    /// A sweep asked for: simulated, or also run for real (`real`).
    SweepRequested {
        real: bool,
    },
    SweepProgress {
        request: u64,
        done: u32,
        total: u32,
    },
    SweepFinished {
        request: u64,
        points: Vec<SweepPoint>,
    },
    SweepFailed {
        request: u64,
        message: String,
    },

    RealRequested,
    RealProgress {
        request: u64,
        tasks_ended: u32,
    },
    RealFinished {
        request: u64,
        result: Shared<RealResult>,
    },
    RealFailed {
        request: u64,
        message: String,
    },
}

impl State {
    /// Applies one action; the `Reducible` impl only wraps this for Yew.
    pub fn apply(mut self, action: Action) -> State {
        // The playback moves read the loaded session; it lives in `run`, a
        // field apart from `playback`, so both can be borrowed at once.
        let session = self.run.status.session().map(|s| &**s);
        let len = steps(session);
        let playback = &mut self.playback;
        match action {
            Action::IsolationChecked { isolated } => self.boot.isolation_checked(isolated),
            Action::PoolStarting { requested } => {
                self.boot.threads = Threads::Starting { requested };
            }
            Action::PoolStarted { count } => {
                self.boot.threads = Threads::Running { count };
            }
            Action::PoolFailed { message } => {
                self.boot.threads = Threads::Off(ThreadsOff::StartFailed { message });
            }
            Action::JobStarted { limit } => {
                self.boot.job = Job::Running { limit };
            }
            Action::JobFinished { primes, elapsed_ms } => {
                self.boot.job_finished(primes, elapsed_ms);
            }

            Action::LinkOpened { link, errors } => {
                // A new page on the same threads, whose results outdate the old page's.
                let mut opened = State::from_link(link, errors);
                opened.boot = self.boot;
                opened.run.generation = self.run.generation + 1;
                return opened;
            }
            Action::Edit { key, text } => {
                if self.run.edit(&key, &text) {
                    self.rerun();
                }
            }
            Action::ToggleCompare(strategy) => {
                match self.compare.toggle(self.run.scenario.strategy, strategy) {
                    Toggled::Unchanged => {}
                    Toggled::Changed => self.rerun(),
                    Toggled::Alone(only) => {
                        self.run.show_strategy(only);
                        self.rerun();
                    }
                }
            }
            Action::DismissBanner => self.opened.banner_open = false,
            Action::Rerun => self.rerun(),

            Action::RunStarted { generation } if self.run.is_current(generation) => {
                self.run.status = RunState::Running(Seen::default());
            }
            Action::RunProgress { generation, seen } if self.run.is_current(generation) => {
                self.run.progress(seen);
            }
            Action::RunFinished {
                generation,
                session,
            } if self.run.is_current(generation) => {
                self.playback.loaded(&session);
                self.run.status = RunState::Ready(session);
            }
            Action::RunFailed {
                generation,
                message,
            } if self.run.is_current(generation) => self.run.status = RunState::Failed(message),
            Action::RunCancelled { generation } if self.run.is_current(generation) => {
                self.run.status = RunState::Cancelled;
            }
            Action::RunRefused {
                generation,
                message,
            } if self.run.is_current(generation) => self.run.status = RunState::Refused(message),
            Action::RunStarted { .. }
            | Action::RunProgress { .. }
            | Action::RunFinished { .. }
            | Action::RunFailed { .. }
            | Action::RunCancelled { .. }
            | Action::RunRefused { .. } => {}

            Action::EditProgram(strategy) => {
                if !self.program.is_open() {
                    let source = Program::built_in(strategy);
                    self.program.text = Some(ProgramText::Source(source));
                    self.rerun();
                }
            }
            Action::ProgramChanged(source) => {
                if self.program.source() != Some(source.as_str()) {
                    self.program.text = Some(ProgramText::Source(source));
                    self.rerun();
                }
            }
            Action::CloseProgram => {
                self.program = Program::default();
                self.rerun();
            }
            Action::ProgramReported { generation, report } => {
                if self.run.is_current(generation) {
                    self.program.reported(report);
                }
            }
            Action::ProgramRefused {
                generation,
                message,
            } => {
                if self.run.is_current(generation) {
                    self.program.unpack_failed(self.run.scenario.strategy);
                    self.run.status = RunState::Failed(message);
                }
            }
            Action::ProgramDoesNotCompile { generation } => {
                if self.run.is_current(generation) {
                    self.run.status = RunState::DoesNotCompile;
                }
            }

            Action::TogglePlay => playback.toggle_play(session),
            Action::Pause => playback.playing = false,
            Action::StepForward => playback.stop_at(playback.playhead + 1, session),
            Action::StepBack => playback.stop_at(playback.playhead.saturating_sub(1), session),
            Action::Seek(k) => playback.seek(k, session),
            Action::SeekTime(t) => playback.seek_time(t, session),
            Action::Home => playback.stop_at(0, session),
            Action::End => playback.stop_at(len, session),
            Action::Jump(kind) => playback.jump(kind, session),
            Action::SetSpeed(level) => playback.speed = Speed::new(level),
            Action::Faster => playback.speed = Speed::new(playback.speed.level() + 1),
            Action::Slower => {
                playback.speed = Speed::new(playback.speed.level().saturating_sub(1));
            }
            Action::Tick { dt_ms } => playback.tick(dt_ms, session),
            Action::ToggleSelect(g) => playback.toggle_select(g),
            Action::Focus(column) => self.compare.focus = column,
            Action::ToggleHelp => self.help_open = !self.help_open,
            Action::CloseHelp => self.help_open = false,

            Action::SweepRequested { real } => self.sweep.requested(real),
            Action::SweepProgress {
                request,
                done,
                total,
            } => self
                .sweep
                .report(request, SweepState::Running { done, total }),
            Action::SweepFinished { request, points } => {
                self.sweep.report(request, SweepState::Ready(points));
            }
            Action::SweepFailed { request, message } => {
                self.sweep.report(request, SweepState::Failed(message));
            }

            Action::RealRequested => self.real.requested(self.run.scenario.workload.tasks),
            Action::RealProgress {
                request,
                tasks_ended,
            } => {
                if let RealStatus::Running { tasks, .. } = self.real.status {
                    self.real
                        .report(request, RealStatus::Running { tasks_ended, tasks });
                }
            }
            Action::RealFinished { request, result } => {
                self.real.report(request, RealStatus::Ready(result));
            }
            Action::RealFailed { request, message } => {
                self.real.report(request, RealStatus::Failed(message));
            }
        }
        self
    }

    /// What to simulate changed: start over, from the first step.
    fn rerun(&mut self) {
        self.run.restart();
        self.playback.restart();
        self.sweep.forget();
        self.real.forget();
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new((*self).clone().apply(action))
    }
}
