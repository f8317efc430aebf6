//! ex46 (hello-processor), reference solution: every process says hello with its
//! rank, the size of MPI_COMM_WORLD and the name of the machine it runs on.
//!
//! Mirrors seed 003, "Minimal MPI4py example": `MPI.COMM_WORLD.Get_rank()`,
//! `Get_size()` and `MPI.Get_processor_name()`, printed in one line per process.
//! Check it with `cargo run -p runner -- check ex46`.

use mpi::traits::*;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let size = world.size();
    // MPI_Get_processor_name: usually the host name of the node. rsmpi returns a
    // `Result` because the C library hands back bytes, which need not be UTF-8; a host
    // name always is, so failing here would be a bug worth stopping for.
    let name = mpi::environment::processor_name().expect("the processor name is UTF-8");

    println!("Hello, World! I am process {rank} of {size} on {name}.");
}
