//! The engine's unit tests: hand-written programs run on a few Ps, checking one behaviour each.

use super::*;
use crate::go::{Go, Select, World};
use crate::trace::NONE;
use crate::vocabulary::{ChanRole, Role};

#[derive(Default)]
struct Collect(Vec<Event>);

impl Sink for Collect {
    fn event(&mut self, e: &Event) {
        self.0.push(*e);
    }
}

/// Runs a hand-written `main` on `cores` Ps with default costs.
fn run_main<F, Fut>(cores: u32, main: F) -> (Result<Outcome, SimError>, Vec<Event>)
where
    F: FnOnce(Go) -> Fut,
    Fut: Future<Output = ()> + 'static,
{
    let rng = Rc::new(RefCell::new(SimRng::new(1)));
    let mailbox = Rc::new(Mailbox::default());
    let world = Rc::new(World {
        durations: vec![Nanos::from_ms(1); 4].into(),
        workload: crate::Scenario::default().workload,
    });
    let go = Go::new(mailbox.clone(), world);
    let mut sink = Collect::default();
    let config = EngineConfig {
        cores,
        costs: Costs::default(),
        resource: None,
        events_max: limits::EVENTS_MAX,
        goroutines_max: limits::GOROUTINES_MAX,
        straight_on: StraightOn::Allowed,
    };
    let engine = Engine::new(config, mailbox, rng, &mut sink);
    let outcome = engine.run(Box::pin(main(go)), None);
    (outcome, sink.0)
}

#[test]
fn a_receive_nobody_will_match_is_a_deadlock() {
    let (outcome, _) = run_main(1, |go| async move {
        let ch = go.make_chan(0, ChanRole::Results, 1).await;
        go.recv(ch, 2).await;
    });
    assert!(
        matches!(outcome, Err(SimError::Deadlock { .. })),
        "{outcome:?}"
    );
}

#[test]
fn sending_on_a_closed_channel_panics_with_its_line() {
    let (outcome, _) = run_main(1, |go| async move {
        let ch = go.make_chan(1, ChanRole::Results, 1).await;
        go.close(ch, 2).await;
        go.send(ch, 7, 3).await;
    });
    match outcome {
        Err(SimError::Panic { line, message, .. }) => {
            assert_eq!(line, 3);
            assert_eq!(message, "send on closed channel");
        }
        other => panic!("expected a panic, got {other:?}"),
    }
}

#[test]
fn an_unbuffered_send_waits_for_its_receiver() {
    let (outcome, events) = run_main(2, |go| async move {
        let ch = go.make_chan(0, ChanRole::Results, 1).await;
        let g = go.clone();
        let receiver = async move {
            g.sleep(Nanos::from_ms(5), 3).await;
            g.recv(ch, 4).await;
        };
        go.spawn(Role::Worker, 0, receiver, 2).await;
        go.send(ch, 42, 5).await;
    });
    let end = outcome.expect("runs").end;
    assert!(
        end >= Nanos::from_ms(5),
        "the sender returned at {end}, before the receiver woke"
    );
    let send = events
        .iter()
        .find(|e| e.kind() == Kind::Recv)
        .expect("a receive");
    assert_eq!(
        (send.b, send.c),
        (42, MAIN),
        "the value came straight from main"
    );
}

/// Go's `runOneTimer`: a ticker served late sends once and is re-armed for
/// the next multiple of its period, so the ticks it missed collapse; and
/// its timer fires only when its P looks for work (`checkTimers`), here when
/// sysmon preempts the computation at 11.22 and 31.22 ms.
#[test]
fn a_ticker_served_late_sends_once_and_drops_while_the_buffer_is_full() {
    let (outcome, events) = run_main(1, |go| async move {
        let ticker = go.ticker(Nanos::from_ms(10), 1).await;
        // Busy for 35 ms: the 10 ms tick is kept in the buffer of one (at
        // 11.22 ms), the 20 ms one dropped (at 31.22 ms, the 30 ms one
        // merged into it), and the 40 ms one delivered to the waiting receive.
        go.cpu(Nanos::from_ms(35), 2).await;
        go.recv(ticker.c, 3).await;
        go.recv(ticker.c, 4).await;
        go.stop_ticker(ticker, 5).await;
    });
    let end = outcome.expect("runs").end;
    let ticks: Vec<(u32, Nanos)> = events
        .iter()
        .filter(|e| e.kind() == Kind::Tick)
        .map(|e| (e.b, e.t()))
        .collect();
    let kept: Vec<u32> = ticks.iter().map(|&(kept, _)| kept).collect();
    assert_eq!(kept, vec![1, 0, 1], "kept, dropped, delivered: {ticks:?}");
    assert_eq!(
        ticks[0].1,
        Nanos(11_220_000),
        "fired when sysmon preempted main"
    );
    assert!(
        end >= Nanos::from_ms(40) && end < Nanos::from_ms(41),
        "second receive waits for the 40 ms tick, ended {end}"
    );
}

