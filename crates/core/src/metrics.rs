//! Metrics folded from a run's events: makespan against its lower bound, per-worker and per-P load, latency percentiles, counters over time.

use crate::live::LiveTable;
use crate::runtime::{Sink, MAIN};
use crate::scenario::{Scenario, Workload};
use crate::time::Nanos;
use crate::trace::{Event, Kind, NONE};
use crate::vocabulary::BlockOn;

/// Counters at one moment: their value at the end of the sample's bucket.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sample {
    pub t: Nanos,
    pub queue_depth: u32,
    pub goroutines: u32,
    pub memory_bytes: u64,
}

/// Counters over time in at most [`Series::POINTS_MAX`] buckets: when full,
/// the bucket width doubles and neighbours merge, so any run length fits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    pub bucket: Nanos,
    pub points: Vec<Sample>,
    /// The span of the last point's bucket, kept so that most samples, which
    /// land in it, merge without a division.
    last_span: std::ops::Range<u64>,
}

impl Series {
    pub const POINTS_MAX: usize = 2048;

    fn new() -> Series {
        Series {
            bucket: Nanos::from_us(1),
            points: Vec::new(),
            last_span: 0..0,
        }
    }

    fn span_of(t: Nanos, width: Nanos) -> std::ops::Range<u64> {
        let start = t.0 / width.0 * width.0;
        start..start.saturating_add(width.0)
    }

    fn record(&mut self, s: Sample) {
        let bucket_of = |t: Nanos, width: Nanos| t.0 / width.0;
        match self.points.last_mut() {
            Some(last) if self.last_span.contains(&s.t.0) => merge_into(last, &s),
            _ => {
                self.last_span = Self::span_of(s.t, self.bucket);
                self.points.push(s);
            }
        }
        if self.points.len() > Self::POINTS_MAX {
            self.bucket = Nanos(self.bucket.0 * 2);
            let width = self.bucket;
            let mut merged: Vec<Sample> = Vec::with_capacity(Self::POINTS_MAX);
            for p in self.points.drain(..) {
                match merged.last_mut() {
                    Some(last) if bucket_of(last.t, width) == bucket_of(p.t, width) => {
                        merge_into(last, &p)
                    }
                    _ => merged.push(p),
                }
            }
            self.points = merged;
            if let Some(last) = self.points.last() {
                self.last_span = Self::span_of(last.t, width);
            }
        }
    }
}

/// A bucket keeps its last value (sample and hold), so the line ends where the
/// run ended; the peaks are reported separately in [`Metrics`].
fn merge_into(into: &mut Sample, s: &Sample) {
    *into = Sample { t: into.t, ..*s };
}

/// What a run measured. Integers only; ratios are computed on demand. Not
/// serialized here: the command line's `RunReport` is its one JSON form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Metrics {
    /// When `main` returned.
    pub makespan: Nanos,
    /// No schedule can beat this: the larger of total CPU / cores and the
    /// longest task, over the tasks that completed (work that was refused,
    /// cancelled or cut off was never done, so it cannot bound the time).
    pub lower_bound: Nanos,
    pub total_cpu: Nanos,
    pub longest_task: Nanos,
    pub tasks_done: u32,
    /// Tasks the external resource refused, or that were cancelled.
    pub tasks_failed: u32,
    /// Tasks each worker finished (completed or failed), by worker index.
    pub per_worker_tasks: Vec<u32>,
    /// Time each worker spent inside tasks, by worker index.
    pub per_worker_busy: Vec<Nanos>,
    /// Time each P had a goroutine on it (context switches included).
    pub per_p_busy: Vec<Nanos>,
    /// Task completion time, counted from the start of the run, nearest-rank
    /// percentiles. Every program here is a batch that has all its tasks at
    /// once, so the start of the run is when each task was asked for; timing
    /// from when a producer got round to sending it would hide the wait in
    /// front of an unbuffered channel and make strategies incomparable.
    pub latency_p50: Nanos,
    pub latency_p95: Nanos,
    pub latency_p99: Nanos,
    /// The most goroutines alive at once, `main` not counted.
    pub peak_goroutines: u32,
    /// Stacks of live goroutines plus the memory of tasks in flight, at its peak.
    pub peak_memory_bytes: u64,
    pub peak_queue_depth: u32,
    /// Steal operations of the work-stealing strategy, and the tasks they moved.
    pub steals: u32,
    pub stolen_tasks: u32,
    /// Goroutines Go's own scheduler moved between Ps.
    pub runtime_steals: u32,
    pub preemptions: u32,
    /// Goroutines blocked forever when `main` returned: on a channel, select,
    /// WaitGroup or mutex that no goroutine will ever release.
    pub leaked: u32,
    /// Goroutines not stuck but with work unfinished when `main` returned: in
    /// the middle of a task, or not yet at their first. Their work is lost.
    /// (One whose task had ended and that was only returning is neither.)
    pub cut_off: u32,
    /// Tickers still running when `main` returned (`time.Tick`, or a ticker never stopped).
    pub leaked_tickers: u32,
    /// Results handed on after one with a higher task number: the disorder a
    /// fan-in leaves unless it reorders.
    pub out_of_order: u32,
    /// The most results a reordering fan-in held back at once.
    pub peak_reorder_buffer: u32,
    pub events: u64,
    pub series: Series,
}

