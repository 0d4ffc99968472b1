//! A scenario: everything that reproduces one run (strategy and parameters, workload, machine, seed).

use crate::time::Nanos;
use serde::Serialize;
use std::fmt;

/// The strategies, in the order lessons introduce them. This is the one
/// registry of strategies: every `match` on it is exhaustive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Strategy {
    Unbounded,
    Pool,
    Static,
    Steal,
    Dynamic,
    Fanout,
    RateLimit,
    Semaphore,
    Leak,
}

impl Strategy {
    pub const ALL: [Strategy; 9] = [
        Strategy::Unbounded,
        Strategy::Pool,
        Strategy::Static,
        Strategy::Steal,
        Strategy::Dynamic,
        Strategy::Fanout,
        Strategy::RateLimit,
        Strategy::Semaphore,
        Strategy::Leak,
    ];

    /// The word used in links: `strategy=pool`.
    pub fn key(self) -> &'static str {
        match self {
            Strategy::Unbounded => "unbounded",
            Strategy::Pool => "pool",
            Strategy::Static => "static",
            Strategy::Steal => "steal",
            Strategy::Dynamic => "dynamic",
            Strategy::Fanout => "fanout",
            Strategy::RateLimit => "ratelimit",
            Strategy::Semaphore => "semaphore",
            Strategy::Leak => "leak",
        }
    }

    pub fn from_key(key: &str) -> Option<Strategy> {
        Strategy::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The parameter that sets how many workers the program runs, or None
    /// when it has none: the unbounded program starts a goroutine per task
    /// and the leak program a producer per task.
    pub fn worker_count(self) -> Option<WorkerCount> {
        match self {
            Strategy::Pool
            | Strategy::Static
            | Strategy::Steal
            | Strategy::Fanout
            | Strategy::RateLimit
            | Strategy::Semaphore => Some(WorkerCount::Workers),
            // Dynamic scaling grows up to its ceiling: that is its worker count.
            Strategy::Dynamic => Some(WorkerCount::MaxWorkers),
            Strategy::Unbounded | Strategy::Leak => None,
        }
    }

    /// Whether the program starts a goroutine for every task: the
    /// unbounded and semaphore programs a worker, the leak program a
    /// producer.
    pub fn goroutine_per_task(self) -> bool {
        matches!(
            self,
            Strategy::Unbounded | Strategy::Semaphore | Strategy::Leak
        )
    }

    /// The parameter a worker-count sweep varies: the program's
    /// [`worker_count`](Strategy::worker_count), else `workers`, which such a
    /// program ignores (every point of its sweep runs the same program).
    pub fn swept_count(self) -> WorkerCount {
        self.worker_count().unwrap_or(WorkerCount::Workers)
    }

    /// Whether the program's behaviour depends on `workers` (a sweep over it means something).
    pub fn reads_workers(self) -> bool {
        self.worker_count() == Some(WorkerCount::Workers)
    }

    /// A human title for menus and reports.
    pub fn title(self) -> &'static str {
        match self {
            Strategy::Unbounded => "Unbounded goroutines",
            Strategy::Pool => "Worker pool",
            Strategy::Static => "Static partition",
            Strategy::Steal => "Work stealing",
            Strategy::Dynamic => "Dynamic scaling",
            Strategy::Fanout => "Fan-out / fan-in",
            Strategy::RateLimit => "Rate-limited pool",
            Strategy::Semaphore => "Semaphore-bounded",
            Strategy::Leak => "Leak and cancellation",
        }
    }
}

/// A parameter that sets how many workers a program runs: the one a
/// worker-count sweep varies, read and written on a [`Scenario`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkerCount {
    /// `workers`: the pool, static, steal, fanout and ratelimit workers; the semaphore's capacity.
    Workers,
    /// `max_workers`: the ceiling dynamic scaling grows up to.
    MaxWorkers,
}

impl WorkerCount {
    /// The key in a link, and the page's name for the swept parameter.
    pub fn key(self) -> &'static str {
        match self {
            WorkerCount::Workers => "workers",
            WorkerCount::MaxWorkers => "max_workers",
        }
    }

    pub fn get(self, scenario: &Scenario) -> u32 {
        match self {
            WorkerCount::Workers => scenario.params.workers,
            WorkerCount::MaxWorkers => scenario.params.max_workers,
        }
    }

    /// Sets the count; a ceiling below `min_workers` lowers it too, so the scenario stays valid.
    pub fn set(self, scenario: &mut Scenario, count: u32) {
        let params = &mut scenario.params;
        match self {
            WorkerCount::Workers => params.workers = count,
            WorkerCount::MaxWorkers => {
                params.max_workers = count;
                params.min_workers = params.min_workers.min(count);
            }
        }
    }
}

