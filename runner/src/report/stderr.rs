//! Quoting a rank's stderr under its report line: the last lines, cut to a screen's
//! width, without the address-only stack frames Open MPI prints on an abort or a signal.

use super::clip;
use crate::paint::Paint;
use crate::words::plural;
use std::fmt::Write;

/// At most this many lines of a rank's stderr are quoted in a report.
const STDERR_LINES: usize = 12;

/// The last [`STDERR_LINES`] lines of a rank's stderr, indented and cut to
/// [`LINE_CHARS`], if it printed any; the heading says how many were left out. The
/// frames of stacks Open MPI prints (addresses in libraries, no source lines) are
/// left out and counted: they would push out the lines that explain something, and a
/// stderr of nothing else is not quoted at all.
pub(super) fn quote_stderr(stderr: &str, paint: Paint) -> String {
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
    let mut out = format!("      {}\n", paint.dimmed(&heading));
    for line in &lines[skip..] {
        let _ = writeln!(out, "      {}", paint.dimmed(&clip(line)));
    }
    if !frames.is_empty() {
        let left_out = format!(
            "(and Open MPI's stack of {} frame{}, addresses only, left out)",
            frames.len(),
            plural(frames.len())
        );
        let _ = writeln!(out, "      {}", paint.dimmed(&left_out));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_mpis_stack_frames_are_left_out_of_quotes() {
        let stderr = "[vm:07930] *** Process received signal ***\n\
                      [vm:07930] Signal: Segmentation fault (11)\n\
                      [vm:07930] [ 0] /lib/x86_64-linux-gnu/libc.so.6(+0x3c050)[0x7f669308e050]\n\
                      [vm:07930] [ 1] /tmp/segv(+0x11fd)[0x557d9c67e1fd]\n\
                      [vm:07930] *** End of error message ***\n\
                      [vm:20623] [1] func:/lib/libmpi.so.40(ompi_mpi_abort+0x15f) [0x7fb30a69cb3f]\n";
        assert_eq!(
            quote_stderr(stderr, Paint::PLAIN),
            "      its stderr ended with:\n\
             \x20     [vm:07930] *** Process received signal ***\n\
             \x20     [vm:07930] Signal: Segmentation fault (11)\n\
             \x20     [vm:07930] *** End of error message ***\n\
             \x20     (and Open MPI's stack of 3 frames, addresses only, left out)\n"
        );
        assert_eq!(
            quote_stderr(
                "[vm:20623] [1] func:/lib/libmpi.so.40(ompi_mpi_abort+0x15f)\n",
                Paint::PLAIN
            ),
            ""
        );
        assert!(!is_stack_frame("[rank 0] [1] x"));
        assert!(!is_stack_frame("[vm:1] *** MPI_ERR_TRUNCATE: message truncated"));
    }
}
