//! The warm-up job: CPU-bound work that gives the same answer on one thread or on the pool.
//!
//! Counting primes by trial division is deliberately naive: every number is
//! independent and costs a different amount, so the pool has to balance
//! uneven work, which is what the playground is about.

use rayon::prelude::*;

/// Numbers below this are checked by the job the page runs at start.
pub const WARM_UP_LIMIT: u32 = 300_000;

/// Counts the primes below `limit` on the calling thread.
pub fn count_primes_sequential(limit: u32) -> u32 {
    let count = (0..limit).filter(|&n| is_prime(n)).count();
    u32::try_from(count).expect("a count below a u32 limit fits in u32")
}

/// Counts the primes below `limit` on the rayon pool.
///
/// Blocks the calling thread until the pool is done, so in the browser it
/// must run on a pool thread (through `pool::run`), never on the main thread,
/// which may not block.
pub fn count_primes_parallel(limit: u32) -> u32 {
    let count = (0..limit).into_par_iter().filter(|&n| is_prime(n)).count();
    u32::try_from(count).expect("a count below a u32 limit fits in u32")
}

fn is_prime(n: u32) -> bool {
    if n < 2 {
        return false;
    }
    // u64 so that `divisor * divisor` cannot overflow near u32::MAX.
    let n = u64::from(n);
    let mut divisor = 2;
    while divisor * divisor <= n {
        if n % divisor == 0 {
            return false;
        }
        divisor += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_the_known_number_of_primes() {
        // 25 primes below 100, 168 below 1000 (standard tables).
        assert_eq!(count_primes_sequential(100), 25);
        assert_eq!(count_primes_sequential(1000), 168);
    }

    #[test]
    fn parallel_count_equals_sequential_count() {
        assert_eq!(
            count_primes_parallel(WARM_UP_LIMIT),
            count_primes_sequential(WARM_UP_LIMIT)
        );
    }
}
