//! Rate limiting: workers wait for a ticker's tick or a token bucket's token before each task.

use super::{close_when_done, produce};
use crate::chan::Chan;
use crate::executor::go;
use crate::sync::WaitGroup;
use crate::time::{Limiter, Ticker};
use crate::work::World;
use gobalance_core::scenario::Limiter as LimiterKind;
use gobalance_core::{Nanos, Role};
use std::sync::Arc;

/// What a worker waits for before each task.
#[derive(Clone)]
enum Pace {
    Token(Arc<Limiter>),
    Tick(Chan),
}

pub(crate) async fn main(world: Arc<World>) {
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
    let tasks = Chan::make(params.tasks_buffer);
    let results = Chan::make(params.results_buffer);
    let wg = WaitGroup::new();
    for w in 0..params.workers {
        wg.add(1);
        let worker = worker(
            world.clone(),
            w,
            pace.clone(),
            tasks.clone(),
            results.clone(),
            wg.clone(),
        );
        go(Role::Worker, w, worker);
    }
    go(Role::Producer, 0, produce(world.clone(), tasks));
    go(Role::Closer, 0, close_when_done(wg, results.clone()));
    while results.recv().await.is_some() {}
    if let Some(ticker) = ticker {
        ticker.stop();
    }
}

async fn worker(world: Arc<World>, id: u32, pace: Pace, tasks: Chan, results: Chan, wg: WaitGroup) {
    while let Some(t) = tasks.recv().await {
        match &pace {
            Pace::Token(limiter) => limiter.wait().await,
            Pace::Tick(c) => {
                c.recv().await;
            }
        }
        world.run_task(t, id).await;
        results.send(t).await;
    }
    wg.done();
}
