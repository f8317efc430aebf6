//! ex18 (contiguous-buffers): which arrays MPI can send as
//! they are, and how to make a contiguous buffer of the others.
//!
//! An MPI send takes a buffer, one block of memory holding the values in the order
//! they are to arrive; in rsmpi that is a slice, `&[f64]`. `as_slice()` gives one
//! only for an array in standard (C) layout. For a whole array, its transpose, a
//! 2×2 slice, a column, a row, every other element of a 1-D array, and copies of the
//! transpose, this program prints what `as_slice()` and `as_slice_memory_order()`
//! say, then builds the buffer to send: the array's own memory when it is in C order
//! (borrowed, no copy), a copy in C order otherwise.
//!
//! Write `send_buffer` and `c_order_copy` below; `main` is done.
//! Check it with `cargo run -p runner -- check ex18`.

use hpckit::NpDisplay;
use ndarray::{s, Array, Array1, Array2, ArrayView2, ArrayViewD};
use std::borrow::Cow;

fn main() {
    let a: Array2<f64> = Array::range(0.0, 16.0, 1.0)
        .into_shape_with_order((4, 4))
        .expect("16 values make a 4×4 array");
    // NumPy's `np.arange(12.)`, whose every other element the mpi4py lecture sends.
    let x = Array1::range(0.0, 12.0, 1.0);
    // Both copies of the transpose own their memory; only one is in C order.
    let t_to_owned = a.t().to_owned();
    let t_standard = c_order_copy(a.t());

    // Views of different dimensions, as dynamic-dimensional views in one list.
    let arrays: [(&str, ArrayViewD<f64>); 8] = [
        ("a", a.view().into_dyn()),
        ("a.t()", a.t().into_dyn()),
        ("a.slice(s![0..2, 0..2])", a.slice(s![0..2, 0..2]).into_dyn()),
        ("a.column(1)", a.column(1).into_dyn()),
        ("a.row(1)", a.row(1).into_dyn()),
        ("x.slice(s![..;2])", x.slice(s![..;2]).into_dyn()),
        ("a.t().to_owned()", t_to_owned.view().into_dyn()),
        ("c_order_copy(a.t())", t_standard.view().into_dyn()),
    ];

    for (name, view) in arrays {
        let some = |found: bool| if found { "Some" } else { "None" };
        println!(
            "{name}: as_slice {}, as_slice_memory_order {}",
            some(view.as_slice().is_some()),
            some(view.as_slice_memory_order().is_some()),
        );
        match send_buffer(view.clone()) {
            Cow::Borrowed(buffer) => println!("  buffer, borrowed: {}", buffer.np()),
            Cow::Owned(buffer) => println!("  buffer, copied:   {}", buffer.np()),
        }
        // The trap: a view that is contiguous in another order. Its memory holds the
        // right values in the wrong order; sending it would scramble the array.
        if let (None, Some(memory)) = (view.as_slice(), view.as_slice_memory_order()) {
            println!("  memory, unusable: {}", memory.np());
        }
    }
}

/// The elements of `a` in row-major (C) order, as one slice that MPI can send:
/// `a`'s own memory when it is already laid out that way, else a copy.
fn send_buffer<'a>(_a: ArrayViewD<'a, f64>) -> Cow<'a, [f64]> {
    // TODO: a view's `to_slice()` is `Some(slice)` exactly when its elements are in
    // C order in one block; the slice lives as long as the data (`'a`). Return it as
    // `Cow::Borrowed`. Otherwise gather the elements in logical order, which is what
    // `a.iter()` visits, into a `Vec` and return `Cow::Owned`.
    // (Remove the leading `_` of `a` when you use it.)
    todo!("a's elements in C order: borrowed if possible, copied if not")
}

/// A copy of `a` in row-major (C) order, whatever `a`'s layout: NumPy's
/// `a.copy()` (`order='C'`), which ndarray's `to_owned()` is not.
fn c_order_copy(_a: ArrayView2<f64>) -> Array2<f64> {
    // TODO: `as_standard_layout()` gives a `CowArray` in C order (borrowed if `a` is
    // in C order already, copied if not); `into_owned()` turns it into an `Array`.
    todo!("a copy of a in C order")
}
