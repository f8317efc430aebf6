//! ex05 (checkerboard), reference solution: an n x n checkerboard of zeros and ones,
//! with 0 in the upper-left corner, made from two stepped 2-D slices.
//!
//! Mirrors the basics exercise of seed 002's "Indexing and slicing arrays": create an
//! 8x8 array with a checkerboard pattern, `b[::2, 1::2] = 1` and `b[1::2, ::2] = 1`.

use hpckit::NpDisplay;
use ndarray::{s, Array2};

fn main() {
    let board = checkerboard(8);
    println!("checkerboard(8) =");
    println!("{}", board.np());
    println!("number of ones: {}", board.sum());

    println!("checkerboard(3) =");
    println!("{}", checkerboard(3).np());
}

/// An `n` x `n` array of 0 and 1 in a checkerboard pattern, 0 in the upper-left corner.
fn checkerboard(n: usize) -> Array2<i64> {
    let mut board = Array2::zeros((n, n));
    // Even rows, odd columns; then odd rows, even columns. A range with a step,
    // `start..;step`, picks every other row or column up to the end, whatever `n` is.
    board.slice_mut(s![..;2, 1..;2]).fill(1);
    board.slice_mut(s![1..;2, ..;2]).fill(1);
    board
}
