//! Cases worked out from first principles: what Go itself would take, give or take the modelled overheads.

use gobalance_core::scenario::{Dist, Limiter, Scenario, Strategy};
use gobalance_core::{simulate, Metrics, Nanos};

fn scenario(strategy: Strategy, workers: u32, tasks: u32, dur: Nanos) -> Scenario {
    let mut s = Scenario::default();
    s.strategy = strategy;
    s.params.workers = workers;
    s.workload.tasks = tasks;
    s.workload.dur = dur;
    s
}

fn run(s: &Scenario) -> Metrics {
    match simulate(s) {
        Ok(run) => run.metrics,
        Err(e) => panic!("scenario failed: {e}\n{s:?}"),
    }
}

fn assert_within(what: &str, got: Nanos, lo: Nanos, hi: Nanos) {
    assert!(lo <= got && got <= hi, "{what}: {got} not in [{lo}, {hi}]");
}

#[test]
fn four_workers_share_twenty_waiting_tasks_evenly() {
    let m = run(&scenario(Strategy::Pool, 4, 20, Nanos::from_ms(100)));
    // Five rounds of 100 ms; overheads are microseconds, and a round may
    // end on the poller's next whole millisecond (`time::netpoll_wait`).
    assert_within(
        "makespan",
        m.makespan,
        Nanos::from_ms(500),
        Nanos::from_ms(505),
    );
    assert_eq!(m.per_worker_tasks, vec![5, 5, 5, 5]);
    assert_eq!(m.tasks_done, 20);
    assert_eq!(m.leaked, 0);
}

#[test]
fn a_thousand_unbounded_goroutines_wait_together() {
    let m = run(&scenario(Strategy::Unbounded, 1, 1000, Nanos::from_ms(100)));
    assert_within(
        "makespan",
        m.makespan,
        Nanos::from_ms(100),
        Nanos::from_ms(101),
    );
    assert_eq!(m.peak_goroutines, 1000);
    assert_eq!(m.peak_memory_bytes, 1001 * 2048);
}

#[test]
fn cpu_bound_work_stops_scaling_at_the_core_count() {
    for (workers, expect_ms) in [(1, 800), (2, 400), (4, 400), (8, 400)] {
        let mut s = scenario(Strategy::Pool, workers, 16, Nanos::from_ms(50));
        s.workload.cpu_permille = 1000;
        s.machine.cores = 2;
        let m = run(&s);
        let expect = Nanos::from_ms(expect_ms);
        // Preemption every 10 ms costs a context switch each time (well under
        // 1%), and with more goroutines than Ps the slices may not pair up at
        // the very end: at most one slice runs while the other P has nothing left.
        let slice = s.machine.costs.slice;
        assert_within(
            &format!("{workers} workers"),
            m.makespan,
            expect,
            expect + slice + Nanos(expect.0 / 100),
        );
    }
}

#[test]
fn a_ticker_at_ten_per_second_paces_twenty_tasks_over_two_seconds() {
    let mut s = scenario(Strategy::RateLimit, 4, 20, Nanos::from_us(100));
    s.params.rate_per_s = 10;
    s.params.limiter = Limiter::Ticker;
    let m = run(&s);
    // The first tick comes after one period, the 20th at 2.0 s, then one
    // short task, which an idle machine's poller ends on a whole millisecond.
    assert_within(
        "makespan",
        m.makespan,
        Nanos::from_secs(2),
        Nanos::from_ms(2002),
    );
}

#[test]
fn a_token_bucket_spends_its_burst_then_paces() {
    let mut s = scenario(Strategy::RateLimit, 4, 20, Nanos::from_us(100));
    s.params.rate_per_s = 10;
    s.params.burst = 5;
    s.params.limiter = Limiter::Bucket;
    let m = run(&s);
    // Five start at once from the full bucket; the other 15 come 100 ms
    // apart, the last task's wait ending on the poller's whole millisecond.
    assert_within(
        "makespan",
        m.makespan,
        Nanos::from_ms(1500),
        Nanos::from_ms(1502),
    );
}

#[test]
fn static_partition_suffers_on_a_skewed_workload_that_stealing_absorbs() {
    let skewed = |strategy| {
        let mut s = scenario(strategy, 4, 40, Nanos::ZERO);
        s.workload.dist = Dist::List;
        s.workload.durations = vec![
            Nanos::from_ms(160),
            Nanos::from_ms(20),
            Nanos::from_ms(20),
            Nanos::from_ms(20),
        ];
        run(&s)
    };
    let (fixed, stealing, shared) = (
        skewed(Strategy::Static),
        skewed(Strategy::Steal),
        skewed(Strategy::Pool),
    );
    // Round-robin hands worker 0 every 160 ms task: 10 x 160 ms.
    assert_within(
        "static",
        fixed.makespan,
        Nanos::from_ms(1600),
        Nanos::from_ms(1601),
    );
    assert_eq!(fixed.per_worker_tasks, vec![10, 10, 10, 10]);
    // The whole job is 2.2 s of work over 4 workers: 550 ms at best.
    assert!(
        stealing.makespan < Nanos::from_ms(700),
        "steal took {}",
        stealing.makespan
    );
    assert!(
        shared.makespan < Nanos::from_ms(700),
        "pool took {}",
        shared.makespan
    );
    assert!(stealing.steals > 0);
}

