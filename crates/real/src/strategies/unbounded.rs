//! Unbounded goroutines: one goroutine per task, nothing limits how many run at once.

use crate::executor::go;
use crate::sync::WaitGroup;
use crate::time::sleep;
use crate::work::World;
use gobalance_core::scenario::MainWait;
use gobalance_core::strategies::go_source;
use gobalance_core::{go_lines, Role, Strategy};
use std::sync::Arc;

go_lines!(Lines { run, wait, sleep });

pub(crate) async fn main(world: Arc<World>) {
    let l = Lines::resolve(go_source(Strategy::Unbounded));
    let wg = WaitGroup::new();
    for t in 0..world.tasks() {
        world.task_queued(t);
        wg.add(1);
        let (world, wg) = (world.clone(), wg.clone());
        go(Role::Worker, t, async move {
            world.run_task(t, t, l.run).await;
            wg.done();
        });
    }
    match world.scenario().params.main_wait {
        MainWait::WaitGroup => wg.wait(l.wait).await,
        MainWait::Sleep(d) => sleep(d, l.sleep).await,
        // Returning ends the program; whatever still runs is lost.
        MainWait::Nothing => {}
    }
}
