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
async fn produce(world: Arc<World>, tasks: Chan, send_line: u16) {
    for t in 0..world.tasks() {
        world.task_queued(t);
        tasks.send(t, send_line).await;
    }
    tasks.close();
}

/// The closer most programs share: once every worker is done, close
/// `results` so the collector's range loop ends.
async fn close_when_done(wg: WaitGroup, results: Chan, wait_line: u16) {
    wg.wait(wait_line).await;
    results.close();
}

#[cfg(test)]
mod tests {
    use super::*;
    use gobalance_core::program::line_of;
    use gobalance_core::strategies::go_source;

    #[test]
    fn every_marker_a_real_strategy_uses_is_in_its_go_program() {
        let checks: [(Strategy, &[&str]); 9] = [
            (Strategy::Unbounded, unbounded::Lines::MARKERS),
            (Strategy::Pool, pool::Lines::MARKERS),
            (Strategy::Static, static_partition::Lines::MARKERS),
            (Strategy::Steal, steal::Lines::MARKERS),
            (Strategy::Dynamic, dynamic::Lines::MARKERS),
            (Strategy::Fanout, fanout::Lines::MARKERS),
            (Strategy::RateLimit, ratelimit::Lines::MARKERS),
            (Strategy::Semaphore, semaphore::Lines::MARKERS),
            (Strategy::Leak, leak::Lines::MARKERS),
        ];
        for (strategy, markers) in checks {
            for marker in markers {
                assert_ne!(
                    line_of(go_source(strategy), marker),
                    0,
                    "{}: no //@{marker}",
                    strategy.key()
                );
            }
        }
    }
}
