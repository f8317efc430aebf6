//! The runner against programs that fail in known ways (the fixture course in
//! tests/fixtures/course): each report names the rank, says what happened, and exits
//! with the documented code; nothing of a run outlives it.

mod common;

use std::time::{Duration, Instant};

/// Held by the tests that count the deadlock fixture's processes, so that one test's
/// ranks are never counted by the other.
static DEADLOCK_FIXTURE: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn check_fixture(exercise: &str) -> (i32, String) {
    common::run_runner(common::fixtures().root(), &["check", exercise])
}

/// Lines of the report that start with a rank's mark, for exact comparison.
fn rank_lines(report: &str) -> Vec<&str> {
    report
        .lines()
        .filter(|l| l.starts_with("  ✓ rank") || l.starts_with("  ✗ rank"))
        .collect()
}

#[test]
fn one_wrong_line_names_the_rank_and_shows_the_diff() {
    let (code, report) = check_fixture("wrong-line");
    assert_eq!(code, 1, "{report}");
    assert!(
        report.contains(
            "  ✗ rank 1  output differs (- expected, + yours):\n\
             \x20     - rank 1 says hello\n\
             \x20     + rank 1 says goodbye\n\
             \x20       rank 1 is done\n"
        ),
        "{report}"
    );
    assert_eq!(
        rank_lines(&report),
        [
            "  ✓ rank 0  output matches",
            "  ✗ rank 1  output differs (- expected, + yours):",
            "  ✓ rank 2  output matches",
            "  ✓ rank 3  output matches",
        ]
    );
    assert!(
        report.contains("✗ ex01 failed: rank 1 is wrong (3 of 4 ranks pass)."),
        "{report}"
    );
}

/// Rank 2 exits with code 3 after MPI_Finalize. Open MPI may then stop ranks that had
/// not exited yet (a race in the launcher): those are reported as stopped, never as
/// wrong output.
#[test]
fn a_non_zero_exit_is_reported_as_such_not_as_a_diff() {
    let (code, report) = check_fixture("exit-code");
    assert_eq!(code, 1, "{report}");
    let lines = rank_lines(&report);
    assert_eq!(lines.len(), 4, "{report}");
    assert_eq!(lines[2], "  ✗ rank 2  exited with code 3");
    for (rank, line) in lines.iter().enumerate().filter(|(rank, _)| *rank != 2) {
        assert!(
            *line == format!("  ✓ rank {rank}  output matches")
                || *line == format!("  ✗ rank {rank}  was stopped by the launcher after another rank failed"),
            "{report}"
        );
    }
}

#[test]
fn a_panic_names_the_rank_the_source_line_and_the_message() {
    let (code, report) = check_fixture("panic");
    assert_eq!(code, 1, "{report}");
    let lines = rank_lines(&report);
    assert_eq!(
        lines[..2],
        ["  ✓ rank 0  output matches", "  ✓ rank 1  output matches"]
    );
    assert_eq!(
        lines[2],
        "  ✗ rank 2  panicked at tests/fixtures/course/exercises/ex03-panic/src/main.rs:8:9: rank 2 gave up"
    );
}

#[test]
fn a_compile_error_is_shown_as_cargo_renders_it() {
    let (code, report) = check_fixture("compile-error");
    assert_eq!(code, 1, "{report}");
    assert!(report.contains("error[E0308]: mismatched types"), "{report}");
    assert!(report.contains("--> src/main.rs:3:24"), "{report}");
    assert!(
        report.contains("✗ ex04 (compile-error) does not compile: the errors are above."),
        "{report}"
    );
}

