//! Printing with a chosen number of decimals, as the notebook does after
//! `numpy.set_printoptions(precision=2)`.
//!
//! hpckit's [`NpDisplay`] prints arrays as NumPy does with its default print options
//! (at most 8 decimals). With precision `p`, NumPy rounds each element's exact value to
//! at most `p` decimals, drops trailing zeros, and lines the elements up as usual. So
//! [`NpPrecision::np_prec`] rounds every element to `p` decimals first (to the double
//! nearest the rounded decimal) and hands the rounded array to hpckit, which then shows
//! exactly those digits, in NumPy's layout.
//!
//! The one difference: NumPy chooses scientific notation from the unrounded values
//! (when the smallest non-zero magnitude is below 1e-4, or the largest is 1000 times
//! the smallest), this printer from the rounded ones. For the notebook's arrays, all in
//! positional notation, the two agree.
//!
//! [`Rounded::repr`] gives NumPy's `repr` (`array([[0.62, 0.59]])`), which the notebook
//! shows inside the protocol's dictionaries; it writes positional notation only, and
//! does not wrap long rows at 75 characters as NumPy would.
//!
//! ```
//! use distarray::precision::NpPrecision;
//! use ndarray::array;
//!
//! let a = array![[0.888683589, 1.0], [-0.99, 0.0305]];
//! assert_eq!(a.np_prec(2).to_string(), "[[ 0.89  1.  ]\n [-0.99  0.03]]");
//! assert_eq!(a.np_prec(2).repr(), "array([[ 0.89,  1.  ],\n       [-0.99,  0.03]])");
//! ```

use std::fmt;

use hpckit::NpDisplay;
use ndarray::{ArrayBase, ArrayD, ArrayView1, ArrayViewD, Axis, Data, Dimension};

/// Float arrays that print with a chosen precision: `arr.np_prec(2)` displays as
/// NumPy's `print(arr)` after `set_printoptions(precision=2)`.
pub trait NpPrecision {
    /// The elements rounded to `precision` decimals, ready to print.
    fn np_prec(&self, precision: usize) -> Rounded;
}

impl<S: Data<Elem = f64>, D: Dimension> NpPrecision for ArrayBase<S, D> {
    fn np_prec(&self, precision: usize) -> Rounded {
        let values = self.mapv(|x| round(x, precision)).into_dyn();
        Rounded { values }
    }
}

impl NpPrecision for [f64] {
    fn np_prec(&self, precision: usize) -> Rounded {
        ArrayView1::from(self).np_prec(precision)
    }
}

/// What [`NpPrecision::np_prec`] returns: display it (`{}`) for NumPy's `str`, or call
/// [`repr`](Rounded::repr).
#[derive(Debug, Clone, PartialEq)]
pub struct Rounded {
    values: ArrayD<f64>,
}

impl fmt::Display for Rounded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.values.np().fmt(f)
    }
}

impl Rounded {
    /// NumPy's `repr` of the rounded array: `array([...])` with `, ` between elements
    /// and each row below the first one indented under the first.
    pub fn repr(&self) -> String {
        let texts = element_texts(&self.values);
        format!("array({})", nested(texts.view(), "array(".len() + 1))
    }
}

/// `x` rounded to `decimals` decimals: the exact binary value rounded, as NumPy's
/// Dragon4 does when it cuts digits off, then read back as the nearest double.
fn round(x: f64, decimals: usize) -> f64 {
    if !x.is_finite() {
        return x;
    }
    format!("{x:.decimals$}")
        .parse()
        .expect("Rust reads back the numbers it writes")
}

/// Every element in positional notation, padded to a common width with the decimal
/// points aligned (NumPy's `FloatingFormat` for positional values).
fn element_texts(values: &ArrayD<f64>) -> ArrayD<String> {
    let parts = values.mapv(|x| {
        let text = if x.is_nan() {
            "nan".to_string()
        } else {
            x.to_string()
        };
        match text.split_once('.') {
            Some((int, frac)) => (int.to_string(), frac.to_string()),
            None => (text, String::new()),
        }
    });
    let finite = values.iter().zip(&parts).filter(|(x, _)| x.is_finite());
    let pad_left = finite.clone().map(|(_, (int, _))| int.len()).max().unwrap_or(0);
    let pad_right = finite.map(|(_, (_, frac))| frac.len()).max().unwrap_or(0);
    let width = pad_left + 1 + pad_right;
    ndarray::Zip::from(values)
        .and(&parts)
        .map_collect(|x, (int, frac)| {
            if x.is_finite() {
                format!("{int:>pad_left$}.{frac:<pad_right$}")
            } else {
                format!("{:>width$}", int.to_lowercase())
            }
        })
}

/// The bracketed, comma-separated text of `texts`, for an array whose first `[`
/// stands in column `indent - 1`: NumPy separates rows with one newline and blocks of
/// higher dimensions with more.
fn nested(texts: ArrayViewD<'_, String>, indent: usize) -> String {
    if texts.ndim() <= 1 {
        let items: Vec<&str> = texts.iter().map(String::as_str).collect();
        return format!("[{}]", items.join(", "));
    }
    let separator = format!(",{}{}", "\n".repeat(texts.ndim() - 1), " ".repeat(indent));
    let parts: Vec<String> = texts
        .axis_iter(Axis(0))
        .map(|sub| nested(sub, indent + 1))
        .collect();
    format!("[{}]", parts.join(&separator))
}

#[cfg(test)]
mod tests {
    use super::NpPrecision;
    use ndarray::{array, Array1};

    #[test]
    fn elements_are_rounded_and_trailing_zeros_dropped() {
        let a = array![0.6153, 1.0, 0.399999, 0.03];
        assert_eq!(a.np_prec(2).to_string(), "[0.62 1.   0.4  0.03]");
        assert_eq!(a.np_prec(2).repr(), "array([0.62, 1.  , 0.4 , 0.03])");
        assert_eq!([3.4512, 3.1249][..].np_prec(2).to_string(), "[3.45 3.12]");
    }

    #[test]
    fn negative_values_widen_the_integer_part() {
        let a = array![[0.89, 0.46], [-0.99, 0.75]];
        assert_eq!(a.np_prec(2).to_string(), "[[ 0.89  0.46]\n [-0.99  0.75]]");
    }

    #[test]
    fn repr_indents_rows_under_the_first() {
        let a = array![[1.25, 2.0], [3.5, 4.0]];
        assert_eq!(a.np_prec(2).repr(), "array([[1.25, 2.  ],\n       [3.5 , 4.  ]])");
        let single_row = array![[-0.07, -0.1, 0.2, 0.2, -0.23]];
        assert_eq!(
            single_row.np_prec(2).repr(),
            "array([[-0.07, -0.1 ,  0.2 ,  0.2 , -0.23]])"
        );
    }

    #[test]
    fn precision_does_not_add_digits() {
        let a = Array1::from(vec![0.5, 2.0]);
        assert_eq!(a.np_prec(2).to_string(), "[0.5 2. ]");
    }
}
