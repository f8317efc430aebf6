//! ex21 (vectorized-diff): the differences of neighbouring elements, once with an
//! index loop and once as the difference of two slices of the same array, checked
//! equal and timed. Write `diff_loop` and `diff_slices`; `main` checks and times them.
//! Check it with `cargo run -p runner -- check ex21`; for timings that mean
//! something, also run it optimized: `cargo run --release -p ex-vectorized-diff`.

use hpckit::timer::best_of;
use hpckit::NpDisplay;
use ndarray::{s, Array1};
use std::hint::black_box;

fn main() {
    let arr: Array1<i64> = Array1::from_iter(0..1000);

    let dif_loop = diff_loop(&arr);
    let dif = diff_slices(&arr);
    println!("arr = np.arange(1000); dif = arr[1:] - arr[:-1]");
    println!(
        "dif has {} elements; dif[:5] = {}",
        dif.len(),
        dif.slice(s![..5]).np()
    );
    println!("every difference is 1: {}", dif.iter().all(|&d| d == 1));
    println!("the loop gives the same array: {}", dif == dif_loop);

    // Time both: the best of 20 measurements of 100 calls each (one call takes well
    // under a microsecond in a release build, too short to time alone). `black_box`
    // hides the input and the result from the optimizer, which could otherwise
    // compute the result once for all 100 calls, or not at all.
    let (repeat, calls) = (20, 100);
    let t_loop = best_of(repeat, || {
        for _ in 0..calls {
            black_box(diff_loop(black_box(&arr)));
        }
    }) / calls;
    let t_slices = best_of(repeat, || {
        for _ in 0..calls {
            black_box(diff_slices(black_box(&arr)));
        }
    }) / calls;
    println!("loop:   {:9.3} us", t_loop.as_secs_f64() * 1e6);
    println!("slices: {:9.3} us", t_slices.as_secs_f64() * 1e6);
    println!("speed-up: {:.1}x", t_loop.as_secs_f64() / t_slices.as_secs_f64());
}

/// `dif[i-1] = arr[i] - arr[i-1]` for every `i`, one element at a time, as the
/// Python course's brute-force loop does.
fn diff_loop(_arr: &Array1<i64>) -> Array1<i64> {
    // TODO: start from `Array1::zeros(arr.len() - 1)` and fill it in a `for` loop over
    // `1..arr.len()`, with `dif[i - 1] = arr[i] - arr[i - 1]`.
    // (Remove the leading `_` of the parameters you use.)
    todo!("the differences of neighbours, with an index loop")
}

/// `arr[1:] - arr[:-1]`: two views into the same memory, shifted by one element,
/// subtracted element by element into one new array.
fn diff_slices(_arr: &Array1<i64>) -> Array1<i64> {
    // TODO: `arr.slice(s![1..])` and `arr.slice(s![..-1])` are views (no copy);
    // subtracting two references to arrays, `&a - &b`, makes a new array.
    todo!("the differences of neighbours, as the difference of two slices")
}
