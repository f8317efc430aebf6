//! The runner against programs that fail in known ways (the fixture course in
//! tests/fixtures/course). Every call of the runner here is held to three things: the
//! exact words of its report, its exit code, and that it reported within its
//! exercise's timeout plus [`GRACE`] and left no process of its run behind.

mod common;

use runner::build::{self, Log};
use runner::course::Variant;
use std::cell::RefCell;
use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Once, OnceLock, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long past its timeout a check may take to report: gdb reading where stuck ranks
/// wait, stopping every process of the run, judging and printing.
const GRACE: Duration = Duration::from_secs(2);

/// The environment variable that tags every process of one call (see [`Call`]).
const TAG: &str = "WORKBOOK_TEST_TAG";

/// How long a process of a finished run may take to disappear: a shim whose program
/// was just killed still writes its status file and exits. Anything alive after this
/// was left behind.
const EXITING: Duration = Duration::from_secs(1);

/// Held shared by every test that calls the runner, and alone by the tests that load
/// the cores on purpose (burner threads, ranks that spin in a receive) or whose budget
/// is tight (a 3 s timeout, then gdb's backtraces): on a machine of two cores, running
/// them beside other checks would eat the time budgets of both.
static CORES: RwLock<()> = RwLock::new(());

/// A test's hold on [`CORES`].
#[allow(dead_code)] // held for its drop
enum Hold {
    Shared(RwLockReadGuard<'static, ()>),
    Alone(RwLockWriteGuard<'static, ()>),
}

thread_local! {
    /// This test's hold, taken once (a second share on one thread could wait forever
    /// behind a waiting writer) and let go when the test's thread ends.
    static HOLD: RefCell<Option<Hold>> = const { RefCell::new(None) };
}

/// Holds [`CORES`] alone for the rest of the test; called before its first call.
fn alone() {
    HOLD.with_borrow_mut(|hold| {
        assert!(hold.is_none(), "alone() must come before the test's first call");
        *hold = Some(Hold::Alone(CORES.write().unwrap_or_else(|e| e.into_inner())));
    });
}

/// Takes a share of [`CORES`] for the rest of the test, unless it holds one already.
fn share() {
    HOLD.with_borrow_mut(|hold| {
        if hold.is_none() {
            *hold = Some(Hold::Shared(CORES.read().unwrap_or_else(|e| e.into_inner())));
        }
    });
}

/// What one call of the runner did.
struct Report {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    /// The peak resident memory in KiB of the runner or of any process it waited for
    /// (cargo, mpiexec, and through mpiexec the ranks): `ru_maxrss` from `wait4`.
    peak_kib: i64,
    /// This test process's resident size when it started the runner. Linux counts a
    /// forked child's memory from its parent's until it execs, and keeps that high-water
    /// mark across the exec, so no peak can be below it.
    forked_from_kib: i64,
}

/// Both streams, for the message of a failed assertion.
impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "exit {} after {:?}\n{}{}",
            self.code, self.elapsed, self.stdout, self.stderr
        )
    }
}

impl Report {
    /// The report after its first line, which names the launcher and the time taken
    /// (both vary); checks the fixed part of that first line.
    fn body(&self, checked: &str) -> &str {
        let (first, rest) = self.stdout.split_once('\n').unwrap_or((&self.stdout, ""));
        assert!(
            first.starts_with(&format!("Checked {checked} with ")),
            "first line: {first}\n{}",
            self.stdout
        );
        rest
    }

    /// The lines of the report that start with a rank's mark.
    fn rank_lines(&self) -> Vec<&str> {
        self.stdout
            .lines()
            .filter(|l| l.starts_with("  ✓ rank") || l.starts_with("  ✗ rank"))
            .collect()
    }
}

/// One call of the runner on the fixture course, as a learner makes it (no colour,
/// `--quiet`). Its environment carries a [`TAG`] no other call has; every process of
/// its run inherits it (cargo, mpiexec, the capture shims, the ranks, gdb), so the
/// processes of this run can be told from those of the tests that run beside it.
struct Call {
    cmd: Command,
    tag: String,
    budget: Duration,
}

/// A call that has started.
struct Running {
    child: Child,
    tag: String,
    budget: Duration,
    start: Instant,
    forked_from_kib: i64,
    stdout: JoinHandle<String>,
    stderr: JoinHandle<String>,
}

fn call(args: &[&str]) -> Call {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    prebuild();
    share();
    let tag = format!("{}-{}", std::process::id(), CALLS.fetch_add(1, Ordering::SeqCst));
    let mut cmd = common::runner(common::fixtures().root(), args);
    cmd.env(TAG, &tag).stdout(Stdio::piped()).stderr(Stdio::piped());
    Call {
        cmd,
        tag,
        budget: timeout_of(args) + GRACE,
    }
}

/// `runner check <exercise>`, held to the three things.
fn check(exercise: &str) -> Report {
    call(&["check", exercise]).run()
}

/// The timeout a call runs under: `--timeout` if given, else its exercise's; zero for
/// a call that names no exercise (it must answer at once).
fn timeout_of(args: &[&str]) -> Duration {
    let given = args
        .iter()
        .position(|a| *a == "--timeout")
        .and_then(|i| args.get(i + 1)?.parse().ok());
    let manifest = || Some(common::fixtures().resolve(args.get(1)?).ok()?.timeout);
    Duration::from_secs(given.or_else(manifest).unwrap_or(0))
}

impl Call {
    fn env(mut self, key: &str, value: &str) -> Call {
        self.cmd.env(key, value);
        self
    }

    fn spawn(mut self) -> Running {
        let start = Instant::now();
        let forked_from_kib = resident_kib();
        let mut child = self.cmd.spawn().unwrap();
        let read = |mut pipe: Box<dyn Read + Send>| {
            std::thread::spawn(move || {
                let mut text = String::new();
                pipe.read_to_string(&mut text).unwrap();
                text
            })
        };
        Running {
            forked_from_kib,
            stdout: read(Box::new(child.stdout.take().unwrap())),
            stderr: read(Box::new(child.stderr.take().unwrap())),
            child,
            tag: self.tag,
            budget: self.budget,
            start,
        }
    }

    fn run(self) -> Report {
        self.spawn().finish()
    }
}

