//! The heat equation program that ex27 profiles: explicit time steps of 2-D heat
//! diffusion on a square plate whose edges are held at room temperature, with a
//! heater, a block of cells held hot. Everything but the heater lives here; the
//! program's `main.rs` (and the slow example) pass in how to apply the heater.

use hpckit::timer::Timer;
use ndarray::{s, Array2, Zip};

/// Grid points along each side of the plate.
pub const N: usize = 128;
/// Time steps to take, and how often to print a line about the field.
pub const STEPS: usize = 500;
pub const REPORT_EVERY: usize = 100;
/// Temperatures: the plate and its edges, and the heater's cells.
pub const ROOM_TEMP: f64 = 20.0;
pub const HEATER_TEMP: f64 = 90.0;

/// Diffusion constant and grid spacing; the time step is the largest that keeps the
/// explicit scheme stable.
const A: f64 = 0.5;
const DX: f64 = 0.01;
const DY: f64 = 0.01;

/// How to hold the heater's cells at `HEATER_TEMP` after a time step.
pub type ApplyHeater = fn(&mut Array2<f64>, &[(usize, usize)]);

/// The heater: the `(row, column)` of every cell of a 10 x 10 block near one corner.
pub fn heater_cells() -> Vec<(usize, usize)> {
    let mut cells = Vec::new();
    for i in 20..30 {
        for j in 20..30 {
            cells.push((i, j));
        }
    }
    cells
}

/// One explicit time step: the interior of `next` from `current` with the five-point
/// stencil. The edges of `next` are not touched, so they keep their fixed values.
// `s![1..-1]` counts from the end, as NumPy's `[1:-1]` does; clippy takes it for an
// empty range, wrongly.
#[allow(clippy::reversed_empty_ranges)]
pub fn evolve(next: &mut Array2<f64>, current: &Array2<f64>, dt: f64) {
    let (dx2, dy2) = (DX * DX, DY * DY);
    // Five views into `current`: each interior point and its four neighbours. One
    // fused loop over all of them, no temporary arrays.
    Zip::from(next.slice_mut(s![1..-1, 1..-1]))
        .and(current.slice(s![1..-1, 1..-1]))
        .and(current.slice(s![..-2, 1..-1]))
        .and(current.slice(s![2.., 1..-1]))
        .and(current.slice(s![1..-1, ..-2]))
        .and(current.slice(s![1..-1, 2..]))
        .for_each(|u, &c, &up, &down, &left, &right| {
            *u = c + A * dt * ((up - 2.0 * c + down) / dx2 + (left - 2.0 * c + right) / dy2);
        });
}

/// Runs the whole simulation and prints what it finds, holding the heater with
/// `apply_heater` after every step.
pub fn run(apply_heater: ApplyHeater) {
    let (dx2, dy2) = (DX * DX, DY * DY);
    let dt = dx2 * dy2 / (2.0 * A * (dx2 + dy2));
    let heater = heater_cells();
    println!("heat equation on a {N} x {N} grid, {STEPS} time steps");
    let held = heater.len();
    println!("{held} heater cells held at {HEATER_TEMP:.1}, edges at {ROOM_TEMP:.1}");

    let mut current = Array2::from_elem((N, N), ROOM_TEMP);
    apply_heater(&mut current, &heater);
    let mut next = current.clone();

    let timer = Timer::start();
    for step in 1..=STEPS {
        evolve(&mut next, &current, dt);
        apply_heater(&mut next, &heater);
        // The new field becomes the current one: a swap of two array handles, no copy.
        std::mem::swap(&mut current, &mut next);
        if step % REPORT_EVERY == 0 {
            let mean = current.mean().expect("the grid is not empty");
            let middle = current[[N / 2, N / 2]];
            println!("step {step:3}: mean {mean:.6}, middle {middle:.6}");
        }
    }
    let elapsed = timer.elapsed();
    println!("checksum: sum(field) = {:.6}", current.sum());
    println!("time: {:.3} ms", elapsed.as_secs_f64() * 1e3);
}