/// How task durations are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dist {
    /// Every task takes `dur`.
    Fixed,
    /// Uniform on `[0, 2·dur]`, so the mean is `dur`.
    Uniform,
    /// Exponential with mean `dur`.
    Exponential,
    /// Pareto (heavy-tailed) with shape `alpha` and mean `dur`.
    Pareto,
    /// `dur`, or `dur × long_factor` with probability `long_share`.
    Bimodal,
    /// The explicit `durations` list, repeated cyclically.
    List,
}

impl Dist {
    pub const ALL: [Dist; 6] = [
        Dist::Fixed,
        Dist::Uniform,
        Dist::Exponential,
        Dist::Pareto,
        Dist::Bimodal,
        Dist::List,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Dist::Fixed => "fixed",
            Dist::Uniform => "uniform",
            Dist::Exponential => "exp",
            Dist::Pareto => "pareto",
            Dist::Bimodal => "bimodal",
            Dist::List => "list",
        }
    }

    pub fn from_key(key: &str) -> Option<Dist> {
        Dist::ALL.into_iter().find(|d| d.key() == key)
    }
}

/// How the rate-limited pool paces its workers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Limiter {
    /// A shared `time.Ticker`: one tick per period, a buffer of one, extra ticks dropped.
    Ticker,
    /// A `golang.org/x/time/rate` token bucket: `rate` per second, `burst` deep, starts full.
    Bucket,
    /// `time.Tick`: the same ticks as `Ticker`, but nothing can stop it, so it
    /// outlives the work (a leak before Go 1.23 collected unreferenced tickers).
    Tick,
}

impl Limiter {
    pub const ALL: [Limiter; 3] = [Limiter::Ticker, Limiter::Bucket, Limiter::Tick];
}

/// How much an idle worker takes from a victim's deque.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StealAmount {
    One,
    Half,
}

/// How the unbounded program's `main` waits for its goroutines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MainWait {
    /// `wg.Wait()`: returns exactly when the last goroutine is done.
    WaitGroup,
    /// Returns at once: the program ends and unfinished work is lost.
    Nothing,
    /// `time.Sleep(d)`: a guess, too long (wasted time) or too short (lost work).
    Sleep(Nanos),
}

/// What the external resource does past its connection limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Overload {
    /// Callers wait for a free connection (a `database/sql` pool with `MaxOpenConns`).
    Queue,
    /// Every call slows down in proportion to the overload (shared capacity).
    Slow,
    /// Calls past the limit fail at once ("too many connections").
    Fail,
}

/// An external resource, such as a database, that every task's waiting part calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Resource {
    pub conns: u32,
    pub overload: Overload,
}

/// Strategy parameters. Each strategy reads the ones it documents; the rest are ignored.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Params {
    /// Workers of the pool, static, steal, fanout and ratelimit strategies;
    /// the semaphore's capacity. (The leak program starts one producer per task.)
    pub workers: u32,
    /// Dynamic scaling: workers at the start and the floor it retires down to.
    pub min_workers: u32,
    /// Dynamic scaling: the ceiling it adds workers up to.
    pub max_workers: u32,
    /// Dynamic scaling: how often the controller samples the backlog.
    pub sample_interval: Nanos,
    /// Rate-limited pool: tasks started per second.
    pub rate_per_s: u32,
    /// Rate-limited pool: token bucket depth.
    pub burst: u32,
    pub limiter: Limiter,
    pub steal: StealAmount,
    /// Buffer of the tasks channel (0 = unbuffered).
    pub tasks_buffer: u32,
    /// Buffer of the results channel (0 = unbuffered).
    pub results_buffer: u32,
    /// Fan-in: restore the input order of results.
    pub ordered: bool,
    /// Leak program: the consumer stops after this many results.
    pub cancel_after: u32,
    /// Leak program: producers also select on `ctx.Done()`, so cancelling frees them.
    pub with_context: bool,
    /// Unbounded program: how `main` waits before it returns.
    pub main_wait: MainWait,
}

