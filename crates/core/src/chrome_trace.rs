//! A run as Chrome trace-event JSON, which Perfetto and chrome://tracing open: tracks per goroutine and per P, counters, steal arrows.
//!
//! The output is the JSON object form of Google's Trace Event Format. How a
//! recorded run becomes one, in one pass over its events after a short first
//! pass that finds who owns each deque:
//!
//! 1. Process "goroutines" has a thread per goroutine, named by the role and
//!    index of its `Spawn` ("worker 3 (g5)"). Its life is cut into
//!    back-to-back slices ("X" events): *runnable* (in a run queue), *running*
//!    (on a P: from `Run` to the next `Block`, `Preempt`, `Exit` or
//!    `Leaked`), and *blocked*, named by what it waits for ("chan receive
//!    (tasks)"). Every instant from spawn to exit lies in exactly one slice,
//!    so a gap in a track never hides a state.
//! 2. Process "processors" has a thread per P, with a slice for each stretch a
//!    goroutine ran on it.
//! 3. Counters ("C" events) on the goroutine process, folded from the events
//!    as the metrics fold them: goroutines alive (main not counted), runnable
//!    goroutines, queued tasks (created, not yet started: the queue depth) and
//!    memory. Changes at one instant collapse into one sample.
//! 4. Flow arrows ("s" then "f"): a steal of the work-stealing strategy runs
//!    from the victim deque's owner (the goroutine that pops from it) to the
//!    thief; a steal by Go's own scheduler runs from the victim P to the thief P.
//! 5. Instants ("i") mark task starts and ends, and at the end each leaked
//!    goroutine with what it was stuck on.
//!
//! A window of the run (`--from`, `--to` of `gobalance trace`) is written
//! by folding every event up to its end, as for the whole run, and writing
//! only what lies in it: slices cut at its edges, instants, arrows and
//! counter samples within it (the counters start from their values at its
//! start), and the names of the goroutines that appear in it. Its events
//! come from an iterator, so a long run is read from its compact timeline
//! and never held whole.
//!
//! Timestamps are microseconds, the format's unit, written as exact decimals
//! of the integer nanoseconds (`1.5` for 1500 ns). The JSON is written by hand
//! with integer formatting only: float printing would add about 20 kB of
//! gzipped code to the page, which writes the same trace. Events are streamed
//! to the writer one at a time, so the document is never held in memory here;
//! viewers sort by time, so order does not matter. Thread ids are unique
//! across both processes because Perfetto keys thread names by thread id alone.

use crate::runtime::MAIN;
use crate::trace::{Event, Kind, NONE};
use crate::vocabulary::{BlockOn, ChanRole, Role};
use crate::{Nanos, Scenario};
use std::fmt::{self, Write};
use std::io;

const GOROUTINES_PID: u32 = 1;
const PROCESSORS_PID: u32 = 2;
/// Goroutine `g` is thread `g + 1` (thread 0 means "no thread" to some viewers).
const GOROUTINE_TID_BASE: u32 = 1;
/// P `p` is thread `PROCESSOR_TID_BASE + p`: above any goroutine id a run can
/// reach (runs stop at 200 million events), within a signed 32-bit int.
const PROCESSOR_TID_BASE: u32 = 2_000_000_000;

/// The part of a run a trace shows: from `from` to `to`, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub from: Nanos,
    pub to: Nanos,
}

impl Window {
    /// The whole run.
    pub const ALL: Window = Window {
        from: Nanos::ZERO,
        to: Nanos(u64::MAX),
    };

    fn contains(&self, t: Nanos) -> bool {
        self.from <= t && t <= self.to
    }
}

/// What the trace is of, for its header.
pub struct TraceInfo<'a> {
    pub scenario: &'a Scenario,
    /// The canonical link that reproduces the run.
    pub link: &'a str,
    pub trace_hash: u64,
    /// What wrote it: `gobalance trace`, or the playground.
    pub generator: &'a str,
}

/// Writes the trace of `events` to `out` and returns how many trace events it wrote.
pub fn write(
    out: &mut impl Write,
    info: &TraceInfo<'_>,
    events: &[Event],
) -> Result<u64, fmt::Error> {
    write_window(out, info, || events.iter().copied(), Window::ALL)
}

