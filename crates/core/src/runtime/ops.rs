//! Carrying out one operation: the dispatch from an [`Op`] to the file that owns its object, and the operations that touch no shared object (compute, sleep, I/O, spawn).

use super::chan::Fires;
use super::poll::Next;
use super::scheduler::ReadyTo;
use super::{Engine, Op, Reply, Sink};
use crate::time::Nanos;
use crate::vocabulary::BlockOn;

impl<S: Sink> Engine<'_, S> {
    /// Carries out `op` for `g` on `p`; says what `g` does next.
    pub(super) fn perform(&mut self, g: u32, p: u32, op: Op, line: u16) -> Next {
        match op {
            Op::Cpu(d) => Next::Compute(d),
            Op::Sleep(d) | Op::Io(d) if d == Nanos::ZERO => Next::Continue,
            Op::Sleep(d) => self.park_for(g, p, BlockOn::Sleep, d),
            Op::Io(d) => self.park_for(g, p, BlockOn::Io, d),
            Op::Query(d) => self.query(g, p, d),
            Op::Spawn(role, index) => {
                let Some(future) = self.mailbox.spawned.take() else {
                    self.fail(g, "spawn without a goroutine");
                    return Next::Parked;
                };
                let child = self.new_goroutine(future, g, role, index);
                self.make_runnable(child, ReadyTo::RunnextOf(p));
                Next::Busy(self.costs.spawn)
            }
            Op::MakeChan(cap, role) => self.make_chan(g, cap, role, line),
            Op::Send(ch, value) => self.send(g, p, ch, value),
            Op::Recv(ch) => self.recv(g, p, ch),
            Op::Close(ch) => {
                self.close(g, p, ch, line);
                Next::Busy(self.costs.chan_op)
            }
            Op::Cancel(ch) => self.cancel(g, p, ch, line),
            Op::Select(cases, default) => self.select(g, p, &cases, default, line),
            Op::ChanLen(ch) => self.chan_len(g, ch),
            Op::NewTicker(period) => self.new_ticker(g, p, period, Fires::Repeatedly, line),
            Op::After(period) => self.new_ticker(g, p, period, Fires::Once, line),
            Op::StopTicker(ch) => self.stop_ticker(ch),
            Op::NewWaitGroup => self.new_wait_group(g),
            Op::WgAdd(wg, delta) => self.wait_group_add(g, p, wg, delta),
            Op::WgWait(wg) => self.wait_group_wait(g, wg),
            Op::NewMutex => self.new_mutex(g),
            Op::Lock(mu) => self.lock(g, mu),
            Op::Unlock(mu) => self.unlock(g, p, mu),
            Op::NewLimiter { rate_per_s, burst } => self.new_limiter(g, rate_per_s, burst),
            Op::LimiterWait(lim) => self.limiter_wait(g, p, lim, line),
            Op::NewDeque(guard) => self.new_deque(g, guard),
            Op::DequePush(dq, task) => self.deque_push(g, dq, task, line),
            Op::DequePop(dq) => self.deque_pop(g, dq, line),
            Op::Steal {
                victim,
                thief,
                amount,
            } => self.deque_steal(g, victim, thief, amount, line),
        }
    }

    /// Sets what `g`'s pending operation gives back.
    pub(super) fn reply(&mut self, g: u32, value: u32, ok: bool, case: u32) {
        self.gs[g].reply = Reply { value, ok, case };
    }
}
