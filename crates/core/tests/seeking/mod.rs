//! Seeking a timeline equals folding its events from the start, around every snapshot and at sampled places: the check the native and the Chromium tests share.

use gobalance_core::link::parse;
use gobalance_core::view::{Timeline, TimelineBuilder, ViewState};
use gobalance_core::{Event, Run, Scenario};

/// Long enough for several snapshots each, short enough for a debug wasm build.
pub const SCENARIOS: [&str; 5] = [
    "strategy=pool&workers=4&tasks=20000&dist=exp",
    "strategy=steal&workers=4&tasks=40000&dist=exp",
    "strategy=fanout&workers=4&tasks=20000&dist=exp&ordered=true",
    "strategy=dynamic&tasks=20000&dist=exp",
    CHURN,
];

/// Goroutines alive together, each changing at its own time: its
/// snapshots keep their tables packed.
pub const CHURN: &str = "strategy=unbounded&cores=8&tasks=20000&dist=exp&dur=100ms";

/// Where `timeline` of `events` gives a state other than the fold of the
/// events before it, each as a line naming the link and the index: seeking
/// forward through the snapshots (each seek going on from the last), then
/// back from the end (each from a snapshot).
pub fn mismatches(link: &str, events: &[Event], timeline: &Timeline) -> Vec<String> {
    let Ok(parsed) = parse(link) else {
        return vec![format!("{link}: not a valid link")];
    };
    let len = timeline.len();
    let mut seeks: Vec<u64> = timeline
        .snapshot_indices()
        .flat_map(|at| [at - 1, at, at + 1])
        .chain((0..=16).map(|i| len * i / 16))
        .filter(|&at| at <= len)
        .collect();
    seeks.sort_unstable();
    seeks.dedup();
    let mut bad = Vec::new();
    if timeline.snapshot_indices().count() < 3 {
        bad.push(format!("{link}: fewer than 3 snapshots over {len} events"));
    }
    if link == CHURN && timeline.snapshots_packed() == 0 {
        bad.push(format!("{link}: no snapshot packed its tables"));
    }
    let mut replayed = ViewState::new(&parsed.scenario);
    let mut expected = Vec::new();
    for &at in &seeks {
        for e in &events[replayed.index as usize..at as usize] {
            replayed.apply(e);
        }
        if timeline.state_at(at) != replayed {
            bad.push(format!("{link}: seek forward to {at} differs"));
        }
        expected.push(replayed.clone());
    }
    for state in expected.iter().rev() {
        if timeline.state_at(state.index) != *state {
            bad.push(format!("{link}: seek back to {} differs", state.index));
        }
    }
    bad
}

/// A run kept within half the bytes its snapshots would hold: it drops
/// every other snapshot until it fits (67 of them down to 17), keeps at
/// least 3, and still seeks exactly around each of them.
pub const THINNED: &str = "strategy=pool&workers=4&tasks=20000&dist=exp";

/// [`mismatches`] of [`THINNED`] built to thin its snapshots, and where
/// the thinning did not happen as it should.
pub fn thinning_mismatches() -> Vec<String> {
    let link = THINNED;
    let (scenario, run) = match simulated(link) {
        Ok(simulated) => simulated,
        Err(why) => return vec![why],
    };
    let build = |bytes_max: usize| {
        let mut builder = TimelineBuilder::with_bytes_max(&scenario, bytes_max);
        run.events.iter().for_each(|e| builder.push(e));
        builder.finish()
    };
    let whole = build(usize::MAX);
    let snapshots = whole.snapshot_indices().count();
    let trace_bytes = whole.trace().bytes_held();
    let snapshot_bytes = whole.bytes_held() - trace_bytes;
    let thinned = build(trace_bytes + snapshot_bytes / 2);
    let kept = thinned.snapshot_indices().count();
    let mut bad = mismatches(link, &run.events, &thinned);
    if kept >= snapshots {
        bad.push(format!(
            "{link}: kept {kept} of {snapshots} snapshots within half their bytes"
        ));
    }
    bad
}

/// [`mismatches_of`] every link of [`SCENARIOS`].
pub fn corpus_mismatches() -> Vec<String> {
    SCENARIOS
        .iter()
        .flat_map(|link| mismatches_of(link))
        .collect()
}

/// [`mismatches`] for a link, simulated here.
pub fn mismatches_of(link: &str) -> Vec<String> {
    match simulated(link) {
        Ok((scenario, run)) => {
            let timeline = Timeline::new(&scenario, run.events.clone());
            mismatches(link, &run.events, &timeline)
        }
        Err(why) => vec![why],
    }
}

/// The scenario of `link` and its run, or a line saying why not.
fn simulated(link: &str) -> Result<(Scenario, Run), String> {
    let parsed = parse(link).map_err(|_| format!("{link}: not a valid link"))?;
    let run = gobalance_core::simulate(&parsed.scenario).map_err(|e| format!("{link}: {e}"))?;
    Ok((parsed.scenario, run))
}
