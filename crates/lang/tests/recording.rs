//! A program recorded for the page keeps every event however it ends, places each printed line between the events around it, and is stopped past its event limit.

use std::rc::Rc;

use gobalance_core::{Kind, Scenario};
use gobalance_lang::run::{compile_source, record_program, run_source, RunConfig};

fn recorded(src: &str, events_max: Option<u64>) -> gobalance_lang::run::Recording {
    let program = compile_source(src, RunConfig::default(), "main.go")
        .unwrap_or_else(|refused| panic!("does not compile:\n{}", refused.stderr));
    record_program(Rc::new(program), &Scenario::default(), events_max)
}

const PRINTS: &str = "package main

import \"fmt\"

func main() {
	ch := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			ch <- i
		}
		close(ch)
	}()
	for v := range ch {
		fmt.Println(\"got\", v)
	}
}
";

#[test]
fn each_printed_line_follows_the_transfer_of_what_it_prints() {
    let recording = recorded(PRINTS, None);
    assert_eq!(recording.result.exit_status, 0, "{:?}", recording.result);
    assert_eq!(
        recording.result.stdout,
        run_source(PRINTS, &Scenario::default()).stdout
    );
    let lines = &recording.result.lines;
    assert_eq!(lines.len(), 3);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line.text, format!("got {i}"));
        // Printed after the value it prints changed hands, before the next
        // did: the channel is unbuffered, so each transfer is one event, a
        // Send when main waited for it, a Recv when the sender waited.
        let transfers = recording.events[..line.event as usize]
            .iter()
            .filter(|e| matches!(e.kind(), Kind::Send | Kind::Recv))
            .count();
        assert_eq!(transfers, i + 1, "line {i}");
        assert_eq!(line.goroutine, 0, "main prints");
    }
    assert!(lines.windows(2).all(|w| w[0].event < w[1].event));
    assert_eq!(recording.outcome.events, recording.events.len() as u64);
    assert_eq!(recording.failed_at, None);
}

#[test]
fn a_deadlock_keeps_its_events_up_to_where_it_stops() {
    let src = "package main\n\nfunc main() {\n\tch := make(chan int)\n\tch <- 1\n}\n";
    let recording = recorded(src, None);
    assert_eq!(recording.result.exit_status, 2);
    assert_eq!(
        recording.result.stderr,
        "fatal error: all goroutines are asleep - deadlock!\n"
    );
    let last = recording.events.last().expect("events up to the deadlock");
    assert_eq!((last.kind(), last.line()), (Kind::Block, 5), "{last:?}");
    assert_eq!(recording.outcome.alive_at_exit, 1);
}

#[test]
fn a_panic_says_which_goroutine_and_line() {
    let src = "package main\n\nfunc main() {\n\tvar m map[string]int\n\tdone := make(chan bool)\n\tgo func() {\n\t\tm[\"x\"] = 1\n\t\tdone <- true\n\t}()\n\t<-done\n}\n";
    let recording = recorded(src, None);
    assert_eq!(recording.result.exit_status, 2);
    assert_eq!(
        recording.result.stderr.lines().next(),
        Some("panic: assignment to entry in nil map")
    );
    let (g, line) = recording.failed_at.expect("where it failed");
    assert_eq!(line, 7);
    assert_ne!(g, 0, "the goroutine started on line 6, not main");
}

#[test]
fn a_run_past_its_event_limit_is_stopped_and_says_so() {
    let src = "package main\n\nimport \"time\"\n\nfunc main() {\n\tfor {\n\t\ttime.Sleep(time.Millisecond)\n\t}\n}\n";
    let recording = recorded(src, Some(50_000));
    assert_eq!(recording.result.exit_status, 2);
    assert!(
        recording.result.stderr.contains("stopped after")
            && recording.result.stderr.contains("gobalance run --program"),
        "{}",
        recording.result.stderr
    );
    // Checked every few thousand events: stopped soon after the limit.
    assert!(
        (50_000..70_000).contains(&recording.events.len()),
        "{}",
        recording.events.len()
    );
}

#[test]
fn a_last_line_without_its_newline_is_still_a_line() {
    let src = "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"one\")\n\tfmt.Printf(\"total %d\", 2)\n}\n";
    let recording = recorded(src, None);
    let texts: Vec<&str> = recording
        .result
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(texts, ["one", "total 2"]);
}
