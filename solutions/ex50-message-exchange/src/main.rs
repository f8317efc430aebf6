//! ex50 (message-exchange), reference solution: two ranks exchange messages, first
//! objects, then large arrays.
//!
//! The ranks work in pairs, 0 with 1, 2 with 3, and so on (a rank without a partner
//! sits out). Partners first swap a greeting, a small struct serialized with serde and
//! postcard, then arrays of 100 000 `f64` filled with their rank. In each pair the
//! lower rank sends first and then receives, the higher rank receives first and then
//! sends, so that every send meets a receive that is already waiting for it.
//!
//! Mirrors seed 002, "Sending and receiving data" (`send.py`: a dictionary from rank 0
//! to rank 1), "Send/receive a NumPy array" (`send-array.py`) and "Typical
//! point-to-point communication patterns" (pairwise exchange), as in the course's
//! message-exchange exercise.
//! Check it with `cargo run -p runner -- check ex50`.

use hpckit::{py_float, NpDisplay};
use mpi::topology::{Rank, SimpleCommunicator};
use mpi::traits::*;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How many elements the arrays have: large enough that MPI cannot just copy the
/// message aside and return (see the next exercise).
const N: usize = 100_000;

/// A small object with a string inside: it cannot be an MPI buffer as it is (the text
/// lives elsewhere on the heap), so it travels serialized, like a pickled dictionary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Greeting {
    rank: Rank,
    text: String,
}

/// Prints a greeting as Python prints a dictionary.
impl fmt::Display for Greeting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{'rank': {}, 'text': '{}'}}", self.rank, self.text)
    }
}

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    // Partners differ in the lowest bit of their rank: 0 and 1, 2 and 3, ...
    let partner = rank ^ 1;
    if partner >= world.size() {
        println!("Rank {rank} has no partner and sits this one out");
        return;
    }

    let greeting = Greeting {
        rank,
        text: format!("hello from rank {rank}"),
    };
    let received = exchange_objects(&world, partner, &greeting);
    println!("Rank {rank} received {received}");

    let data = vec![f64::from(rank); N];
    let mut buffer = vec![0.0; N];
    exchange_arrays(&world, partner, &data, &mut buffer);
    println!(
        "Rank {rank} received {} elements, the first is {}: {}",
        buffer.len(),
        py_float(buffer[0]),
        buffer.np()
    );
}

/// Sends `mine` to `partner` and returns the greeting that `partner` sent back. The
/// lower rank of the pair sends first, the higher one receives first.
fn exchange_objects(world: &SimpleCommunicator, partner: Rank, mine: &Greeting) -> Greeting {
    let other = world.process_at_rank(partner);
    let bytes = postcard::to_allocvec(mine).expect("a Greeting always serializes");
    let received = if world.rank() < partner {
        other.send(&bytes[..]);
        other.receive_vec::<u8>().0
    } else {
        let received = other.receive_vec::<u8>().0;
        other.send(&bytes[..]);
        received
    };
    postcard::from_bytes(&received).expect("the partner sent a serialized Greeting")
}

/// Sends `data` to `partner` and receives the partner's array into `buffer`, in the
/// same order as `exchange_objects`.
fn exchange_arrays(world: &SimpleCommunicator, partner: Rank, data: &[f64], buffer: &mut [f64]) {
    let other = world.process_at_rank(partner);
    if world.rank() < partner {
        other.send(data);
        other.receive_into(buffer);
    } else {
        other.receive_into(buffer);
        other.send(data);
    }
}
