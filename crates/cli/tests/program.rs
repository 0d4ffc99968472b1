//! `gobalance run --program`: a Go file on the simulated runtime, with Go's output, errors and exit status.

use crate::support::gobalance;
use predicates::prelude::*;
use std::path::PathBuf;

/// Writes `src` as a Go file in a fresh temporary directory.
fn go_file(name: &str, src: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "gobalance-cli-program-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let path = dir.join("main.go");
    std::fs::write(&path, src).expect("write the program");
    path
}

const WORKERS: &str = r#"package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	results := make([]int, 3)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			time.Sleep(time.Duration(i) * time.Millisecond)
			results[i] = i * i
		}(i)
	}
	wg.Wait()
	fmt.Println(results)
}
"#;

#[test]
fn a_program_prints_what_go_prints_and_exits_zero() {
    let path = go_file("workers", WORKERS);
    gobalance()
        .args(["run", "--program"])
        .arg(&path)
        .assert()
        .success()
        .stdout("[0 1 4]\n");
}

#[test]
fn the_link_sets_the_machine_the_program_runs_on() {
    let path = go_file("cpus", "package main\n\nimport (\n\t\"fmt\"\n\t\"runtime\"\n)\n\nfunc main() {\n\tfmt.Println(runtime.NumCPU())\n}\n");
    gobalance()
        .args(["run", "--program"])
        .arg(&path)
        .arg("cores=3")
        .assert()
        .success()
        .stdout("3\n");
}

#[test]
fn a_program_that_does_not_compile_exits_one_with_gos_errors_naming_the_file() {
    let path = go_file("unused", "package main\n\nfunc main() {\n\tx := 1\n}\n");
    let expected = format!("{}:4:2: x declared but not used\n", path.display());
    gobalance()
        .args(["run", "--program"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout("")
        .stderr(expected);
}

#[test]
fn a_deadlock_exits_two_with_gos_fatal_error() {
    let path = go_file(
        "deadlock",
        "package main\n\nfunc main() {\n\tch := make(chan int)\n\tch <- 1\n}\n",
    );
    gobalance()
        .args(["run", "--program"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr("fatal error: all goroutines are asleep - deadlock!\n");
}

#[test]
fn a_panic_exits_two_after_what_was_printed() {
    let path = go_file("panic", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"before\")\n\tpanic(\"boom\")\n}\n");
    gobalance()
        .args(["run", "--program"])
        .arg(&path)
        .assert()
        .code(2)
        .stdout("before\n")
        .stderr("panic: boom\n");
}

#[test]
fn json_prints_the_runs_metrics_and_the_programs_output_on_stderr() {
    let path = go_file("json", WORKERS);
    let output = gobalance()
        .args(["run", "--json", "--program"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    assert!(report["makespan_ms"].as_f64().is_some(), "{report}");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "[0 1 4]\n");
}

#[test]
fn run_without_a_link_or_a_program_is_a_usage_error() {
    gobalance()
        .arg("run")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<LINK>"));
}

#[test]
fn a_share_link_with_a_program_runs_that_program() {
    let packed = gobalance_lang::share::pack(WORKERS);
    gobalance()
        .args(["run", &format!("strategy=pool&tasks=3&prog={packed}")])
        .assert()
        .success()
        .stdout("[0 1 4]\n");
    // A program cut short in the link says which field and what went wrong.
    let cut = &packed[..packed.len() / 8 * 4];
    gobalance()
        .args(["run", &format!("strategy=pool&prog={cut}")])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "prog: not a program written by Share",
        ));
}

#[test]
fn trace_writes_a_programs_run_even_up_to_a_deadlock() {
    let path = go_file(
        "trace-deadlock",
        "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"before\")\n\tch := make(chan int)\n\tch <- 1\n}\n",
    );
    let output = gobalance()
        .args(["trace", "--program"])
        .arg(&path)
        .output()
        .expect("runs");
    assert!(output.status.success(), "{output:?}");
    let trace: serde_json::Value = serde_json::from_slice(&output.stdout).expect("a JSON trace");
    let events = trace["traceEvents"].as_array().expect("trace events");
    assert!(!events.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("before\n"), "{stderr}");
    assert!(
        stderr.contains("fatal error: all goroutines are asleep - deadlock!"),
        "{stderr}"
    );
}

#[test]
fn trace_of_a_program_that_does_not_compile_exits_as_go_build() {
    let path = go_file(
        "trace-broken",
        "package main\n\nfunc main() {\n\tx := 1\n}\n",
    );
    gobalance()
        .args(["trace", "--program"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("declared but not used"));
}