impl Running {
    /// Waits for the runner, then asserts that it reported within its budget and that
    /// no process of its run outlived it.
    fn finish(self) -> Report {
        let (code, peak_kib) = wait_for(self.child.id());
        let elapsed = self.start.elapsed();
        let report = Report {
            code,
            stdout: self.stdout.join().unwrap(),
            stderr: self.stderr.join().unwrap(),
            elapsed,
            peak_kib,
            forked_from_kib: self.forked_from_kib,
        };
        assert!(
            elapsed <= self.budget,
            "the runner took {elapsed:?}, more than its timeout plus {GRACE:?} ({:?}):\n{report}",
            self.budget,
        );
        let deadline = Instant::now() + EXITING;
        loop {
            let left = processes_tagged(&self.tag);
            if left.is_empty() {
                break;
            }
            let left: Vec<String> = left.iter().map(Process::to_string).collect();
            assert!(
                Instant::now() < deadline,
                "processes of the run outlived the runner by {EXITING:?}:\n{}\n{report}",
                left.join("\n"),
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        report
    }

    /// Waits until the shim of every one of `ranks` ranks has recorded its program's
    /// pid in the run directory: from then on the runner counts the rank as started.
    fn wait_until_ranks_started(&self, ranks: usize) {
        let started = || {
            // A shim runs `runner __rank <run directory> -- <program>`.
            let dir = processes_tagged(&self.tag).into_iter().find_map(|p| {
                let at = p.argv.iter().position(|a| a == "__rank")?;
                Some(PathBuf::from(p.argv.get(at + 1)?))
            });
            dir.is_some_and(|dir| (0..ranks).all(|r| dir.join(format!("rank-{r}.pid")).is_file()))
        };
        while !started() {
            assert!(
                self.start.elapsed() < Duration::from_secs(30),
                "the ranks never started"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Reaps the runner with `wait4`, for its exit code and peak memory. A runner killed by
/// a signal counts as 128 + the signal, as a shell says.
/// This process's resident size in KiB (VmRSS in /proc/self/status).
fn resident_kib() -> i64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn wait_for(pid: u32) -> (i32, i64) {
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: waiting for our own child, which std's Child never reaps on drop.
        let got = unsafe { libc::wait4(pid as i32, &mut status, 0, &mut usage) };
        if got == pid as i32 {
            break;
        }
        let err = std::io::Error::last_os_error();
        assert_eq!(err.kind(), std::io::ErrorKind::Interrupted, "wait4: {err}");
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    (code, usage.ru_maxrss)
}

/// A live process, as /proc shows it.
struct Process {
    pid: String,
    argv: Vec<String>,
}

impl std::fmt::Display for Process {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}: {}", self.pid, self.argv.join(" "))
    }
}

/// The live processes whose environment holds `TAG=tag`. (A zombie's environment reads
/// empty: it is gone but for its exit status, which its parent has yet to collect.)
fn processes_tagged(tag: &str) -> Vec<Process> {
    let needle = format!("\0{TAG}={tag}\0");
    std::fs::read_dir("/proc")
        .expect("reading /proc: the check for leftover processes needs Linux's /proc")
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .bytes()
                .all(|b| b.is_ascii_digit())
        })
        .filter_map(|e| {
            // Entries end with NUL; a leading NUL lets the first one match too.
            let mut environ = vec![0];
            environ.extend(std::fs::read(e.path().join("environ")).ok()?);
            if !environ.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                return None;
            }
            let cmdline = std::fs::read(e.path().join("cmdline")).ok()?;
            Some(Process {
                pid: e.file_name().to_string_lossy().into_owned(),
                argv: cmdline
                    .split(|&b| b == 0)
                    .filter(|a| !a.is_empty())
                    .map(|a| String::from_utf8_lossy(a).into_owned())
                    .collect(),
            })
        })
        .collect()
}

/// Builds every fixture crate once, before any call is timed: on a fresh checkout the
/// first build compiles mpi-sys for minutes, and a check's budget is for its run. The
/// runner's own build of each crate is then cargo's no-op, inside the budget. The
/// compile-error fixture fails here as it should; nothing else may.
fn prebuild() {
    static BUILT: Once = Once::new();
    BUILT.call_once(|| {
        let course = common::fixtures();
        for ex in course.exercises() {
            if let Err(err) = build::build(&course.crate_dir(ex, Variant::Exercise), Log::Hide, ex.release) {
                panic!("building the fixture {} failed: {err:#}", ex.slug);
            }
        }
    });
}

/// The end of the report of a check that finished with `wrong` failing and the
/// `stopped` ranks stopped by the launcher because of it, where which ranks the
/// launcher stopped is known only once the check ran (it races with ranks exiting).
fn failed(id: &str, wrong: usize, stopped: &[usize], ranks: usize) -> String {
    let because = match stopped {
        [] => String::new(),
        [_] => format!("; {} was stopped because of that", in_words(stopped)),
        _ => format!("; {} were stopped because of that", in_words(stopped)),
    };
    format!(
        "✗ {id} failed: rank {wrong} is wrong{because} ({} of {ranks} ranks pass).\n  \
         Stuck? `cargo run -p runner -- hint {id}` shows a hint.\n",
        ranks - 1 - stopped.len()
    )
}

/// A list of ranks as a report words it, written out for every list the tests meet:
/// the runner's own wording (`words::rank_list`) is under test, so it must not make
/// the expected text too, or a mistake in it would pass on both sides.
fn in_words(ranks: &[usize]) -> &'static str {
    match ranks {
        [0] => "rank 0",
        [1] => "rank 1",
        [2] => "rank 2",
        [3] => "rank 3",
        [0, 1] => "ranks 0 and 1",
        [0, 2] => "ranks 0 and 2",
        [0, 3] => "ranks 0 and 3",
        [1, 3] => "ranks 1 and 3",
        [0, 1, 3] => "ranks 0, 1 and 3",
        _ => panic!("no words are written out here for ranks {ranks:?}"),
    }
}

/// Whether gdb runs here, found by running it: the runner's own search of PATH
/// (`probe::on_path`) decides whether it locates stuck ranks, so it must not decide
/// which report the tests expect too.
fn gdb_installed() -> bool {
    static INSTALLED: OnceLock<bool> = OnceLock::new();
    *INSTALLED.get_or_init(|| {
        Command::new("gdb")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    })
}

/// Asserts that `actual` is `expected`, and otherwise says where they first differ:
/// for texts of thousands of lines, which `assert_eq!` would print whole.
fn assert_same_text(actual: &str, expected: &str, what: &str) {
    if actual == expected {
        return;
    }
    let actual: Vec<&str> = actual.split_inclusive('\n').collect();
    let expected: Vec<&str> = expected.split_inclusive('\n').collect();
    let at = (0..=actual.len().max(expected.len()))
        .find(|&i| actual.get(i) != expected.get(i))
        .expect("texts that differ differ in a line");
    let show = |line: Option<&&str>| line.map_or("the end of the text".to_string(), |l| format!("{l:?}"));
    panic!(
        "{what} differs first at line {}: {} where {} was expected ({} lines, {} expected)",
        at + 1,
        show(actual.get(at)),
        show(expected.get(at)),
        actual.len(),
        expected.len()
    );
}

