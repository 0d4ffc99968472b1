//! Each event of a trace in one plain sentence, for the event log and the screen reader's live region.
//!
//! The sentence names goroutines and channels as the stage does (`labels`),
//! so what a listener hears matches what a viewer sees. Names are read from
//! the view state *after* the event: goroutines and channels are never
//! removed, so that state knows every name an earlier event can mention.
//!
//! [`narration`] and [`log`] are what the page says at a playhead: the live
//! region's sentence for the last step, and the event log's last lines.

use gobalance_core::trace::NONE;
use gobalance_core::view::ViewState;
use gobalance_core::{BlockOn, ChanRole, Event, Kind, Nanos};

use crate::fmt;
use crate::labels;
use crate::session::Session;
use crate::state::Shared;

/// Lines of the event log.
pub const LOG_LINES: u64 = 12;

/// One line of the event log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The step number (1-based).
    pub step: u64,
    pub time: String,
    pub text: String,
}

/// What the live region says at step `playhead`: the last step's sentence,
/// and nothing while playing (a sentence a frame is more than anyone can hear).
/// `views` are each column's state at the playhead (`Session::views_at`).
pub fn narration(
    session: &Session,
    views: &[Shared<ViewState>],
    playhead: u64,
    playing: bool,
) -> String {
    match session.step(playhead) {
        Some((column, e)) if !playing && !views.is_empty() => sentence(session, views, column, &e),
        _ => String::new(),
    }
}

/// The event log at step `playhead`: its last [`LOG_LINES`] steps, oldest first.
pub fn log(session: &Session, views: &[Shared<ViewState>], playhead: u64) -> Vec<Entry> {
    if views.is_empty() {
        return Vec::new();
    }
    let first = playhead.saturating_sub(LOG_LINES - 1).max(1);
    let shown = (playhead + 1).saturating_sub(first) as usize;
    (first..)
        .zip(session.steps_from(first - 1).take(shown))
        .map(|(step, (column, e))| Entry {
            step,
            time: fmt::duration(e.t()),
            text: sentence(session, views, column, &e),
        })
        .collect()
}

/// An event of `column` in words; in compare mode, prefixed with whose run it is.
fn sentence(session: &Session, views: &[Shared<ViewState>], column: usize, e: &Event) -> String {
    let text = describe(e, &views[column]);
    if session.is_compare() {
        format!("{}: {text}", session.runs[column].scenario.strategy.key())
    } else {
        text
    }
}

