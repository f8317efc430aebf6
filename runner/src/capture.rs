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

/// The environment variables launchers set to a process's rank in MPI_COMM_WORLD,
/// in the order they are trusted: Open MPI, PMIx, MPICH/Hydra and Intel MPI, SLURM.
const RANK_VARIABLES: [&str; 4] = ["OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK", "SLURM_PROCID"];

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
}

impl RankFiles {
    pub fn new(dir: &Path, rank: usize) -> RankFiles {
        let file = |ext: &str| dir.join(format!("rank-{rank}.{ext}"));
        RankFiles {
            stdout: file("out"),
            stderr: file("err"),
            pid: file("pid"),
            status: file("status"),
            runaway: file("runaway"),
        }
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
    RANK_VARIABLES
        .iter()
        .find_map(|var| std::env::var(var).ok()?.trim().parse().ok())
        .unwrap_or(0)
}

/// The pid of the running program, for the signal handler; 0 until it has started.
static CHILD: AtomicI32 = AtomicI32::new(0);
/// A signal that arrived before the program had started, passed on once it has.
static PENDING: AtomicI32 = AtomicI32::new(0);

/// Passes a termination signal from the launcher on to the program, so that a launcher
/// that kills its ranks (after an MPI abort, say) really ends them.
extern "C" fn forward(signal: libc::c_int) {
    PENDING.store(signal, Ordering::SeqCst);
    let pid = CHILD.load(Ordering::SeqCst);
    if pid > 0 {
        // SAFETY: kill is async-signal-safe, and pid names our own child.
        unsafe { libc::kill(pid, signal) };
    }
}

const FORWARDED: [libc::c_int; 5] = [
    libc::SIGTERM,
    libc::SIGINT,
    libc::SIGHUP,
    libc::SIGUSR1,
    libc::SIGUSR2,
];

fn install_forwarding() {
    for signal in FORWARDED {
        // SAFETY: the handler only reads an atomic and calls kill.
        unsafe {
            libc::signal(
                signal,
                forward as extern "C" fn(libc::c_int) as libc::sighandler_t,
            )
        };
    }
}

/// The shim's whole life: run `program` as this rank, and end the way it ended, so the
/// launcher sees the same exit code or signal it would have seen without the shim.
pub fn run_rank(dir: &Path, program: &Path, args: &[String]) -> Result<i32> {
    let rank = rank_from_env();
    let files = RankFiles::new(dir, rank);
    let create = |path: &Path| File::create(path).with_context(|| format!("creating {}", path.display()));
    let (out_file, err_file) = (create(&files.stdout)?, create(&files.stderr)?);
    install_forwarding();
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("rank {rank} could not start {}", program.display()))?;
    let pid = child.id() as i32;
    CHILD.store(pid, Ordering::SeqCst);
    let copies = [
        copy_capped(
            child.stdout.take().expect("piped"),
            out_file,
            "stdout",
            pid,
            files.runaway.clone(),
        ),
        copy_capped(
            child.stderr.take().expect("piped"),
            err_file,
            "stderr",
            pid,
            files.runaway.clone(),
        ),
    ];
    let pending = PENDING.load(Ordering::SeqCst);
    if pending != 0 {
        // SAFETY: signalling our own child.
        unsafe { libc::kill(child.id() as i32, pending) };
    }
    std::fs::write(&files.pid, child.id().to_string())?;
    let status = child.wait()?;
    for copy in copies {
        let _ = copy.join();
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
            // SAFETY: restoring the default action and raising a signal on ourselves.
            unsafe {
                libc::signal(signal, libc::SIG_DFL);
                libc::raise(signal);
            }
            Ok(128 + signal)
        }
    }
}

/// Copies one of the program's streams into its file on a thread, up to
/// [`STREAM_LIMIT`]; past that, marks the rank as runaway, kills the program, and
/// drains the pipe so that nothing blocks.
fn copy_capped(
    mut from: impl Read + Send + 'static,
    mut to: File,
    stream: &'static str,
    pid: i32,
    marker: PathBuf,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut buf = [0u8; 16 * 1024];
        let (mut kept, mut stopped) = (0, false);
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 {
                break;
            }
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
                    .and_then(|mut f| f.write_all(stream.as_bytes()));
                // SAFETY: signalling our own child.
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
        }
    })
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
