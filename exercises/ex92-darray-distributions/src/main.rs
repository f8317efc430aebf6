//! ex92 (darray-distributions): who owns which elements. A distribution is chosen per
//! dimension (block, cyclic, block-cyclic or undistributed) and the ranks form a
//! process grid; every rank can work out every rank's part from the distribution
//! alone. Rank 0 prints the notebook's `localshapes()` and `bounds`; every rank prints
//! its indices of a 10-element dimension under each distribution, and its part of the
//! notebook's (block, cyclic) 64×64 array as a slice of the global array.
//! Fill in `block_cyclic_64`, `local_description` and `slice_text`.
//! Check it with `cargo run -p runner -- check ex92`.

use distarray::maps::{DimMap, Distribution};
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

    // In [20], [27], [29]: the 4×5 array as `fromarray` distributes it.
    let nparr = (rank == 0).then(|| RandomState::new(SEED).rand(4, 5));
    let darr = DistArray::from_global(&world, nparr.as_ref(), [Dist::Block, Dist::Undistributed]);
    let distribution = darr.distribution();
    if rank == 0 {
        println!("darr.distribution().dists() = {:?}", distribution.dists());
        println!("darr.localshapes() = {}", shapes_text(&darr.localshapes()));
        let rows = distribution.map(0);
        let bounds: Vec<String> = (0..rows.grid_size())
            .map(|p| format!("{:?}", rows.bounds(p).expect("a block dimension has bounds")))
            .collect();
        println!("distribution.maps[0].bounds = [{}]", bounds.join(", "));
    }

    // The four kinds of dimension, on one dimension of 10 indices over all the ranks.
    let kinds = [Dist::Block, Dist::Cyclic, Dist::BlockCyclic(2)];
    let indices: Vec<String> = kinds
        .iter()
        .map(|&dist| format!("{dist:?} {:?}", DimMap::new(dist, 10, size).global_indices(rank)))
        .collect();
    println!("rank {rank}'s indices of 10: {}", indices.join(", "));
    if rank == 0 {
        let all: Vec<usize> = DimMap::new(Dist::Undistributed, 10, 1).global_indices(0);
        println!("Undistributed: {all:?} on every rank");
    }

    // In [30]: the (block, cyclic) 64×64 array of int32 zeros.
    let d = block_cyclic_64(size);
    let a = DistArray::<i32>::zeros(&world, d.clone());
    if rank == 0 {
        println!("process grid {}", py_tuple(&d.grid_shape()));
        println!("a = {a}");
        println!("a.localshapes() = {}", shapes_text(&a.localshapes()));
    }
    println!("{}", local_description("a", &d, rank));

    // In [37], [38]: a block of ceil(5 / 4) = 2 rows leaves the fourth rank nothing.
    let zeros = DistArray::<f64>::zeros(
        &world,
        Distribution::new([5, 3], [Dist::Block, Dist::Undistributed], size),
    );
    let ones = DistArray::from_fn(
        &world,
        Distribution::new([20, 20], [Dist::Block, Dist::Undistributed], size),
        |_| 1.0,
    );
    if rank == 0 {
        println!("context.zeros((5, 3)) = {zeros}");
        println!("context.ones((20, 20)) = {ones}");
    }
    println!(
        "{}",
        local_description("zeros((5, 3))", zeros.distribution(), rank)
    );
}

/// `Distribution(context, shape=(64, 64), dist=('b', 'c'))` over `size` ranks: blocks
/// of rows, columns dealt out cyclically.
fn block_cyclic_64(_size: usize) -> Distribution {
    // TODO: `Distribution::new(shape, dists, size)`, with one `Dist` per dimension.
    // (Remove the leading `_`.)
    todo!("the notebook's (block, cyclic) 64×64 distribution")
}

/// `rank`'s part of the array `name`, distributed as `d`: which slice of the global
/// array it is (`a[0:32, 1::2]`), its position in the process grid, its local shape.
fn local_description(_name: &str, _d: &Distribution, _rank: usize) -> String {
    // TODO: `d.grid_coords(rank)` is `Some([p, q])`, the rank's position in the process
    // grid, or `None` for a rank that holds nothing: then return `rank 3 holds nothing
    // of zeros((5, 3))`. Otherwise `slice_text(d.map(0), p)` and `slice_text(d.map(1),
    // q)` give the two slices, `py_tuple(&d.local_shape(rank))` the shape, for a line
    // `rank 1 holds a[0:32, 1::2]: grid position (0, 1), local shape (32, 32)`.
    todo!("which part of the array this rank holds")
}

/// The global indices that grid rank `grid_rank` owns along one dimension, as a
/// Python slice where there is one: `start:stop` for a block, `start::step` for
/// cyclic dealing. A block-cyclic part is no slice: its indices are listed.
#[allow(dead_code)] // for `local_description`: remove this line when you use it
fn slice_text(_map: &DimMap, _grid_rank: usize) -> String {
    // TODO: `match map.dist()`. Block and undistributed: `map.bounds(grid_rank)` is
    // `Some((start, stop))`. Cyclic: the rank's first index is its grid rank, and the
    // step is the number of processes along the dimension, `map.grid_size()`.
    // Block-cyclic: `format!("{:?}", map.global_indices(grid_rank))`.
    todo!("this grid rank's indices of one dimension, as a Python slice")
}

/// Shapes as Python writes a list of tuples: `[(1, 5), (1, 5)]`.
fn shapes_text(shapes: &[[usize; 2]]) -> String {
    let items: Vec<String> = shapes.iter().map(py_tuple).collect();
    format!("[{}]", items.join(", "))
}

/// A pair as Python writes a tuple: `(32, 32)`.
fn py_tuple([first, second]: &[usize; 2]) -> String {
    format!("({first}, {second})")
}
