//! Judging a run rank by rank. A rank passes when it ended cleanly and its stdout, with
//! what varies normalised, equals the expected text. Anything else gets a verdict that
//! says what happened in plain words: a panic with its source line, an MPI error with
//! what it means, a signal, a rank that never finished.

use crate::capture::{Ending, Stream};
use crate::frames::OwnCode;
use crate::mpi_family::Mpi;
use crate::session::{Outcome, RankRun, Run};
use crate::stuck::Blocked;
use crate::words::Procs;

/// What went wrong on a rank whose program did not end cleanly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Crash {
    /// A Rust panic, with `file:line:col` and the message; `own_line` is the innermost
    /// line of the learner's crate in its backtrace when the panic is elsewhere (in
    /// rsmpi, ndarray, hpckit).
    Panic {
        location: String,
        message: String,
        own_line: Option<String>,
    },
    /// The program called MPI (the named function, if known) after MPI was finalized:
    /// in Rust, because the `Universe` was dropped, often as a temporary.
    AfterFinalize {
        call: Option<String>,
    },
    /// MPI reported an error and aborted the job (rsmpi uses MPI_ERRORS_ARE_FATAL).
    /// `error` is the MPI error as MPI named it; `truncated` says it was a message
    /// longer than its receive buffer, which has a rule of its own to follow; `call` is
    /// the MPI function it happened in, if known.
    Mpi {
        error: String,
        truncated: bool,
        call: Option<String>,
    },
    /// The program called MPI_Abort.
    Abort {
        code: i32,
    },
    /// Open MPI ended the job for this rank with `code`, and lost its own message that
    /// says why (see [`judge`]). Its fatal error handler ends a rank with the error class
    /// as exit code, MPI_Abort with the code it was given: the code is either `class`
    /// (`MPI_ERR_TYPE: invalid datatype`) or an MPI_Abort with that code.
    ErrorOrAbort {
        code: i32,
        class: String,
    },
    Signal(i32),
    Exit(i32),
    /// Killed by the launcher because the named ranks failed first (empty if none is
    /// known to have failed: the launcher ended the job for reasons of its own).
    StoppedAfterFailure(Procs),
    /// Printed more than the capture keeps on this stream, and was stopped.
    Runaway(Stream),
}

/// The verdict on one rank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    /// Ended cleanly but printed something else (both texts canonical).
    Differs {
        expected: String,
        actual: String,
    },
    Crashed(Crash),
    /// Still running when the run was stopped: a hang or a deadlock; where it waited,
    /// if that could be found.
    Unfinished(Option<Blocked>),
    /// Still running when the run was stopped because the `panicked` ranks hung after
    /// their panic: this rank waited for them (where, if gdb could tell).
    LeftWaiting {
        panicked: Procs,
        blocked: Option<Blocked>,
    },
    /// Had printed everything and was waiting in MPI_Finalize for other ranks when the
    /// run was stopped; its output is judged as if it had ended (`Pass` or `Differs`).
    Finalizing(Box<Verdict>),
    NeverStarted,
}

impl Verdict {
    pub fn passed(&self) -> bool {
        match self {
            Verdict::Finalizing(output) => output.passed(),
            verdict => *verdict == Verdict::Pass,
        }
    }
}

