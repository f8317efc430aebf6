//! The heat-equation capstone, measured in one run on one machine:
//!
//! - **(a) the serial step** on a 2000 x 2000 grid: ex99's fast step on one thread
//!   against the same five-point stencil in C compiled with `-O3`, and against NumPy's
//!   vectorized step where a Python with NumPy is there, with ex98's slices and ex99's
//!   threads beside them. Goals: the fast step at least 5 times NumPy's speed and
//!   within 10 % of C.
//! - **(b) strong scaling** of the parallel program (ex101's overlapped step) on a
//!   4000 x 4000 grid at 1, 2 and 4 ranks, launched under `mpiexec`, with the
//!   parallel efficiency. Goal: at least 85 % at 2 ranks.
//!
//! ```console
//! cargo run --release -p bench-heat
//! ```
//!
//! prints both tables in Markdown, as the book's page shows them. The machine is shared,
//! so its speed drifts: the variants of (a) take turns in rounds, as do the rank counts
//! of (b), and the ratios are medians of per-round ratios. Every variant's field is
//! checked against the others', bit for bit. The parallel program is this same binary,
//! started by the launcher with `--rank-program`.

mod parallel;
mod python;
mod report;
mod scaling;
mod serial;
mod stencil;

use clap::Parser;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "bench-heat",
    about = "The heat-equation capstone measured: the serial step against C -O3 and NumPy, \
             and the parallel program's strong scaling at 1, 2 and 4 ranks",
    after_help = "Run optimized: cargo run --release -p bench-heat"
)]
struct Options {
    /// Points per side of the grid of part (a).
    #[arg(short = 'n', long, default_value_t = 2000, value_parser = clap::value_parser!(u32).range(3..=20_000))]
    n: u32,
    /// Steps of each variant per round in part (a).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    steps: u32,
    /// Timed rounds of part (a), after one warm-up round.
    #[arg(short = 'r', long, default_value_t = 31, value_parser = clap::value_parser!(u32).range(1..))]
    rounds: u32,
    /// The Python interpreter for NumPy's row, e.g. one of a virtual environment.
    #[arg(long, default_value = "python3")]
    python: String,
    /// Points per side of the grid of part (b).
    #[arg(long, default_value_t = 4000, value_parser = clap::value_parser!(u32).range(8..=40_000))]
    mpi_n: u32,
    /// Time steps of each launch in part (b).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..))]
    mpi_steps: u32,
    /// Rounds of part (b): each launches the program at 1, 2 and 4 ranks.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    mpi_rounds: u32,
    /// The MPI launcher, of the MPI the benchmark is built with.
    #[arg(long, default_value = "mpiexec")]
    mpiexec: String,
    /// Leave out part (a).
    #[arg(long)]
    no_serial: bool,
    /// Leave out part (b).
    #[arg(long)]
    no_scaling: bool,
    /// Run as the parallel program of part (b), on every rank of an MPI job.
    #[arg(long, hide = true)]
    rank_program: bool,
}

fn main() -> ExitCode {
    let opts = Options::parse();
    if opts.rank_program {
        return parallel::rank_program(opts.mpi_n as usize, opts.mpi_steps as usize);
    }
    if cfg!(debug_assertions) {
        eprintln!("bench-heat: a debug build measures nothing useful; run with --release");
    }
    let machine = report::Machine::here();
    match sections(&opts, machine.cores) {
        Ok(sections) => {
            println!("# {}\n", machine.describe());
            for section in sections {
                println!("{section}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("bench-heat: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Runs the parts asked for and returns their sections of the report, or the first
/// error.
fn sections(opts: &Options, cores: usize) -> Result<Vec<String>, String> {
    let mut sections = Vec::new();
    if !opts.no_serial {
        sections.push(serial::run(&serial::Options {
            n: opts.n as usize,
            steps: opts.steps as usize,
            rounds: opts.rounds as usize,
            python: opts.python.clone(),
        })?);
    }
    if !opts.no_scaling {
        sections.push(scaling::run(
            &scaling::Options {
                n: opts.mpi_n as usize,
                steps: opts.mpi_steps as usize,
                rounds: opts.mpi_rounds as usize,
                mpiexec: opts.mpiexec.clone(),
            },
            cores,
        )?);
    }
    Ok(sections)
}
