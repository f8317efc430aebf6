//! ex69 (split-color), reference solution: a user-defined communicator. Every rank
//! takes the colour `rank % 4`, and `MPI_Comm_split` puts the ranks of each colour into
//! a communicator of their own, where they have new, local ranks. Each rank prints its
//! global and its local rank, then the group it landed in (found with an Allgather of
//! the global ranks over the new communicator). Mirrors seed 002's `split.py`
//! ("Global rank: %d Local rank: %d").
//! Check it with `cargo run -p runner -- check ex69`.

use hpckit::NpDisplay;
use mpi::topology::{Color, SimpleCommunicator};
use mpi::traits::*;
use mpi::Rank;

/// How many colours, hence sub-communicators, there are (as long as there are at
/// least this many ranks).
const COLOURS: Rank = 4;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    let colour = rank % COLOURS;
    let local = split_by_colour(&world, colour);
    let local_rank = local.rank();
    println!("Global rank: {rank} Local rank: {local_rank}");

    let members = global_ranks_of(&local, rank);
    println!("Colour {colour} groups the global ranks {}", members.np());
}

/// Splits `world` by `colour`: the ranks that pass the same colour end up together in
/// the returned communicator.
fn split_by_colour(world: &SimpleCommunicator, colour: Rank) -> SimpleCommunicator {
    // Split is collective: every rank of `world` calls it. Within a colour, local ranks
    // follow the order of the global ones. `None` only comes back to ranks that pass
    // `Color::undefined()`, which this program never does.
    world
        .split_by_color(Color::with_value(colour))
        .expect("every rank passes a defined colour")
}

/// The global ranks of all the members of `local`, in the order of their local ranks:
/// each member contributes its own, `global_rank`.
fn global_ranks_of(local: &SimpleCommunicator, global_rank: Rank) -> Vec<Rank> {
    // A collective on the sub-communicator involves its members only.
    let mut members = vec![0; local.size() as usize];
    local.all_gather_into(&global_rank, &mut members[..]);
    members
}