#[test]
fn one_wrong_line_names_the_rank_and_shows_the_diff() {
    let report = check("wrong-line");
    assert_eq!(report.code, 1, "{report}");
    assert_eq!(
        report.body("ex01 (wrong-line) at 4 ranks"),
        "  ✓ rank 0  output matches\n\
         \x20 ✗ rank 1  output differs (- expected, + yours):\n\
         \x20     - rank 1 says hello\n\
         \x20     + rank 1 says goodbye\n\
         \x20       rank 1 is done\n\
         \x20 ✓ rank 2  output matches\n\
         \x20 ✓ rank 3  output matches\n\
         ✗ ex01 failed: rank 1 is wrong (3 of 4 ranks pass).\n  \
         Stuck? `cargo run -p runner -- hint ex01` shows a hint.\n"
    );
    assert_eq!(report.stderr, "");
}

/// The right lines in an order the solution may never print pass, where the manifest
/// says the order is not defined (`unordered`), and the report says so.
#[test]
fn lines_of_an_unordered_exercise_pass_in_any_order() {
    let report = check("any-order");
    assert_eq!(report.code, 0, "{report}");
    assert_eq!(
        report.stdout.split_once('\n').map(|(_, body)| body),
        Some(
            "  ✓ the program  output matches, in any order\n\
             ✓ ex21 passed: it printed what was expected.\n"
        ),
        "{report}"
    );
}

/// One wrong line among jumbled ones: both outputs are shown sorted, so the diff is
/// the one line, not the whole jumble.
#[test]
fn a_wrong_line_of_an_unordered_exercise_stands_out_in_a_sorted_diff() {
    let report = check("any-order-wrong");
    assert_eq!(report.code, 1, "{report}");
    assert_eq!(
        report.stdout.split_once('\n').map(|(_, body)| body),
        Some(
            "  ✗ the program  output differs (- expected, + yours; its lines may come in \
             any order, so both are shown sorted):\n\
             \x20       … 4 matching lines …\n\
             \x20       16\n\
             \x20       25\n\
             \x20       36\n\
             \x20     - 49\n\
             \x20     + 48\n\
             \x20       64\n\
             \x20       81\n\
             \x20       done\n\
             ✗ ex22 failed: see above.\n  \
             Stuck? `cargo run -p runner -- hint ex22` shows a hint.\n"
        ),
        "{report}"
    );
}

/// Rank 2 exits with code 3 after MPI_Finalize. Open MPI may then stop ranks that had
/// not exited yet (a race in the launcher): those are reported as stopped because of
/// rank 2, never as wrong output.
#[test]
fn a_non_zero_exit_is_reported_as_such_not_as_a_diff() {
    let report = check("exit-code");
    assert_eq!(report.code, 1, "{report}");
    let lines = report.rank_lines();
    assert_eq!(lines.len(), 4, "{report}");
    assert_eq!(lines[2], "  ✗ rank 2  exited with code 3");
    let mut stopped = vec![];
    for (rank, line) in lines.iter().enumerate().filter(|(rank, _)| *rank != 2) {
        if *line != format!("  ✓ rank {rank}  output matches") {
            assert_eq!(
                *line,
                format!("  ✗ rank {rank}  was stopped by the launcher after rank 2 failed")
            );
            stopped.push(rank);
        }
    }
    assert!(
        report.stdout.ends_with(&failed("ex02", 2, &stopped, 4)),
        "{report}"
    );
    assert_eq!(report.stderr, "");
}

#[test]
fn a_panic_names_the_rank_the_source_line_and_the_message() {
    let report = check("panic");
    assert_eq!(report.code, 1, "{report}");
    assert_eq!(
        report.body("ex03 (panic) at 3 ranks"),
        "  ✓ rank 0  output matches\n\
         \x20 ✓ rank 1  output matches\n\
         \x20 ✗ rank 2  panicked at tests/fixtures/course/exercises/ex03-panic/src/main.rs:8:9: \
         rank 2 gave up\n\
         ✗ ex03 failed: rank 2 is wrong (2 of 3 ranks pass).\n  \
         Stuck? `cargo run -p runner -- hint ex03` shows a hint.\n"
    );
    assert_eq!(report.stderr, "");
}

#[test]
fn a_compile_error_is_shown_as_cargo_renders_it() {
    let report = check("compile-error");
    assert_eq!(report.code, 1, "{report}");
    assert!(
        report.stderr.starts_with("error[E0308]: mismatched types\n"),
        "{report}"
    );
    assert!(report.stderr.contains(" --> src/main.rs:3:24\n"), "{report}");
    assert!(
        report.stderr.contains("^^^^^^ expected `usize`, found `&str`\n"),
        "{report}"
    );
    assert_eq!(
        report.stdout,
        "✗ ex04 (compile-error) does not compile: the errors are above. Fix them in \
         exercises/ex04-compile-error/src/main.rs and check again.\n"
    );
}

/// Threads that keep cores busy until dropped (also when a test fails on the way).
struct Burners {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    threads: Vec<JoinHandle<u64>>,
}

impl Burners {
    fn start(count: usize) -> Burners {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let threads = (0..count)
            .map(|_| {
                let stop = stop.clone();
                std::thread::spawn(move || {
                    let mut x = 0u64;
                    while !stop.load(Ordering::Relaxed) {
                        x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                    }
                    x
                })
            })
            .collect();
        Burners { stop, threads }
    }
}