/// Writes the part of a run in `window`; `events` gives the run's events
/// from the start, each time it is called (it is called twice).
pub fn write_window<I: Iterator<Item = Event>>(
    out: &mut impl Write,
    info: &TraceInfo<'_>,
    events: impl Fn() -> I,
    window: Window,
) -> Result<u64, fmt::Error> {
    let mut exporter = Exporter::new(out, info.scenario, deque_owners(events()), window);
    exporter.header(info)?;
    let mut end = Nanos::ZERO;
    for e in events() {
        if e.t() > window.to {
            // What is still open then runs on past the window's end.
            end = window.to;
            break;
        }
        end = e.t();
        exporter.event(&e)?;
    }
    exporter.finish(end)
}

/// [`write`] into a file or a stream, flushed at the end.
pub fn write_io(out: impl io::Write, info: &TraceInfo<'_>, events: &[Event]) -> io::Result<u64> {
    write_window_io(out, info, || events.iter().copied(), Window::ALL)
}

/// [`write_window`] onto an `io::Write`.
pub fn write_window_io<I: Iterator<Item = Event>>(
    out: impl io::Write,
    info: &TraceInfo<'_>,
    events: impl Fn() -> I,
    window: Window,
) -> io::Result<u64> {
    let mut adapter = IoAdapter { out, error: None };
    let written = write_window(&mut adapter, info, events, window);
    match (written, adapter.error) {
        (_, Some(error)) => Err(error),
        (Err(fmt::Error), None) => Err(io::Error::other("formatting the trace failed")),
        (Ok(written), None) => adapter.out.flush().map(|()| written),
    }
}

/// A `fmt::Write` onto an `io::Write` that keeps the first I/O error, which `fmt::Error` cannot carry.
struct IoAdapter<W> {
    out: W,
    error: Option<io::Error>,
}

impl<W: io::Write> Write for IoAdapter<W> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.out.write_all(text.as_bytes()).map_err(|error| {
            self.error = Some(error);
            fmt::Error
        })
    }
}

/// One value in a trace event's `args`.
#[derive(Clone, Copy)]
enum Arg<'a> {
    Number(u64),
    Text(&'a str),
    Flag(bool),
}

/// One trace event; optional fields are left out of the JSON.
struct TraceEvent<'a> {
    name: &'a str,
    ph: &'static str,
    ts: Nanos,
    pid: u32,
    tid: u32,
    dur: Option<Nanos>,
    cat: Option<&'static str>,
    id: Option<u64>,
    /// Flow end binding: "e" binds to the enclosing slice, absent to the next one.
    bp: Option<&'static str>,
    /// Instant scope: "t" for the thread.
    s: Option<&'static str>,
    args: Option<&'a [(&'a str, Arg<'a>)]>,
}

impl<'a> TraceEvent<'a> {
    fn new(ph: &'static str, name: &'a str, t: Nanos, pid: u32, tid: u32) -> TraceEvent<'a> {
        TraceEvent {
            name,
            ph,
            ts: t,
            pid,
            tid,
            dur: None,
            cat: None,
            id: None,
            bp: None,
            s: None,
            args: None,
        }
    }

    fn args(mut self, args: &'a [(&'a str, Arg<'a>)]) -> Self {
        self.args = Some(args);
        self
    }

    fn write_json(&self, out: &mut impl Write) -> fmt::Result {
        out.write_str("{\"name\":")?;
        write_string(out, self.name)?;
        write!(out, ",\"ph\":\"{}\",\"ts\":", self.ph)?;
        write_micros(out, self.ts)?;
        write!(out, ",\"pid\":{},\"tid\":{}", self.pid, self.tid)?;
        if let Some(dur) = self.dur {
            out.write_str(",\"dur\":")?;
            write_micros(out, dur)?;
        }
        if let Some(cat) = self.cat {
            write!(out, ",\"cat\":\"{cat}\"")?;
        }
        if let Some(id) = self.id {
            write!(out, ",\"id\":{id}")?;
        }
        if let Some(bp) = self.bp {
            write!(out, ",\"bp\":\"{bp}\"")?;
        }
        if let Some(s) = self.s {
            write!(out, ",\"s\":\"{s}\"")?;
        }
        if let Some(args) = self.args {
            out.write_str(",\"args\":")?;
            write_object(out, args)?;
        }
        out.write_str("}")
    }
}

