//! The diff of a rank's output against the expected one: the lines only expected, the
//! lines only printed, a little shared context, bounded in lines and in time whatever
//! a rank printed.

use super::clip;
use crate::paint::Paint;
use crate::words::{count_lines, plural};
use similar::{Algorithm, DiffOp, DiffTag};
use std::collections::HashMap;
use std::fmt::Write;
use std::ops::Range;
use std::time::{Duration, Instant};

/// At most this many lines of a diff are shown for one rank; the differing lines left
/// out are counted. A rank may print megabytes; a report is read on one screen.
const DIFF_LINES: usize = 40;

/// Unchanged lines shown around each change; longer unchanged stretches are elided.
const CONTEXT: usize = 3;

/// How long the diff may search for the fewest changes before settling for a coarser
/// (still correct) one. Myers' search is quadratic in the number of changes: 50 000
/// lines printed where 50 were expected took 40 s before [`line_ops`] anchored it.
const DIFF_TIME: Duration = Duration::from_millis(250);

/// A line diff of expected against actual: `-` lines only expected, `+` lines only
/// printed, and up to [`CONTEXT`] shared lines around each change; longer shared
/// stretches are elided. At most [`DIFF_LINES`] lines are shown, then how many
/// differing lines were left out, so a report stays short whatever a rank printed.
pub fn diff(expected: &str, actual: &str, paint: Paint) -> String {
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
            out.push_str(&elided(start - next, paint));
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
                    "- " => writeln!(out, "      {}", paint.red(&line)),
                    "+ " => writeln!(out, "      {}", paint.green(&line)),
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
        let _ = writeln!(out, "      {}", paint.dimmed(&more));
    } else if next < old.len() {
        out.push_str(&elided(old.len() - next, paint));
    }
    if actual.is_empty() {
        let _ = writeln!(
            out,
            "      {}",
            paint.dimmed("(this rank printed nothing on stdout)")
        );
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
fn elided(n: usize, paint: Paint) -> String {
    format!(
        "        {}\n",
        paint.dimmed(&format!("… {n} matching line{} …", plural(n)))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_marks_changed_lines() {
        let d = diff("a\nb\nc", "a\nB\nc", Paint::PLAIN);
        assert_eq!(d, "        a\n      - b\n      + B\n        c\n");
    }

    /// Shared lines far from any change are elided, counted, on both sides.
    #[test]
    fn diff_elides_long_shared_stretches() {
        let expected: Vec<String> = (0..20).map(|i| format!("line {i}")).collect();
        let mut actual = expected.clone();
        actual[10] = "line ten".into();
        let d = diff(&expected.join("\n"), &actual.join("\n"), Paint::PLAIN);
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
        let expected: String = (0..50_000)
            .map(|i| format!("rank 1 cell {i:06}: T = 0.5\n"))
            .collect();
        let actual: String = (0..50_000)
            .map(|i| format!("rank 1 cell {i:06}: T = 0.6\n"))
            .collect();
        let start = std::time::Instant::now();
        let d = diff(&expected, &actual, Paint::PLAIN);
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
        let expected: String = (0..50).map(|i| format!("cell {:06}\n", i * 1000)).collect();
        let actual: String = (0..50_000).map(|i| format!("cell {i:06}\n")).collect();
        let start = std::time::Instant::now();
        let d = diff(&expected, &actual, Paint::PLAIN);
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
}