impl Metrics {
    /// Lower bound over makespan: 1.0 is a perfect schedule.
    pub fn efficiency(&self) -> f64 {
        if self.makespan == Nanos::ZERO {
            return 1.0;
        }
        self.lower_bound.0 as f64 / self.makespan.0 as f64
    }

    pub fn throughput_per_s(&self) -> f64 {
        if self.makespan == Nanos::ZERO {
            return 0.0;
        }
        f64::from(self.tasks_done) * 1e9 / self.makespan.0 as f64
    }

    /// Each P's busy share of the makespan, in thousandths.
    pub fn per_p_utilization_permille(&self) -> Vec<u32> {
        self.per_p_busy
            .iter()
            .map(|b| {
                (b.0 * 1000)
                    .checked_div(self.makespan.0)
                    .unwrap_or(0)
                    .min(1000) as u32
            })
            .collect()
    }
}

/// Where a goroutine is in its work, to tell lost work from a goroutine that
/// was only returning. A goroutine runs one task at a time, start to end, so
/// the task's start and worker are kept here rather than per task.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Work {
    NotStarted,
    InTask { since: Nanos, worker: u32 },
    BetweenTasks,
}

/// What the fold follows of a goroutine while it lives.
#[derive(Clone, Copy)]
struct Followed {
    /// The P it runs on, or NONE.
    on_p: u32,
    work: Work,
}

/// Folds events into [`Metrics`], online during a run or over a recorded trace.
pub struct MetricsFold {
    durations: std::sync::Arc<[Nanos]>,
    workload: Workload,
    strategy: crate::Strategy,
    stack_bytes: u64,
    mem_per_task_bytes: u64,
    total_cpu: Nanos,
    longest_task: Nanos,
    cores: u32,
    latencies: Vec<Nanos>,
    /// Each live goroutine's P and work.
    followed: LiveTable<Followed>,
    p_since: Vec<Nanos>,
    per_p_busy: Vec<Nanos>,
    per_worker_tasks: Vec<u32>,
    per_worker_busy: Vec<Nanos>,
    goroutines: u32,
    in_flight: u32,
    queue_depth: u32,
    peak_goroutines: u32,
    peak_memory_bytes: u64,
    peak_queue_depth: u32,
    tasks_done: u32,
    tasks_failed: u32,
    steals: u32,
    stolen_tasks: u32,
    runtime_steals: u32,
    preemptions: u32,
    leaked: u32,
    cut_off: u32,
    leaked_tickers: u32,
    out_of_order: u32,
    peak_reorder_buffer: u32,
    /// The highest result handed on so far, plus one (0: none yet).
    delivered_max: u32,
    events: u64,
    end: Nanos,
    series: Series,
}

impl MetricsFold {
    pub fn new(scenario: &Scenario, durations: &[Nanos]) -> MetricsFold {
        MetricsFold::sharing(scenario, durations.into())
    }

