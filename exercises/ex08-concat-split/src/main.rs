//! ex08 (concat-split): join arrays along an axis, which makes a new array, and split
//! an array into equal pieces, which are views. Fill in the two functions below
//! `main`.
//! Check it with `cargo run -p runner -- check ex08`.

use hpckit::NpDisplay;
use ndarray::{arr2, Array2, ArrayView2, ShapeError};

fn main() {
    let mat1 = arr2(&[[1, 2, 3], [4, 5, 6]]);
    let mat2 = arr2(&[[7, 8, 9], [10, 11, 12]]);
    println!("mat1 =");
    println!("{}", mat1.np());
    println!("mat2 =");
    println!("{}", mat2.np());

    let v = concatenate(0, &mat1, &mat2).expect("the shapes agree along axis 1");
    println!("np.concatenate((mat1, mat2)) =");
    println!("{}", v.np());
    let h = concatenate(1, &mat1, &mat2).expect("the shapes agree along axis 0");
    println!("np.concatenate((mat1, mat2), axis=1) =");
    println!("{}", h.np());

    // NumPy prints the list of pieces as `[array([[1], [4]]), ...]`; here each piece
    // is printed on its own, as `print(piece)` would.
    println!("np.split(mat1, 3, axis=1):");
    for piece in split(&mat1, 3, 1).expect("3 divides 3 columns") {
        println!("{}", piece.np());
    }
    println!("np.split(np.concatenate((mat1, mat2)), 2):");
    for piece in split(&v, 2, 0).expect("2 divides 4 rows") {
        println!("{}", piece.np());
    }
    match split(&mat1, 2, 1) {
        Some(pieces) => println!("np.split(mat1, 2, axis=1): {} pieces", pieces.len()),
        None => println!("np.split(mat1, 2, axis=1): 3 columns do not split into 2 equal pieces"),
    }
}

/// `np.concatenate((a, b), axis=axis)`: `a` followed by `b` along `axis`, in a new array.
fn concatenate(_axis: usize, _a: &Array2<i64>, _b: &Array2<i64>) -> Result<Array2<i64>, ShapeError> {
    // TODO: `ndarray::concatenate(Axis(axis), &[...])` joins a slice of views, such as
    // `a.view()`, and returns exactly this `Result`. (Add `Axis` to the
    // `use ndarray::{...}` line; remove the leading `_` of the parameters you use.)
    todo!("a and b joined along `axis`")
}

/// `np.split(a, n, axis=axis)`: `n` pieces of equal length along `axis`, as views of
/// `a`; `None` if the length of that axis is not a multiple of `n`.
fn split(_a: &Array2<i64>, _n: usize, _axis: usize) -> Option<Vec<ArrayView2<'_, i64>>> {
    // TODO: `a.len_of(Axis(axis))` is the length to divide. If `n` divides it,
    // `a.axis_chunks_iter(Axis(axis), chunk_length)` yields the pieces as views:
    // `collect()` them into the `Vec`.
    todo!("n equal pieces of a along `axis`")
}
