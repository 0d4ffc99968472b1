//! The timeline's Gantt chart: each goroutine's and each P's states over time, built as the run's events go by.
//!
//! How, and why this shape:
//!
//! 1. [`Spans`] follows the events as a small state machine per live
//!    goroutine and per P and reports every closed span (row, start, end,
//!    tone). A leaked goroutine's last span is reported as leaked, from the
//!    moment it blocked, so the chart shows where it got stuck.
//! 2. [`GanttBuilder`] folds those spans, as they close, into twice
//!    [`BUCKETS`] time buckets a lane, keeping in each the tone that matters
//!    most ([`priority`]: running first). The run's end is not known while
//!    it runs, so the buckets start one nanosecond wide and, whenever an
//!    event falls past the last, neighbours merge in pairs and the width
//!    doubles (tones by priority; a P's goroutine by who ran longer). The
//!    chart is thus built online, beside the engine, in a few kilobytes,
//!    and never needs a second pass over millions of events.
//! 3. At the end, [`GanttBuilder::finish`] maps those fine buckets onto
//!    [`BUCKETS`] spanning exactly the run: each takes the most important
//!    tone of the one to three fine buckets it overlaps, so what it shows is
//!    exact to a fine bucket (at most half of one drawn).
//! 4. The goroutines without a lane share one band: how many of them are in
//!    each state, sampled at an instant of each bucket (counts at an
//!    instant merge exactly, where counts over an interval would not), as
//!    the count of all goroutines less those with a lane.
//! 5. The run's chart has lanes for its first [`GOROUTINE_LANES_MAX`]
//!    goroutines. Lanes for any other goroutines are filled on demand by
//!    [`GanttBuilder::window`], reading the timeline's trace from the
//!    snapshot before the first of them was spawned until the last has
//!    exited, and [`Gantt::with_window`] puts them in the chart.
//! 6. [`runs`] merges equal neighbouring buckets into rectangles to draw.

use gobalance_core::live::LiveTable;
use gobalance_core::trace::NONE;
use gobalance_core::{BlockOn, Event, Kind, Nanos, Role, Sink};

use crate::labels::{block_tone, Tone};

