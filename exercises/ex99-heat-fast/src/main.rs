//! ex99 (heat-fast): the heat-equation program of ex98 with a fast time step. The plain
//! step of ex98 is given (`evolve`, `run_plain`): it makes a temporary array for every
//! operator and copies the new field back after every step. Write the fast one near
//! the end of this file: `run_fast`, a time loop whose two fields trade places instead
//! of being copied; `evolve_fast`, which shares the rows of the field out over rayon's
//! threads; and `row_step`, one row of the stencil with no bounds check inside its loop.
//! It must do the same arithmetic in the same order at every point, so that its field
//! is the plain one to the last bit: the program checks that, prints ex98's lines, and
//! times both.
//!
//! Mirrors seed 002's Cython heat-equation exercise (CSC's cython/heat-equation: the
//! same program, made fast where the profile says) and the course's fused-loop and
//! bounds-check lessons (ex24, ex31, ex32).
//! Check it with `cargo run -p runner -- check ex99`; time it with
//! `cargo run --release -p ex-heat-fast`.

use hpckit::heat;
use hpckit::timer::Timer;
#[allow(unused_imports)] // for your fast step
use ndarray::Zip;
use ndarray::{s, Array2};
#[allow(unused_imports)] // for your fast step
use rayon::prelude::*;
use std::error::Error;

/// Diffusion constant and grid spacing, as in ex98.
const A: f64 = 0.5;
const DX: f64 = 0.01;
const DY: f64 = 0.01;
/// Time steps to take, and how often to print the field's numbers.
const STEPS: usize = 1000;
#[allow(dead_code)] // until `run_fast` uses it
const REPORT_EVERY: usize = 250;

fn main() -> Result<(), Box<dyn Error>> {
    let initial = heat::read_field(heat::BOTTLE_PATH)?;
    let (rows, columns) = initial.dim();
    let (low, high) = heat::min_max(initial.view());
    println!("bottle.dat: {rows} x {columns} grid, temperatures from {low:.1} to {high:.1}");
    let (dx2, dy2) = (DX * DX, DY * DY);
    let dt = dx2 * dy2 / (2.0 * A * (dx2 + dy2));
    println!("{STEPS} steps of dt = {dt:.6e}, the stability limit");

    let timer = Timer::start();
    let plain = run_plain(&initial, dt);
    let plain_time = timer.elapsed().as_secs_f64();

    let mut lines = Vec::new();
    let timer = Timer::start();
    let fast = run_fast(&initial, dt, |step, field| lines.push(report(step, field)));
    let fast_time = timer.elapsed().as_secs_f64();
    for line in lines {
        println!("{line}");
    }

    let identical = plain.iter().zip(&fast).all(|(p, f)| p.to_bits() == f.to_bits());
    println!("identical to the plain step: {identical}");
    println!("plain step: {:8.3} ms for {STEPS} steps", plain_time * 1e3);
    println!(
        "fast step:  {:8.3} ms for {STEPS} steps, {:.1}x faster",
        fast_time * 1e3,
        plain_time / fast_time
    );
    Ok(())
}

/// The line ex98 prints about the field after `step` steps.
fn report(step: usize, field: &Array2<f64>) -> String {
    format!(
        "step {step:4}: average {:.6}, checksum {:016x}",
        heat::average(field.view()),
        heat::checksum(field.view())
    )
}

/// ex98's time loop: the plain step, then the new field copied back.
fn run_plain(initial: &Array2<f64>, dt: f64) -> Array2<f64> {
    let mut current = initial.clone();
    let mut next = initial.clone();
    for _ in 0..STEPS {
        evolve(&mut next, &current, dt);
        current.assign(&next);
    }
    current
}

/// ex98's step: the five-point stencil on whole slices, a temporary array per operator.
// `s![1..-1]` counts from the end, as NumPy's `[1:-1]` does; clippy takes it for an
// empty range, wrongly.
#[allow(clippy::reversed_empty_ranges)]
fn evolve(next: &mut Array2<f64>, current: &Array2<f64>, dt: f64) {
    let (dx2, dy2) = (DX * DX, DY * DY);
    let centre = current.slice(s![1..-1, 1..-1]);
    let down = current.slice(s![2.., 1..-1]);
    let up = current.slice(s![..-2, 1..-1]);
    let right = current.slice(s![1..-1, 2..]);
    let left = current.slice(s![1..-1, ..-2]);
    let laplacian = (&down - &(2.0 * &centre) + up) / dx2 + (&right - &(2.0 * &centre) + left) / dy2;
    next.slice_mut(s![1..-1, 1..-1])
        .assign(&(&centre + &(A * dt * laplacian)));
}

/// The fast time loop: two fields made once, which trade places after every step (a
/// swap of two handles: nothing is copied). Calls `report` with the field at step 0
/// and every REPORT_EVERY steps.
fn run_fast(_initial: &Array2<f64>, _dt: f64, _report: impl FnMut(usize, &Array2<f64>)) -> Array2<f64> {
    // TODO: `run_plain`'s loop, with three changes: call `evolve_fast`; instead of
    // `assign`, swap the two fields (`std::mem::swap(&mut current, &mut next)` swaps
    // two array handles and copies no value); and call `report(step, &current)` at
    // step 0 and every REPORT_EVERY steps. (Remove the leading `_` of the parameters
    // you use, and make `report` `mut`.)
    todo!("the time loop that swaps its two fields")
}

/// The fast step: every interior row of `next` written by [`row_step`] from the rows
/// above, at and below it in `current`, the rows shared out over rayon's threads.
/// Each thread writes its own rows of `next` and only reads `current`, so they need
/// no lock, and the result does not depend on how the rows are shared out.
#[allow(dead_code)] // until `run_fast` calls it
fn evolve_fast(_next: &mut Array2<f64>, _current: &Array2<f64>, _dt: f64) {
    // TODO: work on the two fields as flat row-major slices (`as_slice()`,
    // `as_slice_mut()`). The interior rows of `next` are the chunks of `columns`
    // values between its first and last row; `par_chunks_exact_mut(columns)` hands
    // them to rayon's threads, and `.enumerate()` numbers them. Output row k + 1 needs
    // rows k, k + 1 and k + 2 of `current`: slice them out (`split_at` cuts a slice in
    // two) and call `row_step`.
    todo!("the interior rows of next, shared out over rayon's threads")
}

/// One row of the stencil: the interior points of `out` from the same row of the
/// field (`centre`) and the rows above and below it. A `Zip` over six slices of equal
/// length: the lengths are checked once, then the loop runs without checks. The
/// formula is ex98's, operation for operation, so it rounds the same way.
#[allow(dead_code)] // until `evolve_fast` calls it
fn row_step(_out: &mut [f64], _up: &[f64], _centre: &[f64], _down: &[f64], _dt: f64) {
    // TODO: ndarray's `Zip` takes slices as well as arrays: `Zip::from(&mut out[1..n -
    // 1]).and(&centre[1..n - 1]).and(...)`, six in all (the point, and its neighbours
    // below, above, right and left, which are `centre` shifted by one), then
    // `.for_each(|u, &c, &down, &up, &right, &left| *u = ...)` with `evolve`'s formula,
    // in the same order: c + A * dt * ((down - 2c + up) / dx2 + (right - 2c + left) / dy2).
    todo!("one row of the stencil, with no bounds check per point")
}
