//! ex68 (persistent-ring): persistent requests. The ranks form a ring; each starts with
//! its own array `arange(3.) + 10 * rank` and, round after round, passes on to the next
//! rank what it received from the previous one, until every array has visited every rank.
//! The send and the receive are described once (Send_init, Recv_init) and then only
//! started and waited for in each round (Start, Wait). Each rank adds up what passes
//! through it: the sum over the whole ring. Mirrors seed 003's "nonblocking and
//! persistent communications" (`Send_init`, `Recv_init`, `Start`). rsmpi has no
//! persistent requests: they come from `hpckit::mpi_ext::persistent`.
//! Fill in `describe_ring`, `one_round` and `pass_on` below.
//! Check it with `cargo run -p runner -- check ex68`.

use hpckit::mpi_ext::persistent::{PersistentRecv, PersistentSend};
use hpckit::NpDisplay;
use mpi::request::Scope;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;

/// Length of each rank's array.
const N: usize = 3;
/// The tag of every message of the ring.
#[allow(dead_code)] // until `describe_ring` uses it
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
    _world: &'a SimpleCommunicator,
    _scope: S,
    _outgoing: &'a mut [f64],
    _incoming: &'a mut [f64],
) -> (PersistentSend<'a, [f64], S>, PersistentRecv<'a, [f64], S>) {
    // TODO: the next rank is (rank + 1) % size, the previous one (rank + size - 1) %
    // size. `PersistentSend::new(scope, &process, buffer, tag)` describes a send
    // (MPI_Send_init), `PersistentRecv::new(scope, &process, buffer, tag)` a receive
    // (MPI_Recv_init). Each keeps its buffer borrowed for as long as it lives.
    // (Remove the leading `_` of the parameters you use.)
    todo!("describe the send to the next rank and the receive from the previous one")
}

/// One round of the ring: starts the receive and the send, and waits for both.
fn one_round<'a, S: Scope<'a>>(
    _send: &mut PersistentSend<'a, [f64], S>,
    _recv: &mut PersistentRecv<'a, [f64], S>,
) {
    // TODO: `start()` (MPI_Start) returns an active operation, and its `wait()`
    // (MPI_Wait) completes it. Start both before waiting for either.
    todo!("start the receive and the send, then wait for both")
}

/// Between two rounds: what came in is what goes out in the next round.
fn pass_on<'a, S: Scope<'a>>(_send: &mut PersistentSend<'a, [f64], S>, _recv: &PersistentRecv<'a, [f64], S>) {
    // TODO: the requests give access to their buffers between operations:
    // `recv.buffer()` to read, `send.buffer_mut()` to write (`copy_from_slice`).
    todo!("copy the received array into the send buffer")
}
