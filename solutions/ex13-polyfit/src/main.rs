//! ex13 (polyfit), reference solution: least-squares fit of a polynomial, and its
//! evaluation, as NumPy's `polyfit` and `polyval` do.
//!
//! Samples y = x² plus uniform noise in [0, 1) at seven points of [-4, 4], fits a
//! polynomial of degree 2 by least squares, prints its coefficients (highest power
//! first, NumPy's order) and evaluates it on [-6, 6].
//!
//! The least-squares problem `V p ≈ y` (V the Vandermonde matrix) is solved with a
//! Householder QR factorization from nalgebra: `R p = Qᵀ y`. QR works on V itself;
//! the normal equations `VᵀV p = Vᵀy` would square V's condition number, which for
//! Vandermonde matrices is large already. NumPy uses an SVD (LAPACK's `gelsd`), which
//! also copes with rank-deficient problems; for a full-rank fit QR is as accurate.
//!
//! Mirrors seed 002, "NumPy tools: Polynomials" (`x = np.linspace(-4, 4, 7)`,
//! `y = x**2 + rnd.random(x.shape)`, `p = np.polyfit(x, y, 2)`), and the course's
//! polynomials exercise (evaluate the fit on [-6, 6] with `polyval`).
//! Check it with `cargo run -p runner -- check ex13`.

use hpckit::NpDisplay;
use nalgebra::{DMatrix, DVector};
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
fn vander(x: ArrayView1<f64>, columns: usize) -> Array2<f64> {
    Array2::from_shape_fn((x.len(), columns), |(i, j)| {
        // The power falls from columns-1 in the first column to 0 in the last.
        x[i].powi((columns - 1 - j) as i32)
    })
}

/// The coefficients of the polynomial of degree `deg` that fits the points (x, y)
/// best in the least-squares sense, highest power first, like `numpy.polyfit`.
fn polyfit(x: ArrayView1<f64>, y: ArrayView1<f64>, deg: usize) -> Array1<f64> {
    let v = vander(x, deg + 1);
    // nalgebra stores matrices column by column (Fortran order), ndarray row by row:
    // build the matrix element by element, (i, j) to (i, j), and the layout follows.
    let a = DMatrix::from_fn(v.nrows(), v.ncols(), |i, j| v[[i, j]]);
    let b = DVector::from_iterator(y.len(), y.iter().copied());
    // For an m×n matrix with m ≥ n, Q is m×n with orthonormal columns and R is n×n
    // upper triangular; V p ≈ y becomes the small triangular system R p = Qᵀ y.
    let qr = a.qr();
    let qty = qr.q().transpose() * b;
    let p = qr
        .r()
        .solve_upper_triangular(&qty)
        .expect("the points must not all share fewer than deg + 1 distinct x values");
    Array1::from_iter(p.iter().copied())
}

/// The polynomial with coefficients `p` (highest power first) at every point of `x`,
/// like `numpy.polyval(p, x)`.
fn polyval(p: ArrayView1<f64>, x: ArrayView1<f64>) -> Array1<f64> {
    // Horner's scheme: ((p0 x + p1) x + p2) ...: one multiplication and one addition
    // per coefficient, no powers.
    x.mapv(|x| p.iter().fold(0.0, |acc, &c| acc * x + c))
}
