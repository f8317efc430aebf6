//! ex04 (rows-blocks): slice 2-D arrays. Take a row, a column, and set a rectangular
//! block to one value, each through a view of the matrix. Fill in the three functions
//! below `main`.
//! Check it with `cargo run -p runner -- check ex04`.

use hpckit::NpDisplay;
use ndarray::{Array2, ArrayView1};
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
fn row(_m: &Array2<f64>, _i: usize) -> ArrayView1<'_, f64> {
    // TODO: `m.slice(s![i, ..])`, where a plain index removes an axis and `..` keeps
    // a whole one; or the shortcut `m.row(i)`. (For `s!`, add `s` to the
    // `use ndarray::{...}` line. Remove the leading `_` of the parameters you use.)
    todo!("row i of m")
}

/// `m[:, j]`: column `j`, as a view.
fn column(_m: &Array2<f64>, _j: usize) -> ArrayView1<'_, f64> {
    // TODO: like `row`, the other way round (or `m.column(j)`).
    todo!("column j of m")
}

/// `m[rows, cols] = value`: set every element of a block.
fn fill_block(_m: &mut Array2<f64>, _rows: Range<usize>, _cols: Range<usize>, _value: f64) {
    // TODO: `m.slice_mut(s![rows, cols])` is a mutable view of the block (ranges in
    // variables work in `s![]` too); `fill(value)` sets all its elements.
    todo!("set the block to `value`")
}