/// The index goroutine `g` was spawned with, if a worker.
fn worker_index(events: &[Event], g: u32) -> Option<u32> {
    events
        .iter()
        .find(|e| e.kind() == Kind::Spawn && e.g == g && e.b == Role::Worker as u32)
        .map(|e| e.c)
}

/// Each worker's index, in the order they returned.
fn exits(events: &[Event]) -> Vec<u32> {
    events
        .iter()
        .filter(|e| e.kind() == Kind::Exit)
        .filter_map(|e| worker_index(events, e.g))
        .collect()
}

/// Go's `checkTimers` → `goroutineReady` → `ready(gp, next=true)`: on a busy
/// P, a goroutine back from a sleep runs as soon as the P looks for work,
/// from `runnext`, ahead of the goroutines in the local queue. Go itself,
/// running the same program (`go/sleepwake`) on one P, prints the same
/// order, or, when its timing shifts on a loaded machine, keeps the rule
/// the order follows from: the sleeper runs right after the first worker
/// that ended past its deadline.
#[test]
fn a_sleeper_woken_on_a_busy_p_runs_next() {
    let (outcome, events) = run_main(1, |go| async move {
        let wg = go.wait_group(1).await;
        go.add(wg, 6, 1).await;
        let g = go.clone();
        let sleeper = async move {
            g.sleep(Nanos::from_us(5_500), 2).await;
            g.done(wg, 3).await;
        };
        go.spawn(Role::Worker, 0, sleeper, 1).await;
        go.sleep(Nanos::from_us(100), 4).await;
        for w in 1..=5 {
            let g = go.clone();
            let worker = async move {
                g.cpu(Nanos::from_ms(3), 5).await;
                g.done(wg, 6).await;
            };
            go.spawn(Role::Worker, w, worker, 4).await;
        }
        go.wait(wg, 7).await;
    });
    outcome.expect("runs");
    // W5 from runnext, W1 from the queue; the sleeper is due during W1 and
    // runs (and returns) when W1 ends, before W2.
    assert_eq!(exits(&events), [5, 1, 0, 2, 3, 4]);

    // Go's runs, three of them: the rule must hold in at least two (it held
    // in 299 of 300 on this machine under load, the exact order in 267). A
    // wake-up queued behind the others, as the simulator once had it, breaks
    // it: W2 would follow W1, the first worker past the deadline.
    let runs: Vec<String> = (0..3)
        .map(|_| {
            let output = std::process::Command::new("go")
                .args(["run", "./sleepwake"])
                .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/go"))
                .env("GOPROXY", "off")
                .env_remove("GOFLAGS")
                .output()
                .expect("`go` runs (cargo xtask setup installs it)");
            String::from_utf8_lossy(&output.stdout).into_owned()
        })
        .collect();
    let kept = runs.iter().filter(|text| text.contains("rule: ok")).count();
    assert!(
        kept >= 2,
        "Go's sleeper did not run right after the first worker past its deadline: {runs:?}"
    );
}

