//! Ping-pong between two ranks, three ways, for messages of 8 B to 16 MiB: the loop in
//! C, the same loop with rsmpi's buffer calls, and a serde-serialized `Vec<f64>` (what
//! mpi4py's pickle-based `send`/`recv` do). It tests the slides' claim that buffers go
//! at nearly C speed and serialized objects do not.
//!
//! ```console
//! cargo build --release -p pingpong && mpiexec --allow-run-as-root -n 2 target/release/pingpong
//! ```
//!
//! The machine this runs on is shared, so its speed drifts within seconds. Runs of the
//! variants one after the other would compare different moments, not different code.
//! Instead, for each size, the variants take turns in rounds: every round runs two
//! blocks of round trips of each, C, rsmpi, serde, then rsmpi, C, serde, and the
//! comparison is the median over rounds of the ratio of times taken milliseconds
//! apart. The C loop is linked into this binary and runs on rsmpi's
//! communicator with the same buffers, so that it differs from the Rust loop in
//! nothing but the code.

mod stats;
mod svg;
mod table;
mod variants;

use clap::{CommandFactory, Parser};
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use std::path::PathBuf;
use std::process::ExitCode;
use table::Measurement;
use variants::{PingPong, Variant};

/// Options named as `python -m mpi4py.bench pingpong` names them, where they exist.
#[derive(Parser)]
#[command(
    name = "pingpong",
    about = "Ping-pong between 2 ranks: C, rsmpi buffers and serde objects, alternating",
    after_help = "Run on 2 ranks: mpiexec -n 2 target/release/pingpong"
)]
struct Options {
    /// Smallest message in bytes; sizes are the powers of 2 between the two bounds,
    /// from 8 B (one f64).
    #[arg(short = 'm', long, default_value_t = 8)]
    min_size: usize,
    /// Largest message in bytes (at most 1 GiB).
    #[arg(short = 'n', long, default_value_t = 16 << 20)]
    max_size: usize,
    /// Round trips per block for small messages; large ones get fewer, down to 1, so
    /// that a block moves at most 1 MiB each way.
    #[arg(short = 'l', long = "loop", default_value_t = 1000, value_parser = clap::value_parser!(u32).range(1..))]
    loop_: u32,
    /// Timed rounds per size: each runs two blocks of each variant.
    #[arg(short = 'r', long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
    rounds: u32,
    /// Warm-up rounds per size, run and thrown away; the first also checks that every
    /// variant brings the data back intact.
    #[arg(short = 's', long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..))]
    skip: u32,
    /// Where to write the plot of bandwidth against size.
    #[arg(long, default_value = "target/pingpong.svg")]
    svg: PathBuf,
}

/// The most a block moves each way. At small sizes a block is many round trips, and
/// its median leaves out the few the machine interrupted; large messages, whose round
/// trips take milliseconds, get fewer, down to one, so that the blocks compared stay
/// close in time, under the same load.
const BLOCK_BYTES: usize = 1 << 20;

/// One round: C, rsmpi, serde, then rsmpi, C, serde. Each buffer variant runs once
/// right after serde and once right after the other, so what the block before leaves
/// behind costs both the same in every round. It matters: serde allocates and writes
/// several times the message per round trip and keeps the cores busy for long, and
/// with rounds of one half only (C, rsmpi, serde, alternating with rsmpi, C, serde),
/// at 1 MiB to 4 MiB the buffer variant that followed serde was 5 % to 30 % slower
/// than the other; without serde in the rounds, C and rsmpi were within 1 %.
const ROUND: [Variant; 6] = [
    Variant::C,
    Variant::Rsmpi,
    Variant::Serde,
    Variant::Rsmpi,
    Variant::C,
    Variant::Serde,
];

/// Untimed round trips at the start of every block: they absorb the ranks leaving the
/// barrier at different moments, and bring the block's own code and data into cache.
const LEAD: usize = 1;

