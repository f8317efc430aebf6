//! Printing a check's result: a line per rank (pass, a coloured diff, or what went
//! wrong), then a summary that says what to do next. Colour is the caller's choice, a
//! [`Paint`] passed in.
//!
//! The jobs are apart: [`diff`] compares outputs, [`stderr`] quotes what a rank said,
//! [`words`] writes the sentences for verdicts; this module puts a report together.

mod diff;
mod stderr;
mod words;

pub use diff::diff;
pub use words::{describe_crash, describe_signal, one_line, why_stuck};

use crate::capture::Ending;
use crate::course::Exercise;
use crate::paint::Paint;
use crate::session::{Outcome, RankRun, Run};
use crate::verdict::{Crash, Verdict};
use crate::words::{process_list, pronoun};
use std::fmt::Write;
use stderr::quote_stderr;

/// Lines longer than this many characters are cut in reports: a debug print of a whole
/// array is one line, and one line can fill a terminal.
pub(super) const LINE_CHARS: usize = 200;

/// Renders the per-rank lines of a report. `stderr` holds each rank's stderr.
/// A single-process program (no MPI) has no ranks to speak of: its line says "the program".
/// An `unordered` exercise's lines were compared in any order, and its report says so.
pub fn ranks(
    verdicts: &[Verdict],
    stderr: &[String],
    outcome: Outcome,
    ex: &Exercise,
    paint: Paint,
) -> String {
    let mut out = String::new();
    for rank in report_order(verdicts) {
        let verdict = &verdicts[rank];
        let mark = if verdict.passed() {
            paint.green("✓")
        } else {
            paint.red("✗")
        };
        let label = match !ex.mpi {
            true => paint.bold("the program"),
            false => paint.bold(&crate::words::who(rank, verdicts.len() - ex.spawns)),
        };
        let _ = write!(out, "  {mark} {label}  ");
        out.push_str(&rank_report(verdict, &stderr[rank], outcome, ex.unordered, paint));
    }
    out
}

/// The rest of a rank's report after its mark and label: the verdict in words, or the
/// diff of its output; then its stderr where that may explain something.
fn rank_report(verdict: &Verdict, stderr: &str, outcome: Outcome, any_order: bool, paint: Paint) -> String {
    let (output, finalizing) = match verdict {
        Verdict::Finalizing(output) => (output.as_ref(), true),
        verdict => (verdict, false),
    };
    if let Verdict::Differs { expected, actual } = output {
        let then = if finalizing {
            " (then it waited in MPI_Finalize)"
        } else {
            ""
        };
        let (minus, plus) = (paint.red("-"), paint.green("+"));
        let sorted = if any_order {
            "; its lines may come in any order, so both are shown sorted"
        } else {
            ""
        };
        // Not judged, but what a rank said on stderr often explains its output.
        return format!(
            "output differs{then} ({minus} expected, {plus} yours{sorted}):\n{}{}",
            diff(expected, actual, paint),
            quote_stderr(stderr, paint)
        );
    }
    let in_any_order = if any_order && *verdict == Verdict::Pass {
        ", in any order"
    } else {
        ""
    };
    let line = format!("{}{in_any_order}\n", one_line(verdict, outcome));
    // A panic's message and a runaway's stream are in the line already, and a rank
    // stopped after another's failure has nothing of its own to say.
    let says_it_all = |crash: &Crash| {
        matches!(
            crash,
            Crash::Panic { .. }
                | Crash::StoppedAfterFailure(_)
                | Crash::Runaway(_)
                | Crash::AfterFinalize { .. }
        )
    };
    match verdict {
        Verdict::Crashed(crash) if !says_it_all(crash) => line + &quote_stderr(stderr, paint),
        _ => line,
    }
}

/// The order ranks are reported in: by rank, except that ranks which panicked and hung
/// come first, since everything else in the report follows from them.
fn report_order(verdicts: &[Verdict]) -> Vec<usize> {
    let caused = |v: &Verdict| matches!(v, Verdict::Crashed(Crash::Panic { .. }));
    let waiting = verdicts.iter().any(|v| matches!(v, Verdict::LeftWaiting { .. }));
    let mut order: Vec<usize> = (0..verdicts.len()).collect();
    if waiting {
        order.sort_by_key(|&r| !caused(&verdicts[r]));
    }
    order
}

