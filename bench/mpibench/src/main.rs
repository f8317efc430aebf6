//! mpi4py's benchmarks in Rust: `python -m mpi4py.bench helloworld | ringtest |
//! pingpong` as one binary with the same three subcommands, their options and their
//! output lines. Run it under MPI's launcher:
//!
//! ```console
//! cargo build --release -p bench-mpibench
//! mpiexec --allow-run-as-root --oversubscribe -n 2 target/release/mpibench pingpong -m 8 -n 16777216
//! ```
//!
//! or let it launch itself with `--launch` (`--np` processes, 2 by default). With
//! `--launch`, `pingpong` becomes the race against mpi4py: Rust with mpi4py's exact
//! protocol, Rust with written buffers, and `python3 -m mpi4py.bench pingpong` itself
//! where Python has mpi4py, side by side (see `launch`).

mod buffer;
mod hello;
mod launch;
mod pingpong;
mod pyfmt;
mod ring;

use clap::{Parser, Subcommand};
use mpi::traits::*;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "mpibench",
    about = "mpi4py's benchmarks (python -m mpi4py.bench) in Rust: helloworld, ringtest, pingpong",
    after_help = "Run it under MPI: mpiexec --allow-run-as-root --oversubscribe -n 2 target/release/mpibench pingpong\n\
                  or let it start mpiexec itself: target/release/mpibench --launch pingpong -m 8 -n 16777216"
)]
struct Cli {
    /// Start mpiexec with this program yourself. For pingpong: run Rust's ping-pong,
    /// the same with written buffers, and mpi4py's own, and print them side by side.
    #[arg(long)]
    launch: bool,
    /// Processes to start with --launch (pingpong always uses 2).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=256))]
    np: u32,
    /// The MPI launcher for --launch, of the MPI this program is built with.
    #[arg(long, default_value = "mpiexec")]
    mpiexec: String,
    /// The Python whose mpi4py the pingpong race runs (with --launch).
    #[arg(long, default_value = "python3")]
    python: String,
    /// Rounds of the pingpong race (with --launch): each runs every job once.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    rounds: u32,
    #[command(subcommand)]
    command: Bench,
}

#[derive(Subcommand)]
enum Bench {
    /// Hello, World! from every process, in rank order.
    Helloworld(hello::Options),
    /// Time a message going round the ring of processes.
    Ringtest(ring::Options),
    /// Time messages between ranks 0 and 1, with mpi4py's protocol.
    Pingpong(pingpong::Options),
}

fn main() -> ExitCode {
    // Parsed before MPI starts, so that a usage error needs no MPI job to end.
    let cli = Cli::parse();
    if cli.launch {
        let launch = launch::Launch {
            mpiexec: cli.mpiexec,
            np: cli.np,
            python: cli.python,
            rounds: cli.rounds,
        };
        return match &cli.command {
            Bench::Helloworld(opts) => launch.pass_through(opts.to_args()),
            Bench::Ringtest(opts) => launch.pass_through(opts.to_args()),
            Bench::Pingpong(opts) => launch.race(opts),
        };
    }
    let universe = mpi::initialize().expect("MPI was already initialized");
    let world = universe.world();
    match &cli.command {
        Bench::Helloworld(opts) => hello::run(&world, opts),
        Bench::Ringtest(opts) => {
            if !ring::run(&world, opts) {
                // mpi4py warns and aborts the job with code 2.
                eprintln!("mpibench ringtest: received message does not match!");
                world.abort(2);
            }
        }
        Bench::Pingpong(opts) => pingpong::run(&world, opts),
    }
    ExitCode::SUCCESS
}
