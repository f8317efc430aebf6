//! ex79 (alltoall), reference solution: every rank has eight integers of its own (rank 0
//! has 0..8, rank 1 has 8..16, ...), cut into as many equal blocks as there are ranks.
//! One Alltoall sends block j of every rank to rank j: rank j receives block j of rank
//! 0, then block j of rank 1, and so on, into its buffer of eight -1s.
//! Mirrors seed 002's list of collectives ("Alltoall: each process sends and receives
//! to/from each other"), in the form of the course's exercise on four ranks (two
//! elements from each rank to each rank). Check it with `cargo run -p runner -- check ex79`.

use hpckit::NpDisplay;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;

/// How many values every rank holds, and how long every receive buffer is.
const N: i32 = 8;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let size = world.size();
    // Alltoall moves blocks of one common size: N must split evenly.
    if N % size != 0 {
        if rank == 0 {
            println!("This exercise needs a number of ranks that divides {N} (1, 2, 4 or 8).");
        }
        return;
    }

    let data: Vec<i32> = (0..N).map(|i| N * rank + i).collect();
    println!("Process {rank} has data: {}", data.np());

    let mut recvbuf = vec![-1; N as usize];
    all_to_all(&world, &data, &mut recvbuf);
    println!("After Alltoall, process {rank} has: {}", recvbuf.np());
}

/// Alltoall: `sendbuf` and `recvbuf` are both cut into `size` equal blocks; block j of
/// this rank's `sendbuf` goes to rank j, and block i of `recvbuf` comes from rank i.
fn all_to_all(world: &SimpleCommunicator, sendbuf: &[i32], recvbuf: &mut [i32]) {
    // rsmpi sends `sendbuf.len() / size` elements to every rank, and expects
    // `recvbuf.len() / size` from every rank.
    world.all_to_all_into(sendbuf, recvbuf);
}
