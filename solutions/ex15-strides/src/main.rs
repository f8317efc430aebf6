//! ex15 (strides), reference solution: how an array's strides locate its elements
//! in memory, for a 4×4 array, its transpose, a column, a 2×2 slice and a copy.
//!
//! NumPy gives strides in bytes; ndarray's `strides()` counts elements. This program
//! converts ndarray's strides to bytes, prints them as NumPy would (`(32, 8)` for the
//! 4×4 array of f64 and for its 2×2 slice, `(16, 8)` for the slice's copy), and checks
//! the stride formula for the offset of an element against the element's address.
//!
//! Mirrors seed 000, "NumPy and buffer-like objects": `a = np.arange(16.).reshape(4,4)`,
//! `c = a[0:2, 0:2]`, `d = c.copy()`, `a.strides`, `c.strides`, `d.strides`, and
//! `a[:,1].reshape(2,2)`; and seed 002, "Anatomy of NumPy array" (strides, itemsize).
//! Check it with `cargo run -p runner -- check ex15`.

use hpckit::{py_float, NpDisplay};
use ndarray::{s, Array, Array2, ArrayView, Dimension};
use std::mem::size_of;

fn main() {
    // `into_shape_with_order` reinterprets the 16 values of the 1-D array as 4 rows
    // of 4 (row-major, NumPy's default order) without copying them.
    let a: Array2<f64> = Array::range(0.0, 16.0, 1.0)
        .into_shape_with_order((4, 4))
        .expect("16 values make a 4×4 array");
    println!("a =\n{}", a.np());
    println!("a.itemsize = {}", size_of::<f64>());
    println!("a.strides() = {:?} in elements (ndarray)", a.strides());
    println!("a.strides = {}", py_tuple(&byte_strides(a.view())));

    // Where element (2, 1) lies: 2 rows of 32 bytes and 1 column of 8 bytes from the
    // start. Measure it on the actual addresses, too.
    let index = [2, 1];
    let computed = byte_offset(&byte_strides(a.view()), &index);
    let measured = address(&a[index]) - address(&a[[0, 0]]);
    let value = py_float(a[index]);
    println!("a[2, 1] = {value} lies {computed} bytes after a[0, 0] (measured: {measured})");

    let t = a.t();
    println!("a.T.strides = {}", py_tuple(&byte_strides(t)));
    let column = a.column(1);
    println!("a[:, 1].strides = {}", py_tuple(&byte_strides(column)));

    // NumPy's `reshape` makes a view when the strides allow it and a copy when not.
    // ndarray's `into_shape_with_order` never copies, and refuses anything but a
    // contiguous array; `to_shape` works like NumPy's `reshape` and returns a
    // `CowArray`. Here a view will do: rows 64 bytes apart, columns 32.
    let d = column.to_shape((2, 2)).expect("4 values make a 2×2 array");
    println!("a[:, 1].reshape(2, 2) =\n{}", d.np());
    println!(
        "a[:, 1].reshape(2, 2).strides = {}",
        py_tuple(&byte_strides(d.view()))
    );

    let c = a.slice(s![0..2, 0..2]);
    println!("c = a[0:2, 0:2] =\n{}", c.np());
    println!("c.strides = {}", py_tuple(&byte_strides(c)));

    // A copy gets fresh memory, just big enough for its 4 values, in row-major order.
    let d = c.to_owned();
    println!("d = c.copy(); d.strides = {}", py_tuple(&byte_strides(d.view())));
}

/// The strides of `a` in bytes, as NumPy reports them: ndarray's strides count
/// elements, so each is multiplied by the size of one element.
fn byte_strides<A, D: Dimension>(a: ArrayView<A, D>) -> Vec<isize> {
    // Strides are `isize`: a view can step backwards (`s![..;-1]`).
    let itemsize = size_of::<A>() as isize;
    a.strides().iter().map(|&s| s * itemsize).collect()
}

/// The distance in bytes from the first element to the element at `index`:
/// the sum over the axes of index × stride.
fn byte_offset(strides: &[isize], index: &[usize]) -> isize {
    strides.iter().zip(index).map(|(&s, &i)| s * i as isize).sum()
}

/// The address of a value, as a number.
fn address<T>(x: &T) -> isize {
    x as *const T as isize
}

/// A list of numbers as a Python tuple: `(32, 8)`, and `(32,)` for one number.
fn py_tuple(values: &[isize]) -> String {
    let items: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    match items.len() {
        1 => format!("({},)", items[0]),
        _ => format!("({})", items.join(", ")),
    }
}
