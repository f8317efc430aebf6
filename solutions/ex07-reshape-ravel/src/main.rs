//! ex07 (reshape-ravel), reference solution: giving the same elements another shape.
//! `to_shape` and `flatten` return a view when the memory layout allows it and a copy
//! otherwise (a `CowArray` says which); `into_shape_with_order` consumes an owned
//! array and never copies; a shape that does not fit is an `Err`, not an exception.
//!
//! Mirrors seed 002, "Array manipulation": `mat.reshape(3,2)` and `mat.ravel()` on
//! `mat = np.array([[1, 2, 3], [4, 5, 6]])`.

use hpckit::NpDisplay;
use ndarray::{arr2, Array1, Array2, Array3, ArrayBase, CowArray, Data, Ix1, Ix2, ShapeError};

fn main() {
    let mat = arr2(&[[1, 2, 3], [4, 5, 6]]);
    println!("mat =");
    println!("{}", mat.np());

    let r = reshape(&mat, 3, 2).expect("6 elements fit a 3x2 shape");
    println!("mat.reshape(3, 2) =");
    println!("{}", r.np());
    println!("mat.reshape(3, 2) is a view: {}", r.is_view());

    let flat = ravel(&mat);
    println!("mat.ravel() = {}", flat.np());
    println!("mat.ravel() is a view: {}", flat.is_view());

    // The transpose is a view with swapped strides: reading it row by row jumps
    // around `mat`'s memory, so its ravel has to copy.
    let t = mat.t();
    println!("mat.T =");
    println!("{}", t.np());
    let flat = ravel(&t);
    println!("mat.T.ravel() = {}", flat.np());
    println!("mat.T.ravel() is a view: {}", flat.is_view());

    match reshape(&mat, 4, 2) {
        Ok(r) => println!("mat.reshape(4, 2) =\n{}", r.np()),
        Err(e) => println!("mat.reshape(4, 2): {e}"),
    }

    let a: Array1<i64> = (0..12).collect();
    let cube = into_3d(a, (2, 3, 2)).expect("12 elements fit a 2x3x2 shape");
    println!("np.arange(12).reshape(2, 3, 2) =");
    println!("{}", cube.np());
}

/// `m.reshape(rows, cols)`: the elements of `m` in row-major order, as a
/// `rows` x `cols` array; a view of `m` if its layout allows, else a copy.
fn reshape(m: &Array2<i64>, rows: usize, cols: usize) -> Result<CowArray<'_, i64, Ix2>, ShapeError> {
    // The new shape must have as many elements as `m`; if not, this is an `Err`.
    m.to_shape((rows, cols))
}

/// `m.ravel()`: the elements of `m` in row-major order as a 1-D array; a view of `m`
/// if its layout allows, else a copy. `m` may be any 2-D array or view of `i64`:
/// `ArrayBase<S, Ix2>` with `S` the kind of storage (owned, view, ...).
fn ravel<S: Data<Elem = i64>>(m: &ArrayBase<S, Ix2>) -> CowArray<'_, i64, Ix1> {
    // ndarray's `flatten` is NumPy's `ravel` (a view when it can); NumPy's own
    // `flatten` always copies, like `m.flatten().into_owned()` here.
    m.flatten()
}

/// `a.reshape(shape)` for an array we own and no longer need: no copy, ever.
fn into_3d(a: Array1<i64>, shape: (usize, usize, usize)) -> Result<Array3<i64>, ShapeError> {
    // `a` is moved in, and its memory is reused for the result. An owned array made by
    // `collect` is contiguous, so only a wrong number of elements can fail.
    a.into_shape_with_order(shape)
}