/// Go's `closechan` gathers the parked receivers on a stack and readies
/// them popping it, each into `runnext`: the first to park runs first, then
/// the last, down to the second. Go itself, running the same program
/// (`go/closeorder`) on one P, prints the same order.
#[test]
fn close_runs_the_first_receiver_then_the_last_down_to_the_second() {
    const RECEIVERS: u32 = 4;
    let (outcome, events) = run_main(1, |go| async move {
        let ch = go.make_chan(0, ChanRole::Quit, 1).await;
        let wg = go.wait_group(1).await;
        for w in 1..=RECEIVERS {
            go.add(wg, 1, 2).await;
            let g = go.clone();
            let receiver = async move {
                g.recv(ch, 3).await;
                g.done(wg, 4).await;
            };
            go.spawn(Role::Worker, w, receiver, 2).await;
            // The receiver parks before main is back.
            go.sleep(Nanos::from_ms(1), 5).await;
        }
        go.close(ch, 6).await;
        go.wait(wg, 7).await;
    });
    outcome.expect("runs");
    let closed_at = events
        .iter()
        .position(|e| e.kind() == Kind::Close)
        .expect("main closes the channel");
    let index_of = |g: u32| worker_index(&events, g);
    let of_kind = |kind: Kind, from: usize| -> Vec<u32> {
        events[from..]
            .iter()
            .filter(|e| e.kind() == kind && e.g != MAIN)
            .filter_map(|e| index_of(e.g))
            .collect()
    };
    let parked = of_kind(Kind::Block, 0);
    let ran = of_kind(Kind::Run, closed_at);
    assert_eq!(parked, [1, 2, 3, 4]);
    assert_eq!(ran, [1, 4, 3, 2]);

    let go_output = std::process::Command::new("go")
        .args(["run", "./closeorder", "-receivers", &RECEIVERS.to_string()])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/go"))
        .env("GOPROXY", "off")
        .env_remove("GOFLAGS")
        .output()
        .expect("`go` runs (cargo xtask setup installs it)");
    let text = String::from_utf8_lossy(&go_output.stdout);
    let line = |name: &str| -> Vec<u32> {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .unwrap_or_else(|| panic!("go/closeorder printed no `{name}` line: {text}"))
            .split_whitespace()
            .map(|id| id.parse().expect("an id"))
            .collect()
    };
    // Compared by place in the park order, which Go cannot promise.
    let place = |order: &[u32], parked: &[u32]| -> Vec<usize> {
        order
            .iter()
            .map(|id| parked.iter().position(|p| p == id).expect("parked"))
            .collect()
    };
    let (go_parked, go_ran) = (line("parked:"), line("ran:"));
    assert_eq!(
        place(&go_ran, &go_parked),
        place(&ran, &parked),
        "Go ran {go_ran:?} after parking {go_parked:?}"
    );
}

/// Go's `runqsteal`: a thief grabs the oldest half of a victim's local
/// queue, runs the last one grabbed and queues the rest.
#[test]
fn a_thief_runs_the_last_goroutine_it_grabbed() {
    let (outcome, events) = run_main(2, |go| async move {
        for w in 1..=5 {
            let g = go.clone();
            let worker = async move { g.cpu(Nanos::from_ms(1), 2).await };
            go.spawn(Role::Worker, w, worker, 1).await;
        }
        // main keeps P0 while P1, back from backing off, steals.
        go.cpu(Nanos::from_ms(2), 3).await;
    });
    outcome.expect("runs");
    let steal = events
        .iter()
        .find(|e| e.kind() == Kind::RuntimeSteal)
        .expect("the idle P steals");
    assert_eq!(
        (steal.a, steal.b, steal.c, steal.g),
        (1, 2, 0, NONE),
        "P1 took 2 from P0's queue"
    );
    let on_p1: Vec<u32> = events
        .iter()
        .filter(|e| e.kind() == Kind::Run && e.a == 1)
        .map(|e| e.g)
        .collect();
    let index_of = |g: u32| worker_index(&events, g);
    let first_two: Vec<Option<u32>> = on_p1.iter().take(2).map(|&g| index_of(g)).collect();
    assert_eq!(
        first_two,
        [Some(2), Some(1)],
        "the second grabbed runs, the first waits"
    );
}

/// sysmon (proc.go `sysmon`, `retake`): polls every 20 µs, doubling after 50
/// idle polls up to 10 ms, and preempts a P seen on the same `schedtick` for
/// 10 ms: the first preemption at the 11.22 ms poll, then every other 10 ms
/// poll, since each new turn is first seen one poll after it starts.
#[test]
fn sysmon_preempts_on_its_polls() {
    let (outcome, events) = run_main(1, |go| async move {
        let wg = go.wait_group(1).await;
        go.add(wg, 2, 1).await;
        for w in 0..2 {
            let g = go.clone();
            let spinner = async move {
                g.cpu(Nanos::from_ms(100), 2).await;
                g.done(wg, 3).await;
            };
            go.spawn(Role::Worker, w, spinner, 1).await;
        }
        go.wait(wg, 4).await;
    });
    outcome.expect("runs");
    let preempted_at: Vec<Nanos> = events
        .iter()
        .filter(|e| e.kind() == Kind::Preempt)
        .map(|e| e.t())
        .take(3)
        .collect();
    assert_eq!(
        preempted_at,
        [Nanos(11_220_000), Nanos(31_220_000), Nanos(51_220_000)]
    );
}

