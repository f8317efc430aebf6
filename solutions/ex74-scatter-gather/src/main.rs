//! ex74 (scatter-gather), reference solution: every rank has eight integers of its own
//! (rank 0 has 0..8, rank 1 has 8..16, ...) and a receive buffer of eight -1s. A Scatter
//! from rank 0 deals out rank 0's eight values in equal pieces, one piece per rank; a
//! Gather collects the first piece of every rank's data into rank 1's buffer.
//! Mirrors seed 002, Collective communication: `scatter.py` and `gather.py` (Scatter
//! and Gather of NumPy arrays with a prepared receive buffer), in the form of the
//! course's exercise on four ranks: scatter two of eight elements to each rank, gather
//! into rank 1. Check it with `cargo run -p runner -- check ex74`.

use hpckit::NpDisplay;
use mpi::topology::Process;
use mpi::traits::*;

/// How many values every rank holds, and how long every receive buffer is.
const N: i32 = 8;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let size = world.size();
    // Scatter and Gather move pieces of one common size: N must split evenly.
    if N % size != 0 {
        if rank == 0 {
            println!("This exercise needs a number of ranks that divides {N} (1, 2, 4 or 8).");
        }
        return;
    }
    let piece = (N / size) as usize;

    let data: Vec<i32> = (0..N).map(|i| N * rank + i).collect();
    println!("Process {rank} has data: {}", data.np());
    let mut recvbuf = vec![-1; N as usize];

    // Each rank receives its piece of rank 0's data into the start of its buffer.
    scatter(world.process_at_rank(0), &data, &mut recvbuf[..piece]);
    println!("After Scatter, process {rank} has: {}", recvbuf.np());

    // Every rank sends the first `piece` values of its data; rank 1 receives them all,
    // in rank order. The other ranks' buffers are not touched.
    recvbuf.fill(-1);
    gather(world.process_at_rank(1), &data[..piece], &mut recvbuf);
    println!("After Gather, process {rank} has: {}", recvbuf.np());
}

/// Scatter from `root`: the root's `sendbuf` is cut into as many equal pieces as there
/// are ranks, and rank i receives piece i into `recvbuf`. Only the root's `sendbuf` is
/// read.
fn scatter(root: Process, sendbuf: &[i32], recvbuf: &mut [i32]) {
    if root.is_self() {
        // rsmpi sends `sendbuf.len() / size` elements to each rank.
        root.scatter_into_root(sendbuf, recvbuf);
    } else {
        root.scatter_into(recvbuf);
    }
}

/// Gather to `root`: every rank sends `sendbuf`, all of the same length, and the root
/// receives them one after the other, in rank order, into `recvbuf`. Only the root's
/// `recvbuf` is written.
fn gather(root: Process, sendbuf: &[i32], recvbuf: &mut [i32]) {
    if root.is_self() {
        // rsmpi expects `recvbuf.len() / size` elements from each rank.
        root.gather_into_root(sendbuf, recvbuf);
    } else {
        root.gather_into(sendbuf);
    }
}
