//! The interpreter never hangs or crashes: an endless loop and a runaway recursion stop with a message, a goroutine's panic ends the program as Go's does, and constructs it lacks are compile errors.

use gobalance_core::Scenario;
use gobalance_lang::run::{run_source, run_source_with, RunConfig};

fn program(body: &str) -> String {
    format!("package main\n\nimport \"fmt\"\n\n{body}\n\nvar _ = fmt.Sprint\n")
}

#[test]
fn an_endless_loop_without_operations_is_stopped_with_a_message() {
    let config = RunConfig {
        instructions_max: 1_000_000,
        ..RunConfig::default()
    };
    let src = program("func main() {\n\tn := 0\n\tfor {\n\t\tn++\n\t}\n}");
    let result = run_source_with(&src, &Scenario::default(), config, "main.go");
    assert_eq!(result.exit_status, 2, "{result:?}");
    assert!(
        result.stderr.contains("1000000 instructions"),
        "{}",
        result.stderr
    );
}

#[test]
fn a_runaway_recursion_is_stopped_as_a_stack_overflow() {
    let src = program("func down(n int) int {\n\treturn down(n+1) + 1\n}\n\nfunc main() {\n\tfmt.Println(down(0))\n}");
    let result = run_source(&src, &Scenario::default());
    assert_eq!(result.exit_status, 2, "{result:?}");
    assert_eq!(
        result.stderr.lines().next(),
        Some("runtime: goroutine stack exceeds 1000000000-byte limit")
    );
    assert!(
        result.stderr.contains("fatal error: stack overflow"),
        "{}",
        result.stderr
    );
}

#[test]
fn a_panic_in_a_goroutine_ends_the_program_with_gos_first_line() {
    let src = program(
        "func main() {\n\tdone := make(chan bool)\n\tgo func() {\n\t\tdefer fmt.Println(\"deferred\")\n\t\tvar xs []int\n\t\t_ = xs[5]\n\t\tdone <- true\n\t}()\n\t<-done\n}",
    );
    let result = run_source(&src, &Scenario::default());
    assert_eq!(result.exit_status, 2, "{result:?}");
    assert_eq!(result.stdout, "deferred\n");
    assert_eq!(
        result.stderr.lines().next(),
        Some("panic: runtime error: index out of range [5] with length 0")
    );
}

#[test]
fn a_construct_the_interpreter_lacks_is_a_compile_error_naming_it() {
    let src = program("func main() {\n\tgoto end\nend:\n\tfmt.Println(1)\n}");
    let result = run_source(&src, &Scenario::default());
    assert_eq!(result.exit_status, 1, "{result:?}");
    assert_eq!(
        result.stderr,
        "main.go:6:2: goto is not supported by the playground's interpreter\n"
    );
}

#[test]
fn a_program_that_does_not_compile_gets_gos_errors() {
    let result = run_source(
        "package main\n\nfunc main() {\n\tx := 1\n}\n",
        &Scenario::default(),
    );
    assert_eq!(result.exit_status, 1);
    assert_eq!(result.stderr, "main.go:4:2: x declared but not used\n");
}

#[test]
fn printed_lines_carry_their_virtual_time_and_goroutine() {
    let src = "package main\n\nimport (\n\t\"fmt\"\n\t\"time\"\n)\n\nfunc main() {\n\tfmt.Println(\"first\")\n\ttime.Sleep(3 * time.Millisecond)\n\tfmt.Print(\"second \")\n\tfmt.Println(\"line\")\n}\n";
    let result = run_source(src, &Scenario::default());
    assert_eq!(result.stdout, "first\nsecond line\n");
    assert_eq!(result.lines.len(), 2);
    assert_eq!(result.lines[1].text, "second line");
    assert!(result.lines[1].at.0 >= 3_000_000, "{:?}", result.lines);
    assert_eq!(result.lines[0].goroutine, result.lines[1].goroutine);
}

/// `stmt_cost` charges every interpreted instruction as computing: the run
/// takes longer by the instructions times the cost, exactly in proportion.
#[test]
fn statements_cost_what_the_link_says() {
    let src = "package main\n\nimport \"time\"\n\nfunc main() {\n\tn := 0\n\tfor i := 0; i < 100; i++ {\n\t\tn += i\n\t}\n\ttime.Sleep(time.Millisecond)\n\t_ = n\n}\n";
    let makespan = |link: &str| {
        let scenario = gobalance_core::link::parse(link).expect("a link").scenario;
        let result = run_source(src, &scenario);
        assert_eq!(result.exit_status, 0, "{link}: {result:?}");
        result.metrics.expect("metrics").makespan.0
    };
    let free = makespan("strategy=pool");
    let extra_at_1us = makespan("strategy=pool&stmt_cost=1us") - free;
    let extra_at_2us = makespan("strategy=pool&stmt_cost=2us") - free;
    assert!(
        extra_at_1us >= 1000 * 1000,
        "1,000 iterations of at least one instruction: {extra_at_1us} ns"
    );
    assert_eq!(
        extra_at_2us,
        2 * extra_at_1us,
        "seed and scenario: strategy=pool&stmt_cost=1us vs 2us"
    );
}
