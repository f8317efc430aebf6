//! Printing a check's result: a line per rank (pass, a coloured diff, or what went
//! wrong), then a summary that says what to do next. Colour follows `colored`, which
//! honours NO_COLOR, CLICOLOR_FORCE and (set up in main) whether stdout is a terminal.

use crate::capture::Ending;
use crate::session::{Outcome, Run};
use crate::verdict::{describe_signal, Crash, Verdict};
use colored::Colorize;
use similar::{ChangeTag, TextDiff};
use std::fmt::Write;

/// At most this many lines of a rank's stderr are quoted in a report.
const STDERR_LINES: usize = 12;

/// Renders the per-rank lines of a report. `stderr` holds each rank's stderr.
pub fn ranks(verdicts: &[Verdict], stderr: &[String], outcome: Outcome) -> String {
    let mut out = String::new();
    for (rank, verdict) in verdicts.iter().enumerate() {
        let mark = if verdict.passed() {
            "✓".green()
        } else {
            "✗".red()
        };
        let label = format!("rank {rank}").bold();
        let _ = match verdict {
            Verdict::Pass => writeln!(out, "  {mark} {label}  output matches"),
            Verdict::Differs { expected, actual } => {
                let _ = writeln!(
                    out,
                    "  {mark} {label}  output differs ({} expected, {} yours):",
                    "-".red(),
                    "+".green()
                );
                write!(out, "{}", diff(expected, actual))
            }
            Verdict::Crashed(crash) => {
                let _ = writeln!(out, "  {mark} {label}  {}", describe_crash(crash));
                if !matches!(
                    crash,
                    Crash::Panic { .. } | Crash::StoppedAfterFailure | Crash::Runaway(_)
                ) {
                    let _ = write!(out, "{}", quote_stderr(&stderr[rank]));
                }
                Ok(())
            }
            Verdict::Unfinished(blocked) => writeln!(
                out,
                "  {mark} {label}  {}",
                match (outcome, blocked) {
                    (Outcome::Interrupted, _) => "was still running when you pressed Ctrl-C".to_string(),
                    (_, Some(blocked)) => format!("never finished: it {}", blocked.describe()),
                    (_, None) => "never finished: it was still running at the timeout \
                                  (blocked in a receive or a collective?)"
                        .to_string(),
                }
            ),
            Verdict::NeverStarted => writeln!(out, "  {mark} {label}  was never started by the launcher"),
        };
    }
    out
}

/// A run's output for `run`: each rank's stdout and stderr under a heading that says
/// how the rank ended, without judging anything.
pub fn grouped(run: &Run) -> String {
    let mut out = String::new();
    for rank in &run.ranks {
        let ended = match rank.ending {
            Some(Ending::Exited(0)) => "exited normally".green().to_string(),
            Some(Ending::Exited(code)) => format!("exited with code {code}").red().to_string(),
            Some(Ending::Signalled(signal)) => {
                format!("killed by {}", describe_signal(signal)).red().to_string()
            }
            None if rank.started() => "still running when the run was stopped".red().to_string(),
            None => "never started".red().to_string(),
        };
        let _ = writeln!(out, "{} {ended}", format!("── rank {} ──", rank.rank).bold());
        out.push_str(&rank.stdout);
        if !rank.stdout.is_empty() && !rank.stdout.ends_with('\n') {
            out.push('\n');
        }
        for line in rank.stderr.lines() {
            let _ = writeln!(out, "{} {line}", "stderr|".dimmed());
        }
    }
    match run.outcome {
        Outcome::TimedOut => {
            let _ = writeln!(
                out,
                "The run was stopped after {:.0}s: {} had not finished.",
                run.elapsed.as_secs_f64(),
                rank_list(&run.unfinished())
            );
        }
        Outcome::Interrupted => out.push_str("The run was interrupted (Ctrl-C); nothing is left running.\n"),
        Outcome::Finished => {}
    }
    out
}

/// One sentence on why a timed-out run hung: a deadlock when every rank still running
/// waits in a receive, else the general rule.
pub fn why_stuck(verdicts: &[Verdict]) -> &'static str {
    let stuck: Vec<Option<&crate::stuck::Blocked>> = verdicts
        .iter()
        .filter_map(|v| match v {
            Verdict::Unfinished(blocked) => Some(blocked.as_ref()),
            _ => None,
        })
        .collect();
    if !stuck.is_empty() && stuck.iter().all(|b| b.is_some_and(|b| b.is_receiving())) {
        "Every rank still running is receiving, and no one is sending: a deadlock."
    } else {
        "A rank waiting for a message nobody sends (or a collective not every rank calls) waits forever."
    }
}

