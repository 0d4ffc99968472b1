//! Rate limiting: workers wait for a ticker's tick or a token bucket's token before each task.

use super::{close_when_done, produce};
use crate::chan::Chan;
use crate::executor::go;
use crate::sync::WaitGroup;
use crate::time::{Limiter, Ticker};
use crate::work::World;
use gobalance_core::scenario::Limiter as LimiterKind;
use gobalance_core::strategies::go_source;
use gobalance_core::{go_lines, Nanos, Role, Strategy};
use std::sync::Arc;

go_lines!(Lines {
    send_task,
    wait,
    recv_result,
    recv_task,
    wait_token,
    wait_tick,
    run,
    send_result
});

/// What a worker waits for before each task.
#[derive(Clone)]
enum Pace {
    Token(Arc<Limiter>),
    Tick(Chan),
}

/// One worker's channels and pace.
#[derive(Clone)]
struct Wiring {
    pace: Pace,
    tasks: Chan,
    results: Chan,
    wg: WaitGroup,
}

pub(crate) async fn main(world: Arc<World>) {
    let l = Lines::resolve(go_source(Strategy::RateLimit));
    let params = &world.scenario().params;
    let period = Nanos(1_000_000_000 / u64::from(params.rate_per_s.max(1)));
    let (pace, ticker) = match params.limiter {
        LimiterKind::Bucket => (
            Pace::Token(Arc::new(Limiter::new(params.rate_per_s, params.burst))),
            None,
        ),
        LimiterKind::Ticker => {
            let ticker = Ticker::new(period);
            (Pace::Tick(ticker.c.clone()), Some(ticker))
        }
        // time.Tick hands out only the channel: there is nothing to stop.
        LimiterKind::Tick => (Pace::Tick(Ticker::new(period).c), None),
    };
    let wiring = Wiring {
        pace,
        tasks: Chan::make(params.tasks_buffer),
        results: Chan::make(params.results_buffer),
        wg: WaitGroup::new(),
    };
    for w in 0..params.workers {
        wiring.wg.add(1);
        go(Role::Worker, w, worker(world.clone(), l, w, wiring.clone()));
    }
    go(
        Role::Producer,
        0,
        produce(world.clone(), wiring.tasks.clone(), l.send_task),
    );
    let results = wiring.results.clone();
    go(
        Role::Closer,
        0,
        close_when_done(wiring.wg, results.clone(), l.wait),
    );
    while results.recv(l.recv_result).await.is_some() {}
    if let Some(ticker) = ticker {
        ticker.stop();
    }
}

async fn worker(world: Arc<World>, l: Lines, id: u32, wiring: Wiring) {
    while let Some(t) = wiring.tasks.recv(l.recv_task).await {
        match &wiring.pace {
            Pace::Token(limiter) => limiter.wait(l.wait_token).await,
            Pace::Tick(c) => {
                c.recv(l.wait_tick).await;
            }
        }
        world.run_task(t, id, l.run).await;
        wiring.results.send(t, l.send_result).await;
    }
    wiring.wg.done();
}
