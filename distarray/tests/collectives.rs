//! Every collective of `DistArray` at 4 and 3 ranks, for every kind of distribution:
//! scatter and gather, sums, single elements, `apply`, and redistribution between
//! distributions and shapes. The elements are small integers stored as floats, so
//! every sum is exact whatever order MPI adds in, and every value is checked exactly.

#[path = "../../hpckit/tests/mpi_launch/mod.rs"]
mod mpi_launch;

use std::path::Path;

use distarray::maps::{Dist, Dist::*, Distribution};
use distarray::DistArray;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use ndarray::{Array1, Array2, Axis};

/// The distributions tried, on a 7×9 array: 7 and 9 divide by neither 3 nor 4, so
/// blocks are uneven and cyclic dealing runs out part-way round.
const DISTS: [[Dist; 2]; 7] = [
    [Block, Undistributed],
    [Undistributed, Block],
    [Cyclic, Undistributed],
    [Block, Block],
    [Cyclic, Cyclic],
    [BlockCyclic(2), Cyclic],
    [Block, BlockCyclic(3)],
];

#[test]
fn collectives_for_every_distribution() {
    if mpi_launch::on_rank(|world, _dir: &Path| every_distribution(world)) {
        return;
    }
    for ranks in [4, 3] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        mpi_launch::run("collectives_for_every_distribution", ranks, dir.path());
    }
}

/// 7×9, element (i, j) = 9i + j.
fn numbered() -> Array2<f64> {
    Array2::from_shape_fn((7, 9), |(i, j)| (9 * i + j) as f64)
}

fn every_distribution(world: &SimpleCommunicator) {
    let global = numbered();
    let size = world.size() as usize;
    for dists in DISTS {
        let root_data = (world.rank() == 0).then_some(&global);
        let darr = DistArray::from_global(world, root_data, dists);
        local_elements_are_the_distributions(&darr, &global, world.rank() as usize);
        gathered_and_reduced(&darr, &global);
        single_elements(&darr);
        applied(&darr, size);
        for target in DISTS {
            redistributed(&darr, &global, Distribution::new([9, 7], target, size));
            redistributed(&darr, &global, Distribution::new([3, 21], target, size));
        }
    }
    on_some_ranks(world, &global);
}

/// Each rank holds exactly the elements its global indices name, in their order.
fn local_elements_are_the_distributions(darr: &DistArray<f64>, global: &Array2<f64>, rank: usize) {
    let [rows, cols] = darr.distribution().global_indices(rank);
    let expected = global.select(Axis(0), &rows).select(Axis(1), &cols);
    assert_eq!(
        darr.local(),
        expected,
        "{:?} on rank {rank}",
        darr.distribution().dists()
    );
    let counts: usize = darr.localshapes().iter().map(|s| s[0] * s[1]).sum();
    assert_eq!(counts, 63, "every element has exactly one owner");
}

fn gathered_and_reduced(darr: &DistArray<f64>, global: &Array2<f64>) {
    if let Some(gathered) = darr.to_global() {
        assert_eq!(&gathered, global);
    }
    assert_eq!(darr.sum(), 1953.0); // 0 + 1 + ... + 62
    assert_eq!(darr.sum_axis(0), global.sum_axis(Axis(0)));
    assert_eq!(darr.sum_axis(1), global.sum_axis(Axis(1)));
    assert_eq!(
        darr.sum_axis(1),
        Array1::from_shape_fn(7, |i| (81 * i + 36) as f64)
    );
}

/// `get` answers every rank; `set` changes one element on its owner only.
fn single_elements(darr: &DistArray<f64>) {
    for (i, j) in [(0, 0), (3, 4), (6, 8), (5, 1)] {
        assert_eq!(darr.get([i, j]), (9 * i + j) as f64);
    }
    let mut changed = darr.map(|x| x);
    changed.set([6, 8], -1.0);
    assert_eq!(changed.get([6, 8]), -1.0);
    assert_eq!(changed.sum(), 1953.0 - 62.0 - 1.0);
}

/// `apply` gathers one result per rank, in rank order, on rank 0 only.
fn applied(darr: &DistArray<f64>, size: usize) {
    let counts = darr.apply(|local| local.len() as u64);
    let arrays = darr.apply_array(|local| local.mapv(|x| x as i64 * 2));
    let (Some(counts), Some(arrays)) = (counts, arrays) else {
        return;
    };
    let d = darr.distribution();
    let expected: Vec<u64> = (0..size)
        .map(|r| d.local_shape(r).iter().product::<usize>() as u64)
        .collect();
    assert_eq!(counts, expected);
    for (rank, array) in arrays.iter().enumerate() {
        assert_eq!(array.shape(), d.local_shape(rank));
        let [rows, cols] = d.global_indices(rank);
        for ((i, j), &value) in array.indexed_iter() {
            assert_eq!(value, 2 * (9 * rows[i] + cols[j]) as i64);
        }
    }
}

/// `distribute_as` keeps the C-order sequence of elements, and each rank ends with
/// exactly the elements the new distribution gives it.
fn redistributed(darr: &DistArray<f64>, global: &Array2<f64>, distribution: Distribution) {
    let shape = distribution.shape();
    let moved = darr.distribute_as(distribution);
    let reshaped = global.to_shape((shape[0], shape[1])).unwrap();
    let rank = moved.comm().rank() as usize;
    let [rows, cols] = moved.distribution().global_indices(rank);
    let expected = reshaped.select(Axis(0), &rows).select(Axis(1), &cols);
    assert_eq!(
        moved.local(),
        expected,
        "{:?} to {:?}",
        darr.distribution().dists(),
        moved.distribution().dists()
    );
    assert_eq!(moved.sum(), 1953.0);
}

/// Arrays on some ranks only: the others take part in the collectives with nothing.
fn on_some_ranks(world: &SimpleCommunicator, global: &Array2<f64>) {
    let last = world.size() as usize - 1;
    // Targets are sorted, as DistArray sorts them; 7×9 over two makes a 1×2 grid.
    let distribution = Distribution::with_targets([7, 9], [Block, Block], &[last, 1]);
    assert_eq!(distribution.targets(), [1, last]);
    assert_eq!(distribution.grid_shape(), [1, 2]);
    let darr = DistArray::scatter(world, (world.rank() == 0).then_some(global), distribution);
    let rank = world.rank() as usize;
    let expected = if rank == 1 {
        [7, 5]
    } else if rank == last {
        [7, 4]
    } else {
        [0, 0]
    };
    assert_eq!(darr.local().shape(), expected);
    assert_eq!(darr.protocol().is_some(), rank == 1 || rank == last);
    assert_eq!(darr.sum(), 1953.0);
    assert_eq!(darr.get([6, 8]), 62.0);
    let back = darr.distribute_as(Distribution::new(
        [7, 9],
        [Cyclic, Undistributed],
        world.size() as usize,
    ));
    if let Some(gathered) = back.to_global() {
        assert_eq!(&gathered, global);
    }
}
