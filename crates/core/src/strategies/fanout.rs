//! Fan-out / fan-in: workers each with their own output channel, merged back into one; optionally reordered to input order.

use super::{close_when_done, produce};
use crate::go::{Chan, Go};
use crate::program::go_lines;
use crate::scenario::Scenario;
use crate::vocabulary::{ChanRole, Role};
use std::collections::BTreeSet;
use std::rc::Rc;

pub(crate) const SOURCE: &str = include_str!("../../go/fanout/main.go");

go_lines!(Lines {
    make_tasks,
    spawn_producer,
    send_task,
    close_tasks,
    make_out,
    spawn_worker,
    close_out,
    recv_task,
    run,
    send_out,
    recv_result,
    release_in_order,
    make_merged,
    make_wg,
    add,
    spawn_forwarder,
    done,
    forward_recv,
    forward_send,
    spawn_closer,
    wait,
    close_merged,
});

pub(crate) async fn main(go: Go, s: Rc<Scenario>) {
    let l = Lines::resolve(SOURCE);
    let tasks = go
        .make_chan(s.params.tasks_buffer, ChanRole::Tasks, l.make_tasks)
        .await;
    go.spawn(
        Role::Producer,
        0,
        produce(go.clone(), tasks, l.send_task, l.close_tasks),
        l.spawn_producer,
    )
    .await;
    let mut outs = Vec::with_capacity(s.params.workers as usize);
    for w in 0..s.params.workers {
        let out = go
            .make_chan(s.params.results_buffer, ChanRole::Output, l.make_out)
            .await;
        outs.push(out);
        go.spawn(
            Role::Worker,
            w,
            worker(go.clone(), l, w, tasks, out),
            l.spawn_worker,
        )
        .await;
    }
    let merged = merge(&go, l, &outs).await;
    // The reorder buffer of `-ordered`: results that arrived before their turn.
    let mut pending = BTreeSet::new();
    let mut next = 0;
    while let Some(t) = go.recv(merged, l.recv_result).await {
        if !s.params.ordered {
            go.deliver(t, 0, l.recv_result);
            continue;
        }
        pending.insert(t);
        while pending.remove(&next) {
            go.deliver(next, pending.len() as u32, l.release_in_order);
            next += 1;
        }
    }
}

async fn worker(go: Go, l: Lines, id: u32, tasks: Chan, out: Chan) {
    while let Some(t) = go.recv(tasks, l.recv_task).await {
        go.run_task(t, id, l.run).await;
        go.send(out, t, l.send_out).await;
    }
    go.close(out, l.close_out).await;
}

async fn merge(go: &Go, l: Lines, outs: &[Chan]) -> Chan {
    let merged = go.make_chan(0, ChanRole::Results, l.make_merged).await;
    let wg = go.wait_group(l.make_wg).await;
    for (i, &out) in outs.iter().enumerate() {
        go.add(wg, 1, l.add).await;
        let g = go.clone();
        let forward = async move {
            while let Some(t) = g.recv(out, l.forward_recv).await {
                g.send(merged, t, l.forward_send).await;
            }
            g.done(wg, l.done).await;
        };
        go.spawn(Role::Forwarder, i as u32, forward, l.spawn_forwarder)
            .await;
    }
    let closer = close_when_done(go.clone(), wg, merged, l.wait, l.close_merged);
    go.spawn(Role::Closer, 0, closer, l.spawn_closer).await;
    merged
}
