//! A loaded session: one run, or 2 to 4 runs compared, with one sequence of steps that the playhead walks.
//!
//! One run's steps are its events. Compared runs share one playhead, so
//! their events are merged into one sequence ordered by (virtual time, column):
//! a step is one event of whichever run acts next, every event of every run
//! is reachable, and a column's own position at step `k` is how many of the
//! first `k` steps were its events. The link's `at` is an index into this
//! sequence (for one run, simply its event index).

use gobalance_core::compact::Events;
use gobalance_core::view::{Timeline, ViewState};
use gobalance_core::{Event, Metrics, Nanos, Outcome, Scenario};

use crate::gantt::Gantt;

/// Why a run's events were not kept, so the page can say why stepping is off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unrecorded {
    /// The timeline passed its share of [`crate::sim::RECORD_BYTES_MAX`] while recording.
    TooLarge { limit_bytes: usize },
}

impl Unrecorded {
    /// One sentence for the page.
    pub fn explanation(&self) -> String {
        match self {
            Unrecorded::TooLarge { limit_bytes } => format!(
                "Step-through is off for this run: its timeline (a few bytes an event) and the \
                 run itself (its tasks and goroutines) would hold more than {} of this tab's \
                 memory, which the columns of a comparison share equally. The simulation ran \
                 in full; the metrics below are exact. Fewer tasks, fewer goroutines, or one \
                 strategy instead of a comparison make it steppable; `gobalance trace` writes \
                 any window of it from the command line.",
                crate::fmt::bytes(*limit_bytes as u64)
            ),
        }
    }
}

/// One simulated run, ready to show.
pub struct Loaded {
    pub scenario: Scenario,
    pub outcome: Outcome,
    pub metrics: Metrics,
    /// The recorded trace with snapshots for seeking; `None` when not recorded.
    pub timeline: Option<Timeline>,
    pub gantt: Option<Gantt>,
    pub unrecorded: Option<Unrecorded>,
}

impl Loaded {
    /// Every event, decoded: for small runs (a download, tests), never
    /// for drawing a frame.
    pub fn events(&self) -> Vec<Event> {
        self.timeline
            .as_ref()
            .map_or_else(Vec::new, |t| t.events_from(0).collect())
    }

