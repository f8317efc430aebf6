//! ex85 (one-sided), reference solution: one-sided communication. Every rank exposes a
//! window of three integers: a slot for its left neighbour to put into, a value of its
//! own for its right neighbour to get, and a sum that only rank 0's window collects.
//! In one epoch between two fences, every rank puts its rank into its right
//! neighbour's window, gets the value of its left neighbour, and adds rank + 1 into
//! rank 0's sum; no rank calls a receive. Each rank prints its window before and after
//! the epoch, and what it got.
//! Mirrors seed 003's "one-sided operations" among mpi4py's features (`MPI.Win`, `Put`,
//! `Get`, `Accumulate`, `Fence`). rsmpi has no windows: `Window` comes from
//! `hpckit::mpi_ext::window`.
//! Check it with `cargo run -p runner -- check ex85`.

use hpckit::mpi_ext::window::Window;
use hpckit::NpDisplay;
use mpi::collective::SystemOperation;
use mpi::traits::*;
use mpi::Rank;

/// Element 0 of every window: written by the left neighbour's put.
const FROM_LEFT: usize = 0;
/// Element 1: this rank's own value, read by the right neighbour's get.
const OWN: usize = 1;
/// Element 2: the sum of everyone's accumulate, in rank 0's window only.
const SUM: usize = 2;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let size = world.size();

    // Making a window is collective: every rank exposes its three elements.
    let mut window = Window::<i64>::allocate(&world, 3);
    window.local_mut()[FROM_LEFT] = -1;
    window.local_mut()[OWN] = 100 + i64::from(rank);
    println!("Process {rank} window before the epoch: {}", window.local().np());

    let left = (rank + size - 1) % size;
    let got = one_epoch(&mut window, rank, size);
    println!("Process {rank} got {got} from the window of process {left}");
    println!("Process {rank} window after the epoch: {}", window.local().np());
}

/// One epoch on `window`: this rank puts its rank into element FROM_LEFT of its right
/// neighbour's window, gets element OWN of its left neighbour's window, and adds
/// rank + 1 to element SUM of rank 0's window. Returns what the get brought.
fn one_epoch(window: &mut Window<i64>, rank: Rank, size: Rank) -> i64 {
    let (right, left) = ((rank + 1) % size, (rank + size - 1) % size);
    // The buffers live outside the epoch: MPI may read and write them until its end.
    let mine = [i64::from(rank)];
    let contribution = [i64::from(rank) + 1];
    let mut got = [0];
    window.fence(|epoch| {
        epoch.put(&mine, right, FROM_LEFT);
        epoch.get(&mut got, left, OWN);
        epoch.accumulate(&contribution, 0, SUM, SystemOperation::sum());
    });
    // The closing fence is done: the get has arrived.
    got[0]
}
