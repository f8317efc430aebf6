//! ex80 (alltoallv): a parallel bucket sort. Rank r owns the value range [8r, 8r + 8).
//! Every rank starts with eight values that belong anywhere and sorts them into one
//! bucket per owner. Tell every rank how many values it will get (Alltoall of the
//! counts), then send the buckets (Alltoallv). Fill in `exchange_counts` and
//! `exchange_values`. Check it with `cargo run -p runner -- check ex80`.

use hpckit::NpDisplay;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use mpi::Count;

/// How many values every rank starts with, and the width of every rank's value range.
const N: i32 = 8;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let size = world.size();

    // Triangular numbers g(g+1)/2 modulo 8 * size, for the global indices g of this
    // rank: scattered over the whole range, with a different mix on every rank.
    let range = N * size;
    let data: Vec<i32> = (N * rank..N * (rank + 1))
        .map(|g| (g * (g + 1) / 2) % range)
        .collect();
    println!("Process {rank} has data: {}", data.np());

    // Value v belongs to rank v / N. Sorting by owner (a stable sort) lines the buckets
    // up in rank order, which is the order Alltoallv reads them in.
    let owner = |v: &i32| v / N;
    let mut sendbuf = data.clone();
    sendbuf.sort_by_key(owner);
    let mut sendcounts = vec![0; size as usize];
    for v in &sendbuf {
        sendcounts[owner(v) as usize] += 1;
    }
    let senddispls = displacements(&sendcounts);
    println!(
        "Process {rank} sends counts {} at displacements {}",
        sendcounts.np(),
        senddispls.np()
    );

    let recvcounts = exchange_counts(&world, &sendcounts);
    let recvdispls = displacements(&recvcounts);
    println!(
        "Process {rank} receives counts {} at displacements {}",
        recvcounts.np(),
        recvdispls.np()
    );

    let send = (&sendbuf[..], &sendcounts[..], &senddispls[..]);
    let mut mine = exchange_values(&world, send, &recvcounts, &recvdispls);
    println!("Process {rank} received: {}", mine.np());
    mine.sort();
    println!("Process {rank} owns, sorted: {}", mine.np());
}

/// Alltoall of one count per pair of ranks: `sendcounts[j]` goes to rank j, and the
/// result's entry i is what rank i will send to this rank.
fn exchange_counts(_world: &SimpleCommunicator, _sendcounts: &[Count]) -> Vec<Count> {
    // TODO: one count to and from every rank is an Alltoall of one element per rank:
    // `world.all_to_all_into(sendcounts, &mut recvcounts[..])`.
    // (Remove the leading `_` of the parameters you use.)
    todo!("exchange the counts: entry i of the result comes from rank i")
}

/// Alltoallv. `send` is this rank's buffer, counts and displacements: the bucket for
/// rank j is `counts[j]` values at `displs[j]`. From rank i arrive `recvcounts[i]`
/// values, stored at `recvdispls[i]`. Returns what arrived, in rank order.
fn exchange_values(
    _world: &SimpleCommunicator,
    _send: (&[i32], &[Count], &[Count]),
    _recvcounts: &[Count],
    _recvdispls: &[Count],
) -> Vec<i32> {
    // TODO: allocate a receive buffer for the sum of `recvcounts`. Wrap the send side as
    //     mpi::datatype::Partition::new(sendbuf, sendcounts, senddispls)
    // and the receive side as
    //     mpi::datatype::PartitionMut::new(&mut recvbuf[..], recvcounts, recvdispls)
    // then call `world.all_to_all_varcount_into(&send, &mut recv)`.
    // (Remove the leading `_` of the parameters you use.)
    todo!("send bucket j to rank j and receive every rank's bucket for this one")
}

/// Where each block starts when blocks of these lengths lie end to end.
fn displacements(counts: &[Count]) -> Vec<Count> {
    counts
        .iter()
        .scan(0, |start, &count| {
            let displ = *start;
            *start += count;
            Some(displ)
        })
        .collect()
}
