//! The goroutine loop: one async task per goroutine runs its frames' instructions synchronously and awaits the runtime only for Go's runtime operations.

use std::cell::{Cell as StdCell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use gobalance_core::go::{Chan, Go, Select};
use gobalance_core::{ChanRole, Nanos, Role, Scenario};

use super::code::{BinOp, Code, Conv, Func, Indexed, Instr, IntKind, Native, Num};
use super::library::{self, NativeOut};
use super::value::{
    Backing, Callable, ChanObj, CtxObj, Elem, Key, MapObj, Ptr, Root, SliceVal, Value, WgObj,
};
use super::{Ending, Output, RunConfig};
use crate::check::{TypeId, TypeTable};

/// A value too big or not a small non-negative integer crosses a channel
/// as this bit and its index in the side table; task numbers (below 2^31)
/// go through as themselves.
const HANDLE: u32 = 1 << 31;

/// Why a goroutine stops the program.
#[derive(Clone, Debug)]
pub(super) enum Fault {
    /// A Go panic with its value (unwinds, running deferred calls).
    Panic(Value),
    /// A Go fatal error or a limit of the interpreter: stops at once, with
    /// these lines for standard error.
    Fatal(String),
    /// `os.Exit(code)`.
    Exit(i32),
}

pub(super) fn runtime_error(message: impl Into<String>) -> Fault {
    Fault::Panic(Value::Error(Rc::new(super::value::ErrorObj {
        message: format!("runtime error: {}", message.into()),
    })))
}

pub(super) fn panic_text(text: &str) -> Fault {
    Fault::Panic(Value::Error(Rc::new(super::value::ErrorObj {
        message: text.into(),
    })))
}

const NIL_DEREF: &str = "invalid memory address or nil pointer dereference";

/// An operation of the runtime a goroutine waits for.
pub(super) enum Pending {
    MakeChan {
        cap: u32,
        elem: Elem,
        zero: Value,
        line: u16,
    },
    Send {
        ch: Rc<ChanObj>,
        value: Value,
        line: u16,
    },
    Recv {
        ch: Rc<ChanObj>,
        comma_ok: bool,
        line: u16,
    },
    Close {
        ch: Rc<ChanObj>,
        line: u16,
    },
    ChanLen {
        ch: Rc<ChanObj>,
        line: u16,
    },
    Select {
        cases: Vec<(Option<Rc<ChanObj>>, Option<Value>)>,
        zeros: Vec<Value>,
        has_default: bool,
        line: u16,
    },
    /// A nil channel, or a select with nothing to wait on.
    BlockForever {
        line: u16,
    },
    Sleep {
        d: Nanos,
        line: u16,
    },
    Spawn {
        callee: Value,
        args: Vec<Value>,
        line: u16,
    },
    NewWaitGroup {
        line: u16,
    },
    WgAdd {
        wg: Rc<WgObj>,
        delta: i32,
        line: u16,
    },
    WgWait {
        wg: Rc<WgObj>,
        line: u16,
    },
    Lock {
        mu: Rc<super::value::MutexObj>,
        line: u16,
    },
    Unlock {
        mu: Rc<super::value::MutexObj>,
        line: u16,
    },
    /// `time.NewTicker`/`time.Tick` (a `*Ticker` when `pointer`), `time.After`/`NewTimer`.
    Timer {
        d: Nanos,
        repeat: bool,
        wrap: TimerWrap,
        line: u16,
    },
    /// `ticker.Stop()`, or `timer.Stop()` when `result` (it reports true).
    StopTimer {
        ch: Rc<ChanObj>,
        result: bool,
        line: u16,
    },
    WithCancel {
        parent: Option<Rc<CtxObj>>,
        timeout: Option<Nanos>,
        line: u16,
    },
    Cancel {
        ctx: Rc<CtxObj>,
        line: u16,
    },
    RunTask {
        task: u32,
        line: u16,
    },
    RunTaskCtx {
        task: u32,
        ctx: Rc<CtxObj>,
        line: u16,
    },
    Cpu {
        d: Nanos,
        line: u16,
    },
    Yield {
        line: u16,
    },
}

/// How a timer's channel is handed to the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TimerWrap {
    Chan,
    /// A `*time.Ticker` or `*time.Timer`: a struct whose field `C` is the channel.
    Struct,
}

/// A call waiting for its function's return.
enum Deferred {
    Call {
        callee: Value,
        args: Vec<Value>,
    },
    Native {
        native: Native,
        args: Vec<Value>,
        line: u16,
    },
}

struct Frame {
    func: Rc<Func>,
    pc: usize,
    base: usize,
    /// Where the results go.
    ret_to: usize,
    discard: bool,
    defers: Vec<Deferred>,
    unwinding: bool,
}

/// A side table for the values in flight on channels.
#[derive(Default)]
pub(super) struct Slab {
    values: Vec<Option<Value>>,
    free: Vec<u32>,
}

impl Slab {
    fn put(&mut self, v: Value) -> u32 {
        match self.free.pop() {
            Some(i) => {
                self.values[i as usize] = Some(v);
                i
            }
            None => {
                self.values.push(Some(v));
                self.values.len() as u32 - 1
            }
        }
    }

    fn take(&mut self, i: u32) -> Value {
        let v = self
            .values
            .get_mut(i as usize)
            .and_then(Option::take)
            .unwrap_or(Value::Nil);
        self.free.push(i);
        v
    }
}

/// What every goroutine of one run shares.
pub(super) struct Shared {
    pub code: Rc<Code>,
    pub types: Rc<TypeTable>,
    pub globals: Vec<super::value::Cell>,
    pub output: Rc<Output>,
    pub slab: RefCell<Slab>,
    pub config: RunConfig,
    pub instructions_left: StdCell<u64>,
    /// Goroutines of the program alive now (`runtime.NumGoroutine`).
    pub goroutines: StdCell<u32>,
    pub spawns_by_line: RefCell<HashMap<u16, u32>>,
    pub markers: Rc<HashMap<u16, Vec<String>>>,
    pub scenario: Rc<Scenario>,
    pub canceled: Value,
    pub deadline: Value,
    pub rand: RefCell<super::rand::GoRand>,
    pub work_config: Option<TypeId>,
    pub started: StdCell<Nanos>,
}

impl Shared {
    fn marker(&self, line: u16, prefix: &str) -> Option<&str> {
        self.markers
            .get(&line)?
            .iter()
            .find_map(|m| m.strip_prefix(prefix))
    }

    fn spawn_role(&self, line: u16) -> (Role, u32) {
        let role = match self.marker(line, "spawn_") {
            Some("producer") => Role::Producer,
            Some("closer") => Role::Closer,
            Some("collector") => Role::Collector,
            Some("controller") => Role::Controller,
            Some("forwarder") => Role::Forwarder,
            _ => Role::Worker,
        };
        let mut counts = self.spawns_by_line.borrow_mut();
        let count = counts.entry(line).or_insert(0);
        *count += 1;
        (role, *count - 1)
    }

    fn chan_role(&self, line: u16, elem: Elem) -> ChanRole {
        match self.marker(line, "make_") {
            Some(m) if m.contains("task") => ChanRole::Tasks,
            Some(m) if m.contains("result") || m.contains("merged") => ChanRole::Results,
            Some(m) if m.contains("sem") => ChanRole::Semaphore,
            Some(m) if m.contains("done") || m.contains("stop") => ChanRole::Done,
            Some(m) if m.contains("quit") => ChanRole::Quit,
            Some(m) if m.contains("out") => ChanRole::Output,
            _ if elem == Elem::Unit => ChanRole::Quit,
            _ => ChanRole::Results,
        }
    }

    fn wire_of(&self, ch: &ChanObj, v: Value) -> u32 {
        match (ch.elem, &v) {
            (Elem::Int, Value::Int(n)) if (0..HANDLE as i64).contains(n) => *n as u32,
            (Elem::Unit, _) => 0,
            (Elem::Bool, v) => v.as_bool() as u32,
            _ => HANDLE | self.slab.borrow_mut().put(v),
        }
    }

