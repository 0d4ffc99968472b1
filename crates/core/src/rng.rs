//! The run's one seeded random source, and task durations drawn from it.
//!
//! Sampling uses `libm` rather than `f64::ln`/`powf` from std because std's
//! float functions call the platform's libm on native targets and a Rust port
//! on wasm32: they may differ in the last bit, and one differing nanosecond
//! would make the native and browser traces differ. `libm` is the same code
//! everywhere. `rand_distr` is not used for the same reason.

use crate::scenario::{Dist, Workload};
use crate::time::Nanos;
use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg64Mcg;

/// The simulation's only source of randomness: everything random in a run
/// (durations, select's choice, steal victims) is drawn from one of these,
/// seeded from the scenario's seed.
#[derive(Clone, PartialEq, Eq)]
pub struct SimRng(Pcg64Mcg);

impl SimRng {
    pub fn new(seed: u64) -> SimRng {
        SimRng(Pcg64Mcg::seed_from_u64(seed))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in `0..n` (n > 0), by Lemire's multiply-shift: no modulo bias worth
    /// caring about at these sizes, and exactly reproducible.
    pub fn below(&mut self, n: u32) -> u32 {
        (((self.next_u64() >> 32) * u64::from(n)) >> 32) as u32
    }

    /// The generator `draws` draws from now, reached without drawing them.
    pub fn ahead(&self, draws: u64) -> SimRng {
        let mut ahead = self.clone();
        ahead.0.advance(u128::from(draws));
        ahead
    }

    /// Uniform in the open interval (0, 1), from the top 53 bits.
    pub fn unit_open(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }
}

/// The duration of every task, in task order.
pub fn task_durations(workload: &Workload, rng: &mut SimRng) -> Vec<Nanos> {
    durations_of(workload, 0..workload.tasks as usize, rng)
}

/// [`task_durations`], the second half drawn on a second thread from the
/// generator jumped ahead to where the first half leaves it: the same
/// durations, and `rng` left in the same state, in about half the time.
#[cfg(not(target_arch = "wasm32"))]
pub fn task_durations_on_two_threads(workload: &Workload, rng: &mut SimRng) -> Vec<Nanos> {
    let tasks = workload.tasks as usize;
    let half = tasks / 2;
    let mut second = rng.ahead(half as u64 * draws_per_task(workload.dist));
    std::thread::scope(|scope| {
        let later = scope.spawn(move || {
            let durations = durations_of(workload, half..tasks, &mut second);
            (durations, second)
        });
        let mut durations = durations_of(workload, 0..half, rng);
        let (rest, after) = later
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        durations.extend(rest);
        *rng = after;
        durations
    })
}

/// wasm32-unknown-unknown has no `std` threads: one thread draws them all.
#[cfg(target_arch = "wasm32")]
pub fn task_durations_on_two_threads(workload: &Workload, rng: &mut SimRng) -> Vec<Nanos> {
    task_durations(workload, rng)
}

/// How many numbers drawing one duration takes from the generator.
#[cfg(not(target_arch = "wasm32"))]
fn draws_per_task(dist: Dist) -> u64 {
    match dist {
        Dist::Fixed | Dist::List => 0,
        Dist::Uniform | Dist::Exponential | Dist::Pareto | Dist::Bimodal => 1,
    }
}

/// The durations of the tasks in `range`, drawn in order from `rng`.
fn durations_of(
    workload: &Workload,
    range: std::ops::Range<usize>,
    rng: &mut SimRng,
) -> Vec<Nanos> {
    let mean = workload.dur.0 as f64;
    let cap = crate::scenario::limits::DURATION_MAX.0 as f64;
    let clamp = |x: f64| Nanos(x.clamp(0.0, cap) as u64);
    range
        .map(|i| match workload.dist {
            Dist::Fixed => workload.dur,
            Dist::Uniform => Nanos(rng.next_u64() % (2 * workload.dur.0 + 1)),
            Dist::Exponential => clamp(-mean * libm::log(rng.unit_open())),
            Dist::Pareto => {
                // Mean of Pareto(xm, α) is α·xm/(α−1); pick xm so the mean is `dur`.
                let alpha = f64::from(workload.alpha_milli) / 1000.0;
                let scale = mean * (alpha - 1.0) / alpha;
                clamp(scale / libm::pow(rng.unit_open(), 1.0 / alpha))
            }
            Dist::Bimodal => {
                if rng.below(1000) < workload.long_share_permille {
                    Nanos(workload.dur.0.saturating_mul(workload.long_factor.into()))
                } else {
                    workload.dur
                }
            }
            Dist::List => workload
                .durations
                .get(i % workload.durations.len().max(1))
                .copied()
                .unwrap_or_default(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    fn mean_of(dist: Dist) -> f64 {
        let mut w = Scenario::default().workload;
        w.tasks = 200_000;
        w.dist = dist;
        let ds = task_durations(&w, &mut SimRng::new(7));
        ds.iter().map(|d| d.0 as f64).sum::<f64>() / ds.len() as f64
    }

    #[test]
    fn distributions_have_the_documented_mean() {
        let dur = Scenario::default().workload.dur.0 as f64;
        for dist in [Dist::Fixed, Dist::Uniform, Dist::Exponential] {
            let m = mean_of(dist);
            assert!((m / dur - 1.0).abs() < 0.02, "{dist:?}: mean {m} vs {dur}");
        }
        // Heavy tails converge slowly; 10% is what 200k samples of α=1.5 give.
        let m = mean_of(Dist::Pareto);
        assert!((m / dur - 1.0).abs() < 0.1, "pareto mean {m}");
    }

    /// Splitting the drawing over two threads draws the very same durations
    /// and leaves the generator where drawing them in one go leaves it.
    #[test]
    fn durations_drawn_on_two_threads_are_the_same() {
        for dist in Dist::ALL {
            let mut w = Scenario::default().workload;
            w.tasks = 1001;
            w.dist = dist;
            w.durations = vec![Nanos(5), Nanos(7)];
            let (mut one, mut two) = (SimRng::new(9), SimRng::new(9));
            let sequential = task_durations(&w, &mut one);
            assert!(
                task_durations_on_two_threads(&w, &mut two) == sequential,
                "{dist:?}"
            );
            assert_eq!(one.next_u64(), two.next_u64(), "{dist:?}");
        }
    }

    #[test]
    fn the_same_seed_draws_the_same_durations() {
        let mut w = Scenario::default().workload;
        w.dist = Dist::Exponential;
        assert_eq!(
            task_durations(&w, &mut SimRng::new(3)),
            task_durations(&w, &mut SimRng::new(3))
        );
        assert_ne!(
            task_durations(&w, &mut SimRng::new(3)),
            task_durations(&w, &mut SimRng::new(4))
        );
    }
}
