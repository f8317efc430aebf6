//! ex99 (heat-fast), reference solution: the heat-equation program of ex98 with a fast
//! time step. The plain step, NumPy's way, makes a temporary array for every operator
//! and copies the new field back after every step. The fast step makes no array at all:
//! two fields trade places after each step; it walks each row with a `Zip` over
//! slices, which checks the lengths once per row and nothing inside the loop; and the
//! rows are shared out over rayon's threads. It does the same arithmetic in the same
//! order at every point, so its field is the plain one to the last bit, which the
//! program checks, and it prints the same lines as ex98.
//!
//! Mirrors seed 002's Cython heat-equation exercise (CSC's cython/heat-equation: the
//! same program, made fast where the profile says) and the course's fused-loop and
//! bounds-check lessons (ex24, ex31, ex32).
//! Check it with `cargo run -p runner -- check ex99`; time it with
//! `cargo run --release -p sol-heat-fast`.

use hpckit::heat;
use hpckit::timer::Timer;
use ndarray::{s, Array2, Zip};
use rayon::prelude::*;
use std::error::Error;

/// Diffusion constant and grid spacing, as in ex98.
const A: f64 = 0.5;
const DX: f64 = 0.01;
const DY: f64 = 0.01;
/// Time steps to take, and how often to print the field's numbers.
const STEPS: usize = 1000;
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
fn run_fast(initial: &Array2<f64>, dt: f64, mut report: impl FnMut(usize, &Array2<f64>)) -> Array2<f64> {
    let mut current = initial.clone();
    // The edges of `next` hold their fixed values too: the step writes only the interior.
    let mut next = initial.clone();
    report(0, &current);
    for step in 1..=STEPS {
        evolve_fast(&mut next, &current, dt);
        std::mem::swap(&mut current, &mut next);
        if step % REPORT_EVERY == 0 {
            report(step, &current);
        }
    }
    current
}

/// The fast step: every interior row of `next` written by [`row_step`] from the rows
/// above, at and below it in `current`, the rows shared out over rayon's threads.
/// Each thread writes its own rows of `next` and only reads `current`, so they need
/// no lock, and the result does not depend on how the rows are shared out.
fn evolve_fast(next: &mut Array2<f64>, current: &Array2<f64>, dt: f64) {
    let (rows, columns) = current.dim();
    let current = current.as_slice().expect("a field in standard layout");
    let next = next.as_slice_mut().expect("a field in standard layout");
    next[columns..(rows - 1) * columns]
        .par_chunks_exact_mut(columns)
        .enumerate()
        .for_each(|(k, out)| {
            // Output row k + 1 needs the rows k, k + 1 and k + 2: one bounds check per
            // row, for the three slices, none per point.
            let (up, rest) = current[k * columns..(k + 3) * columns].split_at(columns);
            let (centre, down) = rest.split_at(columns);
            row_step(out, up, centre, down, dt);
        });
}

/// One row of the stencil: the interior points of `out` from the same row of the
/// field (`centre`) and the rows above and below it. A `Zip` over six slices of equal
/// length: the lengths are checked once, then the loop runs without checks. The
/// formula is ex98's, operation for operation, so it rounds the same way.
fn row_step(out: &mut [f64], up: &[f64], centre: &[f64], down: &[f64], dt: f64) {
    let (dx2, dy2) = (DX * DX, DY * DY);
    let n = centre.len();
    Zip::from(&mut out[1..n - 1])
        .and(&centre[1..n - 1])
        .and(&down[1..n - 1])
        .and(&up[1..n - 1])
        .and(&centre[2..])
        .and(&centre[..n - 2])
        .for_each(|u, &c, &down, &up, &right, &left| {
            *u = c + A * dt * ((down - 2.0 * c + up) / dx2 + (right - 2.0 * c + left) / dy2);
        });
}
