//! ex47 (ordered-output): three ways for the ranks to print.
//!
//! 1. Each rank prints when it gets there: the lines reach the terminal in any order.
//! 2. The ranks take turns: rank r waits for a message (the list of ranks that have
//!    printed so far) from rank r - 1, prints, and passes the list on to rank r + 1.
//! 3. Only rank 0 prints: every other rank sends its line to rank 0, which receives
//!    them in rank order.
//!
//! Fill in the four functions below `main`.
//! Check it with `cargo run -p runner -- check ex47`.

use mpi::topology::{Rank, SimpleCommunicator};
use mpi::traits::*;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let size = world.size();

    // 1. Any order: the processes run independently, and the launcher forwards each
    //    one's output as it comes.
    println!("Rank {rank}: hello, in no particular order");

    // 2. In turn: nobody prints before the previous rank has printed and said so.
    let mut done = wait_for_turn(&world);
    println!("Rank {rank}: my turn, after ranks {done:?}");
    done.push(rank);
    pass_turn(&world, &done);

    // 3. Through rank 0: rank 0 prints everybody's line, in rank order.
    let line = format!("Rank {rank}: hello, printed by rank 0");
    if rank == 0 {
        println!("{line}");
        for source in 1..size {
            println!("{}", receive_line(&world, source));
        }
    } else {
        send_line(&world, &line);
    }
}

/// Waits until the previous rank has printed. Returns the ranks that have printed so
/// far, in order, as the previous rank sent them; rank 0 goes first and waits for
/// nobody.
fn wait_for_turn(_world: &SimpleCommunicator) -> Vec<Rank> {
    // TODO: rank 0 returns an empty `Vec`. Every other rank receives the list from rank
    // `rank - 1`: the list is one longer at each rank, so let rsmpi find its length with
    // `world.process_at_rank(rank - 1).receive_vec::<Rank>()`, which returns the `Vec`
    // and a status. (Remove the leading `_` of the parameters you use.)
    todo!("return the list of ranks that printed before this one")
}

/// Hands the turn to the next rank, with the list of ranks that have printed so far;
/// the last rank has nobody to hand it to.
fn pass_turn(_world: &SimpleCommunicator, _done: &[Rank]) {
    // TODO: unless this is the last rank, send `done` (a slice is a buffer) to rank
    // `rank + 1` with `process_at_rank(..).send(done)`.
    todo!("send the list to the next rank, if there is one")
}

/// Sends one line of text to rank 0: its UTF-8 bytes, as a buffer of `u8`.
fn send_line(_world: &SimpleCommunicator, _line: &str) {
    // TODO: a `&str` is UTF-8 bytes, and `line.as_bytes()` is a `&[u8]` that rsmpi can
    // send as it is.
    todo!("send the bytes of `line` to rank 0")
}

/// Receives, on rank 0, the line of text that rank `source` sent.
fn receive_line(_world: &SimpleCommunicator, _source: Rank) -> String {
    // TODO: receive the bytes with `receive_vec::<u8>()` from rank `source`, then turn
    // them back into text with `String::from_utf8(bytes)`, which checks that they are
    // valid UTF-8 (`expect` what you know to be true).
    todo!("receive a line of text from rank `source`")
}
