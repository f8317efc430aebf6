//! The parallel program that part (b) launches under `mpiexec`: ex101's, on a large
//! generated grid instead of the bottle. Each rank makes its own block of rows (no
//! scatter, no file), steps it with the overlapped ghost exchange of ex101 and the row
//! step of ex99 on one thread, and times the time loop alone, between two barriers;
//! the slowest rank's time is the program's. Then rank 0 gathers the field, once,
//! for its checksum, and prints one line for the benchmark to read:
//!
//! ```text
//! ranks 2 seconds 4.123456 checksum 9f1c...
//! ```

use crate::stencil::{self, rows_step};
use hpckit::split::Split;
use mpi::collective::SystemOperation;
use mpi::datatype::PartitionMut;
use mpi::topology::{Rank, SimpleCommunicator};
use mpi::traits::*;
use mpi::{Count, Tag};
use ndarray::ArrayView2;
use std::ops::Range;
use std::process::ExitCode;

/// Tags of a row travelling down the grid (to rank + 1) and up (to rank - 1).
const DOWNWARDS: Tag = 1;
const UPWARDS: Tag = 2;

/// This rank's block: its global rows and its neighbours, `None` at the grid's edges.
struct Block {
    rows: Range<usize>,
    columns: usize,
    up: Option<Rank>,
    down: Option<Rank>,
}

/// Runs `steps` steps of an `n` x `n` grid on the ranks of this MPI job.
pub fn rank_program(n: usize, steps: usize) -> ExitCode {
    let universe = mpi::initialize().expect("MPI was already initialized");
    let world = universe.world();
    let (rank, size) = (world.rank(), world.size());
    let split = Split::new(n, size as usize);
    if split.counts.iter().any(|&count| count < 2) {
        eprintln!("bench-heat: {n} rows are too few for {size} ranks");
        return ExitCode::FAILURE;
    }
    let block = Block {
        rows: split.range(rank as usize),
        columns: n,
        up: (rank > 0).then(|| rank - 1),
        down: (rank + 1 < size).then_some(rank + 1),
    };
    let mut current = local_field(&block, n);
    let mut next = current.clone();
    let dt = stencil::stable_dt();

    world.barrier();
    let start = mpi::time();
    for _ in 0..steps {
        step_overlapped(&world, &mut next, &mut current, &block, dt);
        std::mem::swap(&mut current, &mut next);
    }
    let elapsed = mpi::time() - start;
    let mut slowest = 0.0;
    world.all_reduce_into(&elapsed, &mut slowest, SystemOperation::max());

    let own = &current[n..current.len() - n];
    if let Some(checksum) = gather_checksum(&world, own, &split, n) {
        println!("ranks {size} seconds {slowest:.6} checksum {checksum:016x}");
    }
    ExitCode::SUCCESS
}

/// The block's rows of the initial field, with a ghost row above and below, flat.
fn local_field(block: &Block, n: usize) -> Vec<f64> {
    let columns = block.columns;
    let mut local = vec![0.0; (block.rows.len() + 2) * columns];
    for (k, i) in block.rows.clone().enumerate() {
        for j in 0..columns {
            local[(k + 1) * columns + j] = stencil::initial_value(i, j, n, n);
        }
    }
    local
}

/// ex101's step on flat rows: start the ghost exchange, compute the rows that need no
/// ghost while the rows travel, wait, then compute the first and the last own row
/// (unless they are the grid's fixed edges).
fn step_overlapped(
    world: &SimpleCommunicator,
    next: &mut [f64],
    current: &mut [f64],
    block: &Block,
    dt: f64,
) {
    let (columns, owned) = (block.columns, block.rows.len());
    let (top, rest) = current.split_at_mut(columns);
    let (own, bottom) = rest.split_at_mut(owned * columns);
    let own: &[f64] = own;
    mpi::request::scope(|scope| {
        let mut requests = Vec::new();
        if let Some(up) = block.up {
            let up = world.process_at_rank(up);
            requests.push(up.immediate_receive_into_with_tag(scope, top, DOWNWARDS));
            requests.push(up.immediate_send_with_tag(scope, &own[..columns], UPWARDS));
        }
        if let Some(down) = block.down {
            let down = world.process_at_rank(down);
            requests.push(down.immediate_receive_into_with_tag(scope, bottom, UPWARDS));
            requests.push(down.immediate_send_with_tag(scope, &own[own.len() - columns..], DOWNWARDS));
        }
        // Own rows 1..owned - 1 (local rows 2..owned) have all their neighbours here.
        let next_own = &mut next[columns..(owned + 1) * columns];
        rows_step(next_own, own, columns, 1..owned - 1, dt);
        for request in requests {
            request.wait();
        }
    });
    if block.up.is_some() {
        rows_step(next, current, columns, 1..2, dt);
    }
    if block.down.is_some() {
        rows_step(next, current, columns, owned..owned + 1, dt);
    }
}

/// Gatherv of every rank's own rows to rank 0, which returns the field's checksum.
fn gather_checksum(world: &SimpleCommunicator, own: &[f64], split: &Split, n: usize) -> Option<u64> {
    let root = world.process_at_rank(0);
    if !root.is_self() {
        root.gather_varcount_into(own);
        return None;
    }
    let width = Count::try_from(n).expect("a row fits MPI's counts");
    let counts: Vec<Count> = split.counts.iter().map(|&c| c * width).collect();
    let displs: Vec<Count> = split.displs.iter().map(|&d| d * width).collect();
    let mut field = vec![0.0; n * n];
    let mut partition = PartitionMut::new(&mut field[..], &counts[..], &displs[..]);
    root.gather_varcount_into_root(own, &mut partition);
    let view = ArrayView2::from_shape((n, n), &field).expect("n x n values");
    Some(hpckit::heat::checksum(view))
}
