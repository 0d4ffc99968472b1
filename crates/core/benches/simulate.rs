//! Simulation speed: a worker pool of 8 over a million exponential tasks, trace recorded.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gobalance_core::scenario::{Dist, Scenario, Strategy};
use gobalance_core::{simulate, Nanos};

fn million_task_pool() -> Scenario {
    let mut s = Scenario::default();
    s.strategy = Strategy::Pool;
    s.params.workers = 8;
    s.machine.cores = 8;
    s.workload.tasks = 1_000_000;
    s.workload.dist = Dist::Exponential;
    s.workload.dur = Nanos::from_ms(1);
    s
}

fn pool_of_8_over_a_million_tasks(c: &mut Criterion) {
    let scenario = million_task_pool();
    let probe = simulate(&scenario).expect("the benchmark scenario runs");
    let events = probe.events.len() as u64;
    let bytes_per_event = std::mem::size_of::<gobalance_core::Event>();
    eprintln!(
        "pool/8 x 1e6 tasks: {events} events ({:.2} per task), {bytes_per_event} bytes per event, trace {:.0} MB",
        events as f64 / 1e6,
        (events as usize * bytes_per_event) as f64 / 1e6
    );
    let mut group = c.benchmark_group("simulate");
    group.sample_size(10);
    group.throughput(Throughput::Elements(u64::from(scenario.workload.tasks)));
    // The run is handed back whole and freed outside the timing: giving
    // back a few hundred megabytes of trace is the caller's cost, not the
    // simulation's (criterion's advice for outputs with an expensive drop).
    group.bench_function("pool8_1m_exp_tasks_recorded", |b| {
        b.iter_with_large_drop(|| simulate(&scenario).expect("runs"))
    });
    group.throughput(Throughput::Elements(events));
    group.bench_function("pool8_1m_exp_events_recorded", |b| {
        b.iter_with_large_drop(|| simulate(&scenario).expect("runs"))
    });
    group.finish();
}

criterion_group!(benches, pool_of_8_over_a_million_tasks);
criterion_main!(benches);
