//! ex09 (elementwise-math): arithmetic between an array and a scalar or between two
//! arrays acts element by element, and so do math functions, applied with `mapv`.
//! Fill in the four functions below `main`.
//! Check it with `cargo run -p runner -- check ex09`.

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
fn scalar_ops(_a: &Array1<f64>, _b: f64) -> [Array1<f64>; 4] {
    // TODO: the operators work between `&Array1<f64>` and `f64` as in NumPy, and each
    // makes a new array. (Remove the leading `_` of the parameters you use.)
    todo!("a * b, a + b, a - b and a / b")
}

/// `a * c`: the element-wise product of two arrays of the same shape.
fn product(_a: &Array1<f64>, _c: &Array1<f64>) -> Array1<f64> {
    // TODO: `*` between two `&Array1<f64>`.
    todo!("the element-wise product")
}

/// `a ** n`: every element to the integer power `n`.
fn power(_a: &Array1<f64>, _n: i32) -> Array1<f64> {
    // TODO: Rust has no `**`. `a.mapv(|x| ...)` makes a new array from what a closure
    // returns for each element; `x.powi(n)` is the power of one `f64`.
    todo!("every element to the power n")
}

/// `f(a)` for a NumPy ufunc `f`: `f` applied to every element, in a new array.
fn apply(_a: &Array1<f64>, _f: fn(f64) -> f64) -> Array1<f64> {
    // TODO: `mapv` again; a function such as `f` can be passed where a closure goes.
    todo!("f applied to every element of a")
}
