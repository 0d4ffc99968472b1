//! Fan-out, fan-in: each worker has its own output channel, forwarders merge them into one, and the collector can restore the input order.

use super::{close_when_done, produce};
use crate::chan::Chan;
use crate::executor::go;
use crate::sync::WaitGroup;
use crate::work::World;
use gobalance_core::strategies::go_source;
use gobalance_core::{go_lines, Role, Strategy};
use std::collections::BTreeSet;
use std::sync::Arc;

go_lines!(Lines {
    send_task,
    recv_result,
    recv_task,
    run,
    send_out,
    forward_recv,
    forward_send,
    wait
});

pub(crate) async fn main(world: Arc<World>) {
    let l = Lines::resolve(go_source(Strategy::Fanout));
    let params = &world.scenario().params;
    let tasks = Chan::make(params.tasks_buffer);
    go(
        Role::Producer,
        0,
        produce(world.clone(), tasks.clone(), l.send_task),
    );
    let outs: Vec<Chan> = (0..params.workers)
        .map(|w| {
            let out = Chan::make(params.results_buffer);
            go(
                Role::Worker,
                w,
                worker(world.clone(), l, w, tasks.clone(), out.clone()),
            );
            out
        })
        .collect();
    let merged = merge(l, &outs);
    // The reorder buffer of `-ordered`: results that arrived before their turn.
    let mut pending = BTreeSet::new();
    let mut next = 0;
    while let Some(t) = merged.recv(l.recv_result).await {
        if !params.ordered {
            world.deliver(t, 0);
            continue;
        }
        pending.insert(t);
        while pending.remove(&next) {
            world.deliver(next, pending.len() as u32);
            next += 1;
        }
    }
}

async fn worker(world: Arc<World>, l: Lines, id: u32, tasks: Chan, out: Chan) {
    while let Some(t) = tasks.recv(l.recv_task).await {
        world.run_task(t, id, l.run).await;
        out.send(t, l.send_out).await;
    }
    out.close();
}

fn merge(l: Lines, outs: &[Chan]) -> Chan {
    let merged = Chan::make(0);
    let wg = WaitGroup::new();
    for (i, out) in outs.iter().enumerate() {
        wg.add(1);
        let (out, merged, wg) = (out.clone(), merged.clone(), wg.clone());
        go(Role::Forwarder, i as u32, async move {
            while let Some(t) = out.recv(l.forward_recv).await {
                merged.send(t, l.forward_send).await;
            }
            wg.done();
        });
    }
    go(Role::Closer, 0, close_when_done(wg, merged.clone(), l.wait));
    merged
}
