//! ex60 (ring): messages around a ring of processes.
//!
//! Each rank's right neighbour is the next rank, and the last rank's is rank 0; its
//! left neighbour is the previous rank, and rank 0's is the last rank.
//!
//! 1. A token goes once around the ring: rank 0 sends 0 to the right; every other rank
//!    receives it from the left, adds its own rank and passes it on; rank 0 receives
//!    it at the end, holding 0 + 1 + ... + (size - 1). One message moves at a time.
//! 2. A sum around the ring: every rank starts with its own value, 10 × (rank + 1),
//!    and in each of size - 1 steps passes the value it holds to the right while it
//!    receives a new one from the left (one MPI_Sendrecv), adding it up. All messages
//!    of a step move at the same time, and at the end every rank has the total.
//!
//! Fill in the three functions below `main`.
//! Check it with `cargo run -p runner -- check ex60`.

use mpi::topology::{Rank, SimpleCommunicator};
use mpi::traits::*;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let size = world.size();
    let right = (rank + 1) % size;
    let left = (rank + size - 1) % size;

    // 1. The token. Rank 0 sends first and receives last; every other rank receives
    //    first and sends afterwards, so that each send finds its receive posted.
    if rank == 0 {
        send_token(&world, right, 0);
        let token = receive_token(&world, left);
        println!("Rank 0 got the token back from rank {left}: {token}");
    } else {
        let token = receive_token(&world, left);
        println!("Rank {rank} got the token {token} from rank {left}, adds {rank}");
        send_token(&world, right, token + rank);
    }

    // 2. The sum around the ring.
    let mine = 10 * (rank + 1);
    let mut held = mine;
    let mut sum = mine;
    for step in 1..size {
        held = shift_right(&world, held, left, right);
        sum += held;
        let origin = (rank + size - step) % size;
        println!("step {step}: rank {rank} got the value of rank {origin}, {held}; sum {sum}");
    }
    println!("Rank {rank}: sum around the ring = {sum}");
}

/// Sends `token` to rank `right`.
fn send_token(_world: &SimpleCommunicator, _right: Rank, _token: i32) {
    // TODO: a single value is a buffer: `world.process_at_rank(right).send(&token)`.
    // (Remove the leading `_` of the parameters you use.)
    todo!("send the token to the right")
}

/// Receives a token from rank `left`.
fn receive_token(_world: &SimpleCommunicator, _left: Rank) -> i32 {
    // TODO: `world.process_at_rank(left).receive::<i32>()` returns the value and a
    // status.
    todo!("receive the token from the left")
}

/// Passes `held` to rank `right` and returns the value that rank `left` passed, in
/// one MPI_Sendrecv: every rank calls it at the same time, and none waits for another
/// to finish first.
fn shift_right(_world: &SimpleCommunicator, _held: i32, _left: Rank, _right: Rank) -> i32 {
    // TODO: `mpi::point_to_point::send_receive(&held, &destination, &source)` sends a
    // value to the destination process and returns `(value, status)` received from the
    // source process: here the right and the left neighbour.
    todo!("send `held` to the right and receive a value from the left, in one call")
}