    fn value_of_wire(&self, ch: &ChanObj, w: u32) -> Value {
        match ch.elem {
            Elem::Int | Elem::Other if w & HANDLE != 0 => self.slab.borrow_mut().take(w & !HANDLE),
            Elem::Int => Value::Int(w as i64),
            Elem::Bool => Value::Bool(w != 0),
            Elem::Unit | Elem::Other => ch.zero.clone(),
        }
    }

    fn drop_wire(&self, ch: &ChanObj, w: u32) {
        if w & HANDLE != 0 && matches!(ch.elem, Elem::Int | Elem::Other) {
            self.slab.borrow_mut().take(w & !HANDLE);
        }
    }
}

/// One goroutine's state: its value stack and frames.
pub(super) struct Goroutine {
    pub shared: Rc<Shared>,
    pub go: Go,
    stack: Vec<Value>,
    frames: Vec<Frame>,
    /// The index of its role (a worker's number), for `cfg.Run`.
    pub role_index: u32,
    panicking: Option<Value>,
    /// The line a panic began on: its frames are gone by the time it ends the program.
    panicked_on: u16,
    /// The pending operation was a deferred call's: its results are dropped.
    discard_result: bool,
    executed_since_op: u64,
}

/// What running instructions came to.
enum Step {
    Op(Pending),
    Done,
    Fail(Fault),
    /// A panic unwound to the frame a synchronous call started from.
    Unwound,
}

/// A future that yields without asking the engine for anything: the engine
/// then stops the run with a failure, which is how a program that panicked
/// or exited ends the simulation at once. `Output` holds the real reason.
struct StopRun;

impl Future for StopRun {
    type Output = ();
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        Poll::Pending
    }
}

/// Runs one goroutine: `callee(args)` to its end, then, for `main`, the end of the program.
pub(super) fn run_goroutine(
    shared: Rc<Shared>,
    go: Go,
    callee: Value,
    args: Vec<Value>,
    role_index: u32,
) -> Pin<Box<dyn Future<Output = ()>>> {
    Box::pin(goroutine_body(shared, go, callee, args, role_index))
}

async fn goroutine_body(
    shared: Rc<Shared>,
    go: Go,
    callee: Value,
    args: Vec<Value>,
    role_index: u32,
) {
    let mut g = Goroutine {
        shared,
        go,
        stack: Vec::with_capacity(64),
        frames: Vec::new(),
        role_index,
        panicking: None,
        panicked_on: 0,
        discard_result: false,
        executed_since_op: 0,
    };
    let started = g.start_call(callee, args, true);
    let mut step = match started {
        Ok(Some(pending)) => Step::Op(pending),
        Ok(None) => g.exec(0),
        Err(fault) => Step::Fail(fault),
    };
    loop {
        match step {
            Step::Op(pending) => {
                if let Err(fault) = g.perform(pending).await {
                    step = match fault {
                        Fault::Panic(v) => g.begin_panic(v, 0),
                        other => Step::Fail(other),
                    };
                    continue;
                }
                step = g.exec(0);
            }
            Step::Done | Step::Unwound => break,
            Step::Fail(fault) => {
                g.fail(fault);
                StopRun.await;
                return;
            }
        }
    }
    g.shared
        .goroutines
        .set(g.shared.goroutines.get().saturating_sub(1));
}

impl Goroutine {
    fn fail(&mut self, fault: Fault) {
        let ending = match fault {
            Fault::Panic(v) => Ending::Panic(library::panic_message(&self.shared, &v)),
            Fault::Fatal(text) => Ending::Fatal(text),
            Fault::Exit(code) => Ending::Exit(code),
        };
        let line = match ending {
            Ending::Panic(_) => self.panicked_on,
            _ => self.line(),
        };
        if !matches!(ending, Ending::Exit(_)) {
            self.shared.output.fail_at(self.go.goroutine(), line);
        }
        self.shared.output.end(ending);
    }

    fn line(&self) -> u16 {
        self.frames.last().map_or(0, |f| {
            f.func
                .lines
                .get(f.pc.saturating_sub(1))
                .copied()
                .unwrap_or(0)
        })
    }

    /// Starts a call of a function value with its arguments: a frame for
    /// Go code, at once for a library function (possibly an operation).
    fn start_call(
        &mut self,
        callee: Value,
        args: Vec<Value>,
        discard: bool,
    ) -> Result<Option<Pending>, Fault> {
        let ret_to = self.stack.len();
        let Value::Func(callable) = callee else {
            return Err(runtime_error(NIL_DEREF));
        };
        match &*callable {
            Callable::Go { func, captures } => {
                let nargs = args.len() as u32;
                self.stack.extend(args);
                self.push_frame(*func, nargs, ret_to, discard)?;
                let frame = self.frames.last().expect("just pushed");
                let first = frame.base + frame.func.first_capture() as usize;
                for (i, c) in captures.iter().enumerate() {
                    self.stack[first + i] = c.clone();
                }
                Ok(None)
            }
            Callable::Cancel(ctx) => Ok(Some(Pending::Cancel {
                ctx: ctx.clone(),
                line: self.line(),
            })),
            Callable::Native(native) => {
                let line = self.line();
                match library::call(self, *native, args, line)? {
                    NativeOut::Values(values) => {
                        if !discard {
                            self.stack.extend(values);
                        }
                        Ok(None)
                    }
                    NativeOut::Op(p) => {
                        self.discard_result = discard;
                        Ok(Some(p))
                    }
                    NativeOut::Call(callee, args) => self.start_call(callee, args, true),
                }
            }
        }
    }

    fn push_frame(
        &mut self,
        func: u32,
        nargs: u32,
        ret_to: usize,
        discard: bool,
    ) -> Result<(), Fault> {
        if self.frames.len() >= self.shared.config.frames_max {
            return Err(Fault::Fatal(format!(
                "runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow ({} nested calls, the interpreter's limit)",
                self.shared.config.frames_max
            )));
        }
        let func = self.shared.code.funcs[func as usize].clone();
        let base = self.stack.len() - nargs as usize;
        self.stack.resize(base + func.slots as usize, Value::Nil);
        self.frames.push(Frame {
            func,
            pc: 0,
            base,
            ret_to,
            discard,
            defers: Vec::new(),
            unwinding: false,
        });
        Ok(())
    }

    /// Calls a function value and runs it to its end here and now, for a
    /// library function that calls back (`sort.Slice`'s less).
    pub(super) fn call_sync(
        &mut self,
        callee: Value,
        args: Vec<Value>,
    ) -> Result<Vec<Value>, Fault> {
        let depth = self.frames.len();
        let mark = self.stack.len();
        if let Some(_pending) = self.start_call(callee, args, false)? {
            return Err(Fault::Fatal("fatal error: a function called back by the library waited on the runtime (not supported)".into()));
        }
        match self.exec(depth) {
            Step::Done => Ok(self.stack.split_off(mark)),
            Step::Op(_) => Err(Fault::Fatal("fatal error: a function called back by the library waited on the runtime (not supported)".into())),
            Step::Fail(f) => Err(f),
            Step::Unwound => Err(Fault::Panic(self.panicking.take().unwrap_or(Value::Nil))),
        }
    }

    fn begin_panic(&mut self, value: Value, stop_depth: usize) -> Step {
        if self.panicking.is_none() {
            self.panicking = Some(value);
            self.panicked_on = self.line();
        }
        self.unwind(stop_depth)
    }

    /// Runs the deferred calls of the frames a panic leaves, innermost first.
    fn unwind(&mut self, stop_depth: usize) -> Step {
        loop {
            if self.frames.len() == stop_depth {
                return if stop_depth == 0 {
                    Step::Fail(Fault::Panic(self.panicking.take().unwrap_or(Value::Nil)))
                } else {
                    Step::Unwound
                };
            }
            let frame = self
                .frames
                .last_mut()
                .expect("a frame above the stop depth");
            frame.unwinding = true;
            match frame.defers.pop() {
                Some(deferred) => match self.run_deferred(deferred) {
                    Ok(Some(pending)) => return Step::Op(pending),
                    Ok(None) => {
                        if !self.frames.last().is_some_and(|f| f.unwinding) {
                            return self.exec(stop_depth);
                        }
                    }
                    Err(Fault::Panic(_)) => {}
                    Err(other) => return Step::Fail(other),
                },
                None => {
                    let frame = self.frames.pop().expect("a frame");
                    self.stack.truncate(frame.base);
                }
            }
        }
    }

