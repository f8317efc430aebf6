//! `npy::load` at 4 and 3 ranks: rank 0 saves the notebook's array as `numpy.save`
//! would, then every rank reads only its own elements, for several distributions; and
//! a file that is missing, or of another shape, is an error on every rank, with no
//! rank left waiting.

#[path = "../../hpckit/tests/mpi_launch/mod.rs"]
mod mpi_launch;

use std::path::Path;

use distarray::maps::{Dist::*, Distribution};
use distarray::npy;
use distarray::random::RandomState;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use ndarray::Axis;

#[test]
fn every_rank_reads_its_part() {
    if mpi_launch::on_rank(load_on_rank) {
        return;
    }
    for ranks in [4, 3] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        mpi_launch::run("every_rank_reads_its_part", ranks, dir.path());
    }
}

fn load_on_rank(world: &SimpleCommunicator, dir: &Path) {
    let nparr = RandomState::new(1234567890).rand(4, 5);
    let path = dir.join("outfile.npy");
    if world.rank() == 0 {
        npy::write(&path, &nparr).expect("the temporary folder is writable");
    }
    world.barrier();
    let size = world.size() as usize;
    let rank = world.rank() as usize;
    for dists in [
        [Block, Undistributed],
        [Cyclic, Block],
        [Undistributed, BlockCyclic(2)],
    ] {
        let darr = npy::load(world, &path, Distribution::new([4, 5], dists, size)).unwrap();
        let [rows, cols] = darr.distribution().global_indices(rank);
        assert_eq!(darr.local(), nparr.select(Axis(0), &rows).select(Axis(1), &cols));
        if let Some(global) = darr.to_global() {
            assert_eq!(global, nparr);
        }
    }
    let missing = npy::load(
        world,
        dir.join("no-such-file.npy"),
        Distribution::new([4, 5], [Block, Block], size),
    );
    assert!(missing.is_err());
    let wrong_shape = npy::load(
        world,
        &path,
        Distribution::new([5, 4], [Block, Undistributed], size),
    );
    assert!(wrong_shape.unwrap_err().to_string().contains("[4, 5]"));
    // Only rank 0 is sent to a missing file: all ranks learn that the load failed.
    let file = if rank == 0 {
        dir.join("missing.npy")
    } else {
        path.clone()
    };
    let partly = npy::load(
        world,
        file,
        Distribution::new([4, 5], [Block, Undistributed], size),
    );
    assert!(partly.is_err());
}
