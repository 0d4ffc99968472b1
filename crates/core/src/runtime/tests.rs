//! The engine's unit tests: hand-written programs run on a few Ps, checking one behaviour each.

use super::*;
use crate::go::{Go, Select, World};
use crate::vocabulary::ChanRole;

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

#[test]
fn a_ticker_drops_ticks_while_nobody_receives() {
    let (outcome, events) = run_main(1, |go| async move {
        let ticker = go.ticker(Nanos::from_ms(10), 1).await;
        // Busy for 35 ms: ticks at 10 (kept in the buffer of one), 20 and 30 (dropped).
        go.cpu(Nanos::from_ms(35), 2).await;
        go.recv(ticker.c, 3).await;
        go.recv(ticker.c, 4).await;
        go.stop_ticker(ticker, 5).await;
    });
    let end = outcome.expect("runs").end;
    let ticks: Vec<u32> = events
        .iter()
        .filter(|e| e.kind() == Kind::Tick)
        .map(|e| e.b)
        .collect();
    assert_eq!(ticks, vec![1, 0, 0, 1], "kept, dropped, dropped, delivered");
    assert!(
        end >= Nanos::from_ms(40) && end < Nanos::from_ms(41),
        "second receive waits for the 40 ms tick, ended {end}"
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
