//! The interpreter: a checked Go program run on gobalance's simulated runtime, its goroutines the engine's goroutines.
//!
//! A run goes in steps:
//!
//! 1. **Compile** (`compile`): each function of the checked tree becomes a
//!    list of instructions for a stack machine (`code`), its variables
//!    resolved to frame slots once, so running never looks a name up. A
//!    variable that a closure captures or whose address is taken (the
//!    checker's `captured`, and an address pass here) lives in a shared cell
//!    instead of its slot; Go 1.19's loop variables are declared once per
//!    loop, so closures in a loop share them as in Go. Constants are folded
//!    by the checker; conversions to interfaces are explicit instructions
//!    that keep the dynamic type, which fmt needs.
//! 2. **Values** (`value`): structs and arrays are owned lists of fields,
//!    so a Rust clone is Go's copy; slices, maps, channels, pointers and
//!    functions are reference counted and shared. Integers are `i64`,
//!    wrapped to their type's width after each operation.
//! 3. **Run** (`vm`): a goroutine is one async task holding a value stack
//!    and an explicit frame stack. It runs instructions synchronously, with
//!    no recursion per expression or call, until one needs the runtime
//!    (a channel operation, select, sleep, WaitGroup, Mutex, `go`, a task
//!    of the workload); only then does it await the [`Go`] handle, so the
//!    engine schedules interpreted goroutines exactly as it schedules the
//!    built-in strategies, with the same events and costs. Printing is not
//!    a runtime operation: it goes to [`Output`] with the virtual time and
//!    the goroutine that printed.
//! 4. **Channels** carry the engine's `u32`: task numbers (non-negative
//!    integers below 2^31) go through as themselves, so an interpreted
//!    strategy gives the built-in's trace; any other value travels as the
//!    top bit and an index into a side table. `//@make_tasks`,
//!    `//@spawn_worker` and the other markers of the built-in programs give
//!    channels and goroutines their roles.
//! 5. **Library** (`library`, `format`, `rand`): fmt, errors, time, sync,
//!    sync/atomic, context, runtime, math/rand (Go's generator, bit for
//!    bit), sort, strings, strconv and gobalance's `work` are Rust; those
//!    that wait hand an operation to the goroutine's loop.
//! 6. **Failures**: a panic unwinds the goroutine's frames running their
//!    deferred calls, then stops the run (a goroutine that yields without
//!    an operation makes the engine stop); Go's message is kept in
//!    [`Output`]. The engine's deadlock becomes Go's `fatal error: all
//!    goroutines are asleep - deadlock!`. A run never hangs: every
//!    instruction counts against [`RunConfig::instructions_max`], calls
//!    nest at most [`RunConfig::frames_max`] deep, and slices hold at most
//!    [`RunConfig::slice_len_max`] elements.
//!
//! Not supported (a compile error names the construct and its position):
//! generics, type assertions and switches, `goto`, method values, user
//! `String`/`Error` methods called by fmt, `work.NewLimiter`, `recover`.

mod code;
mod compile;
mod format;
mod library;
mod rand;
mod value;
mod vm;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use gobalance_core::{Event, Go, Kind, Metrics, Nanos, Outcome, Run, Scenario, SimError};

pub use compile::CompileError;

use crate::check::{Checked, Type, TypeId, TypeTable};

/// Limits and costs of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunConfig {
    /// Instructions every goroutine together may run: 100 million by
    /// default, about a second of interpretation, far beyond any lesson.
    pub instructions_max: u64,
    /// Calls nested in one goroutine.
    pub frames_max: usize,
    /// Elements of one slice (and bytes of one repeated string).
    pub slice_len_max: usize,
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            instructions_max: 100_000_000,
            frames_max: 10_000,
            slice_len_max: 1 << 24,
        }
    }
}

/// A compiled program, ready to run on any scenario.
pub struct Program {
    code: Rc<code::Code>,
    types: Rc<TypeTable>,
    canceled: value::Value,
    deadline: value::Value,
    markers: Rc<HashMap<u16, Vec<String>>>,
    work_config: Option<TypeId>,
    config: RunConfig,
}

