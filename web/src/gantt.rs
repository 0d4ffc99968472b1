//! The timeline's Gantt chart: each goroutine's and each P's states over time, built once per run from its events.
//!
//! How, and why this shape:
//!
//! 1. [`for_each_span`] walks the trace once as a small state machine per
//!    goroutine and per P and reports every closed span (lane, start, end,
//!    tone). A leaked goroutine's last span is reported as leaked, from the
//!    moment it blocked, so the chart shows where it got stuck.
//! 2. [`Gantt::build`] folds those spans into a fixed number of time
//!    buckets per lane ([`BUCKETS`]), keeping in each bucket the tone that
//!    matters most ([`priority`]: running first). A trace of millions of
//!    events thus becomes a few kilobytes, drawn at any width without
//!    touching the events again; the canvas only redraws when the run or
//!    its size changes, and the playhead is a separate element.
//! 3. [`runs`] merges equal neighbouring buckets into rectangles to draw.

use gobalance_core::trace::NONE;
use gobalance_core::{BlockOn, Event, Kind, Nanos, Role};

use crate::labels::{block_tone, Tone};

/// Buckets per lane: about one per device pixel of a wide screen's chart.
pub const BUCKETS: usize = 2048;
/// Goroutine lanes drawn; past this the chart says how many it left out.
pub const GOROUTINE_LANES_MAX: usize = 128;

/// Which row a span belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    Goroutine(u32),
    /// A P, and the goroutine that ran on it.
    P(u32, u32),
}

/// A closed interval of one state on one row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub row: Row,
    pub start: Nanos,
    pub end: Nanos,
    pub tone: Tone,
}

/// Which tone wins a bucket that several spans share: what a learner most
/// needs to see in a squeezed pixel comes first.
pub fn priority(tone: Tone) -> u8 {
    match tone {
        Tone::Running => 7,
        Tone::Leaked => 6,
        Tone::Blocked => 5,
        Tone::Waiting => 4,
        Tone::Sleeping => 3,
        Tone::Runnable => 2,
        Tone::Exited => 1,
    }
}

/// Reports every span of the trace (step 1). Spans still open after the last
/// event close at `end`, its time.
pub fn for_each_span(events: impl IntoIterator<Item = Event>, end: Nanos, emit: impl FnMut(Span)) {
    // Both kinds of row report as they close: nothing is held back.
    let emit = std::cell::RefCell::new(emit);
    // Per goroutine: the open span's tone and start; None once exited.
    let mut open: Vec<Option<(Tone, Nanos)>> = Vec::new();
    // Per P: the goroutine on it and since when.
    let mut on_p: Vec<Option<(u32, Nanos)>> = Vec::new();

    let switch = |open: &mut Vec<Option<(Tone, Nanos)>>, g: u32, t: Nanos, next: Option<Tone>| {
        let slot = g as usize;
        if open.len() <= slot {
            open.resize(slot + 1, None);
        }
        if let Some((tone, start)) = open[slot].take() {
            (emit.borrow_mut())(Span {
                row: Row::Goroutine(g),
                start,
                end: t,
                tone,
            });
        }
        open[slot] = next.map(|tone| (tone, t));
    };
    let leave_p = |on_p: &mut Vec<Option<(u32, Nanos)>>, g: u32, t: Nanos| {
        for (p, slot) in on_p.iter_mut().enumerate() {
            if let Some((on, start)) = *slot {
                if on == g {
                    (emit.borrow_mut())(Span {
                        row: Row::P(p as u32, on),
                        start,
                        end: t,
                        tone: Tone::Running,
                    });
                    *slot = None;
                }
            }
        }
    };

    for e in events {
        if e.g == NONE {
            // The runtime acted (a tick, a runtime steal): no goroutine changes state.
            continue;
        }
        match e.kind() {
            Kind::Spawn => switch(&mut open, e.g, e.t(), Some(Tone::Runnable)),
            Kind::Run => {
                let p = e.a as usize;
                if on_p.len() <= p {
                    on_p.resize(p + 1, None);
                }
                if let Some((other, _)) = on_p[p] {
                    leave_p(&mut on_p, other, e.t());
                }
                on_p[p] = Some((e.g, e.t()));
                switch(&mut open, e.g, e.t(), Some(Tone::Running));
            }
            Kind::Block => {
                leave_p(&mut on_p, e.g, e.t());
                let on = BlockOn::from_u32(e.a).unwrap_or(BlockOn::Io);
                switch(&mut open, e.g, e.t(), Some(block_tone(on)));
            }
            Kind::Preempt | Kind::Unblock => {
                leave_p(&mut on_p, e.g, e.t());
                switch(&mut open, e.g, e.t(), Some(Tone::Runnable));
            }
            Kind::Exit => {
                leave_p(&mut on_p, e.g, e.t());
                switch(&mut open, e.g, e.t(), None);
            }
            Kind::Leaked => {
                leave_p(&mut on_p, e.g, e.t());
                // Recolour the state it was stuck in, from when it got stuck.
                let slot = e.g as usize;
                if let Some(Some((_, start))) = open.get(slot).copied() {
                    open[slot] = Some((Tone::Leaked, start));
                }
                switch(&mut open, e.g, e.t(), None);
            }
            _ => {}
        }
    }
    for g in 0..open.len() as u32 {
        switch(&mut open, g, end, None);
    }
    let gs: Vec<u32> = on_p.iter().flatten().map(|(g, _)| *g).collect();
    for g in gs {
        leave_p(&mut on_p, g, end);
    }
}