/// Judges every rank of `run` against the expected texts (one per rank, canonical);
/// `normalize` replaces what varies between runs.
/// `launcher_mpi` is the MPI whose mpiexec launched the run: Open MPI's exit codes can
/// carry meaning.
/// `own` is the program's code, to name the learner's line under a library's panic.
pub fn judge(
    run: &Run,
    expected: &[String],
    normalize: impl Fn(&str) -> String,
    launcher_mpi: Option<Mpi>,
    own: &OwnCode,
) -> Vec<Verdict> {
    let aborted = aborting_rank(&run.launcher_output);
    // Open MPI forwards a rank's error report, and its notice of an MPI_Abort, through
    // mpiexec's show_help, which sometimes fails under load and says so
    // (`ORTE_ERROR_LOG: Data unpack would read past end of buffer in file
    // ../../../orte/util/show_help.c`, about one abort in three on a busy machine).
    let report_lost = launcher_mpi == Some(Mpi::OpenMpi) && run.launcher_output.contains("show_help");
    let crashes: Vec<Option<Crash>> = run
        .ranks
        .iter()
        .map(|r| crash_of(r, aborted, report_lost, own))
        .collect();
    // The ranks that failed on their own: a rank killed by SIGTERM or SIGKILL was
    // stopped from outside, by the launcher ending the job because of them.
    let failed_first: Vec<usize> = run
        .ranks
        .iter()
        .zip(&crashes)
        .filter(|(_, c)| {
            c.as_ref()
                .is_some_and(|c| *c != Crash::Signal(libc::SIGTERM) && *c != Crash::Signal(libc::SIGKILL))
        })
        .map(|(r, _)| r.rank)
        .collect();
    let failed_first = Procs {
        indices: failed_first,
        np: run.np,
    };
    let output = |rank: &RankRun| {
        let want = expected.get(rank.rank).cloned().unwrap_or_default();
        let got = crate::expected::canonical(&normalize(&rank.stdout));
        if got == want {
            Verdict::Pass
        } else {
            Verdict::Differs {
                expected: want,
                actual: got,
            }
        }
    };
    run.ranks
        .iter()
        .zip(crashes)
        .map(|(rank, crash)| {
            if !rank.started() {
                return Verdict::NeverStarted;
            }
            if rank.ending.is_none() {
                return unfinished(run, rank, &failed_first, own, || output(rank));
            }
            match crash {
                Some(Crash::Signal(s))
                    if !failed_first.is_empty() && (s == libc::SIGTERM || s == libc::SIGKILL) =>
                {
                    Verdict::Crashed(Crash::StoppedAfterFailure(failed_first.clone()))
                }
                Some(crash) => Verdict::Crashed(crash),
                None => output(rank),
            }
        })
        .collect()
}

/// The verdict on a rank that had not ended when the run was over. `output` judges
/// what it printed, for a rank that had finished its work.
fn unfinished(
    run: &Run,
    rank: &RankRun,
    failed_first: &Procs,
    own: &OwnCode,
    output: impl FnOnce() -> Verdict,
) -> Verdict {
    if rank.stuck_after_panic {
        return Verdict::Crashed(
            panic_in(&rank.stderr, own).unwrap_or(Crash::StoppedAfterFailure(Procs::default())),
        );
    }
    if rank.blocked.as_ref().is_some_and(Blocked::in_finalize) {
        return Verdict::Finalizing(Box::new(output()));
    }
    match run.outcome {
        // The launcher ended but this rank's shim never reported: it was killed with it.
        Outcome::Finished => Verdict::Crashed(Crash::StoppedAfterFailure(failed_first.clone())),
        Outcome::PanicStuck => Verdict::LeftWaiting {
            panicked: Procs {
                indices: run.stuck_after_panic(),
                np: run.np,
            },
            blocked: rank.blocked.clone(),
        },
        _ => Verdict::Unfinished(rank.blocked.clone()),
    }
}

