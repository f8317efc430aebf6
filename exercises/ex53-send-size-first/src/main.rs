//! ex53 (send-size-first): as in ex48, rank 0 sends `[0. 1. 2. 3.]` to every other rank,
//! but now only rank 0 knows how long the array is. Send the length first, so that each
//! receiver can allocate its buffer, then the data.
//! Check it with `cargo run -p runner -- check ex53`.

use hpckit::NpDisplay;
use mpi::topology::{Rank, SimpleCommunicator};
use mpi::traits::*;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    if rank == 0 {
        let data: Vec<f64> = (0..4).map(f64::from).collect();
        for dest in 1..world.size() {
            send_len_then_data(&world, &data, dest);
            println!("Process {rank} sent data: {}", data.np());
        }
    } else {
        let data = receive_len_then_data(&world);
        println!("Process {rank} received data: {}", data.np());
    }
}

/// Sends `data` to rank `dest` of `world` in two messages: first its length, then the
/// array itself.
fn send_len_then_data(_world: &SimpleCommunicator, _data: &[f64], _dest: Rank) {
    // TODO: on the destination process, `world.process_at_rank(dest)`, call
    // `send_with_tag` twice: once with the length, a single value such as
    // `&(data.len() as u64)`, then with the buffer `&data[..]`. Give the two messages
    // different tags (e.g. two constants), so that nobody can mistake one for the other.
    // (Remove the leading `_` of the parameters you use.)
    todo!("send the length of `data` to rank `dest`, then `data` itself")
}

/// Receives from rank 0 of `world` an array whose length this rank does not know.
fn receive_len_then_data(_world: &SimpleCommunicator) -> Vec<f64> {
    // TODO: on the sending process, `world.process_at_rank(0)`:
    // 1. `receive_with_tag::<u64>(tag)` returns the length (and a status you can ignore);
    // 2. allocate a buffer of that many zeros;
    // 3. `receive_into_with_tag(buffer, tag)` fills it with the data.
    // Use the same two tags as the sender.
    todo!("receive the length from rank 0, allocate the buffer, then receive the data")
}
