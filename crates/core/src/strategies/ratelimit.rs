//! Rate-limited pool: a worker pool whose workers wait for a shared ticker's tick or a token bucket's token before each task.

use super::{close_when_done, produce};
use crate::go::{Chan, Go, Limiter, WaitGroup};
use crate::program::go_lines;
use crate::scenario::{self, Scenario};
use crate::time::Nanos;
use crate::vocabulary::{ChanRole, Role};
use std::rc::Rc;

pub(crate) const SOURCE: &str = include_str!("../../go/ratelimit/main.go");

go_lines!(Lines {
    make_limiter,
    make_ticker,
    make_tick,
    make_tasks,
    make_results,
    make_wg,
    add,
    spawn_worker,
    done,
    recv_task,
    wait_token,
    wait_tick,
    run,
    send_result,
    spawn_producer,
    send_task,
    close_tasks,
    spawn_closer,
    wait,
    close_results,
    recv_result,
    stop_ticker,
});

/// What a worker waits on before each task.
#[derive(Clone, Copy)]
enum Pace {
    Tick(Chan),
    Token(Limiter),
}

pub(crate) async fn main(go: Go, s: Rc<Scenario>) {
    let l = Lines::resolve(SOURCE);
    let period = Nanos(1_000_000_000 / u64::from(s.params.rate_per_s.max(1)));
    let (pace, ticker) = match s.params.limiter {
        scenario::Limiter::Bucket => (
            Pace::Token(
                go.limiter(s.params.rate_per_s, s.params.burst, l.make_limiter)
                    .await,
            ),
            None,
        ),
        scenario::Limiter::Ticker => {
            let ticker = go.ticker(period, l.make_ticker).await;
            (Pace::Tick(ticker.c), Some(ticker))
        }
        // time.Tick hands out only the channel: there is nothing to stop.
        scenario::Limiter::Tick => (Pace::Tick(go.ticker(period, l.make_tick).await.c), None),
    };
    let tasks = go
        .make_chan(s.params.tasks_buffer, ChanRole::Tasks, l.make_tasks)
        .await;
    let results = go
        .make_chan(s.params.results_buffer, ChanRole::Results, l.make_results)
        .await;
    let wg = go.wait_group(l.make_wg).await;
    for w in 0..s.params.workers {
        go.add(wg, 1, l.add).await;
        go.spawn(
            Role::Worker,
            w,
            worker(go.clone(), l, w, pace, tasks, results, wg),
            l.spawn_worker,
        )
        .await;
    }
    go.spawn(
        Role::Producer,
        0,
        produce(go.clone(), tasks, l.send_task, l.close_tasks),
        l.spawn_producer,
    )
    .await;
    let closer = close_when_done(go.clone(), wg, results, l.wait, l.close_results);
    go.spawn(Role::Closer, 0, closer, l.spawn_closer).await;
    while go.recv(results, l.recv_result).await.is_some() {}
    if let Some(ticker) = ticker {
        go.stop_ticker(ticker, l.stop_ticker).await;
    }
}

async fn worker(go: Go, l: Lines, id: u32, pace: Pace, tasks: Chan, results: Chan, wg: WaitGroup) {
    while let Some(t) = go.recv(tasks, l.recv_task).await {
        match pace {
            Pace::Token(limiter) => go.limiter_wait(limiter, l.wait_token).await,
            Pace::Tick(c) => {
                go.recv(c, l.wait_tick).await;
            }
        }
        go.run_task(t, id, l.run).await;
        go.send(results, t, l.send_result).await;
    }
    go.done(wg, l.done).await;
}
