//! What it costs to start a worker and wait for it: a thread (`std::thread::spawn`
//! and `join`) against a process (this very program started again with
//! [`CHILD_FLAG`], which makes it exit at once, and waited for). Each start is timed
//! on its own; the two kinds take turns in rounds.

use std::hint::black_box;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::Instant;

/// The argument that makes the program exit as soon as it starts.
pub const CHILD_FLAG: &str = "--exit-at-once";

/// The seconds of every timed start, per kind.
#[derive(Default)]
pub struct Starts {
    pub thread: Vec<f64>,
    pub process: Vec<f64>,
}

/// `rounds` rounds of `threads` thread starts and `processes` process starts each,
/// in one order and then the other; `exe` is this program.
pub fn measure(exe: &Path, rounds: usize, threads: usize, processes: usize) -> Starts {
    let mut starts = Starts::default();
    for round in 0..rounds {
        let thread_first = round % 2 == 0;
        if thread_first {
            starts.thread.extend((0..threads).map(|_| thread_start()));
        }
        starts.process.extend((0..processes).map(|_| process_start(exe)));
        if !thread_first {
            starts.thread.extend((0..threads).map(|_| thread_start()));
        }
    }
    starts
}

/// One thread started, given a trivial job, and joined.
fn thread_start() -> f64 {
    let t0 = Instant::now();
    let answer = thread::spawn(|| black_box(42))
        .join()
        .expect("the thread panicked");
    let seconds = t0.elapsed().as_secs_f64();
    assert_eq!(answer, 42);
    seconds
}

/// This program started again as a child that exits at once, and waited for.
fn process_start(exe: &Path) -> f64 {
    let t0 = Instant::now();
    let status = Command::new(exe)
        .arg(CHILD_FLAG)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("could not start this program again");
    let seconds = t0.elapsed().as_secs_f64();
    assert!(status.success(), "the child exited with {status}");
    seconds
}
