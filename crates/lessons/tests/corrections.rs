//! Corrections: each box's two links must differ in the metric the box talks about, by the numbers the box quotes.

use crate::support::{run, run_traced, Metric, Ran};
use gobalance_lessons::all;

/// What a correction box says about one metric, with the numbers it quotes.
struct Claim {
    slug: &'static str,
    metric: Metric,
    /// The seed link's value as quoted.
    seed: u64,
    /// The fixed link's value as quoted; `None` where the simulator cannot
    /// measure it (see the fan-in claim).
    fixed: Option<u64>,
    /// How far a measured value may be from the quoted one, in thousandths of it.
    tolerance_permille: u64,
}

const MS: u64 = 1_000_000;

const CLAIMS: &[Claim] = &[
    // A 50 ms sleep loses 4 of 10 tasks; the WaitGroup finishes all 10, at 86 ms.
    Claim {
        slug: "what-is-a-goroutine",
        metric: Metric::TasksDone,
        seed: 6,
        fixed: Some(10),
        tolerance_permille: 0,
    },
    Claim {
        slug: "what-is-a-goroutine",
        metric: Metric::CutOff,
        seed: 4,
        fixed: Some(0),
        tolerance_permille: 0,
    },
    Claim {
        slug: "what-is-a-goroutine",
        metric: Metric::Makespan,
        seed: 50 * MS,
        fixed: Some(86 * MS),
        tolerance_permille: 5,
    },
    // One check a second: 2.38 s; every 10 ms: 0.33 s.
    Claim {
        slug: "dynamic-scaling",
        metric: Metric::Makespan,
        seed: 2378 * MS,
        fixed: Some(330 * MS),
        tolerance_permille: 5,
    },
    // No steals and 1.6 s; 5 steals moving 10 tasks and 640 ms.
    Claim {
        slug: "work-stealing",
        metric: Metric::Steals,
        seed: 0,
        fixed: Some(5),
        tolerance_permille: 0,
    },
    Claim {
        slug: "work-stealing",
        metric: Metric::StolenTasks,
        seed: 0,
        fixed: Some(10),
        tolerance_permille: 0,
    },
    Claim {
        slug: "work-stealing",
        metric: Metric::Makespan,
        seed: 1600 * MS,
        fixed: Some(640 * MS),
        tolerance_permille: 5,
    },
    // 12 of 20 results arrive while an earlier one is missing. With
    // `ordered=true` main releases them in order, but the simulator records
    // no event for that release, so the fixed side cannot be measured: the
    // arrival order, which is what the trace shows, is the same in both runs.
    Claim {
        slug: "fan-out-fan-in",
        metric: Metric::EarlyResults,
        seed: 12,
        fixed: None,
        tolerance_permille: 0,
    },
    // A bare ticker: 2.1 s; a bucket with a burst of 4: 1.7 s.
    Claim {
        slug: "rate-limited-pool",
        metric: Metric::Makespan,
        seed: 2100 * MS,
        fixed: Some(1700 * MS),
        tolerance_permille: 5,
    },
    // 8 workers for sleeping records: 12.5 s; 100 workers: 1.0 s.
    Claim {
        slug: "real-world-dataset",
        metric: Metric::Makespan,
        seed: 12_500 * MS,
        fixed: Some(1000 * MS),
        tolerance_permille: 5,
    },
];

fn measure(slug: &str, link: &str, metric: Metric) -> u64 {
    let ran: Ran = if metric.needs_trace() {
        run_traced(slug, link)
    } else {
        run(slug, link)
    };
    metric.read(&ran)
}

fn near(measured: u64, quoted: u64, tolerance_permille: u64) -> bool {
    measured.abs_diff(quoted) <= quoted.saturating_mul(tolerance_permille) / 1000
}

#[test]
fn every_correction_has_claims_and_every_claim_a_correction() {
    for lesson in all() {
        let claimed = CLAIMS.iter().any(|c| c.slug == lesson.slug);
        assert_eq!(
            lesson.correction.is_some(),
            claimed,
            "lesson `{}`: a correction box needs its claims written down here, and only a box can have claims",
            lesson.slug
        );
    }
}

#[test]
fn the_two_links_of_each_box_differ_as_the_box_says() {
    for claim in CLAIMS {
        let slug = claim.slug;
        let lesson = gobalance_lessons::by_slug(slug).expect("claims name lessons");
        let box_ = lesson.correction.as_ref().expect("a correction");
        assert_ne!(
            box_.seed_link, box_.fixed_link,
            "lesson `{slug}`: the same link twice"
        );
        let metric = claim.metric;
        let seed = measure(slug, box_.seed_link, metric);
        assert!(
            near(seed, claim.seed, claim.tolerance_permille),
            "lesson `{slug}`: {metric:?} of the seed link is {}, the box says {}: {}",
            metric.show(seed),
            metric.show(claim.seed),
            box_.seed_link
        );
        match claim.fixed {
            Some(quoted) => {
                let fixed = measure(slug, box_.fixed_link, metric);
                assert!(
                    near(fixed, quoted, claim.tolerance_permille),
                    "lesson `{slug}`: {metric:?} of the fixed link is {}, the box says {}: {}",
                    metric.show(fixed),
                    metric.show(quoted),
                    box_.fixed_link
                );
                assert_ne!(
                    seed, fixed,
                    "lesson `{slug}`: {metric:?} is the same on both links:\n  {}\n  {}",
                    box_.seed_link, box_.fixed_link
                );
                println!(
                    "{slug}: {metric:?} {} -> {}",
                    metric.show(seed),
                    metric.show(fixed)
                );
            }
            None => {
                // What can be checked: the fixed link turns the fix on.
                let fixed = run(slug, box_.fixed_link);
                assert!(
                    fixed.scenario.params.ordered,
                    "lesson `{slug}`: {}",
                    box_.fixed_link
                );
                println!(
                    "{slug}: {metric:?} {} -> not measurable (no event for the in-order release)",
                    metric.show(seed)
                );
            }
        }
    }
}