    fn run_deferred(&mut self, deferred: Deferred) -> Result<Option<Pending>, Fault> {
        match deferred {
            Deferred::Call { callee, args } => self.start_call(callee, args, true),
            Deferred::Native { native, args, line } => {
                match library::call(self, native, args, line)? {
                    NativeOut::Values(_) => Ok(None),
                    NativeOut::Op(p) => {
                        self.discard_result = true;
                        Ok(Some(p))
                    }
                    NativeOut::Call(callee, args) => self.start_call(callee, args, true),
                }
            }
        }
    }

    fn pop(&mut self) -> Value {
        self.stack.pop().unwrap_or(Value::Nil)
    }

    fn pop_n(&mut self, n: usize) -> Vec<Value> {
        let at = self.stack.len() - n;
        self.stack.split_off(at)
    }

    pub(super) fn push(&mut self, v: Value) {
        self.stack.push(v);
    }

    /// Runs instructions until an operation, the end, or a fault, leaving
    /// frames below `stop_depth` alone.
    fn exec(&mut self, stop_depth: usize) -> Step {
        let shared = self.shared.clone();
        let mut left = shared.instructions_left.get();
        let step = self.exec_frames(stop_depth, &mut left);
        shared.instructions_left.set(left);
        step
    }

    fn exec_frames(&mut self, stop_depth: usize, left: &mut u64) -> Step {
        'frames: loop {
            if self.frames.len() == stop_depth {
                return Step::Done;
            }
            let frame = self.frames.last().expect("a frame");
            if frame.unwinding {
                return self.unwind(stop_depth);
            }
            let func = frame.func.clone();
            let base = frame.base;
            let mut pc = frame.pc;
            loop {
                if *left == 0 {
                    return Step::Fail(Fault::Fatal(format!(
                        "fatal error: the program ran {} instructions, the interpreter's limit (an endless loop that never waits on a channel, a lock or a timer?)",
                        self.shared.config.instructions_max
                    )));
                }
                *left -= 1;
                self.executed_since_op += 1;
                let instr = &func.code[pc];
                pc += 1;
                let result: Result<(), Fault> = match instr {
                    Instr::Const(k) => {
                        self.stack
                            .push(self.shared.code.consts[*k as usize].clone());
                        Ok(())
                    }
                    Instr::Int(i) => {
                        self.stack.push(Value::Int(*i));
                        Ok(())
                    }
                    Instr::Nil => {
                        self.stack.push(Value::Nil);
                        Ok(())
                    }
                    Instr::Pop => {
                        self.stack.pop();
                        Ok(())
                    }
                    Instr::Dup => {
                        let v = self.stack.last().cloned().unwrap_or(Value::Nil);
                        self.stack.push(v);
                        Ok(())
                    }
                    Instr::Dup2 => {
                        let n = self.stack.len();
                        let (a, b) = (self.stack[n - 2].clone(), self.stack[n - 1].clone());
                        self.stack.push(a);
                        self.stack.push(b);
                        Ok(())
                    }
                    Instr::Load(s) => {
                        let v = self.stack[base + *s as usize].clone();
                        self.stack.push(v);
                        Ok(())
                    }
                    Instr::Store(s) => {
                        let v = self.pop();
                        self.stack[base + *s as usize] = v;
                        Ok(())
                    }
                    Instr::NewCell(s) => {
                        let v = self.pop();
                        self.stack[base + *s as usize] = Value::Cell(Rc::new(RefCell::new(v)));
                        Ok(())
                    }
                    Instr::LoadCell(s) => {
                        let v = match &self.stack[base + *s as usize] {
                            Value::Cell(c) => c.borrow().clone(),
                            other => other.clone(),
                        };
                        self.stack.push(v);
                        Ok(())
                    }
                    Instr::StoreCell(s) => {
                        let v = self.pop();
                        match &self.stack[base + *s as usize] {
                            Value::Cell(c) => *c.borrow_mut() = v,
                            _ => self.stack[base + *s as usize] = v,
                        }
                        Ok(())
                    }
                    Instr::AddrCell(s) => {
                        let p = match &self.stack[base + *s as usize] {
                            Value::Cell(c) => Ptr::to_cell(c.clone()),
                            _ => Value::Nil,
                        };
                        self.stack.push(p);
                        Ok(())
                    }
                    Instr::LoadGlobal(g) => {
                        let v = self.shared.globals[*g as usize].borrow().clone();
                        self.stack.push(v);
                        Ok(())
                    }
                    Instr::StoreGlobal(g) => {
                        let v = self.pop();
                        *self.shared.globals[*g as usize].borrow_mut() = v;
                        Ok(())
                    }
                    Instr::AddrGlobal(g) => {
                        let p = Ptr::to_cell(self.shared.globals[*g as usize].clone());
                        self.stack.push(p);
                        Ok(())
                    }
                    Instr::Bin(op, num) => {
                        let y = self.pop();
                        let x = self.pop();
                        binary(*op, *num, x, y).map(|v| self.stack.push(v))
                    }
                    Instr::Eq { negate } => {
                        let y = self.pop();
                        let x = self.pop();
                        self.stack.push(Value::Bool(x.equals(&y) != *negate));
                        Ok(())
                    }
                    Instr::Neg(num) => {
                        let v = match self.pop() {
                            Value::Int(i) if *num != Num::Float => Value::Int(i.wrapping_neg()),
                            v => Value::Float(-v.as_float()),
                        };
                        self.stack.push(v);
                        Ok(())
                    }
                    Instr::Not => {
                        let v = !self.pop().as_bool();
                        self.stack.push(Value::Bool(v));
                        Ok(())
                    }
                    Instr::Complement(kind) => {
                        let v = kind.wrap(!self.pop().as_int());
                        self.stack.push(Value::Int(v));
                        Ok(())
                    }
                    Instr::Jump(t) => {
                        pc = *t as usize;
                        Ok(())
                    }
                    Instr::JumpIfFalse(t) => {
                        if !self.pop().as_bool() {
                            pc = *t as usize;
                        }
                        Ok(())
                    }
                    Instr::JumpIfTrue(t) => {
                        if self.pop().as_bool() {
                            pc = *t as usize;
                        }
                        Ok(())
                    }
                    Instr::MakeStruct(n) => {
                        let fields = self.pop_n(*n as usize);
                        self.stack.push(Value::Struct(fields.into_boxed_slice()));
                        Ok(())
                    }
                    Instr::MakeSlice(n) => {
                        let items = self.pop_n(*n as usize);
                        self.stack.push(Value::Slice(SliceVal::new(items)));
                        Ok(())
                    }
                    Instr::MakeMap(n) => {
                        let items = self.pop_n(*n as usize * 2);
                        let mut map = MapObj::default();
                        let mut items = items.into_iter();
                        while let (Some(k), Some(v)) = (items.next(), items.next()) {
                            map.entries.insert(Key::of(&k), (k, v));
                        }
                        self.stack.push(Value::Map(Rc::new(RefCell::new(map))));
                        Ok(())
                    }
                    Instr::MakeSliceLen { zero, with_cap } => {
                        let cap = if *with_cap {
                            Some(self.pop().as_int())
                        } else {
                            None
                        };
                        let len = self.pop().as_int();
                        let cap = cap.unwrap_or(len);
                        if len < 0 {
                            Err(runtime_error("makeslice: len out of range"))
                        } else if cap < len {
                            Err(runtime_error("makeslice: cap out of range"))
                        } else if cap > self.shared.config.slice_len_max as i64 {
                            Err(Fault::Fatal(format!("fatal error: runtime: out of memory (a slice of {cap} elements; the interpreter's limit is {})", self.shared.config.slice_len_max)))
                        } else {
                            let zero = self.shared.code.consts[*zero as usize].clone();
                            let backing = vec![zero; cap as usize];
                            self.stack.push(Value::Slice(SliceVal {
                                backing: Rc::new(RefCell::new(backing)),
                                off: 0,
                                len: len as u32,
                                cap: cap as u32,
                            }));
                            Ok(())
                        }
                    }
                    Instr::Field(i) => {
                        let v = match self.pop() {
                            Value::Struct(fields) => fields.into_vec().swap_remove(*i as usize),
                            _ => Value::Nil,
                        };
                        self.stack.push(v);
                        Ok(())
                    }
                    Instr::Deref => match self.pop() {
                        Value::Pointer(p) => {
                            self.stack.push(p.load());
                            Ok(())
                        }
                        _ => Err(runtime_error(NIL_DEREF)),
                    },
                    Instr::Boxed => {
                        let v = self.pop();
                        self.stack.push(Ptr::to_cell(Rc::new(RefCell::new(v))));
                        Ok(())
                    }
                    Instr::FieldPtr(i) => match self.pop() {
                        Value::Pointer(p) => {
                            self.stack.push(Value::Pointer(Rc::new(p.step(*i))));
                            Ok(())
                        }
                        _ => Err(runtime_error(NIL_DEREF)),
                    },
                    Instr::ElemPtr(kind) => {
                        let i = self.pop().as_int();
                        let x = self.pop();
                        elem_ptr(*kind, x, i).map(|p| self.stack.push(p))
                    }
                    Instr::StorePtr => {
                        let v = self.pop();
                        match self.pop() {
                            Value::Pointer(p) => {
                                p.store(v);
                                Ok(())
                            }
                            _ => Err(runtime_error(NIL_DEREF)),
                        }
                    }
                    Instr::Index(kind) => {
                        let i = self.pop().as_int();
                        let x = self.pop();
                        index(*kind, x, i).map(|v| self.stack.push(v))
                    }
                    Instr::MapIndex { zero, comma_ok } => {
                        let k = self.pop();
                        let m = self.pop();
                        let found = match &m {
                            Value::Map(map) => map
                                .borrow()
                                .entries
                                .get(&Key::of(&k))
                                .map(|(_, v)| v.clone()),
                            _ => None,
                        };
                        let ok = found.is_some();
                        self.stack
                            .push(found.unwrap_or_else(|| {
                                self.shared.code.consts[*zero as usize].clone()
                            }));
                        if *comma_ok {
                            self.stack.push(Value::Bool(ok));
                        }
                        Ok(())
                    }
                    Instr::SetMap => {
                        let v = self.pop();
                        let k = self.pop();
                        match self.pop() {
                            Value::Map(map) => {
                                map.borrow_mut().entries.insert(Key::of(&k), (k, v));
                                Ok(())
                            }
                            _ => Err(panic_text("assignment to entry in nil map")),
                        }
                    }
                    Instr::Delete => {
                        let k = self.pop();
                        if let Value::Map(map) = self.pop() {
                            map.borrow_mut().entries.remove(&Key::of(&k));
                        }
                        Ok(())
                    }
                    Instr::SliceOf { kind, lo, hi, max } => {
                        let max = if *max {
                            Some(self.pop().as_int())
                        } else {
                            None
                        };
                        let hi = if *hi { Some(self.pop().as_int()) } else { None };
                        let lo = if *lo { self.pop().as_int() } else { 0 };
                        let x = self.pop();
                        slice_of(*kind, x, lo, hi, max).map(|v| self.stack.push(v))
                    }
                    Instr::Len => {
                        let x = self.pop();
                        match x {
                            Value::Chan(ch) => {
                                self.frames.last_mut().expect("a frame").pc = pc;
                                return self.op(Pending::ChanLen {
                                    ch,
                                    line: func.lines[pc - 1],
                                });
                            }
                            x => {
                                self.stack.push(Value::Int(length(&x)));
                                Ok(())
                            }
                        }
                    }
                    Instr::Cap => {
                        let v = match self.pop() {
                            Value::Slice(s) => s.cap as i64,
                            Value::Chan(c) => c.cap as i64,
                            Value::Struct(f) => f.len() as i64,
                            _ => 0,
                        };
                        self.stack.push(Value::Int(v));
                        Ok(())
                    }
                    Instr::Append { count, spread } => {
                        let items = if *spread {
                            match self.pop() {
                                Value::Slice(s) => s.to_vec(),
                                Value::Str(s) => s.bytes().map(|b| Value::Int(b as i64)).collect(),
                                _ => Vec::new(),
                            }
                        } else {
                            self.pop_n(*count as usize)
                        };
                        let s = self.pop();
                        append(s, items, self.shared.config.slice_len_max)
                            .map(|v| self.stack.push(v))
                    }
                    Instr::Copy => {
                        let src = self.pop();
                        let dst = self.pop();
                        let n = match (&dst, &src) {
                            (Value::Slice(d), Value::Slice(s)) => {
                                let items = s.to_vec();
                                let n = items.len().min(d.len as usize);
                                for (i, v) in items.into_iter().take(n).enumerate() {
                                    d.set(i, v);
                                }
                                n
                            }
                            _ => 0,
                        };
                        self.stack.push(Value::Int(n as i64));
                        Ok(())
                    }
                    Instr::Convert(conv) => {
                        let v = self.pop();
                        self.stack.push(convert(*conv, v));
                        Ok(())
                    }
                    Instr::ToIface(ty) => {
                        let v = self.pop();
                        let v = match v {
                            // Library values that are already what an interface holds.
                            v @ (Value::Error(_) | Value::Context(_)) => v,
                            v => Value::Iface(Rc::new((*ty, v))),
                        };
                        self.stack.push(v);
                        Ok(())
                    }
                    Instr::MakeClosure { func: f, captures } => {
                        let caps = self.pop_n(*captures as usize);
                        self.stack.push(Value::Func(Rc::new(Callable::Go {
                            func: *f,
                            captures: caps.into_boxed_slice(),
                        })));
                        Ok(())
                    }
                    Instr::CallFunc { func: f, args } => {
                        self.frames.last_mut().expect("a frame").pc = pc;
                        let ret_to = self.stack.len() - *args as usize;
                        match self.push_frame(*f, *args, ret_to, false) {
                            Ok(()) => continue 'frames,
                            Err(fault) => Err(fault),
                        }
                    }
                    Instr::Call { args } => {
                        self.frames.last_mut().expect("a frame").pc = pc;
                        let args = self.pop_n(*args as usize);
                        let callee = self.pop();
                        match self.start_call(callee, args, false) {
                            Ok(Some(pending)) => return self.op(pending),
                            Ok(None) => continue 'frames,
                            Err(fault) => Err(fault),
                        }
                    }
                    Instr::CallNative { native, args, line } => {
                        self.frames.last_mut().expect("a frame").pc = pc;
                        let args = self.pop_n(*args as usize);
                        match library::call(self, *native, args, *line) {
                            Ok(NativeOut::Values(values)) => {
                                self.stack.extend(values);
                                continue 'frames;
                            }
                            Ok(NativeOut::Op(pending)) => return self.op(pending),
                            Ok(NativeOut::Call(callee, args)) => {
                                match self.start_call(callee, args, true) {
                                    Ok(Some(pending)) => return self.op(pending),
                                    Ok(None) => continue 'frames,
                                    Err(fault) => Err(fault),
                                }
                            }
                            Err(fault) => Err(fault),
                        }
                    }
                    Instr::CallIface { name, args, line } => {
                        self.frames.last_mut().expect("a frame").pc = pc;
                        let args = self.pop_n(*args as usize);
                        let name = self.shared.code.messages[*name as usize].clone();
                        match self.call_method(&name, args, *line) {
                            Ok(Some(pending)) => return self.op(pending),
                            Ok(None) => continue 'frames,
                            Err(fault) => Err(fault),
                        }
                    }
                    Instr::SetResults(n) => {
                        let values = self.pop_n(*n as usize);
                        let first = base + func.first_result() as usize;
                        for (i, v) in values.into_iter().enumerate() {
                            match &self.stack[first + i] {
                                Value::Cell(c) => *c.borrow_mut() = v,
                                _ => self.stack[first + i] = v,
                            }
                        }
                        Ok(())
                    }
                    Instr::Ret => {
                        let frame = self.frames.last_mut().expect("a frame");
                        if let Some(deferred) = frame.defers.pop() {
                            frame.pc = pc - 1;
                            match self.run_deferred(deferred) {
                                Ok(Some(pending)) => return self.op(pending),
                                Ok(None) => continue 'frames,
                                Err(fault) => Err(fault),
                            }
                        } else {
                            let frame = self.frames.pop().expect("a frame");
                            let first = frame.base + func.first_result() as usize;
                            let n = func.results as usize;
                            if frame.discard {
                                self.stack.truncate(frame.ret_to);
                            } else {
                                for i in 0..n {
                                    let v =
                                        std::mem::replace(&mut self.stack[first + i], Value::Nil);
                                    let v = match v {
                                        Value::Cell(c) => c.borrow().clone(),
                                        v => v,
                                    };
                                    self.stack[frame.ret_to + i] = v;
                                }
                                self.stack.truncate(frame.ret_to + n);
                            }
                            continue 'frames;
                        }
                    }
                    Instr::Defer { args } => {
                        let args = self.pop_n(*args as usize);
                        let callee = self.pop();
                        self.frames
                            .last_mut()
                            .expect("a frame")
                            .defers
                            .push(Deferred::Call { callee, args });
                        Ok(())
                    }
                    Instr::DeferNative { native, args, line } => {
                        let args = self.pop_n(*args as usize);
                        self.frames
                            .last_mut()
                            .expect("a frame")
                            .defers
                            .push(Deferred::Native {
                                native: *native,
                                args,
                                line: *line,
                            });
                        Ok(())
                    }
                    Instr::Go { args, line } => {
                        self.frames.last_mut().expect("a frame").pc = pc;
                        let args = self.pop_n(*args as usize);
                        let callee = self.pop();
                        if callee.is_nil() {
                            Err(runtime_error(NIL_DEREF))
                        } else {
                            return self.op(Pending::Spawn {
                                callee,
                                args,
                                line: *line,
                            });
                        }
                    }
                    Instr::GoNative { native, args, line } => {
                        self.frames.last_mut().expect("a frame").pc = pc;
                        let args = self.pop_n(*args as usize);
                        let callee = Value::Func(Rc::new(Callable::Native(*native)));
                        return self.op(Pending::Spawn {
                            callee,
                            args,
                            line: *line,
                        });
                    }
                    Instr::Panic => {
                        let v = self.pop();
                        Err(Fault::Panic(v))
                    }
                    Instr::MakeChan {
                        elem,
                        zero,
                        buffered,
                        line,
                    } => {
                        self.frames.last_mut().expect("a frame").pc = pc;
                        let cap = if *buffered { self.pop().as_int() } else { 0 };
                        if !(0..=i32::MAX as i64).contains(&cap) {
                            Err(runtime_error("makechan: size out of range"))
                        } else {
                            let elem = match self.shared.code.consts[*elem as usize].as_int() {
                                0 => Elem::Int,
                                1 => Elem::Unit,
                                2 => Elem::Bool,
                                _ => Elem::Other,
                            };
                            let zero = self.shared.code.consts[*zero as usize].clone();
                            return self.op(Pending::MakeChan {
                                cap: cap as u32,
                                elem,
                                zero,
                                line: *line,
                            });
                        }
                    }
                    Instr::Send { line } => {
                        self.frames.last_mut().expect("a frame").pc = pc;
                        let value = self.pop();
                        match self.pop() {
                            Value::Chan(ch) if ch.closed.get() => {
                                Err(panic_text("send on closed channel"))
                            }
                            Value::Chan(ch) => {
                                return self.op(Pending::Send {
                                    ch,
                                    value,
                                    line: *line,
                                })
                            }
                            _ => return self.op(Pending::BlockForever { line: *line }),
                        }
                    }
                    Instr::Recv { line, comma_ok } => {
                        self.frames.last_mut().expect("a frame").pc = pc;
                        match self.pop() {
                            Value::Chan(ch) => {
                                return self.op(Pending::Recv {
                                    ch,
                                    comma_ok: *comma_ok,
                                    line: *line,
                                })
                            }
                            _ => return self.op(Pending::BlockForever { line: *line }),
                        }
                    }
                    Instr::Close { line } => {
                        self.frames.last_mut().expect("a frame").pc = pc;
                        match library::close(self.pop(), *line) {
                            Ok(pending) => return self.op(pending),
                            Err(fault) => Err(fault),
                        }
                    }
                    Instr::Select { select, line } => {
                        self.frames.last_mut().expect("a frame").pc = pc;
                        let code = self.shared.code.clone();
                        let shape = &code.selects[*select as usize];
                        let operands: usize =
                            shape.sends.iter().map(|&s| if s { 2 } else { 1 }).sum();
                        let mut values = self.pop_n(operands).into_iter();
                        let mut cases = Vec::with_capacity(shape.sends.len());
                        for &send in &shape.sends {
                            let ch = match values.next() {
                                Some(Value::Chan(ch)) => Some(ch),
                                _ => None,
                            };
                            let value = if send { values.next() } else { None };
                            cases.push((ch, value));
                        }
                        // Go checks a send on a closed channel when it is chosen;
                        // a closed one is always ready, so choosing it first is Go's too.
                        if let Some((_, _)) = cases.iter().find(|(ch, v)| {
                            v.is_some() && ch.as_ref().is_some_and(|c| c.closed.get())
                        }) {
                            Err(panic_text("send on closed channel"))
                        } else {
                            return self.op(Pending::Select {
                                cases,
                                zeros: shape.zeros.clone(),
                                has_default: shape.has_default,
                                line: *line,
                            });
                        }
                    }
                    Instr::NewWaitGroup { line } => {
                        self.frames.last_mut().expect("a frame").pc = pc;
                        return self.op(Pending::NewWaitGroup { line: *line });
                    }
                    Instr::MapKeys => {
                        let keys = match self.pop() {
                            Value::Map(m) => m
                                .borrow()
                                .entries
                                .values()
                                .map(|(k, _)| k.clone())
                                .collect(),
                            _ => Vec::new(),
                        };
                        self.stack.push(Value::Slice(SliceVal::new(keys)));
                        Ok(())
                    }
                    Instr::DecodeRune => {
                        let i = self.pop().as_int() as usize;
                        let s = self.pop();
                        let bytes = s.as_str().as_bytes();
                        let (rune, size) = decode_rune(&bytes[i.min(bytes.len())..]);
                        self.stack.push(Value::Int(rune as i64));
                        self.stack.push(Value::Int((i + size) as i64));
                        Ok(())
                    }
                };
                if let Err(fault) = result {
                    self.frames.last_mut().expect("a frame").pc = pc;
                    return match fault {
                        Fault::Panic(v) => self.begin_panic(v, stop_depth),
                        other => Step::Fail(other),
                    };
                }
            }
        }
    }

    fn op(&mut self, pending: Pending) -> Step {
        Step::Op(pending)
    }

    /// A method called through an interface.
    fn call_method(
        &mut self,
        name: &str,
        mut args: Vec<Value>,
        line: u16,
    ) -> Result<Option<Pending>, Fault> {
        let recv = args.first().cloned().unwrap_or(Value::Nil);
        match recv {
            Value::Iface(iface) => {
                let Some(&(func, pointer_recv)) =
                    self.shared.code.methods.get(&(iface.0, name.to_string()))
                else {
                    return Err(Fault::Fatal(format!(
                        "fatal error: no method {name} found for an interface value"
                    )));
                };
                args[0] = iface.1.clone();
                // A value receiver called through a pointer: the value it points to.
                if let (Value::Pointer(p), false) = (&args[0], pointer_recv) {
                    args[0] = p.load();
                }
                let callee = Value::Func(Rc::new(Callable::Go {
                    func,
                    captures: Box::new([]),
                }));
                self.start_call(callee, args, false)
            }
            Value::Nil => Err(runtime_error(NIL_DEREF)),
            _ => match library::call_interface(self, name, args, line)? {
                NativeOut::Values(values) => {
                    self.stack.extend(values);
                    Ok(None)
                }
                NativeOut::Op(p) => Ok(Some(p)),
                NativeOut::Call(callee, args) => self.start_call(callee, args, true),
            },
        }
    }

    /// Carries out an operation on the runtime and pushes what it gives back.
    async fn perform(&mut self, pending: Pending) -> Result<(), Fault> {
        let go = self.go.clone();
        let shared = self.shared.clone();
        let cost = (self.shared.scenario.machine.costs.statement.0)
            .saturating_mul(std::mem::take(&mut self.executed_since_op));
        if cost > 0 {
            go.cpu(Nanos(cost), 0).await;
        }
        let discard = std::mem::take(&mut self.discard_result);
        let mut results: Vec<Value> = Vec::new();
        match pending {
            Pending::MakeChan {
                cap,
                elem,
                zero,
                line,
            } => {
                let role = shared.chan_role(line, elem);
                let id = go.make_chan(cap, role, line).await;
                results.push(Value::Chan(Rc::new(ChanObj {
                    id,
                    cap,
                    elem,
                    zero,
                    closed: StdCell::new(false),
                    tasks: role == ChanRole::Tasks,
                })));
            }
            Pending::Send { ch, value, line } => {
                if ch.tasks {
                    if let Value::Int(t) = value {
                        if (0..go.tasks() as i64).contains(&t) {
                            go.task_queued(t as u32, line);
                        }
                    }
                }
                let w = shared.wire_of(&ch, value);
                go.send(ch.id, w, line).await;
            }
            Pending::Recv { ch, comma_ok, line } => {
                let got = go.recv(ch.id, line).await;
                results.push(match got {
                    Some(w) => shared.value_of_wire(&ch, w),
                    None => ch.zero.clone(),
                });
                if comma_ok {
                    results.push(Value::Bool(got.is_some()));
                }
            }
            Pending::Close { ch, line } => {
                ch.closed.set(true);
                go.close(ch.id, line).await;
            }
            Pending::ChanLen { ch, line } => {
                let n = go.len(ch.id, line).await;
                results.push(Value::Int(n as i64));
            }
            Pending::Select {
                cases,
                zeros,
                has_default,
                line,
            } => {
                let mut select = Select::new();
                let mut engine_cases = Vec::new();
                let mut wires = Vec::new();
                for (i, (ch, value)) in cases.iter().enumerate() {
                    let Some(ch) = ch else { continue };
                    let case = match value {
                        Some(v) => {
                            let w = shared.wire_of(ch, v.clone());
                            wires.push((i, w));
                            select.send(ch.id, w)
                        }
                        None => select.recv(ch.id),
                    };
                    engine_cases.push((i, case));
                }
                if engine_cases.is_empty() && !has_default {
                    block_forever(&go, line).await;
                }
                let chosen = if has_default {
                    go.select_or_default(select, line).await
                } else {
                    go.select(select, line).await
                };
                let taken = engine_cases
                    .iter()
                    .find(|(_, case)| chosen.is(*case))
                    .map(|(i, _)| *i);
                for (i, w) in wires {
                    if Some(i) != taken {
                        if let Some(ch) = &cases[i].0 {
                            shared.drop_wire(ch, w);
                        }
                    }
                }
                let (value, ok, index) = match taken {
                    Some(i) => {
                        let (ch, sent) = &cases[i];
                        let recv_index = cases[..i].iter().filter(|c| c.1.is_none()).count();
                        let _ = recv_index;
                        if sent.is_some() {
                            (Value::Nil, true, i)
                        } else {
                            let case = engine_cases
                                .iter()
                                .find(|(j, _)| *j == i)
                                .map(|(_, c)| *c)
                                .expect("the taken case");
                            match (chosen.received(case), ch) {
                                (Some(w), Some(ch)) => (shared.value_of_wire(ch, w), true, i),
                                _ => (zeros[i].clone(), false, i),
                            }
                        }
                    }
                    None => (Value::Nil, false, cases.len()),
                };
                results.push(value);
                results.push(Value::Bool(ok));
                results.push(Value::Int(index as i64));
            }
            Pending::BlockForever { line } => block_forever(&go, line).await,
            Pending::Sleep { d, line } => go.sleep(d, line).await,
            Pending::Spawn { callee, args, line } => {
                let (role, index) = shared.spawn_role(line);
                shared.goroutines.set(shared.goroutines.get() + 1);
                let body = run_goroutine(shared.clone(), go.clone(), callee, args, index);
                go.spawn(role, index, body, line).await;
            }
            Pending::NewWaitGroup { line } => {
                let id = go.wait_group(line).await;
                let wg = WgObj::default();
                wg.id.set(Some(id));
                results.push(Value::WaitGroup(Rc::new(wg)));
            }
            Pending::WgAdd { wg, delta, line } => {
                let id = ensure_wg(&go, &wg, line).await;
                go.add(id, delta, line).await;
            }
            Pending::WgWait { wg, line } => {
                let id = ensure_wg(&go, &wg, line).await;
                go.wait(id, line).await;
            }
            Pending::Lock { mu, line } => {
                let id = match mu.id.get() {
                    Some(id) => id,
                    None => {
                        let id = go.mutex(line).await;
                        mu.id.set(Some(id));
                        id
                    }
                };
                go.lock(id, line).await;
                mu.locked.set(true);
            }
            Pending::Unlock { mu, line } => {
                if let Some(id) = mu.id.get() {
                    mu.locked.set(false);
                    go.unlock(id, line).await;
                }
            }
            Pending::Timer {
                d,
                repeat,
                wrap,
                line,
            } => {
                let id = if repeat {
                    go.ticker(d, line).await.c
                } else {
                    go.after(d, line).await
                };
                let ch = timer_chan(&shared, id);
                results.push(match wrap {
                    TimerWrap::Chan => ch,
                    TimerWrap::Struct => {
                        Ptr::to_cell(Rc::new(RefCell::new(Value::Struct(Box::new([
                            ch,
                            Value::Int(0),
                        ])))))
                    }
                });
            }
            Pending::StopTimer { ch, result, line } => {
                go.stop_ticker(gobalance_core::go::Ticker { c: ch.id }, line)
                    .await;
                if result {
                    results.push(Value::Bool(true));
                }
            }
            Pending::WithCancel {
                parent,
                timeout,
                line,
            } => {
                let ctx = go.with_cancel(line).await;
                let done = Rc::new(ChanObj {
                    id: ctx.done(),
                    cap: 0,
                    elem: Elem::Unit,
                    zero: Value::Struct(Box::new([])),
                    closed: StdCell::new(false),
                    tasks: false,
                });
                let obj = Rc::new(CtxObj {
                    ctx: Some(ctx),
                    done: Some(done),
                    err: RefCell::new(Value::Nil),
                    children: RefCell::new(Vec::new()),
                });
                let parent_err = parent
                    .as_ref()
                    .map(|p| p.err.borrow().clone())
                    .unwrap_or(Value::Nil);
                if let Some(parent) = &parent {
                    parent.children.borrow_mut().push(obj.clone());
                }
                if !parent_err.is_nil() {
                    cancel(&go, &obj, parent_err, line).await;
                } else if let Some(d) = timeout {
                    // The deadline's timer: a helper goroutine the program does not count.
                    let timer =
                        deadline_timer(go.clone(), obj.clone(), shared.deadline.clone(), d, line);
                    go.spawn(Role::Controller, 0, timer, line).await;
                }
                results.push(Value::Context(obj.clone()));
                results.push(Value::Func(Rc::new(Callable::Cancel(obj))));
            }
            Pending::Cancel { ctx, line } => cancel(&go, &ctx, shared.canceled.clone(), line).await,
            Pending::RunTask { task, line } => {
                if task < go.tasks() {
                    go.run_task(task, self.role_index, line).await;
                }
            }
            Pending::RunTaskCtx { task, ctx, line } => {
                let done = match ctx.ctx {
                    Some(c) if task < go.tasks() => {
                        go.run_task_ctx(task, self.role_index, c, line).await
                    }
                    _ => {
                        if task < go.tasks() {
                            go.run_task(task, self.role_index, line).await;
                        }
                        true
                    }
                };
                results.push(Value::Bool(done));
            }
            Pending::Cpu { d, line } => go.cpu(d, line).await,
            Pending::Yield { line } => go.sleep(Nanos(0), line).await,
        }
        if !discard {
            self.stack.extend(results);
        }
        Ok(())
    }
}