/// The bucket of instant `t` in a chart ending at `end`: the last bucket
/// holds the end itself.
pub fn bucket_of(t: Nanos, end: Nanos) -> usize {
    if end.0 == 0 {
        return 0;
    }
    ((u128::from(t.0) * BUCKETS as u128 / u128::from(end.0)) as usize).min(BUCKETS - 1)
}

/// One row of the chart: who it is and a tone code per bucket (0 = nothing, else `Tone::ALL` index + 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    pub label: String,
    pub buckets: Vec<u8>,
}

/// The whole chart of one run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gantt {
    pub end: Nanos,
    /// Goroutine lanes, in goroutine id order (the first [`GOROUTINE_LANES_MAX`]).
    pub goroutines: Vec<Lane>,
    /// Goroutines without a lane of their own: they share [`Gantt::others`].
    pub hidden: u32,
    /// For each bucket, how many of the goroutines without a lane were in
    /// each state during it (by `Tone::ALL` index; one goroutine in two
    /// states within a bucket counts in both).
    pub others: Vec<[u32; TONES]>,
    pub ps: Vec<Lane>,
    /// For each P and bucket, the goroutine that ran longest on it then,
    /// or [`NONE`].
    pub ps_goroutine: Vec<Vec<u32>>,
}

/// The tones, as counted in [`Gantt::others`].
pub const TONES: usize = Tone::ALL.len();

fn code(tone: Tone) -> u8 {
    Tone::ALL
        .iter()
        .position(|t| *t == tone)
        .map_or(0, |i| i as u8 + 1)
}

/// The tone of a bucket code.
pub fn tone_of(code: u8) -> Option<Tone> {
    code.checked_sub(1)
        .and_then(|i| Tone::ALL.get(i as usize).copied())
}

impl Gantt {
    /// Bytes the chart holds.
    pub fn bytes_held(&self) -> usize {
        let lane = |lane: &Lane| {
            std::mem::size_of::<Lane>() + lane.label.capacity() + lane.buckets.capacity()
        };
        let lanes: usize = self.goroutines.iter().chain(&self.ps).map(lane).sum();
        let ps_goroutine: usize = self.ps_goroutine.iter().map(|p| p.capacity() * 4).sum();
        lanes + self.others.capacity() * std::mem::size_of::<[u32; TONES]>() + ps_goroutine
    }

    /// How many of the goroutines without a lane were in each state in the
    /// bucket of time `t`.
    pub fn others_at(&self, t: Nanos) -> [u32; TONES] {
        self.others
            .get(bucket_of(t, self.end))
            .copied()
            .unwrap_or_default()
    }

    /// The chart of a list of events.
    pub fn of(events: &[Event], cores: u32) -> Gantt {
        let end = events.last().map_or(Nanos::ZERO, Event::t);
        Gantt::build(events.iter().copied(), end, cores)
    }

