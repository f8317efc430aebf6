//! Per-rank capture: the launcher starts `runner __rank <dir> -- <program>` on every rank
//! instead of the program itself. This shim learns its rank from the launcher's
//! environment, runs the program with stdout and stderr copied to files of their own
//! (`rank-3.out`, `rank-3.err`), and records the program's pid and how it ended.
//!
//! Each stream is kept up to [`STREAM_LIMIT`]: a rank that prints more (a loop printing
//! without end) is stopped at once and marked (`rank-3.runaway`), so that neither the
//! disk nor the runner's memory fills up, and the report can say what happened.
//!
//! Why files and not the launcher's labelled output: Open MPI's `--tag-output` (and
//! Hydra's `-l`) label each *write*, and Rust's `eprintln!` and panic messages are
//! several writes, so ranks' lines interleave mid-line. A file per rank and stream cannot
//! mix, whatever the launcher and however many ranks print at once. The run directory
//! lives in the workspace's target directory, which clusters share between nodes.

use anyhow::{Context, Result};
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc;

mod panic_watch;
pub use panic_watch::main_panicked;
use panic_watch::PanicWatch;

/// The environment variables launchers set to a process's rank in MPI_COMM_WORLD,
/// in the order they are trusted: Open MPI, PMIx, MPICH/Hydra and Intel MPI, SLURM.
const RANK_VARIABLES: [&str; 4] = ["OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK", "SLURM_PROCID"];

/// The environment variables launchers set to the number of ranks, in the same order.
const SIZE_VARIABLES: [&str; 3] = ["OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "SLURM_NTASKS"];

/// The most of one stream of one rank that is kept; past it the rank is stopped.
pub const STREAM_LIMIT: usize = 2 << 20;

/// The files one rank leaves in the run directory.
pub struct RankFiles {
    pub stdout: PathBuf,
    pub stderr: PathBuf,
    /// The program's pid, written as soon as it started: the runner uses it to tell
    /// which ranks are still running at a timeout, and to kill them.
    pub pid: PathBuf,
    /// How the program ended (`exit 0`, `signal 11`), written after it did.
    pub status: PathBuf,
    /// Written, naming the stream, if the program printed more than [`STREAM_LIMIT`].
    pub runaway: PathBuf,
    /// Written if the program panicked and then stopped making progress without
    /// ending (see [`PanicWatch`]): the runner stops the job at once.
    pub stuck: PathBuf,
    /// The number of ranks the launcher started, as this rank's environment says.
    pub size: PathBuf,
}

/// Which kind of process a shim captures: a rank the launcher started, or a worker a
/// rank spawned (MPI_Comm_spawn); each has its own files, numbered in its own world.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Rank,
    Worker,
}

impl RankFiles {
    pub fn new(dir: &Path, rank: usize) -> RankFiles {
        RankFiles::of(dir, Role::Rank, rank)
    }

    /// The files of rank or worker `index` (its rank in its own MPI_COMM_WORLD).
    pub fn of(dir: &Path, role: Role, index: usize) -> RankFiles {
        let prefix = match role {
            Role::Rank => "rank",
            Role::Worker => "worker",
        };
        let file = |ext: &str| dir.join(format!("{prefix}-{index}.{ext}"));
        RankFiles {
            stdout: file("out"),
            stderr: file("err"),
            pid: file("pid"),
            status: file("status"),
            runaway: file("runaway"),
            stuck: file("stuck"),
            size: file("size"),
        }
    }
}

/// One of a program's output streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl Stream {
    pub fn name(self) -> &'static str {
        match self {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
        }
    }

    /// Reads a stream's name back, as the runaway marker holds it.
    pub fn parse(name: &str) -> Option<Stream> {
        [Stream::Stdout, Stream::Stderr]
            .into_iter()
            .find(|s| s.name() == name.trim())
    }
}

/// How a rank's program ended, as the shim recorded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Exited(i32),
    Signalled(i32),
}

impl Ending {
    /// Parses what [`run_rank`] wrote into the status file.
    pub fn parse(text: &str) -> Option<Ending> {
        let (kind, value) = text.trim().split_once(' ')?;
        let value = value.parse().ok()?;
        match kind {
            "exit" => Some(Ending::Exited(value)),
            "signal" => Some(Ending::Signalled(value)),
            _ => None,
        }
    }

    fn record(self) -> String {
        match self {
            Ending::Exited(code) => format!("exit {code}"),
            Ending::Signalled(sig) => format!("signal {sig}"),
        }
    }
}

/// This process's rank, from the launcher's environment (0 when run without one).
pub fn rank_from_env() -> usize {
    first_number_in_env(&RANK_VARIABLES).unwrap_or(0)
}

/// The value of the first of `variables` that is set to a number.
fn first_number_in_env(variables: &[&str]) -> Option<usize> {
    variables
        .iter()
        .find_map(|var| std::env::var(var).ok()?.trim().parse().ok())
}

/// The pid of the running program, for signal forwarding; 0 until it has started.
static CHILD: AtomicI32 = AtomicI32::new(0);
/// A signal that arrived before the program had started, passed on once it has.
static PENDING: AtomicI32 = AtomicI32::new(0);

/// The signals passed on to the program, so that a launcher that ends its ranks (after
/// an MPI abort, say) really ends them.
const FORWARDED: [libc::c_int; 5] = [
    libc::SIGTERM,
    libc::SIGINT,
    libc::SIGHUP,
    libc::SIGUSR1,
    libc::SIGUSR2,
];

