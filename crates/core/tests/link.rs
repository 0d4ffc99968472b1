//! Scenario links: every accepted form, canonical printing, the message each malformed input gives, and round trips.

use gobalance_core::link::{parse, parse_lenient, to_query, Link, View, FIELDS, LINK_LEN_MAX};
use gobalance_core::scenario::{
    self as sc, limits, Dist, Limiter, Overload, Resource, Scenario, StealAmount,
};
use gobalance_core::time::Nanos;
use proptest::prelude::*;

fn scenario_of(input: &str) -> Scenario {
    match parse(input) {
        Ok(link) => link.scenario,
        Err(errors) => panic!("`{input}` was refused:\n{errors}"),
    }
}

fn errors_of(input: &str) -> String {
    match parse(input) {
        Ok(link) => panic!("`{input}` was accepted as {}", to_query(&link)),
        Err(errors) => errors.to_string(),
    }
}

// ---- Accepted forms ----

#[test]
fn an_empty_link_is_the_default_scenario() {
    assert_eq!(parse(""), Ok(Link::default()));
    assert_eq!(parse("?"), Ok(Link::default()));
    assert_eq!(to_query(&Link::default()), "strategy=pool");
    assert_eq!(Scenario::default().validate(), Ok(()));
}

#[test]
fn strategy_alone_is_a_scenario() {
    let scenario = scenario_of("strategy=steal");
    assert_eq!(
        scenario,
        Scenario {
            strategy: sc::Strategy::Steal,
            ..Scenario::default()
        }
    );
}

#[test]
fn bare_query_leading_question_mark_and_full_urls_are_the_same_link() {
    let expected = parse("strategy=steal&workers=8").unwrap();
    for input in [
        "?strategy=steal&workers=8",
        "https://gobalance.example/?strategy=steal&workers=8",
        "https://gobalance.example/play/index.html?strategy=steal&workers=8",
        "http://127.0.0.1:8080/?strategy=steal&workers=8",
        "/?strategy=steal&workers=8",
        "  strategy=steal&workers=8\n",
        "strategy=steal&&workers=8&",
        "strat%65gy=steal&workers=%38",
        "https://gobalance.example/#/?strategy=steal&workers=8",
    ] {
        assert_eq!(parse(input).as_ref(), Ok(&expected), "input `{input}`");
    }
}

#[test]
fn a_url_without_a_query_is_the_default() {
    assert_eq!(parse("https://gobalance.example/"), Ok(Link::default()));
    assert_eq!(parse("http://127.0.0.1:8080"), Ok(Link::default()));
}

#[test]
fn lesson_fragments_set_the_lesson_and_carry_a_query() {
    let link = parse("#/lesson/work-stealing?strategy=steal&at=120&g=3").unwrap();
    assert_eq!(link.view.lesson.as_deref(), Some("work-stealing"));
    assert_eq!(link.view.playhead, Some(120));
    assert_eq!(link.view.selected, Some(3));
    assert_eq!(link.scenario.strategy, sc::Strategy::Steal);

    let link = parse("https://gobalance.example/play?workers=8#/lesson/pools").unwrap();
    assert_eq!(link.view.lesson.as_deref(), Some("pools"));
    assert_eq!(link.scenario.params.workers, 8);

    let link = parse("https://gobalance.example/?cores=2#/lesson/pools?workers=8").unwrap();
    assert_eq!(
        (link.scenario.machine.cores, link.scenario.params.workers),
        (2, 8)
    );

    assert_eq!(parse("#/lesson/pools"), parse("lesson=pools"));
}

#[test]
fn version_one_is_accepted_and_never_printed() {
    assert_eq!(parse("v=1&strategy=pool"), Ok(Link::default()));
    assert_eq!(
        to_query(&parse("v=1&workers=8").unwrap()),
        "strategy=pool&workers=8"
    );
}

// ---- Values ----

#[test]
fn durations_take_units_and_exact_decimals() {
    let dur = |text: &str| scenario_of(&format!("dur={text}")).workload.dur;
    assert_eq!(dur("7ns"), Nanos(7));
    assert_eq!(dur("250us"), Nanos::from_us(250));
    assert_eq!(dur("250µs"), Nanos::from_us(250), "micro sign");
    assert_eq!(dur("250μs"), Nanos::from_us(250), "Greek mu");
    assert_eq!(dur("1.5ms"), Nanos(1_500_000));
    assert_eq!(dur("0.02s"), Nanos::from_ms(20));
    assert_eq!(dur("2s"), Nanos::from_secs(2));
    assert_eq!(dur("1.000000001s"), Nanos(1_000_000_001));
    assert_eq!(
        dur("1.5000000000000ms"),
        Nanos(1_500_000),
        "trailing zeros are exact"
    );
    assert_eq!(
        dur("0"),
        Nanos::ZERO,
        "a bare 0, as Go's time.ParseDuration allows"
    );
    assert_eq!(dur("007ms"), Nanos::from_ms(7));
    assert_eq!(dur("3600s"), limits::DURATION_MAX);
}

