//! ex88 (spawn-pi), reference solution: dynamic processes. Started alone, the program
//! is the parent: it spawns 5 workers (copies of itself) from COMM_SELF, gives each the
//! number of intervals N over the intercommunicator, and adds up the shares of the
//! midpoint rule for the integral of 4 / (1 + x²) over [0, 1] that they send back: π.
//! A worker knows it is one because it has a parent; it computes every size-th
//! interval starting at its rank in its own COMM_WORLD, the 5 workers.
//! Mirrors seed 001's "Dynamic Process Management: Compute Pi" (`MPI.COMM_SELF.Spawn`
//! with maxprocs=5, `Bcast` of N = 100 with root `MPI.ROOT`, `Reduce` of pi to
//! `MPI.ROOT`, `Disconnect`). rsmpi's collectives cannot name `MPI_ROOT`, so the
//! broadcast and the reduction are messages to and from every worker.
//! Check it with `cargo run -p runner -- check ex88`.

use hpckit::mpi_ext::spawn::worker_command;
use mpi::topology::{InterCommunicator, SimpleCommunicator};
use mpi::traits::*;
use mpi::Rank;

/// How many workers the parent starts: mpi4py's `maxprocs=5`.
const WORKERS: Rank = 5;
/// The number of intervals of the midpoint rule: the seed's `N`.
const N: i32 = 100;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    // MPI_Comm_get_parent: MPI_COMM_NULL (None) unless this process was spawned.
    match world.parent() {
        None => parent(),
        Some(parent) => worker(&world, parent),
    }
}

/// The parent's side, the seed's master script.
fn parent() {
    let workers = spawn_workers(WORKERS);
    println!(
        "the parent spawned {} workers from COMM_SELF",
        workers.remote_size()
    );
    broadcast_n(&workers, N);
    let pi = reduce_pi(&workers);
    println!(
        "pi is approximately {pi}, error {:.16}",
        (pi - std::f64::consts::PI).abs()
    );
    // mpi4py's `comm.Disconnect()`: rsmpi calls MPI_Comm_disconnect when an
    // intercommunicator is dropped, and waits there for the workers to do the same.
    drop(workers);
}

/// Starts `count` copies of this program as workers. The spawning communicator is
/// COMM_SELF, so this process alone decides, and alone is the parent group; the
/// command comes from hpckit so that under the runner the workers are captured.
fn spawn_workers(count: Rank) -> InterCommunicator {
    let command = worker_command(&["worker"]).expect("the path of this program");
    SimpleCommunicator::self_comm()
        .process_at_rank(0)
        .spawn(&command, count)
        .expect("MPI could not start the workers")
}

/// mpi4py's `comm.Bcast([N, MPI.INT], root=MPI.ROOT)`: `n` goes to every process of
/// the other group, the workers, whose ranks are 0..remote_size.
fn broadcast_n(workers: &InterCommunicator, n: i32) {
    for worker in 0..workers.remote_size() {
        workers.process_at_rank(worker).send(&n);
    }
}

/// mpi4py's `comm.Reduce(None, [PI, MPI.DOUBLE], op=MPI.SUM, root=MPI.ROOT)`: one share
/// from every worker, added in worker order, so that π comes out the same in every run.
fn reduce_pi(workers: &InterCommunicator) -> f64 {
    (0..workers.remote_size())
        .map(|worker| workers.process_at_rank(worker).receive::<f64>().0)
        .sum()
}

/// A worker's side, the seed's `cpi.py`: `parent` is the intercommunicator to the
/// parent (the parent is its rank 0), `world` the workers' own COMM_WORLD.
fn worker(world: &SimpleCommunicator, parent: InterCommunicator) {
    let n = receive_n(&parent);
    let (rank, size) = (world.rank(), world.size());
    let share = midpoint_share(n, rank, size);
    println!(
        "worker {rank} of {size}: {} of the {n} intervals, from {rank} in steps of {size}; share {share}",
        intervals_of(n, rank, size).count()
    );
    send_share(&parent, share);
    // `comm.Disconnect()` on the workers' side.
    drop(parent);
}

/// The worker's half of the broadcast: N from the parent, rank 0 of the other group.
fn receive_n(parent: &InterCommunicator) -> i32 {
    parent.process_at_rank(0).receive::<i32>().0
}

/// The worker's half of the reduction: its share, to the parent.
fn send_share(parent: &InterCommunicator, share: f64) {
    parent.process_at_rank(0).send(&share);
}

/// The intervals of `0..n` that worker `rank` of `size` computes: `range(rank, N, size)`.
fn intervals_of(n: i32, rank: Rank, size: Rank) -> impl Iterator<Item = i32> {
    (rank..n).step_by(size as usize)
}

/// This worker's part of the midpoint rule for the integral of 4 / (1 + x²) on [0, 1]
/// with `n` intervals: the heights at its intervals' midpoints, times the width.
fn midpoint_share(n: i32, rank: Rank, size: Rank) -> f64 {
    let h = 1.0 / f64::from(n);
    let heights: f64 = intervals_of(n, rank, size)
        .map(|i| {
            let x = h * (f64::from(i) + 0.5);
            4.0 / (1.0 + x * x)
        })
        .sum();
    heights * h
}
