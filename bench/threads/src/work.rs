//! The CPU-bound work: the number of Collatz steps (n -> n/2 if n is even, else
//! 3n + 1) from every start in a range down to 1, added up, as in ex44. Integers
//! only, so every way of splitting the range gives exactly the same sum. The cost of
//! a start grows slowly with n: the upper half of 1..=2,000,000 takes 11 % more steps
//! than the lower, so two contiguous halves do not finish together; blocks dealt out
//! in turn, or rayon's work stealing, even that out.

use rayon::prelude::*;
use std::ops::Range;
use std::thread;

/// How one measurement splits the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// On the calling thread.
    Serial,
    /// Two `std::thread::scope` threads, one contiguous half of the range each.
    Halves,
    /// Two `std::thread::scope` threads, blocks of [`BLOCK`] starts dealt out in turn.
    Blocks,
    /// A rayon pool of two threads, `into_par_iter().map(..).sum()`.
    Rayon,
}

impl Variant {
    pub const ALL: [Variant; 4] = [Variant::Serial, Variant::Halves, Variant::Blocks, Variant::Rayon];

    pub fn name(self) -> &'static str {
        match self {
            Variant::Serial => "Rust, one thread",
            Variant::Halves => "Rust, `thread::scope`, two contiguous halves",
            Variant::Blocks => "Rust, `thread::scope`, blocks of 1000 dealt in turn",
            Variant::Rayon => "Rust, rayon pool of 2, `par_iter`",
        }
    }

    /// The steps from every start in `starts`, added up as this variant splits them;
    /// `pool` is the rayon pool of two threads.
    pub fn run(self, starts: Range<u64>, pool: &rayon::ThreadPool) -> u64 {
        match self {
            Variant::Serial => total_steps(starts),
            Variant::Halves => halves(starts),
            Variant::Blocks => blocks(starts),
            Variant::Rayon => pool.install(|| starts.into_par_iter().map(collatz_steps).sum()),
        }
    }
}

/// The range cut in two, each half summed on a thread of its own, the sums added.
fn halves(starts: Range<u64>) -> u64 {
    let mid = starts.start + (starts.end - starts.start) / 2;
    thread::scope(|scope| {
        let low = scope.spawn(|| total_steps(starts.start..mid));
        let high = scope.spawn(|| total_steps(mid..starts.end));
        low.join().expect("a worker panicked") + high.join().expect("a worker panicked")
    })
}

/// Starts per block in [`Variant::Blocks`].
pub const BLOCK: u64 = 1000;

/// The range cut into blocks of `BLOCK` starts: the first thread sums blocks 0, 2,
/// 4, ..., the second blocks 1, 3, 5, ...; the two sums added.
fn blocks(starts: Range<u64>) -> u64 {
    let every_other = |first: u64| -> u64 {
        (starts.start + first * BLOCK..starts.end)
            .step_by(2 * BLOCK as usize)
            .map(|low| total_steps(low..(low + BLOCK).min(starts.end)))
            .sum()
    };
    thread::scope(|scope| {
        let even = scope.spawn(|| every_other(0));
        let odd = scope.spawn(|| every_other(1));
        even.join().expect("a worker panicked") + odd.join().expect("a worker panicked")
    })
}

/// The steps from every start in `starts`, added up on this thread.
pub fn total_steps(starts: Range<u64>) -> u64 {
    starts.map(collatz_steps).sum()
}

/// How many steps the Collatz sequence takes from `n` down to 1.
pub fn collatz_steps(mut n: u64) -> u64 {
    let mut steps = 0;
    while n != 1 {
        n = if n.is_multiple_of(2) { n / 2 } else { 3 * n + 1 };
        steps += 1;
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_step_counts() {
        // 6 -> 3 -> 10 -> 5 -> 16 -> 8 -> 4 -> 2 -> 1; 27 famously takes 111 steps.
        assert_eq!(collatz_steps(1), 0);
        assert_eq!(collatz_steps(6), 8);
        assert_eq!(collatz_steps(27), 111);
    }

    #[test]
    fn every_variant_gives_the_same_sum() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let serial = Variant::Serial.run(1..10_001, &pool);
        for v in Variant::ALL {
            assert_eq!(v.run(1..10_001, &pool), serial, "{v:?}");
        }
    }
}
