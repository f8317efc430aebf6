//! ex53 (send-size-first), reference solution: as in ex48, rank 0 sends `[0. 1. 2. 3.]`
//! to every other rank, but now only rank 0 knows the array's length. It sends the
//! length first, so that each receiver can allocate its buffer, then the data.
//! Check it with `cargo run -p runner -- check ex53`.

use hpckit::NpDisplay;
use mpi::traits::*;
use mpi::Tag;

/// Tag of the message that carries the array's length.
const LEN_TAG: Tag = 0;
/// Tag of the message that carries the array itself.
const DATA_TAG: Tag = 1;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    if rank == 0 {
        let data: Vec<f64> = (0..4).map(f64::from).collect();
        for dest in 1..world.size() {
            let receiver = world.process_at_rank(dest);
            // Two messages per receiver. MPI would deliver them in order anyway (messages
            // between one pair of ranks on one communicator never overtake each other),
            // but distinct tags make it plain which is which.
            receiver.send_with_tag(&(data.len() as u64), LEN_TAG);
            receiver.send_with_tag(&data[..], DATA_TAG);
            println!("Process {rank} sent data: {}", data.np());
        }
    } else {
        let sender = world.process_at_rank(0);
        // A single value can be received by value; the array needs a buffer of the
        // right size, which only the first message tells us.
        let (len, _status) = sender.receive_with_tag::<u64>(LEN_TAG);
        let mut data = vec![0.0; len as usize];
        sender.receive_into_with_tag(&mut data[..], DATA_TAG);
        println!("Process {rank} received data: {}", data.np());
    }
}
