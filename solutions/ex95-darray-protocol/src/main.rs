//! ex95 (darray-protocol), reference solution: the Distributed Array Protocol. Every
//! rank describes its part of a distributed array to another library: the protocol's
//! version, its local buffer, and per dimension how the dimension is distributed and
//! which part of it this rank has. Each rank prints its `__distarray__()` dictionary
//! as the notebook lays it out, for the notebook's array in blocks of rows, then for
//! the same elements dealt out cyclically in both dimensions.
//! Mirrors seed 004, In [50]. Check it with `cargo run -p runner -- check ex95`.

use distarray::maps::{DimMap, Distribution};
use distarray::protocol::{DimDict, Protocol, VERSION};
use distarray::random::RandomState;
use distarray::{Dist, DistArray};
use mpi::traits::*;

/// The notebook's seed for `numpy.random.RandomState`.
const SEED: u32 = 1234567890;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let size = world.size() as usize;

    // The notebook's array as In [50] finds it: block rows, and -0.99 written at (3, 3).
    let nparr = (rank == 0).then(|| RandomState::new(SEED).rand(4, 5));
    let mut darr = DistArray::from_global(&world, nparr.as_ref(), [Dist::Block, Dist::Undistributed]);
    darr.set([3, 3], -0.99);
    print_protocol("darr", &darr);

    // The same elements, rows and columns both dealt out cyclically.
    let cyclic = darr.distribute_as(Distribution::new([4, 5], [Dist::Cyclic, Dist::Cyclic], size));
    print_protocol("cyclic", &cyclic);
}

/// This rank's `name.__distarray__()`, in the notebook's layout with two decimals.
fn print_protocol(name: &str, darr: &DistArray<f64>) {
    let rank = darr.comm().rank();
    match protocol(darr) {
        Some(dict) => println!("rank {rank}: {name}.__distarray__() =\n{}", dict.pretty(2)),
        None => println!("rank {rank} holds no part of {name}"),
    }
}

/// This rank's `__distarray__()` dictionary: the protocol's version, the local array
/// as the buffer (lent, not copied), and one dimension dictionary per dimension for
/// this rank's position in the process grid. `None` on a rank that is no target.
fn protocol(darr: &DistArray<f64>) -> Option<Protocol<'_, f64>> {
    let distribution = darr.distribution();
    let [p, q] = distribution.grid_coords(darr.comm().rank() as usize)?;
    Some(Protocol {
        version: VERSION,
        buffer: darr.local(),
        dim_data: [dim_dict(distribution.map(0), p), dim_dict(distribution.map(1), q)],
    })
}

/// The protocol's description of one dimension, for the process at `grid_rank` along
/// it. Block dimensions give the range `start..stop` held here; cyclic ones the first
/// index held here (the next ones follow every `proc_grid_size`), and block-cyclic ones
/// also their block size. The protocol has no undistributed type: such a dimension is
/// a block dimension over one process.
fn dim_dict(map: &DimMap, grid_rank: usize) -> DimDict {
    let mut dict = DimDict {
        dist_type: 'c',
        size: map.size(),
        proc_grid_rank: grid_rank,
        proc_grid_size: map.grid_size(),
        start: grid_rank,
        stop: None,
        block_size: None,
    };
    match map.dist() {
        Dist::Block | Dist::Undistributed => {
            let (start, stop) = map.bounds(grid_rank).expect("a block dimension has bounds");
            dict.dist_type = 'b';
            dict.start = start;
            dict.stop = Some(stop);
        }
        Dist::Cyclic => {}
        Dist::BlockCyclic(block_size) => {
            dict.start = grid_rank * block_size;
            dict.block_size = Some(block_size);
        }
    }
    dict
}