    /// [`MetricsFold::new`] without copying the durations.
    pub fn sharing(scenario: &Scenario, durations: std::sync::Arc<[Nanos]>) -> MetricsFold {
        let cores = scenario.machine.cores;
        let n = durations.len();
        MetricsFold {
            stack_bytes: scenario.machine.stack_bytes,
            mem_per_task_bytes: scenario.workload.mem_per_task_bytes,
            durations,
            workload: scenario.workload.clone(),
            strategy: scenario.strategy,
            total_cpu: Nanos::ZERO,
            longest_task: Nanos::ZERO,
            cores,
            latencies: Vec::with_capacity(n),
            followed: LiveTable::default(),
            p_since: vec![Nanos::ZERO; cores as usize],
            per_p_busy: vec![Nanos::ZERO; cores as usize],
            per_worker_tasks: Vec::new(),
            per_worker_busy: Vec::new(),
            goroutines: 0,
            in_flight: 0,
            queue_depth: 0,
            peak_goroutines: 0,
            peak_memory_bytes: 0,
            peak_queue_depth: 0,
            tasks_done: 0,
            tasks_failed: 0,
            steals: 0,
            stolen_tasks: 0,
            runtime_steals: 0,
            preemptions: 0,
            leaked: 0,
            cut_off: 0,
            leaked_tickers: 0,
            out_of_order: 0,
            peak_reorder_buffer: 0,
            delivered_max: 0,
            events: 0,
            end: Nanos::ZERO,
            series: Series::new(),
        }
    }

    fn off_p(&mut self, g: u32, t: Nanos) {
        if let Some(followed) = self.followed.get_mut(g) {
            if followed.on_p != NONE {
                let p = std::mem::replace(&mut followed.on_p, NONE) as usize;
                self.per_p_busy[p] += t - self.p_since[p];
            }
        }
    }

    fn sample(&mut self, t: Nanos) {
        // main's stack counts as memory, though main is not counted as a goroutine of the strategy.
        let memory = u64::from(self.goroutines + 1) * self.stack_bytes
            + u64::from(self.in_flight) * self.mem_per_task_bytes;
        self.peak_memory_bytes = self.peak_memory_bytes.max(memory);
        self.peak_goroutines = self.peak_goroutines.max(self.goroutines);
        self.peak_queue_depth = self.peak_queue_depth.max(self.queue_depth);
        self.series.record(Sample {
            t,
            queue_depth: self.queue_depth,
            goroutines: self.goroutines,
            memory_bytes: memory,
        });
    }

    /// What the run will hold besides its timeline ([`crate::RunMemory`]),
    /// as far as can be told so far: a timeline that cannot fit beside a
    /// goroutine-a-task program's ids is given up at once, not after it
    /// has grown.
    pub fn run_memory_bytes(&self) -> usize {
        let tasks = self.workload.tasks;
        let ids = crate::RunMemory::ids(self.strategy, tasks, self.followed.ids_given());
        crate::RunMemory::bytes(tasks, ids, self.peak_goroutines + 1)
    }

    pub fn finish(mut self) -> Metrics {
        let end = self.end;
        let alive: Vec<u32> = self.followed.ids().collect();
        for g in alive {
            self.off_p(g, end);
        }
        self.latencies.sort_unstable();
        let pct = |p: usize| -> Nanos {
            let n = self.latencies.len();
            if n == 0 {
                return Nanos::ZERO;
            }
            self.latencies[((p * n).div_ceil(100)).clamp(1, n) - 1]
        };
        let total_cpu = self.total_cpu;
        let lower_bound =
            Nanos(total_cpu.0.div_ceil(u64::from(self.cores.max(1)))).max(self.longest_task);
        Metrics {
            makespan: end,
            lower_bound,
            total_cpu,
            longest_task: self.longest_task,
            tasks_done: self.tasks_done,
            tasks_failed: self.tasks_failed,
            latency_p50: pct(50),
            latency_p95: pct(95),
            latency_p99: pct(99),
            per_worker_tasks: self.per_worker_tasks,
            per_worker_busy: self.per_worker_busy,
            per_p_busy: self.per_p_busy,
            peak_goroutines: self.peak_goroutines,
            peak_memory_bytes: self.peak_memory_bytes,
            peak_queue_depth: self.peak_queue_depth,
            steals: self.steals,
            stolen_tasks: self.stolen_tasks,
            runtime_steals: self.runtime_steals,
            preemptions: self.preemptions,
            leaked: self.leaked,
            cut_off: self.cut_off,
            leaked_tickers: self.leaked_tickers,
            out_of_order: self.out_of_order,
            peak_reorder_buffer: self.peak_reorder_buffer,
            events: self.events,
            series: self.series,
        }
    }
}