#[test]
fn sizes_are_binary() {
    let mem = |text: &str| {
        scenario_of(&format!("mem={text}"))
            .workload
            .mem_per_task_bytes
    };
    assert_eq!(mem("2048"), 2048);
    assert_eq!(mem("2048B"), 2048);
    assert_eq!(mem("2KB"), 2048);
    assert_eq!(mem("2kb"), 2048);
    assert_eq!(mem("2KiB"), 2048);
    assert_eq!(mem("1.5MB"), 3 << 19);
    assert_eq!(mem("1GB"), 1 << 30);
    assert_eq!(mem("16GB"), limits::MEM_PER_TASK_MAX);
}

#[test]
fn decimals_are_parsed_as_integers() {
    let workload = |q: &str| scenario_of(q).workload;
    assert_eq!(workload("cpu=0.25").cpu_permille, 250);
    assert_eq!(
        workload("cpu=0.1").cpu_permille,
        100,
        "no f64 rounding: 0.1 is exactly 100 permille"
    );
    assert_eq!(workload("cpu=0.125").cpu_permille, 125);
    assert_eq!(workload("cpu=1").cpu_permille, 1000);
    assert_eq!(workload("cpu=0.7").cpu_permille, 700);
    assert_eq!(workload("alpha=1.5").alpha_milli, 1500);
    assert_eq!(workload("alpha=1.001").alpha_milli, 1001);
    assert_eq!(workload("long_share=0.05").long_share_permille, 50);
}

#[test]
fn durations_alone_imply_the_list_distribution() {
    let workload = scenario_of("durations=160ms,20ms,20ms,20ms").workload;
    assert_eq!(workload.dist, Dist::List);
    assert_eq!(workload.durations, [160, 20, 20, 20].map(Nanos::from_ms));
    assert_eq!(
        scenario_of("durations=1ms%2C2ms").workload.durations.len(),
        2,
        "a percent-encoded comma"
    );
}

#[test]
fn durations_beside_another_distribution_are_kept_so_the_page_loses_nothing() {
    let link = parse("dist=exp&durations=1ms,2ms").unwrap();
    assert_eq!(link.scenario.workload.dist, Dist::Exponential);
    assert_eq!(link.scenario.workload.durations.len(), 2);
    assert_eq!(to_query(&link), "strategy=pool&dist=exp&durations=1ms,2ms");
    let fixed = parse("dist=fixed&durations=1ms").unwrap();
    assert_eq!(
        to_query(&fixed),
        "strategy=pool&dist=fixed&durations=1ms",
        "`dist=fixed` must stay, or it reads as list"
    );
}

#[test]
fn the_external_resource_queues_unless_told_otherwise() {
    let machine = |q: &str| scenario_of(q).machine;
    assert_eq!(machine("").resource, None);
    assert_eq!(
        machine("db=8").resource,
        Some(Resource {
            conns: 8,
            overload: Overload::Queue
        })
    );
    assert_eq!(
        machine("db_mode=fail&db=8").resource,
        Some(Resource {
            conns: 8,
            overload: Overload::Fail
        })
    );
}

#[test]
fn every_strategy_parameter_has_a_key() {
    let params = scenario_of(
        "workers=9&min_workers=2&max_workers=20&interval=20ms&rate=50&burst=5&limiter=bucket&steal=one\
         &tasks_buffer=10&results_buffer=3&ordered=true&cancel_after=4&ctx=true",
    )
    .params;
    assert_eq!(
        (params.workers, params.min_workers, params.max_workers),
        (9, 2, 20)
    );
    assert_eq!(params.sample_interval, Nanos::from_ms(20));
    assert_eq!((params.rate_per_s, params.burst), (50, 5));
    assert_eq!(
        (params.limiter, params.steal),
        (Limiter::Bucket, StealAmount::One)
    );
    assert_eq!((params.tasks_buffer, params.results_buffer), (10, 3));
    assert_eq!(
        (params.ordered, params.cancel_after, params.with_context),
        (true, 4, true)
    );
}

#[test]
fn every_machine_cost_has_a_key() {
    let machine = scenario_of(
        "cores=8&spawn_cost=1us&switch_cost=2us&chan_cost=3us&sync_cost=4us&slice=20ms&stack=8KB",
    )
    .machine;
    let costs = machine.costs;
    assert_eq!(machine.cores, 8);
    assert_eq!(
        [costs.spawn, costs.switch, costs.chan_op, costs.sync_op],
        [1, 2, 3, 4].map(Nanos::from_us)
    );
    assert_eq!(
        (costs.slice, machine.stack_bytes),
        (Nanos::from_ms(20), 8192)
    );
}

// ---- Canonical printing ----

