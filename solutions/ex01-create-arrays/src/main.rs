//! ex01 (create-arrays), reference solution: the ways of making an array that the
//! Python course's first NumPy examples show, redone with ndarray. From Rust data (a float
//! vector and a complex matrix), from a range (`arange`), from evenly spaced points
//! (`linspace`), and filled with zeros or ones.
//!
//! Mirrors seed 002, "Creating numpy arrays": `np.array([1, 2, 3, 4], float)`,
//! `np.array(list1, complex)` with its shape and size, `np.arange(10)`,
//! `np.linspace(-4.5, 4.5, 5)`, `np.zeros((4, 6), float)` and `np.ones((2, 4))`.

use hpckit::NpDisplay;
use ndarray::{arr2, Array1, Array2};
use num_complex::Complex64;

fn main() {
    // From a list.
    let a = float_array(&[1, 2, 3, 4]);
    println!("a = {}", a.np());

    let list1 = [[1, 2, 3], [4, 5, 6]];
    let mat = complex_matrix(&list1);
    println!("mat =");
    println!("{}", mat.np());
    // `dim()` is the shape as a tuple, `(rows, columns)` for a 2-D array, like
    // NumPy's `mat.shape`; `len()` counts every element, like `mat.size`.
    println!("mat.shape = {:?}", mat.dim());
    println!("mat.size = {}", mat.len());

    // More ways: ranges, evenly spaced points, constant arrays.
    let a = arange(10);
    println!("a = {}", a.np());

    let b = linspace(-4.5, 4.5, 5);
    println!("b = {}", b.np());

    let c = zeros(4, 6);
    println!("c.shape = {:?}", c.dim());
    println!("c =");
    println!("{}", c.np());

    let d = ones(2, 4);
    println!("d =");
    println!("{}", d.np());
}

/// `np.array(list, float)`: the integers of `list` as a 1-D array of `f64`.
fn float_array(list: &[i32]) -> Array1<f64> {
    // Rust never converts numbers behind your back: NumPy's `dtype` argument becomes
    // an explicit conversion of each element. `f64::from` is lossless for `i32`.
    list.iter().copied().map(f64::from).collect()
}

/// `np.array(rows, complex)`: a 2-D array of complex numbers with the values of
/// `rows` as real parts and zero imaginary parts.
fn complex_matrix(rows: &[[i32; 3]]) -> Array2<Complex64> {
    // `arr2` builds a 2-D array from nested fixed-size arrays (each row must have the
    // same length, which the type `[i32; 3]` guarantees); `mapv` converts each element.
    arr2(rows).mapv(|x| Complex64::new(f64::from(x), 0.0))
}

/// `np.arange(n)`: the integers `0, 1, ..., n - 1`.
fn arange(n: i64) -> Array1<i64> {
    // `Array1::range` is for floats only; any iterator, such as a range, collects into
    // an array.
    (0..n).collect()
}

/// `np.linspace(start, stop, num)`: `num` evenly spaced points, both ends included.
fn linspace(start: f64, stop: f64, num: usize) -> Array1<f64> {
    Array1::linspace(start, stop, num)
}

/// `np.zeros((rows, cols))`: a 2-D array of `0.0`.
fn zeros(rows: usize, cols: usize) -> Array2<f64> {
    // The shape is a tuple, as in NumPy; the element type comes from the return type.
    Array2::zeros((rows, cols))
}

/// `np.ones((rows, cols))`: a 2-D array of `1.0`.
fn ones(rows: usize, cols: usize) -> Array2<f64> {
    Array2::ones((rows, cols))
}
