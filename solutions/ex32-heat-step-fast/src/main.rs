//! ex32 (heat-step-fast), reference solution: the heat equation's time step, first as a
//! line-by-line translation of the Python loop, then made faster one improvement at a
//! time, each run on the same field, compared with the first and timed.
//!
//! Mirrors seed 002, the Cython lecture: "Where to add types? Profiling should be the
//! first step", and CSC's cython/heat-equation exercise, whose `evolve` is the double
//! loop over the interior that `step_slow` below translates. Cython makes that loop
//! fast with types, fast NumPy indexing and `boundscheck(False)`; Rust is typed
//! already, so what is left is the per-element bounds checks and the new array made
//! every step.
//! Check it with `cargo run -p runner -- check ex32`; time it with
//! `cargo run --release -p sol-heat-step-fast`.

use hpckit::timer::Timer;
use ndarray::{s, Array2, Zip};

/// Grid points along each side of the plate, and time steps to take.
const N: usize = 256;
const STEPS: usize = 500;
/// Temperatures: the plate and its edges, and the hot disc in the middle at the start.
const ROOM_TEMP: f64 = 20.0;
const DISC_TEMP: f64 = 80.0;
const DISC_RADIUS: usize = 40;
/// The two fields agree if no point differs by more than this. Not exactly equal: the
/// fast step multiplies where the slow one divides, which rounds differently in the
/// last bit, and 500 steps add those differences up (to about 1e-13 here).
const TOLERANCE: f64 = 1e-9;

/// Diffusion constant and grid spacing, as in ex27.
const A: f64 = 0.5;
const DX: f64 = 0.01;
const DY: f64 = 0.01;

/// A time step into `next` (which already exists, edges included) from `current`.
type Step = fn(&mut Array2<f64>, &Array2<f64>, f64);

/// The improvements, in the order a profile suggests them, each on top of the last.
const STEPS_TAKEN: [(&str, Step); 3] = [
    ("1. no new array per step", step_into),
    ("2. Zip instead of index loops", step_zip),
    ("3. factors instead of divisions", step_fast),
];

fn main() {
    let (dx2, dy2) = (DX * DX, DY * DY);
    // The largest time step that keeps the explicit scheme stable.
    let dt = dx2 * dy2 / (2.0 * A * (dx2 + dy2));
    let initial = initial_field();
    println!("heat equation on a {N} x {N} grid, {STEPS} time steps, edges at {ROOM_TEMP:.1}");
    println!(
        "initial field: a disc of radius {DISC_RADIUS} at {DISC_TEMP:.1}, mean {:.6}",
        mean(&initial)
    );
    let timer = Timer::start();
    let slow = run_slow(&initial, STEPS, dt);
    let mut times = vec![("the Python loop", timer.elapsed().as_secs_f64())];
    println!("{:<34}{}", "the Python loop:", describe(&slow));
    for (name, step) in STEPS_TAKEN {
        let timer = Timer::start();
        let field = run_swapping(&initial, STEPS, dt, step);
        times.push((name, timer.elapsed().as_secs_f64()));
        // Within TOLERANCE: factors round differently from divisions in the last bit.
        let agree = if max_difference(&slow, &field) <= TOLERANCE {
            "yes"
        } else {
            "no"
        };
        println!("{:<34}{}, agrees: {agree}", format!("{name}:"), describe(&field));
    }
    println!("times:");
    println!("  {:<34}{:.3} ms", times[0].0, times[0].1 * 1e3);
    for pair in times.windows(2) {
        let ((_, before), (name, time)) = (pair[0], pair[1]);
        println!(
            "  {name:<34}{:.3} ms, {:.1}x faster than the step before",
            time * 1e3,
            before / time
        );
    }
    println!("  in all: {:.1}x", times[0].1 / times[times.len() - 1].1);
}

/// The mean of a field, and the temperature in the middle of the disc and on its rim:
/// the mean does not change while the heat has not reached the edges; the middle of
/// the disc cools, and its rim warms.
fn describe(field: &Array2<f64>) -> String {
    let (middle, rim) = (N / 2, N / 2 + DISC_RADIUS);
    format!(
        "mean {:.6}, middle {:.6}, rim {:.6}",
        mean(field),
        field[[middle, middle]],
        field[[middle, rim]]
    )
}

/// The largest difference between two fields, point by point.
fn max_difference(a: &Array2<f64>, b: &Array2<f64>) -> f64 {
    Zip::from(a)
        .and(b)
        .fold(0.0_f64, |m, &x, &y| m.max((x - y).abs()))
}

/// The plate at room temperature with a hot disc in the middle; the edges, which the
/// time steps never change, at room temperature.
fn initial_field() -> Array2<f64> {
    let centre = (N / 2) as f64;
    let r2 = (DISC_RADIUS * DISC_RADIUS) as f64;
    Array2::from_shape_fn((N, N), |(i, j)| {
        let (y, x) = (i as f64 - centre, j as f64 - centre);
        if y * y + x * x < r2 {
            DISC_TEMP
        } else {
            ROOM_TEMP
        }
    })
}

