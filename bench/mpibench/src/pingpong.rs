//! `pingpong`: mpi4py's ping-pong between ranks 0 and 1, with its protocol and its
//! output, so that the two can be compared number for number.
//!
//! mpi4py's protocol (`python -m mpi4py.bench pingpong`), which this follows exactly:
//!
//! - message sizes are the powers of 2 from `--min-size` to `--max-size` bytes;
//! - for each size, new buffers: a send buffer and a receive buffer on *both* ranks,
//!   allocated and never written (`numpy.empty`). Rank 1 receives into its receive
//!   buffer and answers from its own send buffer, not with what it received;
//! - one barrier, then `--skip` + `--loop` round trips back to back, each timed alone
//!   with `MPI_Wtime` (read before and after) and halved: one sample of the one-way
//!   time. The first `--skip` are thrown away;
//! - above `--large-size` bytes, at most `--skip-large` and `--loop-large` round trips,
//!   and above `--huge-size`, at most `--skip-huge` and `--loop-huge`. These limits
//!   only ever go down, from one size to the next;
//! - rank 0 prints the size, the bandwidth (the size over the mean time, in MB/s),
//!   the mean time, the sample standard deviation and the number of samples.
//!
//! The buffers are made as `numpy.empty` makes them (see [`buffer`]): never written,
//! so that the pages of a large one are not there yet, and with huge pages asked for
//! from 4 MiB on. Two options, not in mpi4py, undo one each, to show what they are
//! worth: `--touch` writes every byte of both buffers first, as a program whose
//! message holds computed data has done; `--small-pages` does not ask for huge pages.

use clap::Args;
use mpi::point_to_point::send_receive_into_with_tags;
use mpi::topology::{Process, SimpleCommunicator};
use mpi::traits::*;

use crate::{buffer, pyfmt};

/// mpi4py's options for `pingpong`, with its defaults, and `--touch`.
#[derive(Args, Debug, Clone)]
pub struct Options {
    /// Quiet output: print nothing.
    #[arg(short, long)]
    pub quiet: bool,
    /// Minimum message size in bytes.
    #[arg(short, long, default_value_t = 1)]
    pub min_size: usize,
    /// Maximum message size in bytes (at most 1 GiB, mpi4py's default).
    #[arg(short = 'n', long, default_value_t = 1 << 30, value_parser = at_most_1_gib)]
    pub max_size: usize,
    /// Number of warm-up iterations.
    #[arg(short, long, default_value_t = 100)]
    pub skip: usize,
    /// Number of iterations.
    #[arg(short, long = "loop", default_value_t = 10000)]
    pub loop_: usize,
    /// Warm-up iterations, at most, above --large-size.
    #[arg(long, default_value_t = 10)]
    pub skip_large: usize,
    /// Iterations, at most, above --large-size.
    #[arg(long, default_value_t = 1000)]
    pub loop_large: usize,
    /// Sizes above this many bytes are large.
    #[arg(long, default_value_t = 1 << 14)]
    pub large_size: usize,
    /// Warm-up iterations, at most, above --huge-size.
    #[arg(long, default_value_t = 1)]
    pub skip_huge: usize,
    /// Iterations, at most, above --huge-size.
    #[arg(long, default_value_t = 10)]
    pub loop_huge: usize,
    /// Sizes above this many bytes are huge.
    #[arg(long, default_value_t = 1 << 20)]
    pub huge_size: usize,
    /// Print no header lines.
    #[arg(long)]
    pub no_header: bool,
    /// Print the bandwidth only, not the time statistics.
    #[arg(long)]
    pub no_stats: bool,
    /// Not in mpi4py: write every byte of both buffers before the barrier, so that
    /// their pages exist and hold data, as in a program that computed its message.
    #[arg(long)]
    pub touch: bool,
    /// Not in mpi4py: do not ask for huge pages for buffers of 4 MiB and more, as
    /// NumPy does (on Linux).
    #[arg(long)]
    pub small_pages: bool,
}

