//! The page's start: whether it is cross-origin isolated, its pool of threads, and the warm-up job that shows they run.

/// What `boot` found and started, reported step by step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Boot {
    pub isolation: Isolation,
    pub threads: Threads,
    pub job: Job,
}

impl Boot {
    pub fn isolation_checked(&mut self, isolated: bool) {
        if isolated {
            self.isolation = Isolation::Isolated;
        } else {
            self.isolation = Isolation::NotIsolated;
            self.threads = Threads::Off(ThreadsOff::NotIsolated);
        }
    }

    pub fn job_finished(&mut self, primes: u32, elapsed_ms: u32) {
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

    /// How many worker threads run, once they do.
    pub fn count(&self) -> Option<u32> {
        match self {
            Threads::Running { count } => Some(*count),
            _ => None,
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::testing::after;
    use crate::state::Action;

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
        assert_eq!(state.boot.isolation, Isolation::Isolated);
        assert_eq!(state.boot.threads, Threads::Running { count: 4 });
        assert!(state.boot.threads.settled() && state.boot.threads.pool());
        assert_eq!(
            state.boot.job,
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
        assert_eq!(state.boot.isolation, Isolation::NotIsolated);
        assert_eq!(state.boot.threads, Threads::Off(ThreadsOff::NotIsolated));
        assert!(state.boot.threads.settled() && !state.boot.threads.pool());
        assert_eq!(state.boot.job, Job::Waiting);
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
        let Threads::Off(off) = state.boot.threads else {
            panic!("threads should be off, got {:?}", state.boot.threads);
        };
        assert!(off.explanation().contains("DataCloneError"));
    }

    #[test]
    fn a_result_without_a_running_job_is_ignored() {
        let state = after([Action::JobFinished {
            primes: 1,
            elapsed_ms: 1,
        }]);
        assert_eq!(state.boot.job, Job::Waiting);
    }
}
