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

use std::ops::Deref;
use std::rc::Rc;

use gobalance_core::link::{Link, LinkErrors};
use gobalance_core::scenario::FieldError;
use gobalance_core::{BlockOn, Event, Kind, Nanos, Scenario, Strategy};
use yew::Reducible;

use crate::params;
use crate::session::Session;
use crate::sim::{Request, Seen, SweepPoint};

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
    pub isolation: Isolation,
    pub threads: Threads,
    pub job: Job,

    /// The scenario every view shows (in compare mode, the shared workload).
    pub scenario: Rc<Scenario>,
    /// Strategies run side by side (2 to 4), or empty.
    pub compare: Vec<Strategy>,
    /// The lesson the link named, kept for the lesson page.
    pub lesson: Option<String>,
    /// What the opened link got wrong; the page runs what it could keep.
    pub link_errors: Vec<FieldError>,
    pub banner_open: bool,
    /// The last refused parameter edit.
    pub edit_error: Option<FieldError>,

    /// Bumped at every change of what to simulate; results of older runs are dropped.
    pub generation: u64,
    pub run: RunState,

    pub playhead: u64,
    /// The link's playhead, applied once its session has loaded.
    pub wanted_playhead: Option<u64>,
    pub selected: Option<u32>,
    pub playing: bool,
    pub speed: Speed,
    /// The virtual time playback has reached (between steps while playing).
    pub play_clock: Nanos,
    /// Steps the last animation frame advanced (0 when not playing).
    pub frame_steps: u64,
    pub help_open: bool,
    /// A short message about the last control used ("no more steals").
    pub notice: Option<String>,
    /// The compare column the timeline and code follow.
    pub focus: usize,

    pub sweep: SweepState,
    /// Bumped when the visitor asks for a sweep; the sweep hook runs one per bump.
    pub sweep_request: u64,
}

/// Whether the page is cross-origin isolated, the browser's condition for
/// `SharedArrayBuffer` and so for threads sharing wasm memory.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Isolation {
    #[default]
    Unknown,
    Isolated,
    NotIsolated,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Threads {
    #[default]
    Checking,
    Starting {
        requested: u32,
    },
    Running {
        count: u32,
    },
    Off(ThreadsOff),
}

impl Threads {
    /// Whether it is known yet where simulations run: on the pool, or (without one) on the page.
    pub fn settled(&self) -> bool {
        matches!(self, Threads::Running { .. } | Threads::Off(_))
    }

    pub fn pool(&self) -> bool {
        matches!(self, Threads::Running { .. })
    }
}

/// Why the page runs without its pool of Web Workers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ThreadsOff {
    NotIsolated,
    StartFailed { message: String },
}

impl ThreadsOff {
    /// One sentence for the visitor: what is missing and who can fix it.
    pub fn explanation(&self) -> String {
        match self {
            ThreadsOff::NotIsolated => {
                "Threads are off: this page is not cross-origin isolated, so \
                 the browser gives it no SharedArrayBuffer for Web Workers to share memory. The \
                 host sends no Cross-Origin-Opener-Policy: same-origin and \
                 Cross-Origin-Embedder-Policy: require-corp headers, and the page's service \
                 worker, which adds them, is not active: this is the first visit, or the \
                 browser refused the worker."
                    .to_owned()
            }
            ThreadsOff::StartFailed { message } => format!("Threads are off: {message}."),
        }
    }
}

/// The warm-up job: counting primes on the pool, to show the threads really run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Job {
    /// Waits for the pool; stays here when threads are off.
    #[default]
    Waiting,
    Running {
        limit: u32,
    },
    Finished {
        limit: u32,
        primes: u32,
        elapsed_ms: u32,
    },
}

/// Where the simulation of the current scenario is.
#[derive(Clone, Debug, PartialEq)]
pub enum RunState {
    /// Waiting to learn whether there is a pool to run on.
    Waiting,
    Running(Seen),
    Ready(Shared<Session>),
    Failed(String),
    Cancelled,
    /// Not run: too large for the page's main thread without a pool.
    Refused(String),
}

impl RunState {
    pub fn session(&self) -> Option<&Shared<Session>> {
        match self {
            RunState::Ready(session) => Some(session),
            _ => None,
        }
    }

