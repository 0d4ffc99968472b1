//! Worker pool: a fixed set of workers share one tasks channel; a closer goroutine closes results once all have returned.

use super::{close_when_done, produce};
use crate::go::{Chan, Go, WaitGroup};
use crate::program::go_lines;
use crate::scenario::Scenario;
use crate::vocabulary::{ChanRole, Role};
use std::rc::Rc;

pub(crate) const SOURCE: &str = include_str!("../../go/pool/main.go");

go_lines!(Lines {
    make_tasks,
    make_results,
    make_wg,
    add,
    spawn_worker,
    spawn_producer,
    send_task,
    close_tasks,
    spawn_closer,
    wait,
    close_results,
    recv_result,
    done,
    recv_task,
    run,
    send_result,
});

pub(crate) async fn main(go: Go, s: Rc<Scenario>) {
    let l = Lines::resolve(SOURCE);
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
            worker(go.clone(), l, w, tasks, results, wg),
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
}

async fn worker(go: Go, l: Lines, id: u32, tasks: Chan, results: Chan, wg: WaitGroup) {
    while let Some(t) = go.recv(tasks, l.recv_task).await {
        go.run_task(t, id, l.run).await;
        go.send(results, t, l.send_result).await;
    }
    go.done(wg, l.done).await;
}
