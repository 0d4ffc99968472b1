//! The Go programs of crates/core/go, interpreted, run as the built-in strategies that simulate them: same metrics, and the same trace where noted.

use std::path::Path;
use std::rc::Rc;

use gobalance_core::{link, simulate};
use gobalance_lang::run::{compile, run_program};

/// Programs whose interpreted run differs from the built-in strategy, and why.
const EXCEPTIONS: &[(&str, &str)] = &[
    ("unbounded", "the built-in notes each task as queued when its goroutine is spawned (a zero-cost note, no operation); the interpreter notes a task only when it is sent on a tasks channel, so peak_queue_depth differs"),
    ("semaphore", "the built-in notes each task as queued at the semaphore's acquire; the interpreter only on sends on a tasks channel"),
    ("leak", "the built-in notes each task as queued when its goroutine is spawned; the interpreter only on sends on a tasks channel"),
    ("fanout", "the built-in notes each result handed to the caller (deliver, for out-of-order counts); the Go program's collector loop has no call the interpreter could take for it"),
    ("static", "the built-in deals tasks onto the engine's own queues (deque events); the Go program appends to slices, which are not runtime operations"),
    ("steal", "the built-in's deques are engine objects with their own lock events; the Go program's are slices under a sync.Mutex"),

];

/// A few scenarios per program, small enough to run in a blink.
fn links(program: &str) -> Vec<String> {
    let base = [
        "workers=4&tasks=40&dist=exp&dur=2ms&cores=2",
        "workers=3&tasks=25&dist=pareto&dur=1ms&cpu=0.5&cores=4&tasks_buffer=2",
        "workers=8&tasks=60&dist=uniform&dur=500us&cpu=1&cores=1&results_buffer=3",
    ];
    base.iter()
        .map(|q| format!("strategy={program}&{q}"))
        .collect()
}

fn source(program: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/go")
        .join(program)
        .join("main.go");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Whether the interpreted program gives the built-in's metrics and trace on every link.
fn compare(program: &str) -> Result<(), String> {
    let src = source(program);
    let file = gobalance_lang::parse(&src).map_err(|e| format!("{e:?}"))?;
    let checked = gobalance_lang::check::check(&file).map_err(|e| format!("{e:?}"))?;
    let compiled = Rc::new(
        compile(&file, &checked)
            .map_err(|e| e.to_string())?
            .with_markers(&src),
    );
    for query in links(program) {
        let scenario = link::parse(&query)
            .map_err(|e| format!("{query}: {e:?}"))?
            .scenario;
        let builtin = simulate(&scenario).map_err(|e| format!("{query}: built-in: {e}"))?;
        let (result, run) = run_program(compiled.clone(), &scenario, true);
        let Some(run) = run else {
            return Err(format!("{query}: interpreted: {}", result.stderr));
        };
        if run.metrics != builtin.metrics {
            return Err(format!(
                "{query}: metrics differ\n interpreted {:?}\n built-in    {:?}",
                run.metrics, builtin.metrics
            ));
        }
        if run.trace_hash != builtin.trace_hash {
            let at = run
                .events
                .iter()
                .zip(&builtin.events)
                .position(|(a, b)| a != b)
                .unwrap_or(run.events.len().min(builtin.events.len()));
            return Err(format!(
                "{query}: traces differ from event {at}: interpreted {:?}, built-in {:?}",
                run.events.get(at),
                builtin.events.get(at)
            ));
        }
    }
    Ok(())
}

#[test]
fn interpreted_go_programs_run_as_their_strategies() {
    let mut unexpected = Vec::new();
    for strategy in gobalance_core::Strategy::ALL {
        let program = strategy.key();
        let outcome = compare(program);
        let excepted = EXCEPTIONS.iter().any(|(p, _)| *p == program);
        match (outcome, excepted) {
            (Ok(()), true) => unexpected.push(format!(
                "{program} now matches its strategy: take it out of EXCEPTIONS"
            )),
            (Err(why), false) => unexpected.push(format!("{program}: {why}")),
            _ => {}
        }
    }
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
}

#[test]
fn the_pool_program_interpreted_reports_as_work_go_does() {
    let scenario = link::parse("strategy=pool&workers=2&tasks=10&dur=1ms")
        .expect("a valid link")
        .scenario;
    let src = source("pool");
    let result = gobalance_lang::run::run_source(&src, &scenario);
    assert_eq!(result.exit_status, 0, "{}", result.stderr);
    assert!(
        result.stdout.starts_with("elapsed_ns=") && result.stdout.contains(" results=10 "),
        "{}",
        result.stdout
    );
}
