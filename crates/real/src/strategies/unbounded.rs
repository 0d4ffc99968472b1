//! Unbounded goroutines: one goroutine per task, nothing limits how many run at once.

use crate::executor::go;
use crate::sync::WaitGroup;
use crate::time::sleep;
use crate::work::World;
use gobalance_core::scenario::MainWait;
use gobalance_core::Role;
use std::sync::Arc;

pub(crate) async fn main(world: Arc<World>) {
    let wg = WaitGroup::new();
    for t in 0..world.tasks() {
        world.task_queued(t);
        wg.add(1);
        let (world, wg) = (world.clone(), wg.clone());
        go(Role::Worker, t, async move {
            world.run_task(t, t).await;
            wg.done();
        });
    }
    match world.scenario().params.main_wait {
        MainWait::WaitGroup => wg.wait().await,
        MainWait::Sleep(d) => sleep(d).await,
        // Returning ends the program; whatever still runs is lost.
        MainWait::Nothing => {}
    }
}