impl Options {
    /// The options as command-line words: the same words mpi4py's pingpong takes,
    /// then `--touch` and `--small-pages` if set (which mpi4py does not take).
    pub fn to_args(&self) -> Vec<String> {
        let mut args = vec![
            format!("--min-size={}", self.min_size),
            format!("--max-size={}", self.max_size),
            format!("--skip={}", self.skip),
            format!("--loop={}", self.loop_),
            format!("--skip-large={}", self.skip_large),
            format!("--loop-large={}", self.loop_large),
            format!("--large-size={}", self.large_size),
            format!("--skip-huge={}", self.skip_huge),
            format!("--loop-huge={}", self.loop_huge),
            format!("--huge-size={}", self.huge_size),
        ];
        for (set, flag) in [
            (self.quiet, "--quiet"),
            (self.no_header, "--no-header"),
            (self.no_stats, "--no-stats"),
            (self.touch, "--touch"),
            (self.small_pages, "--small-pages"),
        ] {
            if set {
                args.push(flag.to_string());
            }
        }
        args
    }

    /// The message sizes: powers of 2 within the bounds.
    pub fn sizes(&self) -> Vec<usize> {
        (0..31)
            .map(|p| 1_usize << p)
            .filter(|&n| self.min_size <= n && n <= self.max_size)
            .collect()
    }
}

/// A message size of at most 1 GiB: a larger one would not fit MPI's `int` count.
fn at_most_1_gib(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n <= 1 << 30 => Ok(n),
        Ok(_) => Err("at most 1073741824 (1 GiB): MPI counts are C ints".to_string()),
        Err(e) => Err(e.to_string()),
    }
}

/// Runs the ping-pong at every size; rank 0 prints a line per size as it goes.
pub fn run(world: &SimpleCommunicator, opts: &Options) {
    let (mut skip, mut loop_) = (opts.skip, opts.loop_);
    let mut header = !opts.no_header;
    for nbytes in opts.sizes() {
        // As in mpi4py, the limits carry over to the sizes after.
        if nbytes > opts.large_size {
            (skip, loop_) = (skip.min(opts.skip_large), loop_.min(opts.loop_large));
        }
        if nbytes > opts.huge_size {
            (skip, loop_) = (skip.min(opts.skip_huge), loop_.min(opts.loop_huge));
        }
        let samples = one_size(world, nbytes, skip, loop_, opts);
        if world.rank() == 0 && !opts.quiet {
            if header {
                println!("# MPI PingPong Test");
                println!("{}", header_line(opts.no_stats));
                header = false;
            }
            println!("{}", row(nbytes, &samples, loop_, opts.no_stats));
        }
    }
}

/// mpi4py's column heads.
pub fn header_line(no_stats: bool) -> String {
    let mut line = "# Size [B]  Bandwidth [MB/s]".to_string();
    if !no_stats {
        line.push_str(" | Time Mean [s] \u{b1} StdDev [s]  Samples");
    }
    line
}

/// One size's line: size, bandwidth in MB/s, mean time ± standard deviation, and the
/// number of samples, in mpi4py's widths and formats.
pub fn row(nbytes: usize, samples: &[f64], loop_: usize, no_stats: bool) -> String {
    let mean = mean(samples);
    let mut line = format!("{nbytes:10}{:18.2}", nbytes as f64 / mean / 1e6);
    if !no_stats {
        line.push_str(&format!(
            " | {} \u{b1} {} {loop_:8}",
            pyfmt::exp(mean, 7),
            pyfmt::exp(stdev(samples), 4)
        ));
    }
    line
}

/// One size: fresh buffers, one barrier, `skip + loop_` round trips; returns the
/// one-way times of the last `loop_`.
fn one_size(
    world: &SimpleCommunicator,
    nbytes: usize,
    skip: usize,
    loop_: usize,
    opts: &Options,
) -> Vec<f64> {
    let mut send = buffer::empty(nbytes, !opts.small_pages);
    let mut recv = buffer::empty(nbytes, !opts.small_pages);
    if opts.touch {
        send.fill(0x5a);
        recv.fill(0xa5);
    }
    let end = End::new(world);
    let mut samples = Vec::with_capacity(loop_);
    world.barrier();
    for i in 0..skip + loop_ {
        let one_way = end.round_trip(&send, &mut recv);
        if i >= skip {
            samples.push(one_way);
        }
    }
    samples
}

