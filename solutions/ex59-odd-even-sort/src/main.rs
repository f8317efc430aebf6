//! ex59 (odd-even-sort), reference solution: pairwise exchange, put to work in an
//! odd-even transposition sort.
//!
//! Each rank holds one number. In each phase the ranks pair up with a neighbour and
//! swap numbers (a pairwise exchange, one MPI_Sendrecv per pair); the lower rank of
//! the pair keeps the smaller of the two, the higher rank the larger. Even phases pair
//! (0, 1), (2, 3), ...; odd phases pair (1, 2), (3, 4), ..., so that a rank at an end
//! may have no partner (MPI_PROC_NULL, `None`). After as many phases as there are
//! ranks, the numbers are sorted across the ranks.
//!
//! Mirrors seed 002, "Typical point-to-point communication patterns" (pairwise
//! exchange) and "Combined send and receive" (`Sendrecv`, `MPI.PROC_NULL`).
//! Check it with `cargo run -p runner -- check ex59`.

use hpckit::mpi_ext::proc_null::send_recv_optional;
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
fn partner(rank: Rank, size: Rank, phase: Rank) -> Option<Rank> {
    let partner = if (rank + phase) % 2 == 0 {
        rank + 1
    } else {
        rank - 1
    };
    (0..size).contains(&partner).then_some(partner)
}

/// Sends `value` to `partner` and returns the partner's value, in one MPI_Sendrecv;
/// `None`, and no communication, without a partner.
fn exchange(world: &SimpleCommunicator, value: i32, partner: Option<Rank>) -> Option<i32> {
    let mut theirs: i32 = 0;
    // The partner is both destination and source. A missing partner becomes
    // MPI_PROC_NULL: the call returns at once, and `None` says nothing arrived.
    send_recv_optional(world, &value, partner, &mut theirs, partner, 0).map(|_status| theirs)
}