/// A run's output for `run`: each rank's stdout and stderr under a heading that says
/// how the rank ended, without judging anything.
pub fn grouped(run: &Run, paint: Paint) -> String {
    let mut out = String::new();
    for rank in &run.ranks {
        let heading = paint.bold(&format!("── {} ──", run.who(rank.rank)));
        let _ = writeln!(out, "{heading} {}", ending(rank, paint));
        // What ranks print is shown, never obeyed: a control character could forge a line.
        out.push_str(&crate::terminal_safe::visible(&rank.stdout));
        if !rank.stdout.is_empty() && !rank.stdout.ends_with('\n') {
            out.push('\n');
        }
        for line in rank.stderr.lines() {
            let line = crate::terminal_safe::visible(line);
            let _ = writeln!(out, "{} {line}", paint.dimmed("stderr|"));
        }
    }
    match run.outcome {
        Outcome::TimedOut => {
            let _ = writeln!(
                out,
                "The run was stopped after {:.0}s: {} had not finished.",
                run.elapsed.as_secs_f64(),
                process_list(&run.unfinished(), run.np)
            );
        }
        Outcome::Interrupted(signal) => {
            let _ = writeln!(
                out,
                "The run was stopped {}; nothing is left running.",
                crate::interrupt::when(signal)
            );
        }
        Outcome::PanicStuck => {
            // Those that hung after their panic and those that ended with it.
            let panicked: Vec<usize> = (0..run.ranks.len())
                .filter(|&r| crate::capture::main_panicked(&run.ranks[r].stderr))
                .collect();
            let others = match panicked.len() < run.ranks.len() {
                true => format!(
                    ", and the others could not finish without {}",
                    pronoun(panicked.len())
                ),
                false => String::new(),
            };
            let _ = writeln!(
                out,
                "The run was stopped after {:.1}s: {} panicked{others}.",
                run.elapsed.as_secs_f64(),
                process_list(&panicked, run.np),
            );
        }
        Outcome::Finished => {}
    }
    out
}

/// How a rank ended, for its heading in [`grouped`].
fn ending(rank: &RankRun, paint: Paint) -> String {
    match rank.ending {
        Some(Ending::Exited(0)) => paint.green("exited normally"),
        Some(Ending::Exited(code)) => paint.red(&format!("exited with code {code}")),
        Some(Ending::Signalled(signal)) => paint.red(&describe_signal(signal)),
        None if rank.started() => paint.red(&match &rank.blocked {
            Some(blocked) => format!(
                "still running when the run was stopped: it {}",
                blocked.describe()
            ),
            None => "still running when the run was stopped".to_string(),
        }),
        None => paint.red("never started"),
    }
}

/// True if the run finished and every rank exited with 0.
pub fn all_clean(run: &Run) -> bool {
    run.outcome == Outcome::Finished && run.ranks.iter().all(|r| r.ending == Some(Ending::Exited(0)))
}

/// A line cut to [`LINE_CHARS`] characters, saying how much was cut.
pub(super) fn clip(line: &str) -> String {
    // Cut first, so that what is counted is the rank's own characters; then escape the
    // control characters, so that a quoted line cannot drive the terminal.
    use crate::terminal_safe::visible;
    match line.char_indices().nth(LINE_CHARS) {
        None => visible(line).into_owned(),
        Some((at, _)) => {
            let rest = line[at..].chars().count();
            format!("{} … ({rest} more characters)", visible(&line[..at]))
        }
    }
}

/// What `--verbose` adds: the command, how each rank ended, and every line the
/// launcher and the ranks wrote on stderr.
pub fn details(run: &Run, paint: Paint) -> String {
    let mut out = format!("{} {}\n", paint.dimmed("$"), run.command);
    for rank in &run.ranks {
        let ending = match (rank.pid, rank.ending) {
            (None, _) => "never started".to_string(),
            (Some(pid), Some(Ending::Exited(code))) => format!("pid {pid}, exited with code {code}"),
            (Some(pid), Some(Ending::Signalled(signal))) => format!("pid {pid}, killed by signal {signal}"),
            (Some(pid), None) => format!("pid {pid}, still running when the run was stopped"),
        };
        let _ = writeln!(out, "  {}: {ending}", run.who(rank.rank));
        for line in rank.stderr.lines() {
            let _ = writeln!(out, "    stderr | {}", crate::terminal_safe::visible(line));
        }
    }
    let code = run
        .launcher_code
        .map_or("none (stopped)".to_string(), |c| c.to_string());
    let _ = writeln!(
        out,
        "  launcher: exit code {code}, after {:.2}s",
        run.elapsed.as_secs_f64()
    );
    for line in run.launcher_output.lines() {
        let _ = writeln!(out, "    launcher | {}", crate::terminal_safe::visible(line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_and_counted() {
        let line = "x".repeat(LINE_CHARS + 50);
        assert_eq!(
            clip(&line),
            format!("{} … (50 more characters)", "x".repeat(LINE_CHARS))
        );
        assert_eq!(clip("short"), "short");
        let quoted = quote_stderr(&format!("{}\n{line}\n", "a\n".repeat(20)), Paint::PLAIN);
        assert!(
            quoted.starts_with("      its stderr ended with (the last 12 of 21 lines):\n"),
            "{quoted}"
        );
        assert_eq!(quoted.lines().count(), 13, "{quoted}");
    }
}