    /// The word tests and styles read from `data-state`.
    pub fn word(&self) -> &'static str {
        match self {
            RunState::Waiting => "waiting",
            RunState::Running(_) => "running",
            RunState::Ready(_) => "ready",
            RunState::Failed(_) => "failed",
            RunState::Cancelled => "cancelled",
            RunState::Refused(_) => "refused",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub enum SweepState {
    #[default]
    Idle,
    Running {
        done: u32,
        total: u32,
    },
    Ready(Vec<SweepPoint>),
    Failed(String),
}

/// Playback speed: 1 to 4, each four times the one before.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Speed(u8);

impl Speed {
    pub const MIN: Speed = Speed(1);
    pub const MAX: Speed = Speed(4);

    pub fn new(level: u8) -> Speed {
        Speed(level.clamp(Speed::MIN.0, Speed::MAX.0))
    }

    pub fn level(self) -> u8 {
        self.0
    }

    /// How much faster than the normal pace (a whole run in [`PLAY_MS`]).
    pub fn factor(self) -> f64 {
        [0.25, 1.0, 4.0, 16.0][usize::from(self.0 - 1)]
    }

    pub fn label(self) -> &'static str {
        ["×¼", "×1", "×4", "×16"][usize::from(self.0 - 1)]
    }
}

impl Default for Speed {
    fn default() -> Speed {
        Speed(2)
    }
}

/// At speed ×1 a whole run plays in this many real milliseconds, whatever its virtual length.
pub const PLAY_MS: f64 = 20_000.0;
/// A frame longer than this (a background tab, a debugger pause) counts as this long.
pub const FRAME_MS_MAX: f64 = 100.0;
/// Past this many steps a frame, playback is a fast-forward: more events fly
/// by than anyone can read, so the stage shows deques as counts, not chips.
pub const FAST_STEPS_PER_FRAME: u64 = 128;

/// The kinds of event the jump buttons look for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JumpTo {
    /// A worker stealing from another's deque (the strategy's steal, not Go's own).
    Steal,
    /// A goroutine blocking on another goroutine (channel, WaitGroup, mutex, select).
    Block,
    /// A goroutine still blocked when main returned.
    Leak,
}

impl JumpTo {
    pub fn matches(self, e: &Event) -> bool {
        match self {
            JumpTo::Steal => e.kind() == Kind::Steal,
            JumpTo::Block => {
                e.kind() == Kind::Block
                    && BlockOn::from_u32(e.a).is_some_and(BlockOn::needs_another_goroutine)
            }
            JumpTo::Leak => e.kind() == Kind::Leaked,
        }
    }

    pub fn plural(self) -> &'static str {
        match self {
            JumpTo::Steal => "steals",
            JumpTo::Block => "blocks",
            JumpTo::Leak => "leaks",
        }
    }
}

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

    SweepRequested,
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
}

impl Default for State {
    fn default() -> State {
        State::from_link(Link::default(), LinkErrors::default())
    }
}

impl State {
    /// The page as a link opens it: its scenario, its view, and what it got wrong.
    pub fn from_link(link: Link, errors: LinkErrors) -> State {
        let banner_open = !errors.is_empty();
        State {
            isolation: Isolation::Unknown,
            threads: Threads::Checking,
            job: Job::Waiting,
            scenario: Rc::new(link.scenario),
            compare: link.view.compare,
            lesson: link.view.lesson,
            link_errors: errors.0,
            banner_open,
            edit_error: None,
            generation: 1,
            run: RunState::Waiting,
            playhead: 0,
            wanted_playhead: link.view.playhead,
            selected: link.view.selected,
            playing: false,
            speed: Speed::default(),
            play_clock: Nanos::ZERO,
            frame_steps: 0,
            help_open: false,
            notice: None,
            focus: 0,
            sweep: SweepState::Idle,
            sweep_request: 0,
        }
    }

    /// What the simulation hook should run now.
    pub fn request(&self) -> Request {
        Request {
            scenario: (*self.scenario).clone(),
            compare: self.compare.clone(),
        }
    }

    pub fn session(&self) -> Option<&Shared<Session>> {
        self.run.session()
    }