/// The tasks to run.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Workload {
    pub tasks: u32,
    pub dist: Dist,
    /// The fixed or mean duration (for bimodal: the short one).
    pub dur: Nanos,
    /// The explicit durations of `Dist::List`, repeated cyclically.
    pub durations: Vec<Nanos>,
    /// Pareto shape in thousandths (`1500` is α = 1.5); must exceed 1000 for a finite mean.
    pub alpha_milli: u32,
    /// Bimodal: the share of long tasks, in thousandths.
    pub long_share_permille: u32,
    /// Bimodal: how many times longer a long task is.
    pub long_factor: u32,
    /// The share of each task that needs a processor, in thousandths; the rest waits (I/O).
    pub cpu_permille: u32,
    /// Memory a task holds while it runs.
    pub mem_per_task_bytes: u64,
}

impl Workload {
    /// The part of a task of duration `d` that computes (needs a processor);
    /// the rest waits. Split before multiplying so an hour-long task cannot overflow.
    pub fn cpu_part(&self, d: Nanos) -> Nanos {
        let permille = u64::from(self.cpu_permille);
        Nanos(d.0 / 1000 * permille + d.0 % 1000 * permille / 1000)
    }
}

/// Runtime costs, each a small documented time. Defaults are the order of
/// magnitude Go's own runtime benchmarks report on a current x86-64 core:
/// `BenchmarkCreateGoroutines` (spawn), `BenchmarkChanSync` and
/// `BenchmarkChanUncontended` (channel operations), `BenchmarkContextSwitch`-style
/// ping-pong measurements (switch), and sysmon's `forcePreemptNS` (slice).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Costs {
    pub spawn: Nanos,
    pub switch: Nanos,
    pub chan_op: Nanos,
    /// A mutex lock/unlock pair, a WaitGroup or atomic operation.
    pub sync_op: Nanos,
    /// Preemption: sysmon stops a goroutine whose turn on a P has lasted this
    /// long, at its next look (Go's `forcePreemptNS`, 10 ms; see `runtime/sysmon.rs`).
    pub slice: Nanos,
    /// A learner's program only: what each of its interpreted instructions
    /// costs, charged as computing before its next runtime operation. The
    /// built-in programs have no instructions of their own, so it changes
    /// nothing for them; 0 by default, as their statements are free.
    pub statement: Nanos,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Machine {
    /// GOMAXPROCS: the number of processors (Ps).
    pub cores: u32,
    pub costs: Costs,
    /// Stack held by each live goroutine (Go starts at 2 KB).
    pub stack_bytes: u64,
    pub resource: Option<Resource>,
}

/// Everything that reproduces a run.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Scenario {
    pub strategy: Strategy,
    pub params: Params,
    pub workload: Workload,
    pub machine: Machine,
    pub seed: u64,
}

impl Default for Costs {
    fn default() -> Costs {
        Costs {
            spawn: Nanos(300),
            switch: Nanos(200),
            chan_op: Nanos(100),
            sync_op: Nanos(25),
            slice: Nanos::from_ms(10),
            statement: Nanos::ZERO,
        }
    }
}

impl Default for Scenario {
    fn default() -> Scenario {
        Scenario {
            strategy: Strategy::Pool,
            params: Params {
                workers: 4,
                min_workers: 1,
                max_workers: 16,
                sample_interval: Nanos::from_ms(50),
                rate_per_s: 10,
                burst: 1,
                limiter: Limiter::Ticker,
                steal: StealAmount::Half,
                tasks_buffer: 0,
                results_buffer: 0,
                ordered: false,
                cancel_after: 1,
                with_context: false,
                main_wait: MainWait::WaitGroup,
            },
            workload: Workload {
                tasks: 20,
                dist: Dist::Fixed,
                dur: Nanos::from_ms(100),
                durations: Vec::new(),
                alpha_milli: 1500,
                long_share_permille: 100,
                long_factor: 10,
                cpu_permille: 0,
                mem_per_task_bytes: 0,
            },
            machine: Machine {
                cores: 4,
                costs: Costs::default(),
                stack_bytes: 2048,
                resource: None,
            },
            seed: 1,
        }
    }
}

/// A value that is out of range: names the field, what was given and what is allowed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub given: String,
    pub allowed: String,
}

impl FieldError {
    pub fn new(
        field: impl Into<String>,
        given: impl fmt::Display,
        allowed: impl Into<String>,
    ) -> FieldError {
        FieldError {
            field: field.into(),
            given: given.to_string(),
            allowed: allowed.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: got `{}`, allowed: {}",
            self.field, self.given, self.allowed
        )
    }
}