/// `{"key":value,...}`; the keys are this module's own, plain ASCII.
fn write_object(out: &mut impl Write, fields: &[(&str, Arg<'_>)]) -> fmt::Result {
    out.write_str("{")?;
    for (i, (key, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.write_str(",")?;
        }
        write!(out, "\"{key}\":")?;
        match *value {
            Arg::Number(n) => write!(out, "{n}")?,
            Arg::Text(text) => write_string(out, text)?,
            Arg::Flag(flag) => write!(out, "{flag}")?,
        }
    }
    out.write_str("}")
}

/// A JSON string: quotes, backslashes and control characters escaped.
fn write_string(out: &mut impl Write, text: &str) -> fmt::Result {
    out.write_str("\"")?;
    let mut plain = 0;
    for (i, byte) in text.bytes().enumerate() {
        if byte >= 0x20 && byte != b'"' && byte != b'\\' {
            continue;
        }
        out.write_str(&text[plain..i])?;
        match byte {
            b'"' => out.write_str("\\\"")?,
            b'\\' => out.write_str("\\\\")?,
            b'\n' => out.write_str("\\n")?,
            _ => write!(out, "\\u{byte:04x}")?,
        }
        plain = i + 1;
    }
    out.write_str(&text[plain..])?;
    out.write_str("\"")
}

/// Nanoseconds as exact microseconds: `1500` ns is `1.5`, `2000` ns is `2`.
fn write_micros(out: &mut impl Write, t: Nanos) -> fmt::Result {
    let (whole, part) = (t.0 / 1000, t.0 % 1000);
    if part == 0 {
        return write!(out, "{whole}");
    }
    let mut digits = part;
    let mut width = 3;
    while digits % 10 == 0 {
        digits /= 10;
        width -= 1;
    }
    write!(out, "{whole}.{digits:0width$}")
}

fn goroutine_tid(g: u32) -> u32 {
    GOROUTINE_TID_BASE.saturating_add(g)
}

fn processor_tid(p: u32) -> u32 {
    PROCESSOR_TID_BASE.saturating_add(p)
}

/// What a goroutine is doing, for the slice that shows it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// In a run queue; `preempted` when a full time slice put it there.
    Runnable {
        preempted: bool,
    },
    Running {
        p: u32,
    },
    Blocked {
        on: BlockOn,
        object: u32,
    },
}

/// A counter track and the value it last wrote, so unchanged values are not repeated.
struct Counter {
    /// Perfetto names the track "<name> <key>".
    name: &'static str,
    key: &'static str,
    value: u64,
    written: Option<u64>,
}

impl Counter {
    fn new(name: &'static str, key: &'static str) -> Counter {
        Counter {
            name,
            key,
            value: 0,
            written: None,
        }
    }

    fn add(&mut self, delta: i64) {
        self.value = self.value.saturating_add_signed(delta);
    }
}

/// The counters, by position in `Exporter::counters`.
const ALIVE: usize = 0;
const RUNNABLE: usize = 1;
const QUEUED: usize = 2;
const MEMORY: usize = 3;

struct Exporter<'w, W: Write> {
    out: &'w mut W,
    written: u64,
    /// Thread names, by goroutine id.
    names: Vec<String>,
    /// Whether each goroutine's track has been named in the output: a track
    /// is named when something is first written on it.
    named: Vec<bool>,
    window: Window,
    /// Whether the fold has reached the window, where counters start over.
    in_window: bool,
    /// The open slice of each goroutine (its state and since when), or `None` before spawn and after exit.
    open: Vec<Option<(State, Nanos)>>,
    /// The goroutine on each P and since when.
    on_p: Vec<Option<(u32, Nanos)>>,
    chan_roles: Vec<Option<ChanRole>>,
    /// The goroutine that owns each deque, or [`NONE`].
    deque_owners: Vec<u32>,
    counters: [Counter; 4],
    /// Memory model of the metrics: a stack per live goroutine (main's too)
    /// plus the memory of each task in flight.
    stack_bytes: u64,
    mem_per_task_bytes: u64,
    in_flight: u64,
    /// The instant of the events being folded; counters are written when it moves on.
    now: Nanos,
    flows: u64,
}

