//! ex36 (header-bindings): the same C library, but the Rust declarations are not
//! written by hand: build.rs runs bindgen on csrc/myclib.h (cffi's API mode, where the
//! declarations come from the header) and src/main.rs includes what it wrote. Write
//! the safe wrappers around the generated `add` and `subtract`.
//! Check it with `cargo run -p runner -- check ex36`.

use ndarray::{array, Array1};
use std::fmt;
use std::os::raw::c_int;

/// The declarations bindgen wrote from csrc/myclib.h into `$OUT_DIR/myclib.rs`.
/// Open that file (under target/debug/build/) to see them.
mod myclib {
    #![allow(non_upper_case_globals, non_camel_case_types, non_snake_case, dead_code)]
    include!(concat!(env!("OUT_DIR"), "/myclib.rs"));
}

// The generated declarations have the types the header gave: `double *` is a
// `*mut f64`, `const double *` a `*const f64`, `int` a `c_int`. This line stops the
// build if the header ever changes them.
const _: unsafe extern "C" fn(*mut f64, *const f64, c_int) = myclib::add;

/// Why two buffers cannot be handed to the C functions.
#[derive(Debug, Clone, PartialEq)]
enum FfiError {
    LengthMismatch { x: usize, y: usize },
    TooLong(usize),
}

impl fmt::Display for FfiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FfiError::LengthMismatch { x, y } => {
                write!(f, "the buffers have different lengths ({x} and {y})")
            }
            FfiError::TooLong(n) => write!(f, "{n} elements do not fit in a C int"),
        }
    }
}

impl std::error::Error for FfiError {}

/// The common length of x and y as a C int.
fn c_len(x: &[f64], y: &[f64]) -> Result<c_int, FfiError> {
    if x.len() != y.len() {
        return Err(FfiError::LengthMismatch {
            x: x.len(),
            y: y.len(),
        });
    }
    c_int::try_from(x.len()).map_err(|_| FfiError::TooLong(x.len()))
}

/// x += y, in place, by C's `add`. Slices are always contiguous, so only the lengths
/// need checking; the borrow rules already forbid x and y to overlap.
fn add_assign(x: &mut [f64], y: &[f64]) -> Result<(), FfiError> {
    let n = c_len(x, y)?;
    // SAFETY: x and y hold exactly n contiguous doubles each (c_len checked), x is an
    // exclusive borrow so it cannot overlap y, and `add` touches only indices 0..n.
    unsafe { myclib::add(x.as_mut_ptr(), y.as_ptr(), n) };
    Ok(())
}

/// x -= y, in place, by C's `subtract`.
fn subtract_assign(x: &mut [f64], y: &[f64]) -> Result<(), FfiError> {
    let n = c_len(x, y)?;
    // SAFETY: as in add_assign: both hold exactly n contiguous doubles, x is borrowed
    // exclusively, and `subtract` touches only indices 0..n.
    unsafe { myclib::subtract(x.as_mut_ptr(), y.as_ptr(), n) };
    Ok(())
}

fn main() {
    let mut x: Array1<f64> = array![10.0, 20.0, 30.0, 40.0, 50.0];
    let y: Array1<f64> = Array1::linspace(1.0, 5.0, 5);
    println!("x = {x}");
    println!("y = {y}");

    // An owned Array1 is contiguous, so as_slice()/as_slice_mut() are Some.
    let xs = x.as_slice_mut().expect("an owned Array1 is contiguous");
    let ys = y.as_slice().expect("an owned Array1 is contiguous");
    add_assign(xs, ys).expect("equal lengths");
    println!("after add(x, y):      x = {x}");

    let xs = x.as_slice_mut().expect("an owned Array1 is contiguous");
    subtract_assign(xs, ys).expect("equal lengths");
    subtract_assign(xs, ys).expect("equal lengths");
    println!("after subtract twice: x = {x}");

    // A plain Vec works as well: the wrappers take slices, not ndarray types.
    let mut v = vec![0.0; 3];
    match add_assign(&mut v, &[1.0, 2.0]) {
        Ok(()) => println!("add(v, [1, 2]): v = {v:?}"),
        Err(e) => println!("add(v, [1, 2]): refused: {e}"),
    }
    add_assign(&mut v, &[1.0, 2.0, 3.0]).expect("equal lengths");
    println!("add(v, [1, 2, 3]): v = {v:?}");
}
