//! `helloworld`: every process says hello, in rank order, as `python -m mpi4py.bench
//! helloworld` does: `Hello, World! I am process 0 of 4 on node.`, the rank padded to
//! the width of the largest one.

use clap::Args;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use std::io::Write;

/// mpi4py's options for `helloworld`.
#[derive(Args, Debug, Clone)]
pub struct Options {
    /// Quiet output: print nothing.
    #[arg(short, long)]
    pub quiet: bool,
}

impl Options {
    /// The same options as command-line words, for a launch under mpiexec.
    pub fn to_args(&self) -> Vec<String> {
        let mut args = vec!["helloworld".to_string()];
        if self.quiet {
            args.push("--quiet".into());
        }
        args
    }
}

/// This process's line, without its newline.
pub fn message(rank: i32, size: i32, name: &str) -> String {
    let width = (size - 1).to_string().len();
    format!("Hello, World! I am process {rank:>width$} of {size} on {name}.")
}

/// Prints the line of every process in rank order: each waits for an empty message
/// from the rank before it, prints, and then sends one to the rank after it.
pub fn run(world: &SimpleCommunicator, opts: &Options) {
    let (rank, size) = (world.rank(), world.size());
    let name = mpi::environment::processor_name().unwrap_or_else(|_| "?".to_string());
    let line = message(rank, size, &name);
    let token: [u8; 0] = [];
    world.barrier();
    if rank > 0 {
        world.process_at_rank(rank - 1).receive_into(&mut [0_u8; 0][..]);
    }
    if !opts.quiet {
        let mut out = std::io::stdout().lock();
        // A closed stdout is no reason to break the chain of the other ranks.
        let _ = writeln!(out, "{line}").and_then(|()| out.flush());
    }
    if rank < size - 1 {
        world.process_at_rank(rank + 1).send(&token[..]);
    }
    world.barrier();
}

#[cfg(test)]
mod tests {
    use super::message;

    #[test]
    fn ranks_are_padded_to_the_widest() {
        assert_eq!(
            message(3, 4, "node"),
            "Hello, World! I am process 3 of 4 on node."
        );
        assert_eq!(message(3, 12, "n1"), "Hello, World! I am process  3 of 12 on n1.");
        assert_eq!(
            message(10, 11, "n1"),
            "Hello, World! I am process 10 of 11 on n1."
        );
        assert_eq!(message(0, 1, "x"), "Hello, World! I am process 0 of 1 on x.");
    }
}