/// True if the run finished and every rank exited with 0.
pub fn all_clean(run: &Run) -> bool {
    run.outcome == Outcome::Finished && run.ranks.iter().all(|r| r.ending == Some(Ending::Exited(0)))
}

/// One sentence for a crash.
pub fn describe_crash(crash: &Crash) -> String {
    match crash {
        Crash::Panic { location, message } => format!("panicked at {location}: {message}"),
        Crash::Mpi { error, explanation } => {
            format!("was stopped by an MPI error: {error}\n      {explanation}")
        }
        Crash::Abort { code } => format!("called MPI_Abort with error code {code}"),
        Crash::Signal(signal) => format!("was killed by {}", describe_signal(*signal)),
        Crash::Exit(code) => format!("exited with code {code}"),
        Crash::StoppedAfterFailure => "was stopped by the launcher after another rank failed".to_string(),
        Crash::Runaway(stream) => format!(
            "printed more than {} MiB on {stream} and was stopped: a loop that prints without end?",
            crate::capture::STREAM_LIMIT >> 20
        ),
    }
}

/// The last lines of a rank's stderr, indented, if it printed any.
fn quote_stderr(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return String::new();
    }
    let skip = lines.len().saturating_sub(STDERR_LINES);
    let mut out = format!("      {}\n", "its stderr ended with:".dimmed());
    for line in &lines[skip..] {
        let _ = writeln!(out, "      {}", line.dimmed());
    }
    out
}

/// A line diff of expected against actual, every line shown (outputs are short):
/// `-` lines only expected, `+` lines only printed, the rest shared.
pub fn diff(expected: &str, actual: &str) -> String {
    let mut out = String::new();
    let text = TextDiff::from_lines(expected, actual);
    for change in text.iter_all_changes() {
        let line = change.value().trim_end_matches('\n');
        let _ = match change.tag() {
            ChangeTag::Delete => writeln!(out, "      {}", format!("- {line}").red()),
            ChangeTag::Insert => writeln!(out, "      {}", format!("+ {line}").green()),
            ChangeTag::Equal => writeln!(out, "        {line}"),
        };
    }
    if expected.is_empty() && actual.is_empty() {
        out.push_str("      (both empty)\n");
    } else if actual.is_empty() {
        let _ = writeln!(out, "      {}", "(this rank printed nothing on stdout)".dimmed());
    }
    out
}

/// "ranks 1 and 3", "rank 2", "ranks 0, 1 and 2".
pub fn rank_list(ranks: &[usize]) -> String {
    match ranks {
        [] => "no rank".into(),
        [one] => format!("rank {one}"),
        _ => format!("ranks {}", join_words(ranks, "and")),
    }
}

/// An English list: "4", "4 or 2", "4, 3 or 2" (with `last` = "or").
pub fn join_words(items: &[impl std::fmt::Display], last: &str) -> String {
    let words: Vec<String> = items.iter().map(ToString::to_string).collect();
    match words.split_last() {
        Some((tail, init)) if !init.is_empty() => format!("{} {last} {tail}", init.join(", ")),
        _ => words.concat(),
    }
}

/// A rank's verdict in one line of plain words, for `grade`'s reports.
pub fn one_line(verdict: &Verdict, outcome: Outcome) -> String {
    match verdict {
        Verdict::Pass => "output matches".to_string(),
        Verdict::Differs { .. } => "output differs".to_string(),
        Verdict::Crashed(crash) => describe_crash(crash),
        Verdict::Unfinished(_) if outcome == Outcome::Interrupted => {
            "was still running when you pressed Ctrl-C".to_string()
        }
        Verdict::Unfinished(Some(blocked)) => format!("never finished: it {}", blocked.describe()),
        Verdict::Unfinished(None) => "never finished: it was still running at the timeout".to_string(),
        Verdict::NeverStarted => "was never started by the launcher".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_words_as_english_does() {
        assert_eq!(join_words(&[4], "or"), "4");
        assert_eq!(join_words(&[4, 2], "or"), "4 or 2");
        assert_eq!(join_words(&["a", "b", "c"], "and"), "a, b and c");
    }

    #[test]
    fn lists_ranks_in_words() {
        assert_eq!(rank_list(&[2]), "rank 2");
        assert_eq!(rank_list(&[1, 3]), "ranks 1 and 3");
        assert_eq!(rank_list(&[0, 1, 2]), "ranks 0, 1 and 2");
    }

    #[test]
    fn diff_marks_changed_lines() {
        colored::control::set_override(false);
        let d = diff("a\nb\nc", "a\nB\nc");
        assert_eq!(d, "        a\n      - b\n      + B\n        c\n");
    }
}