impl Drop for Burners {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

/// Four ranks write 300 lines each on stdout and stderr, every line in three writes,
/// all at once, while two threads keep the machine's cores busy: each rank's streams
/// must come back whole, in order, and unmixed.
#[test]
fn pieced_output_of_four_ranks_never_mixes() {
    alone();
    let burners = Burners::start(2);
    let checked = check("pieced-output");
    let grouped = call(&["run", "pieced-output"]).run();
    drop(burners);
    assert_eq!(checked.code, 0, "{checked}");
    assert_eq!(
        checked.body("ex05 (pieced-output) at 4 ranks"),
        "  ✓ rank 0  output matches\n  ✓ rank 1  output matches\n  ✓ rank 2  output matches\n  \
         ✓ rank 3  output matches\n✓ ex05 passed: every rank printed what was expected.\n"
    );
    assert_eq!(grouped.code, 0, "{grouped}");
    let mut want = String::new();
    for rank in 0..4 {
        want.push_str(&format!("── rank {rank} ── exited normally\n"));
        for line in 0..300 {
            want.push_str(&format!("rank {rank} line {line} of pieces\n"));
        }
        for line in 0..300 {
            want.push_str(&format!("stderr| rank {rank} error line {line} in pieces\n"));
        }
    }
    assert_same_text(&grouped.stdout, &want, "the grouped output of `run`");
    assert_eq!((checked.stderr.as_str(), grouped.stderr.as_str()), ("", ""));
}

/// Every rank receives first. The run is stopped at the manifest's 3 s timeout; the
/// report says where each rank waits (gdb reads their backtraces) and that this is a
/// deadlock, or, without gdb, which ranks never finished.
#[test]
fn a_deadlock_is_located_and_stopped_at_the_timeout() {
    alone();
    let report = check("deadlock");
    assert_eq!(report.code, 1, "{report}");
    let gdb = gdb_installed();
    let blocked = |rank: usize| {
        if gdb {
            format!(
                "  ✗ rank {rank}  never finished: it is blocked in a receive (MPI_Recv) at \
                 tests/fixtures/course/exercises/ex06-deadlock/src/main.rs:8\n"
            )
        } else {
            format!(
                "  ✗ rank {rank}  never finished: it was still running at the timeout \
                 (blocked in a receive or a collective?)\n"
            )
        }
    };
    let why = if gdb {
        "Every rank still running is receiving, and no one is sending: a deadlock."
    } else {
        "A rank waiting for a message nobody sends (or a collective not every rank calls) waits forever."
    };
    assert_eq!(
        report.body("ex06 (deadlock) at 2 ranks"),
        format!(
            "{}{}✗ ex06 did not finish within 3s; ranks 0 and 1 never finished, and the run was \
             stopped.\n  {why}\n  Stuck? `cargo run -p runner -- hint ex06` shows a hint.\n",
            blocked(0),
            blocked(1)
        )
    );
    assert_eq!(report.stderr, "");
}

/// Rank 1 prints its line in an endless loop. The capture keeps 2 MiB of it and stops
/// the rank at once, long before the timeout; the report says why.
#[test]
fn endless_output_is_cut_off_and_the_rank_stopped() {
    let report = check("endless-output");
    assert_eq!(report.code, 1, "{report}");
    let lines = report.rank_lines();
    assert_eq!(
        lines[1],
        "  ✗ rank 1  printed more than 2 MiB on stdout and was stopped: a loop that prints without end?"
    );
    let mut stopped = vec![];
    for rank in [0, 2] {
        if lines[rank] != format!("  ✓ rank {rank}  output matches") {
            assert_eq!(
                lines[rank],
                format!("  ✗ rank {rank}  was stopped by the launcher after rank 1 failed")
            );
            stopped.push(rank);
        }
    }
    assert!(
        report.stdout.ends_with(&failed("ex08", 1, &stopped, 3)),
        "{report}"
    );
    assert_eq!(report.stderr, "");
}

/// The line of a rank for which Open MPI ended the job with `code` and lost its own
/// message saying why: its forwarding of that message fails now and then under load
/// (Open MPI 4.1, `show_help.c`), and the code alone cannot tell an MPI error (whose
/// class Open MPI exits with) from an MPI_Abort with the same code.
fn lost_message(rank: usize, code: i32, class: &str) -> String {
    format!(
        "  ✗ rank {rank}  ended the whole job with exit code {code}, and Open MPI lost its own \
         message saying why: an MPI error ({class}), or a call of MPI_Abort with error code {code}"
    )
}

/// Rank 1 receives four numbers into a buffer of three. rsmpi's default error handler
/// aborts the job; the report explains the truncation on rank 1, whose error report
/// Open MPI prints through mpiexec, and says rank 0 was stopped because of it.
#[test]
fn an_mpi_truncation_is_explained_in_plain_words() {
    let report = check("truncation");
    assert_eq!(report.code, 1, "{report}");
    let lines = report.rank_lines();
    if lines[1] == "  ✗ rank 1  was stopped by an MPI error: MPI_ERR_TRUNCATE: message truncated" {
        assert!(
            report.stdout.contains(
                "\n      a message was longer than the buffer it was received into \
                 (MPI_ERR_TRUNCATE). A receive buffer must be at least as large as the message: \
                 send the size first, or probe the message, then allocate (exercise \
                 send-size-first).\n"
            ),
            "{report}"
        );
    } else {
        assert_eq!(
            lines[1],
            lost_message(1, 15, "MPI_ERR_TRUNCATE: message truncated")
        );
    }
    // Rank 0 may have exited before the abort reached it.
    let summary = if lines[0] == "  ✓ rank 0  output matches" {
        "✗ ex07 failed: rank 1 is wrong (1 of 2 ranks pass).\n  \
         Stuck? `cargo run -p runner -- hint ex07` shows a hint.\n"
    } else {
        assert_eq!(
            lines[0],
            "  ✗ rank 0  was stopped by the launcher after rank 1 failed"
        );
        "✗ ex07 failed: rank 1 is wrong; rank 0 was stopped because of that (0 of 2 ranks pass).\n  \
         Stuck? `cargo run -p runner -- hint ex07` shows a hint.\n"
    };
    assert!(report.stdout.ends_with(summary), "{report}");
    assert_eq!(report.stderr, "");
}

/// Rank 2 prints its line and calls MPI_Abort(3) while the others wait at a barrier:
/// Open MPI names the aborting rank and its code, and ends the others. (Its notice
/// can be lost: then the report says what the code may mean, not a guess.)
#[test]
fn an_mpi_abort_names_the_rank_and_its_code() {
    let report = check("abort");
    assert_eq!(report.code, 1, "{report}");
    let precise = "  ✗ rank 2  called MPI_Abort with error code 3, which stops every rank of the job";
    let rank_2 = match report.rank_lines()[2] {
        line if line == precise => precise.to_string(),
        _ => lost_message(2, 3, "MPI_ERR_TYPE: invalid datatype"),
    };
    assert_eq!(
        report.body("ex09 (abort) at 3 ranks"),
        format!(
            "  ✗ rank 0  was stopped by the launcher after rank 2 failed\n  \
             ✗ rank 1  was stopped by the launcher after rank 2 failed\n{rank_2}\n\
             ✗ ex09 failed: rank 2 is wrong; ranks 0 and 1 were stopped because of that (0 of 3 ranks \
             pass).\n  Stuck? `cargo run -p runner -- hint ex09` shows a hint.\n"
        )
    );
    assert_eq!(report.stderr, "");
}

/// Rank 1 writes through a null pointer while rank 0 waits at a barrier. Whatever
/// Open MPI's own signal handler prints on the rank's stderr (quoted, where it does),
/// the report names the signal and says what it means.
#[test]
fn a_segfault_is_named_and_explained() {
    let report = check("segfault");
    assert_eq!(report.code, 1, "{report}");
    assert_eq!(
        report.rank_lines(),
        [
            "  ✗ rank 0  was stopped by the launcher after rank 1 failed",
            "  ✗ rank 1  crashed with a segmentation fault (SIGSEGV, signal 11): it read or wrote \
             memory it does not own (a bad pointer in unsafe code, or a stack overflow)",
        ]
    );
    assert!(
        report.stdout.ends_with(
            "✗ ex10 failed: rank 1 is wrong; rank 0 was stopped because of that (0 of 2 ranks pass).\n  \
             Stuck? `cargo run -p runner -- hint ex10` shows a hint.\n"
        ),
        "{report}"
    );
    assert_eq!(report.stderr, "");
}

/// Rank 1 prints all 50 000 cells of its profile (1.5 MiB, under the capture's limit)
/// where 50 were expected, with progress and a 1 MiB debug line on stderr. The check
/// stays fast (a minimal diff of it took 40 s), the report short, the memory small.
#[test]
fn huge_output_gets_a_short_report_fast() {
    let report = check("huge-output");
    assert_eq!(report.code, 1, "{report}");
    // What the fixture prints, recomputed: rank 1 owns cells 50 000 to 99 999.
    let temperature = |cell: usize| (-4.0 * cell as f64 / 100_000.0).exp();
    let mut want = String::from(
        "  ✓ rank 0  output matches\n  ✗ rank 1  output differs (- expected, + yours):\n        \
         rank 1 cell 050000: T = 0.135335\n",
    );
    for cell in 50_001..50_040 {
        want.push_str(&format!(
            "      + rank 1 cell {cell:06}: T = {:.6}\n",
            temperature(cell)
        ));
    }
    want.push_str(
        "      … and 49911 more differing lines (50 lines expected, 50000 lines printed)\n      \
         its stderr ended with (the last 12 of 501 lines):\n",
    );
    for cells in (49_000..=50_000).step_by(100) {
        want.push_str(&format!("      rank 1: {cells} of 50000 cells printed\n"));
    }
    let profile: Vec<f64> = (50_000..100_000).map(temperature).collect();
    let dump = format!("rank 1 profile: {profile:?}");
    let cut = dump.char_indices().nth(200).unwrap().0;
    want.push_str(&format!(
        "      {} … ({} more characters)\n",
        &dump[..cut],
        dump[cut..].chars().count()
    ));
    want.push_str(
        "✗ ex11 failed: rank 1 is wrong (1 of 2 ranks pass).\n  \
         Stuck? `cargo run -p runner -- hint ex11` shows a hint.\n",
    );
    assert_eq!(report.body("ex11 (huge-output) at 2 ranks"), want);
    assert_eq!(report.stderr, "");
    // A screenful, whatever was printed (it is 59 lines, 2.7 KiB).
    assert!(
        report.stdout.lines().count() <= 60 && report.stdout.len() <= 4096,
        "{} lines, {} bytes",
        report.stdout.lines().count(),
        report.stdout.len()
    );
    // The runner keeps at most 2 MiB of each stream of each rank; no process of the
    // check (cargo's no-op build is the largest, near 50 MiB) may come near 128 MiB.
    // The bound counts from this test process's own size, which the runner's count
    // starts from (see `Report::forked_from_kib`).
    let bound = (128 * 1024).max(report.forked_from_kib + 32 * 1024);
    assert!(
        report.peak_kib < bound,
        "peak {} KiB (forked from {} KiB)",
        report.peak_kib,
        report.forked_from_kib
    );
}

/// Two checks of the same exercise at once (two terminals, or a watcher and a learner)
/// each get their own run directory and their own verdict.
#[test]
fn two_checks_of_one_exercise_at_once_both_report() {
    let (a, b) = (
        call(&["check", "wrong-line"]).spawn(),
        call(&["check", "wrong-line"]).spawn(),
    );
    for report in [a.finish(), b.finish()] {
        assert_eq!(report.code, 1, "{report}");
        assert_eq!(
            report.rank_lines(),
            [
                "  ✓ rank 0  output matches",
                "  ✗ rank 1  output differs (- expected, + yours):",
                "  ✓ rank 2  output matches",
                "  ✓ rank 3  output matches",
            ]
        );
        assert!(
            report.stdout.ends_with(
                "✗ ex01 failed: rank 1 is wrong (3 of 4 ranks pass).\n  \
                 Stuck? `cargo run -p runner -- hint ex01` shows a hint.\n"
            ),
            "{report}"
        );
        assert_eq!(report.stderr, "");
    }
}

/// Two checks at once, whose ranks write files to share: each run has its own scratch
/// folder (WORKBOOK_SCRATCH, read by hpckit::scratch), so each lists its own two notes.
#[test]
fn two_runs_at_once_each_have_their_own_scratch_folder() {
    let (a, b) = (
        call(&["check", "scratch"]).spawn(),
        call(&["check", "scratch"]).spawn(),
    );
    for report in [a.finish(), b.finish()] {
        assert_eq!(report.code, 0, "{report}");
        assert_eq!(
            report.rank_lines(),
            ["  ✓ rank 0  output matches", "  ✓ rank 1  output matches"],
            "{report}"
        );
    }
}

/// A worker that rank 0 spawned (MPI_Comm_spawn, through hpckit's worker command)
/// panics while rank 0 waits for its answer: the report leads with the worker's panic,
/// names where the others wait, and nothing of the run, workers included, is left.
#[test]
fn a_spawned_workers_panic_is_reported_with_its_line() {
    // gdb has 1.5 s for every backtrace: on a busy machine it would not get them.
    alone();
    let report = check("spawn-panic");
    assert_eq!(report.code, 1, "{report}");
    let lines: Vec<&str> = report.stdout.lines().skip(1).take(4).collect();
    assert_eq!(
        lines[0],
        "  ✗ spawned worker 1  panicked at tests/fixtures/course/exercises/ex24-spawn-panic/src/main.rs:13:17: \
         worker 1 gives up",
        "{report}"
    );
    if gdb_installed() {
        assert_eq!(
            lines[1],
            "  ✗ rank 0  was left waiting for spawned worker 1: it is blocked in a receive (MPI_Recv) at \
             tests/fixtures/course/exercises/ex24-spawn-panic/src/main.rs:25",
            "{report}"
        );
    }
    assert_eq!(
        lines[3],
        "✗ ex24 failed: spawned worker 1 panicked, and the run was stopped, since the other ranks could not \
         finish without it.",
        "{report}"
    );
}

/// A spawned worker waits for a message rank 0 never sends: at the timeout the report
/// says which of the ranks and workers never finished, and where each waits.
#[test]
fn a_hang_among_spawned_workers_names_every_process_left() {
    // gdb has 1.5 s for every backtrace: on a busy machine it would not get them.
    alone();
    let report = check("spawn-hang");
    assert_eq!(report.code, 1, "{report}");
    assert!(
        report.stdout.contains(
            "✗ ex25 did not finish within 4s; rank 0 and spawned workers 0 and 1 never finished, and the \
             run was stopped.\n"
        ),
        "{report}"
    );
    if gdb_installed() {
        assert!(
            report.stdout.contains(
                "  ✗ spawned worker 1  never finished: it is blocked in a receive (MPI_Recv) at \
                 tests/fixtures/course/exercises/ex25-spawn-hang/src/main.rs:10\n"
            ),
            "{report}"
        );
    }
}

/// SLURM starts every process of a job itself: an exercise that spawns is refused
/// under srun before anything is built, with the launcher to use instead.
#[test]
fn an_exercise_that_spawns_is_refused_under_srun() {
    let report = call(&["check", "spawn-panic", "--launcher", "srun"]).run();
    assert_eq!(report.code, 2, "{report}");
    assert_eq!(
        report.stderr,
        "error: ex24 starts 2 more processes with MPI_Comm_spawn, which srun cannot do: SLURM starts \
         every process of a job itself.\nCheck it with your MPI's mpiexec inside the allocation: \
         `cargo run -p runner -- check ex24 --launcher mpiexec` (or openmpi, mpich).\n"
    );
}

/// Ctrl-C during a hung run: the runner stops every rank at once, says so, and exits
/// with 1, long before the 60 s timeout.
#[test]
fn ctrl_c_stops_the_run_and_leaves_no_process() {
    alone();
    let running = call(&["check", "deadlock", "--timeout", "60"]).spawn();
    running.wait_until_ranks_started(2);
    let pressed = Instant::now();
    // SAFETY: sending SIGINT to the runner we started, as a terminal's Ctrl-C would.
    unsafe { libc::kill(running.child.id() as i32, libc::SIGINT) };
    let report = running.finish();
    assert!(
        pressed.elapsed() <= GRACE,
        "stopping took {:?}:\n{report}",
        pressed.elapsed()
    );
    assert_eq!(report.code, 1, "{report}");
    assert_eq!(
        report.body("ex06 (deadlock) at 2 ranks"),
        "  ✗ rank 0  was still running when you pressed Ctrl-C\n\
         \x20 ✗ rank 1  was still running when you pressed Ctrl-C\n\
         ✗ interrupted: the run was stopped, no rank is left running.\n\
         \x20 Stuck? `cargo run -p runner -- hint ex06` shows a hint.\n"
    );
    assert_eq!(report.stderr, "");
}

#[test]
fn a_missing_mpiexec_is_an_environment_error() {
    let report = call(&["check", "wrong-line"]).env("PATH", "/nonexistent").run();
    assert_eq!(report.code, 2, "{report}");
    assert_eq!(report.stdout, "");
    assert!(
        report.stderr.starts_with(
            "error: MPI's launcher, mpiexec (`mpiexec`) is not on your PATH, so no MPI program \
             can be launched.\n"
        ),
        "{report}"
    );
    assert!(
        report
            .stderr
            .ends_with("\n`cargo run -p runner -- doctor` checks everything the course needs.\n"),
        "{report}"
    );
}

#[test]
fn an_unknown_exercise_gets_suggestions_and_exit_2() {
    let report = call(&["check", "wrong-lien"]).run();
    assert_eq!(report.code, 2, "{report}");
    assert_eq!(report.stdout, "");
    assert_eq!(
        report.stderr,
        "error: no exercise is called `wrong-lien`.\nDid you mean: ex01-wrong-line?\n\
         `cargo run -p runner -- list` shows every exercise.\n"
    );
}

#[test]
fn an_undeclared_rank_count_is_a_usage_error() {
    let report = call(&["check", "wrong-line", "--np", "3"]).run();
    assert_eq!(report.code, 2, "{report}");
    assert_eq!(report.stdout, "");
    assert_eq!(
        report.stderr,
        "error: ex01 is checked at 4 ranks, not 3: expected outputs exist only for those counts.\n\
         `cargo run -p runner -- run ex01 --np 3` runs it at 3 ranks without judging.\n"
    );
}

/// Where gdb says a stuck rank waits, as its report line ends: `: it <what>` with gdb,
/// nothing without it.
fn where_waiting(what: &str) -> String {
    if gdb_installed() {
        format!(": it {what}")
    } else {
        String::new()
    }
}

/// The most a check may take to report a rank that panicked while the others wait in
/// MPI: the fixtures' timeout is 30 s, and the verdict must not wait for it.
const PANIC_VERDICT: Duration = Duration::from_secs(5);

/// Rank 2 panics while ranks 0, 1 and 3 wait at a barrier. Its finalize waits for them,
/// they wait for it: the report leads with the panic, says where the others waited,
/// and comes within seconds of the panic, not at the 30 s timeout.
#[test]
fn a_panic_while_others_wait_in_mpi_is_reported_at_once() {
    alone();
    let report = check("panic-in-barrier");
    assert_eq!(report.code, 1, "{report}");
    assert!(report.elapsed < PANIC_VERDICT, "{report}");
    let waiting = |rank: usize| {
        format!(
            "  ✗ rank {rank}  was left waiting for rank 2{}\n",
            where_waiting(
                "is blocked in a collective, which every rank must call (MPI_Barrier) at \
                 tests/fixtures/course/exercises/ex12-panic-in-barrier/src/main.rs:11"
            )
        )
    };
    assert_eq!(
        report.body("ex12 (panic-in-barrier) at 4 ranks"),
        format!(
            "  ✗ rank 2  panicked at tests/fixtures/course/exercises/ex12-panic-in-barrier/src/main.rs:9:9: \
             boom on purpose\n{}{}{}\
             ✗ ex12 failed: rank 2 panicked, and the run was stopped, since the other ranks could not \
             finish without it.\n  A rank that panics leaves the others waiting in MPI: fix the panic \
             first.\n  Stuck? `cargo run -p runner -- hint ex12` shows a hint.\n",
            waiting(0),
            waiting(1),
            waiting(3)
        )
    );
    assert_eq!(report.stderr, "");
}

/// `run`, which judges nothing, ends the same hang at once and says which rank
/// panicked and that the others waited for it.
#[test]
fn run_stops_a_panic_while_others_wait_and_says_so() {
    alone();
    let report = call(&["run", "panic-in-barrier"]).run();
    assert_eq!(report.code, 1, "{report}");
    assert!(report.elapsed < PANIC_VERDICT, "{report}");
    let last = report.stdout.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("The run was stopped after ")
            && last.ends_with("s: rank 2 panicked, and the others could not finish without it."),
        "{report}"
    );
}

