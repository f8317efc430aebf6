//! Numbers written as Python writes them, so that the lines read exactly as mpi4py's:
//! Rust's `{:e}` writes `1.5e-6` where Python's `:e` writes `1.5e-06`, and Rust has no
//! `:g` at all.

/// Python's `f"{x:.{digits}e}"`: a sign and at least two digits in the exponent.
pub fn exp(x: f64, digits: usize) -> String {
    if !x.is_finite() {
        return non_finite(x);
    }
    let rust = format!("{x:.digits$e}");
    let (mantissa, exponent) = rust.split_once('e').expect("{:e} always writes an e");
    let exponent: i32 = exponent.parse().expect("{:e} writes an integer exponent");
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", exponent.unsigned_abs())
}

/// Python's `f"{x:g}"`: six significant digits, in fixed notation when the exponent
/// (after rounding) is from -4 to 5 and in scientific notation otherwise, with the
/// trailing zeros of the fraction, and a point left alone, removed.
pub fn general(x: f64) -> String {
    const DIGITS: i32 = 6;
    if !x.is_finite() {
        return non_finite(x);
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    // The exponent of x rounded to DIGITS significant digits: 9.999995 becomes 10.
    let rounded = format!("{x:.*e}", (DIGITS - 1) as usize);
    let exponent: i32 = rounded[rounded.find('e').expect("an e") + 1..]
        .parse()
        .expect("an integer exponent");
    if (-4..DIGITS).contains(&exponent) {
        let fixed = format!("{x:.*}", (DIGITS - 1 - exponent) as usize);
        strip_zeros(&fixed).to_string()
    } else {
        let scientific = exp(x, (DIGITS - 1) as usize);
        let (mantissa, exponent) = scientific.split_once('e').expect("an e");
        format!("{}e{exponent}", strip_zeros(mantissa))
    }
}

/// `1.500` → `1.5`, `2.000` → `2`; a number without a point is left as it is.
fn strip_zeros(number: &str) -> &str {
    if number.contains('.') {
        number.trim_end_matches('0').trim_end_matches('.')
    } else {
        number
    }
}

fn non_finite(x: f64) -> String {
    match (x.is_nan(), x.is_sign_negative()) {
        (true, _) => "nan".to_string(),
        (false, true) => "-inf".to_string(),
        (false, false) => "inf".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_writes_what_python_writes() {
        // f"{1.2345678e-6:.7e}", f"{3.5e-5:.4e}", f"{123.0:.2e}", f"{1e-100:.2e}"
        assert_eq!(exp(1.2345678e-6, 7), "1.2345678e-06");
        assert_eq!(exp(3.5e-5, 4), "3.5000e-05");
        assert_eq!(exp(123.0, 2), "1.23e+02");
        assert_eq!(exp(1e-100, 2), "1.00e-100");
        assert_eq!(exp(f64::NAN, 7), "nan");
    }

    #[test]
    fn general_writes_what_python_writes() {
        // Each pair is (x, f"{x:g}") as Python 3.11 prints it.
        let cases = [
            (0.000123456, "0.000123456"),
            (1.23456789e-5, "1.23457e-05"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (0.5, "0.5"),
            (100.0, "100"),
            (123456.0, "123456"),
            (1234567.0, "1.23457e+06"),
            (999999.5, "1e+06"),
            (9.9999996e-5, "0.0001"),
            (0.0123, "0.0123"),
            (2.0, "2"),
            (0.0, "0"),
            (-0.25, "-0.25"),
        ];
        for (x, python) in cases {
            assert_eq!(general(x), python, "{x}");
        }
    }
}
