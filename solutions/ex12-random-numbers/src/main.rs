//! ex12 (random-numbers), reference solution: arrays of random numbers from a seeded,
//! portable generator, and their mean and standard deviation.
//!
//! Draws a 2×2 array of uniform numbers in [0, 1) (NumPy's `rnd.random((2, 2))`),
//! ten picks from `[0 1 2 3]` with replacement (`rnd.choice(np.arange(4), 10)`), then
//! 1000 uniform numbers and 1000 standard-normal numbers, and prints the mean and
//! standard deviation of each (`numpy.mean`, `numpy.std`).
//!
//! Mirrors seed 002, "NumPy tools: Random numbers" (`numpy.random`: `random`,
//! `normal`, `choice`), and the course's random-numbers exercise.
//! Check it with `cargo run -p runner -- check ex12`.

use hpckit::NpDisplay;
use ndarray::{Array1, Array2, ArrayView1};
use rand::{Rng, SeedableRng};
use rand_distr::Normal;
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
fn random_1d(rng: &mut Pcg64, n: usize) -> Array1<f64> {
    Array1::from_shape_simple_fn(n, || rng.random::<f64>())
}

/// `n` numbers from the normal distribution of mean 0 and standard deviation 1,
/// like NumPy's `rng.normal(0.0, 1.0, n)`.
fn normal_1d(rng: &mut Pcg64, n: usize) -> Array1<f64> {
    // A distribution is a value; `rng.sample(distribution)` draws one number from it.
    let standard_normal = Normal::new(0.0, 1.0).expect("a positive standard deviation");
    Array1::from_shape_simple_fn(n, || rng.sample(standard_normal))
}

/// `n` elements of `values` picked at random with replacement, like NumPy's
/// `rng.choice(values, n)`.
fn choice(rng: &mut Pcg64, values: ArrayView1<i64>, n: usize) -> Array1<i64> {
    // Each pick is an index drawn uniformly from 0..len, so any value may come twice.
    Array1::from_shape_simple_fn(n, || values[rng.random_range(0..values.len())])
}

/// The mean and the standard deviation of `x`, like `numpy.mean(x)` and
/// `numpy.std(x)` (the population standard deviation: divide by `n`).
fn mean_std(x: ArrayView1<f64>) -> (f64, f64) {
    // `mean` is `None` for an empty array, where NumPy says nan with a warning.
    let mean = x.mean().unwrap_or(f64::NAN);
    // `std(ddof)` divides by `n - ddof`: `ddof = 0` is NumPy's default, the
    // population standard deviation; `ddof = 1` gives the sample estimate.
    (mean, x.std(0.0))
}
