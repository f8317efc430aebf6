//! ex67 (any-source-chain), reference solution: a message chain with non-blocking calls.
//! Every rank but the last sends an array of 100000 integers, all equal to its rank, to
//! the next rank, tagged with the receiver's rank; every rank but the first receives one
//! such array from *any* source and learns from the status who sent it. Mirrors the
//! message-chain exercise of the course behind seed 002 (its non-blocking version,
//! "Status with ANY_SOURCE") and the Python course's Isend/Irecv/wait.
//! Check it with `cargo run -p runner -- check ex67`.

use mpi::point_to_point::Status;
use mpi::request::{Request, Scope};
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use mpi::Rank;

/// Elements per message: large enough that MPI cannot just copy it aside.
const N: usize = 100_000;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let size = world.size();

    let data = vec![i64::from(rank); N];
    let mut buffer = vec![0_i64; N];
    let status = mpi::request::scope(|scope| {
        // Post the receive first, so that the message has somewhere to go when it comes.
        let receive = (rank > 0).then(|| irecv_from_anyone(&world, scope, &mut buffer, rank));
        if rank < size - 1 {
            let dest = rank + 1;
            isend_to(&world, scope, &data, dest).wait();
            println!("Rank {rank}: sent {} elements using tag '{dest}'.", data.len());
        }
        receive.map(|request| request.wait())
    });
    // After the scope, `buffer` can be read again; the status says who filled it.
    if let Some(status) = status {
        println!("Rank {rank}: received a message from rank {}.", sender(&status));
        println!("Rank {rank}: received an array filled with {}s.", buffer[0]);
    }
}

/// Starts a receive into `buffer` of a message with tag `tag` from any rank of `world`.
fn irecv_from_anyone<'a, S: Scope<'a>>(
    world: &SimpleCommunicator,
    scope: S,
    buffer: &'a mut [i64],
    tag: i32,
) -> Request<'a, [i64], S> {
    // `any_process()` is MPI_ANY_SOURCE: the first matching message, whoever sent it.
    world
        .any_process()
        .immediate_receive_into_with_tag(scope, buffer, tag)
}

/// Starts a send of `data` to rank `dest` of `world`, tagged `dest`.
fn isend_to<'a, S: Scope<'a>>(
    world: &SimpleCommunicator,
    scope: S,
    data: &'a [i64],
    dest: Rank,
) -> Request<'a, [i64], S> {
    world
        .process_at_rank(dest)
        .immediate_send_with_tag(scope, data, dest)
}

/// The rank that sent the message a receive's status describes.
fn sender(status: &Status) -> Rank {
    status.source_rank()
}