/// Compiles a checked file of package `main`.
pub fn compile(file: &crate::ast::File, checked: &Checked) -> Result<Program, CompileError> {
    let compiled = compile::compile(file, checked)?;
    let types = compiled.types;
    let work_config = (0..types.len() as u32)
        .map(TypeId)
        .find(|&t| matches!(types.get(t), Type::Named(n) if n.name == "Config" && n.qualifier.as_deref() == Some("work")));
    Ok(Program {
        code: Rc::new(compiled.code),
        types: Rc::new(types),
        canceled: compiled.canceled,
        deadline: compiled.deadline,
        markers: Rc::new(HashMap::new()),
        work_config,
        config: RunConfig::default(),
    })
}

impl Program {
    /// Reads the `//@name` line markers of the source, which give channels
    /// and goroutines the roles the built-in programs give theirs.
    pub fn with_markers(mut self, source: &str) -> Program {
        let mut markers = HashMap::new();
        for (i, line) in source.lines().enumerate() {
            if let Some((_, tail)) = line.split_once("//@") {
                let names = tail
                    .split_whitespace()
                    .map(|m| m.trim_start_matches('@').to_string())
                    .collect();
                markers.insert(u16::try_from(i + 1).unwrap_or(u16::MAX), names);
            }
        }
        self.markers = Rc::new(markers);
        self
    }

    pub fn with_config(mut self, config: RunConfig) -> Program {
        self.config = config;
        self
    }

    /// The program's `main`, for [`gobalance_core::simulate_program`] to run on `scenario`.
    pub fn main(
        self: Rc<Self>,
        scenario: &Scenario,
        output: Rc<Output>,
    ) -> gobalance_core::MainProgram {
        let scenario = Rc::new(scenario.clone());
        Box::new(move |go: Go| {
            let shared = Rc::new(vm::Shared {
                code: self.code.clone(),
                types: self.types.clone(),
                globals: (0..self.code.globals)
                    .map(|_| Rc::new(RefCell::new(value::Value::Nil)))
                    .collect(),
                output,
                slab: RefCell::new(vm::Slab::default()),
                config: self.config,
                instructions_left: Cell::new(self.config.instructions_max),
                goroutines: Cell::new(1),
                spawns_by_line: RefCell::new(HashMap::new()),
                markers: self.markers.clone(),
                scenario,
                canceled: self.canceled.clone(),
                deadline: self.deadline.clone(),
                rand: RefCell::new(rand::GoRand::new(1)),
                work_config: self.work_config,
                started: Cell::new(Nanos::ZERO),
            });
            let entry = value::Value::Func(Rc::new(value::Callable::Go {
                func: self.code.entry,
                captures: Box::new([]),
            }));
            Box::pin(vm::run_goroutine(shared, go, entry, Vec::new(), 0))
        })
    }
}

/// A line the program printed, with when and by whom.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub at: Nanos,
    /// The engine's goroutine id (as in trace events).
    pub goroutine: u32,
    /// Events recorded before it was printed: the line shows once the
    /// trace is stepped through that many events.
    pub event: u64,
    pub text: String,
}

/// How a program ended other than by returning from `main`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ending {
    /// A panic, with the text after `panic: `.
    Panic(String),
    /// A fatal error or an interpreter limit: the lines for standard error.
    Fatal(String),
    /// `os.Exit(code)`.
    Exit(i32),
}

/// What a program prints, and how it ended.
#[derive(Debug, Default)]
pub struct Output {
    stdout: RefCell<String>,
    stderr: RefCell<String>,
    lines: RefCell<Vec<Line>>,
    /// The start of a line not ended yet: when, by whom, after how many events.
    open_line: Cell<Option<(Nanos, u32, u64)>>,
    ending: RefCell<Option<Ending>>,
    /// Where the interpreter failed the run: the goroutine and its line.
    failed_at: Cell<Option<(u32, u16)>>,
}

impl Output {
    pub fn new() -> Rc<Output> {
        Rc::new(Output::default())
    }

    pub(crate) fn print(&self, text: &str, at: Nanos, goroutine: u32, event: u64) {
        let mut stdout = self.stdout.borrow_mut();
        for piece in text.split_inclusive('\n') {
            let start = *self.open_line.get().get_or_insert((at, goroutine, event));
            self.open_line.set(Some(start));
            let line_start = stdout.rfind('\n').map_or(0, |i| i + 1);
            stdout.push_str(piece);
            if piece.ends_with('\n') {
                let text = stdout[line_start..stdout.len() - 1].to_string();
                self.lines.borrow_mut().push(Line {
                    at: start.0,
                    goroutine: start.1,
                    event: start.2,
                    text,
                });
                self.open_line.set(None);
            }
        }
    }

