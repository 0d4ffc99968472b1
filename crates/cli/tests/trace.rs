//! `gobalance trace`: the Chrome trace JSON loads, names a track per goroutine and per P, and has slices, counters and steal arrows.

use crate::support::{gobalance, json_of};
use gobalance_core::{link, Kind};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering};

/// Worker 0 is dealt every long task, so the others run dry and steal from it.
const STEAL: &str = "strategy=steal&workers=4&tasks=40&durations=160ms,20ms,20ms,20ms";

/// Writes the trace of `link` to a file and reads it back.
fn trace_of(link: &str) -> Value {
    trace_with(link, &[])
}

/// [`trace_of`] with more arguments (a window).
fn trace_with(link: &str, more: &[&str]) -> Value {
    let dir = std::env::temp_dir().join(format!("gobalance-trace-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A file per call: tests run in parallel and several trace the same link.
    let path = dir.join(format!(
        "{}.json",
        NEXT_FILE.fetch_add(1, Ordering::Relaxed)
    ));
    gobalance()
        .args(["trace", link, "-o"])
        .arg(&path)
        .args(more)
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).unwrap();
    let _ = std::fs::remove_file(&path);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("the trace of {link} is not JSON: {e}"))
}

static NEXT_FILE: AtomicU64 = AtomicU64::new(0);

fn events(trace: &Value) -> &Vec<Value> {
    trace["traceEvents"]
        .as_array()
        .expect("a traceEvents array")
}

fn of_phase<'a>(trace: &'a Value, ph: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
    events(trace).iter().filter(move |e| e["ph"] == ph)
}

fn pid_named(trace: &Value, name: &str) -> Value {
    of_phase(trace, "M")
        .find(|e| e["name"] == "process_name" && e["args"]["name"] == name)
        .unwrap_or_else(|| panic!("no process named {name}"))["pid"]
        .clone()
}

#[test]
fn every_goroutine_and_every_p_has_a_named_track() {
    let trace = trace_of(STEAL);
    let scenario = link::parse(STEAL).unwrap().scenario;
    let run = gobalance_core::simulate(&scenario).unwrap();
    let goroutines = run
        .events
        .iter()
        .filter(|e| e.kind() == Kind::Spawn)
        .count();
    let named = |pid: &Value| -> BTreeSet<u64> {
        of_phase(&trace, "M")
            .filter(|e| e["name"] == "thread_name" && e["pid"] == *pid)
            .map(|e| e["tid"].as_u64().unwrap())
            .collect()
    };
    let goroutine_tracks = named(&pid_named(&trace, "goroutines"));
    assert_eq!(goroutine_tracks.len(), goroutines);
    let processor_tracks = named(&pid_named(&trace, "processors"));
    assert_eq!(processor_tracks.len(), scenario.machine.cores as usize);
    assert!(
        goroutine_tracks.is_disjoint(&processor_tracks),
        "Perfetto keys thread names by tid alone, so tids must differ across processes"
    );
    let names: Vec<&str> = of_phase(&trace, "M")
        .filter(|e| e["name"] == "thread_name")
        .filter_map(|e| e["args"]["name"].as_str())
        .collect();
    assert!(names.iter().any(|n| n.starts_with("main")), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("worker 3")), "{names:?}");
}

#[test]
fn goroutines_have_running_and_blocked_slices_and_ps_have_theirs() {
    let trace = trace_of(STEAL);
    let goroutines = pid_named(&trace, "goroutines");
    let processors = pid_named(&trace, "processors");
    let slices: Vec<&Value> = of_phase(&trace, "X").collect();
    assert!(slices
        .iter()
        .any(|e| e["pid"] == goroutines && e["name"] == "running"));
    // The default workload waits (cpu=0), so workers block on I/O.
    assert!(slices
        .iter()
        .any(|e| e["pid"] == goroutines && e["name"] == "I/O"));
    assert!(slices.iter().any(|e| e["pid"] == processors));
    assert!(slices.iter().all(|e| e["dur"].as_f64().unwrap() >= 0.0));
}

#[test]
fn slices_on_one_track_never_overlap() {
    for link in [
        STEAL,
        "strategy=fanout&cpu=1&ordered=true",
        "strategy=leak&cancel_after=3&ctx=true",
    ] {
        let trace = trace_of(link);
        let mut tracks: BTreeMap<(u64, u64), Vec<(f64, f64)>> = BTreeMap::new();
        for e in of_phase(&trace, "X") {
            let ts = e["ts"].as_f64().unwrap();
            let end = ts + e["dur"].as_f64().unwrap();
            let track = (e["pid"].as_u64().unwrap(), e["tid"].as_u64().unwrap());
            tracks.entry(track).or_default().push((ts, end));
        }
        for (track, mut spans) in tracks {
            spans.sort_by(|a, b| a.partial_cmp(b).unwrap());
            for pair in spans.windows(2) {
                assert!(
                    pair[1].0 >= pair[0].1 - 1e-6,
                    "{link}: slices overlap on track {track:?}: {pair:?}"
                );
            }
        }
    }
}

#[test]
fn counters_track_goroutines_and_queue_depth() {
    let trace = trace_of(STEAL);
    let counters: BTreeSet<&str> = of_phase(&trace, "C")
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert!(counters.contains("goroutines"), "{counters:?}");
    assert!(counters.contains("queued"), "{counters:?}");
    let peak_alive = of_phase(&trace, "C")
        .filter(|e| e["name"] == "goroutines")
        .filter_map(|e| e["args"]["alive"].as_u64())
        .max();
    let report = json_of(&["run", STEAL, "--json"]);
    assert_eq!(peak_alive, report["peak_goroutines"].as_u64());
}

