//! ex14 (linalg): matrix product, a linear system and
//! eigenvalues, in pure Rust.
//!
//! With the two symmetric 2×2 matrices A and B of the Python course, computes C = A·B with
//! ndarray's `dot`, solves C x = b with an LU factorization, and computes
//! eigenvalues: of the symmetric A and B with nalgebra's `SymmetricEigen` (NumPy's
//! `eigvalsh`), and of C, which is not symmetric, with nalgebra's general real
//! eigenvalue routine (NumPy's `eigvals`). No system LAPACK or BLAS is involved:
//! ndarray multiplies with the pure-Rust `matrixmultiply` crate, nalgebra factorizes
//! in Rust too.
//!
//! Write `to_nalgebra`, `solve`, `eigvalsh` and `eigvals` below; `main` is done.
//! Check it with `cargo run -p runner -- check ex14`.

use hpckit::NpDisplay;
use nalgebra::DMatrix;
// For your code: `nalgebra::{DVector, SymmetricEigen}`.
use ndarray::{arr1, arr2, Array1, ArrayView1, ArrayView2};

fn main() {
    let a = arr2(&[[2.0, 1.0], [1.0, 3.0]]);
    let b = arr2(&[[-2.0, 4.2], [4.2, 6.0]]);
    // `dot` is the matrix product for 2-D arrays (NumPy's `np.dot(A, B)` or `A @ B`);
    // `&a * &b` would multiply element by element.
    let c = a.dot(&b);
    println!("C = dot(A, B) =\n{}", c.np());
    // The same four numbers lie in a different order in the two libraries' memory.
    let c_row_major = c.as_slice().expect("a new array is in standard (C) order");
    println!("C's memory in ndarray:  {}", c_row_major.np());
    println!(
        "C's memory in nalgebra: {}",
        to_nalgebra(c.view()).as_slice().np()
    );

    let rhs = arr1(&[1.0, 2.0]);
    let x = solve(c.view(), rhs.view());
    println!("x = solve(C, b) = {}", x.np());
    println!("C x = {}", c.dot(&x).np());

    println!("eigvalsh(A) = {}", eigvalsh(a.view()).np());
    println!("eigvalsh(B) = {}", eigvalsh(b.view()).np());
    println!("eigvals(C)  = {}", eigvals(c.view()).np());
}

/// The same matrix as a nalgebra `DMatrix`.
fn to_nalgebra(_m: ArrayView2<f64>) -> DMatrix<f64> {
    // TODO: `DMatrix::from_fn(rows, cols, |i, j| ...)` builds a matrix from a
    // function of the index; take element (i, j) of `m` (`m.dim()` is the shape).
    // (Remove the leading `_` of the parameters you use.)
    todo!("copy the ndarray matrix into a nalgebra DMatrix")
}

/// The solution of `m x = rhs`, like `numpy.linalg.solve`.
fn solve(_m: ArrayView2<f64>, _rhs: ArrayView1<f64>) -> Array1<f64> {
    // TODO: turn `rhs` into a `DVector::from_iterator(len, rhs.iter().copied())`,
    // factorise the matrix with `.lu()` and call the factorization's `solve(&b)`,
    // which is `None` for a singular matrix. Return the result as an `Array1`.
    todo!("solve m x = rhs")
}

/// The eigenvalues of a symmetric matrix in ascending order, like
/// `numpy.linalg.eigvalsh`.
fn eigvalsh(_m: ArrayView2<f64>) -> Array1<f64> {
    // TODO: `SymmetricEigen::new(matrix)` has a field `eigenvalues`, in no
    // particular order: collect them into a `Vec<f64>`, sort it with
    // `sort_by(f64::total_cmp)` and return `Array1::from(vec)`.
    todo!("the eigenvalues of a symmetric matrix, ascending")
}

/// The eigenvalues of a general square matrix whose eigenvalues are all real, in
/// ascending order (NumPy's `eigvals`, sorted).
fn eigvals(_m: ArrayView2<f64>) -> Array1<f64> {
    // TODO: a `DMatrix` has `.eigenvalues()`, an `Option` that is `None` when some
    // eigenvalues are complex. Sort them as in `eigvalsh`. Why not `SymmetricEigen`?
    todo!("the eigenvalues of a general matrix, ascending")
}
