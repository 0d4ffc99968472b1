//! Integration tests of gobalance-lessons, compiled as one binary (`autotests = false` in Cargo.toml).

// Runs a link and reads a metric; every failure names the lesson and the link.
mod support;
// The catalogue's shape: slugs, order, titles, word counts, the sandbox.
mod catalog;
// Every preset, solution, correction link and link quoted in a text parses and runs.
mod links;
// Questions have at least two choices and an answer among them.
mod questions;
// Each preset misses its exercises' goals and each solution meets them.
mod exercises;
// Each correction's two links differ in the metric its box talks about.
mod corrections;
// The numbers the lesson texts quote, measured again.
mod quoted;
