//! ex47 (ordered-output), reference solution: three ways for the ranks to print.
//!
//! 1. Each rank prints when it gets there: the lines reach the terminal in any order.
//! 2. The ranks take turns: rank r waits for a message (the list of ranks that have
//!    printed so far) from rank r - 1, prints, and passes the list on to rank r + 1.
//! 3. Only rank 0 prints: every other rank sends its line to rank 0, which receives
//!    them in rank order. This is the only one of the three whose order on the screen
//!    is guaranteed.
//!
//! Mirrors seed 002, "Running an example program" (`mpirun -np 4 python3 hello.py`
//! prints the ranks' lines in the order 2, 0, 3, 1) and "Blocking routines &
//! deadlocks" (a receive waits for its send).
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
fn wait_for_turn(world: &SimpleCommunicator) -> Vec<Rank> {
    let rank = world.rank();
    if rank == 0 {
        Vec::new()
    } else {
        // The length of the list grows by one at each rank: `receive_vec` probes the
        // message for its length, allocates, and receives.
        let (done, _status) = world.process_at_rank(rank - 1).receive_vec::<Rank>();
        done
    }
}

/// Hands the turn to the next rank, with the list of ranks that have printed so far;
/// the last rank has nobody to hand it to.
fn pass_turn(world: &SimpleCommunicator, done: &[Rank]) {
    let next = world.rank() + 1;
    if next < world.size() {
        world.process_at_rank(next).send(done);
    }
}

/// Sends one line of text to rank 0: its UTF-8 bytes, as a buffer of `u8`.
fn send_line(world: &SimpleCommunicator, line: &str) {
    world.process_at_rank(0).send(line.as_bytes());
}

/// Receives, on rank 0, the line of text that rank `source` sent.
fn receive_line(world: &SimpleCommunicator, source: Rank) -> String {
    let (bytes, _status) = world.process_at_rank(source).receive_vec::<u8>();
    String::from_utf8(bytes).expect("the other ranks send UTF-8 text")
}