impl Sink for MetricsFold {
    fn event(&mut self, e: &Event) {
        self.events += 1;
        self.end = e.t();
        let g = e.g;
        match e.kind() {
            Kind::Spawn => {
                self.followed.insert(
                    g,
                    Followed {
                        on_p: NONE,
                        work: Work::NotStarted,
                    },
                );
                if e.g != MAIN {
                    self.goroutines += 1;
                    self.sample(e.t());
                }
            }
            Kind::Run => {
                if let Some(followed) = self.followed.get_mut(g) {
                    followed.on_p = e.a;
                }
                self.p_since[e.a as usize] = e.t();
            }
            Kind::Block | Kind::Preempt | Kind::Exit | Kind::Leaked => {
                self.off_p(e.g, e.t());
                match e.kind() {
                    Kind::Preempt => self.preemptions += 1,
                    Kind::Leaked => {
                        match (BlockOn::from_u32(e.a), self.followed.get(g).map(|f| f.work)) {
                            (Some(on), _) if on.needs_another_goroutine() => self.leaked += 1,
                            (_, Some(Work::NotStarted | Work::InTask { .. })) => self.cut_off += 1,
                            (_, Some(Work::BetweenTasks) | None) => {}
                        }
                    }
                    Kind::Exit => {
                        self.followed.remove(g);
                        if g != MAIN {
                            self.goroutines -= 1;
                            self.sample(e.t());
                        }
                    }
                    _ => {}
                }
            }
            Kind::TaskQueued => {
                self.queue_depth += 1;
                self.sample(e.t());
            }
            Kind::TaskStart => {
                let (task, worker) = (e.a as usize, e.b as usize);
                if let (true, Some(followed)) =
                    (task < self.durations.len(), self.followed.get_mut(g))
                {
                    followed.work = Work::InTask {
                        since: e.t(),
                        worker: e.b,
                    };
                    self.queue_depth = self.queue_depth.saturating_sub(1);
                    self.in_flight += 1;
                    if self.per_worker_tasks.len() <= worker {
                        self.per_worker_tasks.resize(worker + 1, 0);
                        self.per_worker_busy.resize(worker + 1, Nanos::ZERO);
                    }
                    self.sample(e.t());
                }
            }
            Kind::TaskEnd => {
                let task = e.a as usize;
                let ended = match self.followed.get_mut(g) {
                    Some(followed) if task < self.durations.len() => match followed.work {
                        Work::InTask { since, worker } => {
                            followed.work = Work::BetweenTasks;
                            Some((since, worker as usize))
                        }
                        Work::NotStarted | Work::BetweenTasks => None,
                    },
                    _ => None,
                };
                if let Some((since, worker)) = ended {
                    self.per_worker_tasks[worker] += 1;
                    self.per_worker_busy[worker] += e.t() - since;
                    self.latencies.push(e.t());
                    self.in_flight -= 1;
                    if e.b == 0 {
                        self.tasks_done += 1;
                        let d = self.durations[task];
                        self.total_cpu += self.workload.cpu_part(d);
                        self.longest_task = self.longest_task.max(d);
                    } else {
                        self.tasks_failed += 1;
                    }
                    self.sample(e.t());
                }
            }
            Kind::Steal => {
                self.steals += 1;
                self.stolen_tasks += e.b;
            }
            Kind::RuntimeSteal => self.runtime_steals += 1,
            Kind::TickerLeaked => self.leaked_tickers += 1,
            Kind::Deliver => {
                if e.a + 1 < self.delivered_max {
                    self.out_of_order += 1;
                }
                self.delivered_max = self.delivered_max.max(e.a + 1);
                self.peak_reorder_buffer = self.peak_reorder_buffer.max(e.b);
            }
            _ => {}
        }
    }
}
