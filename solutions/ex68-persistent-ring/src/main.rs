//! ex68 (persistent-ring), reference solution: persistent requests. The ranks form a
//! ring; each starts with its own array `arange(3.) + 10 * rank` and, round after round,
//! passes on to the next rank what it received from the previous one, until every array
//! has visited every rank. The send and the receive are described once (Send_init,
//! Recv_init) and then only started and waited for in each round (Start, Wait). Each
//! rank adds up what passes through it: the sum over the whole ring. Mirrors seed 003's
//! "nonblocking and persistent communications" (`Send_init`, `Recv_init`, `Start`).
//! rsmpi has no persistent requests: they come from `hpckit::mpi_ext::persistent`.
//! Check it with `cargo run -p runner -- check ex68`.

use hpckit::mpi_ext::persistent::{PersistentRecv, PersistentSend};
use hpckit::NpDisplay;
use mpi::request::Scope;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;

/// Length of each rank's array.
const N: usize = 3;
/// The tag of every message of the ring.
const TAG: i32 = 0;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let size = world.size();

    let mine: Vec<f64> = (0..N).map(|i| i as f64 + 10.0 * f64::from(rank)).collect();
    println!("Process {rank} starts with {}", mine.np());

    let mut total = mine.clone();
    let mut outgoing = mine;
    let mut incoming = vec![0.0; N];
    mpi::request::scope(|scope| {
        // From here on, the two buffers belong to the requests.
        let (mut send, mut recv) = describe_ring(&world, scope, &mut outgoing, &mut incoming);
        for round in 1..size {
            one_round(&mut send, &mut recv);
            let received = recv.buffer();
            println!("Process {rank}, round {round}: received {}", received.np());
            for (t, x) in total.iter_mut().zip(received) {
                *t += x;
            }
            pass_on(&mut send, &recv);
        }
        // `send` and `recv` are dropped here: MPI_Request_free.
    });
    println!("Process {rank}: the sum over the ring is {}", total.np());
}

/// The two persistent requests of the ring: a send of `outgoing` to the next rank and a
/// receive into `incoming` from the previous one, both with tag `TAG`. (`world` is
/// borrowed for `'a` too: the requests use it for as long as they use the buffers.)
fn describe_ring<'a, S: Scope<'a> + Copy>(
    world: &'a SimpleCommunicator,
    scope: S,
    outgoing: &'a mut [f64],
    incoming: &'a mut [f64],
) -> (PersistentSend<'a, [f64], S>, PersistentRecv<'a, [f64], S>) {
    let (rank, size) = (world.rank(), world.size());
    let next = world.process_at_rank((rank + 1) % size);
    let prev = world.process_at_rank((rank + size - 1) % size);
    (
        PersistentSend::new(scope, &next, outgoing, TAG),
        PersistentRecv::new(scope, &prev, incoming, TAG),
    )
}

/// One round of the ring: starts the receive and the send, and waits for both.
fn one_round<'a, S: Scope<'a>>(
    send: &mut PersistentSend<'a, [f64], S>,
    recv: &mut PersistentRecv<'a, [f64], S>,
) {
    // Start the receive first: the message then has a place to land as soon as it
    // comes. Both operations are active together, as with Irecv and Isend: a blocking
    // send here could wait for a receive that is never posted.
    let receiving = recv.start();
    let sending = send.start();
    // While they are active, `recv` and `send` are borrowed by `receiving` and
    // `sending`: `recv.buffer()` here would not compile.
    receiving.wait();
    sending.wait();
}

/// Between two rounds: what came in is what goes out in the next round.
fn pass_on<'a, S: Scope<'a>>(send: &mut PersistentSend<'a, [f64], S>, recv: &PersistentRecv<'a, [f64], S>) {
    send.buffer_mut().copy_from_slice(recv.buffer());
}
