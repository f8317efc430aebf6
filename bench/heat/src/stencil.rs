//! The capstone's time step, the ways the benchmark compares: ex98's step on array
//! slices, ex99's fast step on one thread and on rayon's threads, and the same stencil
//! in C. All compute every point with the same operations in the same order, ex98's
//! `c + A dt ((down - 2c + up) / dx² + (right - 2c + left) / dy²)`, so that they give
//! the same field to the last bit, which the benchmark checks.

use ndarray::{s, Array2, Zip};
use rayon::prelude::*;

/// Diffusion constant and grid spacing, as in the capstone.
pub const A: f64 = 0.5;
pub const DX: f64 = 0.01;
pub const DY: f64 = 0.01;

/// The largest stable time step, the capstone's `stable_dt`.
pub fn stable_dt() -> f64 {
    let (dx2, dy2) = (DX * DX, DY * DY);
    dx2 * dy2 / (2.0 * A * (dx2 + dy2))
}

/// Air at 20 degrees with a hot disc at 80 in the middle, a quarter of the grid's
/// smaller side across: a field of any size, the same on every rank and every run.
pub fn initial_value(i: usize, j: usize, rows: usize, columns: usize) -> f64 {
    let (y, x) = (i as f64 - rows as f64 / 2.0, j as f64 - columns as f64 / 2.0);
    let radius = rows.min(columns) as f64 / 8.0;
    if x * x + y * y < radius * radius {
        80.0
    } else {
        20.0
    }
}

/// The initial field of a `rows` x `columns` grid.
pub fn initial(rows: usize, columns: usize) -> Array2<f64> {
    Array2::from_shape_fn((rows, columns), |(i, j)| initial_value(i, j, rows, columns))
}

/// ex98's step: the five-point stencil on whole slices, a temporary array per
/// operator, then the new field copied back into `current`, as ex98's loop does.
// `s![1..-1]` counts from the end, as NumPy's `[1:-1]` does; clippy takes it for an
// empty range, wrongly.
#[allow(clippy::reversed_empty_ranges)]
pub fn step_slices(next: &mut Array2<f64>, current: &mut Array2<f64>, dt: f64) {
    let (dx2, dy2) = (DX * DX, DY * DY);
    let centre = current.slice(s![1..-1, 1..-1]);
    let down = current.slice(s![2.., 1..-1]);
    let up = current.slice(s![..-2, 1..-1]);
    let right = current.slice(s![1..-1, 2..]);
    let left = current.slice(s![1..-1, ..-2]);
    let laplacian = (&down - &(2.0 * &centre) + up) / dx2 + (&right - &(2.0 * &centre) + left) / dy2;
    next.slice_mut(s![1..-1, 1..-1])
        .assign(&(&centre + &(A * dt * laplacian)));
    current.assign(next);
}

/// ex99's row: the interior points of `out` from the same row of the field (`centre`)
/// and the rows above and below it, a `Zip` over six slices of equal length.
pub fn row_step(out: &mut [f64], up: &[f64], centre: &[f64], down: &[f64], dt: f64) {
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

/// Rows `first..end` of `next` (flat, row-major, `columns` wide) by [`row_step`] from
/// the rows around them in `current`, one after the other on this thread.
pub fn rows_step(next: &mut [f64], current: &[f64], columns: usize, rows: std::ops::Range<usize>, dt: f64) {
    for k in rows {
        let (up, rest) = current[(k - 1) * columns..(k + 2) * columns].split_at(columns);
        let (centre, down) = rest.split_at(columns);
        row_step(&mut next[k * columns..(k + 1) * columns], up, centre, down, dt);
    }
}

/// ex99's fast step on one thread: every interior row in turn.
pub fn step_fast(next: &mut [f64], current: &[f64], columns: usize, dt: f64) {
    let rows = current.len() / columns;
    rows_step(next, current, columns, 1..rows - 1, dt);
}

/// ex99's fast step as ex99 runs it: the interior rows shared out over rayon's threads.
pub fn step_rayon(next: &mut [f64], current: &[f64], columns: usize, dt: f64) {
    let rows = current.len() / columns;
    next[columns..(rows - 1) * columns]
        .par_chunks_exact_mut(columns)
        .enumerate()
        .for_each(|(k, out)| {
            let (up, rest) = current[k * columns..(k + 3) * columns].split_at(columns);
            let (centre, down) = rest.split_at(columns);
            row_step(out, up, centre, down, dt);
        });
}

extern "C" {
    /// csrc/heat_step.c: the interior of `next` from `current`, both `rows` x
    /// `columns` doubles, row-major, not overlapping.
    fn heat_step(
        next: *mut f64,
        current: *const f64,
        rows: usize,
        columns: usize,
        a: f64,
        dt: f64,
        dx2: f64,
        dy2: f64,
    );
}

/// The same stencil in C, compiled with `-O3`, behind a safe signature.
pub fn step_c(next: &mut [f64], current: &[f64], columns: usize, dt: f64) {
    assert_eq!(next.len(), current.len(), "the two fields differ in size");
    assert!(
        columns > 0 && current.len().is_multiple_of(columns),
        "not whole rows"
    );
    let rows = current.len() / columns;
    // SAFETY: both slices hold rows * columns doubles, and C touches no other index;
    // `next` is borrowed mutably and `current` shared, so they do not overlap, as
    // `restrict` requires; heat_step keeps no pointer after it returns.
    unsafe {
        heat_step(
            next.as_mut_ptr(),
            current.as_ptr(),
            rows,
            columns,
            A,
            dt,
            DX * DX,
            DY * DY,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three steps of each way from the same field: the same bits.
    #[test]
    fn every_step_gives_the_same_bits() {
        let (rows, columns, dt) = (37, 23, stable_dt());
        let start = initial(rows, columns);
        let run = |step: &dyn Fn(&mut [f64], &[f64])| {
            let (mut current, mut next) = (start.clone(), start.clone());
            for _ in 0..3 {
                step(next.as_slice_mut().unwrap(), current.as_slice().unwrap());
                std::mem::swap(&mut current, &mut next);
            }
            current
        };
        let fast = run(&|n, c| step_fast(n, c, columns, dt));
        let (mut current, mut next) = (start.clone(), start.clone());
        for _ in 0..3 {
            step_slices(&mut next, &mut current, dt);
        }
        let bits = |field: &Array2<f64>| field.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&current), bits(&fast));
        assert_eq!(bits(&run(&|n, c| step_rayon(n, c, columns, dt))), bits(&fast));
        assert_eq!(bits(&run(&|n, c| step_c(n, c, columns, dt))), bits(&fast));
        assert_ne!(bits(&fast), bits(&start), "the steps changed nothing");
    }
}
