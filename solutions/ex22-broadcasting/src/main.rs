//! ex22 (broadcasting), reference solution: arithmetic between arrays of different
//! shapes. A 3 x 2 matrix times a 1 x 2 row, then the distances of 100 random points
//! from one origin, and the farthest point.
//!
//! Mirrors seed 002, "NumPy advanced topics: Broadcasting": `a * b` with `a` of shape
//! (3, 2) and `b = array([[7, 11]])`, and the example that computes
//! `np.sqrt(np.sum((points - origin)**2, axis=1))` for `points = np.random.random((100,
//! 3))` and `origin = (1.0, 2.2, -2.2)`, then `points[np.argmax(dists)]`.
//! Check it with `cargo run -p runner -- check ex22`.

use hpckit::NpDisplay;
use ndarray::{array, s, Array1, Array2, ArrayView1, ArrayView2, Axis};
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
fn times_row(a: ArrayView2<f64>, b: ArrayView2<f64>) -> Array2<f64> {
    // ndarray broadcasts the (1, m) operand along the first axis, without copying it;
    // the result, of shape (n, m), is a new array.
    &a * &b
}

/// The Euclidean distance of every row of `points` (shape (n, 3)) from `origin`
/// (shape (3,)): `np.sqrt(np.sum((points - origin)**2, axis=1))`.
fn distances(points: ArrayView2<f64>, origin: ArrayView1<f64>) -> Array1<f64> {
    // `points - origin` broadcasts the 1-D origin over every row (trailing axes
    // match, as in NumPy) and makes one temporary (n, 3) array; squaring happens in
    // place in that temporary, and `sum_axis` folds each row into one number.
    let mut diff = &points - &origin;
    diff.mapv_inplace(|d| d * d);
    diff.sum_axis(Axis(1)).mapv(f64::sqrt)
}

/// `np.argmax(values)`: the index of the largest value, the first one if it repeats.
fn argmax(values: ArrayView1<f64>) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] {
            best = i;
        }
    }
    best
}
