//! ex71 (bcast), reference solution: rank 0 holds the array `[0. 1. 2. 3.]`, the other
//! ranks a buffer of zeros; one Bcast from rank 0 gives every rank the root's array.
//! Check it with `cargo run -p runner -- check ex71`.

use hpckit::NpDisplay;
use mpi::traits::*;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    // Off the root the buffer is only storage, but it must already have the root's size.
    let mut data: Vec<f64> = if rank == 0 {
        (0..4).map(f64::from).collect()
    } else {
        vec![0.0; 4]
    };

    // A collective: every rank makes the same call. On the root it sends the buffer,
    // everywhere else it overwrites it.
    world.process_at_rank(0).broadcast_into(&mut data[..]);

    println!("Process {rank} has data: {}", data.np());
}
