//! Printing a check's result: a line per rank (pass, a coloured diff, or what went
//! wrong), then a summary that says what to do next. Colour follows `colored`, which
//! honours NO_COLOR, CLICOLOR_FORCE and (set up in main) whether stdout is a terminal.

use crate::capture::Ending;
use crate::session::{Outcome, Run};
use crate::verdict::{describe_signal, Crash, Verdict};
use colored::Colorize;
use similar::{Algorithm, DiffOp, DiffTag};
use std::collections::HashMap;
use std::fmt::Write;
use std::ops::Range;
use std::time::{Duration, Instant};

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
/// (still correct) one. Myers' search is quadratic in the number of changes: 50 000
/// lines printed where 50 were expected took 40 s before [`line_ops`] anchored it.
const DIFF_TIME: Duration = Duration::from_millis(250);

/// Renders the per-rank lines of a report. `stderr` holds each rank's stderr.
/// A single-process program (no MPI) has no ranks to speak of: its line says "output".
pub fn ranks(verdicts: &[Verdict], stderr: &[String], outcome: Outcome, single_process: bool) -> String {
    let mut out = String::new();
    for rank in report_order(verdicts) {
        let verdict = &verdicts[rank];
        let mark = if verdict.passed() {
            "✓".green()
        } else {
            "✗".red()
        };
        let label = if single_process {
            "the program".bold()
        } else {
            format!("rank {rank}").bold()
        };
        let (output, finalizing) = match verdict {
            Verdict::Finalizing(output) => (output.as_ref(), true),
            verdict => (verdict, false),
        };
        match output {
            Verdict::Differs { expected, actual } => {
                let then = if finalizing {
                    " (then it waited in MPI_Finalize)"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "  {mark} {label}  output differs{then} ({} expected, {} yours):",
                    "-".red(),
                    "+".green()
                );
                out.push_str(&diff(expected, actual));
                // Not judged, but what a rank said on stderr often explains its output.
                out.push_str(&quote_stderr(&stderr[rank]));
            }
            _ => {
                let _ = writeln!(out, "  {mark} {label}  {}", one_line(verdict, outcome));
                // A panic's message and a runaway's stream are in the line already, and
                // a rank stopped after another's failure has nothing of its own to say.
                if let Verdict::Crashed(crash) = verdict {
                    if !matches!(
                        crash,
                        Crash::Panic { .. }
                            | Crash::StoppedAfterFailure(_)
                            | Crash::Runaway(_)
                            | Crash::AfterFinalize { .. }
                    ) {
                        out.push_str(&quote_stderr(&stderr[rank]));
                    }
                }
            }
        }
    }
    out
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
pub fn grouped(run: &Run) -> String {
    let mut out = String::new();
    for rank in &run.ranks {
        let ended = match rank.ending {
            Some(Ending::Exited(0)) => "exited normally".green().to_string(),
            Some(Ending::Exited(code)) => format!("exited with code {code}").red().to_string(),
            Some(Ending::Signalled(signal)) => describe_signal(signal).red().to_string(),
            None if rank.started() => match &rank.blocked {
                Some(blocked) => format!(
                    "still running when the run was stopped: it {}",
                    blocked.describe()
                ),
                None => "still running when the run was stopped".to_string(),
            }
            .red()
            .to_string(),
            None => "never started".red().to_string(),
        };
        let _ = writeln!(out, "{} {ended}", format!("── rank {} ──", rank.rank).bold());
        // What ranks print is shown, never obeyed: a control character could forge a line.
        out.push_str(&crate::terminal_safe::visible(&rank.stdout));
        if !rank.stdout.is_empty() && !rank.stdout.ends_with('\n') {
            out.push('\n');
        }
        for line in rank.stderr.lines() {
            let line = crate::terminal_safe::visible(line);
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
        Outcome::Interrupted(signal) => {
            let _ = writeln!(
                out,
                "The run was stopped {}; nothing is left running.",
                crate::interrupt::when(signal)
            );
        }
        Outcome::PanicStuck => {
            let _ = writeln!(
                out,
                "The run was stopped after {:.1}s: {} panicked, and the others could not finish without {}.",
                run.elapsed.as_secs_f64(),
                rank_list(&run.stuck_after_panic()),
                pronoun(run.stuck_after_panic().len())
            );
        }
        Outcome::Finished => {}
    }
    out
}

/// One sentence on why a timed-out run hung, from where its ranks wait: every rank
/// still running in a receive (nobody sends) or in a send (nobody receives), a rank
/// busy in its own code that the others wait for, or ranks in different collectives;
/// else the general rule.
pub fn why_stuck(verdicts: &[Verdict]) -> String {
    use crate::stuck::Blocked;
    let stuck: Vec<(usize, Option<&Blocked>)> = (0..verdicts.len())
        .filter_map(|r| match &verdicts[r] {
            Verdict::Unfinished(blocked) => Some((r, blocked.as_ref())),
            _ => None,
        })
        .collect();
    let all =
        |test: fn(&Blocked) -> bool| !stuck.is_empty() && stuck.iter().all(|(_, b)| b.is_some_and(test));
    let ranks = |test: fn(&Blocked) -> bool| -> Vec<usize> {
        stuck
            .iter()
            .filter(|(_, b)| b.is_some_and(test))
            .map(|(r, _)| *r)
            .collect()
    };
    let busy = ranks(|b| b.call.is_none());
    let calls: std::collections::BTreeSet<&str> = stuck
        .iter()
        .filter_map(|(_, b)| b.filter(|b| b.in_collective())?.call.as_deref())
        .collect();
    let finalizing = verdicts.iter().any(|v| matches!(v, Verdict::Finalizing(_)));
    if all(Blocked::is_receiving) {
        "Every rank still running is receiving, and no one is sending: a deadlock.".to_string()
    } else if all(Blocked::is_sending) {
        "Every rank still running is sending, and none is receiving: a deadlock once messages are \
         too large to be buffered. Let one side receive first, or use send_receive."
            .to_string()
    } else if !busy.is_empty() {
        let who = rank_list(&busy);
        format!(
            "R{} never left {} own code (a loop that never ends?), and the others wait for {}.",
            &who[1..],
            if busy.len() == 1 { "its" } else { "their" },
            pronoun(busy.len())
        )
    } else if calls.len() > 1 || finalizing && all(Blocked::in_collective) {
        "The ranks wait in collectives that not every rank calls: every rank of the communicator \
         must call the same collectives, in the same order."
            .to_string()
    } else {
        "A rank waiting for a message nobody sends (or a collective not every rank calls) waits forever."
            .to_string()
    }
}

/// True if the run finished and every rank exited with 0.
pub fn all_clean(run: &Run) -> bool {
    run.outcome == Outcome::Finished && run.ranks.iter().all(|r| r.ending == Some(Ending::Exited(0)))
}

/// One sentence for a crash.
pub fn describe_crash(crash: &Crash) -> String {
    match crash {
        Crash::Panic {
            location,
            message,
            own_line,
        } => {
            let message = crate::terminal_safe::visible(message);
            match own_line {
                Some(line) => {
                    format!("panicked at {location}: {message}\n      (called from your code at {line})")
                }
                None => format!("panicked at {location}: {message}"),
            }
        }
        Crash::AfterFinalize { call } => format!(
            "called {} after MPI was finalized: the `Universe` was dropped before it",
            call.as_deref().unwrap_or("an MPI function")
        ),
        Crash::Mpi { error, explanation } => {
            let error = crate::terminal_safe::visible(error);
            format!("was stopped by an MPI error: {error}\n      {explanation}")
        }
        Crash::Abort { code } => {
            format!("called MPI_Abort with error code {code}, which stops every rank of the job")
        }
        Crash::ErrorOrAbort { code, class } => format!(
            "ended the whole job with exit code {code}, and Open MPI lost its own message \
             saying why: an MPI error ({class}), or a call of MPI_Abort with error code {code}"
        ),
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
/// [`LINE_CHARS`], if it printed any; the heading says how many were left out. The
/// frames of stacks Open MPI prints (addresses in libraries, no source lines) are
/// left out and counted: they would push out the lines that explain something, and a
/// stderr of nothing else is not quoted at all.
fn quote_stderr(stderr: &str) -> String {
    let (frames, lines): (Vec<&str>, Vec<&str>) = stderr
        .lines()
        .filter(|l| !l.trim().is_empty())
        .partition(|l| is_stack_frame(l));
    if lines.is_empty() {
        return String::new();
    }
    let skip = lines.len().saturating_sub(STDERR_LINES);
    let heading = match skip {
        0 => "its stderr ended with:".to_string(),
        _ => format!(
            "its stderr ended with (the last {STDERR_LINES} of {} lines):",
            lines.len()
        ),
    };
    let mut out = format!("      {}\n", heading.dimmed());
    for line in &lines[skip..] {
        let _ = writeln!(out, "      {}", clip(line).dimmed());
    }
    if !frames.is_empty() {
        let left_out = format!(
            "(and Open MPI's stack of {} frame{}, addresses only, left out)",
            frames.len(),
            plural(frames.len())
        );
        let _ = writeln!(out, "      {}", left_out.dimmed());
    }
    out
}

/// A frame of a stack Open MPI printed: after its `[host:pid]` label, a frame number in
/// brackets (`[vm:42] [1] func:/…/libmpi.so.40(ompi_mpi_abort+0x15f) […]` for an
/// abort, `[vm:42] [ 0] /…/libc.so.6(+0x3c050)[…]` for a fatal signal).
fn is_stack_frame(line: &str) -> bool {
    let number = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    let Some((label, rest)) = line.strip_prefix('[').and_then(|l| l.split_once(']')) else {
        return false;
    };
    let labelled = label.rsplit_once(':').is_some_and(|(_, pid)| number(pid));
    let frame = rest
        .trim_start()
        .strip_prefix('[')
        .and_then(|r| r.split_once(']'));
    labelled && frame.is_some_and(|(n, _)| number(n.trim()))
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
    let old: Vec<&str> = expected.lines().collect();
    let new: Vec<&str> = actual.lines().collect();
    let ops = line_ops(&old, &new, Instant::now() + DIFF_TIME);
    let (mut shown, mut left_out) = (0, 0);
    // The first expected line not yet shown or elided.
    let mut next = 0;
    for group in similar::group_diff_ops(ops, CONTEXT) {
        let start = group.first().map_or(next, |op| op.old_range().start);
        if start > next && shown < DIFF_LINES {
            out.push_str(&elided(start - next));
            shown += 1;
        }
        for op in &group {
            let (tag, old_range, new_range) = op.as_tag_tuple();
            let lines = match tag {
                DiffTag::Equal => old_range.map(|i| ("  ", old[i])).collect::<Vec<_>>(),
                _ => (old_range.map(|i| ("- ", old[i])))
                    .chain(new_range.map(|i| ("+ ", new[i])))
                    .collect(),
            };
            for (mark, line) in lines {
                if shown >= DIFF_LINES {
                    left_out += usize::from(mark != "  ");
                    continue;
                }
                let line = format!("{mark}{}", clip(line));
                let _ = match mark {
                    "- " => writeln!(out, "      {}", line.red()),
                    "+ " => writeln!(out, "      {}", line.green()),
                    _ => writeln!(out, "      {line}"),
                };
                shown += 1;
            }
        }
        next = group.last().map_or(next, |op| op.old_range().end);
    }
    if left_out > 0 {
        let more = format!(
            "… and {left_out} more differing line{} ({} expected, {} printed)",
            plural(left_out),
            count_lines(old.len()),
            count_lines(new.len())
        );
        let _ = writeln!(out, "      {}", more.dimmed());
    } else if next < old.len() {
        out.push_str(&elided(old.len() - next));
    }
    if actual.is_empty() {
        let _ = writeln!(out, "      {}", "(this rank printed nothing on stdout)".dimmed());
    }
    out
}

/// The changes that turn `old` into `new`, line by line. Lines that occur once in each
/// text are matched first, in order (the patience method): that takes linear time, and
/// it is what a reader expects, the lines both print lined up. Only the stretches
/// between them go to Myers' search, which gives up at `deadline` with a coarser diff.
/// (similar's own Patience runs Myers over the unique lines themselves: as slow.)
fn line_ops(old: &[&str], new: &[&str], deadline: Instant) -> Vec<DiffOp> {
    let mut ops = Vec::new();
    let (mut o, mut n) = (0, 0);
    for (ao, an) in unique_anchors(old, new) {
        ops.extend(gap_ops(old, o..ao, new, n..an, deadline));
        ops.push(DiffOp::Equal {
            old_index: ao,
            new_index: an,
            len: 1,
        });
        (o, n) = (ao + 1, an + 1);
    }
    ops.extend(gap_ops(old, o..old.len(), new, n..new.len(), deadline));
    merge_equal(ops)
}

/// The pairs `(old index, new index)` of lines that occur exactly once in each text,
/// the longest run of them in the same order in both.
fn unique_anchors(old: &[&str], new: &[&str]) -> Vec<(usize, usize)> {
    // For each line: how often in old, where in old, how often in new.
    let mut seen: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    for (i, line) in old.iter().enumerate() {
        let entry = seen.entry(line).or_insert((0, i, 0));
        entry.0 += 1;
    }
    for line in new {
        if let Some(entry) = seen.get_mut(line) {
            entry.2 += 1;
        }
    }
    let pairs: Vec<(usize, usize)> = new
        .iter()
        .enumerate()
        .filter_map(|(j, line)| match seen.get(line) {
            Some(&(1, i, 1)) => Some((i, j)),
            _ => None,
        })
        .collect();
    longest_increasing(&pairs)
}

/// The longest subsequence of `pairs` (ordered by new index) whose old indices
/// increase too: patience sorting, O(n log n).
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[k]: the index in `pairs` of the smallest old index ending a run of k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; pairs.len()];
    for (p, &(old_index, _)) in pairs.iter().enumerate() {
        let k = tails.partition_point(|&t| pairs[t].0 < old_index);
        before[p] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(p);
        } else {
            tails[k] = p;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(p) = at {
        run.push(pairs[p]);
        at = before[p];
    }
    run.reverse();
    run
}

/// The changes between two anchors: shared ends matched, one side empty answered
/// directly, the rest left to Myers' search within the deadline.
fn gap_ops(
    old: &[&str],
    mut o: Range<usize>,
    new: &[&str],
    mut n: Range<usize>,
    deadline: Instant,
) -> Vec<DiffOp> {
    let mut ops = Vec::new();
    let head = old[o.clone()]
        .iter()
        .zip(&new[n.clone()])
        .take_while(|(a, b)| a == b)
        .count();
    if head > 0 {
        ops.push(DiffOp::Equal {
            old_index: o.start,
            new_index: n.start,
            len: head,
        });
        (o.start, n.start) = (o.start + head, n.start + head);
    }
    let tail = old[o.clone()]
        .iter()
        .rev()
        .zip(new[n.clone()].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    (o.end, n.end) = (o.end - tail, n.end - tail);
    match (o.is_empty(), n.is_empty()) {
        (true, true) => {}
        (false, true) => ops.push(DiffOp::Delete {
            old_index: o.start,
            old_len: o.len(),
            new_index: n.start,
        }),
        (true, false) => ops.push(DiffOp::Insert {
            old_index: o.start,
            new_index: n.start,
            new_len: n.len(),
        }),
        (false, false) => ops.extend(similar::capture_diff_deadline(
            Algorithm::Myers,
            old,
            o.clone(),
            new,
            n.clone(),
            Some(deadline),
        )),
    }
    if tail > 0 {
        ops.push(DiffOp::Equal {
            old_index: o.end,
            new_index: n.end,
            len: tail,
        });
    }
    ops
}

/// Joins neighbouring runs of shared lines, so that grouping sees one run where the
/// anchors left many.
fn merge_equal(ops: Vec<DiffOp>) -> Vec<DiffOp> {
    let mut merged: Vec<DiffOp> = Vec::with_capacity(ops.len());
    for op in ops {
        if let (Some(DiffOp::Equal { len, .. }), DiffOp::Equal { len: more, .. }) = (merged.last_mut(), &op) {
            *len += more;
            continue;
        }
        merged.push(op);
    }
    merged
}

/// The line that stands for `n` shared lines a diff does not show.
fn elided(n: usize) -> String {
    format!(
        "        {}\n",
        format!("… {n} matching line{} …", plural(n)).dimmed()
    )
}

/// A line cut to [`LINE_CHARS`] characters, saying how much was cut.
fn clip(line: &str) -> String {
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

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// "it" or "them", for `count` ranks.
fn pronoun(count: usize) -> &'static str {
    if count == 1 {
        "it"
    } else {
        "them"
    }
}

/// "1 line", "50000 lines".
fn count_lines(n: usize) -> String {
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

/// `1 rank`, `4 ranks`.
pub fn ranks_phrase(count: usize) -> String {
    if count == 1 {
        "1 rank".to_string()
    } else {
        format!("{count} ranks")
    }
}

/// A rank's verdict in one line of plain words: the line of a check's report (where
/// a difference also gets its diff) and of `grade`'s.
pub fn one_line(verdict: &Verdict, outcome: Outcome) -> String {
    match verdict {
        Verdict::Pass => "output matches".to_string(),
        Verdict::Differs { .. } => "output differs".to_string(),
        Verdict::Crashed(crash) => describe_crash(crash),
        Verdict::Unfinished(blocked) => unfinished(blocked.as_ref(), outcome),
        Verdict::LeftWaiting { panicked, blocked } => {
            let waited = match blocked {
                Some(blocked) => format!(": it {}", blocked.describe()),
                None => String::new(),
            };
            format!("was left waiting for {}{waited}", rank_list(panicked))
        }
        Verdict::Finalizing(output) => format!(
            "{}; then it waited in MPI_Finalize for the ranks still running",
            one_line(output, outcome)
        ),
        Verdict::NeverStarted => "was never started by the launcher".to_string(),
    }
}

/// The line of a rank still running when the run was stopped.
fn unfinished(blocked: Option<&crate::stuck::Blocked>, outcome: Outcome) -> String {
    match (outcome, blocked) {
        (Outcome::Interrupted(signal), _) => format!("was still running {}", crate::interrupt::when(signal)),
        (_, Some(blocked)) => format!("never finished: it {}", blocked.describe()),
        (_, None) => "never finished: it was still running at the timeout \
                      (blocked in a receive or a collective?)"
            .to_string(),
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
        let expected: String = (0..50_000)
            .map(|i| format!("rank 1 cell {i:06}: T = 0.5\n"))
            .collect();
        let actual: String = (0..50_000)
            .map(|i| format!("rank 1 cell {i:06}: T = 0.6\n"))
            .collect();
        let start = std::time::Instant::now();
        let d = diff(&expected, &actual);
        let took = start.elapsed();
        assert!(took < Duration::from_secs(3), "took {took:?}");
        assert_eq!(d.lines().count(), DIFF_LINES + 1, "{d}");
        assert!(
            d.ends_with(
                "      … and 99960 more differing lines (50000 lines expected, 50000 lines printed)\n"
            ),
            "{d}"
        );
    }

    /// 50 lines expected, 50 000 printed that hold them: the 50 line up, and the
    /// first differences shown are the first extra lines, as a reader expects.
    #[test]
    fn extra_lines_line_up_with_the_expected_ones() {
        colored::control::set_override(false);
        let expected: String = (0..50).map(|i| format!("cell {:06}\n", i * 1000)).collect();
        let actual: String = (0..50_000).map(|i| format!("cell {i:06}\n")).collect();
        let start = std::time::Instant::now();
        let d = diff(&expected, &actual);
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "took {:?}",
            start.elapsed()
        );
        let shown: Vec<&str> = d.lines().collect();
        assert_eq!(
            shown[..3],
            [
                "        cell 000000",
                "      + cell 000001",
                "      + cell 000002"
            ]
        );
        assert_eq!(shown.len(), DIFF_LINES + 1, "{d}");
        assert_eq!(
            shown[DIFF_LINES],
            "      … and 49911 more differing lines (50 lines expected, 50000 lines printed)"
        );
    }

    #[test]
    fn anchors_are_the_longest_run_in_order() {
        assert_eq!(
            longest_increasing(&[(3, 0), (0, 1), (1, 2), (4, 3), (2, 4)]),
            [(0, 1), (1, 2), (2, 4)]
        );
        let old = ["a", "x", "b", "x", "c"];
        let new = ["c", "a", "b", "x", "y"];
        assert_eq!(unique_anchors(&old, &new), [(0, 1), (2, 2)]);
    }

    #[test]
    fn open_mpis_stack_frames_are_left_out_of_quotes() {
        colored::control::set_override(false);
        let stderr = "[vm:07930] *** Process received signal ***\n\
                      [vm:07930] Signal: Segmentation fault (11)\n\
                      [vm:07930] [ 0] /lib/x86_64-linux-gnu/libc.so.6(+0x3c050)[0x7f669308e050]\n\
                      [vm:07930] [ 1] /tmp/segv(+0x11fd)[0x557d9c67e1fd]\n\
                      [vm:07930] *** End of error message ***\n\
                      [vm:20623] [1] func:/lib/libmpi.so.40(ompi_mpi_abort+0x15f) [0x7fb30a69cb3f]\n";
        assert_eq!(
            quote_stderr(stderr),
            "      its stderr ended with:\n\
             \x20     [vm:07930] *** Process received signal ***\n\
             \x20     [vm:07930] Signal: Segmentation fault (11)\n\
             \x20     [vm:07930] *** End of error message ***\n\
             \x20     (and Open MPI's stack of 3 frames, addresses only, left out)\n"
        );
        assert_eq!(
            quote_stderr("[vm:20623] [1] func:/lib/libmpi.so.40(ompi_mpi_abort+0x15f)\n"),
            ""
        );
        assert!(!is_stack_frame("[rank 0] [1] x"));
        assert!(!is_stack_frame("[vm:1] *** MPI_ERR_TRUNCATE: message truncated"));
    }

    #[test]
    fn long_lines_are_cut_and_counted() {
        let line = "x".repeat(LINE_CHARS + 50);
        assert_eq!(
            clip(&line),
            format!("{} … (50 more characters)", "x".repeat(LINE_CHARS))
        );
        assert_eq!(clip("short"), "short");
        let quoted = quote_stderr(&format!("{}\n{line}\n", "a\n".repeat(20)));
        colored::control::set_override(false);
        assert!(
            quoted.starts_with("      its stderr ended with (the last 12 of 21 lines):\n"),
            "{quoted}"
        );
        assert_eq!(quoted.lines().count(), 13, "{quoted}");
    }
}
