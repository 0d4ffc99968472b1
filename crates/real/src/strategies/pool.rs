//! Worker pool: a fixed set of workers share one tasks channel; a closer goroutine closes results once all have returned.

use super::{close_when_done, produce};
use crate::chan::Chan;
use crate::executor::go;
use crate::sync::WaitGroup;
use crate::work::World;
use gobalance_core::Role;
use std::sync::Arc;

pub(crate) async fn main(world: Arc<World>) {
    let params = &world.scenario().params;
    let tasks = Chan::make(params.tasks_buffer);
    let results = Chan::make(params.results_buffer);
    let wg = WaitGroup::new();
    for w in 0..params.workers {
        wg.add(1);
        go(
            Role::Worker,
            w,
            worker(world.clone(), w, tasks.clone(), results.clone(), wg.clone()),
        );
    }
    go(Role::Producer, 0, produce(world.clone(), tasks));
    go(Role::Closer, 0, close_when_done(wg, results.clone()));
    while results.recv().await.is_some() {}
}

async fn worker(world: Arc<World>, id: u32, tasks: Chan, results: Chan, wg: WaitGroup) {
    while let Some(t) = tasks.recv().await {
        world.run_task(t, id).await;
        results.send(t).await;
    }
    wg.done();
}
