//! Properties over random scenarios: conservation of tasks, one goroutine per P, monotonic time, metrics that agree with the trace, determinism, seeking.

use gobalance_core::link::{to_query, Link, View};
use gobalance_core::scenario::{
    Dist, Limiter, MainWait, Overload, Resource, Scenario, StealAmount, Strategy,
};
use gobalance_core::trace::NONE;
use gobalance_core::view::{Timeline, ViewState};
use gobalance_core::{simulate, Event, Kind, MetricsFold, Nanos, Sink};
use proptest::prelude::*;
use proptest::strategy::Strategy as _;

fn any_scenario() -> impl proptest::strategy::Strategy<Value = Scenario> {
    let strategy = proptest::sample::select(Strategy::ALL.to_vec());
    let dist = proptest::sample::select(Dist::ALL.to_vec());
    (
        (
            strategy,
            1u32..12,
            1u32..120,
            dist,
            0u64..40_000_000,
            proptest::collection::vec(0u64..60_000_000, 1..5),
        ),
        (
            0u32..=1000,
            1u32..6,
            any::<u64>(),
            0u32..6,
            0u32..6,
            1u32..4,
            0u32..8,
        ),
        (
            1u32..400,
            1u32..6,
            proptest::sample::select(Limiter::ALL.to_vec()),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            0u32..10,
        ),
        (
            proptest::option::of((1u32..5, 0u8..3)),
            (0u64..4096, 0u8..3),
            1_000_000u64..30_000_000,
        ),
    )
        .prop_map(
            |(
                (strategy, workers, tasks, dist, dur, list),
                (cpu, cores, seed, tasks_buffer, results_buffer, min_workers, extra_workers),
                (rate, burst, limiter, half, ordered, ctx, cancel_after),
                (resource, (mem, wait), interval),
            )| {
                let mut s = Scenario::default();
                s.strategy = strategy;
                s.params.workers = workers;
                s.params.min_workers = min_workers;
                s.params.max_workers = min_workers + extra_workers;
                s.params.sample_interval = Nanos(interval);
                s.params.rate_per_s = rate;
                s.params.burst = burst;
                s.params.limiter = limiter;
                s.params.steal = if half {
                    StealAmount::Half
                } else {
                    StealAmount::One
                };
                s.params.tasks_buffer = tasks_buffer;
                s.params.results_buffer = results_buffer;
                s.params.ordered = ordered;
                s.params.with_context = ctx;
                // More answers than tasks deadlock the leak program, as in Go
                // (`tests/exact.rs` checks it); the properties are about runs that end.
                s.params.cancel_after = cancel_after.min(tasks);
                s.params.main_wait = match wait {
                    0 => MainWait::WaitGroup,
                    1 => MainWait::Nothing,
                    _ => MainWait::Sleep(Nanos(interval)),
                };
                s.workload.tasks = tasks;
                s.workload.dist = dist;
                s.workload.dur = Nanos(dur);
                s.workload.durations = list.into_iter().map(Nanos).collect();
                s.workload.cpu_permille = cpu;
                s.workload.mem_per_task_bytes = mem;
                s.machine.cores = cores;
                s.machine.resource = resource.map(|(conns, mode)| Resource {
                    conns,
                    overload: [Overload::Queue, Overload::Slow, Overload::Fail][mode as usize],
                });
                s.seed = seed;
                s
            },
        )
}

/// The link that reproduces a scenario, for failure messages.
fn link_of(s: &Scenario) -> String {
    to_query(&Link {
        scenario: s.clone(),
        view: View::default(),
    })
}

/// Checks the scheduler's invariants event by event.
fn check_schedule(s: &Scenario, events: &[Event]) -> Result<(), String> {
    let mut on_p = vec![NONE; s.machine.cores as usize];
    let mut last = Nanos::ZERO;
    let mut started = vec![0u32; s.workload.tasks as usize];
    let mut ended = vec![0u32; s.workload.tasks as usize];
    for (i, e) in events.iter().enumerate() {
        if e.t() < last {
            return Err(format!(
                "event {i} goes back in time: {} after {last}",
                e.t()
            ));
        }
        last = e.t();
        match e.kind() {
            Kind::Run => {
                let p = e.a as usize;
                if on_p[p] != NONE {
                    return Err(format!(
                        "event {i}: P{p} runs g{} while g{} is still on it",
                        e.g, on_p[p]
                    ));
                }
                if on_p.contains(&e.g) {
                    return Err(format!("event {i}: g{} runs on two Ps", e.g));
                }
                on_p[p] = e.g;
            }
            Kind::Block | Kind::Preempt | Kind::Exit | Kind::Leaked => {
                for p in on_p.iter_mut().filter(|p| **p == e.g) {
                    *p = NONE;
                }
            }
            Kind::TaskStart => started[e.a as usize] += 1,
            Kind::TaskEnd => {
                if started[e.a as usize] != 1 {
                    return Err(format!(
                        "event {i}: task {} ended without starting once",
                        e.a
                    ));
                }
                ended[e.a as usize] += 1;
            }
            _ => {}
        }
    }
    // The leak program's main, and an unbounded main that does not wait on
    // its WaitGroup, may return while goroutines still work; every other
    // program finishes every task.
    let main_waits_for_all = match s.strategy {
        Strategy::Leak => false,
        Strategy::Unbounded => s.params.main_wait == MainWait::WaitGroup,
        _ => true,
    };
    for (task, (&st, &en)) in started.iter().zip(&ended).enumerate() {
        let bad = if main_waits_for_all {
            st != 1 || en != 1
        } else {
            st > 1 || en > st
        };
        if bad {
            return Err(format!(
                "task {task} started {st} times and ended {en} times"
            ));
        }
    }
    Ok(())
}

