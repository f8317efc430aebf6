//! ex74 (scatter-gather): every rank has eight integers of its own (rank 0 has 0..8,
//! rank 1 has 8..16, ...) and a receive buffer of eight -1s. Scatter rank 0's eight
//! values in equal pieces, one piece per rank; then Gather the first piece of every
//! rank's data into rank 1's buffer. Fill in `scatter` and `gather`.
//! Check it with `cargo run -p runner -- check ex74`.

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
fn scatter(_root: Process, _sendbuf: &[i32], _recvbuf: &mut [i32]) {
    // TODO: rsmpi has one call for the root and one for the others. `root.is_self()`
    // tells whether this rank is the root: the root calls
    // `root.scatter_into_root(sendbuf, recvbuf)`, the others `root.scatter_into(recvbuf)`.
    // (Remove the leading `_` of the parameters you use.)
    todo!("scatter the root's `sendbuf` into every rank's `recvbuf`")
}

/// Gather to `root`: every rank sends `sendbuf`, all of the same length, and the root
/// receives them one after the other, in rank order, into `recvbuf`. Only the root's
/// `recvbuf` is written.
fn gather(_root: Process, _sendbuf: &[i32], _recvbuf: &mut [i32]) {
    // TODO: the mirror image of `scatter`: the root calls
    // `root.gather_into_root(sendbuf, recvbuf)`, the others `root.gather_into(sendbuf)`.
    todo!("gather every rank's `sendbuf` into the root's `recvbuf`")
}
