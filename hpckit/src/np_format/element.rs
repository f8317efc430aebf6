//! One formatter per kind of element, as NumPy picks one per dtype: floats,
//! complex numbers, integers, booleans and single characters (`<U1`).

use super::digits::NpFloat;
use super::float::FloatFormat;
use super::scalar::{float_str, DotZero};
use num_complex::Complex;

/// The element types that [`NpDisplay`](super::NpDisplay) can print: `f64`, `f32`,
/// all primitive integers, `bool`, `char` and `Complex<f64>`/`Complex<f32>`.
///
/// Sealed: the formatting rules are NumPy's and live in this crate.
pub trait NpElement: Format {}

impl<T: Format> NpElement for T {}

/// Writes one element: the caller needs every shown element first, because NumPy
/// gives all elements of an array a common width.
pub type Formatter<T> = Box<dyn Fn(T) -> String>;

/// The formatting rules of an element type (public in a private module, which keeps
/// [`NpElement`] sealed).
pub trait Format: Copy {
    /// The formatter for an array whose printed elements are `shown`.
    fn formatter(shown: &[Self]) -> Formatter<Self>;
    /// NumPy's `str` of the scalar, which is how a 0-D array prints.
    fn scalar_str(self) -> String;
}

macro_rules! float_element {
    ($($t:ty),*) => {$(
        impl Format for $t {
            fn formatter(shown: &[$t]) -> Formatter<$t> {
                let format = FloatFormat::new(shown, false);
                Box::new(move |x| format.format(x))
            }
            fn scalar_str(self) -> String {
                float_str(self, DotZero::Keep, false)
            }
        }
    )*};
}

float_element!(f64, f32);

/// NumPy's `ComplexFloatingFormat`: real and imaginary parts are formatted as two
/// separate float arrays, the imaginary one always signed, and a `j` goes after
/// the imaginary digits (before their alignment padding): `[1.5+1.j 2. +1.j]`.
impl<F: NpFloat + 'static> Format for Complex<F> {
    fn formatter(shown: &[Complex<F>]) -> Formatter<Complex<F>> {
        let re: Vec<F> = shown.iter().map(|z| z.re).collect();
        let im: Vec<F> = shown.iter().map(|z| z.im).collect();
        let (re, im) = (FloatFormat::new(&re, false), FloatFormat::new(&im, true));
        Box::new(move |z| {
            let imag = im.format(z.im);
            let digits = imag.trim_end();
            let padding = &imag[digits.len()..];
            format!("{}{digits}j{padding}", re.format(z.re))
        })
    }

    /// Python's complex style: `(1+2j)`, and just `2j` when the real part is +0.
    fn scalar_str(self) -> String {
        let imag = float_str(self.im, DotZero::Drop, false);
        if self.re == F::ZERO && !self.re.is_sign_negative() {
            format!("{imag}j")
        } else {
            let real = float_str(self.re, DotZero::Drop, false);
            let imag = float_str(self.im, DotZero::Drop, true);
            format!("({real}{imag}j)")
        }
    }
}

/// Integers are right-aligned to the widest of the largest and smallest value
/// (NumPy's `IntegerFormat`).
macro_rules! int_element {
    ($($t:ty),*) => {$(
        impl Format for $t {
            fn formatter(shown: &[$t]) -> Formatter<$t> {
                let widest = |x: Option<&$t>| x.map_or(0, |x| x.to_string().len());
                let width = widest(shown.iter().max()).max(widest(shown.iter().min()));
                Box::new(move |x| format!("{x:>width$}"))
            }
            fn scalar_str(self) -> String {
                self.to_string()
            }
        }
    )*};
}

int_element!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

/// `True` gets a leading space in arrays so that it is as wide as `False`.
impl Format for bool {
    fn formatter(_shown: &[bool]) -> Formatter<bool> {
        Box::new(|x| if x { " True" } else { "False" }.to_string())
    }
    fn scalar_str(self) -> String {
        if self { "True" } else { "False" }.to_string()
    }
}

/// A `char` prints as an element of a NumPy `<U1` array: Python's `repr` of the
/// one-letter string, without alignment (`['A' 'C' 'G' 'T']`).
impl Format for char {
    fn formatter(_shown: &[char]) -> Formatter<char> {
        Box::new(py_repr)
    }
    /// NumPy strips trailing NULs from its strings, so `'\0'` is the empty string.
    fn scalar_str(self) -> String {
        if self == '\0' {
            String::new()
        } else {
            self.to_string()
        }
    }
}

/// Python's `repr` of a one-letter string: single quotes unless the letter is one,
/// and escapes for backslash and non-printable letters.
fn py_repr(c: char) -> String {
    let quote = if c == '\'' { '"' } else { '\'' };
    let body = match c {
        '\0' => String::new(),
        '\\' => "\\\\".to_string(),
        '\n' => "\\n".to_string(),
        '\r' => "\\r".to_string(),
        '\t' => "\\t".to_string(),
        c if c.is_control() || (c.is_whitespace() && c != ' ') => match u32::from(c) {
            code @ 0..=0xff => format!("\\x{code:02x}"),
            code @ 0x100..=0xffff => format!("\\u{code:04x}"),
            code => format!("\\U{code:08x}"),
        },
        c => c.to_string(),
    };
    format!("{quote}{body}{quote}")
}
