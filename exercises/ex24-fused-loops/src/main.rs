//! ex24 (fused-loops): one array expression evaluated five ways, from one temporary
//! array per operation (as NumPy does) to a single fused loop spread over all cores
//! (as numexpr does), checked equal and timed. Fill in the five `poly_*` functions.
//! Check it with `cargo run -p runner -- check ex24`; for timings that mean something,
//! also run it optimized: `cargo run --release -p ex-fused-loops`.

use hpckit::timer::best_of;
use hpckit::{py_float, NpDisplay};
use ndarray::{s, Array1};
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
fn poly_temporaries(_x: &Array1<f64>) -> Array1<f64> {
    // TODO: one operation per statement, each on references so that each one makes a
    // new array: `let t1 = 0.25 * x;`, `let t2 = &t1 + 0.75;`, `let t3 = &t2 * x;`,
    // then `1.5 * x`, the difference, and `- 2.0`. NumPy frees a temporary as soon as
    // it is no longer used: do the same with `drop(t1)` and so on.
    // (Remove the leading `_` of the parameters you use.)
    todo!("the expression with one new array per operation")
}

/// The same expression written naturally: ndarray's operators take their operands by
/// reference or by value, and an owned operand is updated in place and returned, so
/// only `0.25 * x` and `1.5 * x` allocate.
fn poly_owned(_x: &Array1<f64>) -> Array1<f64> {
    // TODO: write the expression as it reads, `(0.25 * x + 0.75) * x - ...`, with `x`
    // the reference it is: the owned results of `0.25 * x` and `1.5 * x` carry the
    // rest of the computation.
    todo!("the expression written plainly")
}

/// One new array, updated in place by each operation in turn: no temporaries, but
/// still five passes over a million elements.
fn poly_in_place(_x: &Array1<f64>) -> Array1<f64> {
    // TODO: `let mut y = x * 0.25;` is the only allocation; then the compound
    // assignments `y += 0.75`, `y *= x`, `y.scaled_add(-1.5, x)` (y += -1.5 * x) and
    // `y -= 2.0` each update `y` where it is.
    todo!("the expression, one in-place operation at a time")
}

/// One fused loop: each element goes through the whole expression while it is in a
/// register, and is written once.
fn poly_fused(_x: &Array1<f64>) -> Array1<f64> {
    // TODO: `x.mapv(|x| ...)` applies a closure to every element and collects the
    // results into a new array: put the whole expression in the closure.
    todo!("the expression as one loop")
}

/// The fused loop split over rayon's threads (ndarray's `rayon` feature): numexpr's
/// multi-threaded evaluation. Each element is computed exactly as in `poly_fused`.
fn poly_parallel(_x: &Array1<f64>) -> Array1<f64> {
    // TODO: `ndarray::Zip::from(x).par_map_collect(|&x| ...)` is the parallel
    // `mapv`: rayon splits the array between its threads.
    todo!("the expression as one loop, on all cores")
}
