//! Floats as NumPy prints them inside arrays: a port of `FloatingFormat` with
//! floatmode `'maxprec'` and precision 8. The digits come from [`super::digits`];
//! this module chooses the notation and lines the elements up.

use super::digits::{exponent, non_finite, positional, scientific, scientific_exact, NpFloat};

/// NumPy's default `precision`: at most this many decimals (after the point,
/// also in scientific notation).
const PRECISION: usize = 8;

/// How the elements of one float array are written, decided from all the shown
/// elements at once so that they line up (NumPy's `FloatingFormat`).
pub struct FloatFormat {
    notation: Notation,
    /// Width left of the decimal point.
    pad_left: usize,
    /// Width right of the decimal point (in scientific notation: decimals, `e`,
    /// sign and exponent digits).
    pad_right: usize,
    /// Write `+` before non-negative values (the imaginary parts of complex numbers).
    plus: bool,
}

enum Notation {
    /// Decimals padded with spaces, so that decimal points align.
    Positional,
    /// Every mantissa with `decimals` decimals, every exponent with `exp_digits` digits.
    Scientific { decimals: usize, exp_digits: usize },
}

impl FloatFormat {
    pub fn new<F: NpFloat>(shown: &[F], plus: bool) -> FloatFormat {
        let finite: Vec<F> = shown.iter().copied().filter(|x| x.is_finite()).collect();
        let mut format = FloatFormat {
            notation: Notation::Positional,
            pad_left: 0,
            pad_right: 0,
            plus,
        };
        if !finite.is_empty() {
            if needs_scientific(&finite) {
                format.fill_scientific(&finite);
            } else {
                format.fill_positional(&finite);
            }
        }
        if finite.len() < shown.len() {
            // Make room for nan and inf, which are right-aligned in the full width.
            let neg_inf = plus
                || shown
                    .iter()
                    .any(|x| !x.is_nan() && !x.is_finite() && x.is_sign_negative());
            let offset = format.pad_right + 1;
            format.pad_left = format
                .pad_left
                .max(3usize.saturating_sub(offset))
                .max((3 + usize::from(neg_inf)).saturating_sub(offset));
        }
        format
    }

    fn fill_scientific<F: NpFloat>(&mut self, finite: &[F]) {
        let parts: Vec<_> = finite
            .iter()
            .map(|&x| scientific(x, PRECISION, self.plus))
            .collect();
        let decimals = parts.iter().map(|(_, frac, _)| frac.len()).max().unwrap_or(0);
        let exp_digits = parts
            .iter()
            .map(|(_, _, exp)| exp.unsigned_abs().to_string().len().max(2))
            .max()
            .unwrap_or(2);
        self.pad_left = parts.iter().map(|(int, _, _)| int.len()).max().unwrap_or(0);
        self.pad_right = exp_digits + 2 + decimals;
        self.notation = Notation::Scientific { decimals, exp_digits };
    }

    fn fill_positional<F: NpFloat>(&mut self, finite: &[F]) {
        let parts: Vec<_> = finite
            .iter()
            .map(|&x| positional(x, PRECISION, self.plus))
            .collect();
        self.pad_left = parts.iter().map(|(int, _)| int.len()).max().unwrap_or(0);
        self.pad_right = parts.iter().map(|(_, frac)| frac.len()).max().unwrap_or(0);
    }

    pub fn format<F: NpFloat>(&self, x: F) -> String {
        let (pad_left, pad_right) = (self.pad_left, self.pad_right);
        if !x.is_finite() {
            let width = pad_left + pad_right + 1;
            return format!("{:>width$}", non_finite(x, self.plus));
        }
        match self.notation {
            Notation::Positional => {
                let (int, frac) = positional(x, PRECISION, self.plus);
                format!("{int:>pad_left$}.{frac:<pad_right$}")
            }
            Notation::Scientific { decimals, exp_digits } => {
                // NumPy's second Dragon4 pass asks for exactly `decimals` digits
                // (min_digits): beyond the shortest ones, they are the exact binary
                // value's, which matters for f32 (`7.4890137e-02`, not `...140e-02`).
                let (int, frac, exp) = scientific_exact(x, decimals, self.plus);
                let exp = exponent(exp, exp_digits);
                format!("{int:>pad_left$}.{frac}e{exp}")
            }
        }
    }
}

/// NumPy's rule: scientific notation when, among the finite non-zero magnitudes,
/// the largest reaches the cutoff, the smallest is below 1e-4, or they are more
/// than a factor 1000 apart. Computed in the array's own float type, as NumPy does.
fn needs_scientific<F: NpFloat>(finite: &[F]) -> bool {
    let mut magnitudes = finite.iter().map(|x| x.abs()).filter(|&x| x != F::ZERO);
    let Some(first) = magnitudes.next() else {
        return false;
    };
    let (min, max) = magnitudes.fold((first, first), |(min, max), x| {
        (if x < min { x } else { min }, if x > max { x } else { max })
    });
    max >= F::EXP_CUTOFF || min < F::SMALL || max / min > F::RATIO
}