#[test]
fn printing_uses_field_order_and_drops_defaults() {
    let link = parse("seed=7&dur=0.02s&workers=8&strategy=steal&cores=4&tasks=20").unwrap();
    assert_eq!(to_query(&link), "strategy=steal&workers=8&dur=20ms&seed=7");
    let link =
        parse("cpu=0.250&alpha=2.0&long_share=0.5&mem=1.5MB&stack=4096&slice=1.5ms&interval=0.1s")
            .unwrap();
    assert_eq!(
        to_query(&link),
        "strategy=pool&interval=100ms&alpha=2&long_share=0.5&cpu=0.25&mem=1536KB&slice=1500us&stack=4KB"
    );
    let link = parse("#/lesson/fan-in?compare=fanout,pool&g=2&at=10&db=4&db_mode=slow").unwrap();
    assert_eq!(
        to_query(&link),
        "strategy=pool&db=4&db_mode=slow&lesson=fan-in&at=10&g=2&compare=fanout,pool"
    );
}

// ---- The field registry ----

#[test]
fn field_defaults_are_rendered_from_the_default_scenario() {
    let default_of = |name: &str| {
        FIELDS
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.default_value())
    };
    assert_eq!(default_of("strategy").as_deref(), Some("pool"));
    assert_eq!(default_of("workers").as_deref(), Some("4"));
    assert_eq!(default_of("dur").as_deref(), Some("100ms"));
    assert_eq!(default_of("alpha").as_deref(), Some("1.5"));
    assert_eq!(default_of("stack").as_deref(), Some("2KB"));
    assert_eq!(default_of("db").as_deref(), Some("none"));
    assert_eq!(default_of("db_mode").as_deref(), Some("queue"));
    assert_eq!(default_of("v").as_deref(), Some("1"));
    for field in FIELDS {
        let default = field.default_value();
        if default == "none" || field.name == "db_mode" {
            continue;
        }
        assert_eq!(
            parse(&format!("{}={default}", field.name)),
            Ok(Link::default()),
            "`{}={default}`",
            field.name
        );
    }
}

#[test]
fn every_field_is_documented_once() {
    for (i, field) in FIELDS.iter().enumerate() {
        assert!(
            !field.range().is_empty() && !field.meaning.is_empty(),
            "`{}` lacks help",
            field.name
        );
        assert!(
            FIELDS[..i].iter().all(|f| f.name != field.name),
            "`{}` is listed twice",
            field.name
        );
    }
    let view: Vec<_> = FIELDS
        .iter()
        .filter(|f| f.is_view())
        .map(|f| f.name)
        .collect();
    assert_eq!(view, ["lesson", "at", "g", "compare", "prog"]);
}

/// A numeric field's bounds in stored units, how to set it, and how to write a value.
struct Bounds {
    name: &'static str,
    min: u64,
    max: u64,
    set: fn(&mut Scenario, u64),
    text: fn(u64) -> String,
    /// Other keys that keep the rest valid at the bounds.
    beside: &'static str,
}

