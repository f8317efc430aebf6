//! One launch of a program on `np` ranks: start the launcher in a process group of its
//! own, wait with a timeout (or until Ctrl-C), make sure nothing of the run survives,
//! and collect what each rank printed and how it ended.

use crate::capture::{Ending, RankFiles, Role, Stream};
use crate::frames::OwnCode;
use crate::launcher::Launcher;
use crate::stuck::{self, Blocked};
use crate::{interrupt, sweep, sys};
use anyhow::{Context, Result};
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The most of the launcher's own output that is read into memory. Ranks' streams are
/// bounded by the capture shim ([`crate::capture::STREAM_LIMIT`]).
const LAUNCHER_OUTPUT_LIMIT: usize = 1 << 20;

/// How long a launcher may take to exit once all its ranks are gone, before it is killed.
const LAUNCHER_GRACE: Duration = Duration::from_millis(100);

/// How long the processes of a stopped run get to end after SIGTERM before SIGKILL:
/// enough for a launcher to pass the signal on, short enough that Ctrl-C on a rank
/// ignoring it still ends the run at once. (Ranks of a timed-out run get SIGKILL
/// straight away: see [`stop_everything`].)
const TERM_GRACE: Duration = Duration::from_millis(300);

/// What to launch.
pub struct Job<'a> {
    /// `None` for a single-process program: it is started directly, as rank 0.
    pub launcher: Option<&'a Launcher>,
    /// The runner binary, started on every rank to capture its output (see `capture`).
    pub shim: &'a Path,
    pub program: &'a Path,
    /// The program's own source, to find the learner's line in backtraces.
    pub own: &'a OwnCode,
    pub np: usize,
    /// Workers the program spawns (MPI_Comm_spawn); collected after the ranks.
    pub spawns: usize,
    pub timeout: Duration,
}

/// How the run as a whole ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Finished,
    TimedOut,
    /// Stopped because the runner was asked to stop, by the signal given.
    Interrupted(i32),
    /// Stopped because a rank panicked and then made no progress (see
    /// `capture::panic_watch`): its finalize waits for ranks that wait for it.
    PanicStuck,
}

/// One rank's share of a run, or one spawned worker's.
#[derive(Debug, Clone)]
pub struct RankRun {
    /// The process's place in the run: ranks first (`0..np`, their rank), then the
    /// spawned workers (`np + k` for worker k); see [`Run::who`].
    pub rank: usize,
    pub stdout: String,
    pub stderr: String,
    /// The rank program's pid, from the capture shim; `None` if the launcher never
    /// started this rank.
    pub pid: Option<i32>,
    /// How the rank's program ended; `None` if it was still running when the run was
    /// stopped (timeout, Ctrl-C) or never started.
    pub ending: Option<Ending>,
    /// The stream (`stdout`, `stderr`) the rank printed too much on, if it was stopped
    /// for that (see [`crate::capture::STREAM_LIMIT`]).
    pub runaway: Option<Stream>,
    /// Where the rank was waiting when the run was stopped (if gdb could tell).
    pub blocked: Option<Blocked>,
    /// The rank panicked, then hung instead of ending: the run was stopped for it.
    pub stuck_after_panic: bool,
    /// The number of ranks the launcher told this rank it started.
    pub world_size: Option<usize>,
}

impl RankRun {
    /// False if the launcher never started this rank.
    pub fn started(&self) -> bool {
        self.pid.is_some()
    }
}

/// Everything a launch produced.
#[derive(Debug)]
pub struct Run {
    /// The ranks, then the workers they spawned.
    pub ranks: Vec<RankRun>,
    /// How many of `ranks` are the launch's ranks; the rest are spawned workers.
    pub np: usize,
    pub outcome: Outcome,
    /// What the launcher itself printed (its own errors, abort notices).
    pub launcher_output: String,
    pub launcher_code: Option<i32>,
    pub elapsed: Duration,
    /// The command line that started the run, for `--verbose`.
    pub command: String,
}

