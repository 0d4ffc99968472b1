//! End-to-end tests of the `gobalance` binary, compiled as one test binary (`autotests = false` in Cargo.toml) so they link once.

// Helpers: the built binary, and reading its JSON.
mod support;
// `gobalance run`: the metrics table, the JSON fields, worked-out numbers.
mod run;
// `gobalance sweep`: a row per worker count, ranges and lists.
mod sweep;
// `gobalance trace`: Chrome trace JSON with tracks, counters and steal arrows.
mod trace;
// Bad links, bad flags and failed simulations: exit status 2 and a message naming the problem.
mod bad_input;
// `gobalance help` and `code`: every link field and strategy, the Go programs.
mod help;
// `gobalance code --standalone`: one main.go that runs the link's scenario.
mod standalone;
// Links from standard input and from files, for links longer than one argument.
mod long_links;
// `gobalance real`: a scenario run for real on threads, beside its prediction.
mod real;
// `gobalance run --program`: a Go file run on the simulated runtime, with Go's output and exit status.
mod program;