    /// Steps in the loaded session (0 before it loads or when it was not recorded).
    pub fn len(&self) -> u64 {
        self.session()
            .filter(|s| s.is_recorded())
            .map_or(0, |s| s.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The virtual time every view shows.
    pub fn clock(&self) -> Nanos {
        match self.session() {
            Some(session) if self.playing => self
                .play_clock
                .max(session.time_at(self.playhead))
                .min(session.end_time()),
            Some(session) => session.time_at(self.playhead),
            None => Nanos::ZERO,
        }
    }

    /// Whether playback is a fast-forward ([`FAST_STEPS_PER_FRAME`]).
    pub fn fast_forward(&self) -> bool {
        self.playing && self.frame_steps > FAST_STEPS_PER_FRAME
    }

    /// The playhead the link should carry: the loaded one, or the one still waiting to load.
    pub fn link_playhead(&self) -> Option<u64> {
        match self.wanted_playhead {
            Some(wanted) => Some(wanted),
            None => (self.playhead > 0).then_some(self.playhead),
        }
    }

    /// Applies one action; the `Reducible` impl only wraps this for Yew.
    pub fn apply(mut self, action: Action) -> State {
        match action {
            Action::IsolationChecked { isolated: true } => self.isolation = Isolation::Isolated,
            Action::IsolationChecked { isolated: false } => {
                self.isolation = Isolation::NotIsolated;
                self.threads = Threads::Off(ThreadsOff::NotIsolated);
            }
            Action::PoolStarting { requested } => self.threads = Threads::Starting { requested },
            Action::PoolStarted { count } => self.threads = Threads::Running { count },
            Action::PoolFailed { message } => {
                self.threads = Threads::Off(ThreadsOff::StartFailed { message });
            }
            Action::JobStarted { limit } => self.job = Job::Running { limit },
            Action::JobFinished { primes, elapsed_ms } => {
                // A result with no running job would have no limit to show; drop it.
                if let Job::Running { limit } = self.job {
                    self.job = Job::Finished {
                        limit,
                        primes,
                        elapsed_ms,
                    };
                }
            }

            Action::LinkOpened { link, errors } => {
                let threads = (self.isolation, self.threads.clone(), self.job.clone());
                let generation = self.generation + 1;
                self = State::from_link(link, errors);
                (self.isolation, self.threads, self.job) = threads;
                self.generation = generation;
            }
            Action::Edit { key, text } => match params::edit(&self.scenario, &key, &text) {
                Ok(scenario) => {
                    self.edit_error = None;
                    if scenario != *self.scenario {
                        self.scenario = Rc::new(scenario);
                        self.rerun();
                    }
                }
                Err(error) => self.edit_error = Some(error),
            },
            Action::ToggleCompare(strategy) => {
                if self.compare.is_empty() {
                    // Comparing starts from the strategy on show.
                    if strategy == self.scenario.strategy {
                        return self;
                    }
                    self.compare = vec![self.scenario.strategy, strategy];
                } else if let Some(i) = self.compare.iter().position(|s| *s == strategy) {
                    self.compare.remove(i);
                } else if self.compare.len() < 4 {
                    self.compare.push(strategy);
                } else {
                    return self;
                }
                // One strategy alone is not a comparison: keep it as the one shown.
                if self.compare.len() == 1 {
                    let only = self.compare[0];
                    self.compare.clear();
                    let mut scenario = (*self.scenario).clone();
                    scenario.strategy = only;
                    self.scenario = Rc::new(scenario);
                }
                self.focus = 0;
                self.rerun();
            }
            Action::DismissBanner => self.banner_open = false,
            Action::Rerun => self.rerun(),

            Action::RunStarted { generation } if generation == self.generation => {
                self.run = RunState::Running(Seen::default());
            }
            Action::RunProgress { generation, seen } if generation == self.generation => {
                if let RunState::Running(_) = self.run {
                    self.run = RunState::Running(seen);
                }
            }
            Action::RunFinished {
                generation,
                session,
            } if generation == self.generation => {
                let len = if session.is_recorded() {
                    session.len()
                } else {
                    0
                };
                self.playhead = self.wanted_playhead.take().unwrap_or(0).min(len);
                self.play_clock = session.time_at(self.playhead);
                self.run = RunState::Ready(session);
            }
            Action::RunFailed {
                generation,
                message,
            } if generation == self.generation => self.run = RunState::Failed(message),
            Action::RunCancelled { generation } if generation == self.generation => {
                self.run = RunState::Cancelled;
            }
            Action::RunRefused {
                generation,
                message,
            } if generation == self.generation => self.run = RunState::Refused(message),
            Action::RunStarted { .. }
            | Action::RunProgress { .. }
            | Action::RunFinished { .. }
            | Action::RunFailed { .. }
            | Action::RunCancelled { .. }
            | Action::RunRefused { .. } => {}

            Action::TogglePlay => {
                if self.playing {
                    self.playing = false;
                } else if !self.is_empty() {
                    if self.playhead >= self.len() {
                        self.seek(0);
                    }
                    self.play_clock = self.clock();
                    self.playing = true;
                    self.notice = None;
                }
            }
            Action::Pause => self.playing = false,
            Action::StepForward => {
                self.playing = false;
                self.seek(self.playhead + 1);
            }
            Action::StepBack => {
                self.playing = false;
                self.seek(self.playhead.saturating_sub(1));
            }
            Action::Seek(k) => self.seek(k),
            Action::SeekTime(t) => {
                if let Some(session) = self.session().cloned() {
                    self.seek(session.index_at_time(t));
                    if self.playing {
                        self.play_clock = t;
                    }
                }
            }
            Action::Home => {
                self.playing = false;
                self.seek(0);
            }
            Action::End => {
                self.playing = false;
                self.seek(self.len());
            }
            Action::Jump(kind) => {
                self.playing = false;
                if let Some(session) = self.session().cloned().filter(|s| s.is_recorded()) {
                    match session.next_matching(self.playhead, |e| kind.matches(e)) {
                        Some(k) => self.seek(k),
                        None => {
                            self.notice =
                                Some(format!("No more {} after this point.", kind.plural()))
                        }
                    }
                }
            }
            Action::SetSpeed(level) => self.speed = Speed::new(level),
            Action::Faster => self.speed = Speed::new(self.speed.level() + 1),
            Action::Slower => self.speed = Speed::new(self.speed.level().saturating_sub(1)),
            Action::Tick { dt_ms } => self.tick(dt_ms),
            Action::ToggleSelect(g) => {
                self.selected = if self.selected == Some(g) {
                    None
                } else {
                    Some(g)
                };
            }
            Action::Focus(column) => self.focus = column,
            Action::ToggleHelp => self.help_open = !self.help_open,
            Action::CloseHelp => self.help_open = false,

            Action::SweepRequested => {
                self.sweep_request += 1;
                self.sweep = SweepState::Running { done: 0, total: 0 };
            }
            Action::SweepProgress {
                request,
                done,
                total,
            } if request == self.sweep_request => {
                self.sweep = SweepState::Running { done, total };
            }
            Action::SweepFinished { request, points } if request == self.sweep_request => {
                self.sweep = SweepState::Ready(points);
            }
            Action::SweepFailed { request, message } if request == self.sweep_request => {
                self.sweep = SweepState::Failed(message);
            }
            Action::SweepProgress { .. }
            | Action::SweepFinished { .. }
            | Action::SweepFailed { .. } => {}
        }
        self
    }

    /// What to simulate changed: start over, from the first step.
    fn rerun(&mut self) {
        self.generation += 1;
        self.run = RunState::Waiting;
        self.playhead = 0;
        self.wanted_playhead = None;
        self.playing = false;
        self.play_clock = Nanos::ZERO;
        self.notice = None;
        self.sweep = SweepState::Idle;
        // A sweep still running answers an older scenario: forget it.
        self.sweep_request += 1;
    }

    fn seek(&mut self, k: u64) {
        self.playhead = k.min(self.len());
        self.frame_steps = 0;
        self.notice = None;
        if let Some(session) = self.session() {
            self.play_clock = session.time_at(self.playhead);
        }
    }

    /// Advances the virtual clock by one frame and moves the playhead after it.
    fn tick(&mut self, dt_ms: f64) {
        if !self.playing {
            return;
        }
        let Some(session) = self.session().cloned() else {
            self.playing = false;
            return;
        };
        let end = session.end_time();
        let ns_per_ms = end.0 as f64 / PLAY_MS * self.speed.factor();
        let advance = (dt_ms.clamp(0.0, FRAME_MS_MAX) * ns_per_ms).round() as u64;
        // At least one nanosecond, so a run of zero-length spans still ends.
        self.play_clock = self.play_clock + Nanos(advance.max(1));
        let k = session
            .index_at_time(self.play_clock)
            .max(self.playhead)
            .min(self.len());
        self.frame_steps = k - self.playhead;
        self.playhead = k;
        if self.playhead >= self.len() {
            self.playing = false;
            self.play_clock = end;
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new((*self).clone().apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim;
    use gobalance_core::link::parse_lenient;

    fn after(actions: impl IntoIterator<Item = Action>) -> State {
        actions.into_iter().fold(State::default(), State::apply)
    }

    /// A page opened on `link` whose session has loaded.
    fn loaded(link: &str) -> State {
        let (link, errors) = parse_lenient(link);
        let state = State::from_link(link, errors);
        let session = sim::session(&state.request(), &sim::Progress::default(), false).unwrap();
        let generation = state.generation;
        state.apply(Action::RunFinished {
            generation,
            session: Shared(Rc::new(session)),
        })
    }

    #[test]
    fn an_isolated_page_runs_the_pool_and_the_job() {
        let state = after([
            Action::IsolationChecked { isolated: true },
            Action::PoolStarting { requested: 4 },
            Action::PoolStarted { count: 4 },
            Action::JobStarted { limit: 100 },
            Action::JobFinished {
                primes: 25,
                elapsed_ms: 3,
            },
        ]);
        assert_eq!(state.isolation, Isolation::Isolated);
        assert_eq!(state.threads, Threads::Running { count: 4 });
        assert!(state.threads.settled() && state.threads.pool());
        assert_eq!(
            state.job,
            Job::Finished {
                limit: 100,
                primes: 25,
                elapsed_ms: 3
            }
        );
    }

    #[test]
    fn a_page_without_isolation_turns_threads_off_and_says_why() {
        let state = after([Action::IsolationChecked { isolated: false }]);
        assert_eq!(state.isolation, Isolation::NotIsolated);
        assert_eq!(state.threads, Threads::Off(ThreadsOff::NotIsolated));
        assert!(state.threads.settled() && !state.threads.pool());
        assert_eq!(state.job, Job::Waiting);
        assert!(ThreadsOff::NotIsolated
            .explanation()
            .contains("Cross-Origin-Embedder-Policy"));
    }

    #[test]
    fn a_failed_start_keeps_the_browsers_message() {
        let state = after([
            Action::IsolationChecked { isolated: true },
            Action::PoolStarting { requested: 2 },
            Action::PoolFailed {
                message: "DataCloneError".to_owned(),
            },
        ]);
        let Threads::Off(off) = state.threads else {
            panic!("threads should be off, got {:?}", state.threads);
        };
        assert!(off.explanation().contains("DataCloneError"));
    }

    #[test]
    fn a_result_without_a_running_job_is_ignored() {
        let state = after([Action::JobFinished {
            primes: 1,
            elapsed_ms: 1,
        }]);
        assert_eq!(state.job, Job::Waiting);
    }

    #[test]
    fn a_link_opens_at_its_playhead_with_its_selection() {
        let state = loaded("strategy=pool&workers=3&tasks=6&at=40&g=2");
        assert_eq!(state.playhead, 40);
        assert_eq!(state.selected, Some(2));
        assert_eq!(state.wanted_playhead, None);
        let session = state.session().unwrap();
        assert_eq!(state.clock(), session.time_at(40));
        assert_eq!(state.link_playhead(), Some(40));
    }

    #[test]
    fn a_playhead_past_the_end_is_clamped() {
        let state = loaded("strategy=pool&tasks=2&at=999999");
        assert_eq!(state.playhead, state.len());
    }

    #[test]
    fn step_forward_then_back_returns_to_the_same_state() {
        let state = loaded("strategy=pool&workers=2&tasks=4&at=10");
        let there = state
            .clone()
            .apply(Action::StepForward)
            .apply(Action::StepBack);
        assert_eq!(there.playhead, 10);
        assert_eq!(there.clock(), state.clock());
        let start = state.clone().apply(Action::Home).apply(Action::StepBack);
        assert_eq!(
            start.playhead, 0,
            "stepping back from the start stays there"
        );
        let end = state.apply(Action::End).apply(Action::StepForward);
        assert_eq!(end.playhead, end.len(), "stepping past the end stays there");
    }

    #[test]
    fn playing_advances_the_clock_with_real_time_and_stops_at_the_end() {
        let mut state = loaded("strategy=pool&workers=2&tasks=8&dur=10ms");
        state = state.apply(Action::TogglePlay);
        assert!(state.playing);
        let end = state.session().unwrap().end_time();
        // One second of frames at ×1 covers a twentieth of the run.
        for _ in 0..10 {
            state = state.apply(Action::Tick { dt_ms: 100.0 });
        }
        let expected = end.0 as f64 / 20.0;
        assert!((state.play_clock.0 as f64 - expected).abs() <= 10.0);
        assert!(state.playhead > 0);
        assert!(state.session().unwrap().time_at(state.playhead) <= state.play_clock);
        // A long pause between frames counts as one short frame.
        let before = state.play_clock;
        state = state.apply(Action::Tick { dt_ms: 60_000.0 });
        assert!(
            state.play_clock.0 - before.0 <= (end.0 as f64 / PLAY_MS * FRAME_MS_MAX) as u64 + 1
        );
        for _ in 0..1000 {
            state = state.apply(Action::Tick { dt_ms: 50.0 });
        }
        assert!(!state.playing);
        assert_eq!(state.playhead, state.len());
        // Play at the end starts again from the beginning.
        state = state.apply(Action::TogglePlay);
        assert!(state.playing);
        assert_eq!(state.playhead, 0);
    }

    #[test]
    fn faster_speeds_cover_more_virtual_time_per_frame() {
        let base = loaded("strategy=pool&tasks=8").apply(Action::TogglePlay);
        let slow = base
            .clone()
            .apply(Action::SetSpeed(1))
            .apply(Action::Tick { dt_ms: 16.0 });
        let fast = base
            .clone()
            .apply(Action::SetSpeed(4))
            .apply(Action::Tick { dt_ms: 16.0 });
        assert!(fast.play_clock.0 > 32 * slow.play_clock.0);
        assert_eq!(base.clone().apply(Action::Faster).speed, Speed::new(3));
        assert_eq!(
            base.apply(Action::SetSpeed(1)).apply(Action::Slower).speed,
            Speed::MIN
        );
    }

    #[test]
    fn many_steps_a_frame_is_a_fast_forward() {
        let playing =
            loaded("strategy=pool&workers=8&tasks=2000&dur=1ms").apply(Action::TogglePlay);
        let slow = playing
            .clone()
            .apply(Action::SetSpeed(1))
            .apply(Action::Tick { dt_ms: 16.0 });
        assert!(slow.frame_steps <= FAST_STEPS_PER_FRAME && !slow.fast_forward());
        let fast = playing
            .apply(Action::SetSpeed(4))
            .apply(Action::Tick { dt_ms: 16.0 });
        assert!(fast.frame_steps > FAST_STEPS_PER_FRAME && fast.fast_forward());
        assert!(!fast.apply(Action::Pause).fast_forward());
    }

    #[test]
    fn seeking_by_time_lands_after_the_last_event_at_that_time() {
        let state = loaded("strategy=pool&workers=2&tasks=6");
        let session = state.session().unwrap().clone();
        let t = session.time_at(20);
        let there = state.apply(Action::SeekTime(t));
        assert_eq!(there.clock(), t);
        assert_eq!(there.playhead, session.index_at_time(t));
    }

    #[test]
    fn jumps_find_the_next_steal_block_or_leak_or_say_there_is_none() {
        let steal = loaded("strategy=steal&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms");
        let at_steal = steal.clone().apply(Action::Jump(JumpTo::Steal));
        let (_, e) = at_steal.session().unwrap().step(at_steal.playhead).unwrap();
        assert_eq!(e.kind(), Kind::Steal);

        let pool = loaded("strategy=pool&workers=2&tasks=4");
        let none = pool.clone().apply(Action::Jump(JumpTo::Steal));
        assert_eq!(none.playhead, 0);
        assert_eq!(
            none.notice.as_deref(),
            Some("No more steals after this point.")
        );
        let block = pool.apply(Action::Jump(JumpTo::Block));
        let (_, e) = block.session().unwrap().step(block.playhead).unwrap();
        assert_eq!(e.kind(), Kind::Block);

        let leak = loaded("strategy=leak&tasks=5&cancel_after=1").apply(Action::Jump(JumpTo::Leak));
        let (_, e) = leak.session().unwrap().step(leak.playhead).unwrap();
        assert_eq!(e.kind(), Kind::Leaked);
    }

    #[test]
    fn a_parameter_edit_reruns_from_the_start_and_a_bad_one_names_its_field() {
        let state = loaded("strategy=pool&tasks=6&at=5");
        let generation = state.generation;
        let edited = state.clone().apply(Action::Edit {
            key: "workers".to_owned(),
            text: "2".to_owned(),
        });
        assert_eq!(edited.scenario.params.workers, 2);
        assert_eq!(edited.generation, generation + 1);
        assert_eq!(edited.run, RunState::Waiting);
        assert_eq!(edited.playhead, 0);

        let refused = state.apply(Action::Edit {
            key: "workers".to_owned(),
            text: "zero".to_owned(),
        });
        assert_eq!(refused.generation, generation, "nothing reruns");
        assert_eq!(refused.edit_error.unwrap().field, "workers");
    }

    #[test]
    fn results_of_an_older_run_are_dropped() {
        let state = loaded("strategy=pool&tasks=3");
        let stale = state.generation;
        let edited = state.apply(Action::Edit {
            key: "tasks".to_owned(),
            text: "4".to_owned(),
        });
        let after = edited.clone().apply(Action::RunFailed {
            generation: stale,
            message: "old".to_owned(),
        });
        assert_eq!(after.run, RunState::Waiting);
    }

    #[test]
    fn compare_toggles_keep_two_to_four_strategies() {
        let shown = State::default();
        assert_eq!(shown.scenario.strategy, Strategy::Pool);
        let same = shown.clone().apply(Action::ToggleCompare(Strategy::Pool));
        assert!(
            same.compare.is_empty(),
            "the strategy on show alone compares nothing"
        );
        let state = shown.apply(Action::ToggleCompare(Strategy::Steal));
        assert_eq!(state.compare, vec![Strategy::Pool, Strategy::Steal]);
        let five = [Strategy::Static, Strategy::Fanout, Strategy::Dynamic]
            .into_iter()
            .fold(state.clone(), |s, strategy| {
                s.apply(Action::ToggleCompare(strategy))
            });
        assert_eq!(five.compare.len(), 4);
        let one = state.apply(Action::ToggleCompare(Strategy::Pool));
        assert!(one.compare.is_empty());
        assert_eq!(one.scenario.strategy, Strategy::Steal);
    }

    #[test]
    fn a_bad_link_opens_its_banner_and_runs_what_it_kept() {
        let (link, errors) = parse_lenient("strategy=pool&workers=0&tasks=12");
        let state = State::from_link(link, errors);
        assert!(state.banner_open);
        assert_eq!(state.link_errors[0].field, "workers");
        assert_eq!(state.scenario.workload.tasks, 12);
        assert!(!state.apply(Action::DismissBanner).banner_open);
    }

    #[test]
    fn selection_toggles() {
        let state = State::default().apply(Action::ToggleSelect(3));
        assert_eq!(state.selected, Some(3));
        assert_eq!(state.apply(Action::ToggleSelect(3)).selected, None);
    }

    #[test]
    fn sweep_results_of_an_older_request_are_dropped() {
        let state = State::default().apply(Action::SweepRequested);
        let request = state.sweep_request;
        let newer = state.clone().apply(Action::SweepRequested);
        let stale = newer.apply(Action::SweepFinished {
            request,
            points: Vec::new(),
        });
        assert!(matches!(stale.sweep, SweepState::Running { .. }));
        let fresh = state.apply(Action::SweepFinished {
            request,
            points: Vec::new(),
        });
        assert_eq!(fresh.sweep, SweepState::Ready(Vec::new()));
    }
}