fn timer_chan(_shared: &Shared, id: Chan) -> Value {
    Value::Chan(Rc::new(ChanObj {
        id,
        cap: 1,
        elem: Elem::Other,
        zero: Value::Struct(Box::new([Value::Int(0), Value::Int(0)])),
        closed: StdCell::new(false),
        tasks: false,
    }))
}

async fn ensure_wg(go: &Go, wg: &WgObj, line: u16) -> gobalance_core::go::WaitGroup {
    match wg.id.get() {
        Some(id) => id,
        None => {
            let id = go.wait_group(line).await;
            wg.id.set(Some(id));
            id
        }
    }
}

/// Waits on a channel nobody else knows: forever, as a nil channel does.
async fn block_forever(go: &Go, line: u16) {
    let ch = go.make_chan(0, ChanRole::Quit, line).await;
    go.recv(ch, line).await;
}

/// Cancels a context and its children, each with `err` unless it already has one.
fn cancel<'a>(
    go: &'a Go,
    ctx: &'a Rc<CtxObj>,
    err: Value,
    line: u16,
) -> Pin<Box<dyn Future<Output = ()> + 'a>> {
    Box::pin(async move {
        if !ctx.err.borrow().is_nil() {
            return;
        }
        *ctx.err.borrow_mut() = err.clone();
        if let Some(done) = &ctx.done {
            done.closed.set(true);
        }
        if let Some(c) = ctx.ctx {
            go.cancel(c, line).await;
        }
        let children = ctx.children.borrow().clone();
        for child in &children {
            cancel(go, child, err.clone(), line).await;
        }
    })
}

