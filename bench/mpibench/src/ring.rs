//! `ringtest`: a message of `--size` bytes goes round the ring of processes `--loop`
//! times after `--skip` warm-up rounds, as in `python -m mpi4py.bench ringtest`; rank 0
//! prints `time for L loops = T seconds (P processes, N bytes)`.

use clap::Args;
use mpi::point_to_point::send_receive_into_with_tags;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;

use crate::pyfmt;

/// mpi4py's options for `ringtest`, with its defaults.
#[derive(Args, Debug, Clone)]
pub struct Options {
    /// Quiet output: print nothing.
    #[arg(short, long)]
    pub quiet: bool,
    /// Message size in bytes.
    #[arg(short = 'n', long, default_value_t = 1)]
    pub size: usize,
    /// Number of warm-up iterations.
    #[arg(short, long, default_value_t = 0)]
    pub skip: usize,
    /// Number of iterations.
    #[arg(short, long = "loop", default_value_t = 1)]
    pub loop_: usize,
}

impl Options {
    /// The same options as command-line words, for a launch under mpiexec.
    pub fn to_args(&self) -> Vec<String> {
        let mut args = vec!["ringtest".to_string()];
        if self.quiet {
            args.push("--quiet".into());
        }
        args.extend([
            format!("--size={}", self.size),
            format!("--skip={}", self.skip),
            format!("--loop={}", self.loop_),
        ]);
        args
    }
}

/// Runs the ring and, on rank 0, prints its time. Returns false if the message came
/// back changed.
pub fn run(world: &SimpleCommunicator, opts: &Options) -> bool {
    world.barrier();
    let (elapsed, intact) = ring(world, opts);
    if world.rank() == 0 && !opts.quiet {
        println!("{}", line(opts.loop_, elapsed, world.size(), opts.size));
    }
    intact
}

/// Rank 0's line, as mpi4py writes it (the time with Python's `:g`).
pub fn line(loops: usize, seconds: f64, processes: i32, bytes: usize) -> String {
    format!(
        "time for {loops} loops = {} seconds ({processes} processes, {bytes} bytes)",
        pyfmt::general(seconds)
    )
}

/// The rounds, timed from the first after the warm-up ones to the end: rank 0 sends
/// 42s to its right and receives from its left; every other rank receives from its
/// left and passes the same buffer on. Alone, a process sends to and receives from
/// itself. Returns the time, and on rank 0 whether the 42s came back.
fn ring(world: &SimpleCommunicator, opts: &Options) -> (f64, bool) {
    let (rank, size) = (world.rank(), world.size());
    let next = world.process_at_rank((rank + 1) % size);
    let previous = world.process_at_rank((rank + size - 1) % size);
    let sent = vec![42_u8; opts.size];
    let mut received = vec![0_u8; opts.size];
    let mut start = mpi::time();
    for i in 0..opts.loop_ + opts.skip {
        if i == opts.skip {
            start = mpi::time();
        }
        if size == 1 {
            send_receive_into_with_tags(&sent[..], &next, 0, &mut received[..], &previous, 0);
        } else if rank == 0 {
            next.send_with_tag(&sent[..], 0);
            previous.receive_into_with_tag(&mut received[..], 0);
        } else {
            previous.receive_into_with_tag(&mut received[..], 0);
            next.send_with_tag(&received[..], 0);
        }
    }
    let elapsed = mpi::time() - start;
    (elapsed, rank != 0 || received == sent)
}

#[cfg(test)]
mod tests {
    use super::line;

    #[test]
    fn the_line_is_mpi4pys() {
        assert_eq!(
            line(100, 0.000123456789, 4, 1),
            "time for 100 loops = 0.000123457 seconds (4 processes, 1 bytes)"
        );
        assert_eq!(
            line(1, 2.5e-6, 2, 1024),
            "time for 1 loops = 2.5e-06 seconds (2 processes, 1024 bytes)"
        );
    }
}
