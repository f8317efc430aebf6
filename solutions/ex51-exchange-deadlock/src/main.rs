//! ex51 (exchange-deadlock), reference solution: the exchange of ex50 written the
//! naive way deadlocks; three ways to write it that cannot.
//!
//! Partners (0 and 1, 2 and 3, ...) swap arrays of 100 000 `f64` filled with their
//! rank, three times, each time written differently:
//!
//! - `ordered`: the lower rank sends then receives, the higher receives then sends;
//! - `sendrecv`: one combined call, `send_receive_into` (MPI_Sendrecv), on both ranks;
//! - `non-blocking`: start the send with `immediate_send` (MPI_Isend), receive, then
//!   wait for the send to complete.
//!
//! The naive version, in which both ranks call a blocking send first, is in `naive`:
//! run it with `DEMO=deadlock` in the environment (it hangs until the runner stops it)
//! or `DEMO=eager` (the same code with 100 elements, which happens to work).
//!
//! Mirrors seed 002, "Blocking routines & deadlocks" and "Typical point-to-point
//! communication patterns" ("incorrect ordering of sends and receives may result in a
//! deadlock"), and its "Combined send and receive" (`sendrecv.py`), as in the course's
//! message-exchange exercise.
//! Check it with `cargo run -p runner -- check ex51`.

use hpckit::{py_float, NpDisplay};
use mpi::point_to_point as p2p;
use mpi::request;
use mpi::topology::{Rank, SimpleCommunicator};
use mpi::traits::*;

/// How many elements the arrays have: far above any MPI's eager limit.
const N: usize = 100_000;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    let partner = rank ^ 1;
    if partner >= world.size() {
        println!("Rank {rank} has no partner and sits this one out");
        return;
    }

    match std::env::var("DEMO").as_deref() {
        Ok("deadlock") => return naive(&world, partner, N),
        Ok("eager") => return naive(&world, partner, 100),
        _ => {}
    }

    let data = vec![f64::from(rank); N];
    let ways: [(&str, Exchange); 3] = [
        ("ordered", exchange_ordered),
        ("sendrecv", exchange_sendrecv),
        ("non-blocking", exchange_nonblocking),
    ];
    for (name, exchange) in ways {
        let mut buffer = vec![-1.0; N];
        exchange(&world, partner, &data, &mut buffer);
        println!(
            "{name}: rank {rank} received {} elements from rank {partner}, the first is {}: {}",
            buffer.len(),
            py_float(buffer[0]),
            buffer.np()
        );
    }
}

/// One way to swap arrays with a partner: send `data`, receive into `buffer`.
type Exchange = fn(&SimpleCommunicator, Rank, &[f64], &mut [f64]);

/// Both ranks send first, then receive: a deadlock as soon as the messages are too big
/// for MPI to buffer them.
fn naive(world: &SimpleCommunicator, partner: Rank, n: usize) {
    let rank = world.rank();
    let other = world.process_at_rank(partner);
    let data = vec![f64::from(rank); n];
    let mut buffer = vec![-1.0; n];
    println!("naive: rank {rank} sends {n} elements to rank {partner}...");
    other.send(&data[..]);
    println!("naive: rank {rank} sent, now receives...");
    other.receive_into(&mut buffer[..]);
    println!(
        "naive: rank {rank} received, the first is {}",
        py_float(buffer[0])
    );
}

/// The lower rank of the pair sends, then receives; the higher rank receives, then
/// sends. Each send meets a receive that is already posted.
fn exchange_ordered(world: &SimpleCommunicator, partner: Rank, data: &[f64], buffer: &mut [f64]) {
    let other = world.process_at_rank(partner);
    if world.rank() < partner {
        other.send(data);
        other.receive_into(buffer);
    } else {
        other.receive_into(buffer);
        other.send(data);
    }
}

/// Both ranks make the same combined call: MPI does the send and the receive
/// together, in whatever order does not deadlock.
fn exchange_sendrecv(world: &SimpleCommunicator, partner: Rank, data: &[f64], buffer: &mut [f64]) {
    let other = world.process_at_rank(partner);
    p2p::send_receive_into(data, &other, buffer, &other);
}

/// Both ranks start their send without waiting for it, receive, and only then wait
/// for the send to finish.
fn exchange_nonblocking(world: &SimpleCommunicator, partner: Rank, data: &[f64], buffer: &mut [f64]) {
    let other = world.process_at_rank(partner);
    // A scope bounds how long MPI may use `data`: the request must be completed
    // before the scope ends, and `data` stays borrowed until then.
    request::scope(|scope| {
        let send = other.immediate_send(scope, data);
        other.receive_into(buffer);
        send.wait();
    });
}
