//! ex50 (message-exchange): two ranks exchange messages, first objects, then large
//! arrays.
//!
//! The ranks work in pairs, 0 with 1, 2 with 3, and so on (a rank without a partner
//! sits out). Partners first swap a greeting, a small struct serialized with serde and
//! postcard, then arrays of 100 000 `f64` filled with their rank. In each pair the
//! lower rank sends first and then receives, the higher rank receives first and then
//! sends, so that every send meets a receive that is already waiting for it.
//!
//! Fill in the two functions below `main`.
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
fn exchange_objects(_world: &SimpleCommunicator, _partner: Rank, _mine: &Greeting) -> Greeting {
    // TODO:
    // 1. serialize `mine` with `postcard::to_allocvec(mine)` (a `Result`: `expect` it);
    // 2. with `other = world.process_at_rank(partner)`: if this rank is the lower one
    //    (`world.rank() < partner`), `other.send(&bytes[..])` and then receive the
    //    partner's bytes with `other.receive_vec::<u8>()`; otherwise, receive first
    //    and send second. If both ranks received first, both would wait forever;
    // 3. deserialize the received bytes with `postcard::from_bytes(&bytes)`.
    // (Remove the leading `_` of the parameters you use.)
    todo!("send your greeting to `partner` and receive theirs, in the right order")
}

/// Sends `data` to `partner` and receives the partner's array into `buffer`, in the
/// same order as `exchange_objects`.
fn exchange_arrays(_world: &SimpleCommunicator, _partner: Rank, _data: &[f64], _buffer: &mut [f64]) {
    // TODO: the same dance with buffers: `other.send(data)` and
    // `other.receive_into(buffer)`, the lower rank sending first.
    todo!("send `data` to `partner` and receive theirs into `buffer`, in the right order")
}
