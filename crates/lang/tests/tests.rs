//! Integration tests of gobalance-lang, compiled as one binary.

// Running Go 1.19's compiler on a source, for the expected errors.
mod go;
// A fully parenthesized rendering of trees, to state what a parse means.
mod shape;
// Every Go program of the repository parses, and trees are right where they are easy to get wrong.
mod programs;
// Broken programs (tests/syntax/) give the errors `go build` gives.
mod syntax_errors;
// Mutated programs and deep nesting give errors, never a panic, a hang or a stack overflow.
mod robustness;
// The shared corpora (tests/corpus/): run/ programs parse, errors/ syntax errors match Go's.
mod shared_corpus;
// The type checker: programs check clean, the error corpus gives Go 1.19's type errors, mutations never panic.
mod check;
// The run corpus interpreted on the simulated runtime behaves as Go 1.19 does.
mod run_corpus;
// The Go programs of crates/core/go, interpreted, run as their built-in strategies.
mod run_strategies;
// The interpreter's limits: endless loops and recursion stop, panics end the program, missing features are compile errors.
mod run_limits;
// The lessons' programs to fix, and their fixes, pass Go 1.19's vet.
mod exercise_programs;
// A program recorded for the page: its events however it ends, its lines placed among them.
mod recording;
// Golden trace hashes of interpreted programs (checked again in Chromium by tests/wasm.rs).
mod golden;
