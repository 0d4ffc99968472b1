//! Names for what the stage shows: goroutines, channels, deques, and each lane's state in words and a colour class.
//!
//! Colour is never the only signal (WCAG 1.4.1): every state has a text, and
//! the class only picks its colour, so the same words serve the lanes, the
//! narration and the screen reader.

use gobalance_core::view::{ChanView, GoState, GoroutineView, Goroutines};
use gobalance_core::{BlockOn, ChanRole, Role};

/// How a goroutine is called on its lane and in sentences: `main`, `producer`, `worker 3`.
pub fn goroutine(g: &GoroutineView) -> String {
    match g.role {
        Role::Worker | Role::Forwarder => format!("{} {}", g.role.name(), g.index),
        // The other roles have one goroutine each.
        role => role.name().to_owned(),
    }
}

/// A goroutine by id, or a neutral word when the trace names one not spawned yet.
pub fn goroutine_by_id(goroutines: &Goroutines, id: u32) -> String {
    goroutines
        .get(id as usize)
        .map_or_else(|| format!("goroutine {id}"), |g| goroutine(&g))
}

/// How a channel is called: `tasks`, `results`, `the semaphore`.
pub fn chan(chans: &[ChanView], id: u32) -> String {
    match chans.get(id as usize).map(|c| c.role) {
        Some(ChanRole::Tasks) => "tasks".to_owned(),
        Some(ChanRole::Results) => "results".to_owned(),
        Some(ChanRole::Semaphore) => "the semaphore".to_owned(),
        Some(ChanRole::Quit) => "quit".to_owned(),
        Some(ChanRole::Done) => "ctx.Done()".to_owned(),
        Some(ChanRole::Ticker) => "the ticker".to_owned(),
        Some(ChanRole::Timer) => "its timer".to_owned(),
        Some(ChanRole::Output) => format!("output channel {id}"),
        None => format!("channel {id}"),
    }
}

/// Deques belong to workers in order: deque `d` is worker `d`'s (static and steal both make one per worker first).
pub fn deque_owner(deque: u32) -> String {
    format!("worker {deque}")
}

/// The colour family of a state; a CSS class `st-<name>` and a Gantt colour share it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tone {
    Running,
    Runnable,
    /// Parked on another goroutine: a channel, a WaitGroup, a mutex, a select.
    Blocked,
    /// Parked on the outside world: I/O, the rate limiter, a database connection.
    Waiting,
    Sleeping,
    Exited,
    Leaked,
}

impl Tone {
    pub const ALL: [Tone; 7] = [
        Tone::Running,
        Tone::Runnable,
        Tone::Blocked,
        Tone::Waiting,
        Tone::Sleeping,
        Tone::Exited,
        Tone::Leaked,
    ];

    pub fn class(self) -> &'static str {
        match self {
            Tone::Running => "st-running",
            Tone::Runnable => "st-runnable",
            Tone::Blocked => "st-blocked",
            Tone::Waiting => "st-waiting",
            Tone::Sleeping => "st-sleeping",
            Tone::Exited => "st-exited",
            Tone::Leaked => "st-leaked",
        }
    }

    /// The legend's word for the tone.
    pub fn word(self) -> &'static str {
        match self {
            Tone::Running => "running",
            Tone::Runnable => "runnable",
            Tone::Blocked => "blocked",
            Tone::Waiting => "waiting (I/O, limiter, db)",
            Tone::Sleeping => "sleeping",
            Tone::Exited => "exited",
            Tone::Leaked => "leaked",
        }
    }

    /// The CSS custom property holding the tone's colour, read by the canvas.
    pub fn css_var(self) -> &'static str {
        match self {
            Tone::Running => "--st-running",
            Tone::Runnable => "--st-runnable",
            Tone::Blocked => "--st-blocked",
            Tone::Waiting => "--st-waiting",
            Tone::Sleeping => "--st-sleeping",
            Tone::Exited => "--st-exited",
            Tone::Leaked => "--st-leaked",
        }
    }
}

/// The tone of a parked goroutine.
pub fn block_tone(on: BlockOn) -> Tone {
    match on {
        BlockOn::ChanSend
        | BlockOn::ChanRecv
        | BlockOn::Select
        | BlockOn::WaitGroup
        | BlockOn::Mutex => Tone::Blocked,
        BlockOn::Io | BlockOn::Limiter | BlockOn::Resource => Tone::Waiting,
        BlockOn::Sleep => Tone::Sleeping,
        BlockOn::Runnable => Tone::Runnable,
        BlockOn::Running => Tone::Running,
    }
}

