//! ex61 (parallel-sum): the parallel-sum case study, with sends and receives only.
//!
//! Rank 0 (P0) holds the array `1., 2., ..., 100.`. It sends each other rank its part
//! (the scatter), every rank sums its own part (the compute), and the other ranks send
//! their partial sums back to P0, which adds them up (the reduction). With two ranks
//! this is the Python course's timeline: P1 posts a receive, P0 sends half the array, both
//! sum, P0 posts a receive, P1 sends its partial sum, P0 adds the two.
//!
//! Every rank knows the array's length and how it is split over the ranks
//! (`hpckit::split::Split`, the first `100 % size` ranks get one element more), so a
//! receiver can allocate its buffer without being told.
//!
//! Fill in the four functions below `main`.
//! Check it with `cargo run -p runner -- check ex61`.

use hpckit::py_float;
use hpckit::split::Split;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;

/// How many numbers P0 holds.
const N: usize = 100;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let size = world.size();
    let split = Split::new(N, size as usize);

    if rank == 0 {
        let data: Vec<f64> = (1..=N).map(|i| i as f64).collect();
        // Scatter: a part for each other rank.
        send_parts(&world, &data, &split);
        for dest in 1..size as usize {
            let range = split.range(dest);
            println!("P0 sent data[{}:{}] to P{dest}", range.start, range.end);
        }
        // Compute: P0's own part.
        let mine = &data[split.range(0)];
        let mut total: f64 = mine.iter().sum();
        println!("P0 summed its own {} elements: {}", mine.len(), py_float(total));
        // Reduce: the partial sums, in rank order.
        for (source, partial) in (1..).zip(receive_partials(&world)) {
            println!("P0 received the partial sum {} from P{source}", py_float(partial));
            total += partial;
        }
        println!("P0: the sum is {}", py_float(total));
    } else {
        let part = receive_part(&world, split.range(rank as usize).len());
        println!(
            "P{rank} received {} elements, {} to {}",
            part.len(),
            py_float(part[0]),
            py_float(part[part.len() - 1])
        );
        let partial: f64 = part.iter().sum();
        println!("P{rank} summed them: {}", py_float(partial));
        send_partial(&world, partial);
        println!("P{rank} sent its partial sum to P0");
    }
}

/// On P0: sends every other rank `r` its part of `data`, the elements
/// `split.range(r)`.
fn send_parts(_world: &SimpleCommunicator, _data: &[f64], _split: &Split) {
    // TODO: for each `dest` in `1..world.size()`, send the sub-slice
    // `&data[split.range(dest as usize)]` with `world.process_at_rank(dest).send(...)`.
    // (Remove the leading `_` of the parameters you use.)
    todo!("send each other rank its part of `data`")
}

/// Off P0: receives this rank's part, `len` elements, from P0.
fn receive_part(_world: &SimpleCommunicator, _len: usize) -> Vec<f64> {
    // TODO: allocate `vec![0.0; len]`, receive into it from rank 0 with
    // `receive_into`, and return it.
    todo!("receive this rank's part from P0")
}

/// Off P0: sends this rank's partial sum to P0.
fn send_partial(_world: &SimpleCommunicator, _partial: f64) {
    // TODO: a single `f64` is a buffer too: `send(&partial)` to rank 0.
    todo!("send the partial sum to P0")
}

/// On P0: receives the partial sums of ranks 1, 2, ..., in that order.
fn receive_partials(_world: &SimpleCommunicator) -> Vec<f64> {
    // TODO: for each `source` in `1..world.size()`, in order,
    // `world.process_at_rank(source).receive::<f64>()` returns `(value, status)`;
    // collect the values into a `Vec`.
    todo!("receive the partial sums from ranks 1, 2, ...")
}
