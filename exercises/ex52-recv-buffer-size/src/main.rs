//! ex52 (recv-buffer-size): a receive buffer larger than the message, and how the
//! receiver learns how much arrived.
//!
//! Rank 0 sends `[0. 1. 2. 3.]` to every other rank, as in ex48, but the receivers
//! have room for 6 values. The message fills the first 4 and leaves the rest alone;
//! the receive's `Status` says how many values arrived, so the receiver can take just
//! those, and echoes them back to rank 0, which counts them the same way. With
//! `DEMO=truncate` in the environment the receivers have room for 3 values only: the
//! message does not fit, and MPI stops the whole job with MPI_ERR_TRUNCATE.
//!
//! Fill in `receive_counted` below `main`.
//! Check it with `cargo run -p runner -- check ex52`.

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
        let data: Vec<f64> = (0..4).map(f64::from).collect();
        for dest in 1..world.size() {
            world.process_at_rank(dest).send_with_tag(&data[..], dest);
            println!("Process {rank} sent data: {}", data.np());
        }
        // Each receiver echoes what it got. Rank 0 does not know how much that is
        // either: it too receives into a buffer with room to spare, and counts.
        for source in 1..world.size() {
            let mut echo = vec![0.0; 6];
            let (count, _status) = receive_counted(world.process_at_rank(source), &mut echo, source);
            println!(
                "Process {rank} got back {count} values from process {source}: {}",
                echo[..count].np()
            );
        }
    } else {
        // Room for 6 values; or for 3 to see what a message that does not fit does.
        let room = match std::env::var("DEMO").as_deref() {
            Ok("truncate") => 3,
            _ => 6,
        };
        let mut data = vec![0.0; room];
        let (count, status) = receive_counted(world.process_at_rank(0), &mut data, rank);
        println!("Process {rank} received data: {}", data.np());
        println!(
            "Process {rank} received {count} values from process {} with tag {}: {}",
            status.source_rank(),
            status.tag(),
            data[..count].np()
        );
        // Echo exactly the values that arrived, no more.
        world.process_at_rank(0).send_with_tag(&data[..count], rank);
    }
}

/// Receives into `buffer` a message of `f64` values tagged `tag` from `source`.
/// Returns how many values arrived, and the receive's status.
fn receive_counted(_source: Process, _buffer: &mut [f64], _tag: Tag) -> (usize, Status) {
    // TODO: receive with `source.receive_into_with_tag(buffer, tag)`, which returns a
    // `Status`. Then `status.count(datatype)` counts the elements of an MPI datatype
    // that arrived; the datatype of `f64` is `f64::equivalent_datatype()` (from the
    // `Equivalence` trait). The count is an `i32`, MPI's `int`: convert it with
    // `usize::try_from`. (Remove the leading `_` of the parameters you use.)
    todo!("receive into `buffer`, then read from the status how many values arrived")
}
