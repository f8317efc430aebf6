//! ex71 (bcast): rank 0 holds the array `[0. 1. 2. 3.]`, the other ranks a buffer of
//! zeros. Broadcast rank 0's array, so that every rank ends up with it.
//! Check it with `cargo run -p runner -- check ex71`.

use hpckit::NpDisplay;
use mpi::topology::SimpleCommunicator;
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

    broadcast(&world, &mut data);

    println!("Process {rank} has data: {}", data.np());
}

/// Bcast from rank 0 of `world`: afterwards, every rank's `data` holds rank 0's values.
fn broadcast(_world: &SimpleCommunicator, _data: &mut [f64]) {
    // TODO: Bcast is a collective: every rank, the root included, makes the same call,
    // `broadcast_into(buffer)` on the root process, `world.process_at_rank(0)`.
    // (Remove the leading `_` of the parameters you use.)
    todo!("broadcast `data` from rank 0 to every rank")
}
