//! ex97 (darray-julia), reference solution: the DistArray notebook's last experiment.
//! A 1024×1024 Julia set is computed on every rank's section of a distributed array,
//! for the four distributions `b-n`, `c-n`, `b-b` and `c-c`; each rank sums its
//! iteration counts, and rank 0 gathers the sums and prints the benchmark's table, one
//! row per run, after a first run on rank 0 alone. How evenly the iterations are shared
//! is the lesson: the costly points are in the middle rows.
//! Mirrors seed 004, In [49] (`benchmark_julia.py --kernel=cython -r1 1024`).
//! Check it with `cargo run -p runner -- check ex97`.

use std::time::{SystemTime, UNIX_EPOCH};

use distarray::julia::{self, C, DISTRIBUTIONS, RESOLUTION};
use distarray::{Dist, DistArray, Distribution};
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use ndarray::ArrayView2;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let (rank, engines) = (world.rank() as usize, world.size() as usize);
    let n_runs = 1 + DISTRIBUTIONS.len();
    let mut table = Vec::new();

    // Run 1, 'numpy': the whole grid on rank 0 alone, as the notebook's engine 0 runs
    // the kernel on the gathered plane.
    if rank == 0 {
        let whole = julia::distribution([Dist::Block, Dist::Undistributed], 1);
        let start = unix_time();
        let counts = julia::local_counts(&whole, 0);
        let end = unix_time();
        let iters = [local_iterations(counts.view())];
        table.push(table_row(1, n_runs, (start, end), "numpy", 1, &iters));
    }

    // Runs 2 to 5: every rank computes its own section, for each distribution.
    for (k, dists) in DISTRIBUTIONS.into_iter().enumerate() {
        let name = julia::label(dists);
        let distribution = julia::distribution(dists, engines);
        // The run starts when every rank is ready and ends when the last one is done,
        // as the notebook's client waits for every engine.
        world.barrier();
        let start = unix_time();
        let counts = julia_counts(&world, distribution);
        world.barrier();
        let end = unix_time();

        let [rows, cols] = counts.distribution().local_shape(rank);
        let mine = local_iterations(counts.local());
        println!("rank {rank}: {name}: {mine} iterations over {rows} x {cols} points");
        if let Some(iters) = iterations_per_engine(&counts) {
            table.push(table_row(k + 2, n_runs, (start, end), &name, engines, &iters));
        }
    }

    if rank == 0 {
        println!("(n/n_runs: time) ('Start', 'End', 'Dist', 'Resolution', 'c', 'Engines', 'Iters')");
        for row in table {
            println!("{row}");
        }
    }
}

/// Every grid point's iteration count, each rank computing only the points of its own
/// section (`create_complex_plane` and the kernel, in one pass). Collective.
fn julia_counts(world: &SimpleCommunicator, distribution: Distribution) -> DistArray<u32> {
    DistArray::from_fn(world, distribution, |index| {
        julia::iterations(julia::point(index), C)
    })
}

/// The iterations one rank did: the sum of its counts, in 64 bits (a rank's share of a
/// larger grid, or of more iterations, would not fit in the counts' 32).
fn local_iterations(local: ArrayView2<'_, u32>) -> u64 {
    local.iter().map(|&n| u64::from(n)).sum()
}

/// Every rank's iterations, gathered in rank order on rank 0 (`None` on the others):
/// the notebook's `context.apply(local_sum, (num_iters.key,))`. Collective.
fn iterations_per_engine(counts: &DistArray<u32>) -> Option<Vec<u64>> {
    counts.apply(local_iterations)
}

/// Seconds since 1970, as Python's `time()` returns them.
fn unix_time() -> f64 {
    let now = SystemTime::now().duration_since(UNIX_EPOCH);
    now.expect("the clock is after 1970").as_secs_f64()
}

/// One line of the benchmark's table, as `benchmark_julia.py` prints it under Python
/// 3: `(2/5: 0.052s) (start, end, 'b-n', 1024, '(-0.045+0.45j)', 4, [2725843, ...])`.
fn table_row(
    n: usize,
    n_runs: usize,
    (start, end): (f64, f64),
    dist: &str,
    engines: usize,
    iters: &[u64],
) -> String {
    let iters: Vec<String> = iters.iter().map(u64::to_string).collect();
    format!(
        "({n}/{n_runs}: {:.3}s) ({start:.6}, {end:.6}, '{dist}', {RESOLUTION}, '{C}', {engines}, [{}])",
        end - start,
        iters.join(", ")
    )
}
