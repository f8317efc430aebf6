//! ex90 (darray-ufuncs), reference solution: element-wise functions and reductions on
//! a distributed array. `sin` and `darr + darr` run on every rank's own elements, with
//! no communication; the sum is every rank's local sum added up by an Allreduce, and
//! the sums along the rows come out the same way. Rank 0 plays the notebook's client
//! and prints what the notebook prints; every rank then shows that it holds the sums.
//! Mirrors seed 004, In [12] to In [18]. Check it with `cargo run -p runner -- check ex90`.

use distarray::precision::NpPrecision;
use distarray::random::RandomState;
use distarray::{Dist, DistArray};
use mpi::collective::SystemOperation;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use ndarray::Array1;

/// The notebook's seed for `numpy.random.RandomState`.
const SEED: u32 = 1234567890;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    // Rank 0 plays the client: it draws the array and scatters it in blocks of rows.
    let nparr = (rank == 0).then(|| RandomState::new(SEED).rand(4, 5));
    let darr = DistArray::from_global(&world, nparr.as_ref(), [Dist::Block, Dist::Undistributed]);

    // In [12]-[13]: a new distributed array; only `to_global` brings it to the client.
    let sines = sin(&darr);
    if let Some(global) = sines.to_global() {
        println!("da.sin(darr) = {sines}");
        println!("da.sin(darr).toarray() =\n{}", global.np_prec(2).repr());
    }

    // In [15]-[16]: a binary ufunc, element by element on each rank.
    let doubled = add(&darr, &darr);
    if let Some(global) = doubled.to_global() {
        println!("darr + darr = {doubled}");
        println!("(darr + darr).toarray() =\n{}", global.np_prec(2).repr());
    }

    // In [18]: reductions. Every rank calls them, and every rank gets the result.
    let sum = total(&world, &darr);
    let sums = row_sums(&darr);
    if rank == 0 {
        println!("sum: {}", py2_str(sum));
        println!("sum over an axis: {}", sums.np_prec(2));
    }
    println!(
        "rank {rank}: local sum {:.2}, sum {}, sum over an axis {}",
        darr.local().sum(),
        py2_str(sum),
        sums.np_prec(2)
    );
}

/// `da.sin(darr)`: the sine of every element, each rank working on its own elements.
fn sin(darr: &DistArray<f64>) -> DistArray<f64> {
    darr.map(f64::sin)
}

/// `a + b` for two arrays distributed alike: each rank adds its own elements.
fn add(a: &DistArray<f64>, b: &DistArray<f64>) -> DistArray<f64> {
    a.zip_with(b, |x, y| x + y)
}

/// `darr.sum()`: each rank sums the elements it holds, and an Allreduce adds the
/// partial sums, so that every rank has the total. Every rank calls it.
fn total(world: &SimpleCommunicator, darr: &DistArray<f64>) -> f64 {
    let partial = darr.local().sum();
    let mut sum = 0.0;
    world.all_reduce_into(&partial, &mut sum, SystemOperation::sum());
    sum
}

/// `darr.sum(axis=1)`: the sum of each row, on every rank. Every rank calls it.
fn row_sums(darr: &DistArray<f64>) -> Array1<f64> {
    darr.sum_axis(1)
}

/// How Python 2, which the notebook ran, prints a float: 12 significant digits
/// (`'%.12g'`), trailing zeros dropped. For numbers from 1e-4 to 1e12.
fn py2_str(x: f64) -> String {
    significant(x, 12)
}

/// `x` with `digits` significant digits in positional notation, without trailing
/// zeros: C's `%.{digits}g` for numbers it writes without an exponent.
fn significant(x: f64, digits: usize) -> String {
    let scientific = format!("{x:.0$e}", digits - 1);
    let (_, exponent) = scientific.split_once('e').expect("`{:e}` writes an exponent");
    let exponent: i64 = exponent.parse().expect("the exponent is an integer");
    let decimals = (digits as i64 - 1 - exponent).max(0) as usize;
    let text = format!("{x:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}
