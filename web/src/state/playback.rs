//! The playhead and everything that moves it: stepping, seeking, jumping, and playing on a virtual clock at a chosen speed; the goroutine followed.
//!
//! Each move reads the loaded session (`None` before it loads) to know how
//! many steps there are and when each happens.

use gobalance_core::{BlockOn, Event, Kind, Nanos};

use crate::session::Session;

/// At speed ×1 a whole run plays in this many real milliseconds, whatever its virtual length.
pub const PLAY_MS: f64 = 20_000.0;
/// A frame longer than this (a background tab, a debugger pause) counts as this long.
pub const FRAME_MS_MAX: f64 = 100.0;
/// Past this many steps a frame, playback is a fast-forward: more events fly
/// by than anyone can read, so the stage shows deques as counts, not chips.
pub const FAST_STEPS_PER_FRAME: u64 = 128;

#[derive(Clone, Debug, PartialEq)]
pub struct Playback {
    /// The step on show: the state after this many events.
    pub playhead: u64,
    /// The link's playhead, applied once its session has loaded.
    pub wanted_playhead: Option<u64>,
    /// The goroutine followed (highlighted everywhere), if any.
    pub selected: Option<u32>,
    pub playing: bool,
    pub speed: Speed,
    /// The virtual time playback has reached (between steps while playing).
    pub play_clock: Nanos,
    /// Steps the last animation frame advanced (0 when not playing).
    pub frame_steps: u64,
    /// A short message about the last control used ("no more steals").
    pub notice: Option<String>,
}

/// Steps in a loaded session (0 before it loads or when it was not recorded).
pub fn steps(session: Option<&Session>) -> u64 {
    session.filter(|s| s.is_recorded()).map_or(0, |s| s.len())
}

impl Playback {
    /// Stopped at the start, waiting to apply the link's playhead (if any) once the session loads.
    pub fn new(wanted_playhead: Option<u64>, selected: Option<u32>) -> Playback {
        Playback {
            playhead: 0,
            wanted_playhead,
            selected,
            playing: false,
            speed: Speed::default(),
            play_clock: Nanos::ZERO,
            frame_steps: 0,
            notice: None,
        }
    }

