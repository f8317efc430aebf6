//! ex25 (timing), reference solution: timing a calculation with a stopwatch around a
//! loop, and the `timeit` way, the best of several repeats of many loops.
//!
//! Mirrors seed 002, "Performance measurement": `t0 = time.time()`, `niter` calls of
//! `heavy_calculation()`, `time.time() - t0` (timing.py), and `python -m timeit`'s
//! report, `10 loops, best of 3: 433 msec per loop`.
//! Check it with `cargo run -p runner -- check ex25`; for timings that mean something,
//! also run it optimized: `cargo run --release -p sol-timing`.

use hpckit::py_float;
use hpckit::timer::{best_of, Timer};
use std::f64::consts::PI;
use std::hint::black_box;
use std::time::Duration;

fn main() {
    let n = 1_000_000;
    let result = heavy_calculation(n);
    println!("heavy_calculation({n}) = {}", py_float(result));
    println!(
        "pi**2/6 - heavy_calculation({n}) = {}",
        py_float(PI * PI / 6.0 - result)
    );

    // A stopwatch around a loop, as timing.py does with time.time().
    let niter = 10;
    let total = time_loop(niter, || heavy_calculation(n));
    println!("Time spent in {niter} heavy calculations: {:.3} ms", ms(total));

    // The timeit way: the best of `repeat` measurements of `loops` calls each.
    let (loops, repeat) = (10, 3);
    let per_loop = timeit(loops, repeat, || heavy_calculation(n));
    println!("{loops} loops, best of {repeat}: {:.3} ms per loop", ms(per_loop));

    // The pitfall `black_box` avoids: a result nobody uses is work the optimizer may
    // delete. In a release build this loop takes (almost) no time at all.
    let timer = Timer::start();
    for _ in 0..niter {
        heavy_calculation(n);
    }
    println!("the same loop without black_box: {:.3} ms", ms(timer.elapsed()));
}

/// The calculation to time: the partial sum of 1/k^2 for k = 1..=n, which tends to
/// pi^2/6. Added in a fixed order, so the result is the same on every run.
fn heavy_calculation(n: u64) -> f64 {
    (1..=n).map(|k| 1.0 / (k as f64 * k as f64)).sum()
}

/// Wall-clock time of `niter` calls of `f`, measured once around the whole loop.
fn time_loop(niter: u32, mut f: impl FnMut() -> f64) -> Duration {
    let timer = Timer::start();
    for _ in 0..niter {
        // `black_box` tells the optimizer the result is used: the call cannot be
        // deleted, nor hoisted out of the loop as "the same every time".
        black_box(f());
    }
    timer.elapsed()
}

/// `timeit`: `repeat` measurements of `loops` calls of `f` each; the time of one call
/// in the fastest measurement. The fastest is the one the rest of the machine
/// disturbed least; the others measure the machine's noise, not `f`.
fn timeit(loops: u32, repeat: usize, mut f: impl FnMut() -> f64) -> Duration {
    let best = best_of(repeat, || {
        for _ in 0..loops {
            black_box(f());
        }
    });
    best / loops
}

/// A duration in milliseconds.
fn ms(t: Duration) -> f64 {
    t.as_secs_f64() * 1e3
}
