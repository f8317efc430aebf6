//! ex09 (elementwise-math), reference solution: arithmetic between an array and a
//! scalar or between two arrays acts element by element, and so do math functions,
//! applied with `mapv`.
//!
//! Mirrors seed 002, "Array operations": `a * b`, `a + b` and `a * a` with
//! `a = np.array([1.0, 2.0, 3.0])` and `b = 2.0` (plus `-`, `/` and `**`), and
//! `numpy.sin` over `numpy.linspace(-math.pi, math.pi, 8)` (plus `sqrt` and `exp`).

use hpckit::{py_float, NpDisplay};
use ndarray::{arr1, Array1};
use std::f64::consts::PI;

fn main() {
    let a = arr1(&[1.0, 2.0, 3.0]);
    let b = 2.0;
    println!("a = {}", a.np());
    println!("b = {}", py_float(b));

    let [times, plus, minus, divided] = scalar_ops(&a, b);
    println!("a * b = {}", times.np());
    println!("a + b = {}", plus.np());
    println!("a * a = {}", product(&a, &a).np());
    println!("a - b = {}", minus.np());
    println!("a / b = {}", divided.np());
    println!("a ** 2 = {}", power(&a, 2).np());

    // A math function is applied to every element; `f64::sqrt` is the function
    // itself, passed as a value.
    println!("np.sqrt(a) = {}", apply(&a, f64::sqrt).np());
    println!("np.exp(a) = {}", apply(&a, f64::exp).np());

    let x = Array1::linspace(-PI, PI, 8);
    println!("x = np.linspace(-pi, pi, 8) =");
    println!("{}", x.np());
    println!("np.sin(x) =");
    println!("{}", apply(&x, f64::sin).np());
}

/// `[a * b, a + b, a - b, a / b]` for a scalar `b`, each a new array.
fn scalar_ops(a: &Array1<f64>, b: f64) -> [Array1<f64>; 4] {
    // The operators are defined on `&Array` (borrow `a`, allocate the result) and on
    // `Array` (consume it and reuse its memory). `a` is a reference here, so each
    // operation makes a new array and `a` stays as it was.
    [a * b, a + b, a - b, a / b]
}

/// `a * c`: the element-wise product of two arrays of the same shape.
fn product(a: &Array1<f64>, c: &Array1<f64>) -> Array1<f64> {
    // Element by element, not a dot product (that is `a.dot(c)`). With shapes that do
    // not match (nor broadcast), this panics.
    a * c
}

/// `a ** n`: every element to the integer power `n`.
fn power(a: &Array1<f64>, n: i32) -> Array1<f64> {
    // Rust has no `**` operator: `powi` for integer powers, `powf` for real ones.
    a.mapv(|x| x.powi(n))
}

/// `f(a)` for a NumPy ufunc `f`: `f` applied to every element, in a new array.
fn apply(a: &Array1<f64>, f: fn(f64) -> f64) -> Array1<f64> {
    // `mapv` passes each element by value (`map` would pass `&f64`). Calling
    // `f64::sin(a)` itself does not compile: it takes one `f64`, not an array.
    a.mapv(f)
}
