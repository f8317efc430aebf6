//! ex14 (linalg), reference solution: matrix product, a linear system and
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
//! Mirrors seed 002, "NumPy tools: Linear algebra" (`C = np.dot(A, B)`,
//! `np.linalg.solve(C, b)`), and the course's linear-algebra exercise (two symmetric
//! matrices, their product, its eigenvalues).
//! Check it with `cargo run -p runner -- check ex14`.

use hpckit::NpDisplay;
use nalgebra::{DMatrix, DVector, SymmetricEigen};
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
fn to_nalgebra(m: ArrayView2<f64>) -> DMatrix<f64> {
    // nalgebra keeps its elements column by column, ndarray row by row by default:
    // copying element (i, j) to (i, j) is right whatever either layout is. (Copying
    // the raw slice of a row-major array would give the transpose.)
    let (rows, cols) = m.dim();
    DMatrix::from_fn(rows, cols, |i, j| m[[i, j]])
}

/// The solution of `m x = rhs`, like `numpy.linalg.solve`.
fn solve(m: ArrayView2<f64>, rhs: ArrayView1<f64>) -> Array1<f64> {
    let b = DVector::from_iterator(rhs.len(), rhs.iter().copied());
    // LU with partial pivoting, what LAPACK's `gesv` behind NumPy does too.
    let x = to_nalgebra(m)
        .lu()
        .solve(&b)
        .expect("the matrix must be invertible");
    Array1::from_iter(x.iter().copied())
}

/// The eigenvalues of a symmetric matrix in ascending order, like
/// `numpy.linalg.eigvalsh`.
fn eigvalsh(m: ArrayView2<f64>) -> Array1<f64> {
    // `SymmetricEigen` reads only the lower triangle: it trusts the caller that the
    // matrix is symmetric, and gives a wrong answer, silently, if it is not.
    let eigen = SymmetricEigen::new(to_nalgebra(m));
    let mut values: Vec<f64> = eigen.eigenvalues.iter().copied().collect();
    // nalgebra gives no particular order; NumPy's eigvalsh sorts ascending.
    values.sort_by(f64::total_cmp);
    Array1::from(values)
}

/// The eigenvalues of a general square matrix whose eigenvalues are all real, in
/// ascending order (NumPy's `eigvals`, sorted).
fn eigvals(m: ArrayView2<f64>) -> Array1<f64> {
    // The real Schur form, from which `eigenvalues` reads the eigenvalues, is `None`
    // when some are complex; `complex_eigenvalues()` would give those.
    let values = to_nalgebra(m)
        .eigenvalues()
        .expect("this matrix has real eigenvalues");
    let mut values: Vec<f64> = values.iter().copied().collect();
    values.sort_by(f64::total_cmp);
    Array1::from(values)
}