impl<'w, W: Write> Exporter<'w, W> {
    fn new(
        out: &'w mut W,
        scenario: &Scenario,
        deque_owners: Vec<u32>,
        window: Window,
    ) -> Exporter<'w, W> {
        Exporter {
            out,
            written: 0,
            names: Vec::new(),
            named: Vec::new(),
            window,
            // A window from the start is the whole run's: no restart.
            in_window: window.from == Nanos::ZERO,
            open: Vec::new(),
            on_p: vec![None; scenario.machine.cores as usize],
            chan_roles: Vec::new(),
            deque_owners,
            counters: [
                Counter::new("goroutines", "alive"),
                Counter::new("runnable", "goroutines"),
                Counter::new("queued", "tasks"),
                Counter::new("memory", "bytes"),
            ],
            stack_bytes: scenario.machine.stack_bytes,
            mem_per_task_bytes: scenario.workload.mem_per_task_bytes,
            in_flight: 0,
            now: Nanos::ZERO,
            flows: 0,
        }
    }

    /// Writes `e` if it lies in the window (a slice cut to it), naming its
    /// goroutine's track first.
    fn emit(&mut self, e: &TraceEvent<'_>) -> fmt::Result {
        if e.ph == "M" {
            return self.write_event(e);
        }
        let mut e = TraceEvent { ..*e };
        match e.dur {
            Some(dur) => {
                let (start, end) = (e.ts, e.ts + dur);
                if end < self.window.from || start > self.window.to {
                    return Ok(());
                }
                e.ts = start.max(self.window.from);
                e.dur = Some(end.min(self.window.to) - e.ts);
            }
            None if !self.window.contains(e.ts) => return Ok(()),
            None => {}
        }
        if e.pid == GOROUTINES_PID && e.tid >= GOROUTINE_TID_BASE {
            self.name_track(e.tid - GOROUTINE_TID_BASE)?;
        }
        self.write_event(&e)
    }

    /// Names goroutine `g`'s track, once.
    fn name_track(&mut self, g: u32) -> fmt::Result {
        let slot = g as usize;
        if self.named.get(slot).copied().unwrap_or(true) {
            return Ok(());
        }
        self.named[slot] = true;
        let tid = goroutine_tid(g);
        let name = std::mem::take(&mut self.names[slot]);
        self.write_event(
            &TraceEvent::new("M", "thread_name", Nanos::ZERO, GOROUTINES_PID, tid)
                .args(&[("name", Arg::Text(&name))]),
        )?;
        self.names[slot] = name;
        self.write_event(
            &TraceEvent::new("M", "thread_sort_index", Nanos::ZERO, GOROUTINES_PID, tid)
                .args(&[("sort_index", Arg::Number(g.into()))]),
        )
    }

    fn write_event(&mut self, e: &TraceEvent<'_>) -> fmt::Result {
        if self.written > 0 {
            self.out.write_str(",\n")?;
        }
        e.write_json(self.out)?;
        self.written += 1;
        Ok(())
    }

    fn header(&mut self, info: &TraceInfo<'_>) -> fmt::Result {
        let hash = format!("{:016x}", info.trace_hash);
        self.out
            .write_str("{\"displayTimeUnit\":\"ns\",\"otherData\":")?;
        write_object(
            self.out,
            &[
                ("generator", Arg::Text(info.generator)),
                ("scenario", Arg::Text(info.link)),
                ("trace_hash", Arg::Text(&hash)),
            ],
        )?;
        self.out.write_str(",\"traceEvents\":[\n")?;
        for (pid, name) in [
            (GOROUTINES_PID, "goroutines"),
            (PROCESSORS_PID, "processors"),
        ] {
            self.emit(
                &TraceEvent::new("M", "process_name", Nanos::ZERO, pid, 0)
                    .args(&[("name", Arg::Text(name))]),
            )?;
            self.emit(
                &TraceEvent::new("M", "process_sort_index", Nanos::ZERO, pid, 0)
                    .args(&[("sort_index", Arg::Number(pid.into()))]),
            )?;
        }
        for p in 0..self.on_p.len() as u32 {
            let tid = processor_tid(p);
            let name = format!("P{p}");
            self.emit(
                &TraceEvent::new("M", "thread_name", Nanos::ZERO, PROCESSORS_PID, tid)
                    .args(&[("name", Arg::Text(&name))]),
            )?;
            self.emit(
                &TraceEvent::new("M", "thread_sort_index", Nanos::ZERO, PROCESSORS_PID, tid)
                    .args(&[("sort_index", Arg::Number(p.into()))]),
            )?;
        }
        Ok(())
    }

    fn event(&mut self, e: &Event) -> fmt::Result {
        if !self.in_window && e.t() >= self.window.from {
            // The counters' first samples in the window carry their values
            // there, changed or not: at its start when nothing happens then.
            self.write_counters()?;
            self.in_window = true;
            self.counters.iter_mut().for_each(|c| c.written = None);
            if e.t() > self.window.from {
                self.now = self.window.from;
                self.write_counters()?;
            }
        }
        if e.t() != self.now {
            self.write_counters()?;
            self.now = e.t();
        }
        let g = e.g;
        match e.kind() {
            Kind::Spawn => self.spawn(e)?,
            Kind::Run => {
                self.enter(g, State::Running { p: e.a }, e.t())?;
                if let Some(slot) = self.on_p.get_mut(e.a as usize) {
                    *slot = Some((g, e.t()));
                }
            }
            Kind::Block => {
                let on = BlockOn::from_u32(e.a).unwrap_or(BlockOn::Io);
                self.enter(g, State::Blocked { on, object: e.b }, e.t())?;
            }
            Kind::Unblock => self.enter(g, State::Runnable { preempted: false }, e.t())?,
            Kind::Preempt => self.enter(g, State::Runnable { preempted: true }, e.t())?,
            Kind::Exit => {
                self.leave(g, e.t())?;
                if g != MAIN {
                    self.counters[ALIVE].add(-1);
                }
            }
            Kind::Leaked => {
                self.leave(g, e.t())?;
                let on = BlockOn::from_u32(e.a).unwrap_or(BlockOn::Io);
                let name = format!("leaked ({})", on.name());
                self.instant(g, &name, e.t(), &[("blocked_on", Arg::Text(on.name()))])?;
            }
            Kind::MakeChan => {
                let ch = e.a as usize;
                if self.chan_roles.len() <= ch {
                    self.chan_roles.resize(ch + 1, None);
                }
                self.chan_roles[ch] = ChanRole::from_u32(e.c);
            }
            Kind::TaskQueued => self.counters[QUEUED].add(1),
            Kind::TaskStart => {
                self.counters[QUEUED].add(-1);
                self.in_flight += 1;
                let name = format!("start task {}", e.a);
                let args = [
                    ("task", Arg::Number(e.a.into())),
                    ("worker", Arg::Number(e.b.into())),
                ];
                self.instant(g, &name, e.t(), &args)?;
            }
            Kind::TaskEnd => {
                self.in_flight = self.in_flight.saturating_sub(1);
                let failed = e.b != 0;
                let name = format!("{} task {}", if failed { "fail" } else { "end" }, e.a);
                let args = [
                    ("failed", Arg::Flag(failed)),
                    ("task", Arg::Number(e.a.into())),
                ];
                self.instant(g, &name, e.t(), &args)?;
            }
            Kind::Steal => self.steal(e)?,
            Kind::RuntimeSteal => self.runtime_steal(e)?,
            Kind::Send
            | Kind::Recv
            | Kind::RecvClosed
            | Kind::Close
            | Kind::Tick
            | Kind::DequePush
            | Kind::DequePop
            | Kind::Token
            | Kind::Cancel
            | Kind::Select
            | Kind::Deliver
            | Kind::TickerLeaked => {}
        }
        let live = self.counters[ALIVE].value + 1;
        self.counters[MEMORY].value = live.saturating_mul(self.stack_bytes)
            + self.in_flight.saturating_mul(self.mem_per_task_bytes);
        Ok(())
    }

    fn spawn(&mut self, e: &Event) -> fmt::Result {
        let g = e.g as usize;
        if self.names.len() <= g {
            self.names.resize(g + 1, String::new());
            self.named.resize(g + 1, false);
            self.open.resize(g + 1, None);
        }
        let role = Role::from_u32(e.b).unwrap_or(Role::Worker);
        self.names[g] = match role {
            Role::Main => format!("main (g{g})"),
            role => format!("{} {} (g{g})", role.name(), e.c),
        };
        if e.g != MAIN {
            self.counters[ALIVE].add(1);
        }
        self.enter(e.g, State::Runnable { preempted: false }, e.t())
    }

    /// Closes `g`'s open slice and opens one for `state`.
    fn enter(&mut self, g: u32, state: State, t: Nanos) -> fmt::Result {
        self.leave(g, t)?;
        if let Some(slot) = self.open.get_mut(g as usize) {
            *slot = Some((state, t));
            if matches!(state, State::Runnable { .. }) {
                self.counters[RUNNABLE].add(1);
            }
        }
        Ok(())
    }

    /// Closes `g`'s open slice (and its stretch on a P) at `t`.
    fn leave(&mut self, g: u32, t: Nanos) -> fmt::Result {
        let Some((state, since)) = self.open.get_mut(g as usize).and_then(Option::take) else {
            return Ok(());
        };
        let blocked;
        let name = match state {
            State::Runnable { preempted } => {
                self.counters[RUNNABLE].add(-1);
                if preempted {
                    "runnable (preempted)"
                } else {
                    "runnable"
                }
            }
            State::Running { .. } => "running",
            State::Blocked { on, object } => {
                blocked = self.blocked_name(on, object);
                &blocked
            }
        };
        let arg;
        let args: &[(&str, Arg<'_>)] = match state {
            State::Runnable { .. } => &[],
            State::Running { p } => {
                arg = [("p", Arg::Number(p.into()))];
                &arg
            }
            State::Blocked { object, .. } if object != NONE => {
                arg = [("object", Arg::Number(object.into()))];
                &arg
            }
            State::Blocked { .. } => &[],
        };
        let mut slice = TraceEvent::new("X", name, since, GOROUTINES_PID, goroutine_tid(g));
        slice.dur = Some(t - since);
        self.emit(&slice.args(args))?;
        if let State::Running { p } = state {
            self.leave_p(p, g, t)?;
        }
        Ok(())
    }

    fn leave_p(&mut self, p: u32, g: u32, t: Nanos) -> fmt::Result {
        let Some(slot) = self.on_p.get_mut(p as usize) else {
            return Ok(());
        };
        let Some((on, since)) = slot.take_if(|(on, _)| *on == g) else {
            return Ok(());
        };
        let name = self.names.get(on as usize).cloned().unwrap_or_default();
        let mut slice = TraceEvent::new("X", &name, since, PROCESSORS_PID, processor_tid(p));
        slice.dur = Some(t - since);
        self.emit(&slice.args(&[("goroutine", Arg::Number(on.into()))]))
    }

    /// "chan receive (tasks)": what a blocked slice waits for, with the channel's use when known.
    fn blocked_name(&self, on: BlockOn, object: u32) -> String {
        let role = self.chan_roles.get(object as usize).copied().flatten();
        match (on, role) {
            (BlockOn::ChanSend | BlockOn::ChanRecv, Some(role)) => {
                format!("{} ({})", on.name(), chan_role_name(role))
            }
            _ => on.name().to_string(),
        }
    }

    fn instant(&mut self, g: u32, name: &str, t: Nanos, args: &[(&str, Arg<'_>)]) -> fmt::Result {
        let mut instant = TraceEvent::new("i", name, t, GOROUTINES_PID, goroutine_tid(g));
        instant.s = Some("t");
        self.emit(&instant.args(args))
    }

    /// An arrow between two tracks at one instant; the end binds to the
    /// enclosing slice (`bind_enclosing`) or to the next slice on its track.
    fn flow(
        &mut self,
        name: &str,
        t: Nanos,
        from: (u32, u32),
        to: (u32, u32),
        bind_enclosing: bool,
    ) -> fmt::Result {
        self.flows += 1;
        let mut start = TraceEvent::new("s", name, t, from.0, from.1);
        start.cat = Some("steal");
        start.id = Some(self.flows);
        self.emit(&start)?;
        let mut end = TraceEvent::new("f", name, t, to.0, to.1);
        end.cat = Some("steal");
        end.id = Some(self.flows);
        end.bp = bind_enclosing.then_some("e");
        self.emit(&end)
    }

    /// The work-stealing strategy's steal: `g` took b tasks from deque a into deque c.
    fn steal(&mut self, e: &Event) -> fmt::Result {
        let owner = self.deque_owners.get(e.a as usize).copied().unwrap_or(NONE);
        if owner == NONE {
            return Ok(());
        }
        let name = format!("steal {} task{}", e.b, if e.b == 1 { "" } else { "s" });
        self.flow(
            &name,
            e.t(),
            (GOROUTINES_PID, goroutine_tid(owner)),
            (GOROUTINES_PID, goroutine_tid(e.g)),
            true,
        )
    }

    /// Go's scheduler: P a stole b goroutines from P c. The thief runs one of
    /// them at once, so the arrow ends on the thief P's next slice.
    fn runtime_steal(&mut self, e: &Event) -> fmt::Result {
        let name = format!(
            "runtime steal {} goroutine{}",
            e.b,
            if e.b == 1 { "" } else { "s" }
        );
        self.flow(
            &name,
            e.t(),
            (PROCESSORS_PID, processor_tid(e.c)),
            (PROCESSORS_PID, processor_tid(e.a)),
            false,
        )
    }

    fn write_counters(&mut self) -> fmt::Result {
        for i in 0..self.counters.len() {
            let c = &self.counters[i];
            if c.written == Some(c.value) {
                continue;
            }
            let (name, key, value) = (c.name, c.key, c.value);
            self.emit(
                &TraceEvent::new("C", name, self.now, GOROUTINES_PID, 0)
                    .args(&[(key, Arg::Number(value))]),
            )?;
            self.counters[i].written = Some(value);
        }
        Ok(())
    }

    /// Closes every slice still open at the end and the JSON document.
    fn finish(mut self, end: Nanos) -> Result<u64, fmt::Error> {
        self.write_counters()?;
        for g in 0..self.open.len() as u32 {
            self.leave(g, end)?;
        }
        self.out.write_str("\n]}\n")?;
        Ok(self.written)
    }
}

/// A channel's use, as a person would call it.
fn chan_role_name(role: ChanRole) -> &'static str {
    match role {
        ChanRole::Tasks => "tasks",
        ChanRole::Results => "results",
        ChanRole::Semaphore => "semaphore",
        ChanRole::Quit => "quit",
        ChanRole::Done => "ctx.Done()",
        ChanRole::Ticker => "ticker",
        ChanRole::Output => "output",
        ChanRole::Timer => "time.After",
    }
}

/// The goroutine that owns each deque: the first to pop from it or steal into
/// it. Found before the main pass because a steal can come before the
/// victim's first pop (its owner may not have run yet).
fn deque_owners(events: impl Iterator<Item = Event>) -> Vec<u32> {
    let mut owners: Vec<u32> = Vec::new();
    let mut claim = |deque: u32, g: u32| {
        let d = deque as usize;
        if owners.len() <= d {
            owners.resize(d + 1, NONE);
        }
        if owners[d] == NONE {
            owners[d] = g;
        }
    };
    for e in events {
        match e.kind() {
            Kind::DequePop => claim(e.a, e.g),
            Kind::Steal => claim(e.c, e.g),
            _ => {}
        }
    }
    owners
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(write: impl FnOnce(&mut String) -> fmt::Result) -> String {
        let mut out = String::new();
        write(&mut out).expect("a String takes every byte");
        out
    }

    #[test]
    fn microseconds_are_exact_decimals_of_the_nanoseconds() {
        let micros = |ns| text(|out| write_micros(out, Nanos(ns)));
        assert_eq!(micros(0), "0");
        assert_eq!(micros(1), "0.001");
        assert_eq!(micros(1500), "1.5");
        assert_eq!(micros(2000), "2");
        assert_eq!(micros(1_000_010), "1000.01");
        // Seven days in nanoseconds: more digits than an f64 keeps exactly.
        assert_eq!(micros(604_800_000_000_123), "604800000000.123");
    }

    #[test]
    fn strings_escape_what_json_requires() {
        let json = text(|out| write_string(out, "a\"b\\c\nd\u{1}é"));
        assert_eq!(json, r#""a\"b\\c\nd\u0001é""#);
    }
}
