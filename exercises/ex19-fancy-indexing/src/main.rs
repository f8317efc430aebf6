//! ex19 (fancy-indexing): indexing an array with an array of indices and with a
//! boolean mask, and finding where a mask is true (`nonzero`). Fill in the five small
//! functions below `main`; `main` itself prints what the Python course prints.
//! Check it with `cargo run -p runner -- check ex19`.

use hpckit::NpDisplay;
use ndarray::{Array, Array1, Array2, ArrayView, ArrayView1, ArrayView2, Dimension};
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
    // x alone.
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
fn take(_x: ArrayView1<i64>, _idx: &[usize]) -> Array1<i64> {
    // TODO: `x.select(Axis(0), idx)` copies the elements at those positions (import
    // `ndarray::Axis`). (Remove the leading `_` of the parameters you use.)
    todo!("pick the elements of `x` at the positions in `idx`")
}

/// `a > threshold`: a boolean array of the same shape as `a`.
fn greater_than<A: PartialOrd + Copy, D: Dimension>(_a: ArrayView<A, D>, _threshold: A) -> Array<bool, D> {
    // TODO: `a.mapv(|v| ...)` builds a new array of the same shape from each value.
    todo!("compare every element of `a` with `threshold`")
}

/// `a[mask]`: the elements of `a` where `mask` is true, in the array's logical
/// (row-major) order, as a new 1-D array.
fn masked<A: Copy, D: Dimension>(_a: ArrayView<A, D>, _mask: ArrayView<bool, D>) -> Array1<A> {
    // TODO: walk `a` and `mask` together, with `ndarray::Zip::from(&a).and(&mask)`
    // or with `a.iter().zip(mask.iter())`, keep the values whose mask element is
    // true in a `Vec`, and turn it into an array with `Array1::from(vec)`.
    todo!("keep the elements of `a` where `mask` is true")
}

/// `np.nonzero(mask)` for a 2-D mask: the row indices and the column indices of the
/// true elements, in row-major order.
fn nonzero(_mask: ArrayView2<bool>) -> (Vec<usize>, Vec<usize>) {
    // TODO: `mask.indexed_iter()` yields `((i, j), &value)` in row-major order; keep
    // the true ones and split their `(i, j)` into two vectors (`Iterator::unzip`).
    todo!("the row and column indices of the true elements of `mask`")
}

/// `a[rows, cols]`: the elements `a[rows[k], cols[k]]`, as a new 1-D array.
fn take_pairs(_a: ArrayView2<f64>, _rows: &[usize], _cols: &[usize]) -> Array1<f64> {
    // TODO: pair up `rows` and `cols` (`zip`), look each element up with
    // `a[[i, j]]`, and `collect()` the values into an `Array1`.
    todo!("pick `a[rows[k], cols[k]]` for every k")
}
