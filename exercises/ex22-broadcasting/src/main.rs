//! ex22 (broadcasting): arithmetic between arrays of different shapes. A 3 x 2 matrix
//! times a 1 x 2 row, then the distances of 100 random points from one origin, and the
//! farthest point. Fill in the three functions marked TODO.
//! Check it with `cargo run -p runner -- check ex22`.

use hpckit::NpDisplay;
use ndarray::{array, s, Array1, Array2, ArrayView1, ArrayView2};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;

fn main() {
    let a = array![[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]];
    let b = array![[7.0, 11.0]];
    println!("a =\n{}", a.np());
    println!("b = {}", b.np());
    println!("a * b =\n{}", times_row(a.view(), b.view()).np());

    // 100 points in 3-D, uniform in [0, 1)^3, from a seeded, portable generator.
    let mut rng = Pcg64::seed_from_u64(1);
    let points: Array2<f64> = Array2::from_shape_simple_fn((100, 3), || rng.random());
    let origin = array![1.0, 2.2, -2.2];

    let dists = distances(points.view(), origin.view());
    println!(
        "{} distances; dists[:4] = {}",
        dists.len(),
        dists.slice(s![..4]).np()
    );

    let i = argmax(dists.view());
    println!("the farthest point is points[{i}] = {}", points.row(i).np());
    println!("at distance {:.6}", dists[i]);
}

/// `a * b` for a matrix `a` of shape (n, m) and a row `b` of shape (1, m): every row of
/// `a` times `b`, element by element.
fn times_row(_a: ArrayView2<f64>, _b: ArrayView2<f64>) -> Array2<f64> {
    // TODO: multiply the two views as they are, `&a * &b`: ndarray broadcasts a
    // length-1 axis as NumPy does. (Remove the leading `_` of the parameters you use.)
    todo!("every row of `a` times `b`")
}

/// The Euclidean distance of every row of `points` (shape (n, 3)) from `origin`
/// (shape (3,)): `np.sqrt(np.sum((points - origin)**2, axis=1))`.
fn distances(_points: ArrayView2<f64>, _origin: ArrayView1<f64>) -> Array1<f64> {
    // TODO: `&points - &origin` broadcasts the origin over the rows; square the
    // differences (`mapv_inplace` avoids a second temporary), add up each row with
    // `sum_axis(Axis(1))` (import `ndarray::Axis`), and take `f64::sqrt` of each sum.
    todo!("the distance of every point from `origin`")
}

/// `np.argmax(values)`: the index of the largest value, the first one if it repeats.
fn argmax(_values: ArrayView1<f64>) -> usize {
    // TODO: ndarray has no argmax: keep the index of the largest value seen so far
    // while you walk `values.iter().enumerate()`.
    todo!("the index of the largest value")
}
