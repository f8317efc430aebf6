//! The DistArray notebook's Julia-set benchmark (`benchmark_julia.py --kernel=cython
//! 1024`, In [49] of seed 004) in Rust: the strong-scaling sweep, measured here.
//!
//! ```console
//! cargo run --release -p bench-julia
//! cargo run --release -p bench-julia -- -r 5
//! ```
//!
//! Per repetition it runs what the notebook runs, in its order: the whole 1024×1024
//! grid in one process (the notebook's `'numpy'` row, here in this process, without
//! MPI), then for 1 to 4 engines (ranks) the distributions `b-n`, `c-n`, `b-b` and
//! `c-c`. The ranks are this same binary, started under `mpiexec` with a hidden
//! `--rank-program` option, one launch per rank count. Every run prints a row of the
//! notebook's table, with the times measured here and every engine's iterations
//! (which are the notebook's, exactly); a Markdown summary follows, with each run's
//! best time, its speed-up over 1 engine, and the speed-up its iteration counts allow,
//! with a core per engine and on this machine's cores (see `table`).
//!
//! DistArray itself (Python 2, IPython.parallel, 2015) is not installable here, so
//! there is no Python row: the notebook's own times are quoted in the book.

mod launch;
mod machine;
mod rank;
mod table;

use clap::Parser;
use std::process::ExitCode;

use distarray::julia::{self, DISTRIBUTIONS};
use distarray::Dist;

use table::Run;

#[derive(Parser)]
#[command(
    name = "bench-julia",
    about = "The DistArray notebook's Julia-set benchmark: b-n, c-n, b-b and c-c at 1 to 4 ranks, \
             in the notebook's table format, with a summary of speed-ups",
    after_help = "Run optimized: cargo run --release -p bench-julia"
)]
struct Options {
    /// Number of repetitions of the whole sweep (the notebook's -r; it ran -r1).
    #[arg(short = 'r', long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    repeat: u32,
    /// The largest number of engines (ranks); the sweep runs 1 to this.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=64))]
    engines: u32,
    /// The MPI launcher, of the MPI the benchmark is built with.
    #[arg(long, default_value = "mpiexec")]
    mpiexec: String,
    /// Run as the ranks of one launch: every distribution at this job's size.
    #[arg(long, hide = true)]
    rank_program: bool,
}

fn main() -> ExitCode {
    let opts = Options::parse();
    if opts.rank_program {
        rank::run();
        return ExitCode::SUCCESS;
    }
    if cfg!(debug_assertions) {
        eprintln!("bench-julia: a debug build measures nothing useful; run with --release");
    }
    match sweep(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("bench-julia: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The whole sweep: the rows as they come, then the summary.
fn sweep(opts: &Options) -> Result<(), String> {
    let machine = machine::Machine::here();
    let launcher = launch::Launcher::detect(&opts.mpiexec)?;
    let max_engines = opts.engines as usize;
    let n_runs = opts.repeat as usize * (1 + DISTRIBUTIONS.len() * max_engines);
    println!("# {}", machine.describe_start());
    println!(
        "# ranks launched as: {} (and with -n 1 to {max_engines})",
        launcher.command(max_engines, machine.cores)?.join(" ")
    );
    println!("# Python/DistArray: not measured (not installable here); the notebook's times are in the book");
    println!("{}", table::HEADER);
    let mut runs = Vec::new();
    let mut record = |run: Run| {
        println!("{}", table::row(runs.len() + 1, n_runs, &run));
        runs.push(run);
    };
    for _ in 0..opts.repeat {
        record(serial_run());
        for engines in 1..=max_engines {
            launcher
                .run(engines, machine.cores)?
                .into_iter()
                .for_each(&mut record);
        }
    }
    println!("\n# {}\n", machine.describe_end());
    print!("{}", table::summary(&runs, opts.repeat as usize, machine.cores));
    Ok(())
}

/// The notebook's `'numpy'` run: the whole grid computed in one process, here in this
/// one, without MPI.
fn serial_run() -> Run {
    let whole = julia::distribution([Dist::Block, Dist::Undistributed], 1);
    let start = table::unix_time();
    let clock = std::time::Instant::now();
    let counts = julia::local_counts(&whole, 0);
    let seconds = clock.elapsed().as_secs_f64();
    Run {
        dist: "numpy".to_string(),
        engines: 1,
        start,
        seconds,
        iters: vec![counts.iter().map(|&n| u64::from(n)).sum()],
    }
}