/// Rank 0 computes `(rank - 1) % size`, -1, and rsmpi's own assertion panics inside the
/// library: the report names the assertion and the learner's line that called it.
#[test]
fn a_panic_inside_a_library_names_the_learners_line() {
    alone();
    let report = check("library-panic");
    assert_eq!(report.code, 1, "{report}");
    assert!(report.elapsed < PANIC_VERDICT, "{report}");
    let lines = report.rank_lines();
    assert!(
        lines[0].starts_with("  ✗ rank 0  panicked at ")
            && lines[0].ends_with(
                "/mpi-0.8.2/src/topology/mod.rs:382:9: assertion failed: 0 <= r && r < self.target_size()"
            ),
        "{report}"
    );
    assert!(
        report.stdout.contains(
            "\n      (called from your code at \
             tests/fixtures/course/exercises/ex13-library-panic/src/main.rs:12:24)\n"
        ),
        "{report}"
    );
    for rank in [1, 2] {
        assert_eq!(
            lines[rank],
            format!(
                "  ✗ rank {rank}  was left waiting for rank 0{}",
                where_waiting(
                    "is blocked in a receive (MPI_Recv) at \
                     tests/fixtures/course/exercises/ex13-library-panic/src/main.rs:16"
                )
            )
        );
    }
    assert_eq!(report.stderr, "");
}

