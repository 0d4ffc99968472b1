//! Work stealing: per-worker deques; the owner takes from its end, an idle worker steals one or half from the other end of another's.

use crate::deque::{deal_round_robin, OwnDeque, Victim};
use crate::executor::go;
use crate::sync::WaitGroup;
use crate::work::World;
use gobalance_core::strategies::go_source;
use gobalance_core::{go_lines, Role, Strategy};
use std::sync::Arc;

go_lines!(Lines { run, wait });

pub(crate) async fn main(world: Arc<World>) {
    let l = Lines::resolve(go_source(Strategy::Steal));
    let workers = world.scenario().params.workers;
    for t in 0..world.tasks() {
        world.task_queued(t);
    }
    let (own, victims) = deal_round_robin(world.tasks(), workers);
    let victims: Arc<[Victim]> = victims.into();
    let wg = WaitGroup::new();
    for deque in own {
        wg.add(1);
        let id = deque.id;
        let worker = worker(world.clone(), l, deque, victims.clone(), wg.clone());
        go(Role::Worker, id, worker);
    }
    wg.wait(l.wait).await;
}

async fn worker(world: Arc<World>, l: Lines, own: OwnDeque, victims: Arc<[Victim]>, wg: WaitGroup) {
    let workers = victims.len() as u32;
    let amount = world.scenario().params.steal;
    loop {
        if let Some(t) = own.pop() {
            world.run_task(t, own.id, l.run).await;
            continue;
        }
        let stole = (1..workers)
            .map(|i| &victims[((own.id + i) % workers) as usize])
            .any(|victim| own.steal_from(victim, amount) > 0);
        if !stole {
            break;
        }
    }
    wg.done();
}