/// Buckets per lane: about one per device pixel of a wide screen's chart.
pub const BUCKETS: usize = 2048;
/// Buckets per lane while the run is built: twice [`BUCKETS`], so that
/// after the last doubling at least half of them cover the run.
const FINE: usize = 2 * BUCKETS;
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
pub const fn priority(tone: Tone) -> u8 {
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

/// The spans of a trace as it goes by (step 1): what is open on each live
/// goroutine and each P.
#[derive(Default)]
pub struct Spans {
    /// Each live goroutine's open span: its tone and start.
    open: LiveTable<(Tone, Nanos)>,
    /// Per P: the goroutine on it and since when.
    on_p: Vec<Option<(u32, Nanos)>>,
}

impl Spans {
    /// The tone `g` is in now, if it lives.
    pub fn tone_of(&self, g: u32) -> Option<Tone> {
        self.open.get(g).map(|&(tone, _)| tone)
    }

    /// Closes `g`'s open span at `t` and opens one in `next` (none: it is gone).
    fn switch(&mut self, g: u32, t: Nanos, next: Option<Tone>, emit: &mut impl FnMut(Span)) {
        if let Some(&(tone, start)) = self.open.get(g) {
            emit(Span {
                row: Row::Goroutine(g),
                start,
                end: t,
                tone,
            });
        }
        match next {
            Some(tone) => self.open.insert(g, (tone, t)),
            None => self.open.remove(g),
        }
    }

    /// `g` leaves whichever P it is on at `t`.
    fn leave_p(&mut self, g: u32, t: Nanos, emit: &mut impl FnMut(Span)) {
        // Only a running goroutine is on a P: most calls look no further.
        if !matches!(self.open.get(g), Some(&(Tone::Running, _))) {
            return;
        }
        for (p, slot) in self.on_p.iter_mut().enumerate() {
            if let Some((on, start)) = *slot {
                if on == g {
                    emit(Span {
                        row: Row::P(p as u32, on),
                        start,
                        end: t,
                        tone: Tone::Running,
                    });
                    *slot = None;
                }
            }
        }
    }

    /// Follows one event, reporting the spans it closes.
    pub fn push(&mut self, e: &Event, emit: &mut impl FnMut(Span)) {
        if e.g == NONE {
            // The runtime acted (a tick, a runtime steal): no goroutine changes state.
            return;
        }
        let t = e.t();
        match e.kind() {
            Kind::Spawn => self.switch(e.g, t, Some(Tone::Runnable), emit),
            Kind::Run => {
                let p = e.a as usize;
                if self.on_p.len() <= p {
                    self.on_p.resize(p + 1, None);
                }
                if let Some((other, _)) = self.on_p[p] {
                    self.leave_p(other, t, emit);
                }
                self.on_p[p] = Some((e.g, t));
                self.switch(e.g, t, Some(Tone::Running), emit);
            }
            Kind::Block => {
                self.leave_p(e.g, t, emit);
                let on = BlockOn::from_u32(e.a).unwrap_or(BlockOn::Io);
                self.switch(e.g, t, Some(block_tone(on)), emit);
            }
            Kind::Preempt | Kind::Unblock => {
                self.leave_p(e.g, t, emit);
                self.switch(e.g, t, Some(Tone::Runnable), emit);
            }
            Kind::Exit => {
                self.leave_p(e.g, t, emit);
                self.switch(e.g, t, None, emit);
            }
            Kind::Leaked => {
                self.leave_p(e.g, t, emit);
                // Recolour the state it was stuck in, from when it got stuck.
                if let Some(open) = self.open.get_mut(e.g) {
                    open.0 = Tone::Leaked;
                }
                self.switch(e.g, t, None, emit);
            }
            _ => {}
        }
    }

    /// Closes every span still open at `end`.
    pub fn close(&mut self, end: Nanos, emit: &mut impl FnMut(Span)) {
        let alive: Vec<u32> = self.open.ids().collect();
        for g in alive {
            self.switch(g, end, None, emit);
        }
        let on_ps: Vec<u32> = self.on_p.iter().flatten().map(|&(g, _)| g).collect();
        for g in on_ps {
            self.leave_p(g, end, emit);
        }
    }
}

/// Reports every span of the trace. Spans still open after the last event
/// close at `end`, its time.
pub fn for_each_span(
    events: impl IntoIterator<Item = Event>,
    end: Nanos,
    mut emit: impl FnMut(Span),
) {
    let mut spans = Spans::default();
    for e in events {
        spans.push(&e, &mut emit);
    }
    spans.close(end, &mut emit);
}

/// The bucket of instant `t` in a chart ending at `end`: the last bucket
/// holds the end itself.
pub fn bucket_of(t: Nanos, end: Nanos) -> usize {
    if end.0 == 0 {
        return 0;
    }
    ((u128::from(t.0) * BUCKETS as u128 / u128::from(end.0)) as usize).min(BUCKETS - 1)
}

/// Where bucket `b` of a chart ending at `end` starts.
fn bucket_start(b: usize, end: Nanos) -> u64 {
    (u128::from(end.0) * b as u128 / BUCKETS as u128) as u64
}

/// The width of the builder's fine buckets once the run has reached `end`:
/// the smallest power of two for which [`FINE`] of them reach past it.
pub fn fine_width(end: Nanos) -> u64 {
    let mut width = 1u64;
    while u128::from(end.0) >= FINE as u128 * u128::from(width) {
        width *= 2;
    }
    width
}

/// The instant at which the band's counts of bucket `b` are taken: the
/// first fine bucket's start within it (or the end).
pub fn band_instant(b: usize, end: Nanos) -> Nanos {
    let width = fine_width(end);
    Nanos((bucket_start(b, end).div_ceil(width) * width).min(end.0))
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
    /// The goroutine of the first lane.
    pub lanes_from: u32,
    /// Goroutine lanes, in goroutine id order from [`Gantt::lanes_from`].
    pub goroutines: Vec<Lane>,
    /// Goroutines without a lane of their own: they share [`Gantt::others`].
    pub hidden: u32,
    /// For each bucket, how many of the goroutines without a lane were in
    /// each state (by `Tone::ALL` index) at its [`band_instant`].
    pub others: Vec<[u32; TONES]>,
    /// The same counts for every goroutine, so the band can be worked out
    /// for any choice of lanes.
    pub all: Vec<[u32; TONES]>,
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

/// The code of whichever of two bucket codes matters more.
fn weightier(a: u8, b: u8) -> u8 {
    // Looked up, not matched: this runs for every bucket a span touches.
    const WEIGHT: [u8; TONES + 1] = {
        let mut weights = [0; TONES + 1];
        let mut i = 0;
        while i < TONES {
            weights[i + 1] = priority(Tone::ALL[i]);
            i += 1;
        }
        weights
    };
    let weight = |code: u8| WEIGHT.get(code as usize).copied().unwrap_or(0);
    if weight(b) > weight(a) {
        b
    } else {
        a
    }
}

/// A P's fine buckets: the tone, and the goroutine that ran longest and how long.
#[derive(Clone)]
struct PRow {
    tones: Vec<u8>,
    who: Vec<u32>,
    longest: Vec<u64>,
}

/// Goroutines counted by the tone they are in: those with a lane, and all.
#[derive(Clone, Copy, Default)]
struct Counts {
    lanes: [u32; TONES],
    all: [u32; TONES],
}

/// Builds a [`Gantt`] from events as they go by (steps 1 to 5); a [`Sink`],
/// so it can watch a run beside its recorder.
pub struct GanttBuilder {
    spans: Spans,
    /// The fine buckets' width in nanoseconds: a power of two.
    width: u64,
    /// The goroutines given lanes: from this one, at most [`GOROUTINE_LANES_MAX`].
    lanes_from: u32,
    labels: Vec<String>,
    goroutines_seen: u32,
    lanes: Vec<Vec<u8>>,
    ps: Vec<PRow>,
    counts_now: Counts,
    /// `counts_now` at the start of each fine bucket reached so far.
    counts: Vec<Counts>,
    /// Lanes that have not ended yet, for a window to know when it is done.
    lanes_open: u32,
    /// The spans an event closed, kept to reuse its allocation.
    closed: Vec<Span>,
}

/// The lanes of a window of goroutines, filled on demand (step 5).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaneWindow {
    pub first: u32,
    pub lanes: Vec<Lane>,
    /// For each bucket, how many of these goroutines were in each state.
    pub counts: Vec<[u32; TONES]>,
}

impl GanttBuilder {
    /// A chart with a row for each of `cores` Ps, even those that never run anything.
    pub fn new(cores: u32) -> GanttBuilder {
        GanttBuilder {
            spans: Spans::default(),
            width: 1,
            lanes_from: 0,
            labels: Vec::new(),
            goroutines_seen: 0,
            lanes: Vec::new(),
            ps: vec![
                PRow {
                    tones: vec![0; FINE],
                    who: vec![NONE; FINE],
                    longest: vec![0; FINE],
                };
                cores as usize
            ],
            counts_now: Counts::default(),
            counts: Vec::with_capacity(FINE + 1),
            lanes_open: 0,
            closed: Vec::new(),
        }
    }

    /// Lanes for goroutines `first` on, of a run that ends at `end`, to be
    /// shown the events from [`Timeline::before_spawn_of`]`(first)` on until
    /// [`GanttBuilder::window_done`].
    ///
    /// [`Timeline::before_spawn_of`]: gobalance_core::view::Timeline::before_spawn_of
    pub fn window(first: u32, end: Nanos) -> GanttBuilder {
        GanttBuilder {
            width: fine_width(end),
            lanes_from: first,
            ..GanttBuilder::new(0)
        }
    }

    /// Whether every lane a window could have has been spawned and has ended
    /// (`goroutines`: how many the run has in all).
    pub fn window_done(&self, goroutines: u32) -> bool {
        let lanes = goroutines
            .saturating_sub(self.lanes_from)
            .min(GOROUTINE_LANES_MAX as u32);
        self.labels.len() as u32 == lanes && self.lanes_open == 0
    }

    /// The lanes of a window, once its goroutines have ended (or at `end`).
    pub fn finish_window(self, end: Nanos) -> LaneWindow {
        let first = self.lanes_from;
        let (gantt, counts) = self.finish_counting_lanes(end);
        LaneWindow {
            first,
            lanes: gantt.goroutines,
            counts,
        }
    }

    /// Merges neighbouring fine buckets in pairs, doubling their width.
    fn coarsen(&mut self) {
        for lane in &mut self.lanes {
            for b in 0..BUCKETS {
                lane[b] = weightier(lane[2 * b], lane[2 * b + 1]);
            }
            lane[BUCKETS..].fill(0);
        }
        for row in &mut self.ps {
            for b in 0..BUCKETS {
                let (first, second) = (2 * b, 2 * b + 1);
                row.tones[b] = weightier(row.tones[first], row.tones[second]);
                let longer = if row.who[first] == NONE
                    || (row.who[second] != NONE && row.longest[second] > row.longest[first])
                {
                    second
                } else {
                    first
                };
                row.who[b] = row.who[longer];
                row.longest[b] = if row.who[first] == row.who[second] {
                    row.longest[first] + row.longest[second]
                } else {
                    row.longest[longer]
                };
            }
            row.tones[BUCKETS..].fill(0);
            row.who[BUCKETS..].fill(NONE);
            row.longest[BUCKETS..].fill(0);
        }
        // A sample at an even fine bucket's start is one at the wider bucket's.
        let kept: Vec<Counts> = self.counts.iter().step_by(2).copied().collect();
        self.counts = kept;
        self.width *= 2;
    }

    /// Takes the counts at every fine bucket's start before `t`.
    fn sample_before(&mut self, t: Nanos) {
        while self.counts.len() <= FINE && (self.counts.len() as u64) * self.width < t.0 {
            self.counts.push(self.counts_now);
        }
    }

    fn lane_of(&self, g: u32) -> Option<usize> {
        let i = g.checked_sub(self.lanes_from)? as usize;
        (i < self.lanes.len()).then_some(i)
    }

    fn fine(&self, t: Nanos) -> usize {
        ((t.0 / self.width) as usize).min(FINE - 1)
    }

    /// Marks a closed span in the fine buckets it touches.
    fn mark(&mut self, span: Span) {
        let (first, last) = (self.fine(span.start), self.fine(span.end));
        let code = code(span.tone);
        match span.row {
            Row::Goroutine(g) => {
                let Some(lane) = self.lane_of(g).map(|i| &mut self.lanes[i]) else {
                    return;
                };
                for slot in &mut lane[first..=last] {
                    *slot = weightier(*slot, code);
                }
            }
            Row::P(p, g) => {
                let width = self.width;
                let Some(row) = self.ps.get_mut(p as usize) else {
                    return;
                };
                for b in first..=last {
                    row.tones[b] = weightier(row.tones[b], code);
                    let from = span.start.0.max(b as u64 * width);
                    let to = span.end.0.min((b as u64 + 1) * width);
                    let ran = to.saturating_sub(from);
                    if row.who[b] == NONE || ran > row.longest[b] {
                        row.who[b] = g;
                        row.longest[b] = ran;
                    }
                }
            }
        }
    }

    /// The chart of a run whose last event came at `end` (steps 3 and 4).
    pub fn finish(self, end: Nanos) -> Gantt {
        self.finish_counting_lanes(end).0
    }

    /// [`GanttBuilder::finish`], and for each bucket how many goroutines
    /// with a lane were in each state at its instant.
    fn finish_counting_lanes(mut self, end: Nanos) -> (Gantt, Vec<[u32; TONES]>) {
        while u128::from(end.0) >= FINE as u128 * u128::from(self.width) {
            self.coarsen();
        }
        let mut closed = Vec::new();
        self.spans.close(end, &mut |span| closed.push(span));
        for span in closed {
            self.mark(span);
        }
        self.sample_before(Nanos(end.0.saturating_add(1)));
        // The fine buckets bucket `b` overlaps; the last holds the end itself.
        let width = self.width;
        let fine_of = |b: usize| -> std::ops::RangeInclusive<usize> {
            let first = (bucket_start(b, end) / width) as usize;
            let last = if b == BUCKETS - 1 {
                (end.0 / width) as usize
            } else {
                (bucket_start(b + 1, end).saturating_sub(1) / width) as usize
            };
            first.min(FINE - 1)..=last.clamp(first, FINE - 1)
        };
        let resample = |fine: &[u8]| -> Vec<u8> {
            (0..BUCKETS)
                .map(|b| fine[fine_of(b)].iter().fold(0, |a, &c| weightier(a, c)))
                .collect()
        };
        let goroutines = std::mem::take(&mut self.labels)
            .into_iter()
            .zip(&self.lanes)
            .map(|(label, fine)| Lane {
                label,
                buckets: resample(fine),
            })
            .collect::<Vec<_>>();
        let ps = self
            .ps
            .iter()
            .enumerate()
            .map(|(p, row)| Lane {
                label: format!("P{p}"),
                buckets: resample(&row.tones),
            })
            .collect();
        let ps_goroutine = self
            .ps
            .iter()
            .map(|row| {
                (0..BUCKETS)
                    .map(|b| {
                        fine_of(b)
                            .filter(|&f| row.who[f] != NONE)
                            .max_by_key(|&f| (row.longest[f], std::cmp::Reverse(f)))
                            .map_or(NONE, |f| row.who[f])
                    })
                    .collect()
            })
            .collect();
        // An instant past the last fine bucket's start is the end: the counts now.
        let at_instants: Vec<Counts> = (0..BUCKETS)
            .map(|b| {
                let at = band_instant(b, end).0.div_ceil(width) as usize;
                self.counts.get(at).copied().unwrap_or(self.counts_now)
            })
            .collect();
        let gantt = Gantt {
            end,
            lanes_from: self.lanes_from,
            hidden: self.goroutines_seen.saturating_sub(goroutines.len() as u32),
            goroutines,
            others: at_instants
                .iter()
                .map(|c| std::array::from_fn(|i| c.all[i].saturating_sub(c.lanes[i])))
                .collect(),
            all: at_instants.iter().map(|c| c.all).collect(),
            ps,
            ps_goroutine,
        };
        (gantt, at_instants.iter().map(|c| c.lanes).collect())
    }
}

impl Sink for GanttBuilder {
    fn event(&mut self, e: &Event) {
        let t = e.t();
        while u128::from(t.0) >= FINE as u128 * u128::from(self.width) {
            self.coarsen();
        }
        self.sample_before(t);
        if e.kind() == Kind::Spawn {
            self.goroutines_seen += 1;
            // The lanes' labels come from the spawns of their goroutines.
            let next_lane = self.lanes_from as usize + self.labels.len();
            if self.labels.len() < GOROUTINE_LANES_MAX && e.g as usize == next_lane {
                self.lanes_open += 1;
                // Past the first lanes a goroutine is found by its number
                // (the label column has room for little more).
                let role = Role::from_u32(e.b).unwrap_or(Role::Worker);
                self.labels.push(match role {
                    _ if self.lanes_from > 0 => format!("g{}", e.g),
                    Role::Worker | Role::Forwarder => format!("{} {}", role.name(), e.c),
                    role => role.name().to_owned(),
                });
                self.lanes.push(vec![0; FINE]);
            }
        }
        if e.g == NONE {
            return;
        }
        let before = self.spans.tone_of(e.g);
        let mut closed = std::mem::take(&mut self.closed);
        self.spans.push(e, &mut |span| closed.push(span));
        for span in closed.drain(..) {
            self.mark(span);
        }
        self.closed = closed;
        // A leaked goroutine stays counted, as leaked, to the end.
        let after = match e.kind() {
            Kind::Leaked => Some(Tone::Leaked),
            _ => self.spans.tone_of(e.g),
        };
        if before == after {
            return;
        }
        let has_lane = self.lane_of(e.g).is_some();
        let ended = after.is_none() || e.kind() == Kind::Leaked;
        if has_lane && ended {
            self.lanes_open = self.lanes_open.saturating_sub(1);
        }
        let index = |tone: Tone| Tone::ALL.iter().position(|&t| t == tone).unwrap_or(0);
        let counts = &mut self.counts_now;
        for (tally, counted) in [(&mut counts.all, true), (&mut counts.lanes, has_lane)] {
            if !counted {
                continue;
            }
            if let Some(tone) = before {
                tally[index(tone)] = tally[index(tone)].saturating_sub(1);
            }
            if let Some(tone) = after {
                tally[index(tone)] += 1;
            }
        }
    }
}

impl Gantt {
    /// Bytes the chart holds.
    pub fn bytes_held(&self) -> usize {
        let lane = |lane: &Lane| {
            std::mem::size_of::<Lane>() + lane.label.capacity() + lane.buckets.capacity()
        };
        let lanes: usize = self.goroutines.iter().chain(&self.ps).map(lane).sum();
        let ps_goroutine: usize = self.ps_goroutine.iter().map(|p| p.capacity() * 4).sum();
        let bands =
            (self.others.capacity() + self.all.capacity()) * std::mem::size_of::<[u32; TONES]>();
        lanes + bands + ps_goroutine
    }

    /// How many of the goroutines without a lane were in each state in the
    /// bucket of time `t`.
    pub fn others_at(&self, t: Nanos) -> [u32; TONES] {
        self.others
            .get(bucket_of(t, self.end))
            .copied()
            .unwrap_or_default()
    }

    /// This chart with the lanes of `window` in place of its own: the band
    /// then counts every goroutine but those.
    pub fn with_window(&self, window: LaneWindow) -> Gantt {
        let total = self.hidden + self.goroutines.len() as u32;
        Gantt {
            lanes_from: window.first,
            hidden: total.saturating_sub(window.lanes.len() as u32),
            others: self
                .all
                .iter()
                .zip(&window.counts)
                .map(|(all, lanes)| std::array::from_fn(|i| all[i].saturating_sub(lanes[i])))
                .collect(),
            goroutines: window.lanes,
            ..self.clone()
        }
    }

    /// How many goroutines the run started.
    pub fn goroutines_total(&self) -> u32 {
        self.hidden + self.goroutines.len() as u32
    }

    /// The chart of a list of events.
    pub fn of(events: &[Event], cores: u32) -> Gantt {
        let end = events.last().map_or(Nanos::ZERO, Event::t);
        Gantt::build(events.iter().copied(), end, cores)
    }

    /// The chart of the events in order, the last at `end`; `cores` gives
    /// the P rows even when a P never ran anything.
    pub fn build(events: impl IntoIterator<Item = Event>, end: Nanos, cores: u32) -> Gantt {
        let mut builder = GanttBuilder::new(cores);
        for e in events {
            builder.event(&e);
        }
        builder.finish(end)
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
        // Fine buckets are 32 ns wide here (4,096 of them reach past 100 µs), a
        // bucket drawn is 48.8 ns: the one from 29.980 to 30.029 µs overlaps
        // fine buckets of each goroutine; the next is the second's alone.
        assert_eq!(p0[BUCKETS * 30 / 100 - 1], 1);
        assert_eq!(p0[BUCKETS * 30 / 100 + 1], 2);
        assert_eq!(p0[BUCKETS - 1], 2);
        assert!(
            gantt.ps_goroutine[1].iter().all(|&g| g == NONE),
            "P1 ran nothing"
        );
    }

    #[test]
    fn goroutines_without_a_lane_are_counted_by_state_at_an_instant_of_each_bucket() {
        let link = "strategy=unbounded&tasks=400&dist=exp&dur=5ms";
        let scenario = gobalance_core::link::parse(link).unwrap().scenario;
        let events = gobalance_core::simulate(&scenario).unwrap().events;
        let gantt = Gantt::of(&events, scenario.machine.cores);
        assert_eq!(gantt.hidden as usize, 401 - GOROUTINE_LANES_MAX);
        // Counted directly: replay the events up to each bucket's instant,
        // keeping every goroutine past the lanes' state by its own rules.
        let end = gantt.end;
        let mut state: Vec<Option<Tone>> = vec![None; 401];
        let mut next = events.iter().peekable();
        for b in 0..BUCKETS {
            let at = band_instant(b, end);
            assert!(
                bucket_of(at, end) == b || at == end,
                "{link}: bucket {b}'s instant {at:?}"
            );
            while let Some(e) = next.next_if(|e| e.t() <= at) {
                let tone = match e.kind() {
                    Kind::Spawn | Kind::Unblock | Kind::Preempt => Some(Tone::Runnable),
                    Kind::Run => Some(Tone::Running),
                    Kind::Block => Some(block_tone(BlockOn::from_u32(e.a).unwrap())),
                    Kind::Exit => None,
                    Kind::Leaked => Some(Tone::Leaked),
                    _ => continue,
                };
                state[e.g as usize] = tone;
            }
            let mut expected = [0u32; TONES];
            for tone in state[GOROUTINE_LANES_MAX..].iter().flatten() {
                expected[Tone::ALL.iter().position(|t| t == tone).unwrap()] += 1;
            }
            assert_eq!(gantt.others[b], expected, "{link}: bucket {b} at {at:?}");
        }
        let busiest: u32 = gantt
            .others
            .iter()
            .map(|c| c.iter().sum::<u32>())
            .max()
            .unwrap();
        assert!(busiest >= 200, "most of them are alive together: {busiest}");
    }

    #[test]
    fn lanes_filled_on_demand_equal_the_lanes_of_a_chart_built_with_them() {
        let link = "strategy=unbounded&tasks=30000&dist=exp&dur=1ms";
        let scenario = gobalance_core::link::parse(link).unwrap().scenario;
        let events = gobalance_core::simulate(&scenario).unwrap().events;
        let timeline = gobalance_core::view::Timeline::new(&scenario, events.clone());
        let cores = scenario.machine.cores;
        let end = timeline.end_time();
        let gantt = Gantt::build(timeline.events_from(0), end, cores);
        let total = gantt.goroutines_total();
        assert_eq!(total, 30_001);
        for first in [0, 100, 20_000, 29_950] {
            let mut window = GanttBuilder::window(first, end);
            let from = timeline.before_spawn_of(first);
            let mut read = 0;
            for e in timeline.events_from(from) {
                if window.window_done(total) {
                    break;
                }
                window.event(&e);
                read += 1;
            }
            let window = window.finish_window(end);
            let mut whole = GanttBuilder {
                lanes_from: first,
                ..GanttBuilder::new(cores)
            };
            for e in &events {
                whole.event(e);
            }
            let expected = whole.finish(end);
            assert_eq!(
                window.lanes.len(),
                (total - first).min(128) as usize,
                "{link}: from {first}"
            );
            assert_eq!(
                gantt.with_window(window),
                expected,
                "{link}: lanes from goroutine {first}"
            );
            // Not from the start, and not to the end: from a snapshot before
            // the first spawn until the last of them has exited.
            if first >= 20_000 {
                let (from, read, all) = (from as usize, read as usize, events.len());
                assert!(
                    from > 0 && from + read < all,
                    "{link}: lanes from {first} read events {from} to {} of {all}",
                    from + read
                );
            }
        }
    }
}
