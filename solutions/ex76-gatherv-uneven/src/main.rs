//! ex76 (gatherv-uneven), reference solution: every rank has eight integers of its own
//! (rank 0 has 0..8, rank 1 has 8..16, ...) and sends a different number of them, 1, 1,
//! 2, 4, ... to rank 1 with one Gatherv; rank 1 places them side by side in its buffer
//! of eight -1s at the displacements it chose. A Scatterv from rank 1 with the same
//! counts and displacements then sends every rank its values back.
//! Mirrors seed 002's list of vector collectives ("Gatherv: each process sends a
//! different amount of data"), in the form of the course's exercise on four ranks:
//! gather 1, 1, 2 and 4 elements into rank 1. Seed 000's Gatherv/Scatterv examples (root
//! 0, counts from `divmod`) are ex75.
//! Check it with `cargo run -p runner -- check ex76`.

use hpckit::NpDisplay;
use mpi::datatype::{Partition, PartitionMut};
use mpi::topology::Process;
use mpi::traits::*;
use mpi::Count;

/// How many values every rank holds, and how long every receive buffer is.
const N: i32 = 8;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let size = world.size();
    // Rank 0 sends 1 value, rank r >= 1 sends 2^(r-1): 1, 1, 2, 4 on four ranks, which
    // just fills the eight places. More ranks would not fit.
    let counts: Vec<Count> = (0..size).map(|r| 1 << (r - 1).max(0)).collect();
    if size < 2 || counts.iter().sum::<Count>() > N {
        if rank == 0 {
            println!("This exercise needs 2, 3 or 4 ranks.");
        }
        return;
    }
    // Each piece starts where the previous one ends: 0, 1, 2, 4 on four ranks.
    let displs: Vec<Count> = counts
        .iter()
        .scan(0, |start, &count| {
            let displ = *start;
            *start += count;
            Some(displ)
        })
        .collect();

    let data: Vec<i32> = (0..N).map(|i| N * rank + i).collect();
    println!("Process {rank} has data: {}", data.np());
    let mine = counts[rank as usize] as usize;
    let root = world.process_at_rank(1);

    // Every rank sends the first `mine` values of its data to rank 1.
    let mut recvbuf = vec![-1; N as usize];
    gatherv(root, &data[..mine], &mut recvbuf, &counts, &displs);
    println!("After Gatherv, process {rank} has: {}", recvbuf.np());

    // And back: rank 1 sends every rank the piece it received from it.
    let mut back = vec![-1; N as usize];
    scatterv(root, &recvbuf, &counts, &displs, &mut back[..mine]);
    println!("After Scatterv, process {rank} has: {}", back.np());
}

/// Gatherv to `root`: every rank sends `sendbuf` (rank i sends `counts[i]` values), and
/// the root stores rank i's values at `recvbuf[displs[i]..]`. Only the root reads
/// `counts` and `displs` and writes `recvbuf`.
fn gatherv(root: Process, sendbuf: &[i32], recvbuf: &mut [i32], counts: &[Count], displs: &[Count]) {
    if root.is_self() {
        let mut partition = PartitionMut::new(recvbuf, counts, displs);
        root.gather_varcount_into_root(sendbuf, &mut partition);
    } else {
        root.gather_varcount_into(sendbuf);
    }
}

/// Scatterv from `root`: rank i receives the `counts[i]` values at
/// `sendbuf[displs[i]..]` of the root into `recvbuf`. Only the root reads `sendbuf`,
/// `counts` and `displs`.
fn scatterv(root: Process, sendbuf: &[i32], counts: &[Count], displs: &[Count], recvbuf: &mut [i32]) {
    if root.is_self() {
        let partition = Partition::new(sendbuf, counts, displs);
        root.scatter_varcount_into_root(&partition, recvbuf);
    } else {
        root.scatter_varcount_into(recvbuf);
    }
}