/// Bounds that keep every scenario finite in memory and time: past them a
/// scenario is refused with a [`FieldError`] before it runs, or the run stops
/// with [`crate::SimError`] instead of hanging.
pub mod limits {
    use crate::time::Nanos;
    pub const TASKS_MAX: u32 = 5_000_000;
    pub const WORKERS_MAX: u32 = 100_000;
    pub const CORES_MAX: u32 = 256;
    pub const DURATION_MAX: Nanos = Nanos::from_secs(3600);
    pub const DURATIONS_LEN_MAX: usize = 10_000;
    pub const MEM_PER_TASK_MAX: u64 = 1 << 34;
    pub const RATE_MAX: u32 = 1_000_000_000;
    pub const COST_MAX: Nanos = Nanos::from_ms(100);
    /// Live goroutines at once (a million goroutines of 2 KB is already 2 GB in Go).
    pub const GOROUTINES_MAX: u32 = 5_100_000;
    /// Events in one run whose trace is not kept (metrics only).
    pub const EVENTS_MAX: u64 = 1_000_000_000;
    /// Events in one run whose trace is kept: 24 bytes each, so 1.2 GB at most.
    pub const RECORDED_EVENTS_MAX: u64 = 50_000_000;
    /// Virtual time one run may span.
    pub const VIRTUAL_TIME_MAX: Nanos = Nanos::from_secs(7 * 24 * 3600);
}

impl Scenario {
    /// Every out-of-range field, reported together.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        use limits::*;
        let mut errors = Vec::new();
        let mut range = |field: &str, given: u64, lo: u64, hi: u64| {
            if given < lo || given > hi {
                errors.push(FieldError::new(field, given, format!("{lo} to {hi}")));
            }
        };
        let p = &self.params;
        let w = &self.workload;
        let m = &self.machine;
        range("tasks", w.tasks.into(), 1, TASKS_MAX.into());
        range("workers", p.workers.into(), 1, WORKERS_MAX.into());
        range("min_workers", p.min_workers.into(), 1, WORKERS_MAX.into());
        range("max_workers", p.max_workers.into(), 1, WORKERS_MAX.into());
        range("cores", m.cores.into(), 1, CORES_MAX.into());
        range("rate", p.rate_per_s.into(), 1, RATE_MAX.into());
        range("burst", p.burst.into(), 1, WORKERS_MAX.into());
        range("tasks_buffer", p.tasks_buffer.into(), 0, TASKS_MAX.into());
        range(
            "results_buffer",
            p.results_buffer.into(),
            0,
            TASKS_MAX.into(),
        );
        range("cancel_after", p.cancel_after.into(), 0, TASKS_MAX.into());
        range("cpu", w.cpu_permille.into(), 0, 1000);
        range("mem", w.mem_per_task_bytes, 0, MEM_PER_TASK_MAX);
        range("dur", w.dur.0, 0, DURATION_MAX.0);
        range(
            "interval",
            p.sample_interval.0,
            Nanos::from_us(100).0,
            DURATION_MAX.0,
        );
        range("alpha", w.alpha_milli.into(), 1001, 10_000);
        range("long_share", w.long_share_permille.into(), 0, 1000);
        range("long_factor", w.long_factor.into(), 1, 10_000);
        range("stack", m.stack_bytes, 0, 1 << 30);
        for (field, cost) in [
            ("spawn_cost", m.costs.spawn),
            ("switch_cost", m.costs.switch),
            ("chan_cost", m.costs.chan_op),
            ("sync_cost", m.costs.sync_op),
            ("stmt_cost", m.costs.statement),
        ] {
            range(field, cost.0, 0, COST_MAX.0);
        }
        range(
            "slice",
            m.costs.slice.0,
            Nanos::from_us(10).0,
            Nanos::from_secs(10).0,
        );
        if let Some(r) = m.resource {
            range("db", r.conns.into(), 1, WORKERS_MAX.into());
        }
        if p.min_workers > p.max_workers {
            errors.push(FieldError::new(
                "min_workers",
                p.min_workers,
                format!("at most max_workers ({})", p.max_workers),
            ));
        }
        if w.dist == Dist::List {
            if w.durations.is_empty() || w.durations.len() > DURATIONS_LEN_MAX {
                errors.push(FieldError::new(
                    "durations",
                    format!("{} values", w.durations.len()),
                    format!("1 to {DURATIONS_LEN_MAX} durations when dist=list"),
                ));
            }
            for d in &w.durations {
                if *d > DURATION_MAX {
                    errors.push(FieldError::new(
                        "durations",
                        d,
                        format!("each at most {DURATION_MAX}"),
                    ));
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}
