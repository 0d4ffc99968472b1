//! Each pool thread's own event log, merged into one time-ordered trace when the run ends.

use crate::clock::Clock;
use gobalance_core::trace::NONE;
use gobalance_core::{Event, Kind, Nanos};

/// Events stamped by one thread, in the order it saw them.
#[derive(Default)]
pub(crate) struct ThreadLog {
    events: Vec<Event>,
}

impl ThreadLog {
    pub fn push(&mut self, clock: &Clock, g: u32, kind: Kind, a: u32, b: u32, c: u32) {
        self.push_at(clock.now(), g, kind, a, b, c);
    }

    pub fn push_at(&mut self, t: Nanos, g: u32, kind: Kind, a: u32, b: u32, c: u32) {
        self.events.push(Event::new(t, g, kind, 0, a, b, c));
    }

    /// An event of goroutine `g` at `line` of its Go program, with `a`.
    pub fn push_line(&mut self, clock: &Clock, g: u32, kind: Kind, line: u16, a: u32) {
        self.events
            .push(Event::new(clock.now(), g, kind, line, a, NONE, NONE));
    }
}

/// One trace in time order: the logs merged, each already in order (one
/// thread's clock only moves on). A goroutine's own events come from one
/// thread at a time, so its story stays in order; at equal stamps a
/// `Spawn` goes first, as it happened before its goroutine could run
/// anywhere. A merge rather than a sort, which would cost the page's wasm
/// several kilobytes more.
pub(crate) fn merge(logs: Vec<ThreadLog>) -> Vec<Event> {
    let total = logs.iter().map(|log| log.events.len()).sum();
    let mut merged = Vec::with_capacity(total);
    let mut heads = vec![0usize; logs.len()];
    let key = |e: &Event| (e.t(), e.kind() != Kind::Spawn);
    loop {
        let next = (0..logs.len())
            .filter(|&i| heads[i] < logs[i].events.len())
            .min_by_key(|&i| key(&logs[i].events[heads[i]]));
        let Some(i) = next else { break };
        merged.push(logs[i].events[heads[i]]);
        heads[i] += 1;
    }
    merged
}
