//! Semaphore: one goroutine per task, but a buffered channel of `workers` slots lets only that many run at once.

use crate::chan::Chan;
use crate::executor::go;
use crate::sync::WaitGroup;
use crate::work::World;
use gobalance_core::strategies::go_source;
use gobalance_core::trace::EMPTY_STRUCT;
use gobalance_core::{go_lines, Role, Strategy};
use std::sync::Arc;

go_lines!(Lines {
    acquire,
    run,
    release,
    wait
});

pub(crate) async fn main(world: Arc<World>) {
    let l = Lines::resolve(go_source(Strategy::Semaphore));
    let sem = Chan::make(world.scenario().params.workers);
    let wg = WaitGroup::new();
    for t in 0..world.tasks() {
        world.task_queued(t);
        sem.send(EMPTY_STRUCT, l.acquire).await;
        wg.add(1);
        let (world, sem, wg) = (world.clone(), sem.clone(), wg.clone());
        go(Role::Worker, t, async move {
            world.run_task(t, t, l.run).await;
            sem.recv(l.release).await;
            wg.done();
        });
    }
    wg.wait(l.wait).await;
}
