//! ex10 (subdiagonal), reference solution: a matrix with given values just below its
//! diagonal, set through a view of that diagonal; then the tridiagonal
//! second-difference matrix (-2 on the diagonal, 1 beside it) from element-wise
//! arithmetic on whole matrices.
//!
//! Mirrors the basics exercise of seed 002's "Array operations": a 5x5 matrix with
//! 1, 2, 3, 4 on its sub-diagonal, NumPy's `np.diag(np.arange(1., 5.), k=-1)`; and
//! `-2 * np.eye(5) + s + s.T`.

use hpckit::NpDisplay;
use ndarray::{s, Array1, Array2, Axis};

fn main() {
    let values = Array1::range(1.0, 5.0, 1.0);
    println!("values = {}", values.np());
    println!("np.diag(values, k=-1) =");
    println!("{}", subdiagonal(&values).np());

    let t = second_difference(5);
    println!("t = -2 * np.eye(5) + s + s.T =");
    println!("{}", t.np());
    println!("t.sum(axis=1) = {}", t.sum_axis(Axis(1)).np());
}

/// `np.diag(values, k=-1)`: an (n + 1) x (n + 1) matrix of zeros, for `n` values, with
/// `values` on the sub-diagonal (the elements `(i + 1, i)`).
fn subdiagonal(values: &Array1<f64>) -> Array2<f64> {
    let n = values.len() + 1;
    let mut m = Array2::zeros((n, n));
    // Without its first row and last column, the matrix's diagonal is the original's
    // sub-diagonal. Both the slice and its `diag_mut()` are views, so `assign` writes
    // into `m`. (A loop `for i in 0..n - 1 { m[[i + 1, i]] = values[i]; }` also works.)
    m.slice_mut(s![1.., ..-1]).diag_mut().assign(values);
    m
}

/// The `n` x `n` second-difference matrix: -2 on the diagonal, 1 just below and just
/// above it, 0 elsewhere.
fn second_difference(n: usize) -> Array2<f64> {
    let s = subdiagonal(&Array1::ones(n - 1));
    // `Array2::eye(n) * -2.0` consumes the identity matrix and scales it in place;
    // `+ &s` adds the sub-diagonal (borrowed: `s` is used again), into the same
    // memory; `s.t()` is a transposed view of `s`, the super-diagonal, added without
    // copying `s`.
    Array2::eye(n) * -2.0 + &s + s.t()
}
