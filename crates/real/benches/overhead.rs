//! The real runtime's own cost: empty tasks handed through a pool's channels, and goroutines that only sleep, on two threads.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gobalance_core::link::parse;
use gobalance_core::Nanos;
use gobalance_real::run;

/// `(name, link, tasks)`: 20,000 empty tasks through a pool of 2 (a
/// producer's send, a worker's receive and result, main's receive: four
/// channel hand-offs and about ten recorded events a task), and 10,000
/// goroutines that each sleep 1 ms (spawn, a timer, a wake-up).
const SCENARIOS: [(&str, &str, u64); 2] = [
    (
        "pool2_20k_empty",
        "strategy=pool&workers=2&tasks=20000&dur=0&cores=2",
        20_000,
    ),
    (
        "unbounded_10k_sleep_1ms",
        "strategy=unbounded&tasks=10000&dur=1ms&cores=2",
        10_000,
    ),
];

fn real_runtime_overhead(c: &mut Criterion) {
    let mut group = c.benchmark_group("real");
    group.sample_size(20);
    for (name, link, tasks) in SCENARIOS {
        let scenario = parse(link).expect("a valid link").scenario;
        group.throughput(Throughput::Elements(tasks));
        group.bench_function(name, |b| {
            b.iter(|| {
                run(&scenario, 2, Nanos::from_ms(10_000)).unwrap_or_else(|e| panic!("{link}: {e}"))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, real_runtime_overhead);
criterion_main!(benches);