/// Why a rank that ended did not end cleanly, or `None` if it exited with 0.
fn crash_of(
    rank: &RankRun,
    aborted: Option<(usize, i32)>,
    report_lost: bool,
    own: &OwnCode,
) -> Option<Crash> {
    let ending = rank.ending?;
    if let Some(stream) = &rank.runaway {
        return Some(Crash::Runaway(*stream));
    }
    if ending == Ending::Exited(0) {
        return None;
    }
    if let Some(panic) = panic_in(&rank.stderr, own) {
        return Some(panic);
    }
    if let Some(after) = after_finalize_in(&rank.stderr) {
        return Some(after);
    }
    if let Some(mpi) = mpi_error_in(&rank.stderr) {
        return Some(mpi);
    }
    // Open MPI names the aborting rank in mpiexec's output (or, depending on the
    // version, in the rank's own stderr); MPICH has the rank say it on its stderr.
    let named_here = aborting_rank(&rank.stderr).filter(|(who, _)| *who == rank.rank);
    if let Some((_, code)) = aborted.filter(|(who, _)| *who == rank.rank).or(named_here) {
        return Some(Crash::Abort { code });
    }
    if let Some(code) = mpich_abort_code(&rank.stderr) {
        return Some(Crash::Abort { code });
    }
    if let (Some(stack), Ending::Exited(code)) = (open_mpi_abort_stack(&rank.stderr), ending) {
        return Some(match stack {
            AbortStack::Explicit => Crash::Abort { code },
            AbortStack::ErrorIn(call) => open_mpi_fatal_error(code, call.as_deref()),
        });
    }
    // Open MPI's handler of fatal signals reports the signal before the rank dies of
    // it; whatever exit status the rank ends with then, the signal is what happened.
    if let Some(signal) = reported_signal(&rank.stderr) {
        return Some(Crash::Signal(signal));
    }
    if let (true, Ending::Exited(code)) = (report_lost, ending) {
        if let Some((name, text)) = open_mpi_error_class(code) {
            return Some(Crash::ErrorOrAbort {
                code,
                class: format!("{name}: {text}"),
            });
        }
    }
    Some(match ending {
        Ending::Exited(code) => Crash::Exit(code),
        Ending::Signalled(signal) => Crash::Signal(signal),
    })
}

/// Finds a Rust panic report: `thread 'main' panicked at src/main.rs:17:5:` followed
/// by the message (Rust 1.73+), or the older one-line form; and, in its backtrace, the
/// learner's line if the panic happened in a library.
pub fn panic_in(stderr: &str, own: &OwnCode) -> Option<Crash> {
    let mut lines = stderr.lines();
    while let Some(line) = lines.next() {
        let Some(at) = line.find("panicked at ") else {
            continue;
        };
        let rest = &line[at + "panicked at ".len()..];
        let (location, message) = match rest.split_once(": ").filter(|(_, m)| !m.is_empty()) {
            // Old form: panicked at 'message', src/main.rs:17:5
            Some((location, message)) => (location.to_string(), message.to_string()),
            None => {
                let message: Vec<&str> = lines
                    .by_ref()
                    .take_while(|l| !l.starts_with("note: ") && !l.starts_with("stack backtrace:"))
                    .collect();
                (rest.to_string(), message.join("\n"))
            }
        };
        let location = location.trim_end_matches(':').to_string();
        let own_line = own
            .innermost_in_backtrace(stderr)
            .filter(|line| *line != location);
        return Some(Crash::Panic {
            location,
            message,
            own_line,
        });
    }
    None
}

/// Finds the report of an MPI call made after MPI_Finalize: Open MPI's `*** The
/// MPI_Comm_rank() function was called after MPI_FINALIZE was invoked.`, MPICH's
/// `Attempting to use an MPI routine (internal_Comm_rank) after finalizing MPICH`.
fn after_finalize_in(stderr: &str) -> Option<Crash> {
    let line = stderr.lines().find(|l| {
        l.contains("was called after MPI_FINALIZE was invoked") || l.contains("after finalizing MPICH")
    })?;
    let call = if let Some((before, _)) = line.split_once("() function was called") {
        before.rsplit(' ').next().map(str::to_string)
    } else {
        let inner = line.split_once("routine (")?.1.split(')').next()?;
        Some(format!(
            "MPI_{}",
            inner.trim_start_matches("internal_").trim_start_matches("MPI_")
        ))
    };
    Some(Crash::AfterFinalize { call })
}

