//! ex48 (send-recv): rank 0 sends the array `[0. 1. 2. 3.]` to every other rank with a
//! blocking Send, tagged with the destination's rank; the other ranks receive it into a
//! buffer of zeros they allocated beforehand. Fill in `send` and `receive` below.
//! Check it with `cargo run -p runner -- check ex48`.

use hpckit::NpDisplay;
use mpi::topology::{Rank, SimpleCommunicator};
use mpi::traits::*;
use mpi::Tag;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    if rank == 0 {
        let data: Vec<f64> = (0..4).map(f64::from).collect();
        for dest in 1..world.size() {
            send(&world, &data, dest);
            println!("Process {rank} sent data: {}", data.np());
        }
    } else {
        // The receive buffer must exist, with room for the whole message, before the
        // message arrives: MPI writes straight into it.
        let mut data = vec![0.0; 4];
        receive(&world, &mut data, rank);
        println!("Process {rank} received data: {}", data.np());
    }
}

/// Sends `data` to rank `dest` of `world` with a blocking Send, tagged `dest`.
fn send(_world: &SimpleCommunicator, _data: &[f64], _dest: Rank) {
    // TODO: `world.process_at_rank(dest)` is the destination process, and its
    // `send_with_tag(buffer, tag)` sends a buffer such as `&data[..]` with a tag.
    // (Remove the leading `_` of the parameters you use.)
    todo!("send `data` to rank `dest`, tagged `dest`")
}

/// Receives into `data` the message that rank 0 of `world` sent with tag `tag`.
fn receive(_world: &SimpleCommunicator, _data: &mut [f64], _tag: Tag) {
    // TODO: receive from the sending process, `world.process_at_rank(0)`, with its
    // `receive_into_with_tag(buffer, tag)`: it fills the buffer you pass in.
    todo!("receive `data` from rank 0, tagged with this rank")
}