impl Run {
    /// "rank 2", or "spawned worker 1" for a worker, by place in [`Run::ranks`].
    pub fn who(&self, index: usize) -> String {
        crate::words::who(index, self.np)
    }

    /// The launch's own ranks, without spawned workers.
    fn launched(&self) -> &[RankRun] {
        &self.ranks[..self.np.min(self.ranks.len())]
    }

    /// The ranks and workers that had not finished when the run was stopped.
    pub fn unfinished(&self) -> Vec<usize> {
        self.ranks
            .iter()
            .filter(|r| r.started() && r.ending.is_none())
            .map(|r| r.rank)
            .collect()
    }

    /// True if no rank ever started: the launcher itself failed.
    pub fn launcher_failed(&self) -> bool {
        self.launched().iter().all(|r| !r.started())
    }

    /// The ranks that panicked and hung, for which the run was stopped.
    pub fn stuck_after_panic(&self) -> Vec<usize> {
        self.ranks
            .iter()
            .filter(|r| r.stuck_after_panic)
            .map(|r| r.rank)
            .collect()
    }

    /// The number of ranks the launcher really started, if its ranks say it differs
    /// from the number asked for: launcher arguments that set it override the runner's.
    pub fn other_world_size(&self) -> Option<usize> {
        let asked = self.np;
        self.launched()
            .iter()
            .find_map(|r| r.world_size.filter(|&size| size != asked))
    }
}

/// The variable that gives every rank its run's scratch folder (hpckit::scratch reads it).
pub const SCRATCH: &str = "WORKBOOK_SCRATCH";
/// The capture shim (the runner binary), for starting spawned workers under it.
pub const SHIM: &str = "WORKBOOK_SHIM";
/// The run directory, where spawned workers' shims leave their files.
pub const RUN_DIR: &str = "WORKBOOK_RUN_DIR";