    /// Events recorded.
    pub fn len(&self) -> u64 {
        self.timeline.as_ref().map_or(0, Timeline::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The event at `index` (0-based).
    pub fn event(&self, index: u64) -> Option<Event> {
        self.timeline.as_ref()?.event(index)
    }

    /// What the run keeps in memory: its timeline and its chart.
    pub fn bytes_held(&self) -> usize {
        let chart = self.gantt.as_ref().map_or(0, Gantt::bytes_held);
        self.timeline.as_ref().map_or(0, Timeline::bytes_held) + chart
    }
}

/// Merged steps checkpoint each column's position this often, so finding the
/// positions at a step replays at most this many steps.
const CHECKPOINT_EVERY: usize = 1024;

/// Runs and the steps over them.
pub struct Session {
    pub runs: Vec<Loaded>,
    /// For compared runs: the column of each merged step.
    order: Vec<u8>,
    /// Column positions before step `i * CHECKPOINT_EVERY`.
    checkpoints: Vec<Vec<u64>>,
}

impl Session {
    pub fn new(runs: Vec<Loaded>) -> Session {
        let mut session = Session {
            runs,
            order: Vec::new(),
            checkpoints: Vec::new(),
        };
        if session.runs.len() > 1 {
            session.merge();
        }
        session
    }

    /// Orders every event of every column by (time, column), like a k-way merge.
    fn merge(&mut self) {
        // A column without a timeline has no steps.
        let mut columns: Vec<Option<std::iter::Peekable<Events<'_>>>> = self
            .runs
            .iter()
            .map(|run| Some(run.timeline.as_ref()?.events_from(0).peekable()))
            .collect();
        let total: u64 = self.runs.iter().map(Loaded::len).sum();
        let mut at = vec![0u64; columns.len()];
        let mut order = Vec::with_capacity(total as usize);
        let mut checkpoints = Vec::with_capacity(total as usize / CHECKPOINT_EVERY + 1);
        for step in 0..total as usize {
            if step % CHECKPOINT_EVERY == 0 {
                checkpoints.push(at.clone());
            }
            let next = (0..columns.len())
                .filter_map(|c| Some((columns[c].as_mut()?.peek()?.t(), c)))
                .min()
                .map(|(_, c)| c)
                .expect("a step remains while step < total");
            columns[next].as_mut().and_then(Iterator::next);
            order.push(next as u8);
            at[next] += 1;
        }
        self.order = order;
        self.checkpoints = checkpoints;
    }

    pub fn is_compare(&self) -> bool {
        self.runs.len() > 1
    }

    /// Whether stepping is possible: every run kept its events.
    pub fn is_recorded(&self) -> bool {
        self.runs.iter().all(|r| r.timeline.is_some())
    }

    /// How many steps there are.
    pub fn len(&self) -> u64 {
        if self.is_compare() {
            self.order.len() as u64
        } else {
            self.runs.first().map_or(0, Loaded::len)
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Each column's event count after the first `k` steps.
    pub fn positions(&self, k: u64) -> Vec<u64> {
        let k = k.min(self.len());
        if !self.is_compare() {
            return vec![k];
        }
        let chunk = k as usize / CHECKPOINT_EVERY;
        let mut at = self
            .checkpoints
            .get(chunk)
            .cloned()
            .unwrap_or_else(|| vec![0; self.runs.len()]);
        for &c in &self.order[chunk * CHECKPOINT_EVERY..k as usize] {
            at[c as usize] += 1;
        }
        at
    }

    /// Each column's view state after `k` steps: what the stage, the code and
    /// the log show. Empty when a run kept no events to replay.
    pub fn views_at(&self, k: u64) -> Vec<ViewState> {
        self.positions(k)
            .iter()
            .zip(&self.runs)
            .filter_map(|(&at, run)| run.timeline.as_ref().map(|t| t.state_at(at)))
            .collect()
    }

    /// The step `k` (1-based: the event that step `k` applied) as (column, event).
    pub fn step(&self, k: u64) -> Option<(usize, Event)> {
        if k == 0 || k > self.len() {
            return None;
        }
        if !self.is_compare() {
            return self.runs[0].event(k - 1).map(|e| (0, e));
        }
        let column = self.order[k as usize - 1] as usize;
        let position = self.positions(k)[column];
        self.runs[column].event(position - 1).map(|e| (column, e))
    }

    /// The virtual time after `k` steps: that of the last step applied.
    pub fn time_at(&self, k: u64) -> Nanos {
        self.step(k).map_or(Nanos::ZERO, |(_, e)| e.t())
    }

    /// The time the last step happens.
    pub fn end_time(&self) -> Nanos {
        self.runs
            .iter()
            .map(|r| {
                r.timeline
                    .as_ref()
                    .map_or(r.outcome.end, Timeline::end_time)
            })
            .max()
            .unwrap_or(Nanos::ZERO)
    }

    /// How many steps happen at or before `t`.
    pub fn index_at_time(&self, t: Nanos) -> u64 {
        if !self.is_compare() {
            return self.runs[0]
                .timeline
                .as_ref()
                .map_or(0, |timeline| timeline.count_at_or_before(t));
        }
        // Merged steps are ordered by time: binary search over the steps.
        let (mut lo, mut hi) = (0u64, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.time_at(mid + 1) <= t {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The steps after step `k`, in order, as (column, event): each column
    /// decoded once from its position, where asking for the steps one by
    /// one would decode a block for each.
    pub fn steps_from(&self, k: u64) -> impl Iterator<Item = (usize, Event)> + '_ {
        let k = k.min(self.len());
        let mut columns: Vec<Option<Events<'_>>> = self
            .runs
            .iter()
            .zip(self.positions(k))
            .map(|(run, at)| Some(run.timeline.as_ref()?.events_from(at)))
            .collect();
        (k..self.len()).map_while(move |step| {
            let column = self.order.get(step as usize).map_or(0, |&c| usize::from(c));
            Some((column, columns[column].as_mut()?.next()?))
        })
    }

    /// The step just past the first event after step `k` that `matches`.
    pub fn next_matching(&self, k: u64, matches: impl Fn(&Event) -> bool) -> Option<u64> {
        self.steps_from(k)
            .position(|(_, e)| matches(&e))
            .map(|offset| k.min(self.len()) + offset as u64 + 1)
    }

    /// What the session keeps in memory, every column together.
    pub fn bytes_held(&self) -> usize {
        let runs: usize = self.runs.iter().map(Loaded::bytes_held).sum();
        let checkpoints =
            self.checkpoints.len() * (std::mem::size_of::<Vec<u64>>() + self.runs.len() * 8);
        runs + self.order.capacity() + checkpoints
    }
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Session({} runs, {} steps)", self.runs.len(), self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim;
    use gobalance_core::link::parse;
    use gobalance_core::{Kind, Strategy};

    fn loaded(link: &str) -> Loaded {
        let scenario = parse(link).unwrap().scenario;
        sim::load(&scenario, &sim::Budget::default()).unwrap()
    }

    #[test]
    fn one_run_steps_are_its_events() {
        let session = Session::new(vec![loaded("strategy=pool&workers=2&tasks=4")]);
        let events = session.runs[0].events().to_vec();
        assert_eq!(session.len(), events.len() as u64);
        assert_eq!(session.step(0), None);
        assert_eq!(session.step(1), Some((0, events[0])));
        assert_eq!(session.time_at(session.len()), events.last().unwrap().t());
        let t = events[10].t();
        assert_eq!(
            session.index_at_time(t),
            events.partition_point(|e| e.t() <= t) as u64
        );
        let exit = session
            .next_matching(0, |e| e.kind() == Kind::Exit)
            .unwrap();
        assert_eq!(session.step(exit).unwrap().1.kind(), Kind::Exit);
    }

    #[test]
    fn compared_runs_merge_in_time_order_and_reach_every_event() {
        let base = "workers=3&tasks=40&dist=exp&dur=10ms";
        let session = Session::new(
            [Strategy::Pool, Strategy::Steal, Strategy::Static]
                .map(|s| loaded(&format!("strategy={}&{base}", s.key())))
                .into(),
        );
        let total: usize = session.runs.iter().map(|r| r.events().len()).sum();
        assert_eq!(session.len(), total as u64);
        assert!(session.len() > 1024, "the test should cross a checkpoint");
        let mut last = Nanos::ZERO;
        let mut counts = vec![0u64; 3];
        for k in 1..=session.len() {
            let (column, e) = session.step(k).unwrap();
            assert!(e.t() >= last, "steps go forward in time");
            last = e.t();
            counts[column] += 1;
            assert_eq!(session.positions(k), counts, "positions at step {k}");
        }
        for (column, run) in session.runs.iter().enumerate() {
            assert_eq!(counts[column], run.events().len() as u64);
        }
        // Seeking by time lands just past the last step at that time.
        let t = session.time_at(700);
        let k = session.index_at_time(t);
        assert!(k >= 700);
        assert_eq!(session.time_at(k), t);
        assert!(session.time_at(k + 1) > t || k == session.len());
        // The next steal is found in whichever column has it.
        if let Some(k) = session.next_matching(0, |e| e.kind() == Kind::Steal) {
            assert_eq!(session.step(k).unwrap().0, 1);
        }
        // Read in one go from any step, the steps are the ones read one by one.
        for from in [0, 1023, 1024, 1500] {
            let read: Vec<(usize, Event)> = session.steps_from(from).take(50).collect();
            let one_by_one: Vec<(usize, Event)> = (from + 1..=from + 50)
                .filter_map(|k| session.step(k))
                .collect();
            assert_eq!(read, one_by_one, "from step {from}");
        }
    }
}