#[test]
fn steals_are_arrows_from_the_victim_to_the_thief() {
    let trace = trace_of(STEAL);
    let goroutines = pid_named(&trace, "goroutines");
    let starts: BTreeMap<u64, &Value> = of_phase(&trace, "s")
        .map(|e| (e["id"].as_u64().unwrap(), e))
        .collect();
    let ends: BTreeMap<u64, &Value> = of_phase(&trace, "f")
        .map(|e| (e["id"].as_u64().unwrap(), e))
        .collect();
    assert!(!starts.is_empty(), "no flow events");
    assert_eq!(
        starts.keys().collect::<Vec<_>>(),
        ends.keys().collect::<Vec<_>>(),
        "every arrow has both ends"
    );
    let deque_steals: Vec<_> = starts
        .iter()
        .filter(|(_, s)| s["pid"] == goroutines)
        .collect();
    assert!(
        !deque_steals.is_empty(),
        "no arrow for the strategy's steals"
    );
    for (id, start) in deque_steals {
        let end = ends[id];
        assert_eq!(start["name"], end["name"]);
        assert_eq!(start["cat"], end["cat"]);
        assert_ne!(
            start["tid"], end["tid"],
            "a worker does not steal from itself"
        );
    }
}

#[test]
fn without_a_file_the_trace_goes_to_standard_output() {
    let trace = json_of(&["trace", "strategy=pool&tasks=4"]);
    assert!(!events(&trace).is_empty());
    assert_eq!(trace["displayTimeUnit"], "ns");
}

#[test]
fn the_trace_carries_the_same_hash_as_the_run() {
    let trace = trace_of(STEAL);
    let report = json_of(&["run", STEAL, "--json"]);
    assert_eq!(trace["otherData"]["trace_hash"], report["trace_hash"]);
    assert_eq!(trace["otherData"]["scenario"], report["scenario"]);
}

/// What a trace shows of one thing, in microseconds rounded to the
/// nanosecond: (phase, track, name, start, end).
fn shown(e: &Value) -> (String, u64, u64, String, i64, i64) {
    let ns = |v: &Value| (v.as_f64().unwrap_or(0.0) * 1000.0).round() as i64;
    let ts = ns(&e["ts"]);
    (
        e["ph"].as_str().unwrap().to_owned(),
        e["pid"].as_u64().unwrap(),
        e["tid"].as_u64().unwrap(),
        e["name"].as_str().unwrap().to_owned(),
        ts,
        ts + ns(&e["dur"]),
    )
}

#[test]
fn a_window_is_the_whole_trace_cut_at_its_edges() {
    let whole = trace_of(STEAL);
    let (from, to) = (50_000_000i64, 120_000_000i64);
    let window = trace_with(STEAL, &["--from", "50ms", "--to", "120ms"]);
    let mut expected: Vec<_> = events(&whole)
        .iter()
        .filter(|e| e["ph"] != "M" && e["ph"] != "C")
        .map(shown)
        .filter_map(|(ph, pid, tid, name, start, end)| {
            // Slices that overlap the window, cut to it; everything else that lies in it.
            let (start, end) = if ph == "X" {
                (start.max(from), end.min(to))
            } else {
                (start, end)
            };
            (start >= from && end <= to && start <= end).then_some((ph, pid, tid, name, start, end))
        })
        .collect();
    let mut got: Vec<_> = events(&window)
        .iter()
        .filter(|e| e["ph"] != "M" && e["ph"] != "C")
        .map(shown)
        .collect();
    // A slice of the whole that ends exactly at the window's start is a
    // zero-length cut: the window leaves it out or keeps it, both honest.
    expected.retain(|e| !(e.0 == "X" && e.4 == e.5 && e.4 == from) || got.contains(e));
    expected.sort();
    got.sort();
    assert!(!got.is_empty());
    assert_eq!(got, expected);
    // Counters start over at the window with their values there.
    let first_counter = of_phase(&window, "C").map(|e| shown(e).4).min();
    assert_eq!(first_counter, Some(from));
    // Tracks are named for the goroutines that appear in the window.
    let named: BTreeSet<u64> = of_phase(&window, "M")
        .filter(|e| e["name"] == "thread_name")
        .map(|e| e["tid"].as_u64().unwrap())
        .collect();
    for e in events(&window).iter().filter(|e| e["ph"] == "X") {
        assert!(named.contains(&e["tid"].as_u64().unwrap()), "{e}");
    }
}

#[test]
fn a_window_that_is_not_one_is_refused_naming_the_flag() {
    for (args, says) in [
        (
            &["--from", "20ms", "--to", "10ms"][..],
            "--from: got 20ms, after --to (10ms)",
        ),
        (&["--from", "2h"][..], "a time is a number and a unit"),
        (
            &["--from", "100s"][..],
            // The run's end in Go's form, not a count of nanoseconds.
            "--from: got 100s, after the run's last event at 642.0048ms;",
        ),
    ] {
        let output = gobalance()
            .args(["trace", STEAL])
            .args(args)
            .assert()
            .failure()
            .get_output()
            .stderr
            .clone();
        let stderr = String::from_utf8(output).unwrap();
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
}
