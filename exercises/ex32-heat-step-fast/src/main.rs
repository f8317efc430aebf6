//! ex32 (heat-step-fast): the heat equation's time step, written twice. `step_slow`
//! is the Python loop translated line by line, and correct; make a fast one, `run_fast`
//! and `step_fast` at the end of this file, that gives the same field. The program
//! runs both on the same field, checks that they agree and times them.
//! Check it with `cargo run -p runner -- check ex32`; time it with
//! `cargo run --release -p ex-heat-step-fast`.

use hpckit::timer::Timer;
use ndarray::{Array2, Zip};

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

/// Runs `steps` fast time steps from `initial` and returns the field after the last.
fn run_fast(_initial: &Array2<f64>, _steps: usize, _dt: f64) -> Array2<f64> {
    // TODO: no new array inside the loop. Make the two arrays the steps need before
    // it, each a copy of `initial` (the edges must hold their fixed values in both);
    // call `step_fast` once per step, and let the new field and the old one trade
    // places with `std::mem::swap`, which copies nothing. (Remove the leading `_` of
    // the parameters you use.)
    todo!("run the fast steps: two arrays made once, swapped after every step")
}

/// One time step into `next`, which already exists: the interior of `next` from
/// `current`, with the same formula as `step_slow`. The edges of `next` are not
/// touched.
// Until `run_fast` calls it, the compiler warns that this function is never used.
#[allow(dead_code)]
// `s![1..-1]` counts from the end, as NumPy's `[1:-1]` does; clippy takes it for an
// empty range, wrongly.
#[allow(clippy::reversed_empty_ranges)]
fn step_fast(_next: &mut Array2<f64>, _current: &Array2<f64>, _dt: f64) {
    // TODO: no `[[i, j]]` in the loop, no division per point. Build one `Zip` over
    // the interior of `next` and the five views of `current` that line up with it
    // (`ndarray::s![1..-1, 1..-1]` is the interior; shift a range by one for a
    // neighbour), and compute each point with the factors `A * dt / (DX * DX)` and
    // `A * dt / (DY * DY)`, worked out once, before the loop.
    todo!("one time step into `next`: a `Zip` over the interior, no bounds checks")
}
