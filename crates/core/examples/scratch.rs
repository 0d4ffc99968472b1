use gobalance_core::link::parse;
use gobalance_core::simulate;
fn main() {
    for q in std::env::args().skip(1) {
        let link = parse(&q).unwrap();
        let run = simulate(&link.scenario).unwrap();
        let m = &run.metrics;
        println!("{q}\n  makespan {} lb {} eff {:.3} done {} failed {} per_worker {:?} peak_g {} peak_mem {} steals {} rsteals {} preempt {} leaked {} events {} p50 {} p99 {}",
            m.makespan, m.lower_bound, m.efficiency(), m.tasks_done, m.tasks_failed, m.per_worker_tasks, m.peak_goroutines, m.peak_memory_bytes, m.steals, m.runtime_steals, m.preemptions, m.leaked, m.events, m.latency_p50, m.latency_p99);
        if std::env::var("EVENTS").is_ok() {
            for e in run.events.iter().take(80) {
                println!(
                    "    {:>10} g{:<3} {:?} L{} a={} b={} c={}",
                    e.t.0, e.g as i64, e.kind, e.line, e.a as i32, e.b as i32, e.c as i32
                );
            }
        }
    }
}
