//! ex77 (reduce-allreduce), reference solution: every rank holds `arange(10.) * rank`.
//! Reduce(SUM) adds the arrays element by element onto rank 0; Allreduce(MAX) gives
//! every rank the element-wise maximum. The same two operations on single numbers: the
//! sum of the ranks onto rank 0, and the largest of the ranks' partial sums everywhere.
//! Mirrors seed 000, Collectives: Reduce ("Use Reduce to compute the sum of numpy
//! arrays", `np.arange(10.) * comm.rank`), and seed 002's `reduce.py`
//! (`comm.reduce(rank, op=MPI.SUM)`) and "Allreduce: all processes receive the
//! results of reduction". Check it with `cargo run -p runner -- check ex77`.

use hpckit::{py_float, NpDisplay};
use mpi::collective::SystemOperation;
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
fn reduce_sum(root: Process, partial: &Array1<f64>) -> Option<Array1<f64>> {
    // A standard-layout ndarray is a contiguous buffer: `as_slice` gives it to MPI.
    let sendbuf = partial.as_slice().expect("a fresh array is contiguous");
    if root.is_self() {
        let mut total = Array1::zeros(partial.len());
        let recvbuf = total.as_slice_mut().expect("a fresh array is contiguous");
        root.reduce_into_root(sendbuf, recvbuf, SystemOperation::sum());
        Some(total)
    } else {
        root.reduce_into(sendbuf, SystemOperation::sum());
        None
    }
}

/// Allreduce(MAX), element by element: every rank gets the result. No root.
fn all_reduce_max(world: &SimpleCommunicator, partial: &Array1<f64>) -> Array1<f64> {
    let mut result = Array1::zeros(partial.len());
    world.all_reduce_into(
        partial.as_slice().expect("a fresh array is contiguous"),
        result.as_slice_mut().expect("a fresh array is contiguous"),
        SystemOperation::max(),
    );
    result
}

/// Reduce(SUM) of one integer per rank onto `root`: `Some(sum)` on the root.
fn reduce_sum_of_ranks(root: Process, rank: i32) -> Option<i32> {
    if root.is_self() {
        let mut sum = 0;
        root.reduce_into_root(&rank, &mut sum, SystemOperation::sum());
        Some(sum)
    } else {
        root.reduce_into(&rank, SystemOperation::sum());
        None
    }
}

/// Allreduce(MAX) of one `f64` per rank: every rank gets the largest.
fn all_reduce_max_scalar(world: &SimpleCommunicator, value: f64) -> f64 {
    let mut largest = 0.0;
    world.all_reduce_into(&value, &mut largest, SystemOperation::max());
    largest
}
