//! Static partition: tasks dealt round-robin to one queue per worker up front; nobody helps anybody.

use crate::deque::{deal_round_robin, OwnDeque};
use crate::executor::go;
use crate::sync::WaitGroup;
use crate::work::World;
use gobalance_core::strategies::go_source;
use gobalance_core::{go_lines, Role, Strategy};
use std::sync::Arc;

go_lines!(Lines { run, wait });

pub(crate) async fn main(world: Arc<World>) {
    let l = Lines::resolve(go_source(Strategy::Static));
    let workers = world.scenario().params.workers;
    for t in 0..world.tasks() {
        world.task_queued(t);
    }
    let (queues, _) = deal_round_robin(world.tasks(), workers);
    let wg = WaitGroup::new();
    for queue in queues {
        wg.add(1);
        go(
            Role::Worker,
            queue.id,
            worker(world.clone(), l, queue, wg.clone()),
        );
    }
    wg.wait(l.wait).await;
}

async fn worker(world: Arc<World>, l: Lines, queue: OwnDeque, wg: WaitGroup) {
    while let Some(t) = queue.pop() {
        world.run_task(t, queue.id, l.run).await;
    }
    wg.done();
}
