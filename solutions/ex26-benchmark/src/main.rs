//! ex26 (benchmark), reference solution: two ways to add up a matrix, row by row and
//! column by column, checked equal here and compared with criterion in
//! `benches/traversal.rs`.
//!
//! Mirrors seed 002, "Performance measurement": where `python -m timeit` gives one
//! best time, a benchmark harness measures many samples and reports a confidence
//! interval and the change since the last run. The function under benchmark is the
//! classic memory-layout experiment: the same additions in two loop orders.
//! Check it with `cargo run -p runner -- check ex26`; benchmark it with
//! `cargo bench -p sol-benchmark --features bench`.

use hpckit::timer::best_of;
use ndarray::{Array2, ArrayView2};
use std::hint::black_box;

fn main() {
    let n = 1000;
    let a = matrix(n);
    println!("a = {n} x {n} matrix of 0, 1, ..., {}", n * n - 1);
    println!("sum by rows:    {}", sum_by_rows(a.view()));
    println!("sum by columns: {}", sum_by_columns(a.view()));
    println!("a.sum():        {}", a.sum());

    // A first, rough comparison; `cargo bench` does it properly.
    let t_rows = best_of(5, || {
        black_box(sum_by_rows(black_box(a.view())));
    });
    let t_cols = best_of(5, || {
        black_box(sum_by_columns(black_box(a.view())));
    });
    let ratio = t_cols.as_secs_f64() / t_rows.as_secs_f64();
    println!("by columns / by rows: {ratio:.1}x the time");
}

/// An `n` x `n` matrix holding 0, 1, 2, ... in row-major order. Integers, so that the
/// sum is the same in any order (a float sum would round differently), and the
/// compiler is free to vectorize it.
pub fn matrix(n: usize) -> Array2<i64> {
    Array2::from_shape_fn((n, n), |(i, j)| (i * n + j) as i64)
}

/// The sum of all elements, the outer loop over rows: the inner loop walks along a
/// row, through memory that is contiguous in a standard (C-order) array.
pub fn sum_by_rows(a: ArrayView2<i64>) -> i64 {
    let (rows, cols) = a.dim();
    let mut sum = 0;
    for i in 0..rows {
        for j in 0..cols {
            sum += a[[i, j]];
        }
    }
    sum
}

/// The sum of all elements, the outer loop over columns: the inner loop jumps a
/// whole row ahead in memory at every step.
pub fn sum_by_columns(a: ArrayView2<i64>) -> i64 {
    let (rows, cols) = a.dim();
    let mut sum = 0;
    for j in 0..cols {
        for i in 0..rows {
            sum += a[[i, j]];
        }
    }
    sum
}