/// Four ranks write 300 lines each on stdout and stderr, every line in three writes,
/// all at once, while two threads keep the machine's cores busy: each rank's streams
/// must come back whole, in order, and unmixed.
#[test]
fn pieced_output_of_four_ranks_never_mixes() {
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let burners: Vec<_> = (0..2)
        .map(|_| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut x = 0u64;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                }
                x
            })
        })
        .collect();
    let (check_code, check_report) = check_fixture("pieced-output");
    let (run_code, grouped) = common::run_runner(common::fixtures().root(), &["run", "pieced-output"]);
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for burner in burners {
        burner.join().unwrap();
    }
    assert_eq!(check_code, 0, "{check_report}");
    assert_eq!(run_code, 0, "{grouped}");
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
    assert!(
        grouped == want,
        "grouped output differs from the exact per-rank text"
    );
}

/// Every rank receives first. The run is stopped at the manifest's 3 s timeout; the
/// report says where each rank waits (gdb reads their backtraces) and that this is a
/// deadlock, or, without gdb, which ranks never finished; no process of the run is left.
#[test]
fn a_deadlock_is_located_stopped_at_the_timeout_and_leaves_no_process() {
    let _alone = DEADLOCK_FIXTURE.lock().unwrap_or_else(|e| e.into_inner());
    let start = Instant::now();
    let (code, report) = check_fixture("deadlock");
    let took = start.elapsed();
    assert_eq!(code, 1, "{report}");
    let blocked = |rank: usize| {
        if runner::probe::on_path("gdb") {
            format!(
                "  ✗ rank {rank}  never finished: it is blocked in a receive (MPI_Recv) at \
                 tests/fixtures/course/exercises/ex06-deadlock/src/main.rs:8"
            )
        } else {
            format!(
                "  ✗ rank {rank}  never finished: it was still running at the timeout \
                 (blocked in a receive or a collective?)"
            )
        }
    };
    assert_eq!(rank_lines(&report), [blocked(0), blocked(1)]);
    assert!(
        report.contains("ranks 0 and 1 never finished, and the run was stopped."),
        "{report}"
    );
    if runner::probe::on_path("gdb") {
        assert!(
            report.contains("Every rank still running is receiving, and no one is sending: a deadlock."),
            "{report}"
        );
    }
    // The runner itself starts in well under a second; the rest is the timeout.
    assert!(
        took < Duration::from_secs(3 + 2 + 1),
        "took {took:?} (timeout 3 s)"
    );
    assert_eq!(
        processes_named("fixture-ex-deadlock"),
        0,
        "a rank survived the runner"
    );
}

/// Rank 1 prints its line in an endless loop. The capture keeps 2 MiB of it, stops the
/// rank at once (long before the 30 s timeout), and the report says why.
#[test]
fn endless_output_is_cut_off_and_the_rank_stopped() {
    let start = Instant::now();
    let (code, report) = check_fixture("endless-output");
    assert_eq!(code, 1, "{report}");
    assert!(
        start.elapsed() < Duration::from_secs(15),
        "took {:?}",
        start.elapsed()
    );
    let lines = rank_lines(&report);
    assert_eq!(
        lines[1],
        "  ✗ rank 1  printed more than 2 MiB on stdout and was stopped: a loop that prints without end?"
    );
    for rank in [0, 2] {
        assert!(
            lines[rank] == format!("  ✓ rank {rank}  output matches")
                || lines[rank]
                    == format!("  ✗ rank {rank}  was stopped by the launcher after another rank failed"),
            "{report}"
        );
    }
    assert_eq!(
        processes_named("fixture-ex-endless-output"),
        0,
        "a rank survived the runner"
    );
}

/// Two checks of the same exercise at once (two terminals, or a watcher and a learner)
/// each get their own run directory and their own verdict.
#[test]
fn two_checks_of_one_exercise_at_once_both_report() {
    let root = common::fixtures().root().to_path_buf();
    let spawn = || common::runner(&root, &["check", "wrong-line"]).output().unwrap();
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(spawn);
        let b = s.spawn(spawn);
        (a.join().unwrap(), b.join().unwrap())
    });
    for out in [a, b] {
        let report = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{report}");
        assert!(
            report.contains("✗ ex01 failed: rank 1 is wrong (3 of 4 ranks pass)."),
            "{report}"
        );
    }
}

