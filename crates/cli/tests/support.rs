//! Helpers shared by the end-to-end tests: the built binary and its JSON output.

use assert_cmd::Command;
use serde_json::Value;

/// The `gobalance` binary cargo built for these tests.
pub fn gobalance() -> Command {
    Command::cargo_bin("gobalance").expect("the gobalance binary is built with the tests")
}

/// Runs `gobalance` with `args`, expects success, and returns its standard output.
pub fn stdout_of(args: &[&str]) -> String {
    let output = gobalance()
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    String::from_utf8(output.stdout).expect("gobalance prints UTF-8")
}

/// Runs `gobalance` with `args`, expects success, and parses its standard output as JSON.
pub fn json_of(args: &[&str]) -> Value {
    let stdout = stdout_of(args);
    serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "`gobalance {}` printed no JSON ({e}):\n{stdout}",
            args.join(" ")
        )
    })
}
