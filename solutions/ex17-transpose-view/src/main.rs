//! ex17 (transpose-view), reference solution: a transpose is a view, so writing
//! through it changes the original array; a copy is independent.
//!
//! Makes a mutable transposed view `b` of a 4×4 array `a`, sets `b[0, 0] = 99`,
//! and shows that `a[0, 0]` is now 99, and so is the corner of the slice
//! `a[0:2, 0:2]`. Then writes into a copy of that slice, which leaves `a` alone, and
//! into a mutable slice view, which does not.
//!
//! Mirrors seed 000, "NumPy and buffer-like objects": `b = a.T`, `b[0,0] = 99.0`,
//! `b`, `a`, `c = a[0:2, 0:2]`.
//! Check it with `cargo run -p runner -- check ex17`.

use hpckit::{py_float, NpDisplay};
use ndarray::{s, Array, Array2, ArrayViewMut2};

fn main() {
    let mut a: Array2<f64> = Array::range(0.0, 16.0, 1.0)
        .into_shape_with_order((4, 4))
        .expect("16 values make a 4×4 array");

    // `b` borrows `a` mutably: while `b` is in use, the compiler lets nobody else
    // read or write `a`. The borrow ends after `b`'s last use.
    let mut b = transpose_mut(&mut a);
    b[[0, 0]] = 99.0;
    println!("b = a.T; b[0, 0] = 99.0; b =\n{}", b.np());
    println!("a =\n{}", a.np());

    let c = a.slice(s![0..2, 0..2]);
    println!("c = a[0:2, 0:2] =\n{}", c.np());

    // A copy has memory of its own: writing into it changes nothing in `a`.
    let mut d = copy_of_corner(&a);
    d[[1, 1]] = -1.0;
    println!("d = a[0:2, 0:2].copy(); d[1, 1] = -1.0; d =\n{}", d.np());
    println!("a[1, 1] = {}", py_float(a[[1, 1]]));

    // A mutable slice view writes into `a`, as the transpose did.
    zero_lower_right(&mut a);
    println!("a[2:, 2:] = 0.0; a =\n{}", a.np());
}

/// A mutable view of `a` with the axes swapped, like NumPy's `a.T`: element
/// `[i, j]` of the view is element `[j, i]` of `a`.
fn transpose_mut(a: &mut Array2<f64>) -> ArrayViewMut2<'_, f64> {
    // `a.t()` would be a read-only view. `view_mut()` borrows `a` mutably, and
    // `reversed_axes()` turns that view into its transpose by swapping its shape and
    // strides: no element moves.
    a.view_mut().reversed_axes()
}

/// A copy of the top-left 2×2 corner of `a`: an array with memory of its own.
fn copy_of_corner(a: &Array2<f64>) -> Array2<f64> {
    a.slice(s![0..2, 0..2]).to_owned()
}

/// Sets the bottom-right 2×2 corner of `a` to zero, in place, like NumPy's
/// `a[2:, 2:] = 0.0`.
fn zero_lower_right(a: &mut Array2<f64>) {
    // `slice_mut` is a mutable view of the corner; `fill` writes through it.
    a.slice_mut(s![2.., 2..]).fill(0.0);
}
