//! ex55 (partial-buffers), reference solution: send and receive part of an array.
//!
//! Rank 0 sends every other rank the first 2 values of `arange(4.)`, which land in the
//! first 2 places of a 4-value buffer of zeros; then the slice `[2:6]` of `arange(10.)`,
//! which lands in the same slice of a 10-value buffer of zeros. In Rust, part of an
//! array is a sub-slice, `&data[..2]` or `&mut data[2..6]`: a buffer like any other,
//! with its own length, so MPI sends and receives exactly that many values.
//!
//! Mirrors seed 000, "Send / Recv with buffer size": `comm.Send([data, 2, MPI.DOUBLE])`
//! with `comm.Recv([data, 2, MPI.DOUBLE])`, and "use array slicing":
//! `comm.Send(data[2:6])` with `comm.Recv(data[2:6])`.
//! Check it with `cargo run -p runner -- check ex55`.

use hpckit::NpDisplay;
use mpi::topology::Process;
use mpi::traits::*;
use mpi::Tag;
use std::ops::Range;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    if rank == 0 {
        let data: Vec<f64> = (0..4).map(f64::from).collect();
        for dest in 1..world.size() {
            send_part(world.process_at_rank(dest), &data, 0..2, dest);
            println!("Process {rank} sent data: {}", data[..2].np());
        }
        let data: Vec<f64> = (0..10).map(f64::from).collect();
        for dest in 1..world.size() {
            send_part(world.process_at_rank(dest), &data, 2..6, dest);
            // The Python original prints the whole array, though it sent only [2:6].
            println!("Process {rank} sent data: {}", data.np());
        }
    } else {
        let source = world.process_at_rank(0);
        let mut data = vec![0.0; 4];
        receive_part(source, &mut data, 0..2, rank);
        println!("Process {rank} received data: {}", data[..2].np());
        println!("Process {rank} has data: {}", data.np());

        let mut data = vec![0.0; 10];
        receive_part(source, &mut data, 2..6, rank);
        println!("Process {rank} received data: {}", data[2..6].np());
        println!("Process {rank} has data: {}", data.np());
    }
}

/// Sends the elements `range` of `data` to `dest`, tagged `tag`.
fn send_part(dest: Process, data: &[f64], range: Range<usize>, tag: Tag) {
    // A sub-slice borrows part of the array: nothing is copied, and its length is
    // the count MPI sends. A range past the end panics here, in Rust, instead of
    // letting MPI read memory beyond the array.
    dest.send_with_tag(&data[range], tag);
}

/// Receives into the elements `range` of `data`, from `source`, tagged `tag`; the
/// rest of `data` is left as it was.
fn receive_part(source: Process, data: &mut [f64], range: Range<usize>, tag: Tag) {
    source.receive_into_with_tag(&mut data[range], tag);
}
