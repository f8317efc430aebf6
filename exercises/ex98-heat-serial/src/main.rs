//! ex98 (heat-serial): the whole heat-equation program on one core. The program reads
//! the initial field (a hot bottle in cold air) from its text file, steps it in time
//! and, every few hundred steps, prints the field's average and checksum and saves it
//! as a picture. Write the two pieces of numerics it lacks, near the end of this file:
//! `stable_dt`, the largest stable time step, and `evolve`, one time step with the
//! five-point stencil written as array slices, NumPy's way, with no index loops.
//!
//! Mirrors seed 002's NumPy heat-equation exercise and CSC's numpy/heat-equation
//! (`evolve` on slices, `dt = dx2*dy2 / (2*a*(dx2+dy2))`, `bottle.dat`, `imshow`).
//! Check it with `cargo run -p runner -- check ex98`.

use hpckit::heat::{self, Pictures};
#[allow(unused_imports)] // `s!` is for `evolve`
use ndarray::{s, Array2};
use std::error::Error;

/// Diffusion constant and grid spacing, as in the course's earlier heat programs.
const A: f64 = 0.5;
const DX: f64 = 0.01;
const DY: f64 = 0.01;
/// Time steps to take, and how often to print the field's numbers and draw it.
const STEPS: usize = 1000;
const REPORT_EVERY: usize = 250;

fn main() -> Result<(), Box<dyn Error>> {
    let mut current = heat::read_field(heat::BOTTLE_PATH)?;
    let (rows, columns) = current.dim();
    let (low, high) = heat::min_max(current.view());
    println!("bottle.dat: {rows} x {columns} grid, temperatures from {low:.1} to {high:.1}");
    let dt = stable_dt(A, DX, DY);
    println!("{STEPS} steps of dt = {dt:.6e}, the stability limit");
    let pictures = Pictures::new("heat-serial", low, high)?;
    println!("pictures go to {}/ in the target directory", pictures.folder());

    report(0, &current, &pictures)?;
    // The edges of `next` must hold their fixed values too: evolve writes only the
    // interior.
    let mut next = current.clone();
    for step in 1..=STEPS {
        evolve(&mut next, &current, dt);
        // CSC's `u_previous[:] = u[:]`: the new field becomes the current one.
        current.assign(&next);
        if step % REPORT_EVERY == 0 {
            report(step, &current, &pictures)?;
        }
    }
    Ok(())
}

/// The largest time step for which the explicit scheme is stable:
/// dt = dx² dy² / (2 a (dx² + dy²)).
fn stable_dt(_a: f64, _dx: f64, _dy: f64) -> f64 {
    // TODO: the formula above. (Remove the leading `_` of the parameters you use.)
    todo!("the largest stable time step")
}

/// One explicit time step: the interior of `next` from `current` with the five-point
/// stencil, on whole slices as NumPy writes it. Each operator on references makes a
/// temporary array. The edges of `next` are not touched.
// `s![1..-1]` counts from the end, as NumPy's `[1:-1]` does; clippy takes it for an
// empty range, wrongly.
fn evolve(_next: &mut Array2<f64>, _current: &Array2<f64>, _dt: f64) {
    // TODO: NumPy's
    //     u[1:-1, 1:-1] = u0[1:-1, 1:-1] + a * dt * (
    //         (u0[2:, 1:-1] - 2*u0[1:-1, 1:-1] + u0[:-2, 1:-1]) / dx2 +
    //         (u0[1:-1, 2:] - 2*u0[1:-1, 1:-1] + u0[1:-1, :-2]) / dy2)
    // with `current.slice(s![...])` for the five views of `current` and
    // `next.slice_mut(s![1..-1, 1..-1]).assign(...)` for the interior of `next`.
    // Arithmetic on references to views (`&down - &centre`) makes new arrays.
    // Keep the formula's order of operations: the check compares checksums of the
    // field's bits, and a different order rounds differently.
    todo!("one time step: the five-point stencil on slices")
}

/// Prints the field's average and checksum after `step` steps, and draws it.
fn report(step: usize, field: &Array2<f64>, pictures: &Pictures) -> std::io::Result<()> {
    println!(
        "step {step:4}: average {:.6}, checksum {:016x}",
        heat::average(field.view()),
        heat::checksum(field.view())
    );
    println!("  picture {}", pictures.write(step, field.view())?);
    Ok(())
}