async fn deadline_timer(go: Go, ctx: Rc<CtxObj>, deadline: Value, d: Nanos, line: u16) {
    let timer = go.after(d, line).await;
    let mut select = Select::new();
    let fired = select.recv(timer);
    if let Some(done) = &ctx.done {
        select.recv(done.id);
    }
    if go.select(select, line).await.is(fired) {
        cancel(&go, &ctx, deadline, line).await;
    } else {
        go.stop_ticker(gobalance_core::go::Ticker { c: timer }, line)
            .await;
    }
}

fn binary(op: BinOp, num: Num, x: Value, y: Value) -> Result<Value, Fault> {
    Ok(match num {
        Num::Int(kind) => {
            let (a, b) = (x.as_int(), y.as_int());
            let unsigned = kind.unsigned();
            match op {
                BinOp::Add => Value::Int(a.wrapping_add(b)),
                BinOp::Sub => Value::Int(a.wrapping_sub(b)),
                BinOp::Mul => Value::Int(a.wrapping_mul(b)),
                BinOp::Div | BinOp::Rem => {
                    if b == 0 {
                        return Err(runtime_error("integer divide by zero"));
                    }
                    let v = match (op, unsigned) {
                        (BinOp::Div, false) => a.wrapping_div(b),
                        (BinOp::Div, true) => ((a as u64) / (b as u64)) as i64,
                        (_, false) => a.wrapping_rem(b),
                        (_, true) => ((a as u64) % (b as u64)) as i64,
                    };
                    Value::Int(v)
                }
                BinOp::And => Value::Int(a & b),
                BinOp::Or => Value::Int(a | b),
                BinOp::Xor => Value::Int(a ^ b),
                BinOp::AndNot => Value::Int(a & !b),
                BinOp::Shl => {
                    if b < 0 {
                        return Err(runtime_error("negative shift amount"));
                    }
                    Value::Int(if b >= 64 { 0 } else { a.wrapping_shl(b as u32) })
                }
                BinOp::Shr => {
                    if b < 0 {
                        return Err(runtime_error("negative shift amount"));
                    }
                    Value::Int(match (unsigned, b >= 64) {
                        (true, true) => 0,
                        (true, false) => ((a as u64) >> b) as i64,
                        (false, true) => a >> 63,
                        (false, false) => a >> b,
                    })
                }
                BinOp::Lt => Value::Bool(if unsigned {
                    (a as u64) < (b as u64)
                } else {
                    a < b
                }),
                BinOp::Le => Value::Bool(if unsigned {
                    (a as u64) <= (b as u64)
                } else {
                    a <= b
                }),
                BinOp::Gt => Value::Bool(if unsigned {
                    (a as u64) > (b as u64)
                } else {
                    a > b
                }),
                BinOp::Ge => Value::Bool(if unsigned {
                    (a as u64) >= (b as u64)
                } else {
                    a >= b
                }),
            }
        }
        Num::Float => {
            let (a, b) = (x.as_float(), y.as_float());
            match op {
                BinOp::Add => Value::Float(a + b),
                BinOp::Sub => Value::Float(a - b),
                BinOp::Mul => Value::Float(a * b),
                BinOp::Div => Value::Float(a / b),
                BinOp::Lt => Value::Bool(a < b),
                BinOp::Le => Value::Bool(a <= b),
                BinOp::Gt => Value::Bool(a > b),
                BinOp::Ge => Value::Bool(a >= b),
                _ => Value::Float(f64::NAN),
            }
        }
        Num::Str => {
            let (a, b) = (x.as_str(), y.as_str());
            match op {
                BinOp::Add => {
                    let mut s = String::with_capacity(a.len() + b.len());
                    s.push_str(a);
                    s.push_str(b);
                    Value::Str(Rc::from(s))
                }
                BinOp::Lt => Value::Bool(a < b),
                BinOp::Le => Value::Bool(a <= b),
                BinOp::Gt => Value::Bool(a > b),
                BinOp::Ge => Value::Bool(a >= b),
                _ => Value::Nil,
            }
        }
    })
}

