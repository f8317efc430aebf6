//! Printing a check's result: a line per rank (pass, a coloured diff, or what went
//! wrong), then a summary that says what to do next. Colour follows `colored`, which
//! honours NO_COLOR, CLICOLOR_FORCE and (set up in main) whether stdout is a terminal.

use crate::capture::Ending;
use crate::session::{Outcome, Run};
use crate::verdict::{describe_signal, Crash, Verdict};
use colored::Colorize;
use similar::{Algorithm, ChangeTag, TextDiff};
use std::fmt::Write;
use std::time::Duration;

/// At most this many lines of a rank's stderr are quoted in a report.
const STDERR_LINES: usize = 12;

/// At most this many lines of a diff are shown for one rank; the differing lines left
/// out are counted. A rank may print megabytes; a report is read on one screen.
const DIFF_LINES: usize = 40;

/// Unchanged lines shown around each change; longer unchanged stretches are elided.
const CONTEXT: usize = 3;

/// Lines longer than this many characters are cut in reports: a debug print of a whole
/// array is one line, and one line can fill a terminal.
const LINE_CHARS: usize = 200;

/// How long the diff may search for the fewest changes before settling for a coarser
/// (still correct) diff. Finding the fewest is quadratic in the number of changes: a
/// rank that printed 50 000 lines where 50 were expected would hold the report up for
/// most of a minute.
const DIFF_TIME: Duration = Duration::from_millis(250);

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
                let _ = write!(out, "{}", diff(expected, actual));
                // Not judged, but what a rank said on stderr often explains its output.
                write!(out, "{}", quote_stderr(&stderr[rank]))
            }
            Verdict::Crashed(crash) => {
                let _ = writeln!(out, "  {mark} {label}  {}", describe_crash(crash));
                if !matches!(
                    crash,
                    Crash::Panic { .. } | Crash::StoppedAfterFailure(_) | Crash::Runaway(_)
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
            Some(Ending::Signalled(signal)) => describe_signal(signal).red().to_string(),
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
        Crash::Abort { code } => {
            format!("called MPI_Abort with error code {code}, which stops every rank of the job")
        }
        Crash::Signal(signal) => describe_signal(*signal),
        Crash::Exit(code) => format!("exited with code {code}"),
        Crash::StoppedAfterFailure(failed) if failed.is_empty() => {
            "was stopped by the launcher before it finished".to_string()
        }
        Crash::StoppedAfterFailure(failed) => {
            let verb = if failed.len() == 1 { "failed" } else { "had failed" };
            format!("was stopped by the launcher after {} {verb}", rank_list(failed))
        }
        Crash::Runaway(stream) => format!(
            "printed more than {} MiB on {stream} and was stopped: a loop that prints without end?",
            crate::capture::STREAM_LIMIT >> 20
        ),
    }
}

/// The last [`STDERR_LINES`] lines of a rank's stderr, indented and cut to
/// [`LINE_CHARS`], if it printed any; the heading says how many were left out.
fn quote_stderr(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return String::new();
    }
    let skip = lines.len().saturating_sub(STDERR_LINES);
    let heading = match skip {
        0 => "its stderr ended with:".to_string(),
        _ => format!("its stderr ended with (the last {STDERR_LINES} of {} lines):", lines.len()),
    };
    let mut out = format!("      {}\n", heading.dimmed());
    for line in &lines[skip..] {
        let _ = writeln!(out, "      {}", clip(line).dimmed());
    }
    out
}

/// A line diff of expected against actual: `-` lines only expected, `+` lines only
/// printed, and up to [`CONTEXT`] shared lines around each change; longer shared
/// stretches are elided. At most [`DIFF_LINES`] lines are shown, then how many
/// differing lines were left out, so a report stays short whatever a rank printed.
pub fn diff(expected: &str, actual: &str) -> String {
    let mut out = String::new();
    if expected.is_empty() && actual.is_empty() {
        out.push_str("      (both empty)\n");
        return out;
    }
    // Patience matches the lines both texts hold once first (cheap, and what a reader
    // expects); the time limit bounds the search between them.
    let text = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .timeout(DIFF_TIME)
        .diff_lines(expected, actual);
    let (mut shown, mut left_out) = (0, 0);
    // The first line of `expected` not yet shown or elided.
    let mut next = 0;
    for group in text.grouped_ops(CONTEXT) {
        let start = group.first().map_or(next, |op| op.old_range().start);
        if start > next && shown < DIFF_LINES {
            out.push_str(&elided(start - next));
            shown += 1;
        }
        for op in &group {
            for change in text.iter_changes(op) {
                let differs = change.tag() != ChangeTag::Equal;
                if shown >= DIFF_LINES {
                    left_out += usize::from(differs);
                    continue;
                }
                let line = clip(change.value().trim_end_matches('\n'));
                let _ = match change.tag() {
                    ChangeTag::Delete => writeln!(out, "      {}", format!("- {line}").red()),
                    ChangeTag::Insert => writeln!(out, "      {}", format!("+ {line}").green()),
                    ChangeTag::Equal => writeln!(out, "        {line}"),
                };
                shown += 1;
            }
        }
        next = group.last().map_or(next, |op| op.old_range().end);
    }
    let expected_lines = text.old_slices().len();
    if left_out > 0 {
        let more = format!(
            "… and {left_out} more differing line{} ({} expected, {} printed)",
            plural(left_out),
            lines(expected_lines),
            lines(text.new_slices().len())
        );
        let _ = writeln!(out, "      {}", more.dimmed());
    } else if next < expected_lines {
        out.push_str(&elided(expected_lines - next));
    }
    if actual.is_empty() {
        let _ = writeln!(out, "      {}", "(this rank printed nothing on stdout)".dimmed());
    }
    out
}

