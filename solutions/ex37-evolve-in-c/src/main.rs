//! ex37 (evolve-in-c), reference solution: the heat equation's time step written in C,
//! compiled by build.rs, and called from Rust on ndarray buffers through a safe wrapper
//! that checks what the C function cannot: the shapes, and that both arrays are
//! contiguous and row-major.
//!
//! Mirrors seed 002, "Interfacing external libraries" (cffi: declare the C function,
//! pass pointers to NumPy's buffers) and CSC's interface/c exercise, whose `evolve` in
//! C is called from the Python heat-equation program.
//! Check it with `cargo run -p runner -- check ex37`; run it with
//! `cargo run --release -p sol-evolve-in-c`.

use ndarray::{s, Array2, ArrayView2, ArrayViewMut2, Zip};
use std::ffi::c_int;

/// Grid points along each axis (not square, so that swapping nx and ny shows), and
/// time steps to take.
const NX: usize = 120;
const NY: usize = 90;
const STEPS: usize = 400;
/// Temperatures: the plate and its edges, and the hot disc at the start.
const ROOM_TEMP: f64 = 20.0;
const DISC_TEMP: f64 = 80.0;
const DISC_RADIUS: usize = 25;
/// Diffusion constant and grid spacing.
const A: f64 = 0.5;
const DX: f64 = 0.01;
const DY: f64 = 0.01;

extern "C" {
    /// csrc/evolve.c: writes the interior of the row-major `nx x ny` array `next` from
    /// `current`. Both must point to `nx * ny` doubles, and must not overlap.
    fn evolve(next: *mut f64, current: *const f64, nx: c_int, ny: c_int, a: f64, dt: f64, dx2: f64, dy2: f64);
}

/// The safe wrapper: one C time step from `current` into `next`. Refuses arrays of
/// different shapes, arrays that are not in standard (row-major, contiguous) layout,
/// such as a transposed or strided view, and sizes that do not fit a C `int`.
fn evolve_c(mut next: ArrayViewMut2<f64>, current: ArrayView2<f64>, dt: f64) -> Result<(), String> {
    if next.dim() != current.dim() {
        return Err(format!(
            "shapes differ: next is {:?}, current is {:?}",
            next.dim(),
            current.dim()
        ));
    }
    let (nx, ny) = current.dim();
    let nx = c_int::try_from(nx).map_err(|_| format!("{nx} rows do not fit a C int"))?;
    let ny = c_int::try_from(ny).map_err(|_| format!("{ny} columns do not fit a C int"))?;
    let current = current
        .as_slice()
        .ok_or("current is not in standard (row-major, contiguous) layout")?;
    let next = next
        .as_slice_mut()
        .ok_or("next is not in standard (row-major, contiguous) layout")?;
    // SAFETY: both slices hold nx * ny doubles in row-major order (same shape, standard
    // layout, checked above), so every index evolve.c reads or writes, i * ny + j with
    // i < nx and j < ny, is in bounds. `next` is borrowed mutably and `current` shared,
    // so they cannot overlap. evolve.c keeps no pointer after it returns.
    unsafe {
        evolve(
            next.as_mut_ptr(),
            current.as_ptr(),
            nx,
            ny,
            A,
            dt,
            DX * DX,
            DY * DY,
        );
    }
    Ok(())
}

/// The same step in Rust: the same formula, the same operations in the same order as
/// csrc/evolve.c, so the same result to the last bit.
// `1..-1` is ndarray's "from 1 to one before the end", not an empty range.
#[allow(clippy::reversed_empty_ranges)]
fn evolve_rust(next: &mut Array2<f64>, current: &Array2<f64>, dt: f64) {
    let (dx2, dy2) = (DX * DX, DY * DY);
    Zip::from(next.slice_mut(s![1..-1, 1..-1]))
        .and(current.slice(s![1..-1, 1..-1]))
        .and(current.slice(s![2.., 1..-1]))
        .and(current.slice(s![..-2, 1..-1]))
        .and(current.slice(s![1..-1, 2..]))
        .and(current.slice(s![1..-1, ..-2]))
        .for_each(|u, &c, &down, &up, &right, &left| {
            *u = c + A * dt * ((down - 2.0 * c + up) / dx2 + (right - 2.0 * c + left) / dy2);
        });
}

fn main() {
    let (dx2, dy2) = (DX * DX, DY * DY);
    // The largest time step that keeps the explicit scheme stable.
    let dt = dx2 * dy2 / (2.0 * A * (dx2 + dy2));
    let initial = initial_field();
    println!("heat equation on a {NX} x {NY} grid, {STEPS} time steps, edges at {ROOM_TEMP:.1}");
    println!(
        "initial field: a disc of radius {DISC_RADIUS} at {DISC_TEMP:.1}, mean {:.6}",
        mean(&initial)
    );

    // The wrapper must refuse what the C function would misread.
    let mut next = initial.clone();
    let wrong_shape = Array2::<f64>::zeros((NY, NX));
    match evolve_c(next.view_mut(), wrong_shape.view(), dt) {
        Ok(()) => println!("a {NY} x {NX} current: accepted (wrong!)"),
        Err(e) => println!("a {NY} x {NX} current: refused ({e})"),
    }
    let transposed = wrong_shape.t();
    match evolve_c(next.view_mut(), transposed, dt) {
        Ok(()) => println!("a transposed current: accepted (wrong!)"),
        Err(e) => println!("a transposed current: refused ({e})"),
    }

    let mut c_current = initial.clone();
    let mut c_next = initial.clone();
    let mut rust_current = initial.clone();
    let mut rust_next = initial.clone();
    for _ in 0..STEPS {
        evolve_c(c_next.view_mut(), c_current.view(), dt).expect("the C step");
        std::mem::swap(&mut c_current, &mut c_next);
        evolve_rust(&mut rust_next, &rust_current, dt);
        std::mem::swap(&mut rust_current, &mut rust_next);
    }
    let (c_field, rust_field) = (&c_current, &rust_current);
    let different = Zip::from(c_field)
        .and(rust_field)
        .fold(0usize, |n, &x, &y| n + usize::from(x.to_bits() != y.to_bits()));
    println!("C step:    {}", describe(c_field));
    println!("Rust step: {}", describe(rust_field));
    println!(
        "C and Rust fields identical: {} ({different} of {} points differ)",
        if different == 0 { "yes" } else { "no" },
        NX * NY
    );
}

/// The plate at room temperature with a hot disc in the middle.
fn initial_field() -> Array2<f64> {
    let (ci, cj) = (NX / 2, NY / 2);
    Array2::from_shape_fn((NX, NY), |(i, j)| {
        let (di, dj) = (i.abs_diff(ci), j.abs_diff(cj));
        if di * di + dj * dj <= DISC_RADIUS * DISC_RADIUS {
            DISC_TEMP
        } else {
            ROOM_TEMP
        }
    })
}

fn mean(u: &Array2<f64>) -> f64 {
    u.sum() / u.len() as f64
}

/// Mean, a checksum (the sum of squares) and the centre point, with fixed digits.
fn describe(u: &Array2<f64>) -> String {
    let checksum: f64 = u.iter().map(|x| x * x).sum();
    format!(
        "mean {:.6}, checksum {:.4}, centre {:.6}",
        mean(u),
        checksum,
        u[[NX / 2, NY / 2]]
    )
}