fn out_of_range(i: i64, len: usize) -> Fault {
    runtime_error(format!("index out of range [{i}] with length {len}"))
}

fn index(kind: Indexed, x: Value, i: i64) -> Result<Value, Fault> {
    match (kind, x) {
        (Indexed::Slice, Value::Slice(s)) => {
            if i < 0 || i >= s.len as i64 {
                return Err(out_of_range(i, s.len as usize));
            }
            Ok(s.get(i as usize))
        }
        (Indexed::Slice, _) => Err(out_of_range(i, 0)),
        (Indexed::Str, Value::Str(s)) => {
            match s.as_bytes().get(usize::try_from(i).unwrap_or(usize::MAX)) {
                Some(b) => Ok(Value::Int(*b as i64)),
                None => Err(out_of_range(i, s.len())),
            }
        }
        (Indexed::Array, Value::Struct(items)) => {
            match items.get(usize::try_from(i).unwrap_or(usize::MAX)) {
                Some(v) => Ok(v.clone()),
                None => Err(out_of_range(i, items.len())),
            }
        }
        (Indexed::ArrayPtr, Value::Pointer(p)) => index(Indexed::Array, p.load(), i),
        (Indexed::ArrayPtr, _) => Err(runtime_error(NIL_DEREF)),
        (_, _) => Err(out_of_range(i, 0)),
    }
}