#[test]
fn a_consumer_that_stops_early_leaks_the_other_producers() {
    let mut s = scenario(Strategy::Leak, 1, 10, Nanos::from_ms(100));
    s.params.cancel_after = 1;
    let m = run(&s);
    assert_eq!(m.leaked, 9, "nine producers stay blocked on their send");
    s.params.with_context = true;
    assert_eq!(
        run(&s).leaked,
        0,
        "cancelling the context lets every producer return"
    );
}

#[test]
fn a_semaphore_bounds_goroutines_and_memory_in_flight() {
    let mut s = scenario(Strategy::Semaphore, 10, 100, Nanos::from_ms(100));
    s.workload.mem_per_task_bytes = 1 << 20;
    let m = run(&s);
    assert_eq!(m.peak_goroutines, 10);
    // Ten tasks of 1 MiB in flight, and eleven 2 KB stacks (main included).
    assert_eq!(m.peak_memory_bytes, 10 * (1 << 20) + 11 * 2048);
    assert_within(
        "makespan",
        m.makespan,
        Nanos::from_secs(1),
        Nanos::from_ms(1001),
    );
}

#[test]
fn dynamic_scaling_adds_workers_while_the_backlog_grows() {
    let mut s = scenario(Strategy::Dynamic, 1, 200, Nanos::from_ms(20));
    s.params.min_workers = 1;
    s.params.max_workers = 16;
    s.params.sample_interval = Nanos::from_ms(50);
    let m = run(&s);
    // One worker alone would take 4 s; adding one per 50 ms sample finishes far sooner.
    assert!(m.makespan < Nanos::from_secs(1), "took {}", m.makespan);
    assert!(
        m.per_worker_tasks.len() > 4,
        "only {} workers ever ran",
        m.per_worker_tasks.len()
    );
    assert!(m.per_worker_tasks.len() <= 16);
}

#[test]
fn an_overloaded_database_queues_slows_or_refuses() {
    use gobalance_core::scenario::{Overload, Resource};
    let mut s = scenario(Strategy::Unbounded, 1, 100, Nanos::from_ms(100));
    let mut with = |overload| {
        s.machine.resource = Some(Resource {
            conns: 10,
            overload,
        });
        run(&s)
    };
    // 100 calls through 10 connections of 100 ms: ten rounds.
    assert_within(
        "queue",
        with(Overload::Queue).makespan,
        Nanos::from_secs(1),
        Nanos::from_ms(1001),
    );
    let slow = with(Overload::Slow);
    assert!(
        slow.latency_p50 > Nanos::from_ms(400),
        "overload should slow calls, p50 {}",
        slow.latency_p50
    );
    let fail = with(Overload::Fail);
    assert_eq!((fail.tasks_done, fail.tasks_failed), (10, 90));
}

/// sysmon preempts a P it has seen on the same turn for 10 ms, looking
/// every 10 ms once the program is under way, and a new turn is first seen
/// at the poll after it starts: goroutines that take turns on one P get
/// slices of about 20 ms (the first ends at the 11.22 ms poll).
#[test]
fn cpu_work_taking_turns_is_preempted_about_every_20_ms() {
    let mut s = scenario(Strategy::Pool, 2, 2, Nanos::from_ms(100));
    s.workload.cpu_permille = 1000;
    s.machine.cores = 1;
    let m = run(&s);
    // 200 ms of compute on one P: preemptions at 11.22, 31.22, ..., 191.22 ms.
    assert_eq!(m.preemptions, 10, "{} preemptions", m.preemptions);
    assert!(
        m.latency_p50 > Nanos::from_ms(190),
        "round-robin slices make both tasks finish late: p50 {}",
        m.latency_p50
    );
}

#[test]
fn a_run_that_would_outlast_the_virtual_time_limit_stops_with_an_error() {
    use gobalance_core::SimError;
    // Five million tasks at one per second is 58 days; the limit is a week.
    let mut s = scenario(Strategy::RateLimit, 4, 5_000_000, Nanos::from_us(1));
    s.params.rate_per_s = 1;
    match gobalance_core::simulate_with(&s, false, None) {
        Err(SimError::Limit { what, .. }) => assert!(what.contains("virtual time"), "{what}"),
        other => panic!(
            "expected the time limit, got {:?}",
            other.map(|r| r.metrics.makespan)
        ),
    }
}

#[test]
fn an_out_of_range_scenario_is_refused_before_it_runs() {
    use gobalance_core::SimError;
    let mut s = scenario(Strategy::Pool, 0, 10, Nanos::from_ms(1));
    s.machine.cores = 100_000;
    match gobalance_core::simulate(&s) {
        Err(SimError::Invalid(errors)) => {
            let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(fields, ["workers", "cores"]);
        }
        other => panic!(
            "expected field errors, got {:?}",
            other.map(|r| r.metrics.makespan)
        ),
    }
}

