//! ex77 (reduce-allreduce): every rank holds `arange(10.) * rank`. Reduce(SUM) adds the
//! arrays element by element onto rank 0; Allreduce(MAX) gives every rank the
//! element-wise maximum. Then the same on single numbers: the sum of the ranks onto rank
//! 0, and the largest of the ranks' partial sums on every rank. Fill in the four
//! functions below `main`. Check it with `cargo run -p runner -- check ex77`.

use hpckit::{py_float, NpDisplay};
use mpi::topology::{Process, SimpleCommunicator};
use mpi::traits::*;
use ndarray::Array1;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let root = world.process_at_rank(0);

    let partial: Array1<f64> = Array1::range(0.0, 10.0, 1.0) * f64::from(rank);
    println!("Before Reduce, partial on process {rank} is: {}", partial.np());

    if let Some(total) = reduce_sum(root, &partial) {
        println!("After Reduce, total on process {rank} is: {}", total.np());
    }

    let largest = all_reduce_max(&world, &partial);
    println!("After Allreduce(MAX), process {rank} has: {}", largest.np());

    // Reductions of single numbers: a scalar is a buffer of one element.
    if let Some(sum) = reduce_sum_of_ranks(root, rank) {
        println!("Sum of the ranks, on process {rank}: {sum}");
    }
    let top = all_reduce_max_scalar(&world, partial.sum());
    println!("Largest partial sum, on process {rank}: {}", py_float(top));
}

/// Reduce(SUM) onto `root`, element by element. The root gets the total, the other
/// ranks `None`.
fn reduce_sum(_root: Process, _partial: &Array1<f64>) -> Option<Array1<f64>> {
    // TODO: a standard-layout array is a contiguous buffer: `partial.as_slice()` gives
    // it to MPI (it returns an `Option`, `None` for a non-contiguous view). On the root
    // (`root.is_self()`), allocate `Array1::zeros(partial.len())` and call
    // `root.reduce_into_root(sendbuf, total.as_slice_mut().unwrap(), SystemOperation::sum())`;
    // the others call `root.reduce_into(sendbuf, SystemOperation::sum())`.
    // (`SystemOperation` is in `mpi::collective`. Remove the leading `_` of the
    // parameters you use.)
    todo!("Reduce(SUM) the arrays onto the root")
}

/// Allreduce(MAX), element by element: every rank gets the result. No root.
fn all_reduce_max(_world: &SimpleCommunicator, _partial: &Array1<f64>) -> Array1<f64> {
    // TODO: no root: every rank calls `world.all_reduce_into(sendbuf, recvbuf, op)` on
    // the communicator, with `SystemOperation::max()`, and gets the result.
    todo!("Allreduce(MAX) the arrays")
}

/// Reduce(SUM) of one integer per rank onto `root`: `Some(sum)` on the root.
fn reduce_sum_of_ranks(_root: Process, _rank: i32) -> Option<i32> {
    // TODO: as `reduce_sum`, with a single `i32`: `&rank` is a buffer of one element,
    // and so is `&mut sum`.
    todo!("Reduce(SUM) the ranks onto the root")
}

/// Allreduce(MAX) of one `f64` per rank: every rank gets the largest.
fn all_reduce_max_scalar(_world: &SimpleCommunicator, _value: f64) -> f64 {
    // TODO: as `all_reduce_max`, with a single `f64`.
    todo!("Allreduce(MAX) one number per rank")
}
