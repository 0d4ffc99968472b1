//! Channels: buffered and unbuffered send and receive with real blocking, close, `len`, select, and the tickers that feed a channel (`time.NewTicker`, `time.Tick`, `time.After`).

use super::poll::Next;
use super::scheduler::ReadyTo;
use super::timers::Fire;
use super::{Case, Engine, GState, Goroutine, SelectDefault, Sink};
use crate::live::LiveTable;
use crate::time::Nanos;
use crate::trace::{Kind, NONE};
use crate::vocabulary::{BlockOn, ChanRole};
use std::collections::VecDeque;

pub(super) struct Chan {
    cap: u32,
    buf: VecDeque<u32>,
    recvq: VecDeque<Waiter>,
    sendq: VecDeque<Waiter>,
    pub closed: bool,
    /// The ticker that sends into this channel, if one does.
    ticker: Option<Ticker>,
}

impl Chan {
    fn new(cap: u32, ticker: Option<Ticker>) -> Chan {
        Chan {
            cap,
            buf: VecDeque::new(),
            recvq: VecDeque::new(),
            sendq: VecDeque::new(),
            closed: false,
            ticker,
        }
    }

    /// Whether a repeating ticker feeds this channel and was never stopped.
    pub fn has_leaked_ticker(&self) -> bool {
        self.ticker
            .as_ref()
            .is_some_and(|t| !t.stopped && t.fires == Fires::Repeatedly)
    }
}

/// A goroutine parked on a channel, as one case of its operation.
#[derive(Clone, Copy)]
pub(super) struct Waiter {
    pub g: u32,
    /// The goroutine's `wait_gen` while parked: a mismatch marks a stale entry.
    gen: u32,
    case: u32,
    value: u32,
}

struct Ticker {
    period: Nanos,
    stopped: bool,
    fires: Fires,
}

/// How often a ticker sends.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Fires {
    /// Every period, until stopped (`time.NewTicker`, `time.Tick`).
    Repeatedly,
    /// Once, after one period (`time.After`).
    Once,
}