/// `mpi::initialize().unwrap().world()` drops the Universe at once, which finalizes
/// MPI: the report says so and how to keep it alive, not "error class 1".
#[test]
fn a_dropped_universe_is_explained() {
    let report = check("dropped-universe");
    assert_eq!(report.code, 1, "{report}");
    assert_eq!(
        report.body("ex14 (dropped-universe) at 1 rank"),
        "  ✗ rank 0  called MPI_Comm_rank after MPI was finalized: the `Universe` was dropped before it\n\
         ✗ ex14 failed: rank 0 is wrong (0 of 1 ranks pass).\n\
         \x20 rsmpi finalizes MPI when the `Universe` that `mpi::initialize()` returns is dropped, and \
         `mpi::initialize().unwrap().world()` drops it at the end of that line. Keep it in a variable \
         for as long as you use MPI:\n      let universe = mpi::initialize().unwrap();\n      \
         let world = universe.world();\n\
         \x20 Stuck? `cargo run -p runner -- hint ex14` shows a hint.\n"
    );
    assert_eq!(report.stderr, "");
}

/// Rank 0 has printed everything and waits in MPI_Finalize; rank 1 sleeps in a loop
/// that never ends. At the timeout, rank 0's output is judged (it matches) and rank 1
/// is the one to fix: found asleep, not in MPI.
#[test]
fn a_rank_waiting_in_finalize_is_not_called_a_loop() {
    alone();
    let report = check("finalize-wait");
    assert_eq!(report.code, 1, "{report}");
    if !gdb_installed() {
        return; // Without gdb, where a rank waits cannot be known.
    }
    assert_eq!(
        report.body("ex15 (finalize-wait) at 2 ranks"),
        "  ✓ rank 0  output matches; then it waited in MPI_Finalize for the ranks still running\n\
         \x20 ✗ rank 1  never finished: it is asleep in thread::sleep (the system call \
         clock_nanosleep) at tests/fixtures/course/exercises/ex15-finalize-wait/src/main.rs:11\n\
         ✗ ex15 did not finish within 3s; rank 1 never finished, and the run was stopped.\n\
         \x20 Rank 1 was asleep at the timeout: a sleep longer than the timeout, or one in a loop \
         that never ends?\n\
         \x20 Stuck? `cargo run -p runner -- hint ex15` shows a hint.\n"
    );
}

