//! ex03 (indexing-slicing): read single elements (with NumPy-style negative indices)
//! and slice 1-D arrays: open-ended ranges, a slice assignment, steps and reversed
//! steps. Fill in the seven functions below `main`.
//! Check it with `cargo run -p runner -- check ex03`.

use hpckit::NpDisplay;
use ndarray::{arr2, Array1, Array2, ArrayView1};

fn main() {
    let mat = arr2(&[[1, 2, 3], [4, 5, 6]]);
    println!("mat =");
    println!("{}", mat.np());
    println!("mat[0, 2] = {}", element(&mat, 0, 2));
    println!("mat[1, -2] = {}", element(&mat, 1, -2));

    let mut a: Array1<i64> = (0..5).collect();
    println!("a = {}", a.np());
    println!("a[2:] = {}", from(&a, 2).np());
    println!("a[:-1] = {}", up_to(&a, -1).np());
    set_range(&mut a, 1, 3, -1);
    println!("after a[1:3] = -1: {}", a.np());

    let a: Array1<i64> = (0..10).collect();
    println!("a = {}", a.np());
    println!("a[1:7:2] = {}", stepped(&a, 1, 7, 2).np());
    println!("a[::-1] = {}", reversed(&a).np());
    println!("a[-3:] = {}", from(&a, -3).np());
    println!("a[7:1:-2] = {}", seven_down_to_two(&a).np());
}

/// `mat[row, col]`, where a negative index counts from the end, as in NumPy.
fn element(_mat: &Array2<i64>, _row: isize, _col: isize) -> i64 {
    // TODO: `mat[[i, j]]` only takes `usize` indices. The `ndarray::s![]` macro takes
    // negative ones: `mat.slice(s![row, col])` is a 0-D view, and its `into_scalar()`
    // is a reference to the element. (Add `s` to the `use ndarray::{...}` line, and
    // remove the leading `_` of the parameters you use.)
    todo!("the element at (row, col)")
}

/// `a[start:]`: the elements from index `start` on (negative counts from the end).
fn from(_a: &Array1<i64>, _start: isize) -> ArrayView1<'_, i64> {
    // TODO: `a.slice(s![...])` with an open-ended range, as in Rust's `start..`.
    todo!("a view from `start` to the end")
}

/// `a[:stop]`: the elements before index `stop` (negative counts from the end).
fn up_to(_a: &Array1<i64>, _stop: isize) -> ArrayView1<'_, i64> {
    // TODO: like `from`, with the range `..stop`.
    todo!("a view from the start up to `stop`")
}

/// `a[start:stop] = value`.
fn set_range(_a: &mut Array1<i64>, _start: isize, _stop: isize, _value: i64) {
    // TODO: `a.slice_mut(...)` is a mutable view; `fill(value)` sets all its elements.
    todo!("set a[start:stop] to `value`")
}

/// `a[start:stop:step]`, for a positive step.
fn stepped(_a: &Array1<i64>, _start: isize, _stop: isize, _step: isize) -> ArrayView1<'_, i64> {
    // TODO: in `s![]` the step follows a semicolon: `start..stop;step`.
    todo!("every step-th element from start to stop")
}

/// `a[::-1]`: the elements in reverse order, as a view.
fn reversed(_a: &Array1<i64>) -> ArrayView1<'_, i64> {
    // TODO: the whole range `..` with step -1.
    todo!("a reversed view of `a`")
}

/// `a[7:1:-2]`: from index 7 down to index 2, every second element.
fn seven_down_to_two(_a: &Array1<i64>) -> ArrayView1<'_, i64> {
    // TODO: careful, ndarray reads a negative step differently from NumPy. In `s![]`
    // the range is always written low to high, here the indices 2 to 7, and a
    // negative step walks that range from its high end.
    todo!("the elements 7, 5 and 3 of `a`")
}
