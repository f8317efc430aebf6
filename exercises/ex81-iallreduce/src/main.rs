//! ex81 (iallreduce): the numbers 0..15 are shared out among the ranks. Start a
//! non-blocking Allreduce of this rank's partial sum, and compute the partial sum of
//! squares while it is in flight; then start a second one for the squares and wait for
//! both. Fill in `sums_overlapped`. Check it with `cargo run -p runner -- check ex81`.

use hpckit::split::Split;
use hpckit::{py_float, NpDisplay};
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
fn sums_overlapped(_world: &SimpleCommunicator, _mine: &[f64]) -> (f64, f64) {
    // TODO: declare the buffers first, outside the scope (they must outlive it):
    // `partial_sum`, `partial_squares`, `sum`, `sum_of_squares`. Then, inside
    // `mpi::request::scope(|scope| { ... })`:
    // - `world.immediate_all_reduce_into(scope, &partial_sum, &mut sum, SystemOperation::sum())`
    //   starts the reduction and returns a request at once;
    // - compute `partial_squares` (the overlapped work) and start its reduction too;
    // - `.wait()` on both requests before the scope ends.
    // (`SystemOperation` is in `mpi::collective`. Remove the leading `_` of the
    // parameters you use.)
    todo!("reduce the sums without blocking, overlapping the sum of squares")
}