fn main() -> ExitCode {
    // Parsed before MPI starts, so that a usage error exits without an MPI job to end.
    let opts = Options::parse();
    let sizes: Vec<usize> = (3..=30)
        .map(|p| 1usize << p)
        .filter(|&b| opts.min_size <= b && b <= opts.max_size)
        .collect();
    if sizes.is_empty() {
        Options::command()
            .error(
                clap::error::ErrorKind::ValueValidation,
                "no power of 2 from 8 B to 1 GiB lies between --min-size and --max-size",
            )
            .exit();
    }

    let universe = mpi::initialize().expect("MPI was already initialized");
    let world = universe.world();
    if world.size() != 2 {
        if world.rank() == 0 {
            eprintln!(
                "pingpong runs on exactly 2 ranks, not {}: mpiexec -n 2 target/release/pingpong",
                world.size()
            );
        }
        return ExitCode::from(2);
    }
    let pingpong = PingPong::new(&world);
    // Allocated once at the largest size and sliced: no allocation in any buffer loop.
    let count = sizes[sizes.len() - 1] / 8;
    let (mut send, mut recv) = (vec![0.0; count], vec![0.0; count]);
    let mut measured = Vec::new();
    for &bytes in &sizes {
        let iters = (BLOCK_BYTES / bytes).clamp(1, opts.loop_ as usize);
        let m = measure(&pingpong, &world, &opts, bytes, iters, &mut send, &mut recv);
        if world.rank() == 0 {
            let (r, s) = (m.ratio_to_c(Variant::Rsmpi), m.ratio_to_c(Variant::Serde));
            eprintln!(
                "pingpong: {bytes:>10} B  rsmpi/C {:.3}  serde/C {:.3}",
                r.median, s.median
            );
        }
        measured.push(m);
    }

    if world.rank() == 0 {
        let library = mpi::environment::library_version().unwrap_or_default();
        println!("# {}", library.lines().next().unwrap_or("MPI"));
        print!("{}", table::render(&measured, opts.skip as usize));
        let plot = svg::plot(&measured, "MPI ping-pong between 2 ranks: bandwidth against size");
        if let Some(dir) = opts.svg.parent().filter(|d| !d.as_os_str().is_empty()) {
            if let Err(err) = std::fs::create_dir_all(dir) {
                eprintln!("pingpong: cannot create {}: {err}", dir.display());
                return ExitCode::FAILURE;
            }
        }
        match std::fs::write(&opts.svg, plot) {
            Ok(()) => println!("# Plot: {}", opts.svg.display()),
            Err(err) => {
                eprintln!("pingpong: cannot write {}: {err}", opts.svg.display());
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// Times the three variants at one size: `skip` warm-up rounds, then `rounds` timed
/// ones, each running the blocks of [`ROUND`], `iters` round trips each after a
/// barrier. Only rank 0's times mean anything: rank 0 starts and ends every round trip.
fn measure(
    pingpong: &PingPong,
    world: &SimpleCommunicator,
    opts: &Options,
    bytes: usize,
    iters: usize,
    send: &mut [f64],
    recv: &mut [f64],
) -> Measurement {
    let (send, recv) = (&mut send[..bytes / 8], &mut recv[..bytes / 8]);
    // Values that differ from one size to the next, so a stale buffer fails the check.
    for (k, x) in send.iter_mut().enumerate() {
        *x = (k + bytes) as f64;
    }
    let send = &*send;
    let check = world.rank() == 0;
    let mut block = vec![0.0; LEAD + iters];
    let mut times: [Vec<f64>; 3] = Default::default();
    let skip = opts.skip as usize;
    for round in 0..skip + opts.rounds as usize {
        for variant in ROUND {
            let first = round == 0;
            if first && check {
                recv.fill(0.0);
            }
            world.barrier();
            // The buffer variants bring the data back in `recv`, serde in a new object.
            let object = match variant {
                Variant::C => {
                    pingpong.c(send, recv, &mut block);
                    None
                }
                Variant::Rsmpi => {
                    pingpong.rsmpi(send, recv, &mut block);
                    None
                }
                Variant::Serde => Some(pingpong.serde(send, &mut block)),
            };
            if first && check {
                let back = object.as_deref().unwrap_or(recv);
                assert!(
                    back == send,
                    "{} ping-pong of {bytes} B: wrong data came back",
                    variant.name()
                );
            }
            if round >= skip {
                // One way is half a round trip, as mpi4py reports it.
                times[variant.index()].extend(block[LEAD..].iter().map(|t| t / 2.0));
            }
        }
    }
    Measurement {
        bytes,
        per_round: iters * ROUND.iter().filter(|&&v| v == Variant::C).count(),
        times,
    }
}
