//! What a run's timeline holds and how fast it seeks: `cargo run --release -p gobalance-core --example timeline_size -- LINK...`.

use gobalance_core::link::parse;
use std::time::{Duration, Instant};

/// Random seeks measured, each followed by a step back.
const SEEKS: usize = 200;

fn main() {
    for link in std::env::args().skip(1) {
        let scenario = match parse(&link) {
            Ok(parsed) => parsed.scenario,
            Err(errors) => {
                eprintln!("{link}: {errors}");
                continue;
            }
        };
        let started = Instant::now();
        let timeline = match gobalance_core::simulate_to_timeline(&scenario, None, usize::MAX) {
            Ok((_, Some(timeline))) => timeline,
            Ok((_, None)) => continue,
            Err(error) => {
                eprintln!("{link}: {error}");
                continue;
            }
        };
        let simulated = started.elapsed();
        let tasks = f64::from(scenario.workload.tasks);
        let events = timeline.len() as f64;
        let trace = timeline.trace().bytes_held() as f64;
        println!(
            "{link}\n  {} events ({:.2} a task), simulated with its timeline in {simulated:.2?}\n  \
             holds {:.1} bytes a task: the trace {:.1} ({:.2} an event), {} snapshots ({} packed)",
            timeline.len(),
            events / tasks,
            timeline.bytes_held() as f64 / tasks,
            trace / tasks,
            trace / events,
            timeline.snapshot_indices().count(),
            timeline.snapshots_packed(),
        );
        // A fixed sequence of places (a linear congruential generator), so
        // that runs of this measurement compare.
        let mut x: u64 = 12345;
        let mut seeks: Vec<Duration> = (0..SEEKS)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let at = (x >> 11) % timeline.len().max(1);
                let started = Instant::now();
                timeline.state_at(at);
                timeline.state_at(at.saturating_sub(1));
                started.elapsed()
            })
            .collect();
        seeks.sort();
        println!(
            "  a seek and a step back: p50 {:.2?}, p95 {:.2?}, max {:.2?}",
            seeks[SEEKS / 2],
            seeks[SEEKS * 95 / 100],
            seeks[SEEKS - 1]
        );
    }
}