/// Ctrl-C during a hung run: the runner stops every rank, says so, and exits with 1.
#[test]
fn ctrl_c_stops_the_run_and_leaves_no_process() {
    let _alone = DEADLOCK_FIXTURE.lock().unwrap_or_else(|e| e.into_inner());
    let child = common::runner(
        common::fixtures().root(),
        &["check", "deadlock", "--timeout", "60"],
    )
    .stdout(std::process::Stdio::piped())
    .spawn()
    .unwrap();
    let start = Instant::now();
    while processes_named("fixture-ex-deadlock") < 2 {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the ranks never started"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // SAFETY: sending SIGINT to the runner we started, as a terminal's Ctrl-C would.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let out = child.wait_with_output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert_eq!(
        rank_lines(&report),
        [
            "  ✗ rank 0  was still running when you pressed Ctrl-C",
            "  ✗ rank 1  was still running when you pressed Ctrl-C",
        ]
    );
    assert!(
        report.contains("interrupted: the run was stopped, no rank is left running."),
        "{report}"
    );
    assert!(
        start.elapsed() < Duration::from_secs(15),
        "took {:?}",
        start.elapsed()
    );
    assert_eq!(
        processes_named("fixture-ex-deadlock"),
        0,
        "a rank survived Ctrl-C"
    );
}

/// How many live processes run the given program.
fn processes_named(name: &str) -> usize {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .chars()
                .all(|c| c.is_ascii_digit())
        })
        .filter(|e| {
            std::fs::read_to_string(e.path().join("cmdline"))
                .map(|c| c.split('\0').next().unwrap_or("").ends_with(name))
                .unwrap_or(false)
        })
        .count()
}

/// Rank 1 receives four numbers into a buffer of three. rsmpi's default error handler
/// aborts the job; the report explains the truncation on rank 1, whose error report
/// Open MPI prints through mpiexec, and says rank 0 was stopped because of it.
#[test]
fn an_mpi_truncation_is_explained_in_plain_words() {
    let (code, report) = check_fixture("truncation");
    assert_eq!(code, 1, "{report}");
    let lines = rank_lines(&report);
    assert_eq!(
        lines[1], "  ✗ rank 1  was stopped by an MPI error: MPI_ERR_TRUNCATE: message truncated",
        "{report}"
    );
    // Rank 0 may have exited before the abort reached it.
    assert!(
        [
            "  ✓ rank 0  output matches",
            "  ✗ rank 0  was stopped by the launcher after another rank failed"
        ]
        .contains(&lines[0]),
        "{report}"
    );
    assert!(
        report.contains("a message was longer than the buffer it was received into (MPI_ERR_TRUNCATE)"),
        "{report}"
    );
}

#[test]
fn a_missing_mpiexec_is_an_environment_error() {
    let out = common::runner(common::fixtures().root(), &["check", "wrong-line"])
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("MPI's launcher, mpiexec (`mpiexec`) is not on your PATH"),
        "{stderr}"
    );
    assert!(stderr.contains("cargo run -p runner -- doctor"), "{stderr}");
}

#[test]
fn an_unknown_exercise_gets_suggestions_and_exit_2() {
    let (code, text) = check_fixture("wrong-lien");
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("no exercise is called `wrong-lien`"), "{text}");
    assert!(text.contains("Did you mean: ex01-wrong-line?"), "{text}");
}

#[test]
fn an_undeclared_rank_count_is_a_usage_error() {
    let (code, text) = check_fixture_np("wrong-line", "3");
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("ex01 is checked at 4 ranks, not 3"), "{text}");
}

fn check_fixture_np(exercise: &str, np: &str) -> (i32, String) {
    common::run_runner(common::fixtures().root(), &["check", exercise, "--np", np])
}
