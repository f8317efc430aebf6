//! The notebook's Julia-set benchmark at 4 and 3 engines: each rank computes the
//! counts of its own section of a `DistArray` for each of the four distributions, and
//! its sum, and the sums gathered on rank 0, are the notebook's table's, exactly.

#[path = "../../hpckit/tests/mpi_launch/mod.rs"]
mod mpi_launch;

use std::path::Path;

use distarray::julia::{self, C, DISTRIBUTIONS};
use distarray::DistArray;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use ndarray::ArrayView2;

/// The notebook's iterations per engine (In [49]), in `DISTRIBUTIONS`' order:
/// `b-n`, `c-n`, `b-b`, `c-c`.
const AT_4: [[u64; 4]; 4] = [
    [2725843, 13620134, 13659620, 2758235],
    [8190582, 8190503, 8192244, 8190503],
    [5859333, 10486644, 10495028, 5922827],
    [8193330, 8189496, 8191602, 8189404],
];
const AT_3: [[u64; 3]; 4] = [
    [6243924, 20326746, 6193162],
    [10922548, 10921645, 10919639],
    [6779920, 19264315, 6719597],
    [10921355, 10920452, 10922025],
];

#[test]
fn every_engine_does_the_notebooks_iterations() {
    if mpi_launch::on_rank(|world, _dir: &Path| every_distribution(world)) {
        return;
    }
    for ranks in [4, 3] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        mpi_launch::run("every_engine_does_the_notebooks_iterations", ranks, dir.path());
    }
}

fn every_distribution(world: &SimpleCommunicator) {
    let (rank, size) = (world.rank() as usize, world.size() as usize);
    let table: Vec<&[u64]> = match size {
        4 => AT_4.iter().map(|row| &row[..]).collect(),
        3 => AT_3.iter().map(|row| &row[..]).collect(),
        _ => panic!("the test runs at 4 and 3 ranks, not {size}"),
    };
    for (dists, expected) in DISTRIBUTIONS.into_iter().zip(table) {
        let name = julia::label(dists);
        let counts = DistArray::from_fn(world, julia::distribution(dists, size), |index| {
            julia::iterations(julia::point(index), C)
        });
        assert_eq!(
            local_sum(counts.local()),
            expected[rank],
            "{name}: rank {rank} of {size}"
        );
        match counts.apply(local_sum) {
            Some(gathered) => assert_eq!(gathered, expected, "{name} at {size} ranks"),
            None => assert_ne!(rank, 0, "apply gathers on rank 0"),
        }
        assert_eq!(counts.sum(), 32763832, "{name}: the Allreduce of the counts");
    }
}

fn local_sum(local: ArrayView2<'_, u32>) -> u64 {
    local.iter().map(|&n| u64::from(n)).sum()
}
