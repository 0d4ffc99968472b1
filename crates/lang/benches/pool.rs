//! The worker pool of crates/core/go/pool/main.go interpreted, against the built-in strategy that simulates it, on 8 workers and 100,000 tasks.

use std::rc::Rc;

use criterion::{criterion_group, criterion_main, Criterion};
use gobalance_core::{link, simulate_with};
use gobalance_lang::run::{compile, run_program};

const LINK: &str = "strategy=pool&workers=8&tasks=100000&dist=exp&dur=1ms&cores=4";

fn pool(c: &mut Criterion) {
    let scenario = link::parse(LINK).expect("a valid link").scenario;
    let src = include_str!("../../core/go/pool/main.go");
    let file = gobalance_lang::parse(src).expect("parses");
    let checked = gobalance_lang::check::check(&file).expect("checks");
    let program = Rc::new(
        compile(&file, &checked)
            .expect("compiles")
            .with_markers(src),
    );
    let mut group = c.benchmark_group("pool of 8 over 100,000 tasks");
    group.sample_size(10);
    group.bench_function("built-in strategy", |b| {
        b.iter(|| simulate_with(&scenario, false, None).expect("runs"))
    });
    group.bench_function("interpreted main.go", |b| {
        b.iter(|| {
            let (result, run) = run_program(program.clone(), &scenario, false);
            assert!(run.is_some(), "{}", result.stderr);
        })
    });
    group.finish();
}

criterion_group!(benches, pool);
criterion_main!(benches);
