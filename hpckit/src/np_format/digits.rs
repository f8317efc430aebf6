//! The decimal digits of a float, as NumPy's Dragon4 (and Python's `repr`) gives
//! them.
//!
//! Two kinds of digits are needed: the shortest ones that read back as the same
//! float, and the exact binary value rounded (half to even) to a number of
//! decimals. Rust's formatting gives both (`{:e}`, and `{:.N}`/`{:.Ne}`), with one
//! difference, fixed in [`shortest`]: on an exact tie between two shortest
//! candidates Rust rounds up where Dragon4 and Python pick the even digit.

use std::fmt::{Display, LowerExp};
use std::ops::Div;
use std::str::FromStr;

/// The float types NumPy has a dtype for (`float64`, `float32`).
pub trait NpFloat: Copy + PartialOrd + Div<Output = Self> + Display + LowerExp + FromStr {
    /// NumPy compares in the array's own dtype (NEP 50), so its array thresholds
    /// are needed in this type: `1e-4` rounds to a different `f32` than `f64`.
    const SMALL: Self;
    /// `10 ** min(8, finfo.precision)`: arrays with values this big switch to
    /// scientific notation (`1e8` for `f64`, `1e6` for `f32`).
    const EXP_CUTOFF: Self;
    /// A ratio of largest to smallest magnitude above this also does.
    const RATIO: Self;
    /// Scalars this big print in scientific notation (`1e16` for `f64`, as in
    /// Python; `1e6` for `f32`).
    const SCALAR_EXP_CUTOFF: f64;
    const ZERO: Self;

    fn abs(self) -> Self;
    fn is_finite(self) -> bool;
    fn is_nan(self) -> bool;
    fn is_sign_negative(self) -> bool;
    fn to_f64(self) -> f64;
}

macro_rules! np_float {
    ($t:ty, $cutoff:expr, $scalar_cutoff:expr) => {
        impl NpFloat for $t {
            const SMALL: $t = 1e-4;
            const EXP_CUTOFF: $t = $cutoff;
            const RATIO: $t = 1e3;
            const SCALAR_EXP_CUTOFF: f64 = $scalar_cutoff;
            const ZERO: $t = 0.0;

            fn abs(self) -> $t {
                <$t>::abs(self)
            }
            fn is_finite(self) -> bool {
                <$t>::is_finite(self)
            }
            fn is_nan(self) -> bool {
                <$t>::is_nan(self)
            }
            fn is_sign_negative(self) -> bool {
                <$t>::is_sign_negative(self)
            }
            fn to_f64(self) -> f64 {
                f64::from(self)
            }
        }
    };
}

np_float!(f64, 1e8, 1e16);
np_float!(f32, 1e6, 1e6);

/// The shortest digits that read back as `x` (finite), in Rust's `{:e}` form
/// (`1.5e-5`). Of two equally near candidates, the even one, as Dragon4 and Python
/// choose: `0.0009546279907226562`, where Rust alone writes `...563`.
fn shortest<F: NpFloat>(x: F) -> String {
    let rust = format!("{x:e}");
    let (mantissa, _) = rust.split_once('e').expect("`{:e}` writes an exponent");
    let digits = mantissa.chars().filter(char::is_ascii_digit).count();
    // The exact value rounded half to even to as many digits; on a tie it is the
    // even candidate. It only replaces Rust's if it still reads back as `x`.
    let nearest = format!("{x:.prec$e}", prec = digits - 1);
    if nearest != rust && nearest.parse::<F>().is_ok_and(|y| y == x) {
        nearest
    } else {
        rust
    }
}

/// `x` (finite) in positional notation with at most `max_decimals` decimals:
/// returns the integer part with its sign (`'+'` for non-negative values when
/// `plus`) and the decimals without trailing zeros.
pub fn positional<F: NpFloat>(x: F, max_decimals: usize, plus: bool) -> (String, String) {
    let mut text = scientific_to_positional(&shortest(x));
    if decimals(&text) > max_decimals {
        text = format!("{x:.max_decimals$}");
    }
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    (signed(int, plus), frac.trim_end_matches('0').to_string())
}

/// `x` (finite) in scientific notation with at most `max_decimals` decimals in the
/// mantissa: returns the mantissa's integer digit with its sign, its decimals
/// without trailing zeros, and the exponent.
pub fn scientific<F: NpFloat>(x: F, max_decimals: usize, plus: bool) -> (String, String, i32) {
    let mut text = shortest(x);
    if decimals(&text) > max_decimals {
        text = format!("{x:.max_decimals$e}");
    }
    let (int, frac, exp) = split_scientific(&text, plus);
    (int, frac.trim_end_matches('0').to_string(), exp)
}

