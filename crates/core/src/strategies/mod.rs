//! The strategies, one file each, in lesson order; each simulates the Go program of the same name under `go/`.

use crate::go::{Chan, Deque, Go, WaitGroup};
use crate::runtime::GoFuture;
use crate::scenario::{Scenario, Strategy};
use std::rc::Rc;

mod dynamic;
mod fanout;
mod leak;
mod pool;
mod ratelimit;
mod semaphore;
mod static_partition;
mod steal;
mod unbounded;

/// How long the leak program's `main` goes on serving after its first
/// request, so that the goroutines it leaked are still there to count.
pub use leak::SERVE_AFTER as LEAK_SERVE_AFTER;

/// The Go program a strategy simulates, with its `//@` line markers.
pub fn go_source(strategy: Strategy) -> &'static str {
    match strategy {
        Strategy::Unbounded => unbounded::SOURCE,
        Strategy::Pool => pool::SOURCE,
        Strategy::Static => static_partition::SOURCE,
        Strategy::Steal => steal::SOURCE,
        Strategy::Dynamic => dynamic::SOURCE,
        Strategy::Fanout => fanout::SOURCE,
        Strategy::RateLimit => ratelimit::SOURCE,
        Strategy::Semaphore => semaphore::SOURCE,
        Strategy::Leak => leak::SOURCE,
    }
}

/// The path of that program inside `crates/core/go/`.
pub fn go_path(strategy: Strategy) -> String {
    format!("{}/main.go", strategy.key())
}

/// The `main` goroutine of the strategy's program.
pub(crate) fn main_goroutine(go: Go, scenario: Rc<Scenario>) -> GoFuture {
    match scenario.strategy {
        Strategy::Unbounded => Box::pin(unbounded::main(go, scenario)),
        Strategy::Pool => Box::pin(pool::main(go, scenario)),
        Strategy::Static => Box::pin(static_partition::main(go, scenario)),
        Strategy::Steal => Box::pin(steal::main(go, scenario)),
        Strategy::Dynamic => Box::pin(dynamic::main(go, scenario)),
        Strategy::Fanout => Box::pin(fanout::main(go, scenario)),
        Strategy::RateLimit => Box::pin(ratelimit::main(go, scenario)),
        Strategy::Semaphore => Box::pin(semaphore::main(go, scenario)),
        Strategy::Leak => Box::pin(leak::main(go, scenario)),
    }
}

/// The producer most programs share: every task into `tasks`, then close it.
async fn produce(go: Go, tasks: Chan, send_line: u16, close_line: u16) {
    for t in 0..go.tasks() {
        go.task_queued(t, send_line);
        go.send(tasks, t, send_line).await;
    }
    go.close(tasks, close_line).await;
}

/// Static partition and work stealing both start the same way: one deque per
/// worker, and every task dealt round-robin before any worker runs.
/// Static's are plain slices nobody shares; stealing's are locked deques.
async fn deal_round_robin(
    go: &Go,
    workers: u32,
    shared: bool,
    make_line: u16,
    deal_line: u16,
) -> Vec<Deque> {
    let mut deques = Vec::with_capacity(workers as usize);
    for _ in 0..workers {
        deques.push(if shared {
            go.deque(make_line).await
        } else {
            go.plain_queue(make_line).await
        });
    }
    for t in 0..go.tasks() {
        go.task_queued(t, deal_line);
        go.push(deques[(t % workers) as usize], t, deal_line).await;
    }
    deques
}

/// The closer most programs share: once every worker is done, close `results`
/// so the collector's range loop ends.
async fn close_when_done(go: Go, wg: WaitGroup, results: Chan, wait_line: u16, close_line: u16) {
    go.wait(wg, wait_line).await;
    go.close(results, close_line).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An event keeps its line in 9 bits (see [`crate::trace::Event`]).
    #[test]
    fn every_go_program_is_short_enough_for_an_event_to_point_into() {
        for strategy in Strategy::ALL {
            let lines = go_source(strategy).lines().count();
            assert!(
                lines <= usize::from(crate::trace::LINES_MAX),
                "{} has {lines} lines",
                go_path(strategy)
            );
        }
    }

    #[test]
    fn every_marker_a_strategy_uses_is_in_its_go_program() {
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
                    crate::program::line_of(go_source(strategy), marker),
                    0,
                    "{} lacks //@{marker}",
                    go_path(strategy)
                );
            }
        }
    }
}
