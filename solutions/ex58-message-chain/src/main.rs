//! ex58 (message-chain), reference solution: a chain of messages, written three ways.
//!
//! Every rank sends an array of 10 values filled with its rank to the next rank, and
//! receives the previous rank's array: rank 0 only sends, the last rank only
//! receives. The neighbours are `Option<Rank>`s, `None` at the ends of the chain:
//!
//! 1. `send/recv`: a blocking send to the next rank, if any, then a blocking receive
//!    from the previous one, if any;
//! 2. `sendrecv`: one `send_receive_into_with_tags` (MPI_Sendrecv) where a rank has
//!    both neighbours, a plain send or receive at the ends: a `match` on the pair;
//! 3. `proc-null`: one call on every rank, `hpckit`'s `send_recv_optional`, which
//!    passes MPI_PROC_NULL for a missing neighbour.
//!
//! Mirrors seed 002, "Combined send and receive" (`comm.Sendrecv(data, dest=...,
//! recvbuf=buffer, source=...)`; "MPI.PROC_NULL can be used for no
//! destination/source") and "Typical point-to-point communication patterns" (a pipe),
//! as in the course's message-chain exercise.
//! Check it with `cargo run -p runner -- check ex58`.

use hpckit::mpi_ext::proc_null::send_recv_optional;
use hpckit::py_float;
use mpi::point_to_point::{self as p2p, Status};
use mpi::topology::{Rank, SimpleCommunicator};
use mpi::traits::*;
use mpi::Tag;

/// How many values each message carries.
const N: usize = 10;
/// The tag of every message of the chain.
const TAG: Tag = 7;

/// One way to run the chain: send `data` to `next`, receive into `buffer` from
/// `previous`; returns the receive's status, or `None` if there was nothing to receive.
type Chain = fn(&SimpleCommunicator, &[f64], Option<Rank>, &mut [f64], Option<Rank>) -> Option<Status>;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let size = world.size();

    // The neighbours in the chain; `then_some` gives `None` when the condition fails.
    let next = (rank + 1 < size).then_some(rank + 1);
    let previous = (rank > 0).then_some(rank - 1);
    let data = vec![f64::from(rank); N];

    let ways: [(&str, Chain); 3] = [
        ("send/recv", chain_send_recv),
        ("sendrecv", chain_sendrecv),
        ("proc-null", chain_proc_null),
    ];
    for (name, chain) in ways {
        // -1 marks what was not received.
        let mut buffer = vec![-1.0; N];
        let status = chain(&world, &data, next, &mut buffer, previous);
        let sent = match next {
            Some(next) => format!("sent {N} elements to rank {next} with tag {TAG}"),
            None => "sent nothing".to_string(),
        };
        let received = match status {
            Some(status) => format!(
                "received {} elements from rank {} with tag {}, the first is {}",
                status.count(f64::equivalent_datatype()),
                status.source_rank(),
                status.tag(),
                py_float(buffer[0])
            ),
            None => format!("received nothing, the first is still {}", py_float(buffer[0])),
        };
        println!("{name}: rank {rank} {sent}; {received}");
    }
}

/// Blocking send to `next`, then blocking receive from `previous`, skipping either at
/// the ends of the chain.
fn chain_send_recv(
    world: &SimpleCommunicator,
    data: &[f64],
    next: Option<Rank>,
    buffer: &mut [f64],
    previous: Option<Rank>,
) -> Option<Status> {
    // Every rank but the last waits in its send until the next rank receives, and the
    // next rank receives only once its own send is done: the messages complete one
    // after the other, from the end of the chain back to its start.
    if let Some(next) = next {
        world.process_at_rank(next).send_with_tag(data, TAG);
    }
    previous.map(|previous| world.process_at_rank(previous).receive_into_with_tag(buffer, TAG))
}

/// One MPI_Sendrecv where a rank has both neighbours; at the ends, the one half that
/// exists.
fn chain_sendrecv(
    world: &SimpleCommunicator,
    data: &[f64],
    next: Option<Rank>,
    buffer: &mut [f64],
    previous: Option<Rank>,
) -> Option<Status> {
    match (next, previous) {
        (Some(next), Some(previous)) => {
            let next = world.process_at_rank(next);
            let previous = world.process_at_rank(previous);
            Some(p2p::send_receive_into_with_tags(
                data, &next, TAG, buffer, &previous, TAG,
            ))
        }
        (Some(next), None) => {
            world.process_at_rank(next).send_with_tag(data, TAG);
            None
        }
        (None, Some(previous)) => Some(world.process_at_rank(previous).receive_into_with_tag(buffer, TAG)),
        (None, None) => None,
    }
}

/// The same MPI_Sendrecv on every rank, with MPI_PROC_NULL for a missing neighbour.
fn chain_proc_null(
    world: &SimpleCommunicator,
    data: &[f64],
    next: Option<Rank>,
    buffer: &mut [f64],
    previous: Option<Rank>,
) -> Option<Status> {
    send_recv_optional(world, data, next, buffer, previous, TAG)
}
