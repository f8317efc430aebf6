//! ex81 (iallreduce), reference solution: the numbers 0..15 are shared out among the
//! ranks (each rank computes its own piece of the split). Every rank starts a
//! non-blocking Allreduce of its partial sum and, while that reduction is in flight,
//! computes its partial sum of squares; it then starts a second one for the squares,
//! waits for both, and prints the mean and standard deviation of all the numbers.
//! Mirrors seed 002, Non-blocking collectives ("overlapping of communication and
//! computation together with the benefits of collective communication"; MPI-3's
//! `MPI_Iallreduce`, which the course's mpi4py did not have yet), with the data of
//! seed 000's Scatterv example (`np.arange(15.0)`).
//! Check it with `cargo run -p runner -- check ex81`.

use hpckit::split::Split;
use hpckit::{py_float, NpDisplay};
use mpi::collective::SystemOperation;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;

/// How many numbers there are in all.
const N: usize = 15;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    // Every rank knows N, so every rank computes the same split: no communication needed.
    let split = Split::new(N, world.size() as usize);
    let range = split.range(rank as usize);
    let mine: Vec<f64> = range.clone().map(|i| i as f64).collect();
    println!(
        "Process {rank} has x[{}:{}] = {}",
        range.start,
        range.end,
        mine.np()
    );

    let (sum, sum_of_squares) = sums_overlapped(&world, &mine);
    println!(
        "Process {rank}: sum = {}, sum of squares = {}",
        py_float(sum),
        py_float(sum_of_squares)
    );

    let mean = sum / N as f64;
    let std = (sum_of_squares / N as f64 - mean * mean).sqrt();
    println!(
        "Process {rank}: mean = {}, std = {}",
        py_float(mean),
        py_float(std)
    );
}

/// The sum and the sum of squares of every rank's `mine`, on every rank. The sum of
/// squares is computed while the sum is being reduced.
fn sums_overlapped(world: &SimpleCommunicator, mine: &[f64]) -> (f64, f64) {
    let partial_sum: f64 = mine.iter().sum();
    let mut partial_squares = 0.0;
    let mut sum = 0.0;
    let mut sum_of_squares = 0.0;
    // A scope guarantees that every request started inside it has completed before it
    // ends, so the buffers that MPI is still using cannot be touched or freed early.
    mpi::request::scope(|scope| {
        // Start the reduction of the sums; `sum` stays borrowed until it completes.
        let sums = world.immediate_all_reduce_into(scope, &partial_sum, &mut sum, SystemOperation::sum());
        // Overlap: local work that needs neither `partial_sum` nor `sum`.
        partial_squares = mine.iter().map(|x| x * x).sum();
        let squares = world.immediate_all_reduce_into(
            scope,
            &partial_squares,
            &mut sum_of_squares,
            SystemOperation::sum(),
        );
        // Every rank started the two reductions in the same order; now wait for both.
        sums.wait();
        squares.wait();
    });
    (sum, sum_of_squares)
}