/// What this rank does in a round trip.
enum End<'a> {
    /// The only process: two send-receives with itself, as mpi4py does.
    Alone(Process<'a>),
    /// Rank 0: send, then receive.
    First(Process<'a>),
    /// Rank 1: receive, then send.
    Second(Process<'a>),
    /// Ranks 2 and up take no part.
    Idle,
}

impl<'a> End<'a> {
    fn new(world: &'a SimpleCommunicator) -> End<'a> {
        match (world.size(), world.rank()) {
            (1, _) => End::Alone(world.process_at_rank(0)),
            (_, 0) => End::First(world.process_at_rank(1)),
            (_, 1) => End::Second(world.process_at_rank(0)),
            _ => End::Idle,
        }
    }

    /// One round trip, timed with MPI_Wtime before and after: half of it, in seconds.
    #[inline]
    fn round_trip(&self, send: &[u8], recv: &mut [u8]) -> f64 {
        let start = mpi::time();
        match self {
            End::Alone(me) => {
                for _ in 0..2 {
                    send_receive_into_with_tags(send, me, 0, &mut *recv, me, 0);
                }
            }
            End::First(peer) => {
                peer.send_with_tag(send, 0);
                peer.receive_into_with_tag(recv, 0);
            }
            End::Second(peer) => {
                peer.receive_into_with_tag(recv, 0);
                peer.send_with_tag(send, 0);
            }
            End::Idle => {}
        }
        (mpi::time() - start) / 2.0
    }
}

/// The mean, as Python's `statistics.mean`; NaN for no samples, as mpi4py prints.
pub fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

/// The sample standard deviation, as `statistics.stdev`; 0 for fewer than two.
pub fn stdev(xs: &[f64]) -> f64 {
    if xs.len() < 2 {
        return 0.0;
    }
    let m = mean(xs);
    let squares: f64 = xs.iter().map(|x| (x - m) * (x - m)).sum();
    (squares / (xs.len() - 1) as f64).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        opts: Options,
    }

    #[test]
    fn a_row_has_mpi4pys_columns() {
        // mean 1.25e-6 s: 1024 B / 1.25e-6 s = 819.2 MB/s; stdev 0.5e-6.
        let samples = [1e-6, 2e-6, 1e-6, 1e-6];
        assert_eq!(
            row(1024, &samples, 4, false),
            "      1024            819.20 | 1.2500000e-06 \u{b1} 5.0000e-07        4"
        );
        assert_eq!(row(1024, &samples, 4, true), "      1024            819.20");
        assert_eq!(
            header_line(false),
            "# Size [B]  Bandwidth [MB/s] | Time Mean [s] \u{b1} StdDev [s]  Samples"
        );
    }

    #[test]
    fn defaults_and_sizes_are_mpi4pys() {
        let opts = Cli::parse_from(["pingpong"]).opts;
        assert_eq!((opts.min_size, opts.max_size), (1, 1 << 30));
        assert_eq!((opts.skip, opts.loop_), (100, 10000));
        assert_eq!(opts.sizes().len(), 31);
        let opts = Cli::parse_from(["pingpong", "-m", "8", "-n", "16777216"]).opts;
        assert_eq!(opts.sizes().first(), Some(&8));
        assert_eq!(opts.sizes().last(), Some(&(16 << 20)));
        // The words for a launch parse back to the same options.
        let again = Cli::parse_from(std::iter::once("pingpong".to_string()).chain(opts.to_args())).opts;
        assert_eq!(again.to_args(), opts.to_args());
    }

    #[test]
    fn statistics_match_python() {
        // statistics.stdev([2, 4, 4, 4, 5, 5, 7, 9]) == 2.138089935299395
        let xs = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        assert_eq!(mean(&xs), 5.0);
        assert!((stdev(&xs) - 2.138089935299395).abs() < 1e-15);
        assert_eq!(stdev(&[1.0]), 0.0);
    }
}
