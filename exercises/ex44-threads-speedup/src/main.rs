//! ex44 (threads-speedup): CPU-bound work on 1, 2 and 4 threads.
//! In CPython, threads take turns holding the interpreter's lock (the GIL), so a
//! computation spread over threads is no faster; Rust has no such lock, and the same
//! work split over two threads runs about twice as fast on two free cores.
//!
//! The work: the number of steps of the Collatz sequence (n -> n/2 if n is even, else
//! 3n + 1) from every start n in 1..=N down to 1, added up. It uses integers only, so
//! the sum is exact and the same however the range is split; each thread sums its
//! own part of the range, and the parts' sums are added after the threads are joined.
//!
//! Yours to write: `total_steps_threaded`, which splits the range, starts the threads
//! and adds up what they return. It is built optimized (`--release`), so that the
//! times mean something.
//! Check it with `cargo run -p runner -- check ex44`.

use hpckit::timer::best_of;
use std::hint::black_box;
use std::ops::Range;
// What `total_steps_threaded` will need (unused until you write it).
#[allow(unused_imports)]
use {hpckit::split::Split, std::thread};

/// The largest start.
const N: u64 = 2_000_000;
/// Thread counts to compare.
const THREADS: [usize; 3] = [1, 2, 4];
/// Runs per thread count; the fastest one counts.
const REPEAT: usize = 3;

fn main() {
    println!("Collatz steps from every start in 1..={N}, added up");
    let mut sums = Vec::new();
    let mut one_thread = None;
    for threads in THREADS {
        let sum = total_steps_threaded(N, threads);
        let t = best_of(REPEAT, || {
            black_box(total_steps_threaded(black_box(N), threads));
        });
        let base = *one_thread.get_or_insert(t);
        let speed_up = base.as_secs_f64() / t.as_secs_f64();
        let ms = t.as_secs_f64() * 1e3;
        let label = if threads == 1 {
            "1 thread".to_string()
        } else {
            format!("{threads} threads")
        };
        println!("{label:>9}: sum = {sum}, best of {REPEAT}: {ms:9.3} ms, speed-up {speed_up:.2}x");
        sums.push(sum);
    }
    let serial = total_steps(1..N + 1);
    println!("the serial sum: {serial}");
    println!(
        "every thread count gives the serial sum: {}",
        sums.iter().all(|&s| s == serial)
    );
}

/// The steps from every start in 1..=n, added up by `threads` threads, each summing
/// one contiguous part of the range.
fn total_steps_threaded(_n: u64, _threads: usize) -> u64 {
    // TODO: `Split::new(n as usize, threads)` cuts 0..n into `threads` contiguous
    // parts; part p is `split.range(p)`, and its starts are that range plus 1. In
    // `thread::scope(|scope| ...)`, `scope.spawn(move || total_steps(starts))` one
    // thread per part, keep the handles, then `join()` each and add up the sums.
    // (Remove the `_` of the parameters.)
    todo!("split the range over the threads, join them, add their sums")
}

/// The steps from every start in `starts`, added up, on this thread.
fn total_steps(starts: Range<u64>) -> u64 {
    starts.map(collatz_steps).sum()
}

/// How many steps the Collatz sequence takes from `n` down to 1.
fn collatz_steps(mut n: u64) -> u64 {
    let mut steps = 0;
    while n != 1 {
        n = if n.is_multiple_of(2) { n / 2 } else { 3 * n + 1 };
        steps += 1;
    }
    steps
}
