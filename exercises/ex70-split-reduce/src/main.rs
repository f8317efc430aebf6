//! ex70 (split-reduce): a collective on sub-communicators. Task `r` holds the eight
//! integers `arange(8 * r, 8 * (r + 1))` and a receive buffer of eight `-1`s. The tasks
//! split into pairs (colour `rank / 2`: tasks 0 and 1, 2 and 3, ...), and each pair
//! reduces its data with SUM onto its own local rank 0. Mirrors case 3 of the collectives
//! exercise of the course behind seed 002 (task 0 ends with `[ 8 10 12 14 16 18 20 22]`,
//! task 2 with `[40 42 44 46 48 50 52 54]`, the others keep their `-1`s) and the Python
//! course's `comm.Split(color)`.
//! Fill in `split_in_pairs` and `reduce_to_local_root` below.
//! Check it with `cargo run -p runner -- check ex70`.

use hpckit::NpDisplay;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;

/// Length of every task's data and receive buffer.
const N: i64 = 8;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    let first = N * i64::from(rank);
    let data: Vec<i64> = (first..first + N).collect();
    let mut buffer = vec![-1_i64; N as usize];
    println!("Task {rank} data: {}", data.np());

    let colour = rank / 2;
    let pair = split_in_pairs(&world, colour);
    reduce_to_local_root(&pair, &data, &mut buffer);
    println!(
        "Task {rank} (colour {colour}, local rank {}) after Reduce: {}",
        pair.rank(),
        buffer.np()
    );
}

/// Splits `world` into the communicators of the ranks that pass the same `colour`.
fn split_in_pairs(_world: &SimpleCommunicator, _colour: i32) -> SimpleCommunicator {
    // TODO: as in ex69, `world.split_by_color(Color::with_value(colour))`, which
    // returns an `Option` (import `mpi::topology::Color`).
    // (Remove the leading `_` of the parameters you use.)
    todo!("split `world` by `colour`")
}

/// Reduce with SUM over `comm`, onto its rank 0: the root receives the element-wise sum
/// of every member's `data` into `buffer`; the other members' `buffer` is left alone.
fn reduce_to_local_root(_comm: &SimpleCommunicator, _data: &[i64], _buffer: &mut [i64]) {
    // TODO: the root is `comm.process_at_rank(0)`, rank 0 of the sub-communicator. On
    // it, `root.reduce_into_root(data, buffer, SystemOperation::sum())`; on the other
    // members `root.reduce_into(data, SystemOperation::sum())` (import
    // `mpi::collective::SystemOperation`).
    todo!("Reduce `data` with SUM onto rank 0 of `comm`")
}
