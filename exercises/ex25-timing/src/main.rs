//! ex25 (timing): timing a calculation with a stopwatch around a loop, and the
//! `timeit` way, the best of several repeats of many loops. Fill in `time_loop` and
//! `timeit` with hpckit's `Timer` and `best_of`.
//! Check it with `cargo run -p runner -- check ex25`; for timings that mean something,
//! also run it optimized: `cargo run --release -p ex-timing`.

use hpckit::py_float;
use hpckit::timer::Timer;
use std::f64::consts::PI;
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
fn time_loop(_niter: u32, _f: impl FnMut() -> f64) -> Duration {
    // TODO: `Timer::start()` before the loop, `timer.elapsed()` after it. Inside the
    // loop, wrap each result in `std::hint::black_box(...)` so that the optimizer
    // cannot delete the calls. (Remove the leading `_` of the parameters you use, and
    // make `f` a `mut` parameter: calling an `FnMut` needs it.)
    todo!("time `niter` calls of `f`")
}

/// `timeit`: `repeat` measurements of `loops` calls of `f` each; the time of one call
/// in the fastest measurement. The fastest is the one the rest of the machine
/// disturbed least; the others measure the machine's noise, not `f`.
fn timeit(_loops: u32, _repeat: usize, _f: impl FnMut() -> f64) -> Duration {
    // TODO: `hpckit::timer::best_of(repeat, || ...)` runs a closure `repeat` times and
    // returns the fastest run's `Duration`; let the closure make `loops` calls (each
    // in a `black_box`), and divide the best time by `loops` (`Duration / u32`).
    todo!("the best of `repeat` runs of `loops` calls, per call")
}

/// A duration in milliseconds.
fn ms(t: Duration) -> f64 {
    t.as_secs_f64() * 1e3
}