fn elem_ptr(kind: Indexed, x: Value, i: i64) -> Result<Value, Fault> {
    match (kind, x) {
        (Indexed::Slice, Value::Slice(s)) => {
            if i < 0 || i >= s.len as i64 {
                return Err(out_of_range(i, s.len as usize));
            }
            Ok(Value::Pointer(Rc::new(Ptr {
                root: Root::Elem(s.backing.clone(), s.off + i as u32),
                path: Box::new([]),
            })))
        }
        (Indexed::ArrayPtr, Value::Pointer(p)) => {
            let len = length(&p.load());
            if i < 0 || i >= len {
                return Err(out_of_range(i, len as usize));
            }
            Ok(Value::Pointer(Rc::new(p.step(i as u32))))
        }
        (Indexed::ArrayPtr, _) => Err(runtime_error(NIL_DEREF)),
        (_, _) => Err(out_of_range(i, 0)),
    }
}

fn length(x: &Value) -> i64 {
    match x {
        Value::Str(s) => s.len() as i64,
        Value::Slice(s) => s.len as i64,
        Value::Map(m) => m.borrow().entries.len() as i64,
        Value::Struct(items) => items.len() as i64,
        _ => 0,
    }
}

fn slice_of(
    kind: Indexed,
    x: Value,
    lo: i64,
    hi: Option<i64>,
    max: Option<i64>,
) -> Result<Value, Fault> {
    match (kind, x) {
        (Indexed::Str, Value::Str(s)) => {
            let hi = hi.unwrap_or(s.len() as i64);
            if hi < 0 || hi > s.len() as i64 {
                return Err(runtime_error(format!(
                    "slice bounds out of range [:{hi}] with length {}",
                    s.len()
                )));
            }
            if lo < 0 || lo > hi {
                return Err(runtime_error(format!(
                    "slice bounds out of range [{lo}:{hi}]"
                )));
            }
            Ok(Value::Str(Rc::from(
                String::from_utf8_lossy(&s.as_bytes()[lo as usize..hi as usize]).as_ref(),
            )))
        }
        (Indexed::Slice, Value::Nil) => {
            slice_backing(Rc::new(RefCell::new(Vec::new())), 0, 0, 0, lo, hi, max)
        }
        (Indexed::Slice, Value::Slice(s)) => {
            slice_backing(s.backing.clone(), s.off, s.len, s.cap, lo, hi, max)
        }
        (Indexed::ArrayPtr, Value::Pointer(p)) => {
            // An array behind a pointer: its elements move into a shared
            // backing, and the variable keeps referring to them.
            let items = match p.load() {
                Value::Struct(items) => items.into_vec(),
                _ => Vec::new(),
            };
            let n = items.len() as u32;
            slice_backing(Rc::new(RefCell::new(items)), 0, n, n, lo, hi, max)
        }
        (_, _) => Err(runtime_error(NIL_DEREF)),
    }
}

