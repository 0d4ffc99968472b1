//! The trace's vocabulary: what a goroutine is for, what a parked one waits on, and what a channel is for.

use serde::Serialize;

/// What a goroutine is for, so views can label lanes and metrics can find the workers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[repr(u32)]
pub enum Role {
    Main,
    /// Runs tasks; the index is the worker number (or the task, for one goroutine per task).
    Worker,
    Producer,
    Collector,
    /// Waits for the workers and closes the results channel.
    Closer,
    /// Dynamic scaling's sampler.
    Controller,
    /// Fan-in: copies one worker's output into the merged channel.
    Forwarder,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Main,
        Role::Worker,
        Role::Producer,
        Role::Collector,
        Role::Closer,
        Role::Controller,
        Role::Forwarder,
    ];

    pub fn from_u32(code: u32) -> Option<Role> {
        Role::ALL.get(code as usize).copied()
    }

    pub fn name(self) -> &'static str {
        match self {
            Role::Main => "main",
            Role::Worker => "worker",
            Role::Producer => "producer",
            Role::Collector => "collector",
            Role::Closer => "closer",
            Role::Controller => "controller",
            Role::Forwarder => "forwarder",
        }
    }
}

/// What a parked goroutine waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[repr(u32)]
pub enum BlockOn {
    ChanSend,
    ChanRecv,
    Select,
    WaitGroup,
    Mutex,
    Sleep,
    Io,
    Limiter,
    /// Waiting for a free connection of the external resource.
    Resource,
    /// Not blocked: runnable, in a run queue (only in `Leaked` events).
    Runnable,
    /// Not blocked: running on a P (only in `Leaked` events).
    Running,
}

impl BlockOn {
    pub const ALL: [BlockOn; 11] = [
        BlockOn::ChanSend,
        BlockOn::ChanRecv,
        BlockOn::Select,
        BlockOn::WaitGroup,
        BlockOn::Mutex,
        BlockOn::Sleep,
        BlockOn::Io,
        BlockOn::Limiter,
        BlockOn::Resource,
        BlockOn::Runnable,
        BlockOn::Running,
    ];

    pub fn from_u32(code: u32) -> Option<BlockOn> {
        BlockOn::ALL.get(code as usize).copied()
    }

    /// Whether only another goroutine can end this wait (a channel, select,
    /// WaitGroup or mutex), as opposed to time passing (sleep, I/O, a limiter)
    /// or not waiting at all. At `main`'s return, such a goroutine is leaked.
    pub fn needs_another_goroutine(self) -> bool {
        matches!(
            self,
            BlockOn::ChanSend
                | BlockOn::ChanRecv
                | BlockOn::Select
                | BlockOn::WaitGroup
                | BlockOn::Mutex
        )
    }

    pub fn name(self) -> &'static str {
        match self {
            BlockOn::ChanSend => "chan send",
            BlockOn::ChanRecv => "chan receive",
            BlockOn::Select => "select",
            BlockOn::WaitGroup => "WaitGroup.Wait",
            BlockOn::Mutex => "Mutex.Lock",
            BlockOn::Sleep => "sleep",
            BlockOn::Io => "I/O",
            BlockOn::Limiter => "rate limiter",
            BlockOn::Resource => "database connection",
            BlockOn::Runnable => "runnable",
            BlockOn::Running => "running",
        }
    }
}

/// What a channel is used for, so a view can say "blocked on the semaphore".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[repr(u32)]
pub enum ChanRole {
    Tasks,
    Results,
    Semaphore,
    Quit,
    /// A context's `Done()` channel.
    Done,
    Ticker,
    /// One worker's own output channel (fan-out).
    Output,
    /// `time.After`'s channel: one value, when the timer fires.
    Timer,
}

impl ChanRole {
    pub const ALL: [ChanRole; 8] = [
        ChanRole::Tasks,
        ChanRole::Results,
        ChanRole::Semaphore,
        ChanRole::Quit,
        ChanRole::Done,
        ChanRole::Ticker,
        ChanRole::Output,
        ChanRole::Timer,
    ];

    pub fn from_u32(code: u32) -> Option<ChanRole> {
        ChanRole::ALL.get(code as usize).copied()
    }

    /// Whether the values it carries are task numbers (as opposed to a
    /// semaphore's anonymous slots, ticks or signals).
    pub fn carries_tasks(self) -> bool {
        matches!(self, ChanRole::Tasks | ChanRole::Results | ChanRole::Output)
    }

    pub fn name(self) -> &'static str {
        match self {
            ChanRole::Tasks => "tasks",
            ChanRole::Results => "results",
            ChanRole::Semaphore => "semaphore",
            ChanRole::Quit => "quit",
            ChanRole::Done => "done",
            ChanRole::Ticker => "ticker",
            ChanRole::Output => "output",
            ChanRole::Timer => "timer",
        }
    }
}