/// The line that stands for `n` shared lines a diff does not show.
fn elided(n: usize) -> String {
    format!("        {}\n", format!("… {n} matching line{} …", plural(n)).dimmed())
}

/// A line cut to [`LINE_CHARS`] characters, saying how much was cut.
fn clip(line: &str) -> String {
    match line.char_indices().nth(LINE_CHARS) {
        None => line.to_string(),
        Some((at, _)) => {
            let rest = line[at..].chars().count();
            format!("{} … ({rest} more characters)", &line[..at])
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// "1 line", "50000 lines".
fn lines(n: usize) -> String {
    format!("{n} line{}", plural(n))
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

/// What `--verbose` adds: the command, how each rank ended, and every line the
/// launcher and the ranks wrote on stderr.
pub fn details(run: &Run) -> String {
    let mut out = format!("{} {}\n", "$".dimmed(), run.command);
    for rank in &run.ranks {
        let ending = match (rank.pid, rank.ending) {
            (None, _) => "never started".to_string(),
            (Some(pid), Some(Ending::Exited(code))) => format!("pid {pid}, exited with code {code}"),
            (Some(pid), Some(Ending::Signalled(signal))) => format!("pid {pid}, killed by signal {signal}"),
            (Some(pid), None) => format!("pid {pid}, still running when the run was stopped"),
        };
        let _ = writeln!(out, "  rank {}: {ending}", rank.rank);
        for line in rank.stderr.lines() {
            let _ = writeln!(out, "    stderr | {line}");
        }
    }
    let code = run.launcher_code.map_or("none (stopped)".to_string(), |c| c.to_string());
    let _ = writeln!(out, "  launcher: exit code {code}, after {:.2}s", run.elapsed.as_secs_f64());
    for line in run.launcher_output.lines() {
        let _ = writeln!(out, "    launcher | {line}");
    }
    out
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

    /// Shared lines far from any change are elided, counted, on both sides.
    #[test]
    fn diff_elides_long_shared_stretches() {
        colored::control::set_override(false);
        let expected: Vec<String> = (0..20).map(|i| format!("line {i}")).collect();
        let mut actual = expected.clone();
        actual[10] = "line ten".into();
        let d = diff(&expected.join("\n"), &actual.join("\n"));
        assert_eq!(
            d,
            "        … 7 matching lines …\n\
             \x20       line 7\n        line 8\n        line 9\n\
             \x20     - line 10\n      + line ten\n\
             \x20       line 11\n        line 12\n        line 13\n\
             \x20       … 6 matching lines …\n"
        );
    }

    /// The worst case for a diff: two long texts that differ on every line. It must
    /// come back fast, at most DIFF_LINES lines plus the count of what was left out.
    #[test]
    fn a_huge_diff_is_fast_and_bounded() {
        colored::control::set_override(false);
        let expected: String = (0..50_000).map(|i| format!("rank 1 cell {i:06}: T = 0.5\n")).collect();
        let actual: String = (0..50_000).map(|i| format!("rank 1 cell {i:06}: T = 0.6\n")).collect();
        let start = std::time::Instant::now();
        let d = diff(&expected, &actual);
        let took = start.elapsed();
        assert!(took < Duration::from_secs(3), "took {took:?}");
        assert_eq!(d.lines().count(), DIFF_LINES + 1, "{d}");
        assert!(
            d.ends_with("      … and 99960 more differing lines (50000 lines expected, 50000 lines printed)\n"),
            "{d}"
        );
    }

    #[test]
    fn long_lines_are_cut_and_counted() {
        let line = "x".repeat(LINE_CHARS + 50);
        assert_eq!(clip(&line), format!("{} … (50 more characters)", "x".repeat(LINE_CHARS)));
        assert_eq!(clip("short"), "short");
        let quoted = quote_stderr(&format!("{}\n{line}\n", "a\n".repeat(20)));
        colored::control::set_override(false);
        assert!(quoted.starts_with("      its stderr ended with (the last 12 of 21 lines):\n"), "{quoted}");
        assert_eq!(quoted.lines().count(), 13, "{quoted}");
    }
}
#[cfg(test)]
mod probe_tmp {
    #[test]
    fn timing() {
        let expected: String = (0..50).map(|i| format!("rank 1 cell {:06}: T = 0.5\n", i * 1000)).collect();
        let actual: String = (0..50_000).map(|i| format!("rank 1 cell {i:06}: T = 0.5\n")).collect();
        for alg in [similar::Algorithm::Patience, similar::Algorithm::Myers] {
            let start = std::time::Instant::now();
            let text = similar::TextDiff::configure().algorithm(alg).timeout(std::time::Duration::from_secs(60)).diff_lines(&expected, &actual);
            let n = text.ops().len();
            eprintln!("{alg:?}: {:?} ops {n}", start.elapsed());
        }
        let start = std::time::Instant::now();
        let d = super::diff(&expected, &actual);
        eprintln!("diff: {:?} {}", start.elapsed(), d.lines().count());
    }
}
