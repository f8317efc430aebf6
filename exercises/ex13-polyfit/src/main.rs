//! ex13 (polyfit): least-squares fit of a polynomial, and its
//! evaluation, as NumPy's `polyfit` and `polyval` do.
//!
//! Samples y = x² plus uniform noise in [0, 1) at seven points of [-4, 4], fits a
//! polynomial of degree 2 by least squares, prints its coefficients (highest power
//! first, NumPy's order) and evaluates it on [-6, 6].
//!
//! Write `vander`, `polyfit` and `polyval` below; `main` is done.
//! Check it with `cargo run -p runner -- check ex13`.

use hpckit::NpDisplay;
// For your code: `nalgebra::{DMatrix, DVector}`.
use ndarray::{Array1, Array2, ArrayView1};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;

const SEED: u64 = 2024;

fn main() {
    let mut rng = Pcg64::seed_from_u64(SEED);
    let x = Array1::linspace(-4.0, 4.0, 7);
    let noise = Array1::from_shape_simple_fn(x.len(), || rng.random::<f64>());
    // `&x * &x` multiplies element by element into a new array, like NumPy's `x**2`.
    let y = &x * &x + &noise;
    println!("x =\n{}", x.np());
    println!("y = x**2 + noise =\n{}", y.np());

    // The least-squares problem behind the fit: find p with V p as close to y as
    // possible, V having columns x², x and 1.
    println!("V = vander(x, 3) =\n{}", vander(x.view(), 3).np());

    let p = polyfit(x.view(), y.view(), 2);
    println!("p = polyfit(x, y, 2) = {}", p.np());

    let fitted = polyval(p.view(), x.view());
    println!("polyval(p, x) =\n{}", fitted.np());
    let residual = &y - &fitted;
    println!("sum of squared residuals = {:.6}", residual.dot(&residual));

    let wide = Array1::linspace(-6.0, 6.0, 7);
    println!("polyval(p, {}) =", wide.np());
    println!("{}", polyval(p.view(), wide.view()).np());
}

/// The Vandermonde matrix of `x` with `columns` columns, highest power first, like
/// `numpy.vander(x, columns)`: row i is `[x_i^(columns-1), ..., x_i, 1]`.
fn vander(_x: ArrayView1<f64>, _columns: usize) -> Array2<f64> {
    // TODO: `Array2::from_shape_fn((rows, cols), |(i, j)| ...)` builds an array from
    // a function of the index; element (i, j) is x[i] to the power columns-1-j
    // (`f64::powi`). (Remove the leading `_` of the parameters you use.)
    todo!("the Vandermonde matrix of x")
}

/// The coefficients of the polynomial of degree `deg` that fits the points (x, y)
/// best in the least-squares sense, highest power first, like `numpy.polyfit`.
fn polyfit(_x: ArrayView1<f64>, _y: ArrayView1<f64>, _deg: usize) -> Array1<f64> {
    // TODO: minimise |V p - y| for V = vander(x, deg + 1). Copy V into a nalgebra
    // `DMatrix::from_fn(rows, cols, |i, j| v[[i, j]])` and y into a
    // `DVector::from_iterator(len, y.iter().copied())`. Factorise V = QR with
    // `.qr()`; then p solves the triangular system R p = Qᵀ y:
    // `qr.r().solve_upper_triangular(&(qr.q().transpose() * b))` (an `Option`).
    // Return p as an ndarray `Array1` (`Array1::from_iter`).
    todo!("least-squares fit of a polynomial of degree deg")
}

/// The polynomial with coefficients `p` (highest power first) at every point of `x`,
/// like `numpy.polyval(p, x)`.
fn polyval(_p: ArrayView1<f64>, _x: ArrayView1<f64>) -> Array1<f64> {
    // TODO: Horner's scheme evaluates p0 x² + p1 x + p2 as (p0 x + p1) x + p2: start
    // from 0 and, for each coefficient c, multiply by x and add c (`fold`). Do it
    // for every element of x with `x.mapv(...)`.
    todo!("evaluate the polynomial p at every x")
}
