//! ex16 (layout-flags): NumPy's `flags` (C_CONTIGUOUS,
//! F_CONTIGUOUS, OWNDATA) for an array, its transpose, a slice and copies.
//!
//! Contiguity is a property of the strides, checked at run time
//! (`is_standard_layout`); ownership is a property of the type: an `Array` owns its
//! elements, an `ArrayView` borrows them. A small trait reads it from the type, and
//! `Flags` prints the three lines the way NumPy's `print(a.flags)` begins.
//!
//! Write `c_contiguous`, `f_contiguous` and the three `owns_data` below; `main`,
//! `Flags` and its printing are done.
//! Check it with `cargo run -p runner -- check ex16`.

use ndarray::{s, Array, Array2, ArrayBase, ArrayView, Data, Dimension, OwnedRepr, ViewRepr};
use std::fmt;

fn main() {
    let a: Array2<f64> = Array::range(0.0, 16.0, 1.0)
        .into_shape_with_order((4, 4))
        .expect("16 values make a 4×4 array");
    println!("a.flags\n{}", Flags::of(&a));

    let b = a.t();
    println!("b = a.T; b.flags\n{}", Flags::of(&b));

    let c = a.slice(s![0..2, 0..2]);
    println!("c = a[0:2, 0:2]; c.flags\n{}", Flags::of(&c));

    let d = c.to_owned();
    println!("d = c.copy(); d.flags\n{}", Flags::of(&d));

    // Not NumPy's copy(): ndarray's `to_owned` keeps the memory order of a contiguous
    // view, so the copy of a transpose is Fortran-ordered.
    let e = a.t().to_owned();
    println!("e = a.t().to_owned(); e.flags\n{}", Flags::of(&e));

    // `as_standard_layout` gives C order, copying only when needed (NumPy's
    // `np.ascontiguousarray`); `into_owned` makes the result an `Array`.
    let f = a.t().as_standard_layout().into_owned();
    println!(
        "f = a.t().as_standard_layout().into_owned(); f.flags\n{}",
        Flags::of(&f)
    );
}

/// The first three of NumPy's array flags.
struct Flags {
    c_contiguous: bool,
    f_contiguous: bool,
    owndata: bool,
}

impl Flags {
    /// The flags of any ndarray array or view.
    fn of<S, D>(a: &ArrayBase<S, D>) -> Flags
    where
        S: Data<Elem = f64> + OwnsData,
        D: Dimension,
    {
        let view = a.view();
        Flags {
            c_contiguous: c_contiguous(&view),
            f_contiguous: f_contiguous(&view),
            owndata: S::owns_data(),
        }
    }
}

/// Prints like the start of NumPy's `print(a.flags)`.
impl fmt::Display for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let py = |b: bool| if b { "True" } else { "False" };
        writeln!(f, "  C_CONTIGUOUS : {}", py(self.c_contiguous))?;
        writeln!(f, "  F_CONTIGUOUS : {}", py(self.f_contiguous))?;
        write!(f, "  OWNDATA : {}", py(self.owndata))
    }
}

/// Whether the elements fill one block of memory in row-major (C) order: the
/// last index varies fastest.
fn c_contiguous<D: Dimension>(_a: &ArrayView<f64, D>) -> bool {
    // TODO: ndarray calls C order "standard layout"; there is a method that says
    // whether an array has it. (Remove the leading `_` of `a` when you use it.)
    todo!("is a in C order, in one block?")
}

/// Whether the elements fill one block of memory in column-major (Fortran) order:
/// the first index varies fastest.
fn f_contiguous<D: Dimension>(_a: &ArrayView<f64, D>) -> bool {
    // TODO: ndarray has no method for Fortran order, but column-major is row-major
    // with the axes reversed: what is the transpose (`t()`) of an F-ordered array?
    todo!("is a in Fortran order, in one block?")
}

/// Whether an array type owns its elements: NumPy's OWNDATA, which Rust knows
/// from the type alone.
trait OwnsData {
    fn owns_data() -> bool;
}

/// `Array<A, D>` is `ArrayBase<OwnedRepr<A>, D>`: it owns a `Vec` of its elements
/// and frees them when dropped.
impl<A> OwnsData for OwnedRepr<A> {
    fn owns_data() -> bool {
        // TODO: true or false?
        todo!("does OwnedRepr own its elements?")
    }
}

/// `ArrayView<'a, A, D>` is `ArrayBase<ViewRepr<&'a A>, D>`: it borrows the
/// elements of an array that must outlive it.
impl<A> OwnsData for ViewRepr<&A> {
    fn owns_data() -> bool {
        // TODO: true or false?
        todo!("does ViewRepr<&A> own its elements?")
    }
}

/// `ArrayViewMut<'a, A, D>` is `ArrayBase<ViewRepr<&'a mut A>, D>`: it borrows
/// them mutably.
impl<A> OwnsData for ViewRepr<&mut A> {
    fn owns_data() -> bool {
        // TODO: true or false?
        todo!("does ViewRepr<&mut A> own its elements?")
    }
}
