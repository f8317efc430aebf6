//! `mpi_ext::abort::abort_on_panic` under a real mpiexec: rank 1 of 3 panics while
//! ranks 0 and 2 wait in a barrier. Without the hook the job would hang in
//! MPI_Finalize until mpiexec's time limit; with it, the job ends at once, with the
//! panic's message and a failing exit code.
//!
//! A test without libtest's harness (`harness = false`): the hook acts on the main
//! thread's panics only, and libtest would run the panicking code on a thread of its
//! own. The binary launches itself under mpiexec; in the ranks, RANK_ROLE is set.

// Only the launcher of the shared module is used here.
#[allow(dead_code)]
mod mpi_launch;

use mpi::traits::*;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RANK_ROLE: &str = "HPCKIT_TEST_ABORT_RANK";
const NAME: &str = "a_panic_on_one_rank_ends_the_whole_job";

fn main() {
    if std::env::var_os(RANK_ROLE).is_some() {
        return rank();
    }
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !NAME.contains(&a))
    {
        return; // filtered out by a test name given to `cargo test`
    }
    a_panic_on_one_rank_ends_the_whole_job();
    println!("test {NAME} ... ok");
}

/// One rank's program: rank 1 panics, the others wait for it in a barrier.
fn rank() {
    let universe = mpi::initialize().expect("MPI initializes once");
    hpckit::mpi_ext::abort::abort_on_panic();
    let world = universe.world();
    if world.rank() == 1 {
        panic!("rank 1 panics on purpose");
    }
    world.barrier();
    println!("rank {} passed the barrier, which it never should", world.rank());
}

fn a_panic_on_one_rank_ends_the_whole_job() {
    let (launcher, options) = mpi_launch::launcher();
    let start = Instant::now();
    let out = Command::new(launcher)
        .args(options)
        .args(["-n", "3"])
        .arg(std::env::current_exe().expect("a test knows its binary"))
        .env(RANK_ROLE, "1")
        .env("MPIEXEC_TIMEOUT", "60")
        .stdin(Stdio::null())
        .output()
        .expect("mpiexec starts");
    let elapsed = start.elapsed();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(!out.status.success(), "{stdout}{stderr}");
    assert!(stderr.contains("rank 1 panics on purpose"), "{stderr}");
    assert!(
        stderr.contains("abort_on_panic: ending the whole job with MPI_Abort"),
        "{stderr}"
    );
    assert!(!stdout.contains("passed the barrier"), "{stdout}");
    // Far from the 60 s limit a hang would reach; a run takes about a second.
    assert!(elapsed < Duration::from_secs(30), "took {elapsed:?}: {stderr}");
}