    /// The virtual time every view shows.
    pub fn clock(&self, session: Option<&Session>) -> Nanos {
        match session {
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

    /// The session loaded: go to the link's playhead, if it named one.
    pub fn loaded(&mut self, session: &Session) {
        self.playhead = self
            .wanted_playhead
            .take()
            .unwrap_or(0)
            .min(steps(Some(session)));
        self.play_clock = session.time_at(self.playhead);
    }

    /// What to simulate changed: back to the first step, stopped.
    pub fn restart(&mut self) {
        self.playhead = 0;
        self.wanted_playhead = None;
        self.playing = false;
        self.play_clock = Nanos::ZERO;
        self.notice = None;
    }

    /// Shows step `k` (clamped to the session), playing on from there if playing.
    pub fn seek(&mut self, k: u64, session: Option<&Session>) {
        self.playhead = k.min(steps(session));
        self.frame_steps = 0;
        self.notice = None;
        if let Some(session) = session {
            self.play_clock = session.time_at(self.playhead);
        }
    }

    /// Stops playing and shows step `k`: what stepping, Home and End do.
    pub fn stop_at(&mut self, k: u64, session: Option<&Session>) {
        self.playing = false;
        self.seek(k, session);
    }

    /// Shows the last step at or before virtual time `t`; playing goes on from `t` itself.
    pub fn seek_time(&mut self, t: Nanos, session: Option<&Session>) {
        if let Some(session) = session {
            self.seek(session.index_at_time(t), Some(session));
            if self.playing {
                self.play_clock = t;
            }
        }
    }

    /// Plays or pauses; play at the end starts again from the beginning.
    pub fn toggle_play(&mut self, session: Option<&Session>) {
        if self.playing {
            self.playing = false;
        } else if steps(session) > 0 {
            if self.playhead >= steps(session) {
                self.seek(0, session);
            }
            self.play_clock = self.clock(session);
            self.playing = true;
            self.notice = None;
        }
    }

    /// Stops and goes to just after the next event of `kind`, or says there is none.
    pub fn jump(&mut self, kind: JumpTo, session: Option<&Session>) {
        self.playing = false;
        if let Some(session) = session.filter(|s| s.is_recorded()) {
            match session.next_matching(self.playhead, |e| kind.matches(e)) {
                Some(k) => self.seek(k, Some(session)),
                None => self.notice = Some(format!("No more {} after this point.", kind.plural())),
            }
        }
    }

    /// Advances the virtual clock by one frame and moves the playhead after it.
    pub fn tick(&mut self, dt_ms: f64, session: Option<&Session>) {
        if !self.playing {
            return;
        }
        let Some(session) = session else {
            self.playing = false;
            return;
        };
        let len = steps(Some(session));
        let end = session.end_time();
        let ns_per_ms = end.0 as f64 / PLAY_MS * self.speed.factor();
        let advance = (dt_ms.clamp(0.0, FRAME_MS_MAX) * ns_per_ms).round() as u64;
        // At least one nanosecond, so a run of zero-length spans still ends.
        self.play_clock += Nanos(advance.max(1));
        let k = session
            .index_at_time(self.play_clock)
            .max(self.playhead)
            .min(len);
        self.frame_steps = k - self.playhead;
        self.playhead = k;
        if self.playhead >= len {
            self.playing = false;
            self.play_clock = end;
        }
    }

    /// Follows goroutine `g`, or stops following it when it is already followed.
    pub fn toggle_select(&mut self, g: u32) {
        self.selected = if self.selected == Some(g) {
            None
        } else {
            Some(g)
        };
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::testing::loaded;
    use crate::state::{Action, State};

    #[test]
    fn a_link_opens_at_its_playhead_with_its_selection() {
        let state = loaded("strategy=pool&workers=3&tasks=6&at=40&g=2");
        assert_eq!(state.playback.playhead, 40);
        assert_eq!(state.playback.selected, Some(2));
        assert_eq!(state.playback.wanted_playhead, None);
        let session = state.session().unwrap();
        assert_eq!(state.clock(), session.time_at(40));
        assert_eq!(state.playback.link_playhead(), Some(40));
    }

    #[test]
    fn a_playhead_past_the_end_is_clamped() {
        let state = loaded("strategy=pool&tasks=2&at=999999");
        assert_eq!(state.playback.playhead, state.len());
    }

    #[test]
    fn step_forward_then_back_returns_to_the_same_state() {
        let state = loaded("strategy=pool&workers=2&tasks=4&at=10");
        let there = state
            .clone()
            .apply(Action::StepForward)
            .apply(Action::StepBack);
        assert_eq!(there.playback.playhead, 10);
        assert_eq!(there.clock(), state.clock());
        let start = state.clone().apply(Action::Home).apply(Action::StepBack);
        assert_eq!(
            start.playback.playhead, 0,
            "stepping back from the start stays there"
        );
        let end = state.apply(Action::End).apply(Action::StepForward);
        assert_eq!(
            end.playback.playhead,
            end.len(),
            "stepping past the end stays there"
        );
    }

    #[test]
    fn playing_advances_the_clock_with_real_time_and_stops_at_the_end() {
        let mut state = loaded("strategy=pool&workers=2&tasks=8&dur=10ms");
        state = state.apply(Action::TogglePlay);
        assert!(state.playback.playing);
        let end = state.session().unwrap().end_time();
        // One second of frames at ×1 covers a twentieth of the run.
        for _ in 0..10 {
            state = state.apply(Action::Tick { dt_ms: 100.0 });
        }
        let expected = end.0 as f64 / 20.0;
        assert!((state.playback.play_clock.0 as f64 - expected).abs() <= 10.0);
        assert!(state.playback.playhead > 0);
        assert!(
            state.session().unwrap().time_at(state.playback.playhead) <= state.playback.play_clock
        );
        // A long pause between frames counts as one short frame.
        let before = state.playback.play_clock;
        state = state.apply(Action::Tick { dt_ms: 60_000.0 });
        assert!(
            state.playback.play_clock.0 - before.0
                <= (end.0 as f64 / PLAY_MS * FRAME_MS_MAX) as u64 + 1
        );
        for _ in 0..1000 {
            state = state.apply(Action::Tick { dt_ms: 50.0 });
        }
        assert!(!state.playback.playing);
        assert_eq!(state.playback.playhead, state.len());
        // Play at the end starts again from the beginning.
        state = state.apply(Action::TogglePlay);
        assert!(state.playback.playing);
        assert_eq!(state.playback.playhead, 0);
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
        assert!(fast.playback.play_clock.0 > 32 * slow.playback.play_clock.0);
        assert_eq!(
            base.clone().apply(Action::Faster).playback.speed,
            Speed::new(3)
        );
        assert_eq!(
            base.apply(Action::SetSpeed(1))
                .apply(Action::Slower)
                .playback
                .speed,
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
        assert!(slow.playback.frame_steps <= FAST_STEPS_PER_FRAME && !slow.playback.fast_forward());
        let fast = playing
            .apply(Action::SetSpeed(4))
            .apply(Action::Tick { dt_ms: 16.0 });
        assert!(fast.playback.frame_steps > FAST_STEPS_PER_FRAME && fast.playback.fast_forward());
        assert!(!fast.apply(Action::Pause).playback.fast_forward());
    }

    #[test]
    fn seeking_by_time_lands_after_the_last_event_at_that_time() {
        let state = loaded("strategy=pool&workers=2&tasks=6");
        let session = state.session().unwrap().clone();
        let t = session.time_at(20);
        let there = state.apply(Action::SeekTime(t));
        assert_eq!(there.clock(), t);
        assert_eq!(there.playback.playhead, session.index_at_time(t));
    }

    /// The kind of the event the playhead has just applied.
    fn kind_at_playhead(state: &State) -> Kind {
        let (_, e) = state
            .session()
            .unwrap()
            .step(state.playback.playhead)
            .unwrap();
        e.kind()
    }

    #[test]
    fn jumps_find_the_next_steal_block_or_leak_or_say_there_is_none() {
        let steal = loaded("strategy=steal&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms");
        let at_steal = steal.clone().apply(Action::Jump(JumpTo::Steal));
        assert_eq!(kind_at_playhead(&at_steal), Kind::Steal);

        let pool = loaded("strategy=pool&workers=2&tasks=4");
        let none = pool.clone().apply(Action::Jump(JumpTo::Steal));
        assert_eq!(none.playback.playhead, 0);
        assert_eq!(
            none.playback.notice.as_deref(),
            Some("No more steals after this point.")
        );
        let block = pool.apply(Action::Jump(JumpTo::Block));
        assert_eq!(kind_at_playhead(&block), Kind::Block);

        let leak = loaded("strategy=leak&tasks=5&cancel_after=1").apply(Action::Jump(JumpTo::Leak));
        assert_eq!(kind_at_playhead(&leak), Kind::Leaked);
    }

    #[test]
    fn selection_toggles() {
        let state = State::default().apply(Action::ToggleSelect(3));
        assert_eq!(state.playback.selected, Some(3));
        assert_eq!(state.apply(Action::ToggleSelect(3)).playback.selected, None);
    }
}