    pub(crate) fn eprint(&self, text: &str) {
        self.stderr.borrow_mut().push_str(text);
    }

    pub(crate) fn fail_at(&self, goroutine: u32, line: u16) {
        if self.failed_at.get().is_none() {
            self.failed_at.set(Some((goroutine, line)));
        }
    }

    pub(crate) fn end(&self, ending: Ending) {
        let mut current = self.ending.borrow_mut();
        if current.is_none() {
            *current = Some(ending);
        }
    }

    pub fn stdout(&self) -> String {
        self.stdout.borrow().clone()
    }

    /// Every line printed, in order, a last one without its newline included.
    pub fn lines(&self) -> Vec<Line> {
        let mut lines = self.lines.borrow().clone();
        if let Some((at, goroutine, event)) = self.open_line.get() {
            let stdout = self.stdout.borrow();
            let start = stdout.rfind('\n').map_or(0, |i| i + 1);
            lines.push(Line {
                at,
                goroutine,
                event,
                text: stdout[start..].to_string(),
            });
        }
        lines
    }

    pub fn ending(&self) -> Option<Ending> {
        self.ending.borrow().clone()
    }
}

/// A program's run as `go run` would report it.
#[derive(Debug)]
pub struct RunResult {
    pub stdout: String,
    /// Go's: `panic: ...`, `fatal error: ...`, or the compile errors as
    /// `main.go:L:C: message` lines.
    pub stderr: String,
    /// 0, 1 when it does not compile, 2 for a panic or a fatal error, or `os.Exit`'s.
    pub exit_status: i32,
    /// The run's metrics, when it ran to the end.
    pub metrics: Option<Metrics>,
    pub trace_hash: Option<u64>,
    pub lines: Vec<Line>,
}

/// Parses, checks, compiles and runs a source on a scenario.
pub fn run_source(src: &str, scenario: &Scenario) -> RunResult {
    run_source_with(src, scenario, RunConfig::default(), "main.go")
}

/// [`run_source`] with limits, naming the file `file_name` in compile errors.
pub fn run_source_with(
    src: &str,
    scenario: &Scenario,
    config: RunConfig,
    file_name: &str,
) -> RunResult {
    match compile_source(src, config, file_name) {
        Ok(program) => run_program(Rc::new(program), scenario, false).0,
        Err(refused) => refused,
    }
}

/// Parses, checks and compiles a source, or says why not as `go build`
/// would (exit status 1, the errors as `file_name:L:C: message` lines).
pub fn compile_source(src: &str, config: RunConfig, file_name: &str) -> Result<Program, RunResult> {
    let compile_error = |lines: Vec<String>| RunResult {
        stdout: String::new(),
        stderr: lines.iter().map(|l| format!("{file_name}:{l}\n")).collect(),
        exit_status: 1,
        metrics: None,
        trace_hash: None,
        lines: Vec::new(),
    };
    let file = crate::parse(src)
        .map_err(|errors| compile_error(errors.iter().map(|e| e.to_string()).collect()))?;
    let checked = crate::check::check(&file)
        .map_err(|errors| compile_error(errors.iter().map(|e| e.to_string()).collect()))?;
    compile(&file, &checked)
        .map(|program| program.with_markers(src).with_config(config))
        .map_err(|error| compile_error(vec![error.to_string()]))
}

/// A program's run for a viewer that steps it: what `go run` reports, and
/// every event however the run ended, up to a deadlock or a panic too.
pub struct Recording {
    /// Whether it compiled: a program that did not has no events, and its
    /// standard error holds `go build`'s errors (an exit status of 1 alone
    /// could be the program's own `os.Exit(1)`).
    pub compiled: bool,
    pub result: RunResult,
    pub events: Vec<Event>,
    /// The engine's outcome, or for a failed run one made up to its last event.
    pub outcome: Outcome,
    /// Where a failed run failed: the goroutine and its line.
    pub failed_at: Option<(u32, u16)>,
}

impl Recording {
    /// A program that did not compile: `go build`'s report, no events.
    pub fn refused(result: RunResult) -> Recording {
        Recording {
            compiled: false,
            result,
            events: Vec::new(),
            outcome: Outcome {
                end: Nanos::ZERO,
                events: 0,
                alive_at_exit: 0,
            },
            failed_at: None,
        }
    }
}