#[test]
fn main_returning_early_loses_the_unfinished_goroutines() {
    use gobalance_core::scenario::MainWait;
    let mut s = scenario(Strategy::Unbounded, 1, 10, Nanos::from_ms(100));
    s.params.main_wait = MainWait::Nothing;
    let lost = run(&s);
    assert_eq!(
        (lost.tasks_done, lost.cut_off, lost.leaked),
        (0, 10, 0),
        "nothing finishes; all ten are cut off, none is stuck"
    );
    s.params.main_wait = MainWait::Sleep(Nanos::from_ms(50));
    let guessed_short = run(&s);
    assert_eq!(
        guessed_short.tasks_done, 0,
        "50 ms is not enough for 100 ms tasks"
    );
    s.params.main_wait = MainWait::Sleep(Nanos::from_ms(300));
    let guessed_long = run(&s);
    assert_eq!(
        (
            guessed_long.tasks_done,
            guessed_long.cut_off,
            guessed_long.leaked
        ),
        (10, 0, 0)
    );
    assert!(
        guessed_long.makespan >= Nanos::from_ms(300),
        "sleeping wastes 200 ms"
    );
    s.params.main_wait = MainWait::WaitGroup;
    assert!(
        run(&s).makespan < Nanos::from_ms(101),
        "a WaitGroup returns as soon as the work is done"
    );
}

/// Preemption lands where sysmon looks: with every P busy from the start,
/// its polls are at 11.22 ms and every 10 ms after (see `runtime/sysmon.rs`).
#[test]
fn computation_is_preempted_only_where_sysmon_polls() {
    let mut s = scenario(Strategy::Unbounded, 1, 8, Nanos::from_ms(30));
    s.workload.cpu_permille = 1000;
    s.machine.cores = 2;
    let run = simulate(&s).expect("runs");
    let preempted_at: Vec<Nanos> = run
        .events
        .iter()
        .filter(|e| e.kind() == gobalance_core::Kind::Preempt)
        .map(|e| e.t())
        .collect();
    assert!(!preempted_at.is_empty(), "30 ms tasks outlast a slice");
    for at in &preempted_at {
        assert!(
            at.0 >= 11_220_000 && (at.0 - 11_220_000) % 10_000_000 == 0,
            "preempted at {at}, not at a sysmon poll: {preempted_at:?}"
        );
    }
    let m = run.metrics;
    // Every goroutine finished its task before main returned: nothing is lost or stuck.
    assert_eq!((m.tasks_done, m.cut_off, m.leaked), (8, 0, 0));
    // 240 ms of compute on 2 Ps; where the slices fall can leave one P idle
    // for a little at the end.
    assert_within(
        "makespan",
        m.makespan,
        Nanos::from_ms(120),
        Nanos::from_ms(122),
    );
}

#[test]
fn fan_in_hands_results_on_out_of_order_unless_it_reorders() {
    let mut s = scenario(Strategy::Fanout, 4, 20, Nanos::from_ms(100));
    s.workload.dist = Dist::Exponential;
    let arrival = run(&s);
    assert!(
        arrival.out_of_order > 0,
        "exponential tasks finish out of order"
    );
    assert_eq!(arrival.peak_reorder_buffer, 0);
    s.params.ordered = true;
    let reordered = run(&s);
    assert_eq!(reordered.out_of_order, 0);
    assert!(
        reordered.peak_reorder_buffer > 0,
        "early results wait for their turn"
    );
    assert_eq!(
        reordered.makespan, arrival.makespan,
        "reordering costs no time here"
    );
}

#[test]
fn time_tick_outlives_the_work_and_a_stopped_ticker_does_not() {
    let mut s = scenario(Strategy::RateLimit, 4, 20, Nanos::from_us(100));
    s.params.limiter = Limiter::Tick;
    let tick = run(&s);
    assert_eq!(tick.leaked_tickers, 1);
    s.params.limiter = Limiter::Ticker;
    let stopped = run(&s);
    assert_eq!(stopped.leaked_tickers, 0);
    // The same pace either way; stopping costs the one call to Stop.
    assert_within(
        "time.Tick",
        tick.makespan,
        stopped.makespan - Nanos(100),
        stopped.makespan,
    );
}

/// The leak program's `main` waits for `cancel_after` answers; with more
/// than there are tasks it waits for one nobody will send, every goroutine
/// is asleep, and Go stops the program ("fatal error: all goroutines are
/// asleep - deadlock!", checked against Go in `tests/go.rs`). So does the
/// simulation, rather than quietly taking fewer answers.
#[test]
fn a_leak_waiting_for_more_answers_than_tasks_deadlocks_as_go_does() {
    let mut s = scenario(Strategy::Leak, 1, 10, Nanos::from_ms(5));
    s.params.cancel_after = 11;
    let outcome = simulate(&s).err().map(|e| e.to_string());
    assert!(
        outcome.as_deref().is_some_and(|e| e.contains("deadlock")),
        "{outcome:?}"
    );
    s.params.cancel_after = 10;
    assert_eq!(run(&s).leaked, 0);
}
