//! ex92 (darray-distributions), reference solution: who owns which elements. A
//! distribution is chosen per dimension (block, cyclic, block-cyclic or undistributed)
//! and the ranks form a process grid; every rank can work out every rank's part from
//! the distribution alone. Rank 0 prints the notebook's `localshapes()` and `bounds`;
//! every rank prints its indices of a 10-element dimension under each distribution,
//! and its part of the notebook's (block, cyclic) 64×64 array on a 2×2 grid as a
//! slice of the global array.
//! Mirrors seed 004, In [20], In [26] to In [30], In [37] and In [38].
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
fn block_cyclic_64(size: usize) -> Distribution {
    Distribution::new([64, 64], [Dist::Block, Dist::Cyclic], size)
}

/// `rank`'s part of the array `name`, distributed as `d`: which slice of the global
/// array it is (`a[0:32, 1::2]`), its position in the process grid, its local shape.
fn local_description(name: &str, d: &Distribution, rank: usize) -> String {
    let Some([p, q]) = d.grid_coords(rank) else {
        return format!("rank {rank} holds nothing of {name}");
    };
    let rows = slice_text(d.map(0), p);
    let cols = slice_text(d.map(1), q);
    let shape = py_tuple(&d.local_shape(rank));
    format!("rank {rank} holds {name}[{rows}, {cols}]: grid position ({p}, {q}), local shape {shape}")
}

/// The global indices that grid rank `grid_rank` owns along one dimension, as a
/// Python slice where there is one: `start:stop` for a block, `start::step` for
/// cyclic dealing. A block-cyclic part is no slice: its indices are listed.
fn slice_text(map: &DimMap, grid_rank: usize) -> String {
    match map.dist() {
        Dist::Block | Dist::Undistributed => {
            let (start, stop) = map.bounds(grid_rank).expect("a block dimension has bounds");
            format!("{start}:{stop}")
        }
        Dist::Cyclic => format!("{grid_rank}::{}", map.grid_size()),
        Dist::BlockCyclic(_) => format!("{:?}", map.global_indices(grid_rank)),
    }
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
