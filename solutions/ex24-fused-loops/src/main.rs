//! ex24 (fused-loops), reference solution: one array expression evaluated five ways,
//! from one temporary array per operation (as NumPy does) to a single fused loop
//! spread over all cores (as numexpr does), checked equal and timed.
//!
//! Mirrors seed 002, "NumPy advanced topics: Temporary arrays" (an expression makes
//! one temporary array per operation) and "Numexpr" (`ne.evaluate("(.25*x + .75)*x -
//! 1.5*x - 2")` on a million random numbers, evaluated in one pass, in several threads).
//! Check it with `cargo run -p runner -- check ex24`; for timings that mean something,
//! also run it optimized: `cargo run --release -p sol-fused-loops`.

use hpckit::timer::best_of;
use hpckit::{py_float, NpDisplay};
use ndarray::{s, Array1, Zip};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;
use std::hint::black_box;

fn main() {
    let n = 1_000_000;
    let mut rng = Pcg64::seed_from_u64(35);
    let x: Array1<f64> = Array1::from_shape_simple_fn(n, || rng.random());

    let naive = poly_temporaries(&x);
    let owned = poly_owned(&x);
    let in_place = poly_in_place(&x);
    let fused = poly_fused(&x);
    let parallel = poly_parallel(&x);
    println!("poly = (.25*x + .75)*x - 1.5*x - 2 for {n} random x");
    println!("poly[:4] = {}", naive.slice(s![..4]).np());
    let same = naive == owned && naive == in_place && naive == fused && naive == parallel;
    println!("the other four versions give exactly the same array: {same}");
    // A sum in a parallel loop would depend on how the work was split between the
    // threads: the same numbers added in another order round differently. This sum
    // runs on one thread, over the finished array, in one fixed order.
    println!("checksum: sum(poly) = {}", py_float(parallel.sum()));

    // The best of 5 runs of each version; every run allocates its output, as each
    // version must. Speed-ups are against the first, one temporary per operation.
    let versions: [(&str, Poly); 5] = [
        ("temporaries", poly_temporaries),
        ("owned", poly_owned),
        ("in place", poly_in_place),
        ("fused", poly_fused),
        ("parallel", poly_parallel),
    ];
    let mut baseline = None;
    for (name, poly) in versions {
        let t = best_of(5, || {
            black_box(poly(black_box(&x)));
        });
        let base = *baseline.get_or_insert(t);
        let speed_up = base.as_secs_f64() / t.as_secs_f64();
        let ms = t.as_secs_f64() * 1e3;
        println!("{name:12} {ms:8.3} ms, speed-up {speed_up:5.1}x");
    }
    println!("rayon threads: {}", rayon::current_num_threads());
}

/// The signature the five versions share.
type Poly = fn(&Array1<f64>) -> Array1<f64>;

/// The expression as NumPy evaluates it: one operation at a time, each one reading
/// whole arrays and writing a new one. Five temporaries, then the result.
fn poly_temporaries(x: &Array1<f64>) -> Array1<f64> {
    // Every operator here takes references, so every one allocates a new array.
    // NumPy frees a temporary as soon as nothing refers to it any more; Rust would
    // keep them all until the end of the function, so we drop each one after its
    // last use, as NumPy would.
    let t1 = 0.25 * x;
    let t2 = &t1 + 0.75;
    drop(t1);
    let t3 = &t2 * x;
    drop(t2);
    let t4 = 1.5 * x;
    let t5 = &t3 - &t4;
    drop((t3, t4));
    &t5 - 2.0
}

/// The same expression written naturally: ndarray's operators take their operands by
/// reference or by value, and an owned operand is updated in place and returned, so
/// only `0.25 * x` and `1.5 * x` allocate. (NumPy 1.13 and later does the same at
/// run time for temporaries that nothing else refers to.)
fn poly_owned(x: &Array1<f64>) -> Array1<f64> {
    (0.25 * x + 0.75) * x - 1.5 * x - 2.0
}

/// One new array, updated in place by each operation in turn: no temporaries, but
/// still five passes over a million elements.
fn poly_in_place(x: &Array1<f64>) -> Array1<f64> {
    let mut y = x * 0.25; // the only allocation
    y += 0.75;
    y *= x;
    y.scaled_add(-1.5, x); // y += -1.5 * x, without building -1.5 * x
    y -= 2.0;
    y
}

/// One fused loop: each element goes through the whole expression while it is in a
/// register, and is written once.
fn poly_fused(x: &Array1<f64>) -> Array1<f64> {
    x.mapv(|x| (0.25 * x + 0.75) * x - 1.5 * x - 2.0)
}

/// The fused loop split over rayon's threads (ndarray's `rayon` feature): numexpr's
/// multi-threaded evaluation. Each element is computed exactly as in `poly_fused`.
fn poly_parallel(x: &Array1<f64>) -> Array1<f64> {
    Zip::from(x).par_map_collect(|&x| (0.25 * x + 0.75) * x - 1.5 * x - 2.0)
}