proptest! {
    // 160 cases by default; PROPTEST_CASES=N runs a longer search.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(160)) })]

    #[test]
    fn every_run_keeps_the_scheduler_invariants(s in any_scenario()) {
        let link = link_of(&s);
        let run = simulate(&s).map_err(|e| TestCaseError::fail(format!("{e}\nseed {} link: {link}", s.seed)))?;
        check_schedule(&s, &run.events).map_err(|e| TestCaseError::fail(format!("{e}\nseed {} link: {link}", s.seed)))?;

        // The metrics folded during the run are the metrics of the recorded trace.
        let mut fold = MetricsFold::new(&s, &run.durations);
        run.events.iter().for_each(|e| fold.event(e));
        prop_assert_eq!(&fold.finish(), &run.metrics, "metrics differ from the trace's; link: {}", link);
        let ends = run.events.iter().filter(|e| e.kind() == Kind::TaskEnd).count() as u32;
        prop_assert_eq!(run.metrics.tasks_done + run.metrics.tasks_failed, ends, "link: {}", link);
        prop_assert_eq!(run.metrics.per_worker_tasks.iter().sum::<u32>(), ends, "link: {}", link);
        prop_assert!(run.metrics.makespan >= run.metrics.lower_bound,
            "makespan {} under the lower bound {}; link: {}", run.metrics.makespan, run.metrics.lower_bound, link);
        let alive = run.events.iter().filter(|e| e.kind() == Kind::Leaked).count() as u32;
        prop_assert!(run.metrics.leaked + run.metrics.cut_off <= alive, "more leaked or cut off than alive; link: {}", link);
        let leaked = run.metrics.leaked;
        if s.strategy != Strategy::Leak {
            prop_assert_eq!(leaked, 0, "a correct program leaked; link: {}", link);
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_trace(s in any_scenario()) {
        let link = link_of(&s);
        let (a, b) = (simulate(&s), simulate(&s));
        let (a, b) = (a.map_err(|e| TestCaseError::fail(format!("{e}; link: {link}")))?, b.map_err(|e| TestCaseError::fail(e.to_string()))?);
        prop_assert_eq!(a.trace_hash, b.trace_hash, "seed {} link: {}", s.seed, link);
        prop_assert!(a.events == b.events, "traces differ; seed {} link: {}", s.seed, link);
    }

    #[test]
    fn seeking_anywhere_equals_replaying_from_the_start(s in any_scenario(), at in 0.0f64..1.0) {
        let link = link_of(&s);
        let run = simulate(&s).map_err(|e| TestCaseError::fail(format!("{e}; link: {link}")))?;
        let timeline = Timeline::new(&s, run.events.clone());
        let index = (timeline.len() as f64 * at) as u64;
        let mut replayed = ViewState::new(&s);
        run.events[..index as usize].iter().for_each(|e| replayed.apply(e));
        prop_assert!(timeline.state_at(index) == replayed, "seek to {} differs; link: {}", index, link);
        if index < timeline.len() {
            // One step forward (the next event applied to the state in hand)
            // is the state seeking finds there, and one step back from it is
            // the state replayed from the start.
            let mut stepped = replayed.clone();
            stepped.apply(&run.events[index as usize]);
            let forward = timeline.state_at(index + 1);
            prop_assert!(stepped == forward, "step forward from {} differs; link: {}", index, link);
            prop_assert!(timeline.state_at(forward.index - 1) == replayed, "step back to {} differs; link: {}", index, link);
        }
    }

}

proptest! {
    // Long runs cost more a case: fewer cases, each spanning many snapshots.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(160) / 32) })]

    /// Long runs: seeking on both sides of every snapshot, and at places
    /// spread over the run, equals folding the events from the start.
    #[test]
    fn seeking_around_every_snapshot_equals_replaying_from_the_start(s in long_scenario()) {
        let link = link_of(&s);
        let run = simulate(&s).map_err(|e| TestCaseError::fail(format!("{e}; link: {link}")))?;
        let timeline = Timeline::new(&s, run.events.clone());
        // Some programs do little a task (a leak cut short), and some touch
        // their goroutines in no order, so that snapshots cost more and are
        // sparse: this property is about seeking across several.
        prop_assume!(timeline.snapshot_indices().count() >= 3);
        prop_assert!(timeline.events_from(0).eq(run.events.iter().copied()), "the trace decodes as recorded; link: {}", link);
        let bad = crate::seeking::mismatches(&link, &run.events, &timeline);
        prop_assert!(bad.is_empty(), "{}", bad.join("\n"));
    }
}

/// Scenarios of tens of thousands of tasks: long enough for several snapshots.
fn long_scenario() -> impl proptest::strategy::Strategy<Value = Scenario> {
    (any_scenario(), 15_000u32..25_000).prop_map(|(mut s, tasks)| {
        s.workload.tasks = tasks;
        s
    })
}
