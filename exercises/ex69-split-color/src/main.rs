//! ex69 (split-color): a user-defined communicator. Every rank takes the colour `rank %
//! 4`, and `MPI_Comm_split` puts the ranks of each colour into a communicator of their
//! own, where they have new, local ranks. Each rank prints its global and its local rank,
//! then the group it landed in (found with an Allgather of the global ranks over the new
//! communicator). Mirrors seed 002's `split.py` ("Global rank: %d Local rank: %d").
//! Fill in `split_by_colour` and `global_ranks_of` below.
//! Check it with `cargo run -p runner -- check ex69`.

use hpckit::NpDisplay;
use mpi::topology::SimpleCommunicator;
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
fn split_by_colour(_world: &SimpleCommunicator, _colour: Rank) -> SimpleCommunicator {
    // TODO: `world.split_by_color(Color::with_value(colour))` (import
    // `mpi::topology::Color`) returns an `Option<SimpleCommunicator>`: `None` only for
    // ranks that pass `Color::undefined()`.
    // (Remove the leading `_` of the parameters you use.)
    todo!("split `world` by `colour`")
}

/// The global ranks of all the members of `local`, in the order of their local ranks:
/// each member contributes its own, `global_rank`.
fn global_ranks_of(_local: &SimpleCommunicator, _global_rank: Rank) -> Vec<Rank> {
    // TODO: a buffer with one entry per member (`local.size()`), filled by
    // `local.all_gather_into(&global_rank, &mut buffer[..])`.
    todo!("gather every member's global rank over `local`")
}
