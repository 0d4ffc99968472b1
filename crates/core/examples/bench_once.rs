use gobalance_core::link::parse;
use gobalance_core::simulate_with;
fn main() {
    let q = std::env::args().nth(1).unwrap();
    let record = std::env::args().nth(2).is_none();
    let s = parse(&q).unwrap().scenario;
    let t = std::time::Instant::now();
    let run = simulate_with(&s, record, None).unwrap();
    let el = t.elapsed().as_secs_f64();
    println!(
        "{:.3}s {:.2}M tasks/s {} events {:.1}/task {:.1}M events/s",
        el,
        s.workload.tasks as f64 / el / 1e6,
        run.metrics.events,
        run.metrics.events as f64 / s.workload.tasks as f64,
        run.metrics.events as f64 / el / 1e6
    );
}