/// Go's `execute(gp, inheritTime)`: a goroutine taken from `runnext` goes on
/// with the time slice of the one before it, so two goroutines handing the
/// P to each other share one slice and sysmon preempts them as one; a
/// goroutine queued behind them runs at that first preemption.
#[test]
fn goroutines_handing_off_through_runnext_share_one_time_slice() {
    const ROUNDS: u32 = 100_000;
    let (outcome, events) = run_main(1, |go| async move {
        let ping = go.make_chan(0, ChanRole::Tasks, 1).await;
        let pong = go.make_chan(0, ChanRole::Results, 1).await;
        let g = go.clone();
        let queued = async move { g.cpu(Nanos::from_us(1), 2).await };
        go.spawn(Role::Worker, 1, queued, 1).await;
        let g = go.clone();
        let partner = async move {
            while let Some(v) = g.recv(ping, 3).await {
                g.send(pong, v, 4).await;
            }
        };
        go.spawn(Role::Worker, 2, partner, 1).await;
        for round in 0..ROUNDS {
            go.send(ping, round, 5).await;
            go.recv(pong, 6).await;
        }
        go.close(ping, 7).await;
    });
    let end = outcome.expect("runs").end;
    let queued_ran_at = events
        .iter()
        .find(|e| e.kind() == Kind::Run && e.g == 1)
        .map(|e| e.t())
        .expect("the queued goroutine runs");
    assert!(end > Nanos::from_ms(50), "the ping-pong lasts {end}");
    assert!(
        queued_ran_at > Nanos::from_ms(10) && queued_ran_at < Nanos::from_ms(12),
        "the queued goroutine ran at {queued_ran_at}, not at sysmon's first preemption"
    );
}

#[test]
fn a_negative_waitgroup_counter_panics() {
    let (outcome, _) = run_main(1, |go| async move {
        let wg = go.wait_group(1).await;
        go.done(wg, 2).await;
    });
    assert!(
        matches!(outcome, Err(SimError::Panic { ref message, .. }) if message.contains("negative WaitGroup"))
    );
}

/// Go's starvation mode hands the lock to the waiter that queued first
/// (`sync.Mutex`'s FIFO wait queue, `semrelease1` with handoff).
#[test]
fn a_mutex_serialises_its_holders_in_arrival_order() {
    const WORKERS: u32 = 4;
    let (outcome, events) = run_main(4, |go| async move {
        let mu = go.mutex(1).await;
        let wg = go.wait_group(1).await;
        for w in 0..WORKERS {
            go.add(wg, 1, 2).await;
            let g = go.clone();
            let body = async move {
                // Staggered, so the workers reach the lock in the order 0, 1, 2, 3.
                g.sleep(Nanos::from_us(u64::from(w) + 1), 3).await;
                g.lock(mu, 4).await;
                g.cpu(Nanos::from_ms(10), 5).await;
                g.unlock(mu, 6).await;
                g.done(wg, 7).await;
            };
            go.spawn(Role::Worker, w, body, 3).await;
        }
        go.wait(wg, 8).await;
    });
    let end = outcome.expect("runs").end;
    assert!(
        end >= Nanos::from_ms(40),
        "four 10 ms critical sections cannot overlap: {end}"
    );
    let (mut parked, mut handed_to, mut waiting) = (Vec::new(), Vec::new(), Vec::new());
    for e in &events {
        if e.kind() == Kind::Block && e.a == BlockOn::Mutex as u32 {
            parked.push(e.g);
            waiting.push(e.g);
        } else if e.kind() == Kind::Unblock && waiting.contains(&e.g) {
            handed_to.push(e.g);
            waiting.retain(|&g| g != e.g);
        }
    }
    assert_eq!(parked.len(), WORKERS as usize - 1, "all but the first wait");
    assert_eq!(
        handed_to, parked,
        "the lock goes to the waiters in the order they came"
    );
}

#[test]
fn select_takes_the_default_when_nothing_is_ready() {
    let (outcome, _) = run_main(1, |go| async move {
        let ch = go.make_chan(0, ChanRole::Quit, 1).await;
        let mut select = Select::new();
        let send = select.send(ch, 0);
        let chosen = go.select_or_default(select, 2).await;
        assert!(chosen.is_default() && !chosen.is(send), "{chosen:?}");
    });
    outcome.expect("runs");
}
