//! ex32 (heat-step-fast), reference solution: the heat equation's time step written
//! twice, the slow way that a line-by-line translation of the Python loop gives, and
//! the fast way, then both run on the same field and compared.
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
    let slow_time = timer.elapsed().as_secs_f64();

    let timer = Timer::start();
    let fast = run_fast(&initial, STEPS, dt);
    let fast_time = timer.elapsed().as_secs_f64();

    // The mean does not change while the heat has not reached the edges; the middle
    // of the disc cools, and its rim warms.
    let (middle, rim) = (N / 2, N / 2 + DISC_RADIUS);
    for (name, field) in [("slow", &slow), ("fast", &fast)] {
        let (mean, centre, edge) = (mean(field), field[[middle, middle]], field[[middle, rim]]);
        println!("{name} step: mean {mean:.6}, middle {centre:.6}, rim {edge:.6}");
    }
    let max_diff = Zip::from(&slow)
        .and(&fast)
        .fold(0.0_f64, |m, &a, &b| m.max((a - b).abs()));
    let agree = if max_diff <= TOLERANCE { "yes" } else { "no" };
    println!("fields agree (max |fast - slow| <= {TOLERANCE:e}): {agree}");

    println!("slow step: {:9.3} ms", slow_time * 1e3);
    let speed_up = slow_time / fast_time;
    println!("fast step: {:9.3} ms, speed-up {speed_up:5.1}x", fast_time * 1e3);
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

/// Runs `steps` fast time steps from `initial`: two arrays made once, before the loop,
/// that trade places after every step.
fn run_fast(initial: &Array2<f64>, steps: usize, dt: f64) -> Array2<f64> {
    let mut current = initial.clone();
    // The edges of `next` must hold their fixed values too: `step_fast` writes only the
    // interior, so start from a copy.
    let mut next = initial.clone();
    for _ in 0..steps {
        step_fast(&mut next, &current, dt);
        // The new field becomes the current one: two array handles swap, nothing is
        // copied or allocated.
        std::mem::swap(&mut current, &mut next);
    }
    current
}

/// One time step into `next`, which already exists: the interior of `next` from
/// `current`. One `Zip` over six views of the same shape, the points to write, each
/// point of `current` and its four neighbours: the shapes are checked once, when the
/// `Zip` is built, and the loop inside has no bounds checks left. The two divisions
/// per point of the slow step become one multiplication each by a factor computed
/// once per step: a division takes several times as long as a multiplication, and the
/// compiler may not make the swap itself, because `x * (1 / d)` can round differently
/// from `x / d`.
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
