//! The strategies for real, one file each, written as their Go programs in `crates/core/go/` read.

mod dynamic;
mod fanout;
mod leak;
mod pool;
mod ratelimit;
mod semaphore;
mod static_partition;
mod steal;
mod unbounded;

use crate::chan::Chan;
use crate::executor::GoFuture;
use crate::sync::WaitGroup;
use crate::work::World;
use gobalance_core::Strategy;
use std::sync::Arc;

/// The `main` goroutine of the strategy's program.
pub(crate) fn main_goroutine(world: Arc<World>) -> GoFuture {
    match world.scenario().strategy {
        Strategy::Unbounded => Box::pin(unbounded::main(world)),
        Strategy::Pool => Box::pin(pool::main(world)),
        Strategy::Static => Box::pin(static_partition::main(world)),
        Strategy::Steal => Box::pin(steal::main(world)),
        Strategy::Dynamic => Box::pin(dynamic::main(world)),
        Strategy::Fanout => Box::pin(fanout::main(world)),
        Strategy::RateLimit => Box::pin(ratelimit::main(world)),
        Strategy::Semaphore => Box::pin(semaphore::main(world)),
        Strategy::Leak => Box::pin(leak::main(world)),
    }
}

/// The producer most programs share: every task into `tasks`, then close it.
async fn produce(world: Arc<World>, tasks: Chan) {
    for t in 0..world.tasks() {
        world.task_queued(t);
        tasks.send(t).await;
    }
    tasks.close();
}

/// The closer most programs share: once every worker is done, close
/// `results` so the collector's range loop ends.
async fn close_when_done(wg: WaitGroup, results: Chan) {
    wg.wait().await;
    results.close();
}
