//! Printing arrays exactly as NumPy's `str(arr)` does, with NumPy's default print
//! options (precision 8, linewidth 75, threshold 1000, edgeitems 3, floatmode
//! `'maxprec'`).
//!
//! The port follows `numpy/_core/arrayprint.py` (NumPy 2.x): [`element`] turns one
//! element into text the way NumPy's per-dtype formatters do, after looking at all
//! the elements that will be shown (that is where the common width, the number of
//! decimals and the choice of scientific notation come from), and [`layout`] puts
//! those texts into brackets, wraps the lines and summarises big arrays with `...`.
//! Floats take two more modules: [`digits`] (Dragon4's digits) and [`float`]
//! (NumPy's `FloatingFormat`); [`scalar`] prints single floats as Python does.

mod digits;
mod element;
mod float;
mod layout;
mod scalar;

use ndarray::{ArrayBase, ArrayView1, ArrayViewD, Data, Dimension};
use std::fmt;

pub use element::NpElement;
pub use scalar::py_float;

/// Arrays that can be printed as NumPy prints them: `arr.np()` is a value whose
/// [`Display`](fmt::Display) gives the text of NumPy's `print(arr)`.
///
/// Implemented for every `ndarray` array, view and dimension (0-D prints the scalar,
/// as NumPy does), and for slices and `Vec`s, which print as 1-D arrays.
///
/// ```
/// use hpckit::NpDisplay;
/// use ndarray::{arr2, Array1};
///
/// assert_eq!(Array1::range(0.0, 4.0, 1.0).np().to_string(), "[0. 1. 2. 3.]");
/// assert_eq!(arr2(&[[1, 2], [3, 40]]).np().to_string(), "[[ 1  2]\n [ 3 40]]");
/// assert_eq!(vec![true, false].np().to_string(), "[ True False]");
/// ```
pub trait NpDisplay {
    /// The element type, which decides the formatting rules (float, int, ...).
    type Elem: NpElement;

    /// A view of `self` that displays like NumPy's `str()`.
    fn np(&self) -> Np<'_, Self::Elem>;
}

/// What [`NpDisplay::np`] returns: display it (`{}`) to get NumPy's text.
#[derive(Debug, Clone)]
pub struct Np<'a, A> {
    view: ArrayViewD<'a, A>,
}

impl<A, S, D> NpDisplay for ArrayBase<S, D>
where
    A: NpElement,
    S: Data<Elem = A>,
    D: Dimension,
{
    type Elem = A;

    fn np(&self) -> Np<'_, A> {
        Np {
            view: self.view().into_dyn(),
        }
    }
}

impl<A: NpElement> NpDisplay for [A] {
    type Elem = A;

    fn np(&self) -> Np<'_, A> {
        Np {
            view: ArrayView1::from(self).into_dyn(),
        }
    }
}

impl<A: NpElement> NpDisplay for Vec<A> {
    type Elem = A;

    fn np(&self) -> Np<'_, A> {
        self.as_slice().np()
    }
}

impl<A: NpElement> fmt::Display for Np<'_, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.view.ndim() == 0 {
            // NumPy prints a 0-D array as its scalar, with the scalar's own rules
            // (full precision, no brackets).
            let value = *self.view.first().expect("a 0-D array has one element");
            return f.write_str(&value.scalar_str());
        }
        if self.view.is_empty() {
            return f.write_str("[]");
        }
        let format = A::formatter(&layout::shown_elements(&self.view));
        f.write_str(&layout::format_array(&self.view, &*format))
    }
}
