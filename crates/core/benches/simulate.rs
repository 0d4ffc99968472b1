//! Simulation speed: a worker pool of 8 over a million exponential tasks, trace recorded.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gobalance_core::link::parse;
use gobalance_core::simulate;

/// The pool of 8 on 8 cores over a million tasks averaging 1 ms, with the
/// product's default unbuffered channels: once waiting on I/O (the default
/// workload), once computing, as a pool sized to the cores is meant for.
const SCENARIOS: [(&str, &str); 2] = [
    (
        "pool8_1m_exp_waiting",
        "strategy=pool&workers=8&cores=8&tasks=1000000&dist=exp&dur=1ms",
    ),
    (
        "pool8_1m_exp_computing",
        "strategy=pool&workers=8&cores=8&tasks=1000000&dist=exp&dur=1ms&cpu=1",
    ),
];

fn pool_of_8_over_a_million_tasks(c: &mut Criterion) {
    let mut group = c.benchmark_group("simulate");
    group.sample_size(10);
    for (name, link) in SCENARIOS {
        let scenario = parse(link).expect("a valid link").scenario;
        let probe = simulate(&scenario).expect("the benchmark scenario runs");
        let events = probe.events.len() as u64;
        let bytes_per_event = std::mem::size_of::<gobalance_core::Event>();
        eprintln!(
            "{name}: {events} events ({:.2} per task), {bytes_per_event} bytes per event, trace {:.0} MB",
            events as f64 / f64::from(scenario.workload.tasks),
            (events as usize * bytes_per_event) as f64 / 1e6
        );
        drop(probe);
        // The run is handed back whole and freed outside the timing: giving
        // back a few hundred megabytes of trace is the caller's cost, not the
        // simulation's (criterion's advice for outputs with an expensive drop).
        group.throughput(Throughput::Elements(u64::from(scenario.workload.tasks)));
        group.bench_function(format!("{name}_tasks_recorded"), |b| {
            b.iter_with_large_drop(|| simulate(&scenario).expect("runs"))
        });
        group.throughput(Throughput::Elements(events));
        group.bench_function(format!("{name}_events_recorded"), |b| {
            b.iter_with_large_drop(|| simulate(&scenario).expect("runs"))
        });
    }
    group.finish();
}

criterion_group!(benches, pool_of_8_over_a_million_tasks);
criterion_main!(benches);
