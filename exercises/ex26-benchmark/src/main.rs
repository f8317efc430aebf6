//! ex26 (benchmark): two ways to add up a matrix, row by row and column by column.
//! Write `sum_by_rows` and `sum_by_columns`; `main` checks that they agree, and the
//! criterion benchmark in `benches/traversal.rs` compares their speed.
//! Check it with `cargo run -p runner -- check ex26`; benchmark it with
//! `cargo bench -p ex-benchmark --features bench`.

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
pub fn sum_by_rows(_a: ArrayView2<i64>) -> i64 {
    // TODO: `let (rows, cols) = a.dim();`, then two nested `for` loops, rows outside,
    // columns inside, adding up `a[[i, j]]`. (Remove the leading `_` of `a`.)
    todo!("add up `a` row by row")
}

/// The sum of all elements, the outer loop over columns: the inner loop jumps a
/// whole row ahead in memory at every step.
pub fn sum_by_columns(_a: ArrayView2<i64>) -> i64 {
    // TODO: the same two loops, the other way round: columns outside, rows inside.
    todo!("add up `a` column by column")
}