/// One event as a sentence, e.g. "worker 3 stole 2 tasks from worker 1".
pub fn describe(e: &Event, names: &ViewState) -> String {
    let who = || labels::goroutine_by_id(&names.goroutines, e.g);
    let chan = |id: u32| labels::chan(&names.chans, id);
    let chan_role = |id: u32| names.chans.get(id as usize).map(|c| c.role);
    let carries_tasks = |id: u32| chan_role(id).is_some_and(ChanRole::carries_tasks);
    match e.kind() {
        Kind::Spawn => {
            let child = who();
            if e.a == NONE || e.a == e.g {
                format!("{child} started")
            } else {
                format!(
                    "{} started {child}",
                    labels::goroutine_by_id(&names.goroutines, e.a)
                )
            }
        }
        Kind::MakeChan => {
            let buffer = match e.b {
                0 => "unbuffered".to_owned(),
                n => format!("buffer {n}"),
            };
            format!("{} made {} ({buffer})", who(), chan(e.a))
        }
        Kind::Run => format!("{} runs on P{}", who(), e.a),
        Kind::Block => {
            let on = BlockOn::from_u32(e.a).unwrap_or(BlockOn::Io);
            format!("{} {}", who(), labels::blocked_on(on, e.b, &names.chans))
        }
        Kind::Unblock if e.a == NONE => format!("{} woke up: its timer fired", who()),
        Kind::Unblock => format!(
            "{} was woken by {}",
            who(),
            labels::goroutine_by_id(&names.goroutines, e.a)
        ),
        Kind::Preempt => {
            // The event holds how long sysmon had seen this turn, in µs; the
            // learner is told when that was, and how long before the preemption.
            let seen_for = Nanos::from_us(u64::from(e.b));
            format!(
                "{} was preempted on P{p}: sysmon had seen it on P{p} since {} ({} ago)",
                who(),
                fmt::duration(e.t().saturating_sub(seen_for)),
                fmt::duration(seen_for),
                p = e.a,
            )
        }
        Kind::RuntimeSteal if e.g == NONE => format!(
            "P{} stole {} from P{}'s run queue",
            e.a,
            plural(e.b, "goroutine"),
            e.c
        ),
        Kind::RuntimeSteal => format!("P{} stole {} from P{}'s runnext", e.a, who(), e.c),
        Kind::Send => match chan_role(e.a) {
            Some(ChanRole::Semaphore) => format!("{} acquired the semaphore", who()),
            _ => {
                let what = value(e.b, carries_tasks(e.a));
                let direct = if e.c == NONE {
                    String::new()
                } else {
                    format!(
                        ", straight to {}",
                        labels::goroutine_by_id(&names.goroutines, e.c)
                    )
                };
                format!("{} sent {what} to {}{direct}", who(), chan(e.a))
            }
        },
        Kind::Recv => match chan_role(e.a) {
            Some(ChanRole::Semaphore) => format!("{} released the semaphore", who()),
            Some(ChanRole::Ticker) => format!("{} got a tick from the ticker", who()),
            Some(ChanRole::Timer) => format!("{} got the time from its timer", who()),
            _ => format!(
                "{} received {} from {}",
                who(),
                value(e.b, carries_tasks(e.a)),
                chan(e.a)
            ),
        },
        Kind::RecvClosed => format!("{} found {} closed", who(), chan(e.a)),
        Kind::Close => format!("{} closed {}", who(), chan(e.a)),
        Kind::Tick if e.b == 1 => "the ticker ticked".to_owned(),
        Kind::Tick => "the ticker dropped a tick: nobody took the last one".to_owned(),
        Kind::TaskQueued => format!("{} created task {}", who(), e.a),
        Kind::TaskStart => format!("{} started task {}", who(), e.a),
        Kind::TaskEnd if e.b == 0 => format!("{} finished task {}", who(), e.a),
        Kind::TaskEnd => format!("task {} failed: the database refused it", e.a),
        Kind::DequePush => format!(
            "{} pushed task {} onto {}'s deque",
            who(),
            e.b,
            labels::deque_owner(e.a)
        ),
        Kind::DequePop => format!(
            "{} took task {} from {}'s deque",
            who(),
            e.b,
            labels::deque_owner(e.a)
        ),
        Kind::Steal => format!(
            "{} stole {} from {}",
            who(),
            plural(e.b, "task"),
            labels::deque_owner(e.a)
        ),
        Kind::Token => format!(
            "{} got a token after waiting {}",
            who(),
            fmt::duration(Nanos(u64::from(e.b)))
        ),
        Kind::Cancel => format!("{} cancelled the context", who()),
        Kind::Select => format!("{} chose case {} of its select", who(), e.a),
        Kind::Exit => format!("{} returned", who()),
        Kind::Leaked => match BlockOn::from_u32(e.a) {
            Some(BlockOn::Runnable | BlockOn::Running) => {
                format!("{} was cut off: still working when main returned", who())
            }
            on => format!(
                "{} leaked: still blocked on {} when main returned",
                who(),
                on.map_or("something", BlockOn::name)
            ),
        },
        Kind::Deliver if e.b == 0 => format!("{} handed on result {}", who(), e.a),
        Kind::Deliver => format!(
            "{} handed on result {}, holding {} back for their turn",
            who(),
            e.a,
            e.b
        ),
        Kind::TickerLeaked => format!(
            "the ticker on {} was still running when main returned: nothing stopped it",
            chan(e.a)
        ),
    }
}

/// A value sent on a channel: a task number on task-carrying channels, a bare value otherwise.
fn value(v: u32, is_task: bool) -> String {
    match (is_task, v) {
        (_, NONE) => "a signal".to_owned(),
        (true, v) => format!("task {v}"),
        (false, v) => format!("value {v}"),
    }
}

