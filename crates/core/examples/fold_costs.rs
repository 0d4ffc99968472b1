//! What each part of a run's recording costs, event by event: `cargo run --release -p gobalance-core --example fold_costs -- LINK`.

use gobalance_core::compact::CompactTrace;
use gobalance_core::link::parse;
use gobalance_core::trace::TraceHasher;
use gobalance_core::view::{TimelineBuilder, ViewState};
use gobalance_core::MetricsFold;
use std::time::Instant;

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
        let bare = gobalance_core::simulate_with(&scenario, false, None).expect("runs");
        let engine = started.elapsed();
        let started = Instant::now();
        let recorded = gobalance_core::simulate_to_timeline(&scenario, None, usize::MAX);
        let whole = started.elapsed();
        drop(recorded);
        let run = gobalance_core::simulate_with(&scenario, true, None).expect("runs");
        let events = &run.events;
        // Each part runs twice and the second is timed: the first pays for
        // the process's first use of its memory.
        let per_event = |name: &str, work: &mut dyn FnMut()| {
            work();
            let started = Instant::now();
            work();
            let took = started.elapsed();
            println!(
                "  {name:<24} {took:>10.2?}  {:6.1} ns an event",
                took.as_nanos() as f64 / events.len() as f64
            );
        };
        println!("{link}: {} events", events.len());
        println!(
            "  {:<24} {engine:>10.2?}  {:6.1} ns an event",
            "engine, nothing kept",
            engine.as_nanos() as f64 / bare.outcome.events as f64
        );
        println!(
            "  {:<24} {whole:>10.2?}  {:6.1} ns an event",
            "engine and timeline",
            whole.as_nanos() as f64 / bare.outcome.events as f64
        );
        per_event("trace hash", &mut || {
            let mut hasher = TraceHasher::default();
            events.iter().for_each(|e| hasher.add(e));
            std::hint::black_box(hasher.finish());
        });
        per_event("metrics fold", &mut || {
            let mut fold = MetricsFold::new(&scenario, &run.durations);
            events
                .iter()
                .for_each(|e| gobalance_core::Sink::event(&mut fold, e));
            std::hint::black_box(fold.finish());
        });
        per_event("compact trace", &mut || {
            let mut trace = CompactTrace::new();
            events.iter().for_each(|e| trace.push(e));
            std::hint::black_box(trace.len());
        });
        per_event("view state", &mut || {
            let mut state = ViewState::new(&scenario);
            events.iter().for_each(|e| state.apply(e));
            std::hint::black_box(&state);
        });
        per_event("timeline (all three)", &mut || {
            let mut builder = TimelineBuilder::new(&scenario);
            events.iter().for_each(|e| builder.push(e));
            std::hint::black_box(builder.finish());
        });
    }
}
