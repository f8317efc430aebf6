//! ex82 (collective-mistakes): this program has the two classic collective mistakes.
//! Every rank holds four numbers; `sum_over_ranks` should add them up element by element
//! across the ranks with an Allreduce, and `share_scale` should give every rank the
//! scale factor that rank 0 chooses. Write the first and fix the second.
//! Check it with `cargo run -p runner -- check ex82`.

use hpckit::{py_float, NpDisplay};
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
fn sum_over_ranks(_world: &SimpleCommunicator, _values: &mut [f64]) {
    // The C version of this program calls
    //     MPI_Allreduce(values, values, 4, MPI_DOUBLE, MPI_SUM, comm);
    // with one buffer as both input and output, which MPI forbids. Translated to Rust,
    //     world.all_reduce_into(&values[..], &mut values[..], SystemOperation::sum());
    // does not even compile (try it: error E0502).
    // TODO: send a copy of the values (`values.to_vec()`) and receive into `values`,
    // with `world.all_reduce_into(sendbuf, recvbuf, SystemOperation::sum())`
    // (`SystemOperation` is in `mpi::collective`). Remove the leading `_` of the
    // parameters you use.
    todo!("Allreduce(SUM) the values, with separate send and receive buffers")
}

/// Rank 0 decides the scale factor; every rank gets it. `root` is rank 0's process.
fn share_scale(root: Process, rank: Rank) -> f64 {
    let mut scale = 0.0;
    if rank == root.rank() {
        scale = 0.5;
        // TODO: this broadcast has a bug. Find it and fix it.
        root.broadcast_into(&mut scale);
    }
    scale
}
