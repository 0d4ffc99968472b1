//! The counters drawn under the timeline: what each one plots from the run's samples, its peak, and how it prints.
//!
//! Core's samples count the program's goroutines without `main` (that is the
//! meaning of its `Metrics`, the CLI's JSON and the exercises' goals). The
//! page's goroutine counter shows what `runtime.NumGoroutine()` would print
//! instead, as lesson 13 says: `main` included. Every sample is taken while
//! `main` runs (core samples on the other goroutines' events, and a run ends
//! when `main` returns), so that is one more at every point.
//!
//! A row's peak is the run's exact one from `Metrics`, not the highest
//! sample: samples that fall in one bucket keep only the last value, so a
//! peak held for less than a bucket would be missed, and the row would
//! disagree with the metrics panel.

use gobalance_core::metrics::Sample;
use gobalance_core::Metrics;

use crate::fmt;

/// One counter row under the timeline.
pub struct Counter {
    /// The row's label.
    pub name: &'static str,
    /// The value plotted at a sample.
    pub value: fn(&Sample) -> u64,
    /// The highest value of the whole run.
    pub peak: fn(&Metrics) -> u64,
    /// A value as the row prints it.
    pub show: fn(u64) -> String,
}

/// What `runtime.NumGoroutine()` returns when the program has `goroutines` besides `main`.
pub fn num_goroutine(goroutines: u32) -> u64 {
    u64::from(goroutines) + 1
}

/// The rows, top to bottom.
pub const COUNTERS: [Counter; 3] = [
    Counter {
        name: "queue",
        value: |s| u64::from(s.queue_depth),
        peak: |m| u64::from(m.peak_queue_depth),
        show: fmt::count,
    },
    Counter {
        name: "NumGoroutine()",
        value: |s| num_goroutine(s.goroutines),
        peak: |m| num_goroutine(m.peak_goroutines),
        show: fmt::count,
    },
    Counter {
        name: "memory",
        value: |s| s.memory_bytes,
        peak: |m| m.peak_memory_bytes,
        show: fmt::bytes,
    },
];

/// The counters' peaks in words, for the chart's text alternative: `queue peak 3, NumGoroutine() peak 51, memory peak 104.0 KB`.
pub fn peaks(metrics: &Metrics) -> String {
    COUNTERS
        .iter()
        .map(|c| format!("{} peak {}", c.name, (c.show)((c.peak)(metrics))))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use gobalance_core::link::parse;
    use gobalance_core::runtime::MAIN;
    use gobalance_core::{simulate, Kind};

    fn goroutine_counter() -> &'static Counter {
        COUNTERS
            .iter()
            .find(|c| c.name.starts_with("NumGoroutine"))
            .expect("a goroutine counter")
    }

    #[test]
    fn the_goroutine_counter_is_num_goroutine_with_main() {
        // Lesson 13's preset: 50 goroutines start, main takes 3 answers and returns.
        let scenario = parse("strategy=leak&tasks=50&dist=uniform&dur=5ms&cancel_after=3")
            .unwrap()
            .scenario;
        let run = simulate(&scenario).unwrap();
        let series = &run.metrics.series.points;
        let counter = goroutine_counter();
        assert_eq!(run.metrics.peak_goroutines, 50, "core counts without main");
        assert_eq!((counter.peak)(&run.metrics), 51);
        assert_eq!(series.iter().map(counter.value).max(), Some(51));
        assert_eq!(
            (counter.value)(series.last().unwrap()),
            48,
            "47 leaked and main"
        );
        assert!(peaks(&run.metrics).contains("NumGoroutine() peak 51"));
    }

    #[test]
    fn a_peak_shorter_than_a_bucket_is_still_the_rows_peak() {
        // main queues task 3 a moment before a worker starts task 0: both in
        // the first microsecond's bucket, which keeps only the later depth.
        let scenario = parse("strategy=semaphore&workers=3&tasks=10")
            .unwrap()
            .scenario;
        let run = simulate(&scenario).unwrap();
        let queue = &COUNTERS[0];
        let highest_sample = run.metrics.series.points.iter().map(queue.value).max();
        assert_eq!(highest_sample, Some(3));
        assert_eq!((queue.peak)(&run.metrics), 4);
        for counter in &COUNTERS {
            for s in &run.metrics.series.points {
                assert!(
                    (counter.value)(s) <= (counter.peak)(&run.metrics),
                    "{}",
                    counter.name
                );
            }
        }
    }

    #[test]
    fn every_sample_is_taken_while_main_runs() {
        for link in [
            "strategy=leak&tasks=50&dist=uniform&dur=5ms&cancel_after=3",
            "strategy=pool&workers=4&tasks=40",
            "strategy=semaphore&workers=3&tasks=10",
            "strategy=fanout&workers=3&tasks=20",
        ] {
            let scenario = parse(link).unwrap().scenario;
            let run = simulate(&scenario).unwrap();
            let main_returned = run
                .events
                .iter()
                .find(|e| e.g == MAIN && e.kind() == Kind::Exit)
                .expect("main returns")
                .t();
            let last = run.metrics.series.points.last().unwrap().t;
            assert!(
                last <= main_returned,
                "{link}: sampled at {last} after main returned at {main_returned}"
            );
        }
    }

    #[test]
    fn the_other_counters_plot_the_samples_as_they_are() {
        let s = Sample {
            t: gobalance_core::Nanos::ZERO,
            queue_depth: 7,
            goroutines: 3,
            memory_bytes: 8192,
        };
        let shown: Vec<String> = COUNTERS
            .iter()
            .map(|c| format!("{} {}", c.name, (c.show)((c.value)(&s))))
            .collect();
        assert_eq!(shown, ["queue 7", "NumGoroutine() 4", "memory 8.0 KB"]);
    }
}