/// Launches the job and waits for it; never leaves a process of the run behind.
pub fn run(job: &Job) -> Result<Run> {
    let dir = run_dir(job.program)?;
    let result = launch_and_collect(job, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn launch_and_collect(job: &Job, dir: &Path) -> Result<Run> {
    // Without a launcher the shim itself is the command: one rank, rank 0.
    let mut cmd = match job.launcher {
        Some(launcher) => {
            let mut cmd = launcher.command(job.np, job.spawns);
            cmd.arg(job.shim);
            cmd
        }
        None => Command::new(job.shim),
    };
    // Every process of the run inherits the tag, however it was started (see `sweep`).
    let tag = dir.display().to_string();
    let scratch = dir.join("scratch");
    std::fs::create_dir(&scratch).with_context(|| format!("creating {}", scratch.display()))?;
    cmd.arg("__rank")
        .arg(dir)
        .arg("--")
        .arg(job.program)
        .env(sweep::RUN_TAG, &tag)
        // A folder of the run's own for the files its ranks share (an MPI-IO file): two
        // checks at once never write the same file, and it goes with the run directory.
        // It is under target/, which a cluster's nodes share, unlike each node's /tmp.
        .env(SCRATCH, &scratch)
        // What hpckit::mpi_ext::spawn needs to start spawned workers under the shim too,
        // so that their output is captured and judged like the ranks'.
        .env(SHIM, job.shim)
        .env(RUN_DIR, dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // Open MPI 4 sometimes loses the notice that names a rank calling MPI_Abort (or
        // failing in MPI) under load; with this, each rank also prints it on its own
        // stderr, which the capture keeps. Other MPIs ignore the variable.
        .env("OMPI_MCA_mpi_abort_print_stack", "1")
        // A panic's backtrace names the learner's line when the panic is in a library
        // (an rsmpi assertion); the learner's own setting wins.
        .env(
            "RUST_BACKTRACE",
            std::env::var_os("RUST_BACKTRACE").unwrap_or_else(|| "1".into()),
        )
        // Its own process group: Ctrl-C in the terminal reaches the runner only, and
        // the runner can end the whole launch with one signal.
        .process_group(0);
    interrupt::install();
    let start = Instant::now();
    let spawned = cmd.spawn().with_context(|| {
        format!(
            "could not start the launcher `{}`",
            cmd.get_program().to_string_lossy()
        )
    });
    let command = std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|a| a.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ");
    let result = spawned.map(|child| supervise(job, dir, child, start, command));
    // Whatever the run left (a rank's daemon, a launcher's helper) ends with it.
    sweep::kill_tagged(sweep::RUN_TAG, &tag);
    result
}

fn supervise(job: &Job, dir: &Path, mut child: Child, start: Instant, command: String) -> Run {
    let stdout = read_capped(child.stdout.take().expect("piped"));
    let stderr = read_capped(child.stderr.take().expect("piped"));
    let outcome = wait(job, dir, &mut child, start);
    let elapsed = start.elapsed();
    // Read the ranks before stopping anything: which ones had finished is the news,
    // and where the others wait.
    let mut ranks: Vec<RankRun> = places(job)
        .map(|(role, i)| collect_rank(dir, role, i, job.np))
        .collect();
    let judged = matches!(outcome, Outcome::TimedOut | Outcome::PanicStuck);
    if judged {
        mark_panicked(&mut ranks);
        locate_stuck(&mut ranks, job.own);
    }
    stop_everything(&mut child, dir, job, judged);
    if outcome != Outcome::Finished {
        // Output written between the first look and the kill belongs to the report.
        for rank in &mut ranks {
            let (ending, blocked, stuck) = (rank.ending, rank.blocked.take(), rank.stuck_after_panic);
            let (role, index) = role_of(rank.rank, job.np);
            *rank = RankRun {
                ending,
                blocked,
                stuck_after_panic: stuck,
                ..collect_rank(dir, role, index, job.np)
            };
        }
    }
    let launcher_code = child.try_wait().ok().flatten().and_then(|s| s.code());
    let mut launcher_output = stdout.recv_timeout(Duration::from_secs(2)).unwrap_or_default();
    launcher_output.push_str(&stderr.recv_timeout(Duration::from_secs(2)).unwrap_or_default());
    attribute_to_ranks(&launcher_output, &mut ranks);
    Run {
        ranks,
        np: job.np,
        outcome,
        launcher_output,
        launcher_code,
        elapsed,
        command,
    }
}

/// Marks every rank still running whose main thread has panicked as stuck after its
/// panic, whether or not its shim has said so yet: the shim waits for the panic report
/// to fall quiet, and a run stopped for one rank's panic may come first for the others
/// (seen with four ranks panicking at once, their backtraces slow to print). Such a
/// rank's verdict is its panic, not the MPI_Finalize it waits in.
fn mark_panicked(ranks: &mut [RankRun]) {
    for rank in ranks.iter_mut().filter(|r| r.ending.is_none()) {
        if crate::capture::main_panicked(&rank.stderr) {
            rank.stuck_after_panic = true;
        }
    }
}

/// Finds where each process still running waits, by gdb, within [`stuck::BUDGET`]. The
/// processes are held stopped (SIGSTOP) first, for good: MPI ranks waiting for a message
/// spin at full speed, and three of them on two cores would leave gdb little time. What
/// they do next no longer matters: the run is over, and they are killed after.
fn locate_stuck(ranks: &mut [RankRun], own: &OwnCode) {
    let stuck: Vec<(usize, i32)> = ranks
        .iter()
        .filter(|r| r.ending.is_none() && !r.stuck_after_panic)
        .filter_map(|r| Some((r.rank, r.pid?)))
        .collect();
    for &(_, pid) in &stuck {
        sys::signal(pid, libc::SIGSTOP);
    }
    for (rank, blocked) in stuck::inspect(&stuck, own, Instant::now() + stuck::BUDGET) {
        ranks[rank].blocked = Some(blocked);
    }
}

/// Waits for the launcher to end, the timeout, a request to stop, or a rank stuck
/// after a panic, whichever comes first.
fn wait(job: &Job, dir: &Path, child: &mut Child, start: Instant) -> Outcome {
    let markers: Vec<PathBuf> = places(job)
        .map(|(role, i)| RankFiles::of(dir, role, i).stuck)
        .collect();
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            return Outcome::Finished;
        }
        if let Some(signal) = interrupt::requested() {
            return Outcome::Interrupted(signal);
        }
        if start.elapsed() >= job.timeout {
            return Outcome::TimedOut;
        }
        if markers.iter().any(|m| m.exists()) {
            return Outcome::PanicStuck;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Ends the launcher's process group and every rank program still alive (launchers
/// may put ranks in process groups of their own), then reaps the launcher. A `judged`
/// run (timed out, or stuck after a panic) has its verdict already, and its ranks held
/// stopped, which SIGTERM does not end: they get SIGKILL at once, and the launcher,
/// left without ranks, the usual SIGTERM.
fn stop_everything(child: &mut Child, dir: &Path, job: &Job, judged: bool) {
    let group = child.id() as i32;
    let rank_pids: Vec<i32> = places(job)
        .filter_map(|(role, i)| read_pid(dir, role, i))
        .collect();
    if judged {
        for &pid in &rank_pids {
            sys::signal(pid, libc::SIGKILL);
        }
    }
    for signal in [libc::SIGTERM, libc::SIGKILL] {
        sys::signal_group(group, signal);
        for &pid in &rank_pids {
            sys::signal(pid, signal);
        }
        let deadline = Instant::now()
            + match signal {
                libc::SIGTERM => TERM_GRACE,
                _ => Duration::from_secs(2),
            };
        let mut ranks_gone_since = None;
        while Instant::now() < deadline {
            let launcher_done = matches!(child.try_wait(), Ok(Some(_)));
            let ranks_alive = rank_pids.iter().any(|&p| sys::alive(p));
            if launcher_done && !ranks_alive && !sys::group_alive(group) {
                return;
            }
            // Once its ranks are gone, a launcher has nothing left worth waiting for:
            // Open MPI's mpiexec would still run its own 2 s shutdown sequence
            // (SIGCONT, 1 s, SIGTERM, 1 s). Give it a moment, then go on to SIGKILL.
            if !ranks_alive && ranks_gone_since.get_or_insert_with(Instant::now).elapsed() > LAUNCHER_GRACE {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    let _ = child.wait();
}

/// Open MPI sends a rank's own error reports (`*** An error occurred in MPI_Recv`)
/// through mpiexec, labelled `[host:pid]` with the rank program's pid. Those lines are
/// the rank's words: they are appended to its stderr, so reports quote them for it.
fn attribute_to_ranks(launcher_output: &str, ranks: &mut [RankRun]) {
    for rank in ranks.iter_mut() {
        let Some(pid) = rank.pid else {
            continue;
        };
        for line in launcher_output.lines().filter(|l| line_pid(l) == Some(pid)) {
            rank.stderr.push_str(line);
            rank.stderr.push('\n');
        }
    }
}

/// The pid in a `[host:01234] …` label at the start of a line.
fn line_pid(line: &str) -> Option<i32> {
    let label = line.strip_prefix('[')?.split(']').next()?;
    label.rsplit(':').next()?.parse().ok()
}

/// Every process of the run by role and number: the ranks, then the spawned workers.
fn places(job: &Job) -> impl Iterator<Item = (Role, usize)> {
    let ranks = (0..job.np).map(|r| (Role::Rank, r));
    ranks.chain((0..job.spawns).map(|k| (Role::Worker, k)))
}

/// The role and number of the process at `index` in [`Run::ranks`].
fn role_of(index: usize, np: usize) -> (Role, usize) {
    match crate::words::Who::of(index, np) {
        crate::words::Who::Rank { rank } => (Role::Rank, rank),
        crate::words::Who::Worker { worker } => (Role::Worker, worker),
    }
}

fn read_pid(dir: &Path, role: Role, index: usize) -> Option<i32> {
    std::fs::read_to_string(RankFiles::of(dir, role, index).pid)
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// What the shim of rank or worker `index` left; workers are placed after the `np` ranks.
fn collect_rank(dir: &Path, role: Role, index: usize, np: usize) -> RankRun {
    let files = RankFiles::of(dir, role, index);
    let read = |path: &Path| {
        std::fs::read(path)
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default()
    };
    RankRun {
        rank: match role {
            Role::Rank => index,
            Role::Worker => np + index,
        },
        stdout: read(&files.stdout),
        stderr: read(&files.stderr),
        pid: read_pid(dir, role, index),
        ending: std::fs::read_to_string(&files.status)
            .ok()
            .and_then(|t| Ending::parse(&t)),
        runaway: std::fs::read_to_string(&files.runaway)
            .ok()
            .and_then(|name| Stream::parse(&name)),
        blocked: None,
        stuck_after_panic: files.stuck.exists(),
        world_size: std::fs::read_to_string(&files.size)
            .ok()
            .and_then(|t| t.trim().parse().ok()),
    }
}

/// Reads a pipe to its end on a thread, keeping at most [`LAUNCHER_OUTPUT_LIMIT`] bytes; the
/// receiver gets the text once the pipe closes.
fn read_capped(mut pipe: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        let mut buf = [0u8; 8192];
        while let Ok(n) = pipe.read(&mut buf) {
            if n == 0 {
                break;
            }
            let room = LAUNCHER_OUTPUT_LIMIT.saturating_sub(kept.len());
            kept.extend_from_slice(&buf[..n.min(room)]);
        }
        let _ = tx.send(String::from_utf8_lossy(&kept).into_owned());
    });
    rx
}

/// A fresh directory for the ranks' files, beside the program in the target directory:
/// unlike /tmp, the workspace is shared between a cluster's nodes.
fn run_dir(program: &Path) -> Result<PathBuf> {
    let base = program
        .parent()
        .map(|p| p.join("workbook-runs"))
        .unwrap_or_else(std::env::temp_dir);
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let dir = base.join(format!("run-{}-{stamp}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::{line_pid, mark_panicked, Ending, RankRun};

    fn rank(stderr: &str, ending: Option<Ending>) -> RankRun {
        RankRun {
            rank: 0,
            stdout: String::new(),
            stderr: stderr.to_string(),
            pid: Some(1),
            ending,
            runaway: None,
            blocked: None,
            stuck_after_panic: false,
            world_size: Some(1),
        }
    }

    /// A rank still running after its main thread's panic is stuck after it, even
    /// before its shim has said so; one that ended, or whose panic was on another
    /// thread, is not.
    #[test]
    fn a_rank_running_after_its_main_panic_is_stuck_after_it() {
        let panic = "thread 'main' (9) panicked at src/main.rs:3:5:\nnot yet implemented\n";
        let other = "thread '<unnamed>' (10) panicked at src/main.rs:8:9:\nboom\n";
        let mut ranks = [
            rank(panic, None),
            rank(panic, Some(Ending::Exited(101))),
            rank(other, None),
            rank("", None),
        ];
        mark_panicked(&mut ranks);
        let stuck: Vec<bool> = ranks.iter().map(|r| r.stuck_after_panic).collect();
        assert_eq!(stuck, [true, false, false, false]);
    }

    #[test]
    fn reads_the_pid_of_open_mpi_labels() {
        assert_eq!(
            line_pid("[vm:03185] *** An error occurred in MPI_Recv"),
            Some(3185)
        );
        assert_eq!(line_pid("[node-1.cluster:12] x"), Some(12));
        assert_eq!(line_pid("MPI_ABORT was invoked on rank 1"), None);
        assert_eq!(line_pid("[rank 0]"), None);
    }
}