fn slice_backing(
    backing: Backing,
    off: u32,
    len: u32,
    cap: u32,
    lo: i64,
    hi: Option<i64>,
    max: Option<i64>,
) -> Result<Value, Fault> {
    let cap_i = cap as i64;
    let max = max.unwrap_or(cap_i);
    if max < 0 || max > cap_i {
        return Err(runtime_error(format!(
            "slice bounds out of range [::{max}] with capacity {cap}"
        )));
    }
    let hi = hi.unwrap_or(len as i64);
    if hi < 0 || hi > max {
        return Err(runtime_error(format!(
            "slice bounds out of range [:{hi}] with capacity {cap}"
        )));
    }
    if lo < 0 || lo > hi {
        return Err(runtime_error(format!(
            "slice bounds out of range [{lo}:{hi}]"
        )));
    }
    Ok(Value::Slice(SliceVal {
        backing,
        off: off + lo as u32,
        len: (hi - lo) as u32,
        cap: (max - lo) as u32,
    }))
}

/// Go 1.19's `append`: in place while the capacity lasts, else a new array grown as `growslice` does.
fn append(s: Value, items: Vec<Value>, len_max: usize) -> Result<Value, Fault> {
    let (backing, off, len, cap) = match s {
        Value::Slice(s) => (Some(s.backing), s.off, s.len, s.cap),
        _ => (None, 0, 0, 0),
    };
    if items.is_empty() {
        return Ok(match backing {
            Some(backing) => Value::Slice(SliceVal {
                backing,
                off,
                len,
                cap,
            }),
            None => Value::Nil,
        });
    }
    let needed = len as usize + items.len();
    if needed > len_max {
        return Err(Fault::Fatal(format!("fatal error: runtime: out of memory (a slice of {needed} elements; the interpreter's limit is {len_max})")));
    }
    if let Some(backing) = &backing {
        if needed <= cap as usize {
            let mut b = backing.borrow_mut();
            for (i, v) in items.into_iter().enumerate() {
                b[off as usize + len as usize + i] = v;
            }
            drop(b);
            return Ok(Value::Slice(SliceVal {
                backing: backing.clone(),
                off,
                len: needed as u32,
                cap,
            }));
        }
    }
    let new_cap = grow_cap(cap as usize, needed);
    let mut new = Vec::with_capacity(new_cap);
    if let Some(backing) = &backing {
        new.extend_from_slice(&backing.borrow()[off as usize..(off + len) as usize]);
    }
    new.extend(items);
    // The elements past the length are never read before written, so any value will do.
    new.resize(new_cap, Value::Nil);
    Ok(Value::Slice(SliceVal {
        backing: Rc::new(RefCell::new(new)),
        off: 0,
        len: needed as u32,
        cap: new_cap as u32,
    }))
}

/// Go 1.19's `growslice` capacity for 8-byte elements, rounded up to its size classes.
fn grow_cap(old: usize, needed: usize) -> usize {
    let double = old * 2;
    let mut cap = if needed > double {
        needed
    } else if old < 256 {
        double
    } else {
        let mut c = old;
        while c < needed {
            c += (c + 3 * 256) / 4;
        }
        c
    };
    const CLASSES: [usize; 36] = [
        8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320,
        352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536,
    ];
    let bytes = cap * 8;
    if let Some(class) = CLASSES.iter().find(|&&c| c >= bytes) {
        cap = class / 8;
    } else {
        cap = bytes.div_ceil(8192) * 8192 / 8;
    }
    cap.max(needed)
}

fn convert(conv: Conv, v: Value) -> Value {
    match conv {
        Conv::IntToInt(kind) => Value::Int(kind.wrap(v.as_int())),
        Conv::IntToFloat { unsigned } => Value::Float(if unsigned {
            v.as_int() as u64 as f64
        } else {
            v.as_int() as f64
        }),
        Conv::FloatToInt(kind) => Value::Int(kind.wrap(if kind == IntKind::U64 {
            v.as_float() as u64 as i64
        } else {
            v.as_float() as i64
        })),
        Conv::FloatToF32 => Value::Float(v.as_float() as f32 as f64),
        Conv::IntToString => Value::Str(Rc::from(
            char::from_u32(v.as_int() as u32)
                .unwrap_or('\u{FFFD}')
                .to_string(),
        )),
        Conv::StringToBytes => Value::Slice(SliceVal::new(
            v.as_str().bytes().map(|b| Value::Int(b as i64)).collect(),
        )),
        Conv::StringToRunes => Value::Slice(SliceVal::new(
            v.as_str().chars().map(|c| Value::Int(c as i64)).collect(),
        )),
        Conv::BytesToString => {
            let bytes: Vec<u8> = match &v {
                Value::Slice(s) => s.to_vec().iter().map(|b| b.as_int() as u8).collect(),
                _ => Vec::new(),
            };
            Value::Str(Rc::from(String::from_utf8_lossy(&bytes).as_ref()))
        }
        Conv::RunesToString => {
            let s: String = match &v {
                Value::Slice(s) => s
                    .to_vec()
                    .iter()
                    .map(|r| char::from_u32(r.as_int() as u32).unwrap_or('\u{FFFD}'))
                    .collect(),
                _ => String::new(),
            };
            Value::Str(Rc::from(s))
        }
    }
}

fn decode_rune(bytes: &[u8]) -> (char, usize) {
    if bytes.is_empty() {
        return ('\u{FFFD}', 1);
    }
    for len in 1..=bytes.len().min(4) {
        if let Ok(s) = std::str::from_utf8(&bytes[..len]) {
            if let Some(c) = s.chars().next() {
                return (c, len);
            }
        }
    }
    ('\u{FFFD}', 1)
}
