//! ex95 (darray-protocol): the Distributed Array Protocol. Every rank describes its
//! part of a distributed array to another library: the protocol's version, its local
//! buffer, and per dimension how the dimension is distributed and which part of it
//! this rank has. Each rank prints its `__distarray__()` dictionary as the notebook
//! lays it out, for the notebook's array in blocks of rows, then for the same elements
//! dealt out cyclically in both dimensions.
//! Fill in `protocol` and `dim_dict`.
//! Check it with `cargo run -p runner -- check ex95`.

use distarray::maps::{DimMap, Distribution};
#[allow(unused_imports)] // `VERSION` is for the function you write
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
fn protocol(_darr: &DistArray<f64>) -> Option<Protocol<'_, f64>> {
    // TODO: `darr.distribution().grid_coords(rank)` is `None` on a rank that is no
    // target (`?` returns it), else `Some([p, q])`. Build a `Protocol` with `VERSION`,
    // `darr.local()` as the buffer, and `dim_dict` of `distribution.map(0)` at `p` and
    // of `distribution.map(1)` at `q`. (Remove the leading `_`.)
    todo!("this rank's __distarray__() dictionary")
}

/// The protocol's description of one dimension, for the process at `grid_rank` along
/// it. Block dimensions give the range `start..stop` held here; cyclic ones the first
/// index held here (the next ones follow every `proc_grid_size`), and block-cyclic ones
/// also their block size. The protocol has no undistributed type: such a dimension is
/// a block dimension over one process.
#[allow(dead_code)] // for `protocol`: remove this line when you use it
fn dim_dict(_map: &DimMap, _grid_rank: usize) -> DimDict {
    // TODO: a `DimDict` (its fields are documented in distarray's `protocol` module):
    // `size` and `proc_grid_size` come from `map.size()` and `map.grid_size()`. Then
    // `match map.dist()`: block and undistributed are `'b'`, with `start` and `stop`
    // from `map.bounds(grid_rank)`; cyclic is `'c'` starting at `grid_rank`, with no
    // `stop`; block-cyclic is `'c'` too, starting at `grid_rank * block_size`, with
    // `block_size: Some(block_size)`.
    todo!("the protocol's dictionary for one dimension")
}
