//! ex58 (message-chain): a chain of messages, written three ways.
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
//! Fill in the three `chain_*` functions at the end of the file.
//! Check it with `cargo run -p runner -- check ex58`.

use hpckit::py_float;
use mpi::point_to_point::Status;
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
    _world: &SimpleCommunicator,
    _data: &[f64],
    _next: Option<Rank>,
    _buffer: &mut [f64],
    _previous: Option<Rank>,
) -> Option<Status> {
    // TODO: `if let Some(next) = next { ... }` sends `data` with
    // `world.process_at_rank(next).send_with_tag(data, TAG)`. Then, if there is a
    // previous rank, receive into `buffer` with `receive_into_with_tag(buffer, TAG)`
    // and return `Some(status)`; else return `None` (`previous.map(|previous| ...)`
    // does both). (Remove the leading `_` of the parameters you use.)
    todo!("send to the next rank, then receive from the previous one")
}

/// One MPI_Sendrecv where a rank has both neighbours; at the ends, the one half that
/// exists.
fn chain_sendrecv(
    _world: &SimpleCommunicator,
    _data: &[f64],
    _next: Option<Rank>,
    _buffer: &mut [f64],
    _previous: Option<Rank>,
) -> Option<Status> {
    // TODO: `match (next, previous)`, four arms:
    // - `(Some(next), Some(previous))`: one combined call,
    //   `mpi::point_to_point::send_receive_into_with_tags(data, &next_process, TAG,
    //   buffer, &previous_process, TAG)`, with the two processes from
    //   `world.process_at_rank`; return `Some` of its status;
    // - `(Some(next), None)`: the first rank only sends;
    // - `(None, Some(previous))`: the last rank only receives;
    // - `(None, None)`: a chain of one rank does nothing.
    todo!("match on the two neighbours and make the call that fits")
}

/// The same MPI_Sendrecv on every rank, with MPI_PROC_NULL for a missing neighbour.
fn chain_proc_null(
    _world: &SimpleCommunicator,
    _data: &[f64],
    _next: Option<Rank>,
    _buffer: &mut [f64],
    _previous: Option<Rank>,
) -> Option<Status> {
    // TODO: `hpckit::mpi_ext::proc_null::send_recv_optional(world, data, next, buffer,
    // previous, TAG)` takes the neighbours as `Option`s and returns what you need.
    todo!("one call with optional neighbours")
}