/// Finds an MPI error report (Open MPI's `*** MPI_ERR_…` block, MPICH's `Fatal error
/// in …`) and says what it means.
pub fn mpi_error_in(stderr: &str) -> Option<Crash> {
    let line = stderr.lines().find(|l| {
        l.contains("*** MPI_ERR_") || l.contains("Fatal error in ") || l.contains("MPI_ERR_TRUNCATE")
    })?;
    // Open MPI labels its lines `[host:pid] ***`; the error is what follows.
    let unlabelled = match line.strip_prefix('[').and_then(|l| l.split_once(']')) {
        Some((_, rest)) => rest,
        None => line,
    };
    let error = unlabelled.trim_start_matches(['*', ' ']).trim().to_string();
    let truncated = error.contains("TRUNCATE") || stderr.contains("truncated");
    let call = stderr
        .lines()
        .find_map(|l| l.split("An error occurred in ").nth(1))
        .map(|call| call.trim().to_string());
    Some(Crash::Mpi {
        error,
        truncated,
        call,
    })
}

/// Open MPI's values of the MPI error classes a learner's program can hit: its fatal
/// error handler ends a rank with the class as exit code.
fn open_mpi_error_class(code: i32) -> Option<(&'static str, &'static str)> {
    Some(match code {
        2 => ("MPI_ERR_COUNT", "invalid count argument"),
        3 => ("MPI_ERR_TYPE", "invalid datatype"),
        4 => ("MPI_ERR_TAG", "invalid tag"),
        6 => ("MPI_ERR_RANK", "invalid rank"),
        8 => ("MPI_ERR_ROOT", "invalid root"),
        15 => ("MPI_ERR_TRUNCATE", "message truncated"),
        _ => return None,
    })
}

/// The MPI error that Open MPI's fatal error handler ended a rank with, from its exit
/// code (the error class) and the MPI call it failed in, when its report is not there.
fn open_mpi_fatal_error(code: i32, call: Option<&str>) -> Crash {
    let error = match open_mpi_error_class(code) {
        Some((name, text)) => format!("{name}: {text}"),
        None => format!("error class {code}"),
    };
    Crash::Mpi {
        error,
        truncated: code == 15,
        call: call.map(str::to_string),
    }
}

/// How an Open MPI rank came to abort, from the stack its abort prints on the rank's own
/// stderr when `mpi_abort_print_stack` is on (`[host:pid] [1] func:/…/libmpi.so.40(
/// ompi_mpi_abort+0x15f) […]`). Unlike the launcher's notice, no forwarding can lose it.
#[derive(Debug, PartialEq, Eq)]
enum AbortStack {
    /// The program called MPI_Abort itself.
    Explicit,
    /// The fatal error handler aborted, in the named MPI call if the stack shows it.
    ErrorIn(Option<String>),
}

fn open_mpi_abort_stack(stderr: &str) -> Option<AbortStack> {
    // `…(function+0x1f) [0x…]`: the function, where the frame names one.
    let function = |frame: &str| -> Option<String> {
        Some(frame.split('(').nth(1)?.split(['+', ')']).next()?.to_string())
    };
    let frames: Vec<Option<String>> = stderr
        .lines()
        .filter(|l| l.contains("] func:"))
        .map(function)
        .collect();
    if !frames.iter().any(|f| f.as_deref() == Some("ompi_mpi_abort")) {
        return None;
    }
    let handler = frames
        .iter()
        .position(|f| f.as_deref().is_some_and(|f| f.contains("errors_are_fatal")));
    Some(match handler {
        None => AbortStack::Explicit,
        Some(at) => AbortStack::ErrorIn(frames[at..].iter().flatten().find_map(|f| {
            let call = f.strip_prefix('P').unwrap_or(f);
            call.starts_with("MPI_").then(|| call.to_string())
        })),
    })
}

/// Open MPI names the rank that called MPI_Abort in the launcher's own output.
fn aborting_rank(launcher_output: &str) -> Option<(usize, i32)> {
    let text = launcher_output.split("MPI_ABORT was invoked on rank ").nth(1)?;
    let rank = text.split_whitespace().next()?.parse().ok()?;
    let code = text
        .split("errorcode ")
        .nth(1)?
        .trim_start()
        .split(|c: char| !c.is_ascii_digit() && c != '-')
        .next()?
        .parse()
        .ok()?;
    Some((rank, code))
}

