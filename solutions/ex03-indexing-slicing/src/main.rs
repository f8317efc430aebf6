//! ex03 (indexing-slicing), reference solution: reading single elements (with
//! NumPy-style negative indices) and slicing 1-D arrays: open-ended ranges, a
//! slice assignment, steps and reversed steps.
//!
//! Mirrors seed 002, "Indexing and slicing arrays": `mat[0,2]`, `mat[1,-2]`, `a[2:]`,
//! `a[:-1]`, `a[1:3] = -1` and `a[1:7:2]`, plus `a[::-1]`, `a[-3:]` and `a[7:1:-2]`.

use hpckit::NpDisplay;
use ndarray::{arr2, s, Array1, Array2, ArrayView1};

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
fn element(mat: &Array2<i64>, row: isize, col: isize) -> i64 {
    // `mat[[i, j]]` takes `usize` indices only, and panics when out of bounds.
    // The `s![]` macro takes NumPy's negative indices: slicing with two plain indices
    // gives a 0-D view, and `into_scalar()` returns a reference to its one element.
    *mat.slice(s![row, col]).into_scalar()
}

/// `a[start:]`: the elements from index `start` on (negative counts from the end).
fn from(a: &Array1<i64>, start: isize) -> ArrayView1<'_, i64> {
    // A slice is a view: it borrows `a`, which is why the return type carries `a`'s
    // lifetime. No element is copied.
    a.slice(s![start..])
}

/// `a[:stop]`: the elements before index `stop` (negative counts from the end).
fn up_to(a: &Array1<i64>, stop: isize) -> ArrayView1<'_, i64> {
    a.slice(s![..stop])
}

/// `a[start:stop] = value`.
fn set_range(a: &mut Array1<i64>, start: isize, stop: isize, value: i64) {
    // `slice_mut` gives a mutable view; `fill` sets every element it sees. NumPy's
    // `a[1:3] = -1` broadcasts the scalar over the slice in the same way.
    a.slice_mut(s![start..stop]).fill(value);
}

/// `a[start:stop:step]`, for a positive step.
fn stepped(a: &Array1<i64>, start: isize, stop: isize, step: isize) -> ArrayView1<'_, i64> {
    // The step goes after a semicolon: `start..stop;step`.
    a.slice(s![start..stop;step])
}

/// `a[::-1]`: the elements in reverse order, as a view.
fn reversed(a: &Array1<i64>) -> ArrayView1<'_, i64> {
    a.slice(s![..;-1])
}

/// `a[7:1:-2]`: from index 7 down to index 2, every second element.
fn seven_down_to_two(a: &Array1<i64>) -> ArrayView1<'_, i64> {
    // NumPy and ndarray read a negative step differently. NumPy's `a[7:1:-2]` starts
    // at 7 and walks down towards 1. In ndarray the range is always written low to
    // high, `2..8` (indices 2 to 7), and a negative step walks it from its high end:
    // 7, 5, 3.
    a.slice(s![2..8;-2])
}
