//! Single floats as Python and NumPy scalars print them (`print(x)`, and `print` of a
//! 0-D array): all the digits needed to read the value back, no padding.

use super::digits::{exponent, non_finite, positional, scientific, NpFloat};

/// Python's `str(x)` (= `repr(x)`) of a float: what `print(total)` shows in the
/// Python course, e.g. `105.0`, `0.1`, `1e+16`, `1.5e-05`, `inf`, `nan`, `-0.0`.
///
/// ```
/// use hpckit::py_float;
///
/// assert_eq!(py_float(105.0), "105.0");
/// assert_eq!(py_float(0.1 + 0.2), "0.30000000000000004");
/// assert_eq!(py_float(1e16), "1e+16");
/// assert_eq!(py_float(1.5e-5), "1.5e-05");
/// ```
pub fn py_float(x: f64) -> String {
    float_str(x, DotZero::Keep, false)
}

/// Whether a whole number keeps a `.0`: Python's and NumPy's float `str` do; the
/// parts of a complex number (`(1+2j)`) do not.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DotZero {
    Keep,
    Drop,
}

/// NumPy's scalar `str` of a float of type `F`: positional when
/// `1e-4 <= |x| < 1e16` (`1e6` for `f32`) or `x` is zero, else scientific with an
/// at least two-digit exponent. For `f64` this is exactly Python's `repr`; for
/// `f32` the digits are the shortest that identify the `f32`.
/// With `plus`, non-negative values get a `+` (imaginary parts).
pub fn float_str<F: NpFloat>(x: F, dot_zero: DotZero, plus: bool) -> String {
    if !x.is_finite() {
        return non_finite(x, plus);
    }
    let magnitude = x.abs().to_f64();
    if magnitude == 0.0 || (1e-4..F::SCALAR_EXP_CUTOFF).contains(&magnitude) {
        let (int, frac) = positional(x, usize::MAX, plus);
        match (frac.is_empty(), dot_zero) {
            (true, DotZero::Keep) => format!("{int}.0"),
            (true, DotZero::Drop) => int,
            (false, _) => format!("{int}.{frac}"),
        }
    } else {
        let (int, frac, exp) = scientific(x, usize::MAX, plus);
        let point = if frac.is_empty() { "" } else { "." };
        format!("{int}{point}{frac}e{}", exponent(exp, 2))
    }
}

#[cfg(test)]
mod tests {
    use super::{float_str, py_float, DotZero};

    /// (value, Python's `repr(value)`), checked with CPython 3.
    const PY_REPR: &[(f64, &str)] = &[
        (105.0, "105.0"),
        (6.0, "6.0"),
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (0.1, "0.1"),
        (0.1 + 0.2, "0.30000000000000004"),
        (1.0 / 3.0, "0.3333333333333333"),
        (-2.5, "-2.5"),
        (1e16, "1e+16"),
        (1e15, "1000000000000000.0"),
        (9999999999999998.0, "9999999999999998.0"),
        (123456789012345680.0, "1.2345678901234568e+17"),
        (1.5e-5, "1.5e-05"),
        (1e-4, "0.0001"),
        (9.999999999999999e-5, "9.999999999999999e-05"),
        (0.00012345, "0.00012345"),
        (1e-300, "1e-300"),
        (1e300, "1e+300"),
        (f64::MAX, "1.7976931348623157e+308"),
        (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
        (5e-324, "5e-324"),
        (-1.5e-7, "-1.5e-07"),
        (std::f64::consts::PI, "3.141592653589793"),
        (9007199254740992.0, "9007199254740992.0"),
        (1e22, "1e+22"),
        (f64::INFINITY, "inf"),
        (f64::NEG_INFINITY, "-inf"),
        (f64::NAN, "nan"),
        (0.0009546279907226562, "0.0009546279907226562"),
    ];

    #[test]
    fn py_float_matches_python_repr() {
        for &(x, want) in PY_REPR {
            assert_eq!(py_float(x), want, "py_float({x:?})");
        }
    }

    #[test]
    fn f32_scalars_use_f32_digits_and_numpys_magnitude_rule() {
        // str(np.float32(x)) for these x
        assert_eq!(float_str(0.1f32, DotZero::Keep, false), "0.1");
        assert_eq!(float_str(999999.0f32, DotZero::Keep, false), "999999.0");
        assert_eq!(float_str(1e6f32, DotZero::Keep, false), "1e+06");
        assert_eq!(float_str(16777216.0f32, DotZero::Keep, false), "1.6777216e+07");
        assert_eq!(float_str(1e-4f32, DotZero::Keep, false), "1e-04");
        assert_eq!(float_str(3e38f32, DotZero::Keep, false), "3e+38");
    }

    #[test]
    fn complex_parts_drop_the_dot_zero_and_may_carry_a_plus() {
        assert_eq!(float_str(1.0, DotZero::Drop, false), "1");
        assert_eq!(float_str(2.0, DotZero::Drop, true), "+2");
        assert_eq!(float_str(-0.0, DotZero::Drop, true), "-0");
        assert_eq!(float_str(f64::NAN, DotZero::Drop, true), "+nan");
        assert_eq!(float_str(1e-5, DotZero::Drop, true), "+1e-05");
    }
}
