//! ex46 (hello-processor): every process says hello with its rank, the size of
//! MPI_COMM_WORLD and the name of the machine it runs on:
//! `Hello, World! I am process R of S on NAME.` Fill in `processor_name` below.
//! Check it with `cargo run -p runner -- check ex46`.

use mpi::traits::*;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let size = world.size();
    let name = processor_name();

    println!("Hello, World! I am process {rank} of {size} on {name}.");
}

/// The name MPI gives to the processor (the node) this process runs on.
fn processor_name() -> String {
    // TODO: `mpi::environment::processor_name()` asks MPI (MPI_Get_processor_name). It
    // returns a `Result<String, _>`, because the name arrives as bytes that might not be
    // UTF-8: unwrap it with `expect("...")` saying what went wrong.
    todo!("ask MPI for the processor name")
}
