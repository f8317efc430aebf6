//! ex05 (checkerboard): an n x n checkerboard of zeros and ones, with 0 in the
//! upper-left corner, made from two stepped 2-D slices. Fill in `checkerboard`.
//! Check it with `cargo run -p runner -- check ex05`.

use hpckit::NpDisplay;
use ndarray::Array2;

fn main() {
    let board = checkerboard(8);
    println!("checkerboard(8) =");
    println!("{}", board.np());
    println!("number of ones: {}", board.sum());

    println!("checkerboard(3) =");
    println!("{}", checkerboard(3).np());
}

/// An `n` x `n` array of 0 and 1 in a checkerboard pattern, 0 in the upper-left corner.
fn checkerboard(_n: usize) -> Array2<i64> {
    // TODO: start from `Array2::zeros((n, n))`. The ones are at (even row, odd column)
    // and at (odd row, even column): two stepped slices, `s![start..;step, ...]`, each
    // set with `slice_mut(...).fill(1)`. No loops needed. (Add `use ndarray::s;` and
    // remove the leading `_` of `n`.)
    todo!("an n x n checkerboard")
}