    /// Builds the chart (step 2) from the events in order and the time of
    /// the last; `cores` gives the P rows even when a P never ran anything.
    pub fn build(events: impl IntoIterator<Item = Event>, end: Nanos, cores: u32) -> Gantt {
        let mut labels: Vec<String> = Vec::new();
        let mut total_goroutines = 0u32;
        // The lanes' labels come from the spawns, seen as the spans go by.
        let events = events.into_iter().inspect(|e| {
            if e.kind() == Kind::Spawn {
                total_goroutines += 1;
                if labels.len() < GOROUTINE_LANES_MAX && e.g as usize == labels.len() {
                    let role = Role::from_u32(e.b).unwrap_or(Role::Worker);
                    labels.push(match role {
                        Role::Worker | Role::Forwarder => format!("{} {}", role.name(), e.c),
                        role => role.name().to_owned(),
                    });
                }
            }
        });
        let mut goroutine_buckets: Vec<Vec<u8>> = Vec::new();
        let mut ps: Vec<Lane> = (0..cores)
            .map(|p| Lane {
                label: format!("P{p}"),
                buckets: vec![0; BUCKETS],
            })
            .collect();
        let bucket = |t: Nanos| bucket_of(t, end);
        // Where bucket `b` starts.
        let bucket_start =
            |b: usize| -> u64 { (u128::from(end.0) * b as u128 / BUCKETS as u128) as u64 };
        // The other goroutines' states, as differences between neighbouring
        // buckets: a span adds one from its first bucket to its last.
        let mut others_step = vec![[0i64; TONES]; BUCKETS + 1];
        let mut ps_goroutine = vec![vec![NONE; BUCKETS]; cores as usize];
        // How long the goroutine kept in `ps_goroutine` ran in the bucket.
        let mut ps_longest = vec![vec![0u64; BUCKETS]; cores as usize];
        for_each_span(events, end, |span| {
            let (first, last) = (bucket(span.start), bucket(span.end));
            let buckets = match span.row {
                Row::Goroutine(g) if (g as usize) < GOROUTINE_LANES_MAX => {
                    let g = g as usize;
                    if goroutine_buckets.len() <= g {
                        goroutine_buckets.resize(g + 1, vec![0; BUCKETS]);
                    }
                    &mut goroutine_buckets[g]
                }
                Row::Goroutine(_) => {
                    let tone = Tone::ALL.iter().position(|&t| t == span.tone).unwrap_or(0);
                    others_step[first][tone] += 1;
                    others_step[last + 1][tone] -= 1;
                    return;
                }
                Row::P(p, g) => {
                    let (Some(lane), Some(who), Some(longest)) = (
                        ps.get_mut(p as usize),
                        ps_goroutine.get_mut(p as usize),
                        ps_longest.get_mut(p as usize),
                    ) else {
                        return;
                    };
                    for b in first..=last {
                        let from = span.start.0.max(bucket_start(b));
                        let to = span.end.0.min(bucket_start(b + 1));
                        let ran = to.saturating_sub(from);
                        if who[b] == NONE || ran > longest[b] {
                            who[b] = g;
                            longest[b] = ran;
                        }
                    }
                    &mut lane.buckets
                }
            };
            let new = code(span.tone);
            for slot in &mut buckets[first..=last] {
                let old = tone_of(*slot).map_or(0, priority);
                if priority(span.tone) > old {
                    *slot = new;
                }
            }
        });
        goroutine_buckets.resize(labels.len(), vec![0; BUCKETS]);
        let goroutines: Vec<Lane> = labels
            .into_iter()
            .zip(goroutine_buckets)
            .map(|(label, buckets)| Lane { label, buckets })
            .collect();
        let mut in_state = [0i64; TONES];
        let others = others_step[..BUCKETS]
            .iter()
            .map(|step| {
                for (count, change) in in_state.iter_mut().zip(step) {
                    *count += change;
                }
                in_state.map(|count| count.max(0) as u32)
            })
            .collect();
        Gantt {
            end,
            hidden: total_goroutines.saturating_sub(goroutines.len() as u32),
            goroutines,
            others,
            ps,
            ps_goroutine,
        }
    }
}

/// A rectangle to draw: buckets `start..start + len` in one tone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    pub start: usize,
    pub len: usize,
    pub tone: Tone,
}

/// Merges equal neighbouring buckets (step 3); empty buckets draw nothing.
pub fn runs(buckets: &[u8]) -> Vec<Run> {
    stretches(buckets)
        .filter_map(|(start, len, code)| tone_of(code).map(|tone| Run { start, len, tone }))
        .collect()
}

