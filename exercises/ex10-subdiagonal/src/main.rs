//! ex10 (subdiagonal): a matrix with given values just below its diagonal, set
//! through a view of that diagonal; then the tridiagonal second-difference matrix (-2
//! on the diagonal, 1 beside it) from element-wise arithmetic on whole matrices. Fill
//! in the two functions below `main`.
//! Check it with `cargo run -p runner -- check ex10`.

use hpckit::NpDisplay;
use ndarray::{Array1, Array2, Axis};

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
fn subdiagonal(_values: &Array1<f64>) -> Array2<f64> {
    // TODO: start from `Array2::zeros((n, n))`. Without its first row and its last
    // column (a slice `s![1.., ..-1]`), the matrix's diagonal is the sub-diagonal you
    // want; `diag_mut()` is a mutable view of a diagonal and `assign(values)` copies
    // `values` into it. (Add `use ndarray::s;`; remove the leading `_` of `values`.)
    todo!("a matrix with `values` below the diagonal")
}

/// The `n` x `n` second-difference matrix: -2 on the diagonal, 1 just below and just
/// above it, 0 elsewhere.
fn second_difference(_n: usize) -> Array2<f64> {
    // TODO: with `s = subdiagonal(&Array1::ones(n - 1))`, the matrix is
    // -2 I + s + s^T: `Array2::eye(n)` is I, `s.t()` is a transposed view of `s`, and
    // `+`, `*` work on whole matrices, element by element (borrow `s` with `&s` where
    // you still need it afterwards).
    todo!("the second-difference matrix")
}
