//! ex70 (split-reduce), reference solution: a collective on sub-communicators. Task `r`
//! holds the eight integers `arange(8 * r, 8 * (r + 1))` and a receive buffer of eight
//! `-1`s. The tasks split into pairs (colour `rank / 2`: tasks 0 and 1, 2 and 3, ...),
//! and each pair reduces its data with SUM onto its own local rank 0. Mirrors case 3 of
//! the collectives exercise of the course behind seed 002 (task 0 ends with
//! `[ 8 10 12 14 16 18 20 22]`, task 2 with `[40 42 44 46 48 50 52 54]`, the others keep
//! their `-1`s) and the Python course's `comm.Split(color)`.
//! Check it with `cargo run -p runner -- check ex70`.

use hpckit::NpDisplay;
use mpi::collective::SystemOperation;
use mpi::topology::{Color, SimpleCommunicator};
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
fn split_in_pairs(world: &SimpleCommunicator, colour: i32) -> SimpleCommunicator {
    world
        .split_by_color(Color::with_value(colour))
        .expect("every rank passes a defined colour")
}

/// Reduce with SUM over `comm`, onto its rank 0: the root receives the element-wise sum
/// of every member's `data` into `buffer`; the other members' `buffer` is left alone.
fn reduce_to_local_root(comm: &SimpleCommunicator, data: &[i64], buffer: &mut [i64]) {
    // The root is rank 0 *of `comm`*: ranks always count within a communicator. So
    // each pair has its own root, and the pairs' reductions do not mix.
    let root = comm.process_at_rank(0);
    if comm.rank() == 0 {
        root.reduce_into_root(data, buffer, SystemOperation::sum());
    } else {
        root.reduce_into(data, SystemOperation::sum());
    }
}