/// Forwards [`FORWARDED`] signals to the program from a thread of their own.
fn install_forwarding() -> Result<()> {
    let mut signals =
        signal_hook::iterator::Signals::new(FORWARDED).context("installing the shim's signal handlers")?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            PENDING.store(signal, Ordering::SeqCst);
            signal_child(signal);
        }
    });
    Ok(())
}

/// Sends `signal` to the program, once it has started.
fn signal_child(signal: i32) {
    let pid = CHILD.load(Ordering::SeqCst);
    if pid > 0 {
        crate::sys::signal(pid, signal);
    }
}

/// The shim's whole life: run `program` as this rank, and end the way it ended, so the
/// launcher sees the same exit code or signal it would have seen without the shim.
pub fn run_rank(dir: &Path, role: Role, program: &Path, args: &[String]) -> Result<i32> {
    let rank = rank_from_env();
    let files = RankFiles::of(dir, role, rank);
    let create = |path: &Path| File::create(path).with_context(|| format!("creating {}", path.display()));
    let (out_file, err_file) = (create(&files.stdout)?, create(&files.stderr)?);
    if let Some(size) = world_size_from_env() {
        std::fs::write(&files.size, size.to_string())?;
    }
    install_forwarding()?;
    // Everything the program starts inherits this tag, so that it can be ended with it.
    let tag = format!("{}-{role:?}-{rank}", dir.display());
    let mut child = Command::new(program)
        .args(args)
        .env(crate::sweep::RANK_TAG, &tag)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("rank {rank} could not start {}", program.display()))?;
    let pid = child.id() as i32;
    CHILD.store(pid, Ordering::SeqCst);
    let (done_tx, done_rx) = mpsc::channel();
    let watch = PanicWatch::new(files.stuck.clone());
    let stdout = child.stdout.take().expect("piped");
    let stderr = child.stderr.take().expect("piped");
    copy_capped(
        stdout,
        out_file,
        Stream::Stdout,
        pid,
        &files.runaway,
        done_tx.clone(),
        |_| {},
    );
    let on_stderr = watch.clone();
    copy_capped(
        stderr,
        err_file,
        Stream::Stderr,
        pid,
        &files.runaway,
        done_tx,
        move |bytes| on_stderr.saw(bytes),
    );
    let pending = PENDING.load(Ordering::SeqCst);
    if pending != 0 {
        signal_child(pending);
    }
    std::fs::write(&files.pid, child.id().to_string())?;
    let status = child.wait()?;
    watch.ended();
    // What the program started dies with it: left alive, it would hold the output
    // pipes open, and the copies below would wait for it.
    crate::sweep::kill_tagged(crate::sweep::RANK_TAG, &tag);
    for _ in 0..2 {
        let _ = done_rx.recv_timeout(std::time::Duration::from_secs(1));
    }
    let ending = match (
        status.code(),
        std::os::unix::process::ExitStatusExt::signal(&status),
    ) {
        (Some(code), _) => Ending::Exited(code),
        (None, Some(signal)) => Ending::Signalled(signal),
        (None, None) => Ending::Exited(1),
    };
    std::fs::write(&files.status, ending.record())?;
    match ending {
        Ending::Exited(code) => Ok(code),
        Ending::Signalled(signal) => {
            // Die of the same signal, so the launcher reports it as the program's.
            signal_hook::low_level::emulate_default_handler(signal)?;
            Ok(128 + signal)
        }
    }
}

/// The number of ranks the launcher started, from its environment, as the shim
/// records it: a launcher argument that sets another count is a configuration
/// problem, not the learner's.
fn world_size_from_env() -> Option<usize> {
    first_number_in_env(&SIZE_VARIABLES)
}

/// Copies one of the program's streams into its file on a thread, up to
/// [`STREAM_LIMIT`]; past that, marks the rank as runaway, kills the program, and
/// drains the pipe so that nothing blocks. `seen` looks at every piece as it passes;
/// `done` hears when the stream has ended.
fn copy_capped(
    mut from: impl Read + Send + 'static,
    mut to: File,
    stream: Stream,
    pid: i32,
    marker: &Path,
    done: mpsc::Sender<()>,
    mut seen: impl FnMut(&[u8]) + Send + 'static,
) {
    let marker = marker.to_path_buf();
    std::thread::spawn(move || {
        let mut buf = [0u8; 16 * 1024];
        let (mut kept, mut stopped) = (0, false);
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen(&buf[..n]);
            let room = STREAM_LIMIT - kept;
            let _ = to.write_all(&buf[..n.min(room)]);
            kept += n.min(room);
            if n > room && !stopped {
                stopped = true;
                // The first stream to overflow names itself; `create_new` keeps the
                // other stream's thread from overwriting it.
                let _ = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&marker)
                    .and_then(|mut f| f.write_all(stream.name().as_bytes()));
                crate::sys::signal(pid, libc::SIGKILL);
            }
        }
        let _ = done.send(());
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endings_round_trip() {
        for ending in [Ending::Exited(0), Ending::Exited(101), Ending::Signalled(11)] {
            assert_eq!(Ending::parse(&ending.record()), Some(ending));
        }
        assert_eq!(Ending::parse("garbage"), None);
    }
}
