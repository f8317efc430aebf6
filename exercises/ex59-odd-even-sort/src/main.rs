//! ex59 (odd-even-sort): pairwise exchange, put to work in an odd-even transposition
//! sort.
//!
//! Each rank holds one number. In each phase the ranks pair up with a neighbour and
//! swap numbers (a pairwise exchange, one MPI_Sendrecv per pair); the lower rank of
//! the pair keeps the smaller of the two, the higher rank the larger. Even phases pair
//! (0, 1), (2, 3), ...; odd phases pair (1, 2), (3, 4), ..., so that a rank at an end
//! may have no partner (MPI_PROC_NULL, `None`). After as many phases as there are
//! ranks, the numbers are sorted across the ranks.
//!
//! Fill in `partner` and `exchange` below `main`.
//! Check it with `cargo run -p runner -- check ex59`.

use mpi::topology::{Rank, SimpleCommunicator};
use mpi::traits::*;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let size = world.size();

    // A number per rank, in no particular order: 37, 74, 10, 47 on four ranks.
    let mut value: i32 = (rank + 1) * 37 % 101;
    println!("Rank {rank} starts with {value}");

    for phase in 0..size {
        let partner = partner(rank, size, phase);
        match (partner, exchange(&world, value, partner)) {
            (Some(partner), Some(theirs)) => {
                let kept = if rank < partner {
                    value.min(theirs)
                } else {
                    value.max(theirs)
                };
                println!("phase {phase}: partner {partner}, sent {value}, got {theirs}, kept {kept}");
                value = kept;
            }
            _ => println!("phase {phase}: no partner, kept {value}"),
        }
    }
    println!("Rank {rank} ends with {value}");
}

/// This rank's partner in `phase`: in even phases, even ranks pair with the next rank;
/// in odd phases, odd ranks do. `None` for a rank at an end that has no partner.
fn partner(_rank: Rank, _size: Rank, _phase: Rank) -> Option<Rank> {
    // TODO: when `rank + phase` is even, the partner is `rank + 1`, else `rank - 1`.
    // It exists only if it lies in `0..size`: `(0..size).contains(&partner)`, and
    // `condition.then_some(partner)` turns that into an `Option`. (Remove the leading
    // `_` of the parameters you use.)
    todo!("work out the partner of `rank` in `phase`, if it has one")
}

/// Sends `value` to `partner` and returns the partner's value, in one MPI_Sendrecv;
/// `None`, and no communication, without a partner.
fn exchange(_world: &SimpleCommunicator, _value: i32, _partner: Option<Rank>) -> Option<i32> {
    // TODO: the partner is both the destination and the source. Make a variable for
    // the answer, `let mut theirs = 0;`, and call
    // `hpckit::mpi_ext::proc_null::send_recv_optional(world, &value, partner,
    // &mut theirs, partner, tag)` (single values are buffers too, and any tag will do
    // as long as both sides use the same). It returns `Some(status)` if something was
    // received: map that to `theirs`.
    todo!("swap values with the partner, if there is one")
}
