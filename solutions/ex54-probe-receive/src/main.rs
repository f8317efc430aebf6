//! ex54 (probe-receive), reference solution: receive a message whose length the
//! receiver does not know, by probing it first.
//!
//! Rank 0 sends rank `d` the array `arange(2d)`, whose length only rank 0 knows.
//! Each receiver probes the message (MPI_Mprobe) to learn its length, allocates a
//! buffer of exactly that size, and receives the probed message into it
//! (MPI_Mrecv). It keeps the first half and sends the second half back; rank 0 does
//! not assume its length either, and probes each reply the same way. Nothing can be
//! truncated, and no size travels in a message of its own (compare ex53).
//!
//! Mirrors seed 000, "Blocking send/recv": the question "if the size of the numpy
//! array is only known on the master process, how do we send it?" and the
//! exercise on a receiving buffer smaller than the message.
//! Check it with `cargo run -p runner -- check ex54`.

use hpckit::NpDisplay;
use mpi::point_to_point::Status;
use mpi::topology::Process;
use mpi::traits::*;
use mpi::Tag;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    if rank == 0 {
        for dest in 1..world.size() {
            let data: Vec<f64> = (0..2 * dest).map(f64::from).collect();
            world.process_at_rank(dest).send_with_tag(&data[..], dest);
            println!(
                "Process 0 sent {} values to process {dest}: {}",
                data.len(),
                data.np()
            );
        }
        for source in 1..world.size() {
            let (reply, status) = receive_unknown_length(world.process_at_rank(source), source);
            println!(
                "Process 0 got back a message of {} f64 from process {} with tag {}: {}",
                reply.len(),
                status.source_rank(),
                status.tag(),
                reply.np()
            );
        }
    } else {
        let (data, status) = receive_unknown_length(world.process_at_rank(0), rank);
        println!(
            "Process {rank} probed a message of {} f64 from process {} with tag {}",
            data.len(),
            status.source_rank(),
            status.tag()
        );
        println!("Process {rank} received data: {}", data.np());
        let (_mine, back) = data.split_at(data.len() / 2);
        world.process_at_rank(0).send_with_tag(back, rank);
        println!("Process {rank} sent back the second half: {}", back.np());
    }
}

/// Receives from `source` a message of `f64` values tagged `tag`, whatever its length:
/// probes it, allocates a buffer of its size, and receives it into that buffer.
fn receive_unknown_length(source: Process, tag: Tag) -> (Vec<f64>, Status) {
    // A matched probe waits for a matching message and returns a handle to that very
    // message: no other receive (say, in another thread) can take it from us.
    let (message, status) = source.matched_probe_with_tag(tag);
    let count = status.count(f64::equivalent_datatype());
    let mut data = vec![0.0; usize::try_from(count).expect("a count is never negative")];
    // The handle must be received, or dropping it panics: MPI holds the message for us.
    message.matched_receive_into(&mut data[..]);
    (data, status)
}
