//! How parsing and checking grow with the source: one program, and the same program ten times as long (within the 1 MiB input limit), valid and garbled.

use criterion::{criterion_group, criterion_main, Criterion};

/// A function body's worth of statements, repeated to make a long program.
const STATEMENTS: &str =
    "\tx := f(a, b)[i].y + <-ch * 2\n\tif x {\n\t\ty, z := m[\"k\"], T{1, 2}\n\t}\n";
/// Tokens in no order: the parser's errors and recovery.
const GARBLED: &str = "\t) ( x := , } { [ :\n";

fn source(unit: &str, times: usize) -> String {
    format!("package main\n\nfunc main() {{\n{}}}\n", unit.repeat(times))
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for (name, unit) in [("statements", STATEMENTS), ("garbled", GARBLED)] {
        for times in [1_000, 10_000] {
            let src = source(unit, times);
            group.bench_function(format!("{name} x{times}"), |b| {
                b.iter(|| gobalance_lang::parse(src.as_bytes()))
            });
        }
    }
    group.finish();
    let program = include_str!("../../core/go/pool/main.go");
    c.bench_function("parse and check pool/main.go", |b| {
        b.iter(|| {
            let file = gobalance_lang::parse(program.as_bytes()).expect("parses");
            gobalance_lang::check::check(&file).expect("checks")
        })
    });
}

criterion_group!(benches, parse);
criterion_main!(benches);
