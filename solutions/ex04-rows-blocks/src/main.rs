//! ex04 (rows-blocks), reference solution: slicing 2-D arrays. A row, a column, and
//! a rectangular block set to one value, each through a view of the matrix.
//!
//! Mirrors seed 002, "Indexing and slicing arrays": `a = np.zeros((4, 4))` then
//! `a[1:3, 1:3] = 2.0`; and the basics exercise on a 4x4 array: take its second row
//! and its third column, then set its upper-left 2x2 block to 0.21.

use hpckit::NpDisplay;
use ndarray::{s, Array2, ArrayView1};
use std::ops::Range;

fn main() {
    let mut a = Array2::<f64>::zeros((4, 4));
    fill_block(&mut a, 1..3, 1..3, 2.0);
    println!("a = zeros((4, 4)), after a[1:3, 1:3] = 2.0:");
    println!("{}", a.np());

    // The element in row i, column j is 4 i + j: np.arange(16.0).reshape(4, 4).
    let mut m = Array2::from_shape_fn((4, 4), |(i, j)| (4 * i + j) as f64);
    println!("m =");
    println!("{}", m.np());
    println!("m[1] = {}", row(&m, 1).np());
    println!("m[:, 2] = {}", column(&m, 2).np());
    fill_block(&mut m, 0..2, 0..2, 0.21);
    println!("after m[:2, :2] = 0.21:");
    println!("{}", m.np());
}

/// `m[i]` (or `m[i, :]`): row `i`, as a view.
fn row(m: &Array2<f64>, i: usize) -> ArrayView1<'_, f64> {
    // Same as `m.slice(s![i, ..])`: a plain index removes an axis, a range keeps it.
    m.row(i)
}

/// `m[:, j]`: column `j`, as a view.
fn column(m: &Array2<f64>, j: usize) -> ArrayView1<'_, f64> {
    // Same as `m.slice(s![.., j])`. The elements of a column are 4 apart in memory
    // (the view has stride 4), whereas a row's are adjacent: both are still views.
    m.column(j)
}

/// `m[rows, cols] = value`: set every element of a block.
fn fill_block(m: &mut Array2<f64>, rows: Range<usize>, cols: Range<usize>, value: f64) {
    // `s![]` takes ranges held in variables too, one per axis.
    m.slice_mut(s![rows, cols]).fill(value);
}
