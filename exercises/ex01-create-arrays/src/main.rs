//! ex01 (create-arrays): make arrays the ways the Python course's first NumPy examples
//! do, with ndarray: from Rust data (a float vector and a complex matrix), from a range
//! (`arange`), from evenly spaced points (`linspace`), and filled with zeros or ones.
//! Fill in the six functions below `main`; `main` prints them as NumPy would.
//! Check it with `cargo run -p runner -- check ex01`.

use hpckit::NpDisplay;
use ndarray::{Array1, Array2};
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
fn float_array(_list: &[i32]) -> Array1<f64> {
    // TODO: convert each element with `f64::from` and `collect()` the iterator into an
    // `Array1<f64>` (or build `Array1::from(vec)`). Rust never converts numbers for you.
    // (Remove the leading `_` of the parameters you use.)
    todo!("the integers of `list` as an array of floats")
}

/// `np.array(rows, complex)`: a 2-D array of complex numbers with the values of
/// `rows` as real parts and zero imaginary parts.
fn complex_matrix(_rows: &[[i32; 3]]) -> Array2<Complex64> {
    // TODO: `ndarray::arr2(rows)` makes an `Array2<i32>` from nested arrays; its
    // `mapv(|x| ...)` makes a new array by converting every element, here to
    // `Complex64::new(real, imaginary)`.
    todo!("a complex matrix from `rows`")
}

/// `np.arange(n)`: the integers `0, 1, ..., n - 1`.
fn arange(_n: i64) -> Array1<i64> {
    // TODO: `Array1::range` only makes floats; a Rust range `0..n` is an iterator,
    // and iterators `collect()` into arrays.
    todo!("the integers from 0 to n - 1")
}

/// `np.linspace(start, stop, num)`: `num` evenly spaced points, both ends included.
fn linspace(_start: f64, _stop: f64, _num: usize) -> Array1<f64> {
    // TODO: ndarray has it under the same name, as a constructor of `Array1`.
    todo!("`num` points from `start` to `stop`")
}

/// `np.zeros((rows, cols))`: a 2-D array of `0.0`.
fn zeros(_rows: usize, _cols: usize) -> Array2<f64> {
    // TODO: `Array2::zeros(shape)`, where the shape is a tuple `(rows, cols)`.
    todo!("a rows x cols array of zeros")
}

/// `np.ones((rows, cols))`: a 2-D array of `1.0`.
fn ones(_rows: usize, _cols: usize) -> Array2<f64> {
    // TODO: like `zeros`.
    todo!("a rows x cols array of ones")
}