#[test]
fn field_ranges_agree_with_scenario_validate() {
    let whole = |n: u64| n.to_string();
    let ns = |n: u64| format!("{n}ns");
    let milli = |n: u64| format!("{}.{:03}", n / 1000, n % 1000);
    let cost = |name, set| Bounds {
        name,
        min: 0,
        max: limits::COST_MAX.0,
        set,
        text: ns,
        beside: "",
    };
    let workers_max = u64::from(limits::WORKERS_MAX);
    let tasks_max = u64::from(limits::TASKS_MAX);
    let table = [
        Bounds {
            name: "tasks",
            min: 1,
            max: tasks_max,
            set: |s, n| s.workload.tasks = n as u32,
            text: whole,
            beside: "",
        },
        Bounds {
            name: "workers",
            min: 1,
            max: workers_max,
            set: |s, n| s.params.workers = n as u32,
            text: whole,
            beside: "",
        },
        Bounds {
            name: "min_workers",
            min: 1,
            max: workers_max,
            set: |s, n| {
                s.params.min_workers = n as u32;
                s.params.max_workers = limits::WORKERS_MAX;
            },
            text: whole,
            beside: "&max_workers=100000",
        },
        Bounds {
            name: "max_workers",
            min: 1,
            max: workers_max,
            set: |s, n| s.params.max_workers = n as u32,
            text: whole,
            beside: "",
        },
        Bounds {
            name: "cores",
            min: 1,
            max: u64::from(limits::CORES_MAX),
            set: |s, n| s.machine.cores = n as u32,
            text: whole,
            beside: "",
        },
        Bounds {
            name: "rate",
            min: 1,
            max: u64::from(limits::RATE_MAX),
            set: |s, n| s.params.rate_per_s = n as u32,
            text: whole,
            beside: "",
        },
        Bounds {
            name: "burst",
            min: 1,
            max: workers_max,
            set: |s, n| s.params.burst = n as u32,
            text: whole,
            beside: "",
        },
        Bounds {
            name: "tasks_buffer",
            min: 0,
            max: tasks_max,
            set: |s, n| s.params.tasks_buffer = n as u32,
            text: whole,
            beside: "",
        },
        Bounds {
            name: "results_buffer",
            min: 0,
            max: tasks_max,
            set: |s, n| s.params.results_buffer = n as u32,
            text: whole,
            beside: "",
        },
        Bounds {
            name: "cancel_after",
            min: 0,
            max: tasks_max,
            set: |s, n| s.params.cancel_after = n as u32,
            text: whole,
            beside: "",
        },
        Bounds {
            name: "long_factor",
            min: 1,
            max: 10_000,
            set: |s, n| s.workload.long_factor = n as u32,
            text: whole,
            beside: "",
        },
        Bounds {
            name: "db",
            min: 1,
            max: workers_max,
            set: |s, n| {
                s.machine.resource = Some(Resource {
                    conns: n as u32,
                    overload: Overload::Queue,
                })
            },
            text: whole,
            beside: "",
        },
        Bounds {
            name: "cpu",
            min: 0,
            max: 1000,
            set: |s, n| s.workload.cpu_permille = n as u32,
            text: milli,
            beside: "",
        },
        Bounds {
            name: "long_share",
            min: 0,
            max: 1000,
            set: |s, n| s.workload.long_share_permille = n as u32,
            text: milli,
            beside: "",
        },
        Bounds {
            name: "alpha",
            min: 1001,
            max: 10_000,
            set: |s, n| s.workload.alpha_milli = n as u32,
            text: milli,
            beside: "",
        },
        Bounds {
            name: "mem",
            min: 0,
            max: limits::MEM_PER_TASK_MAX,
            set: |s, n| s.workload.mem_per_task_bytes = n,
            text: whole,
            beside: "",
        },
        Bounds {
            name: "stack",
            min: 0,
            max: 1 << 30,
            set: |s, n| s.machine.stack_bytes = n,
            text: whole,
            beside: "",
        },
        Bounds {
            name: "dur",
            min: 0,
            max: limits::DURATION_MAX.0,
            set: |s, n| s.workload.dur = Nanos(n),
            text: ns,
            beside: "",
        },
        Bounds {
            name: "interval",
            min: Nanos::from_us(100).0,
            max: limits::DURATION_MAX.0,
            set: |s, n| s.params.sample_interval = Nanos(n),
            text: ns,
            beside: "",
        },
        Bounds {
            name: "slice",
            min: Nanos::from_us(10).0,
            max: Nanos::from_secs(10).0,
            set: |s, n| s.machine.costs.slice = Nanos(n),
            text: ns,
            beside: "",
        },
        cost("spawn_cost", |s, n| s.machine.costs.spawn = Nanos(n)),
        cost("switch_cost", |s, n| s.machine.costs.switch = Nanos(n)),
        cost("chan_cost", |s, n| s.machine.costs.chan_op = Nanos(n)),
        cost("sync_cost", |s, n| s.machine.costs.sync_op = Nanos(n)),
    ];
    for bounds in &table {
        let validates = |n: u64| {
            let mut scenario = Scenario::default();
            (bounds.set)(&mut scenario, n);
            scenario.validate().is_ok()
        };
        let query = |n: u64| format!("{}={}{}", bounds.name, (bounds.text)(n), bounds.beside);
        for n in [bounds.min, bounds.max] {
            assert!(validates(n), "validate refuses {}={n}", bounds.name);
            assert!(
                parse(&query(n)).is_ok(),
                "the link refuses `{}`: {:?}",
                query(n),
                parse(&query(n))
            );
        }
        let mut outside = vec![bounds.max + 1];
        if bounds.min > 0 {
            outside.push(bounds.min - 1);
        }
        for n in outside {
            assert!(!validates(n), "validate accepts {}={n}", bounds.name);
            let errors = errors_of(&query(n));
            assert!(
                errors.starts_with(&format!("{}: got `", bounds.name)),
                "`{}` gave:\n{errors}",
                query(n)
            );
        }
    }
}

// ---- Malformed input ----

