//! ex85 (one-sided): one-sided communication. Every rank exposes a window of three
//! integers: a slot for its left neighbour to put into, a value of its own for its
//! right neighbour to get, and a sum that only rank 0's window collects. In one epoch,
//! every rank must put its rank into its right neighbour's window, get the value of
//! its left neighbour, and add rank + 1 into rank 0's sum. Fill in `one_epoch` with
//! `hpckit::mpi_ext::window`.
//! Check it with `cargo run -p runner -- check ex85`.

use hpckit::mpi_ext::window::Window;
use hpckit::NpDisplay;
#[allow(unused_imports)] // for the accumulate you write
use mpi::collective::SystemOperation;
use mpi::traits::*;
use mpi::Rank;

/// Element 0 of every window: written by the left neighbour's put.
const FROM_LEFT: usize = 0;
/// Element 1: this rank's own value, read by the right neighbour's get.
const OWN: usize = 1;
/// Element 2: the sum of everyone's accumulate, in rank 0's window only.
#[allow(dead_code)] // for the accumulate you write
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
fn one_epoch(_window: &mut Window<i64>, _rank: Rank, _size: Rank) -> i64 {
    // TODO: declare the three buffers first (`[i64; 1]` arrays: your rank, rank + 1,
    // and a zero for the get to fill): MPI uses them until the epoch ends, so they
    // must outlive it. Then open the epoch with `window.fence(|epoch| { ... })` and,
    // inside, call `epoch.put(&buffer, target_rank, element)`, `epoch.get(&mut
    // buffer, target_rank, element)` and `epoch.accumulate(&buffer, target_rank,
    // element, SystemOperation::sum())`. After `fence` returns, the get has arrived.
    // (Remove the leading `_`s.)
    todo!("one epoch: a put, a get and an accumulate")
}
