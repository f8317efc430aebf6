//! ex07 (reshape-ravel): give the same elements another shape. `to_shape` and
//! `flatten` return a view when the memory layout allows it and a copy otherwise (a
//! `CowArray` says which); `into_shape_with_order` consumes an owned array and never
//! copies; a shape that does not fit is an `Err`, not an exception. Fill in the three
//! functions below `main`.
//! Check it with `cargo run -p runner -- check ex07`.

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
fn reshape(_m: &Array2<i64>, _rows: usize, _cols: usize) -> Result<CowArray<'_, i64, Ix2>, ShapeError> {
    // TODO: `m.to_shape(new_shape)` takes the shape as a tuple and returns exactly
    // this type. (Remove the leading `_` of the parameters you use.)
    todo!("m in a rows x cols shape")
}

/// `m.ravel()`: the elements of `m` in row-major order as a 1-D array; a view of `m`
/// if its layout allows, else a copy. `m` may be any 2-D array or view of `i64`:
/// `ArrayBase<S, Ix2>` with `S` the kind of storage (owned, view, ...).
fn ravel<S: Data<Elem = i64>>(_m: &ArrayBase<S, Ix2>) -> CowArray<'_, i64, Ix1> {
    // TODO: ndarray's `flatten()` behaves like NumPy's `ravel()` (`to_shape` with the
    // number of elements, `m.len()`, works too).
    todo!("the elements of m in one dimension")
}

/// `a.reshape(shape)` for an array we own and no longer need: no copy, ever.
fn into_3d(_a: Array1<i64>, _shape: (usize, usize, usize)) -> Result<Array3<i64>, ShapeError> {
    // TODO: `a.into_shape_with_order(shape)` consumes `a` and reuses its memory.
    todo!("a in a 3-D shape")
}
