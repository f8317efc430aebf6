//! ex12 (random-numbers): arrays of random numbers from a seeded,
//! portable generator, and their mean and standard deviation.
//!
//! Draws a 2×2 array of uniform numbers in [0, 1) (NumPy's `rnd.random((2, 2))`),
//! ten picks from `[0 1 2 3]` with replacement (`rnd.choice(np.arange(4), 10)`), then
//! 1000 uniform numbers and 1000 standard-normal numbers, and prints the mean and
//! standard deviation of each (`numpy.mean`, `numpy.std`).
//!
//! `random_2d` is written for you, as an example of the API; write `random_1d`,
//! `normal_1d`, `choice` and `mean_std`.
//! Check it with `cargo run -p runner -- check ex12`.

use hpckit::NpDisplay;
use ndarray::{Array1, Array2, ArrayView1};
use rand::{Rng, SeedableRng};
// For your code: `rand_distr::Normal`.
use rand_pcg::Pcg64;

/// The seed: the same seed gives the same numbers on every run and every machine.
const SEED: u64 = 2024;

fn main() {
    let mut rng = Pcg64::seed_from_u64(SEED);

    println!("random((2, 2)) =");
    println!("{}", random_2d(&mut rng, 2, 2).np());

    let values = Array1::from_iter(0..4_i64);
    let picks = choice(&mut rng, values.view(), 10);
    println!("choice({}, 10) = {}", values.np(), picks.np());

    // Six decimals: enough to compare with theory, and the same whichever correct
    // way the sums are done (the last of 17 digits depends on the order of additions).
    let uniform = random_1d(&mut rng, 1000);
    let (mean, std) = mean_std(uniform.view());
    println!("1000 uniform numbers in [0, 1):");
    println!("  mean = {mean:.6} (exact: 0.5)");
    println!(
        "  std  = {std:.6} (exact: 1/sqrt(12) = {:.6})",
        1.0 / 12f64.sqrt()
    );

    let normal = normal_1d(&mut rng, 1000);
    let (mean, std) = mean_std(normal.view());
    println!("1000 numbers from the standard normal distribution:");
    println!("  mean = {mean:.6} (exact: 0)");
    println!("  std  = {std:.6} (exact: 1)");
}

/// A `rows`×`cols` array of numbers uniformly distributed in [0, 1), like NumPy's
/// `rng.random((rows, cols))`.
fn random_2d(rng: &mut Pcg64, rows: usize, cols: usize) -> Array2<f64> {
    // `from_shape_simple_fn` calls the closure once per element, in row-major order.
    // `random::<f64>()` takes the top 53 bits of one 64-bit draw and scales them to
    // [0, 1): the same recipe as NumPy's `random()`.
    Array2::from_shape_simple_fn((rows, cols), || rng.random::<f64>())
}

/// `n` numbers uniformly distributed in [0, 1).
fn random_1d(_rng: &mut Pcg64, _n: usize) -> Array1<f64> {
    // TODO: as in `random_2d`, with a shape of just `n`.
    // (Remove the leading `_` of the parameters you use.)
    todo!("n uniform numbers in [0, 1)")
}

/// `n` numbers from the normal distribution of mean 0 and standard deviation 1,
/// like NumPy's `rng.normal(0.0, 1.0, n)`.
fn normal_1d(_rng: &mut Pcg64, _n: usize) -> Array1<f64> {
    // TODO: `Normal::new(mean, std_dev)` (from `rand_distr`) is a distribution, a
    // value; it returns a `Result`, because a negative standard deviation is an
    // error. `rng.sample(distribution)` draws one number from it.
    todo!("n numbers from the standard normal distribution")
}

/// `n` elements of `values` picked at random with replacement, like NumPy's
/// `rng.choice(values, n)`.
fn choice(_rng: &mut Pcg64, _values: ArrayView1<i64>, _n: usize) -> Array1<i64> {
    // TODO: for each of the `n` picks, draw an index with
    // `rng.random_range(0..values.len())` and take that element. Picking with
    // replacement means the same element may come more than once.
    todo!("pick n elements of values, with replacement")
}

/// The mean and the standard deviation of `x`, like `numpy.mean(x)` and
/// `numpy.std(x)` (the population standard deviation: divide by `n`).
fn mean_std(_x: ArrayView1<f64>) -> (f64, f64) {
    // TODO: ndarray has both: `x.mean()` (an `Option`: `None` for an empty array)
    // and `x.std(ddof)`, which divides by `n - ddof`.
    todo!("the mean and the standard deviation of x")
}
