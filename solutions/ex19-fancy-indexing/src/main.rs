//! ex19 (fancy-indexing), reference solution: indexing an array with an array of
//! indices and with a boolean mask, and finding where a mask is true (`nonzero`).
//!
//! Mirrors seed 002, "NumPy advanced topics: Advanced indexing" (`x[np.array([3, 3, 1,
//! 8])]`, `m = x > 7`, `x[m]`) and the advanced-indexing exercise that follows it: the
//! elements larger than 0.5 of a 10 x 10 random array, found once through a boolean
//! mask and once through the indices `np.nonzero` gives.
//! Check it with `cargo run -p runner -- check ex19`.

use hpckit::NpDisplay;
use ndarray::{Array, Array1, Array2, ArrayView, ArrayView1, ArrayView2, Axis, Dimension, Zip};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;

fn main() {
    // np.arange(10, 1, -1): the integers from 10 down to 2.
    let x: Array1<i64> = (2..=10).rev().collect();
    println!("x = {}", x.np());

    // An index array picks elements by position, repeats allowed.
    let picked = take(x.view(), &[3, 3, 1, 8]);
    println!("x[[3, 3, 1, 8]] = {}", picked.np());

    // A boolean mask of the same shape as x, true where x > 7.
    let m = greater_than(x.view(), 7);
    println!("m = x > 7 = {}", m.np());
    println!("x[m] = {}", masked(x.view(), m.view()).np());

    // What advanced indexing returns is a new array, not a view: changing it leaves
    // x alone. (A slice, `x.slice(s![1..4])`, would be a view into x.)
    let mut copy = picked;
    copy[0] = 100;
    println!("after copy[0] = 100: copy = {}, x = {}", copy.np(), x.np());

    // The exercise: a 10 x 10 array of uniform random numbers in [0, 1), from a
    // seeded, portable generator so that every run prints the same numbers.
    let mut rng = Pcg64::seed_from_u64(30);
    let a: Array2<f64> = Array2::from_shape_simple_fn((10, 10), || rng.random());

    let big = greater_than(a.view(), 0.5);
    let values = masked(a.view(), big.view());
    println!(
        "{} of the {} elements are larger than 0.5:",
        values.len(),
        a.len()
    );
    println!("{}", values.np());

    // np.nonzero(big): the row indices and the column indices of the true elements.
    let (rows, cols) = nonzero(big.view());
    println!("rows = {}", rows.np());
    println!("cols = {}", cols.np());

    // a[rows, cols]: the same elements, picked by their indices.
    let by_index = take_pairs(a.view(), &rows, &cols);
    println!("a[rows, cols] == a[a > 0.5]: {}", by_index == values);
}

/// `x[idx]` for a 1-D array: the elements at the positions in `idx`, as a new array.
fn take(x: ArrayView1<i64>, idx: &[usize]) -> Array1<i64> {
    // `select` copies the chosen lanes along an axis; for a 1-D array the lanes are
    // single elements.
    x.select(Axis(0), idx)
}

/// `a > threshold`: a boolean array of the same shape as `a`.
fn greater_than<A: PartialOrd + Copy, D: Dimension>(a: ArrayView<A, D>, threshold: A) -> Array<bool, D> {
    a.mapv(|v| v > threshold)
}

/// `a[mask]`: the elements of `a` where `mask` is true, in the array's logical
/// (row-major) order, as a new 1-D array.
fn masked<A: Copy, D: Dimension>(a: ArrayView<A, D>, mask: ArrayView<bool, D>) -> Array1<A> {
    // Zip walks both arrays in step and checks that their shapes agree.
    let mut picked = Vec::new();
    Zip::from(&a).and(&mask).for_each(|&v, &keep| {
        if keep {
            picked.push(v);
        }
    });
    Array1::from(picked)
}

/// `np.nonzero(mask)` for a 2-D mask: the row indices and the column indices of the
/// true elements, in row-major order.
fn nonzero(mask: ArrayView2<bool>) -> (Vec<usize>, Vec<usize>) {
    mask.indexed_iter()
        .filter(|&(_, &is_true)| is_true)
        .map(|(index, _)| index)
        .unzip()
}

/// `a[rows, cols]`: the elements `a[rows[k], cols[k]]`, as a new 1-D array.
fn take_pairs(a: ArrayView2<f64>, rows: &[usize], cols: &[usize]) -> Array1<f64> {
    rows.iter().zip(cols).map(|(&i, &j)| a[[i, j]]).collect()
}
