//! What the page knows about its threads and its warm-up job: a pure reducer, tested natively.
//!
//! Effects (detecting isolation, starting workers, timing) live in `boot`;
//! they only report what happened as `Action`s, so every state the page can
//! show is reachable from a plain unit test.

use std::rc::Rc;

use yew::Reducible;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct State {
    pub isolation: Isolation,
    pub threads: Threads,
    pub job: Job,
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
                 server must send Cross-Origin-Opener-Policy: same-origin and \
                 Cross-Origin-Embedder-Policy: require-corp."
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

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    IsolationChecked { isolated: bool },
    PoolStarting { requested: u32 },
    PoolStarted { count: u32 },
    PoolFailed { message: String },
    JobStarted { limit: u32 },
    JobFinished { primes: u32, elapsed_ms: u32 },
}

impl State {
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
        }
        self
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

    fn after(actions: impl IntoIterator<Item = Action>) -> State {
        actions.into_iter().fold(State::default(), State::apply)
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
}