/// MPICH's MPI_Abort has the rank say `application called MPI_Abort(MPI_COMM_WORLD, 3)
/// - process 2` on its stderr; the error code is the call's last argument.
fn mpich_abort_code(stderr: &str) -> Option<i32> {
    let call = stderr.split("application called MPI_Abort(").nth(1)?;
    let arguments = call.split(')').next()?;
    arguments.rsplit(',').next()?.trim().parse().ok()
}

/// The signal in Open MPI's report of a fatal signal, which its handler prints on the
/// rank's stderr (`[host:pid] Signal: Segmentation fault (11)`) when no other handler
/// was installed first (Rust's own is, so Rust programs die without it).
fn reported_signal(stderr: &str) -> Option<i32> {
    stderr.lines().find_map(|line| {
        let (_, said) = line.split_once("] Signal: ")?;
        let (_, number) = said.trim_end().strip_suffix(')')?.rsplit_once('(')?;
        number.parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_modern_panic() {
        let stderr = "thread 'main' panicked at exercises/ex02-send-recv/src/main.rs:17:5:\n\
                      not yet implemented: send to every rank\n\
                      note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n";
        assert_eq!(
            panic_in(stderr, &OwnCode::of_crate(std::path::Path::new("/nowhere"))),
            Some(Crash::Panic {
                location: "exercises/ex02-send-recv/src/main.rs:17:5".into(),
                message: "not yet implemented: send to every rank".into(),
                own_line: None,
            })
        );
    }

    #[test]
    fn finds_a_call_after_finalize() {
        let open_mpi = "*** The MPI_Comm_rank() function was called after MPI_FINALIZE was invoked.\n\
                        *** This is disallowed by the MPI standard.\n";
        let mpich = "Attempting to use an MPI routine (internal_Comm_rank) after finalizing MPICH\n";
        for stderr in [open_mpi, mpich] {
            assert_eq!(
                after_finalize_in(stderr),
                Some(Crash::AfterFinalize {
                    call: Some("MPI_Comm_rank".into())
                })
            );
        }
        assert_eq!(after_finalize_in("*** MPI_ERR_TRUNCATE\n"), None);
    }

    #[test]
    fn explains_open_mpi_truncation() {
        let stderr = "[host:12] *** An error occurred in MPI_Recv\n\
                      [host:12] *** reported by process [1,1]\n\
                      [host:12] *** on communicator MPI_COMM_WORLD\n\
                      [host:12] *** MPI_ERR_TRUNCATE: message truncated\n";
        assert_eq!(
            mpi_error_in(stderr),
            Some(Crash::Mpi {
                error: "MPI_ERR_TRUNCATE: message truncated".into(),
                truncated: true,
                call: Some("MPI_Recv".into()),
            })
        );
    }

    #[test]
    fn explains_mpich_truncation() {
        let stderr = "Abort(15) on node 1: Fatal error in internal_Recv: Message truncated, error stack:\n";
        let Some(Crash::Mpi { truncated, .. }) = mpi_error_in(stderr) else {
            panic!("not recognised")
        };
        assert!(truncated);
    }

    #[test]
    fn an_open_mpi_exit_code_names_the_error_class() {
        assert_eq!(
            open_mpi_fatal_error(15, Some("MPI_Recv")),
            Crash::Mpi {
                error: "MPI_ERR_TRUNCATE: message truncated".into(),
                truncated: true,
                call: Some("MPI_Recv".into()),
            }
        );
        assert_eq!(
            open_mpi_fatal_error(6, Some("MPI_Send")),
            Crash::Mpi {
                error: "MPI_ERR_RANK: invalid rank".into(),
                truncated: false,
                call: Some("MPI_Send".into()),
            }
        );
        assert_eq!(open_mpi_error_class(1), None);
        let Crash::Mpi { error, .. } = open_mpi_fatal_error(13, None) else {
            panic!("not recognised")
        };
        assert_eq!(error, "error class 13");
    }

    /// Open MPI 4.1's abort stacks (`mpi_abort_print_stack`), as a rank printed them.
    const EXPLICIT_ABORT: &str = "\
[vm:20623] [0] func:/lib/x86_64-linux-gnu/libopen-pal.so.40(opal_backtrace_buffer+0x36) [0x7fb30a34ae76]
[vm:20623] [1] func:/lib/x86_64-linux-gnu/libmpi.so.40(ompi_mpi_abort+0x15f) [0x7fb30a69cb3f]
[vm:20623] [2] func:/work/main/target/debug/fixture-ex-abort(+0x1a8e4) [0x55c5e4cd38e4]
[vm:20623] [3] func:/lib/x86_64-linux-gnu/libc.so.6(__libc_start_main+0x85) [0x7fb30a46f305]
";
    const TRUNCATION_ABORT: &str = "\
[vm:20685] [0] func:/lib/x86_64-linux-gnu/libopen-pal.so.40(opal_backtrace_buffer+0x36) [0x7f86fb93ee76]
[vm:20685] [1] func:/lib/x86_64-linux-gnu/libmpi.so.40(ompi_mpi_abort+0x15f) [0x7f86fbc90b3f]
[vm:20685] [2] func:/lib/x86_64-linux-gnu/libmpi.so.40(ompi_mpi_errors_are_fatal_comm_handler+0xd9) [0x7f86fbc7fcd9]
[vm:20685] [3] func:/lib/x86_64-linux-gnu/libmpi.so.40(ompi_errhandler_invoke+0xd7) [0x7f86fbc7efd7]
[vm:20685] [4] func:/lib/x86_64-linux-gnu/libmpi.so.40(MPI_Recv+0x275) [0x7f86fbcc8255]
[vm:20685] [5] func:/work/main/target/debug/fixture-ex-truncation(+0x1c651) [0x55dc54289651]
";

    #[test]
    fn an_abort_stack_tells_an_explicit_abort_from_an_mpi_error() {
        assert_eq!(open_mpi_abort_stack(EXPLICIT_ABORT), Some(AbortStack::Explicit));
        assert_eq!(
            open_mpi_abort_stack(TRUNCATION_ABORT),
            Some(AbortStack::ErrorIn(Some("MPI_Recv".into())))
        );
        assert_eq!(
            open_mpi_abort_stack("thread 'main' panicked at src/main.rs:1:1:\n"),
            None
        );
    }

    #[test]
    fn reads_mpichs_abort_code() {
        let stderr = "Abort(3) on node 2 (rank 2 in comm 0): application called MPI_Abort(MPI_COMM_WORLD, 3) - process 2\n";
        assert_eq!(mpich_abort_code(stderr), Some(3));
        assert_eq!(mpich_abort_code("thread 'main' panicked"), None);
    }

    /// Open MPI's handler prints this block when it catches the signal (a C program;
    /// Rust installs its own handler first, and its programs die without the block).
    #[test]
    fn reads_open_mpis_signal_report() {
        let stderr = "[vm:07930] *** Process received signal ***\n\
                      [vm:07930] Signal: Segmentation fault (11)\n\
                      [vm:07930] Signal code: Address not mapped (1)\n\
                      [vm:07930] Failing at address: (nil)\n\
                      [vm:07930] *** End of error message ***\n";
        assert_eq!(reported_signal(stderr), Some(11));
        assert_eq!(reported_signal("Signal code: Address not mapped (1)\n"), None);
    }

    #[test]
    fn reads_the_aborting_rank() {
        let out = "MPI_ABORT was invoked on rank 2 in communicator MPI_COMM_WORLD\nwith errorcode 7.\n";
        assert_eq!(aborting_rank(out), Some((2, 7)));
    }
}