/// The closing sentence of a hung run fits where its ranks wait: all in a send, or in
/// different collectives, is not "every rank receiving".
#[test]
fn the_closing_sentence_fits_the_hang() {
    alone();
    if !gdb_installed() {
        return; // Without gdb, where ranks wait cannot be known.
    }
    let sends = check("send-deadlock");
    assert_eq!(sends.code, 1, "{sends}");
    assert!(
        sends.stdout.contains(
            "\n  Every rank still running is sending, and none is receiving: a deadlock once messages \
             are too large to be buffered. Let one side receive first, or use send_receive.\n"
        ),
        "{sends}"
    );
    let collectives = check("missing-collective");
    assert_eq!(collectives.code, 1, "{collectives}");
    assert_eq!(
        collectives.rank_lines()[0],
        "  ✗ rank 0  never finished: it is blocked in a collective, which every rank must call \
         (MPI_Barrier) at tests/fixtures/course/exercises/ex17-missing-collective/src/main.rs:12"
    );
    assert!(
        collectives.stdout.contains(
            "\n  The ranks wait in collectives that not every rank calls: every rank of the \
             communicator must call the same collectives, in the same order.\n"
        ),
        "{collectives}"
    );
}

/// Rank 1 leaves 50 `sleep 1000` children holding its stdout, and one in a session of
/// its own. The check still reports at once, and none of them outlives it (`finish`
/// looks for every process carrying the call's tag).
#[test]
fn children_of_a_rank_end_with_the_run() {
    let report = check("stray-children");
    assert_eq!(report.code, 0, "{report}");
    assert!(report.elapsed < Duration::from_secs(5), "{report}");
    assert_eq!(
        report.body("ex18 (stray-children) at 2 ranks"),
        "  ✓ rank 0  output matches\n  ✓ rank 1  output matches\n\
         ✓ ex18 passed: every rank printed what was expected.\n"
    );
}

/// Rank 1 ignores SIGTERM and computes forever: it is killed anyway, within the
/// timeout plus the grace every fault test is held to.
#[test]
fn a_rank_ignoring_sigterm_still_ends_in_time() {
    alone();
    let report = check("ignores-sigterm");
    assert_eq!(report.code, 1, "{report}");
    let lines = report.rank_lines();
    assert_eq!(lines.len(), 2, "{report}");
    assert!(lines[1].starts_with("  ✗ rank 1  never finished"), "{report}");
}

/// A program printing a hard-coded size passes at 4 ranks; `check` runs every declared
/// count and fails it at 2. `--np 4` checks one count and says it marks nothing solved.
#[test]
fn a_check_runs_every_declared_rank_count() {
    let report = check("hardcoded-size");
    assert_eq!(report.code, 1, "{report}");
    let counts: Vec<&str> = report
        .stdout
        .lines()
        .filter(|l| l.starts_with("Checked ex20 "))
        .collect();
    assert_eq!(counts.len(), 2, "{report}");
    assert!(
        counts[1].starts_with("Checked ex20 (hardcoded-size) at 2 ranks with "),
        "{report}"
    );
    assert!(
        report.stdout.ends_with(
            "✗ ex20 failed at 2 ranks (it passed at 4): ranks 0 and 1 are wrong (0 of 2 ranks pass).\n  \
             Stuck? `cargo run -p runner -- hint ex20` shows a hint.\n"
        ),
        "{report}"
    );
    let one = call(&["check", "hardcoded-size", "--np", "4"]).run();
    assert_eq!(one.code, 0, "{one}");
    assert!(
        one.stdout.ends_with(
            "✓ ex20 passed: every rank printed what was expected.\n  Checked at 4 ranks only, so it \
             is not marked solved: `cargo run -p runner -- check ex20` checks it at 4 and 2 ranks.\n"
        ),
        "{one}"
    );
}

/// SIGTERM (`timeout`, a cancelled CI job) and SIGHUP (a closed terminal) stop a hung
/// run as Ctrl-C does: at once, with a report, and nothing left running.
#[test]
fn sigterm_and_sighup_stop_the_run_and_leave_no_process() {
    alone();
    for (signal, when) in [
        (libc::SIGTERM, "when the runner was told to stop (SIGTERM)"),
        (libc::SIGHUP, "when its terminal closed (SIGHUP)"),
    ] {
        let running = call(&["check", "deadlock", "--timeout", "60"]).spawn();
        running.wait_until_ranks_started(2);
        let sent = Instant::now();
        // SAFETY: signalling the runner we started.
        unsafe { libc::kill(running.child.id() as i32, signal) };
        let report = running.finish();
        assert!(
            sent.elapsed() <= GRACE,
            "stopping took {:?}:\n{report}",
            sent.elapsed()
        );
        assert_eq!(report.code, 1, "{report}");
        let name = if signal == libc::SIGTERM {
            "SIGTERM"
        } else {
            "SIGHUP"
        };
        assert_eq!(
            report.body("ex06 (deadlock) at 2 ranks"),
            format!(
                "  ✗ rank 0  was still running {when}\n  ✗ rank 1  was still running {when}\n\
                 ✗ interrupted by {name}: the run was stopped, no rank is left running.\n  \
                 Stuck? `cargo run -p runner -- hint ex06` shows a hint.\n"
            )
        );
    }
}

