//! ex82 (collective-mistakes), reference solution: the two classic collective mistakes,
//! fixed. Every rank holds four numbers; an Allreduce adds them up element by element
//! across the ranks, with separate send and receive buffers (Rust will not let one
//! buffer be both); then rank 0 chooses a scale factor and broadcasts it, with the
//! broadcast made by every rank, not only inside `if rank == 0`.
//! Mirrors seed 002, Common mistakes with collectives: "using a collective operation
//! within one branch of an if-test of the rank" (`if rank == 0: comm.bcast(...)`) and
//! "using the input buffer as the output buffer".
//! Check it with `cargo run -p runner -- check ex82`.

use hpckit::{py_float, NpDisplay};
use mpi::collective::SystemOperation;
use mpi::topology::{Process, Rank, SimpleCommunicator};
use mpi::traits::*;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    let mut values: Vec<f64> = (0..4).map(|i| f64::from(4 * rank + i)).collect();
    println!("Process {rank} has values: {}", values.np());

    sum_over_ranks(&world, &mut values);
    println!("Process {rank} has the sum over ranks: {}", values.np());

    let scale = share_scale(world.process_at_rank(0), rank);
    let scaled: Vec<f64> = values.iter().map(|v| v * scale).collect();
    println!(
        "Process {rank} has scale {} and scaled sum: {}",
        py_float(scale),
        scaled.np()
    );
}

/// Replaces `values`, on every rank, by their element-wise sum over all ranks.
fn sum_over_ranks(world: &SimpleCommunicator, values: &mut [f64]) {
    // `world.all_reduce_into(&values[..], &mut values[..], ...)`, one buffer as both
    // input and output, does not compile: a shared and a mutable borrow of `values` at
    // once. MPI forbids that aliasing too (C's answer is MPI_IN_PLACE). Send a copy.
    let mine = values.to_vec();
    world.all_reduce_into(&mine[..], values, SystemOperation::sum());
}

/// Rank 0 decides the scale factor; every rank gets it. `root` is rank 0's process.
fn share_scale(root: Process, rank: Rank) -> f64 {
    // Only the preparation of the data belongs in the branch...
    let mut scale = 0.0;
    if rank == root.rank() {
        scale = 0.5;
    }
    // ...the collective itself is called by every rank.
    root.broadcast_into(&mut scale);
    scale
}