/// Each malformed input and a line its errors must contain.
const MALFORMED: &[(&str, &str)] = &[
    // Whole numbers.
    ("workers=0", "workers: got `0`, allowed: a whole number from 1 to 100000"),
    ("workers=100001", "workers: got `100001`, allowed: a whole number from 1 to 100000"),
    ("workers=-4", "workers: got `-4`, allowed: a whole number from 1 to 100000"),
    ("workers=4.0", "workers: got `4.0`, allowed: a whole number from 1 to 100000"),
    ("workers=99999999999999999999999", "workers: got `99999999999999999999999`, allowed: a whole number"),
    ("workers=", "workers: got ``, allowed: a whole number from 1 to 100000"),
    ("workers=+4", "workers: got ` 4`, allowed: a whole number"),
    ("workers=four", "workers: got `four`, allowed: a whole number"),
    ("tasks=0", "tasks: got `0`, allowed: a whole number from 1 to 5000000"),
    ("rate=1e3", "rate: got `1e3`, allowed: a whole number from 1 to 1000000000"),
    ("cores=257", "cores: got `257`, allowed: a whole number from 1 to 256"),
    ("tasks_buffer=5000001", "tasks_buffer: got `5000001`, allowed: a whole number from 0 to 5000000"),
    ("seed=18446744073709551616", "seed: got `18446744073709551616`, allowed: a whole number from 0 to 18446744073709551615"),
    ("seed=-1", "seed: got `-1`, allowed: a whole number from 0 to 18446744073709551615"),
    ("at=-1", "at: got `-1`, allowed: a whole number from 0 to 18446744073709551615"),
    ("g=4294967296", "g: got `4294967296`, allowed: a whole number from 0 to 4294967295"),
    ("db=0", "db: got `0`, allowed: a whole number from 1 to 100000"),
    // Durations.
    ("dur=5", "dur: got `5`, allowed: a duration from 0ns to 3600s in ns, us, ms or s, a whole number of ns"),
    ("dur=5m", "dur: got `5m`, allowed: a duration from 0ns to 3600s"),
    ("dur=5 ms", "dur: got `5 ms`, allowed: a duration"),
    ("dur=-5ms", "dur: got `-5ms`, allowed: a duration from 0ns to 3600s"),
    ("dur=1.5ns", "dur: got `1.5ns`, allowed: a duration from 0ns to 3600s in ns, us, ms or s, a whole number of ns"),
    ("dur=0.0000000001s", "dur: got `0.0000000001s`, allowed: a duration"),
    ("dur=3601s", "dur: got `3601s`, allowed: a duration from 0ns to 3600s"),
    ("dur=99999999999999999999s", "dur: got `99999999999999999999s`, allowed: a duration"),
    ("dur=18446744073709551615s", "dur: got `18446744073709551615s`, allowed: a duration"),
    ("dur=1.2.3ms", "dur: got `1.2.3ms`, allowed: a duration"),
    ("dur=.5ms", "dur: got `.5ms`, allowed: a duration"),
    ("dur=", "dur: got ``, allowed: a duration"),
    ("interval=50us", "interval: got `50us`, allowed: a duration from 100us to 3600s"),
    ("slice=5us", "slice: got `5us`, allowed: a duration from 10us to 10s"),
    ("spawn_cost=1s", "spawn_cost: got `1s`, allowed: a duration from 0ns to 100ms"),
    // Duration lists.
    ("durations=", "durations: got ``, allowed: 1 to 10000 comma-separated durations, each from 0ns to 3600s"),
    ("durations=1ms,,2ms", "durations: got ``, allowed: 1 to 10000 comma-separated durations"),
    ("durations=1ms,2x", "durations: got `2x`, allowed: 1 to 10000 comma-separated durations"),
    ("durations=1ms,2h", "durations: got `2h`, allowed: 1 to 10000 comma-separated durations"),
    ("durations=1ms,3601s", "durations: got `3601s`, allowed: 1 to 10000 comma-separated durations"),
    ("dist=list", "durations: got `0 values`, allowed: 1 to 10000 durations when dist=list"),
    // Words.
    ("strategy=pol", "strategy: got `pol`, allowed: one of unbounded, pool, static, steal, dynamic, fanout, ratelimit, semaphore, leak (did you mean `pool`?)"),
    ("strategy=Steal", "strategy: got `Steal`, allowed: one of unbounded, pool, static, steal, dynamic, fanout, ratelimit, semaphore, leak (did you mean `steal`?)"),
    ("strategy=", "strategy: got ``, allowed: one of unbounded, pool, static"),
    ("dist=normal", "dist: got `normal`, allowed: one of fixed, uniform, exp, pareto, bimodal, list"),
    ("limiter=leaky", "limiter: got `leaky`, allowed: one of ticker, bucket"),
    ("steal=all", "steal: got `all`, allowed: one of one, half"),
    ("ordered=yes", "ordered: got `yes`, allowed: one of true, false"),
    ("ctx=1", "ctx: got `1`, allowed: one of true, false"),
    ("ctx=TRUE", "ctx: got `TRUE`, allowed: one of true, false (did you mean `true`?)"),
    ("db=4&db_mode=crash", "db_mode: got `crash`, allowed: one of queue, slow, fail"),
    ("db_mode=slow", "db_mode: got `slow`, allowed: one of queue, slow, fail, only together with `db` (the connection limit)"),
    // Decimals.
    ("cpu=0.1234", "cpu: got `0.1234`, allowed: a decimal from 0 to 1 with at most 3 decimals"),
    ("cpu=1.5", "cpu: got `1.5`, allowed: a decimal from 0 to 1 with at most 3 decimals"),
    ("cpu=-0.5", "cpu: got `-0.5`, allowed: a decimal from 0 to 1"),
    ("cpu=50%25", "cpu: got `50%`, allowed: a decimal from 0 to 1"),
    ("cpu=NaN", "cpu: got `NaN`, allowed: a decimal from 0 to 1"),
    ("alpha=1", "alpha: got `1`, allowed: a decimal from 1.001 to 10 with at most 3 decimals"),
    ("long_share=0.0005", "long_share: got `0.0005`, allowed: a decimal from 0 to 1 with at most 3 decimals"),
    // Sizes.
    ("mem=1TB", "mem: got `1TB`, allowed: a size from 0B to 16GB in B, KB, MB or GB (binary: 1KB = 1024B)"),
    ("mem=17GB", "mem: got `17GB`, allowed: a size from 0B to 16GB"),
    ("mem=0.1KB", "mem: got `0.1KB`, allowed: a size from 0B to 16GB in B, KB, MB or GB (binary: 1KB = 1024B), a whole number of bytes"),
    ("stack=2GB", "stack: got `2GB`, allowed: a size from 0B to 1GB"),
    // Between fields.
    ("min_workers=20&max_workers=5", "min_workers: got `20`, allowed: at most max_workers (5)"),
    ("min_workers=20", "min_workers: got `20`, allowed: at most max_workers (16)"),
    // The view.
    ("compare=pool", "compare: got `pool`, allowed: 2 to 4 different comma-separated strategies"),
    ("compare=pool,steal,static,dynamic,fanout", "compare: got `pool,steal,static,dynamic,fanout`, allowed: 2 to 4 different"),
    ("compare=pool,pool", "compare: got `pool,pool`, allowed: 2 to 4 different comma-separated strategies"),
    ("compare=pool,stael", "compare: got `stael`, allowed: 2 to 4 different comma-separated strategies, each one of unbounded, pool, static, steal, dynamic, fanout, ratelimit, semaphore, leak (did you mean `steal`?)"),
    ("compare=", "compare: got ``, allowed: 2 to 4 different"),
    ("lesson=../etc", "lesson: got `../etc`, allowed: a lesson name of 1 to 64 letters, digits, `-` or `_`"),
    ("lesson=a%20b", "lesson: got `a b`, allowed: a lesson name"),
    ("#/lesson/", "lesson: got ``, allowed: a lesson name"),
    ("#/lesson/x/y", "lesson: got `x/y`, allowed: a lesson name"),
    ("#/settings", "link: got `#/settings`, allowed: a fragment such as #/lesson/<name> or #/lesson/<name>?<query>"),
    // Keys.
    ("strategi=pool", "strategi: got `strategi=pool`, allowed: a known key (did you mean `strategy`?)"),
    ("Workers=4", "Workers: got `Workers=4`, allowed: a known key (did you mean `workers`?)"),
    ("min=2", "min: got `min=2`, allowed: a known key (did you mean `min_workers`?)"),
    ("xyzzy=1", "xyzzy: got `xyzzy=1`, allowed: a known key (`gobalance help` lists them)"),
    ("=5", "link: got `=5`, allowed: a known key"),
    ("workers=4&workers=8", "workers: got `8`, allowed: one value (`workers` appears more than once)"),
    ("#/lesson/a?lesson=b", "lesson: got `b`, allowed: one value (`lesson` appears more than once)"),
    ("?strategy=pool#/?strategy=steal", "strategy: got `steal`, allowed: one value (`strategy` appears more than once)"),
    // Version.
    ("v=2", "v: got `2`, allowed: 1 (the only version so far)"),
    ("v=", "v: got ``, allowed: 1 (the only version so far)"),
    ("v=1.0", "v: got `1.0`, allowed: 1"),
    // Encoding.
    ("%FF=1", "link: got `\u{FFFD}=1`, allowed: text that is valid UTF-8 once percent-decoded"),
    ("workers=%C3%28", "workers: got `workers=\u{FFFD}(`, allowed: text that is valid UTF-8 once percent-decoded"),
];