/// The mean of a field, summed in one fixed order (row by row), so that it prints the
/// same digits on every run.
fn mean(field: &Array2<f64>) -> f64 {
    field.sum() / field.len() as f64
}

/// Runs `steps` slow time steps from `initial`.
fn run_slow(initial: &Array2<f64>, steps: usize, dt: f64) -> Array2<f64> {
    let mut field = initial.clone();
    for _ in 0..steps {
        field = step_slow(&field, dt);
    }
    field
}

/// One time step as the Python loop reads, translated line by line: a new array for
/// every step, two nested index loops over the interior, and the formula as written,
/// two divisions per point. Every `u[[i, j]]` checks both indices against the shape
/// and multiplies them by the strides, ten times per point. A profile of the program
/// points at this function; which of the three costs the most is for the profile, and
/// the timings, to say.
fn step_slow(u: &Array2<f64>, dt: f64) -> Array2<f64> {
    let (dx2, dy2) = (DX * DX, DY * DY);
    let (n, m) = u.dim();
    // A copy of the whole field, edges included: the temporary of every step.
    let mut next = u.clone();
    for i in 1..n - 1 {
        for j in 1..m - 1 {
            next[[i, j]] = u[[i, j]]
                + A * dt
                    * ((u[[i + 1, j]] - 2.0 * u[[i, j]] + u[[i - 1, j]]) / dx2
                        + (u[[i, j + 1]] - 2.0 * u[[i, j]] + u[[i, j - 1]]) / dy2);
        }
    }
    next
}

/// Runs `steps` time steps of `step` from `initial`: two arrays made once, before the
/// loop, that trade places after every step, instead of a new array per step.
fn run_swapping(initial: &Array2<f64>, steps: usize, dt: f64, step: Step) -> Array2<f64> {
    let mut current = initial.clone();
    // The edges of `next` must hold their fixed values too: the steps write only the
    // interior, so start from a copy.
    let mut next = initial.clone();
    for _ in 0..steps {
        step(&mut next, &current, dt);
        // The new field becomes the current one: two array handles swap, nothing is
        // copied or allocated.
        std::mem::swap(&mut current, &mut next);
    }
    current
}

/// Improvement 1: the slow step's formula and index loops, written into `next`, which
/// exists already, instead of into a new array.
fn step_into(next: &mut Array2<f64>, u: &Array2<f64>, dt: f64) {
    let (dx2, dy2) = (DX * DX, DY * DY);
    let (n, m) = u.dim();
    for i in 1..n - 1 {
        for j in 1..m - 1 {
            next[[i, j]] = u[[i, j]]
                + A * dt
                    * ((u[[i + 1, j]] - 2.0 * u[[i, j]] + u[[i - 1, j]]) / dx2
                        + (u[[i, j + 1]] - 2.0 * u[[i, j]] + u[[i, j - 1]]) / dy2);
        }
    }
}

/// Improvement 2: the same formula in one `Zip` over six views of the same shape (the
/// points to write, each point of `current` and its four neighbours): the shapes are
/// checked once, when the `Zip` is built, and the loop inside has no bounds checks.
// `s![1..-1]` counts from the end, as NumPy's `[1:-1]` does; clippy takes it for an
// empty range, wrongly.
#[allow(clippy::reversed_empty_ranges)]
fn step_zip(next: &mut Array2<f64>, current: &Array2<f64>, dt: f64) {
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

/// Improvement 3: the `Zip` of improvement 2, with the two divisions per point
/// replaced by one multiplication each, by a factor computed once per step: a division
/// takes several times as long as a multiplication, and the compiler may not make the
/// swap itself, because `x * (1 / d)` can round differently from `x / d`.
// `s![1..-1]` counts from the end, as NumPy's `[1:-1]` does; clippy takes it for an
// empty range, wrongly.
#[allow(clippy::reversed_empty_ranges)]
fn step_fast(next: &mut Array2<f64>, current: &Array2<f64>, dt: f64) {
    let (cx, cy) = (A * dt / (DX * DX), A * dt / (DY * DY));
    Zip::from(next.slice_mut(s![1..-1, 1..-1]))
        .and(current.slice(s![1..-1, 1..-1]))
        .and(current.slice(s![2.., 1..-1]))
        .and(current.slice(s![..-2, 1..-1]))
        .and(current.slice(s![1..-1, 2..]))
        .and(current.slice(s![1..-1, ..-2]))
        .for_each(|u, &c, &down, &up, &right, &left| {
            *u = c + cx * (down - 2.0 * c + up) + cy * (right - 2.0 * c + left);
        });
}
