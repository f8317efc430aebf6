//! ex31 (bounds-checks): where Rust checks bounds. The same three-point stencil along
//! the rows of a 2-D grid, four ways: index loops on a flat `Vec` and on an ndarray
//! `Array2` (given; every index checked), slice iterators (`chunks_exact` and
//! `windows`, nothing to check) and ndarray's `Zip`. Write `stencil_iter` and
//! `stencil_zip`, without `unsafe`.
//! Check it with `cargo run -p runner -- check ex31`; the timings only mean something
//! in an optimized build: `cargo run --release -p ex-bounds-checks`.

use hpckit::timer::best_of;
use ndarray::Array2;
#[allow(unused_imports)] // for `stencil_zip`, which you write
use ndarray::{s, Zip};
use std::hint::black_box;
use std::time::Duration;

const ROWS: usize = 1000;
const COLS: usize = 4000;

/// How many times each version is timed; the fastest run is reported.
const REPEAT: usize = 5;

fn main() {
    // The grid, as a flat row-major Vec and as an Array2 with the same numbers:
    // integers from -500 to 499, scrambled by a hash of the position. Integers, so
    // that every version gives exactly the same results.
    let flat: Vec<i32> = (0..ROWS * COLS)
        .map(|k| (scramble(k as u64) % 1000) as i32 - 500)
        .collect();
    let grid = Array2::from_shape_vec((ROWS, COLS), flat.clone()).expect("ROWS * COLS");
    println!("grid: {ROWS} x {COLS} i32");

    let mut out_flat = vec![0; ROWS * COLS];
    let mut out_grid = Array2::zeros((ROWS, COLS));
    let mut times = Vec::new();

    let name = "index loop, Vec";
    let time = best_of(REPEAT, || {
        stencil_index(black_box(&flat), &mut out_flat, COLS);
    });
    report(name, &out_flat);
    times.push((name, time));

    let name = "index loop, Array2";
    let time = best_of(REPEAT, || {
        stencil_index_ndarray(black_box(&grid), &mut out_grid);
    });
    report(name, out_grid.as_slice().expect("standard layout"));
    times.push((name, time));

    // The next two start from zeros again: a version that wrote nothing must not
    // show the results of the one before it.
    out_flat.fill(0);
    let name = "chunks_exact + windows";
    let time = best_of(REPEAT, || {
        stencil_iter(black_box(&flat), &mut out_flat, COLS);
    });
    report(name, &out_flat);
    times.push((name, time));

    out_grid.fill(0);
    let name = "ndarray Zip";
    let time = best_of(REPEAT, || {
        stencil_zip(black_box(&grid), &mut out_grid);
    });
    report(name, out_grid.as_slice().expect("standard layout"));
    times.push((name, time));

    let fastest = times.iter().map(|&(_, t)| t).min().expect("four versions");
    println!("times, best of {REPEAT}:");
    for (name, time) in times {
        println!(
            "  {name:<24} {:8.3} ms ({:.2}x the fastest)",
            ms(time),
            time.as_secs_f64() / fastest.as_secs_f64()
        );
    }
}

/// Index loops on a flat row-major grid of `cols` columns: at every interior point,
/// `out = left - 2 * centre + right`. Each `a[...]` and `out[...]` checks its index
/// against the length, and panics if it is out of bounds.
#[inline(never)]
fn stencil_index(a: &[i32], out: &mut [i32], cols: usize) {
    let rows = a.len() / cols;
    for i in 0..rows {
        for j in 1..cols - 1 {
            let k = i * cols + j;
            out[k] = a[k - 1] - 2 * a[k] + a[k + 1];
        }
    }
}

/// The same loops on an `Array2`: `a[[i, j]]` checks both indices.
#[inline(never)]
fn stencil_index_ndarray(a: &Array2<i32>, out: &mut Array2<i32>) {
    let (rows, cols) = a.dim();
    for i in 0..rows {
        for j in 1..cols - 1 {
            out[[i, j]] = a[[i, j - 1]] - 2 * a[[i, j]] + a[[i, j + 1]];
        }
    }
}

/// Without indices: the rows are `chunks_exact(cols)`, and in each row the windows
/// of three neighbours are paired with the outputs from the second column on. An
/// iterator never goes past the end of its slice, so there is nothing to check.
#[inline(never)]
fn stencil_iter(_a: &[i32], _out: &mut [i32], _cols: usize) {
    // TODO: the same result as `stencil_index`, with no index at all. Walk the rows
    // of `a` and of `out` together (`chunks_exact`, `chunks_exact_mut`, `zip`); in
    // each row, pair the outputs from the second column on with the windows of
    // three neighbours of the input row (`windows(3)`). (Rename the parameters.)
    todo!("the stencil with chunks_exact and windows")
}

/// ndarray's `Zip`: four views of the same shape, the output's interior and the
/// input shifted left, not shifted and shifted right, walked in step. `Zip` checks
/// once that the shapes agree, then runs without checks.
#[inline(never)]
fn stencil_zip(_a: &Array2<i32>, _out: &mut Array2<i32>) {
    // TODO: `Zip::from(...)` the interior columns of `out` (`slice_mut` with
    // `s![.., 1..-1]`), `.and(...)` the three views of `a` shifted by one column,
    // then `.for_each(...)` with a closure that receives one element of each.
    // (Rename the parameters.)
    todo!("the stencil with ndarray's Zip")
}

/// Prints the checks of one version's result: the sum of all values and the sum of
/// their squares, exact integers, and the first values of the first row.
fn report(name: &str, out: &[i32]) {
    let sum: i64 = out.iter().map(|&x| i64::from(x)).sum();
    let squares: i64 = out.iter().map(|&x| i64::from(x) * i64::from(x)).sum();
    println!(
        "  {name:<24} sum {sum}, sum of squares {squares}, first row {:?}",
        &out[..5]
    );
}

/// A hash of `k` (the finalizer of splitmix64): neighbouring positions get
/// unrelated numbers, the same on every run and every machine.
fn scramble(k: u64) -> u64 {
    let mut x = k.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A duration in milliseconds.
fn ms(t: Duration) -> f64 {
    t.as_secs_f64() * 1e3
}