/// Stretches of equal neighbouring values, as (first index, length, value):
/// a lane's tones, or a P row's goroutines.
pub fn stretches<T: Copy + PartialEq>(
    values: &[T],
) -> impl Iterator<Item = (usize, usize, T)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let &value = values.get(i)?;
        let start = i;
        while values.get(i) == Some(&value) {
            i += 1;
        }
        Some((start, i - start, value))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(t: u64, g: u32, kind: Kind, a: u32) -> Event {
        Event::new(Nanos(t), g, kind, 1, a, NONE, NONE)
    }

    fn spawn(t: u64, g: u32, role: Role, index: u32) -> Event {
        Event::new(Nanos(t), g, Kind::Spawn, 1, 0, role as u32, index)
    }

    /// Every span, goroutine rows first, each kind in the order they closed
    /// (they are reported as they close, rows interleaved).
    fn spans(events: &[Event]) -> Vec<Span> {
        let mut out = Vec::new();
        for_each_span(
            events.iter().copied(),
            events.last().map_or(Nanos::ZERO, Event::t),
            |s| out.push(s),
        );
        out.sort_by_key(|s| matches!(s.row, Row::P(..)));
        out
    }

    #[test]
    fn a_goroutine_runs_blocks_and_exits_with_its_p_busy_while_it_runs() {
        let events = [
            spawn(0, 0, Role::Main, 0),
            ev(0, 0, Kind::Run, 1),
            ev(10, 0, Kind::Block, BlockOn::ChanRecv as u32),
            ev(30, 0, Kind::Unblock, NONE),
            ev(40, 0, Kind::Run, 0),
            ev(50, 0, Kind::Exit, 0),
        ];
        let g = Row::Goroutine(0);
        assert_eq!(
            spans(&events),
            vec![
                Span {
                    row: g,
                    start: Nanos(0),
                    end: Nanos(0),
                    tone: Tone::Runnable
                },
                Span {
                    row: g,
                    start: Nanos(0),
                    end: Nanos(10),
                    tone: Tone::Running
                },
                Span {
                    row: g,
                    start: Nanos(10),
                    end: Nanos(30),
                    tone: Tone::Blocked
                },
                Span {
                    row: g,
                    start: Nanos(30),
                    end: Nanos(40),
                    tone: Tone::Runnable
                },
                Span {
                    row: g,
                    start: Nanos(40),
                    end: Nanos(50),
                    tone: Tone::Running
                },
                Span {
                    row: Row::P(1, 0),
                    start: Nanos(0),
                    end: Nanos(10),
                    tone: Tone::Running
                },
                Span {
                    row: Row::P(0, 0),
                    start: Nanos(40),
                    end: Nanos(50),
                    tone: Tone::Running
                },
            ]
        );
    }

    #[test]
    fn a_leaked_goroutine_is_leaked_from_when_it_blocked() {
        let events = [
            spawn(0, 0, Role::Main, 0),
            spawn(0, 1, Role::Worker, 0),
            ev(5, 1, Kind::Run, 0),
            ev(10, 1, Kind::Block, BlockOn::ChanSend as u32),
            ev(100, 0, Kind::Exit, 1),
            ev(100, 1, Kind::Leaked, BlockOn::ChanSend as u32),
        ];
        let leaked: Vec<Span> = spans(&events)
            .into_iter()
            .filter(|s| s.tone == Tone::Leaked)
            .collect();
        assert_eq!(
            leaked,
            vec![Span {
                row: Row::Goroutine(1),
                start: Nanos(10),
                end: Nanos(100),
                tone: Tone::Leaked
            }]
        );
    }

    #[test]
    fn buckets_keep_the_most_important_tone_and_runs_merge_them() {
        // Running for 1 ns inside a long blocked stretch still shows as running.
        let events = [
            spawn(0, 0, Role::Main, 0),
            ev(0, 0, Kind::Block, BlockOn::WaitGroup as u32),
            ev(1000, 0, Kind::Unblock, NONE),
            ev(1000, 0, Kind::Run, 0),
            ev(1001, 0, Kind::Block, BlockOn::WaitGroup as u32),
            ev(2000, 0, Kind::Unblock, NONE),
            ev(2000, 0, Kind::Run, 0),
            ev(2048, 0, Kind::Exit, 0),
        ];
        let gantt = Gantt::of(&events, 1);
        let lane = &gantt.goroutines[0];
        assert_eq!(lane.label, "main");
        assert_eq!(tone_of(lane.buckets[500]), Some(Tone::Blocked));
        assert_eq!(tone_of(lane.buckets[1000]), Some(Tone::Running));
        assert_eq!(tone_of(lane.buckets[2047]), Some(Tone::Running));
        let drawn = runs(&lane.buckets);
        assert!(drawn.iter().all(|r| r.len > 0));
        assert_eq!(drawn.iter().map(|r| r.len).sum::<usize>(), BUCKETS);
        assert_eq!(gantt.ps.len(), 1);
        assert_eq!(tone_of(gantt.ps[0].buckets[2000]), Some(Tone::Running));
        assert_eq!(tone_of(gantt.ps[0].buckets[500]), None);
    }

    #[test]
    fn a_real_run_draws_every_goroutine_and_p_within_the_cap() {
        let scenario = gobalance_core::link::parse("strategy=unbounded&tasks=200")
            .unwrap()
            .scenario;
        let run = gobalance_core::simulate(&scenario).unwrap();
        let gantt = Gantt::of(&run.events, scenario.machine.cores);
        assert_eq!(gantt.goroutines.len(), GOROUTINE_LANES_MAX);
        assert_eq!(gantt.hidden, 201 - GOROUTINE_LANES_MAX as u32);
        assert_eq!(gantt.ps.len(), 4);
        assert_eq!(gantt.end, run.outcome.end);
    }

    #[test]
    fn the_chart_from_a_timeline_equals_the_chart_from_its_events() {
        let scenario = gobalance_core::link::parse("strategy=steal&workers=4&tasks=3000&dist=exp")
            .unwrap()
            .scenario;
        let run = gobalance_core::simulate(&scenario).unwrap();
        let timeline = gobalance_core::view::Timeline::new(&scenario, run.events.clone());
        let cores = scenario.machine.cores;
        assert_eq!(
            Gantt::build(timeline.events_from(0), timeline.end_time(), cores),
            Gantt::of(&run.events, cores)
        );
    }

    #[test]
    fn a_p_row_names_the_goroutine_that_ran_longest_in_each_bucket() {
        let events = [
            spawn(0, 0, Role::Main, 0),
            spawn(0, 1, Role::Worker, 0),
            spawn(0, 2, Role::Worker, 1),
            ev(0, 1, Kind::Run, 0),
            ev(30_000, 1, Kind::Exit, 0),
            ev(30_000, 2, Kind::Run, 0),
            ev(100_000, 2, Kind::Exit, 0),
        ];
        let gantt = Gantt::of(&events, 2);
        let p0 = &gantt.ps_goroutine[0];
        assert_eq!(p0[0], 1);
        // The bucket holding 30 µs (29.980 to 30.029) is mostly the second goroutine's.
        assert_eq!(p0[BUCKETS * 30 / 100], 2);
        assert_eq!(p0[BUCKETS - 1], 2);
        assert!(
            gantt.ps_goroutine[1].iter().all(|&g| g == NONE),
            "P1 ran nothing"
        );
    }

    #[test]
    fn goroutines_without_a_lane_are_counted_by_state_in_each_bucket() {
        let scenario = gobalance_core::link::parse("strategy=unbounded&tasks=400&dist=exp&dur=5ms")
            .unwrap()
            .scenario;
        let events = gobalance_core::simulate(&scenario).unwrap().events;
        let gantt = Gantt::of(&events, scenario.machine.cores);
        assert_eq!(gantt.hidden as usize, 401 - GOROUTINE_LANES_MAX);
        // Counted directly: every span of a goroutine past the lanes, in
        // every bucket it touches.
        let end = gantt.end;
        let bucket = |t: Nanos| bucket_of(t, end);
        let mut expected = vec![[0u32; TONES]; BUCKETS];
        for_each_span(events.iter().copied(), end, |span| {
            if let Row::Goroutine(g) = span.row {
                if g as usize >= GOROUTINE_LANES_MAX {
                    let tone = Tone::ALL.iter().position(|&t| t == span.tone).unwrap();
                    for counts in &mut expected[bucket(span.start)..=bucket(span.end)] {
                        counts[tone] += 1;
                    }
                }
            }
        });
        assert_eq!(gantt.others, expected);
        let busiest: u32 = gantt
            .others
            .iter()
            .map(|c| c.iter().sum::<u32>())
            .max()
            .unwrap();
        assert!(busiest >= 200, "most of them are alive together: {busiest}");
    }
}
