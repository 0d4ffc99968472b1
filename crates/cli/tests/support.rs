//! Helpers shared by the end-to-end tests: the built binary and its JSON output.

use assert_cmd::Command;
use serde_json::Value;

/// The `gobalance` binary cargo built for these tests.
pub fn gobalance() -> Command {
    Command::cargo_bin("gobalance").expect("the gobalance binary is built with the tests")
}

/// Runs `gobalance` with `args`, expects success, and parses its standard output as JSON.
pub fn json_of(args: &[&str]) -> Value {
    let output = gobalance()
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "`gobalance {}` printed no JSON ({e}):\n{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stdout)
        )
    })
}
