//! ex08 (concat-split), reference solution: joining arrays along an axis, which
//! makes a new array, and splitting an array into equal pieces, which are views.
//!
//! Mirrors seed 002, "Array manipulation": `np.concatenate((mat1, mat2))` along axis 0
//! and along axis 1, and `np.split(mat1, 3, axis=1)`; plus the split of the axis-0
//! concatenation back into its two halves, and a split that cannot be equal.

use hpckit::NpDisplay;
use ndarray::{arr2, Array2, ArrayView2, Axis, ShapeError};

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
fn concatenate(axis: usize, a: &Array2<i64>, b: &Array2<i64>) -> Result<Array2<i64>, ShapeError> {
    // `ndarray::concatenate` takes views of the arrays to join (any number of them);
    // their lengths along the other axes must agree, otherwise it returns an `Err`.
    ndarray::concatenate(Axis(axis), &[a.view(), b.view()])
}

/// `np.split(a, n, axis=axis)`: `n` pieces of equal length along `axis`, as views of
/// `a`; `None` if the length of that axis is not a multiple of `n`.
fn split(a: &Array2<i64>, n: usize, axis: usize) -> Option<Vec<ArrayView2<'_, i64>>> {
    let len = a.len_of(Axis(axis));
    if n == 0 || !len.is_multiple_of(n) {
        return None;
    }
    // Chunks of `len / n` along the axis: each chunk is a view into `a`, nothing is
    // copied. (For two pieces at any index, `a.view().split_at(Axis(axis), index)`.)
    Some(a.axis_chunks_iter(Axis(axis), len / n).collect())
}
