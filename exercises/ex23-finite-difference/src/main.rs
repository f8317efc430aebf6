//! ex23 (finite-difference): the derivative of `sin` by central differences and its
//! integral by the midpoint rule, both without an explicit loop, as differences and
//! sums of shifted slices. Fill in the two functions marked TODO.
//! Check it with `cargo run -p runner -- check ex23`.

use hpckit::NpDisplay;
use ndarray::{s, Array1, ArrayView1};
use std::f64::consts::FRAC_PI_2;

fn main() {
    // x = np.arange(0, np.pi / 2, 0.1): 16 points, 0.0 to 1.5.
    let dx = 0.1;
    let x = Array1::range(0.0, FRAC_PI_2, dx);
    let f = x.mapv(f64::sin);
    println!("x = {}", x.np());

    // The derivative at the interior points x[1:-1], against the exact cos there.
    let derivative = central_difference(f.view(), dx);
    // `s![1..-1]` counts from the end as NumPy's `[1:-1]` does; clippy takes it for an
    // empty range, wrongly.
    #[allow(clippy::reversed_empty_ranges)]
    let exact = x.slice(s![1..-1]).mapv(f64::cos);
    println!("sin'(x[1:-1]) ~ {}", derivative.np());
    println!("cos(x[1:-1])  = {}", exact.np());
    let max_error = (&derivative - &exact)
        .mapv(f64::abs)
        .fold(0.0, |m: f64, &e| m.max(e));
    println!("max error: {}", sci(max_error));

    // The integral of sin over [0, pi/2] is exactly 1. The midpoint rule's error
    // shrinks as dx squared: ten times more intervals, a hundred times less error.
    for n in [10, 100, 1000] {
        let integral = midpoint_integral(f64::sin, 0.0, FRAC_PI_2, n);
        let error = sci((integral - 1.0).abs());
        println!("n = {n:4}: integral = {integral:.10}, error = {error}");
    }
}

/// `(f[2:] - f[:-2]) / (2 dx)`: the central-difference derivative at the interior
/// points, from the values `f` of a function on a grid of spacing `dx`.
fn central_difference(_f: ArrayView1<f64>, _dx: f64) -> Array1<f64> {
    // TODO: two views of `f` shifted by two, `f.slice(s![2..])` and
    // `f.slice(s![..-2])`; subtract them (`&a - &b` makes a new array) and divide
    // by `2.0 * dx`. (Remove the leading `_` of the parameters you use.)
    todo!("the central differences of `f`")
}

/// The midpoint (middle Riemann) sum of `f` over `[a, b]` with `n` intervals:
/// `dx * sum(f((x[1:] + x[:-1]) / 2))` where `x = np.linspace(a, b, n + 1)`.
fn midpoint_integral(_f: fn(f64) -> f64, _a: f64, _b: f64, _n: usize) -> f64 {
    // TODO: the `n + 1` edges from `Array1::linspace(a, b, n + 1)`; the midpoints as
    // the mean of two shifted slices of the edges; `mapv(f)` evaluates `f` at every
    // midpoint; `.sum()` adds them up; multiply by `dx = (b - a) / n`.
    todo!("the midpoint sum of `f` over [a, b]")
}

/// `x` in scientific notation with 4 significant digits and a two-digit exponent, as
/// Python's `"%.3e" % x` writes it (`1.658e-03`; Rust's `{:.3e}` writes `1.658e-3`).
fn sci(x: f64) -> String {
    let text = format!("{x:.3e}");
    let (mantissa, exponent) = text.split_once('e').expect("`{:e}` writes an exponent");
    let exponent: i32 = exponent.parse().expect("the exponent is an integer");
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", exponent.abs())
}
