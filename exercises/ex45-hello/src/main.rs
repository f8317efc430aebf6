//! ex45 (hello): start MPI, and make every process print its rank and the number of
//! processes in MPI_COMM_WORLD: `I am rank R in group of S processes`.
//! Check it with `cargo run -p runner -- check ex45`.

use mpi::topology::Rank;

fn main() {
    let (rank, size) = rank_and_size();
    println!("I am rank {rank} in group of {size} processes");
}

/// This process's rank in MPI_COMM_WORLD, and the number of processes in it.
fn rank_and_size() -> (Rank, Rank) {
    // TODO: start MPI with `mpi::initialize()`; it returns the universe, and MPI stays up
    // for as long as the universe lives. `universe.world()` is MPI_COMM_WORLD, the
    // communicator that holds every process of the run: ask it for `rank()` and `size()`.
    // Both come from the `Communicator` trait, so add `use mpi::traits::*;` at the top.
    todo!("initialize MPI, then ask MPI_COMM_WORLD for this process's rank and its size")
}
