//! Worker pool: a fixed set of workers share one tasks channel; a closer goroutine closes results once all have returned.

use super::{close_when_done, produce};
use crate::chan::Chan;
use crate::executor::go;
use crate::sync::WaitGroup;
use crate::work::World;
use gobalance_core::strategies::go_source;
use gobalance_core::{go_lines, Role, Strategy};
use std::sync::Arc;

go_lines!(Lines {
    send_task,
    wait,
    recv_result,
    recv_task,
    run,
    send_result
});

pub(crate) async fn main(world: Arc<World>) {
    let l = Lines::resolve(go_source(Strategy::Pool));
    let params = &world.scenario().params;
    let tasks = Chan::make(params.tasks_buffer);
    let results = Chan::make(params.results_buffer);
    let wg = WaitGroup::new();
    for w in 0..params.workers {
        wg.add(1);
        go(
            Role::Worker,
            w,
            worker(
                world.clone(),
                l,
                w,
                tasks.clone(),
                results.clone(),
                wg.clone(),
            ),
        );
    }
    go(
        Role::Producer,
        0,
        produce(world.clone(), tasks, l.send_task),
    );
    go(
        Role::Closer,
        0,
        close_when_done(wg, results.clone(), l.wait),
    );
    while results.recv(l.recv_result).await.is_some() {}
}

async fn worker(world: Arc<World>, l: Lines, id: u32, tasks: Chan, results: Chan, wg: WaitGroup) {
    while let Some(t) = tasks.recv(l.recv_task).await {
        world.run_task(t, id, l.run).await;
        results.send(t, l.send_result).await;
    }
    wg.done();
}
