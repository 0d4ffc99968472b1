//! Static partition: tasks dealt round-robin to one queue per worker up front; nobody helps anybody.

use super::deal_round_robin;
use crate::go::{Deque, Go, WaitGroup};
use crate::program::go_lines;
use crate::scenario::Scenario;
use crate::vocabulary::Role;
use std::rc::Rc;

pub(crate) const SOURCE: &str = include_str!("../../go/static/main.go");

go_lines!(Lines {
    make_queues,
    deal,
    make_wg,
    add,
    spawn_worker,
    done,
    next_task,
    run,
    wait
});

pub(crate) async fn main(go: Go, s: Rc<Scenario>) {
    let l = Lines::resolve(SOURCE);
    let queues = deal_round_robin(&go, s.params.workers, false, l.make_queues, l.deal).await;
    let wg = go.wait_group(l.make_wg).await;
    for (w, &queue) in queues.iter().enumerate() {
        go.add(wg, 1, l.add).await;
        go.spawn(
            Role::Worker,
            w as u32,
            worker(go.clone(), l, w as u32, queue, wg),
            l.spawn_worker,
        )
        .await;
    }
    go.wait(wg, l.wait).await;
}

async fn worker(go: Go, l: Lines, id: u32, queue: Deque, wg: WaitGroup) {
    while let Some(t) = go.pop(queue, l.next_task).await {
        go.run_task(t, id, l.run).await;
    }
    go.done(wg, l.done).await;
}
