//! ex93 (darray-redistribute): `distribute_as`, NumPy's reshape for a distributed
//! array. The notebook's 4×5 array (with its -0.99) becomes a 10×2 array in blocks of
//! rows on every rank, then a 5×4 array distributed block-block on ranks 1 and 3 only.
//! The elements keep their C order; each rank works out from the two distributions
//! alone how many of its elements go to each rank, and one Alltoallv moves them.
//! Fill in `as_10x2`, `as_5x4_on_1_and_3` and `send_counts`.
//! Check it with `cargo run -p runner -- check ex93`.

use distarray::maps::Distribution;
use distarray::precision::NpPrecision;
use distarray::random::RandomState;
use distarray::{Dist, DistArray};
use mpi::traits::*;

/// The notebook's seed for `numpy.random.RandomState`.
const SEED: u32 = 1234567890;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank() as usize;
    let size = world.size() as usize;

    // The notebook's array as In [31] finds it: block rows, and -0.99 written at (3, 3).
    let nparr = (rank == 0).then(|| RandomState::new(SEED).rand(4, 5));
    let mut darr = DistArray::from_global(&world, nparr.as_ref(), [Dist::Block, Dist::Undistributed]);
    darr.set([3, 3], -0.99);
    if let Some(global) = darr.to_global() {
        println!("darr = {darr}");
        println!("darr.toarray() =\n{}", global.np_prec(2).repr());
    }

    // In [33]-[34]: `reshaped = darr.distribute_as((10, 2))`.
    redistribute(&darr, "reshaped", as_10x2(size));
    // In [35]: `darr.distribute_as(dist)`, dist 5×4 block-block on targets (1, 3).
    redistribute(&darr, "darr.distribute_as(dist)", as_5x4_on_1_and_3());
}

/// `distribute_as((10, 2))`'s distribution: a shape alone gets `fromarray`'s default,
/// blocks of rows over all `size` ranks, columns not distributed.
fn as_10x2(_size: usize) -> Distribution {
    // TODO: `Distribution::new(shape, dists, size)`. (Remove the leading `_`.)
    todo!("the 10×2 distribution")
}

/// `Distribution(context, shape=(5, 4), dist=('b', 'b'), targets=(1, 3))`: blocks in
/// both dimensions, on ranks 1 and 3 only.
fn as_5x4_on_1_and_3() -> Distribution {
    // TODO: `Distribution::with_targets(shape, dists, targets)` places the array on
    // the given ranks only.
    todo!("the 5×4 distribution on ranks 1 and 3")
}

/// `darr.distribute_as(new)`, shown: every rank prints how many of its elements go to
/// each rank and the part it holds afterwards; rank 0 prints the new array whole.
/// Every rank calls it.
fn redistribute(darr: &DistArray<f64>, name: &str, new: Distribution) {
    let rank = darr.comm().rank() as usize;
    let size = darr.comm().size() as usize;
    let counts = send_counts(darr.distribution(), &new, rank, size);
    let [rows, cols] = new.shape();
    let last = size - 1;
    println!("rank {rank} sends {counts:?} elements to ranks 0 to {last} for the ({rows}, {cols}) array");
    let result = darr.distribute_as(new);
    println!("{name} on rank {rank} =\n{}", result.local().np_prec(2));
    if let Some(global) = result.to_global() {
        println!("{name} = {result}");
        println!("{name}.toarray() =\n{}", global.np_prec(2).repr());
    }
}

/// How many of `rank`'s elements under `old` belong to each of the `size` ranks under
/// `new`, when the elements keep their C (row-major) order: element (i, j) of the old
/// shape is element number `i * old_columns + j`, which sits at row `k / new_columns`,
/// column `k % new_columns` of the new shape. No communication: every rank can work
/// this out for every rank.
fn send_counts(_old: &Distribution, _new: &Distribution, _rank: usize, _size: usize) -> Vec<usize> {
    // TODO: `old.global_indices(rank)` gives this rank's global rows and columns; for
    // each of its elements (i, j) compute k, its (row, column) in the new shape, and
    // `new.owner([row, column])`, whose first half is the rank it goes to. Count them
    // in a vector of `size` zeros. `shape()[1]` is a distribution's number of columns.
    todo!("how many of this rank's elements go to each rank")
}