/// Runs a compiled program on a scenario, keeping every event; past
/// `events_max` events (checked every few thousand) it is stopped, and
/// its standard error says so.
pub fn record_program(
    program: Rc<Program>,
    scenario: &Scenario,
    events_max: Option<u64>,
) -> Recording {
    let output = Output::new();
    let main = program.main(scenario, output.clone());
    let events_max = events_max.unwrap_or(u64::MAX);
    let mut within = |events: u64, _| events <= events_max;
    let (ended, events) = match gobalance_core::record_program(scenario, main, Some(&mut within)) {
        Ok(recorded) => recorded,
        Err(invalid) => (Err(invalid), Vec::new()),
    };
    if matches!(ended, Err(SimError::Cancelled)) {
        output.eprint(&format!(
            "gobalance: stopped after {} events, the most a program's run keeps here; \
             `gobalance run --program main.go` runs it whole\n",
            events.len()
        ));
    }
    let failed_at = match (&ended, output.failed_at.get()) {
        (_, Some(at)) => Some(at),
        (
            Err(SimError::Panic {
                goroutine, line, ..
            }),
            None,
        ) => Some((*goroutine, *line)),
        _ => None,
    };
    let outcome = match &ended {
        Ok(outcome) => *outcome,
        Err(_) => outcome_up_to(&events),
    };
    let (stderr, exit_status) = report(&ended, output.ending());
    let result = RunResult {
        stdout: output.stdout(),
        stderr: output.stderr.borrow().clone() + &stderr,
        exit_status,
        metrics: None,
        trace_hash: None,
        lines: output.lines(),
    };
    Recording {
        compiled: true,
        result,
        events,
        outcome,
        failed_at,
    }
}

/// The outcome of a run stopped after `events`: its time, and the
/// goroutines that had not exited.
fn outcome_up_to(events: &[Event]) -> Outcome {
    // Every goroutine spawned (main's spawn included), less those that exited.
    let mut alive = std::collections::HashSet::new();
    for e in events {
        match e.kind() {
            Kind::Spawn => {
                alive.insert(e.g);
            }
            Kind::Exit => {
                alive.remove(&e.g);
            }
            _ => {}
        }
    }
    Outcome {
        end: events.last().map_or(Nanos::ZERO, Event::t),
        events: events.len() as u64,
        alive_at_exit: alive.len() as u32,
    }
}

/// What `go run` writes on standard error and its exit status, for a run
/// that ended as `ended` and an interpreter ending.
fn report(ended: &Result<Outcome, SimError>, ending: Option<Ending>) -> (String, i32) {
    match (ended, ending) {
        (_, Some(Ending::Exit(code))) => (String::new(), code),
        (_, Some(Ending::Panic(message))) => (format!("panic: {message}\n"), 2),
        (_, Some(Ending::Fatal(text))) => (format!("{text}\n"), 2),
        (Ok(_), None) => (String::new(), 0),
        (Err(SimError::Deadlock { .. }), None) => (
            "fatal error: all goroutines are asleep - deadlock!\n".into(),
            2,
        ),
        (Err(SimError::Panic { message, .. }), None) if message.starts_with("sync: unlock") => {
            (format!("fatal error: {message}\n"), 2)
        }
        (Err(SimError::Panic { message, .. }), None) => (format!("panic: {message}\n"), 2),
        // Stopped at a limit its caller set, which has said why.
        (Err(SimError::Cancelled), None) => (String::new(), 2),
        (Err(other), None) => (format!("gobalance: {other}\n"), 2),
    }
}

/// Runs a compiled program; the [`Run`] (with its events when `record`) when it ran to the end.
pub fn run_program(
    program: Rc<Program>,
    scenario: &Scenario,
    record: bool,
) -> (RunResult, Option<Run>) {
    let output = Output::new();
    let main = program.main(scenario, output.clone());
    let outcome = gobalance_core::simulate_program(scenario, main, record, None);
    let ended = outcome
        .as_ref()
        .map(|run| run.outcome)
        .map_err(Clone::clone);
    let (stderr, exit_status) = report(&ended, output.ending());
    let run = outcome.ok().filter(|_| output.ending().is_none());
    let stderr = output.stderr.borrow().clone() + &stderr;
    let result = RunResult {
        stdout: output.stdout(),
        stderr,
        exit_status,
        metrics: run.as_ref().map(|r| r.metrics.clone()),
        trace_hash: run.as_ref().map(|r| r.trace_hash),
        lines: output.lines(),
    };
    (result, run)
}
