//! ex98 (heat-serial), reference solution: the whole heat-equation program on one core.
//! It reads the initial field (a hot bottle in cold air) from its text file, takes the
//! largest time step that keeps the explicit scheme stable, and steps the field with the
//! five-point stencil written as array slices, NumPy's way, with no index loops. The
//! edges keep their initial values. Every few hundred steps it prints the field's
//! average and checksum and saves it as a picture.
//!
//! Mirrors seed 002's NumPy heat-equation exercise and CSC's numpy/heat-equation
//! (`evolve` on slices, `dt = dx2*dy2 / (2*a*(dx2+dy2))`, `bottle.dat`, `imshow`).
//! Check it with `cargo run -p runner -- check ex98`; the course's field is made by
//! `cargo run -p sol-heat-serial --example make-bottle`.

use hpckit::heat::{self, Pictures};
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
fn stable_dt(a: f64, dx: f64, dy: f64) -> f64 {
    let (dx2, dy2) = (dx * dx, dy * dy);
    dx2 * dy2 / (2.0 * a * (dx2 + dy2))
}

/// One explicit time step: the interior of `next` from `current` with the five-point
/// stencil, on whole slices as NumPy writes it. Each operator on references makes a
/// temporary array. The edges of `next` are not touched.
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