/// `x` (finite) in scientific notation with exactly `decimals` decimals: the exact
/// binary value rounded half to even.
pub fn scientific_exact<F: NpFloat>(x: F, decimals: usize, plus: bool) -> (String, String, i32) {
    split_scientific(&format!("{x:.decimals$e}"), plus)
}

/// Splits Rust's `{:e}` text into the sign and integer digit, the decimals and the
/// exponent.
fn split_scientific(text: &str, plus: bool) -> (String, String, i32) {
    let (mantissa, exp) = text.split_once('e').expect("`{:e}` writes an exponent");
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let exp = exp.parse().expect("`{:e}` writes an integer exponent");
    (signed(int, plus), frac.to_string(), exp)
}

/// Rewrites `{:e}` text positionally: `1.5e-3` → `0.0015`, `1.5e3` → `1500`.
fn scientific_to_positional(text: &str) -> String {
    let (mantissa, exp) = text.split_once('e').expect("`{:e}` writes an exponent");
    let exp: i32 = exp.parse().expect("`{:e}` writes an integer exponent");
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(magnitude) => ("-", magnitude),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|&c| c != '.').collect();
    // How many of the digits go before the point.
    let int_digits = exp + 1;
    match usize::try_from(int_digits) {
        Err(_) | Ok(0) => {
            let zeros = "0".repeat(int_digits.unsigned_abs() as usize);
            format!("{sign}0.{zeros}{digits}")
        }
        Ok(n) if n >= digits.len() => format!("{sign}{digits}{}", "0".repeat(n - digits.len())),
        Ok(n) => format!("{sign}{}.{}", &digits[..n], &digits[n..]),
    }
}

/// How many decimals `number` has (`1.25` has 2, `1.5e-5` has 1).
fn decimals(number: &str) -> usize {
    let mantissa = number.split_once('e').map_or(number, |(mantissa, _)| mantissa);
    mantissa.split_once('.').map_or(0, |(_, frac)| frac.len())
}

fn signed(int: &str, plus: bool) -> String {
    if plus && !int.starts_with('-') {
        format!("+{int}")
    } else {
        int.to_string()
    }
}

/// An exponent as NumPy writes it: sign and at least `digits` digits.
pub fn exponent(exp: i32, digits: usize) -> String {
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{sign}{:0digits$}", exp.unsigned_abs())
}

/// `nan`, `inf` or `-inf`, with a `+` for the non-negative ones when `plus`.
pub fn non_finite<F: NpFloat>(x: F, plus: bool) -> String {
    let sign = match (x.is_nan(), x.is_sign_negative()) {
        (false, true) => "-",
        _ if plus => "+",
        _ => "",
    };
    let name = if x.is_nan() { "nan" } else { "inf" };
    format!("{sign}{name}")
}

#[cfg(test)]
mod tests {
    use super::{positional, scientific, shortest};

    #[test]
    fn ties_between_shortest_candidates_go_to_the_even_digit() {
        // Exactly 0.00095462799072265625 and 0.431640625: Python and NumPy print
        // ...562 and ...62, Rust's `{}` alone rounds up.
        assert_eq!(shortest(0.0009546279907226562f64), "9.546279907226562e-4");
        assert_eq!(shortest(0.43164062f32), "4.3164062e-1");
        // No tie: Rust's digits stay.
        assert_eq!(shortest(0.1f64), "1e-1");
        assert_eq!(shortest(5e-324f64), "5e-324");
    }

    #[test]
    fn positional_moves_the_point_and_caps_the_decimals() {
        let p = |x: f64| positional(x, 8, false);
        assert_eq!(p(1500.0), ("1500".into(), "".into()));
        assert_eq!(p(0.0015), ("0".into(), "0015".into()));
        assert_eq!(p(-0.0), ("-0".into(), "".into()));
        assert_eq!(p(2.0 / 3.0), ("0".into(), "66666667".into()));
        assert_eq!(p(1.999999999999), ("2".into(), "".into()));
        assert_eq!(positional(1.5f64, 8, true), ("+1".into(), "5".into()));
    }

    #[test]
    fn scientific_caps_the_decimals_with_exact_rounding() {
        assert_eq!(
            scientific(1234567885.0f64, 8, false),
            ("1".into(), "23456788".into(), 9)
        );
        assert_eq!(
            scientific(9.999999999e9f64, 8, false),
            ("1".into(), "".into(), 10)
        );
        assert_eq!(scientific(-1e-300f64, 8, false), ("-1".into(), "".into(), -300));
    }
}