/// What a goroutine blocked on `on` (object `object`) waits for, as words after "blocked".
pub fn blocked_on(on: BlockOn, object: u32, chans: &[ChanView]) -> String {
    let role = chans.get(object as usize).map(|c| c.role);
    match (on, role) {
        (BlockOn::ChanRecv, Some(ChanRole::Ticker)) => "waiting for the ticker".to_owned(),
        (BlockOn::ChanRecv, Some(ChanRole::Timer)) => "waiting for its timer".to_owned(),
        (BlockOn::ChanRecv, Some(ChanRole::Done)) => "waiting for ctx.Done()".to_owned(),
        // Acquiring a channel semaphore is a send into its buffer.
        (BlockOn::ChanSend, Some(ChanRole::Semaphore)) => "blocked on the semaphore".to_owned(),
        (BlockOn::ChanRecv, _) => format!("blocked receiving from {}", chan(chans, object)),
        (BlockOn::ChanSend, _) => format!("blocked sending to {}", chan(chans, object)),
        (BlockOn::Select, _) => "blocked in select".to_owned(),
        (BlockOn::WaitGroup, _) => "blocked on wg.Wait()".to_owned(),
        (BlockOn::Mutex, _) => "blocked on a mutex".to_owned(),
        (BlockOn::Sleep, _) => "sleeping".to_owned(),
        (BlockOn::Io, _) => "waiting on I/O".to_owned(),
        (BlockOn::Limiter, _) => "waiting for the rate limiter".to_owned(),
        (BlockOn::Resource, _) => "waiting for a database connection".to_owned(),
        (BlockOn::Runnable, _) => "runnable".to_owned(),
        (BlockOn::Running, _) => "running".to_owned(),
    }
}

/// A lane's state: its colour family and the words shown beside it.
pub fn lane_state(state: GoState, chans: &[ChanView]) -> (Tone, String) {
    match state {
        GoState::Running { p } => (Tone::Running, format!("running on P{p}")),
        GoState::Runnable => (Tone::Runnable, "runnable".to_owned()),
        GoState::Blocked { on, object } => (block_tone(on), blocked_on(on, object, chans)),
        GoState::Exited => (Tone::Exited, "exited".to_owned()),
        // Still working when main returned: cut off, not stuck.
        GoState::Leaked {
            on: BlockOn::Runnable | BlockOn::Running,
        } => (Tone::Leaked, "cut off when main returned".to_owned()),
        GoState::Leaked { on } => (Tone::Leaked, format!("leaked: blocked on {}", on.name())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gobalance_core::trace::NONE;

    fn chan_of(role: ChanRole) -> ChanView {
        ChanView {
            role,
            cap: 1,
            buffer: gobalance_core::view::SharedQueue::new(),
            closed: false,
        }
    }

    fn g(role: Role, index: u32) -> GoroutineView {
        GoroutineView {
            role,
            index,
            parent: 0,
            state: GoState::Runnable,
            line: 1,
            task: NONE,
        }
    }

    #[test]
    fn goroutines_are_named_by_role_and_index_when_there_are_several() {
        assert_eq!(goroutine(&g(Role::Main, 0)), "main");
        assert_eq!(goroutine(&g(Role::Worker, 3)), "worker 3");
        assert_eq!(goroutine(&g(Role::Producer, 0)), "producer");
        assert_eq!(goroutine_by_id(&Goroutines::default(), 7), "goroutine 7");
    }

    #[test]
    fn every_lane_state_has_words_and_a_tone() {
        let chans = [
            chan_of(ChanRole::Tasks),
            chan_of(ChanRole::Results),
            chan_of(ChanRole::Semaphore),
            chan_of(ChanRole::Ticker),
        ];
        let cases = [
            (GoState::Running { p: 2 }, Tone::Running, "running on P2"),
            (GoState::Runnable, Tone::Runnable, "runnable"),
            (
                GoState::Blocked {
                    on: BlockOn::ChanRecv,
                    object: 0,
                },
                Tone::Blocked,
                "blocked receiving from tasks",
            ),
            (
                GoState::Blocked {
                    on: BlockOn::ChanSend,
                    object: 1,
                },
                Tone::Blocked,
                "blocked sending to results",
            ),
            (
                GoState::Blocked {
                    on: BlockOn::ChanSend,
                    object: 2,
                },
                Tone::Blocked,
                "blocked on the semaphore",
            ),
            (
                GoState::Blocked {
                    on: BlockOn::ChanRecv,
                    object: 3,
                },
                Tone::Blocked,
                "waiting for the ticker",
            ),
            (
                GoState::Blocked {
                    on: BlockOn::WaitGroup,
                    object: 0,
                },
                Tone::Blocked,
                "blocked on wg.Wait()",
            ),
            (
                GoState::Blocked {
                    on: BlockOn::Io,
                    object: NONE,
                },
                Tone::Waiting,
                "waiting on I/O",
            ),
            (
                GoState::Blocked {
                    on: BlockOn::Sleep,
                    object: NONE,
                },
                Tone::Sleeping,
                "sleeping",
            ),
            (GoState::Exited, Tone::Exited, "exited"),
            (
                GoState::Leaked {
                    on: BlockOn::ChanSend,
                },
                Tone::Leaked,
                "leaked: blocked on chan send",
            ),
        ];
        for (state, tone, words) in cases {
            assert_eq!(
                lane_state(state, &chans),
                (tone, words.to_owned()),
                "{state:?}"
            );
        }
    }
}
