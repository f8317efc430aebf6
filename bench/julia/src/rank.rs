//! The rank program: every distribution at this job's size, each rank computing the
//! counts of its own section, and rank 0 reporting each run on one line for the
//! parent to read (`Run::line`).
//!
//! A run lasts from the moment the first rank starts computing to the moment the last
//! one is done: each rank reads the clock when it starts and when it ends, and rank 0
//! takes the earliest start and the latest end. All ranks read one clock, the machine's
//! (this benchmark runs on one machine; ranks on several would need their clocks
//! synchronized). Rank 0's own view of the barriers would not do on an oversubscribed
//! machine: a rank that the system leaves waiting for a core just after the first
//! barrier would start its clock late, while the others already compute.

use std::time::Duration;

use distarray::julia::{self, DISTRIBUTIONS};
use distarray::DistArray;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;

use crate::table::{unix_time, Run};

/// How long a rank that waits at a barrier sleeps between two looks.
const POLL: Duration = Duration::from_micros(200);

pub fn run() {
    let universe = mpi::initialize().expect("MPI initializes once");
    let world = universe.world();
    let (rank, size) = (world.rank() as usize, world.size() as usize);
    for dists in DISTRIBUTIONS {
        let distribution = julia::distribution(dists, size);
        quiet_barrier(&world);
        let start = unix_time();
        let local = julia::local_counts(&distribution, rank);
        let end = unix_time();
        quiet_barrier(&world);
        // Only now the counts become a DistArray (its communicator is duplicated, a
        // collective call) and the results travel: neither is part of the time.
        let counts = DistArray::from_local(&world, distribution, local);
        let sums = counts.apply(|local| local.iter().map(|&n| u64::from(n)).sum::<u64>());
        let clocks = gather_clocks(&world, [start, end]);
        if let (Some(iters), Some(clocks)) = (sums, clocks) {
            let start = clocks.iter().step_by(2).copied().fold(f64::INFINITY, f64::min);
            let end = clocks.iter().skip(1).step_by(2).copied().fold(0.0, f64::max);
            let dist = julia::label(dists);
            let seconds = end - start;
            println!(
                "{}",
                Run {
                    dist,
                    engines: size,
                    start,
                    seconds,
                    iters
                }
                .line()
            );
        }
    }
}

/// Every rank's start and end, one after the other in rank order, on rank 0.
fn gather_clocks(world: &SimpleCommunicator, clocks: [f64; 2]) -> Option<Vec<f64>> {
    let root = world.process_at_rank(0);
    if world.rank() != 0 {
        root.gather_into(&clocks[..]);
        return None;
    }
    let mut all = vec![0.0; 2 * world.size() as usize];
    root.gather_into_root(&clocks[..], &mut all[..]);
    Some(all)
}

/// A barrier at which a rank that arrives early sleeps instead of spinning. MPI's
/// blocking barrier spins while it waits; with more ranks than cores (4 ranks on 2
/// cores) a spinning rank that is done would take a core from one still computing,
/// and the run would measure the spinning as well as the distribution.
fn quiet_barrier(world: &SimpleCommunicator) {
    let mut request = world.immediate_barrier();
    loop {
        match request.test() {
            Ok(_) => return,
            Err(pending) => request = pending,
        }
        std::thread::sleep(POLL);
    }
}