#[test]
fn each_malformed_input_names_the_field_the_value_and_what_is_allowed() {
    assert!(MALFORMED.len() >= 40);
    let mut failures = Vec::new();
    for (input, expected) in MALFORMED {
        let (lenient, errors) = parse_lenient(input);
        let shown = errors.to_string();
        if !shown.lines().any(|line| line.starts_with(expected)) {
            failures.push(format!(
                "`{input}` should give a line starting\n    {expected}\n  but gave\n    {shown}"
            ));
        }
        assert!(parse(input).is_err(), "`{input}` was accepted");
        assert_eq!(
            lenient.scenario.validate(),
            Ok(()),
            "the lenient scenario of `{input}` is invalid"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn huge_input_is_refused_before_it_is_read() {
    let huge = "a".repeat(LINK_LEN_MAX + 1);
    assert_eq!(
        errors_of(&huge),
        format!(
            "link: got `{} bytes`, allowed: at most {LINK_LEN_MAX} bytes",
            LINK_LEN_MAX + 1
        )
    );
}

#[test]
fn the_longest_valid_durations_list_fits() {
    let longest = vec!["3599999999999ns"; limits::DURATIONS_LEN_MAX].join(",");
    let scenario = scenario_of(&format!("durations={longest}"));
    assert_eq!(scenario.workload.durations.len(), limits::DURATIONS_LEN_MAX);
    let too_many = vec!["1ms"; limits::DURATIONS_LEN_MAX + 1].join(",");
    assert!(
        errors_of(&format!("durations={too_many}")).starts_with("durations: got `10001 values`")
    );
}

#[test]
fn several_errors_are_reported_together_one_a_line() {
    let errors = errors_of("workers=0&dur=fast&strategi=pool&cpu=2&compare=pool");
    let fields: Vec<_> = errors
        .lines()
        .map(|line| line.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(fields, ["strategi", "workers", "dur", "cpu", "compare"]);
}

#[test]
fn a_wall_of_junk_gives_a_readable_report() {
    let junk = (0..500)
        .map(|i| format!("junk{i}=1"))
        .collect::<Vec<_>>()
        .join("&");
    let errors = errors_of(&junk);
    assert_eq!(errors.lines().count(), 51);
    assert_eq!(
        errors.lines().last(),
        Some("link: got `450 more errors`, allowed: fix the errors above first")
    );
}

#[test]
fn long_given_values_are_clipped_in_messages() {
    let errors = errors_of(&format!("workers={}", "9".repeat(1000)));
    assert!(errors.len() < 200, "{errors}");
    assert!(errors.contains("…`"), "{errors}");
}

// ---- Lenient parsing ----

#[test]
fn lenient_parsing_keeps_every_good_field() {
    let (link, errors) =
        parse_lenient("strategi=steal&workers=8&dur=oops&tasks=0&cores=2#/lesson/pools");
    let scenario = &link.scenario;
    assert_eq!((scenario.params.workers, scenario.machine.cores), (8, 2));
    assert_eq!(
        (scenario.workload.dur, scenario.workload.tasks),
        (Nanos::from_ms(100), 20),
        "defaults where refused"
    );
    assert_eq!(link.view.lesson.as_deref(), Some("pools"));
    assert_eq!(errors.0.len(), 3, "{errors}");
}

#[test]
fn lenient_parsing_drops_fields_that_break_validation() {
    let (link, _) = parse_lenient("min_workers=20&max_workers=5&workers=3");
    let params = &link.scenario.params;
    assert_eq!(
        (params.min_workers, params.max_workers, params.workers),
        (1, 5, 3)
    );

    let (link, _) = parse_lenient("dist=list&workers=3");
    assert_eq!(
        (link.scenario.workload.dist, link.scenario.params.workers),
        (Dist::Fixed, 3)
    );
}

// ---- Round trips ----

fn duration_up_to(max: Nanos) -> impl Strategy<Value = Nanos> {
    prop_oneof![
        (0..=max.0).prop_map(Nanos),
        (0..=max.0 / 1_000_000).prop_map(Nanos::from_ms),
        (0..=max.0 / 1_000).prop_map(Nanos::from_us),
    ]
}

fn duration_in(min: Nanos, max: Nanos) -> impl Strategy<Value = Nanos> {
    duration_up_to(max).prop_map(move |d| if d < min { min } else { d })
}

fn bytes_up_to(max: u64) -> impl Strategy<Value = u64> {
    prop_oneof![
        0..=max,
        (0..=max >> 10).prop_map(|k| k << 10),
        (0..=max >> 20).prop_map(|m| m << 20)
    ]
}

fn main_waits() -> impl Strategy<Value = sc::MainWait> {
    prop_oneof![
        Just(sc::MainWait::WaitGroup),
        Just(sc::MainWait::Nothing),
        duration_in(Nanos::ZERO, limits::DURATION_MAX).prop_map(sc::MainWait::Sleep),
    ]
}

fn any_strategy() -> impl Strategy<Value = sc::Strategy> {
    proptest::sample::select(sc::Strategy::ALL.to_vec())
}

fn scenarios() -> impl Strategy<Value = Scenario> {
    let workers_max = limits::WORKERS_MAX;
    let tasks_max = limits::TASKS_MAX;
    let params = (
        (1..=workers_max, 1..=workers_max, 1..=workers_max),
        (
            duration_in(Nanos::from_us(100), limits::DURATION_MAX),
            main_waits(),
        ),
        (1..=limits::RATE_MAX, 1..=workers_max),
        (any::<bool>(), any::<bool>()),
        (
            0..=tasks_max,
            0..=tasks_max,
            any::<bool>(),
            0..=tasks_max,
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (workers, a, b),
                (interval, main_wait),
                (rate, burst),
                (bucket, steal_one),
                (tb, rb, ordered, cancel, ctx),
            )| {
                sc::Params {
                    workers,
                    min_workers: a.min(b),
                    max_workers: a.max(b),
                    sample_interval: interval,
                    rate_per_s: rate,
                    burst,
                    limiter: if bucket {
                        Limiter::Bucket
                    } else {
                        Limiter::Ticker
                    },
                    steal: if steal_one {
                        StealAmount::One
                    } else {
                        StealAmount::Half
                    },
                    tasks_buffer: tb,
                    results_buffer: rb,
                    ordered,
                    cancel_after: cancel,
                    with_context: ctx,
                    main_wait,
                }
            },
        );
    let workload = (
        1..=tasks_max,
        proptest::sample::select(Dist::ALL.to_vec()),
        duration_up_to(limits::DURATION_MAX),
        proptest::collection::vec(duration_up_to(limits::DURATION_MAX), 0..6),
        (1001..=10_000u32, 0..=1000u32, 1..=10_000u32, 0..=1000u32),
        bytes_up_to(limits::MEM_PER_TASK_MAX),
    )
        .prop_map(
            |(tasks, dist, dur, mut durations, (alpha, long_share, long_factor, cpu), mem)| {
                if dist == Dist::List && durations.is_empty() {
                    durations.push(dur);
                }
                sc::Workload {
                    tasks,
                    dist,
                    dur,
                    durations,
                    alpha_milli: alpha,
                    long_share_permille: long_share,
                    long_factor,
                    cpu_permille: cpu,
                    mem_per_task_bytes: mem,
                }
            },
        );
    let cost = || duration_up_to(limits::COST_MAX);
    let machine = (
        1..=limits::CORES_MAX,
        (cost(), cost(), cost(), cost(), cost()),
        duration_in(Nanos::from_us(10), Nanos::from_secs(10)),
        bytes_up_to(1 << 30),
        proptest::option::of((
            1..=workers_max,
            proptest::sample::select(vec![Overload::Queue, Overload::Slow, Overload::Fail]),
        )),
    )
        .prop_map(
            |(cores, (spawn, switch, chan_op, sync_op, statement), slice, stack, resource)| {
                sc::Machine {
                    cores,
                    costs: sc::Costs {
                        spawn,
                        switch,
                        chan_op,
                        sync_op,
                        slice,
                        statement,
                    },
                    stack_bytes: stack,
                    resource: resource.map(|(conns, overload)| Resource { conns, overload }),
                }
            },
        );
    (any_strategy(), params, workload, machine, any::<u64>()).prop_map(
        |(strategy, params, workload, machine, seed)| Scenario {
            strategy,
            params,
            workload,
            machine,
            seed,
        },
    )
}

fn views() -> impl Strategy<Value = View> {
    (
        proptest::option::of("[a-z0-9_-]{1,24}"),
        proptest::option::of(any::<u64>()),
        proptest::option::of(any::<u32>()),
        prop_oneof![
            Just(Vec::new()),
            proptest::sample::subsequence(sc::Strategy::ALL.to_vec(), 2..=4).prop_shuffle(),
        ],
        proptest::option::of("[A-Za-z0-9_-]{1,80}"),
    )
        .prop_map(|(lesson, playhead, selected, compare, program)| View {
            lesson,
            playhead,
            selected,
            compare,
            program,
        })
}

/// Scenarios near the defaults, where dropping defaults matters most.
fn small_edits() -> impl Strategy<Value = Link> {
    (
        any_strategy(),
        1..=8u32,
        0..=2u32,
        proptest::option::of(1..=4u32),
    )
        .prop_map(|(strategy, workers, mode, db)| {
            let mut link = Link::default();
            link.scenario.strategy = strategy;
            link.scenario.params.workers = workers;
            link.scenario.workload.dist = Dist::ALL[mode as usize];
            link.scenario.machine.resource = db.map(|conns| Resource {
                conns,
                overload: Overload::Queue,
            });
            link
        })
}

fn links() -> impl Strategy<Value = Link> {
    prop_oneof![
        (scenarios(), views()).prop_map(|(scenario, view)| Link { scenario, view }),
        small_edits()
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn printing_then_parsing_gives_back_the_link(link in links()) {
        prop_assume!(link.scenario.validate().is_ok(), "the generator made an invalid scenario");
        let query = to_query(&link);
        prop_assert_eq!(parse(&query), Ok(link.clone()), "link: ?{}", query);
        prop_assert_eq!(to_query(&parse(&query).unwrap()), query.clone(), "printing is not stable for ?{}", query);
        let url = format!("https://gobalance.example/play?{query}");
        prop_assert_eq!(parse(&url), Ok(link.clone()), "link: {}", url);
        if let Some(lesson) = &link.view.lesson {
            let rest: Vec<_> = query.split('&').filter(|pair| !pair.starts_with("lesson=")).collect();
            let fragment = format!("#/lesson/{lesson}?{}", rest.join("&"));
            prop_assert_eq!(parse(&fragment), Ok(link.clone()), "link: {}", fragment);
        }
    }

    #[test]
    fn any_mix_of_keys_and_values_parses_without_panicking(
        pairs in proptest::collection::vec(
            (
                prop_oneof![
                    proptest::sample::select(FIELDS.iter().map(|f| f.name).collect::<Vec<_>>()).prop_map(String::from),
                    "[a-z_]{0,8}",
                ],
                "[0-9a-zµ.,%+-]{0,12}",
            ),
            0..12,
        )
    ) {
        let input = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
        let (lenient, errors) = parse_lenient(&input);
        prop_assert_eq!(lenient.scenario.validate(), Ok(()), "lenient scenario invalid for {}", input);
        if errors.is_empty() {
            let query = to_query(&lenient);
            prop_assert_eq!(parse(&query), Ok(lenient), "link: {} printed as {}", input, query);
        }
    }
}
