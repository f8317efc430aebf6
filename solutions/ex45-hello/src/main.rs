//! ex45 (hello), reference solution: every process prints its rank and the size of
//! MPI_COMM_WORLD, like the course's `hello.py`.
//! Check it with `cargo run -p runner -- check ex45`.

use mpi::traits::*;

fn main() {
    // Every process started by mpiexec runs this same program; MPI tells them apart.
    // MPI stays initialized for as long as `universe` lives.
    let universe = mpi::initialize().unwrap();
    // MPI_COMM_WORLD: the communicator that holds every process of the run.
    let world = universe.world();
    let size = world.size();
    let rank = world.rank();

    println!("I am rank {rank} in group of {size} processes");
}
