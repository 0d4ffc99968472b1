//! The external resource (a database with N connections): a call past its capacity queues, slows every call down, or fails.
//!
//! A call is a wait that holds no P, like netpoll's I/O. When it returns,
//! its caller goes to the back of the global queue and an idle P is woken:
//! this is Go's `injectglist` called without a P, as sysmon does when the
//! Ps are busy (Go 1.19 puts everything on the global queue then). A P that
//! polls the network itself would run the first goroutine at once and
//! queue the rest locally; the model does not tell these apart.

use super::poll::Next;
use super::scheduler::ReadyTo;
use super::{Engine, Sink, Wake};
use crate::scenario::{Overload, Resource};
use crate::time::Nanos;
use crate::trace::NONE;
use crate::vocabulary::BlockOn;
use std::collections::VecDeque;

pub(super) struct ResourceState {
    spec: Resource,
    in_use: u32,
    /// Callers waiting for a free connection, with their call's latency.
    queue: VecDeque<(u32, Nanos)>,
}

impl ResourceState {
    pub fn new(spec: Resource) -> ResourceState {
        ResourceState {
            spec,
            in_use: 0,
            queue: VecDeque::new(),
        }
    }
}

impl<S: Sink> Engine<'_, S> {
    /// A call of latency `d` by `g` (plain I/O without a resource).
    pub(super) fn query(&mut self, g: u32, p: u32, d: Nanos) -> Next {
        let Some(res) = self.resource.as_mut() else {
            return self.park_for(g, p, BlockOn::Io, d);
        };
        let conns = res.spec.conns.max(1);
        match res.spec.overload {
            Overload::Queue if res.in_use >= conns => {
                res.queue.push_back((g, d));
                return self.park(g, BlockOn::Resource, NONE, NONE);
            }
            Overload::Fail if res.in_use >= conns => {
                self.reply(g, 0, false, 0);
                return Next::Busy(self.costs.chan_op);
            }
            _ => {}
        }
        res.in_use += 1;
        // Shared capacity: past the limit every call takes proportionally longer.
        let latency = if res.spec.overload == Overload::Slow && res.in_use > conns {
            Nanos(
                ((u128::from(d.0) * u128::from(res.in_use)) / u128::from(conns))
                    .min(u128::from(u64::MAX)) as u64,
            )
        } else {
            d
        };
        self.reply(g, 0, true, 0);
        self.wake_at(self.now + latency, Wake::QueryDone(g));
        self.park(g, BlockOn::Io, NONE, NONE)
    }

    /// `g`'s call returned: its connection goes to the next caller in line.
    pub(super) fn query_done(&mut self, g: u32) {
        if let Some(res) = self.resource.as_mut() {
            res.in_use -= 1;
            if let Some((next, d)) = res.queue.pop_front() {
                res.in_use += 1;
                self.reply(next, 0, true, 0);
                self.wake_at(self.now + d, Wake::QueryDone(next));
            }
        }
        self.ready(g, NONE, ReadyTo::GlobalQueue);
    }
}