fn plural(n: u32, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gobalance_core::link::parse;
    use gobalance_core::view::Timeline;
    use gobalance_core::{simulate, Nanos, Role};

    fn event(kind: Kind, g: u32, a: u32, b: u32, c: u32) -> Event {
        Event::new(Nanos::ZERO, g, kind, 1, a, b, c)
    }

    /// The state of a real steal run, so names come from the simulator itself.
    fn steal_names() -> ViewState {
        let scenario = parse("strategy=steal&workers=4&tasks=8").unwrap().scenario;
        let run = simulate(&scenario).unwrap();
        let timeline = Timeline::new(&scenario, run.events);
        timeline.state_at(timeline.len())
    }

    fn pool_names() -> ViewState {
        let scenario = parse("strategy=pool&workers=4&tasks=8").unwrap().scenario;
        let run = simulate(&scenario).unwrap();
        let timeline = Timeline::new(&scenario, run.events);
        timeline.state_at(timeline.len())
    }

    fn id_of(names: &ViewState, role: Role, index: u32) -> u32 {
        names
            .goroutines
            .iter()
            .position(|g| g.role == role && g.index == index)
            .expect("the goroutine exists") as u32
    }

    fn chan_id(names: &ViewState, role: ChanRole) -> u32 {
        names
            .chans
            .iter()
            .position(|c| c.role == role)
            .expect("the channel exists") as u32
    }

    /// A session loaded from `link`, and each column's view after `k` steps.
    fn session_at(link: &str, k: u64) -> (Session, Vec<Shared<ViewState>>) {
        let link = parse(link).unwrap();
        let request = crate::sim::Request {
            scenario: link.scenario,
            compare: link.view.compare,
            program: None,
        };
        let session =
            crate::sim::session(&request, &crate::sim::Progress::default(), false).unwrap();
        let views = session
            .views_at(k)
            .into_iter()
            .map(|view| Shared(std::rc::Rc::new(view)))
            .collect();
        (session, views)
    }

    #[test]
    fn the_narration_says_the_last_step_and_nothing_while_playing() {
        let (session, views) = session_at("strategy=pool&workers=2&tasks=6", 10);
        let (_, e) = session.step(10).unwrap();
        let said = narration(&session, &views, 10, false);
        assert_eq!(said, describe(&e, &views[0]));
        assert!(!said.is_empty());
        assert_eq!(narration(&session, &views, 10, true), "");
        let (session, views) = session_at("strategy=pool&workers=2&tasks=6", 0);
        assert_eq!(narration(&session, &views, 0, false), "", "no step yet");
    }

    #[test]
    fn the_log_holds_the_last_steps_up_to_the_playhead() {
        let (session, views) = session_at("strategy=pool&workers=2&tasks=6", 30);
        let entries = log(&session, &views, 30);
        let steps: Vec<u64> = entries.iter().map(|entry| entry.step).collect();
        assert_eq!(steps, (30 - LOG_LINES + 1..=30).collect::<Vec<_>>());
        let last = entries.last().unwrap();
        assert_eq!(last.text, narration(&session, &views, 30, false));
        assert_eq!(last.time, fmt::duration(session.step(30).unwrap().1.t()));

        let (session, views) = session_at("strategy=pool&workers=2&tasks=6", 5);
        let early: Vec<u64> = log(&session, &views, 5).iter().map(|e| e.step).collect();
        assert_eq!(
            early,
            vec![1, 2, 3, 4, 5],
            "the log starts at the first step"
        );
        assert!(log(&session, &views, 0).is_empty());
    }

    #[test]
    fn compared_runs_say_whose_event_it_is() {
        let (session, views) = session_at("strategy=pool&workers=2&tasks=6&compare=pool,steal", 40);
        for entry in log(&session, &views, 40) {
            let (column, e) = session.step(entry.step).unwrap();
            let whose = session.runs[column].scenario.strategy.key();
            assert_eq!(
                entry.text,
                format!("{whose}: {}", describe(&e, &views[column]))
            );
        }
    }

    #[test]
    fn a_steal_names_the_thief_the_count_and_the_victim() {
        let names = steal_names();
        let thief = id_of(&names, Role::Worker, 3);
        assert_eq!(
            describe(&event(Kind::Steal, thief, 1, 2, 3), &names),
            "worker 3 stole 2 tasks from worker 1"
        );
        assert_eq!(
            describe(&event(Kind::Steal, thief, 1, 1, 3), &names),
            "worker 3 stole 1 task from worker 1"
        );
    }

    #[test]
    fn a_preemption_says_when_sysmon_first_saw_the_turn() {
        let names = pool_names();
        let worker = id_of(&names, Role::Worker, 3);
        let at = Nanos(31_220_000);
        let seen_for_us = 10_000;
        let e = Event::new(at, worker, Kind::Preempt, 1, 1, seen_for_us, NONE);
        assert_eq!(
            describe(&e, &names),
            "worker 3 was preempted on P1: sysmon had seen it on P1 since 21.220 ms (10.000 ms ago)"
        );
    }

    #[test]
    fn a_real_preemption_names_sysmons_first_look_at_the_turn() {
        // Two CPU-bound goroutines on one P: sysmon preempts the first.
        let (session, _) = session_at("strategy=pool&workers=2&tasks=2&dur=100ms&cpu=1&cores=1", 0);
        let events = session.runs[0].events();
        let at = events
            .iter()
            .position(|e| e.kind() == Kind::Preempt)
            .expect("a 100 ms computation is preempted");
        let e = &events[at];
        let turn_start = events[..at]
            .iter()
            .rfind(|r| r.kind() == Kind::Run && r.g == e.g)
            .expect("it ran before")
            .t();
        let seen_for = Nanos::from_us(u64::from(e.b));
        let since = e.t() - seen_for;
        // sysmon looks every 20 µs early in a run, so its first look at the
        // turn comes within one look of its start (the event rounds to µs).
        assert!(
            turn_start <= since && since <= turn_start + Nanos::from_us(21),
            "turn from {turn_start}, seen since {since}"
        );
        // Go's forcePreemptNS: a whole 10 ms slice, and less than two.
        assert!(seen_for >= Nanos::from_ms(10) && seen_for < Nanos::from_ms(20));
        let views: Vec<Shared<ViewState>> = session
            .views_at(at as u64 + 1)
            .into_iter()
            .map(|view| Shared(std::rc::Rc::new(view)))
            .collect();
        let who = labels::goroutine_by_id(&views[0].goroutines, e.g);
        assert_eq!(
            narration(&session, &views, at as u64 + 1, false),
            format!(
                "{who} was preempted on P0: sysmon had seen it on P0 since {} ({} ago)",
                fmt::duration(since),
                fmt::duration(seen_for)
            )
        );
    }

    #[test]
    fn a_steal_from_runnext_names_the_goroutine_taken() {
        // Whether an idle P ends up taking a runnext depends on the run's
        // random steal order: the first of these runs where one does.
        let (session, at) = [
            "strategy=pool&tasks=40&cores=4&cpu=0.5&dur=1ms&dist=exp",
            "strategy=pool&tasks=40&cores=2&cpu=0.5&dur=1ms&dist=exp",
            "strategy=unbounded&tasks=40&cores=8&dur=1ms&dist=exp",
        ]
        .into_iter()
        .find_map(|link| {
            let (session, _) = session_at(link, 0);
            let at = session.runs[0]
                .events()
                .iter()
                .position(|e| e.kind() == Kind::RuntimeSteal && e.g != NONE)?;
            Some((session, at))
        })
        .expect("in one of these runs an idle P takes a busy P's runnext");
        let events = session.runs[0].events();
        let e = &events[at];
        let views: Vec<Shared<ViewState>> = session
            .views_at(at as u64 + 1)
            .into_iter()
            .map(|view| Shared(std::rc::Rc::new(view)))
            .collect();
        let stolen = labels::goroutine(&views[0].goroutines.get(e.g as usize).unwrap());
        assert!(!stolen.is_empty());
        assert_eq!(
            narration(&session, &views, at as u64 + 1, false),
            format!("P{} stole {stolen} from P{}'s runnext", e.a, e.c)
        );
    }

    #[test]
    fn blocking_names_the_channel_and_the_direction() {
        let names = pool_names();
        let worker = id_of(&names, Role::Worker, 0);
        let tasks = chan_id(&names, ChanRole::Tasks);
        let results = chan_id(&names, ChanRole::Results);
        assert_eq!(
            describe(
                &event(Kind::Block, worker, BlockOn::ChanRecv as u32, tasks, NONE),
                &names
            ),
            "worker 0 blocked receiving from tasks"
        );
        assert_eq!(
            describe(
                &event(Kind::Block, worker, BlockOn::ChanSend as u32, results, 5),
                &names
            ),
            "worker 0 blocked sending to results"
        );
    }

    #[test]
    fn every_kind_of_event_gets_a_sentence() {
        let names = pool_names();
        let worker = id_of(&names, Role::Worker, 1);
        let tasks = chan_id(&names, ChanRole::Tasks);
        let cases = [
            (event(Kind::Spawn, worker, 0, 1, 1), "main started worker 1"),
            (
                event(Kind::MakeChan, 0, tasks, 0, 0),
                "main made tasks (unbuffered)",
            ),
            (
                event(Kind::Run, worker, 2, NONE, NONE),
                "worker 1 runs on P2",
            ),
            (
                event(Kind::Unblock, worker, 0, NONE, NONE),
                "worker 1 was woken by main",
            ),
            (
                event(Kind::Unblock, worker, NONE, NONE, NONE),
                "worker 1 woke up: its timer fired",
            ),
            (
                event(Kind::RuntimeSteal, NONE, 1, 2, 0),
                "P1 stole 2 goroutines from P0's run queue",
            ),
            (
                event(Kind::RuntimeSteal, worker, 1, 1, 0),
                "P1 stole worker 1 from P0's runnext",
            ),
            (
                event(Kind::Send, worker, tasks, 4, NONE),
                "worker 1 sent task 4 to tasks",
            ),
            (
                event(Kind::Recv, worker, tasks, 4, NONE),
                "worker 1 received task 4 from tasks",
            ),
            (
                event(Kind::RecvClosed, worker, tasks, 0, 0),
                "worker 1 found tasks closed",
            ),
            (
                event(Kind::Close, worker, tasks, 0, 0),
                "worker 1 closed tasks",
            ),
            (event(Kind::Tick, NONE, 0, 1, 0), "the ticker ticked"),
            (
                event(Kind::TaskQueued, worker, 4, 0, 0),
                "worker 1 created task 4",
            ),
            (
                event(Kind::TaskStart, worker, 4, 1, 0),
                "worker 1 started task 4",
            ),
            (
                event(Kind::TaskEnd, worker, 4, 0, 0),
                "worker 1 finished task 4",
            ),
            (
                event(Kind::TaskEnd, worker, 4, 1, 0),
                "task 4 failed: the database refused it",
            ),
            (
                event(Kind::DequePush, 0, 2, 4, 0),
                "main pushed task 4 onto worker 2's deque",
            ),
            (
                event(Kind::DequePop, worker, 1, 4, 0),
                "worker 1 took task 4 from worker 1's deque",
            ),
            (
                event(Kind::Token, worker, 0, 1_000_000, 0),
                "worker 1 got a token after waiting 1.000 ms",
            ),
            (
                event(Kind::Cancel, 0, 0, 0, 0),
                "main cancelled the context",
            ),
            (
                event(Kind::Select, worker, 1, 0, 0),
                "worker 1 chose case 1 of its select",
            ),
            (event(Kind::Exit, worker, 0, 0, 0), "worker 1 returned"),
            (
                event(Kind::Deliver, worker, 3, 0, 0),
                "worker 1 handed on result 3",
            ),
            (
                event(Kind::Deliver, worker, 3, 2, 0),
                "worker 1 handed on result 3, holding 2 back for their turn",
            ),
            (
                event(Kind::Leaked, worker, BlockOn::ChanSend as u32, NONE, NONE),
                "worker 1 leaked: still blocked on chan send when main returned",
            ),
        ];
        for (e, sentence) in cases {
            assert_eq!(describe(&e, &names), sentence, "{e:?}");
        }
    }

    #[test]
    fn a_whole_real_trace_narrates_without_placeholders() {
        let scenario = parse("strategy=ratelimit&workers=2&tasks=4&limiter=bucket")
            .unwrap()
            .scenario;
        let run = simulate(&scenario).unwrap();
        let timeline = Timeline::new(&scenario, run.events.clone());
        let names = timeline.state_at(timeline.len());
        for e in &run.events {
            let sentence = describe(e, &names);
            assert!(!sentence.is_empty());
            assert!(!sentence.contains("goroutine 4294967295"), "{sentence}");
        }
    }
}
