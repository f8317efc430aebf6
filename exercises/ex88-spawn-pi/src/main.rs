//! ex88 (spawn-pi): dynamic processes. Started alone, the program is the parent: it
//! must spawn 5 workers (copies of itself) from COMM_SELF, give each the number of
//! intervals N over the intercommunicator, and add up the shares of the midpoint rule
//! for the integral of 4 / (1 + x²) over [0, 1] that they send back: π. A worker knows
//! it is one because it has a parent; it computes every size-th interval starting at
//! its rank in its own COMM_WORLD, the 5 workers. Write the five functions marked
//! TODO: the spawn, and the two halves of the broadcast and of the reduction.
//! Check it with `cargo run -p runner -- check ex88`.

#[allow(unused_imports)] // for the spawn command you build
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

/// Starts `count` copies of this program as workers, from COMM_SELF, and returns the
/// intercommunicator to them.
fn spawn_workers(_count: Rank) -> InterCommunicator {
    // TODO: build the command with `worker_command(&["worker"])` (under the runner it
    // starts the workers under its capture shim; a plain `Command` would not), then
    // spawn `count` of them from the process of rank 0 of
    // `SimpleCommunicator::self_comm()` with `.spawn(&command, count)`.
    todo!("spawn the workers from COMM_SELF")
}

/// mpi4py's `comm.Bcast([N, MPI.INT], root=MPI.ROOT)`: `n` to every worker.
fn broadcast_n(_workers: &InterCommunicator, _n: i32) {
    // TODO: rsmpi's broadcast cannot name MPI_ROOT: send `n` to every process of the
    // other group, `workers.process_at_rank(w)` for w in 0..workers.remote_size().
    todo!("send n to every worker")
}

/// mpi4py's `comm.Reduce(None, [PI, MPI.DOUBLE], op=MPI.SUM, root=MPI.ROOT)`: the sum
/// of one share from every worker, added in worker order.
fn reduce_pi(_workers: &InterCommunicator) -> f64 {
    // TODO: receive an f64 from every worker, in worker order, and add them up.
    todo!("receive and add the workers' shares")
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

/// The worker's half of the broadcast: N from the parent.
fn receive_n(_parent: &InterCommunicator) -> i32 {
    // TODO: in the intercommunicator, the parent is rank 0 of the other group.
    todo!("receive n from the parent")
}

/// The worker's half of the reduction: its share, to the parent.
fn send_share(_parent: &InterCommunicator, _share: f64) {
    // TODO: send `share` to the parent.
    todo!("send the share to the parent")
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