/// A launcher template that fixes its own rank count after the runner's: the ranks say
/// how many they are, and the report calls it a configuration problem (exit 2), not
/// the learner's wrong output.
#[test]
fn a_launcher_that_starts_another_rank_count_is_a_configuration_problem() {
    let template = "mpiexec --allow-run-as-root --oversubscribe -n {np} -n 1";
    let report = call(&["check", "wrong-line", "--launcher", template]).run();
    assert_eq!(report.code, 2, "{report}");
    assert_eq!(report.stdout, "");
    assert!(
        report.stderr.starts_with(&format!(
            "error: launcher template: {template} started 1 rank where the runner asked for 4: an \
             argument in the launcher's configuration sets the number of ranks"
        )),
        "{report}"
    );
}

impl Running {
    /// Waits until a process of this call runs `program` (a rank of that exercise).
    fn wait_until_running(&self, program: &str) {
        while !processes_tagged(&self.tag)
            .iter()
            .any(|p| p.argv.first().is_some_and(|a| a.ends_with(program)))
        {
            assert!(
                self.start.elapsed() < Duration::from_secs(60),
                "{program} never started"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Ctrl-C during `grade` and `dev check` stops them as a whole, not only the run in
/// progress: they say so, exit 1 at once, and leave nothing running.
#[test]
fn ctrl_c_stops_grade_and_dev_check_as_a_whole() {
    alone();
    for (args, program, said) in [
        (
            // One exercise at a time, so that where it stops is known.
            &["grade", "--timeout", "60", "--jobs", "1"][..],
            "fixture-ex-deadlock",
            format!(
                "✗ interrupted by Ctrl-C: grading stopped after 6 of {} exercises; nothing is left \
                 running.\n",
                common::fixtures().exercises().len()
            ),
        ),
        (
            &["dev", "check", "--timeout", "60"][..],
            "fixture-ex-deadlock",
            "✗ interrupted by Ctrl-C at ex06: the check of the course stopped, and nothing is left running.\n"
                .to_string(),
        ),
    ] {
        let running = call(args).spawn();
        running.wait_until_running(program);
        let pressed = Instant::now();
        // SAFETY: sending SIGINT to the runner we started, as a terminal's Ctrl-C would.
        unsafe { libc::kill(running.child.id() as i32, libc::SIGINT) };
        let report = running.finish();
        assert!(pressed.elapsed() <= GRACE, "stopping took {:?}:\n{report}", pressed.elapsed());
        assert_eq!(report.code, 1, "{report}");
        assert!(report.stdout.ends_with(&said), "{report}");
    }
}

/// The program waits in `read` for a worker's output, the worker for more input: the
/// report says it waits for input, at the learner's line, and how a pipe's reader gets
/// to its end, not "a loop that never ends".
#[test]
fn a_program_blocked_in_a_read_is_said_to_wait_not_to_loop() {
    alone();
    let report = check("pipe-wait");
    assert_eq!(report.code, 1, "{report}");
    let line = if gdb_installed() {
        "it is waiting in Read::read_to_string (the system call read) for input that does not \
         come at tests/fixtures/course/exercises/ex26-pipe-wait/src/main.rs:16"
    } else {
        "it was still running at the timeout (blocked in a receive or a collective?)"
    };
    let why = if gdb_installed() {
        "The program waits for input outside MPI. A read returns only when data comes or every \
         copy of the writing end is closed: drop the write end of a pipe once you have written \
         what you send through it."
    } else {
        "A rank waiting for a message nobody sends (or a collective not every rank calls) waits forever."
    };
    let (first, body) = report.stdout.split_once('\n').unwrap();
    assert!(
        first.starts_with("Checked ex26 (pipe-wait) as a single process (no MPI) in "),
        "{report}"
    );
    assert_eq!(
        body,
        format!(
            "  ✗ the program  never finished: {line}\n\
             ✗ ex26 did not finish within 3s; the program never finished, and the run was stopped.\n  \
             {why}\n  Stuck? `cargo run -p runner -- hint ex26` shows a hint.\n"
        )
    );
    assert_eq!(report.stderr, "");
}

/// ndarray's index check fails in a release build: the panic is ndarray's, and the
/// report still names the learner's line (the release profile keeps line tables).
#[test]
fn a_library_panic_in_a_release_build_names_the_learners_line() {
    let report = check("release-panic");
    assert_eq!(report.code, 1, "{report}");
    let line = report
        .stdout
        .lines()
        .find(|l| l.starts_with("  ✗ the program  "))
        .unwrap_or_else(|| panic!("no line for the program: {report}"));
    assert!(
        line.starts_with("  ✗ the program  panicked at ")
            && line.ends_with("/src/arraytraits.rs:36:5: ndarray: index out of bounds"),
        "{report}"
    );
    assert!(
        report.stdout.contains(
            "\n      (called from your code at \
             tests/fixtures/course/exercises/ex27-release-panic/src/main.rs:7:19)\n"
        ),
        "{report}"
    );
    assert_eq!(report.stderr, "");
}

/// Rank 0 sends with tag 0, rank 1 receives with tag 1: each rank's line gives the tag
/// it waits for, and the verdict says to compare the tags.
#[test]
fn a_receive_of_the_wrong_tag_shows_the_tags_waited_for() {
    alone();
    let report = check("mismatched-tags");
    assert_eq!(report.code, 1, "{report}");
    if !gdb_installed() {
        return;
    }
    assert_eq!(
        report.body("ex28 (mismatched-tags) at 2 ranks"),
        "  ✗ rank 0  never finished: it is blocked in a receive (MPI_Recv) of tag 0 at \
         tests/fixtures/course/exercises/ex28-mismatched-tags/src/main.rs:11\n\
         \x20 ✗ rank 1  never finished: it is blocked in a receive (MPI_Recv) of tag 1, from any \
         rank, at tests/fixtures/course/exercises/ex28-mismatched-tags/src/main.rs:14\n\
         ✗ ex28 did not finish within 3s; ranks 0 and 1 never finished, and the run was stopped.\n  \
         Every rank still running is receiving, and no one is sending: a deadlock. A receive takes \
         only a message of its tag, from its source: if a rank did send, compare the send's tag and \
         destination with the receive's.\n  \
         Stuck? `cargo run -p runner -- hint ex28` shows a hint.\n"
    );
    assert_eq!(report.stderr, "");
}
