//! ex35 (c-on-arrays): calling the lecture's C functions `add` and `subtract`
//! (csrc/myclib.c, compiled by build.rs) on ndarray arrays, through a safe wrapper.
//! The C code sees only a pointer and a length, so the wrapper must make sure that the
//! numbers really lie one after another in memory: it refuses a strided view (a column
//! of a 2-D array, every other element) instead of silently reading the wrong numbers.
//! Fill in `check_pair` and `add`; `subtract` is done.
//! Check it with `cargo run -p runner -- check ex35`.

// Until the TODOs are filled in, some parameters and helpers go unused.
#![allow(unused_variables, dead_code)]

use ndarray::{array, s, Array1, ArrayView1};
use std::fmt;
use std::os::raw::c_int;

/// The C declarations, written by hand from csrc/myclib.h, as cffi's `ffi.cdef` takes
/// them. Both functions work in place on `x`: x[i] += y[i], x[i] -= y[i].
mod myclib {
    use std::os::raw::c_int;

    extern "C" {
        pub fn add(x: *mut f64, y: *const f64, n: c_int);
        pub fn subtract(x: *mut f64, y: *const f64, n: c_int);
    }
}

/// Why two arrays cannot be handed to the C functions.
#[derive(Debug, Clone, PartialEq)]
enum LayoutError {
    /// The two arrays have different lengths.
    LengthMismatch { x: usize, y: usize },
    /// The named argument is not one contiguous run of numbers in memory.
    NotContiguous { which: &'static str, stride: isize },
    /// More elements than a C `int` can count.
    TooLong(usize),
}

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LayoutError::LengthMismatch { x, y } => {
                write!(f, "the arrays have different lengths ({x} and {y})")
            }
            LayoutError::NotContiguous { which, stride } => write!(
                f,
                "{which} is not contiguous: its elements are {stride} doubles apart, \
                 but C reads them one after another (copy it with .to_owned() first)"
            ),
            LayoutError::TooLong(n) => write!(f, "{n} elements do not fit in a C int"),
        }
    }
}

impl std::error::Error for LayoutError {}

/// The two arguments as contiguous slices of equal length, and that length as a C int.
/// `as_slice()` is `Some` only for a view whose elements lie one after another in
/// increasing order (standard layout); any other stride is refused.
fn check_pair<'a>(
    x: &'a ArrayView1<f64>,
    y: &'a ArrayView1<f64>,
) -> Result<(&'a [f64], &'a [f64], c_int), LayoutError> {
    // TODO: refuse different lengths, then get both arguments as slices with
    // as_slice() (None means strided: which stride?), then the length as a c_int.
    todo!("check lengths and contiguity")
}

/// x + y computed by C's `add`, in a new array: the wrapper copies x into the result
/// buffer and lets `add` work in place on that copy, so the caller's x is not changed.
fn add(x: &ArrayView1<f64>, y: &ArrayView1<f64>) -> Result<Array1<f64>, LayoutError> {
    // TODO: check the pair, copy x into a new buffer, let C's `add` work in place on
    // it (an unsafe call: say why it is sound), return the buffer as an Array1.
    // `subtract` below is done the same way.
    todo!("call myclib::add through the checks")
}

/// x - y computed by C's `subtract`, in a new array, as `add` does.
fn subtract(x: &ArrayView1<f64>, y: &ArrayView1<f64>) -> Result<Array1<f64>, LayoutError> {
    let (xs, ys, n) = check_pair(x, y)?;
    let mut out = xs.to_vec();
    // SAFETY: as in `add`: both buffers hold exactly `n` contiguous doubles, `out` is
    // a fresh Vec that does not overlap `ys`, and `subtract` touches only 0..n.
    unsafe { myclib::subtract(out.as_mut_ptr(), ys.as_ptr(), n) };
    Ok(Array1::from(out))
}

fn show(label: &str, result: Result<Array1<f64>, LayoutError>) {
    match result {
        Ok(a) => println!("{label} = {a}"),
        Err(e) => println!("{label}: refused: {e}"),
    }
}

fn main() {
    let a = array![1.0, 2.0, 3.0, 4.0];
    let b = array![0.5, 0.25, 0.125, 0.0625];
    println!("a = {a}");
    println!("b = {b}");
    show("add(a, b)", add(&a.view(), &b.view()));
    show("subtract(a, b)", subtract(&a.view(), &b.view()));
    println!("a is unchanged: {a}");

    // A 3x4 matrix in row-major (C) order: a row is contiguous, a column is not.
    let m = Array1::range(0.0, 12.0, 1.0)
        .into_shape_with_order((3, 4))
        .expect("12 elements make a 3x4 matrix");
    println!("m =\n{m}");
    show("add(m row 1, a)", add(&m.row(1), &a.view()));
    show("add(m column 1, a[..3])", add(&m.column(1), &a.slice(s![..3])));
    show(
        "add(a[..;2], b[..;2])",
        add(&a.slice(s![..;2]), &b.slice(s![..;2])),
    );
    show("subtract(a, b[..3])", subtract(&a.view(), &b.slice(s![..3])));

    // A strided view becomes acceptable once copied into an array of its own.
    let column = m.column(1).to_owned();
    show(
        "add(copy of m column 1, a[..3])",
        add(&column.view(), &a.slice(s![..3])),
    );
}