impl<S: Sink> Engine<'_, S> {
    pub(super) fn make_chan(&mut self, g: u32, cap: u32, role: ChanRole, line: u16) -> Next {
        let id = self.chans.len() as u32;
        self.emit(Kind::MakeChan, g, line, id, cap, role as u32);
        self.chans.push(Chan::new(cap, None));
        self.reply(g, id, true, 0);
        Next::Busy(self.costs.chan_op)
    }

    /// `ch <- value`: completes at once or parks the sender.
    pub(super) fn send(&mut self, g: u32, p: u32, ch: u32, value: u32) -> Next {
        if self.try_send(g, p, ch, value, 0) {
            Next::Busy(self.costs.chan_op)
        } else if self.failure.is_some() {
            Next::Parked
        } else {
            let gen = self.gs[g].wait_gen + 1;
            self.chans[ch as usize].sendq.push_back(Waiter {
                g,
                gen,
                case: 0,
                value,
            });
            self.park(g, BlockOn::ChanSend, ch, value)
        }
    }

    /// `<-ch`: completes at once or parks the receiver.
    pub(super) fn recv(&mut self, g: u32, p: u32, ch: u32) -> Next {
        if self.try_recv(g, p, ch, 0) {
            Next::Busy(self.costs.chan_op)
        } else {
            let gen = self.gs[g].wait_gen + 1;
            self.chans[ch as usize].recvq.push_back(Waiter {
                g,
                gen,
                case: 0,
                value: NONE,
            });
            self.park(g, BlockOn::ChanRecv, ch, NONE)
        }
    }

    /// A context's `cancel()`: closes its Done channel the first time.
    pub(super) fn cancel(&mut self, g: u32, p: u32, done: u32, line: u16) -> Next {
        self.emit(Kind::Cancel, g, line, done, NONE, NONE);
        // cancel() is idempotent: only the first call closes Done.
        if !self.chans[done as usize].closed {
            self.close(g, p, done, line);
        }
        Next::Busy(self.costs.sync_op)
    }

    /// `len(ch)`.
    pub(super) fn chan_len(&mut self, g: u32, ch: u32) -> Next {
        let len = self.chans[ch as usize].buf.len() as u32;
        self.reply(g, len, true, 0);
        Next::Busy(self.costs.chan_op)
    }

    /// The first waiter still parked on this very wait (skipping a select's stale entries).
    fn pop_live(queue: &mut VecDeque<Waiter>, gs: &LiveTable<Goroutine>) -> Option<Waiter> {
        while let Some(w) = queue.pop_front() {
            let Some(gr) = gs.get(w.g) else {
                continue; // it has exited since
            };
            if gr.wait_gen == w.gen && matches!(gr.state, GState::Blocked(_)) {
                return Some(w);
            }
        }
        None
    }

    /// Sends without blocking if a receiver waits or the buffer has room. False if it would block.
    fn try_send(&mut self, g: u32, p: u32, ch: u32, value: u32, case: u32) -> bool {
        if self.chans[ch as usize].closed {
            self.fail(g, "send on closed channel");
            return false;
        }
        let line = self.gs[g].line;
        if let Some(r) = Self::pop_live(&mut self.chans[ch as usize].recvq, &self.gs) {
            self.emit(Kind::Send, g, line, ch, value, r.g);
            self.deliver(r, value, true, g, p);
        } else if self.chans[ch as usize].buf.len() < self.chans[ch as usize].cap as usize {
            self.chans[ch as usize].buf.push_back(value);
            self.emit(Kind::Send, g, line, ch, value, NONE);
        } else {
            return false;
        }
        self.reply(g, 0, true, case);
        true
    }

    /// Receives without blocking from the buffer, a waiting sender, or a closed channel. False if it would block.
    fn try_recv(&mut self, g: u32, p: u32, ch: u32, case: u32) -> bool {
        let line = self.gs[g].line;
        if let Some(value) = self.chans[ch as usize].buf.pop_front() {
            self.emit(Kind::Recv, g, line, ch, value, NONE);
            // A parked sender's value takes the freed slot.
            if let Some(s) = Self::pop_live(&mut self.chans[ch as usize].sendq, &self.gs) {
                self.chans[ch as usize].buf.push_back(s.value);
                let sline = self.gs[s.g].line;
                self.emit(Kind::Send, s.g, sline, ch, s.value, NONE);
                self.deliver(s, 0, true, g, p);
            }
            self.reply(g, value, true, case);
        } else if let Some(s) = Self::pop_live(&mut self.chans[ch as usize].sendq, &self.gs) {
            self.emit(Kind::Recv, g, line, ch, s.value, s.g);
            self.deliver(s, 0, true, g, p);
            self.reply(g, s.value, true, case);
        } else if self.chans[ch as usize].closed {
            self.emit(Kind::RecvClosed, g, line, ch, NONE, NONE);
            self.reply(g, 0, false, case);
        } else {
            return false;
        }
        true
    }

    /// Completes a parked waiter's channel operation and readies it into
    /// `runnext` of `p`, where `waker` runs.
    fn deliver(&mut self, w: Waiter, value: u32, ok: bool, waker: u32, p: u32) {
        self.complete_waiter(w, value, ok);
        self.ready(w.g, waker, ReadyTo::RunnextOf(p));
    }

    /// Gives a parked waiter its reply, and says which case a select took.
    pub(super) fn complete_waiter(&mut self, w: Waiter, value: u32, ok: bool) {
        self.reply(w.g, value, ok, w.case);
        if self.gs[w.g].state == GState::Blocked(BlockOn::Select) {
            let line = self.gs[w.g].line;
            self.emit(Kind::Select, w.g, line, w.case, NONE, NONE);
        }
    }

    /// `close(ch)`: every parked receiver gets the zero value; a parked sender panics.
    pub(super) fn close(&mut self, g: u32, p: u32, ch: u32, line: u16) {
        if self.chans[ch as usize].closed {
            self.fail(g, "close of closed channel");
            return;
        }
        self.chans[ch as usize].closed = true;
        self.emit(Kind::Close, g, line, ch, NONE, NONE);
        let mut receivers = Vec::new();
        while let Some(r) = Self::pop_live(&mut self.chans[ch as usize].recvq, &self.gs) {
            let rline = self.gs[r.g].line;
            self.emit(Kind::RecvClosed, r.g, rline, ch, NONE, NONE);
            receivers.push(r);
        }
        // Go's closechan gathers the waiters on a stack (a gList) and readies
        // them popping it, each into `runnext`, which pushes the one before to
        // the local queue: the first to park runs first, then the last, the
        // one before it, and so on.
        for r in receivers.into_iter().rev() {
            self.deliver(r, 0, false, g, p);
        }
        if let Some(s) = Self::pop_live(&mut self.chans[ch as usize].sendq, &self.gs) {
            self.fail(s.g, "send on closed channel");
        }
    }

    /// Go's selectgo: poll the cases in a random order, take the first ready
    /// one; else the default; else park on every case at once.
    pub(super) fn select(
        &mut self,
        g: u32,
        p: u32,
        cases: &[Case],
        default: SelectDefault,
        line: u16,
    ) -> Next {
        let mut order: Vec<u32> = (0..cases.len() as u32).collect();
        {
            let mut rng = self.rng.borrow_mut();
            for i in (1..order.len()).rev() {
                order.swap(i, rng.below(i as u32 + 1) as usize);
            }
        }
        for &i in &order {
            let done = match cases[i as usize] {
                Case::Send { ch, value } => self.try_send(g, p, ch, value, i),
                Case::Recv { ch } => self.try_recv(g, p, ch, i),
            };
            if self.failure.is_some() {
                return Next::Parked;
            }
            if done {
                self.emit(Kind::Select, g, line, i, NONE, NONE);
                return Next::Busy(self.costs.chan_op);
            }
        }
        if default == SelectDefault::Take {
            let default_case = cases.len() as u32;
            self.reply(g, 0, true, default_case);
            self.emit(Kind::Select, g, line, default_case, NONE, NONE);
            return Next::Busy(self.costs.chan_op);
        }
        let gen = self.gs[g].wait_gen + 1;
        for (i, case) in cases.iter().enumerate() {
            let case_index = i as u32;
            match *case {
                Case::Send { ch, value } => self.chans[ch as usize].sendq.push_back(Waiter {
                    g,
                    gen,
                    case: case_index,
                    value,
                }),
                Case::Recv { ch } => self.chans[ch as usize].recvq.push_back(Waiter {
                    g,
                    gen,
                    case: case_index,
                    value: NONE,
                }),
            }
        }
        let first = match cases.first() {
            Some(Case::Send { ch, .. } | Case::Recv { ch }) => *ch,
            None => NONE,
        };
        self.park(g, BlockOn::Select, first, NONE)
    }

    /// A ticker and the channel of one it sends into; replies with the channel.
    pub(super) fn new_ticker(
        &mut self,
        g: u32,
        p: u32,
        period: Nanos,
        fires: Fires,
        line: u16,
    ) -> Next {
        let ch = self.chans.len() as u32;
        let ticker = Ticker {
            period,
            stopped: false,
            fires,
        };
        self.chans.push(Chan::new(1, Some(ticker)));
        let role = match fires {
            Fires::Repeatedly => ChanRole::Ticker,
            Fires::Once => ChanRole::Timer,
        };
        self.emit(Kind::MakeChan, g, line, ch, 1, role as u32);
        self.add_timer(p, self.now + period, Fire::Tick(ch));
        self.reply(g, ch, true, 0);
        Next::Busy(self.costs.sync_op)
    }

    /// `ticker.Stop()`: no more ticks; the channel stays open, as in Go.
    pub(super) fn stop_ticker(&mut self, ch: u32) -> Next {
        self.stop_ticker_of(ch);
        Next::Busy(self.costs.sync_op)
    }

    pub(super) fn stop_ticker_of(&mut self, ch: u32) {
        if let Some(ticker) = self.chans[ch as usize].ticker.as_mut() {
            ticker.stopped = true;
        }
    }

    /// The period and kind of the ticker feeding `ch`, unless there is none or it was stopped.
    pub(super) fn live_ticker(&self, ch: u32) -> Option<(Nanos, Fires)> {
        let ticker = self.chans[ch as usize].ticker.as_ref()?;
        (!ticker.stopped).then_some((ticker.period, ticker.fires))
    }

    /// The first receiver still parked on `ch`.
    pub(super) fn pop_live_receiver(&mut self, ch: u32) -> Option<Waiter> {
        Self::pop_live(&mut self.chans[ch as usize].recvq, &self.gs)
    }

    /// Puts a tick in `ch`'s buffer if it is empty (a ticker's buffer holds one).
    pub(super) fn buffer_tick(&mut self, ch: u32) -> bool {
        let buf = &mut self.chans[ch as usize].buf;
        let room = buf.is_empty();
        if room {
            buf.push_back(0);
        }
        room
    }
}
