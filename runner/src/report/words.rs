//! The words for verdicts: one line per rank (a crash, a hang, a rank left waiting), and
//! the one sentence that says why a run hung. Verdicts carry facts; this module alone
//! turns them into sentences.

use crate::session::Outcome;
use crate::verdict::{Crash, Verdict};
use crate::words::{capitalized, processes, pronoun};

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
        Crash::Mpi {
            error,
            truncated,
            call,
        } => {
            let error = crate::terminal_safe::visible(error);
            let explanation = explain_mpi_error(*truncated, call.as_deref());
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
            format!("was stopped by the launcher after {failed} {verb}")
        }
        Crash::Runaway(stream) => format!(
            "printed more than {} MiB on {} and was stopped: a loop that prints without end?",
            crate::capture::STREAM_LIMIT >> 20,
            stream.name()
        ),
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
            format!("was left waiting for {panicked}{waited}")
        }
        Verdict::Finalizing(output) => format!(
            "{}; then it waited in MPI_Finalize for the ranks still running",
            one_line(output, outcome)
        ),
        Verdict::NeverStarted => "was never started".to_string(),
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

/// One sentence on why a timed-out run hung, from where its ranks wait: every rank
/// still running in a receive (nobody sends) or in a send (nobody receives), a rank
/// waiting outside MPI or busy in its own code that the others wait for, or ranks in
/// different collectives; else the general rule. `mpi` is false for a program that
/// runs alone, which has no ranks to speak of.
pub fn why_stuck(verdicts: &[Verdict], np: usize, mpi: bool) -> String {
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
    // At the start of a sentence: "Rank 1", "Ranks 1 and 2", "The program".
    let who = |list: &[usize]| capitalized(&processes(list, np, mpi));
    let others = |count: usize| match stuck.len() > count {
        true => format!(", and the others wait for {}", pronoun(count)),
        false => String::new(),
    };
    let waiting: Vec<(usize, &crate::stuck::Wait)> = stuck
        .iter()
        .filter_map(|(r, b)| Some((*r, b.as_ref()?.outside.as_ref()?)))
        .collect();
    let busy = ranks(|b| b.call.is_none() && b.outside.is_none());
    let calls: std::collections::BTreeSet<&str> = stuck
        .iter()
        .filter_map(|(_, b)| b.filter(|b| b.in_collective())?.call.as_deref())
        .collect();
    let finalizing = verdicts.iter().any(|v| matches!(v, Verdict::Finalizing(_)));
    if all(Blocked::is_receiving) {
        let mut why = "Every rank still running is receiving, and no one is sending: a deadlock.".to_string();
        let tagged = |b: &Blocked| b.message.as_ref().is_some_and(|m| m.tag.is_some());
        if stuck.iter().any(|(_, b)| b.is_some_and(tagged)) {
            why.push_str(
                " A receive takes only a message of its tag, from its source: if a rank did send, \
                 compare the send's tag and destination with the receive's.",
            );
        }
        why
    } else if all(Blocked::is_sending) {
        "Every rank still running is sending, and none is receiving: a deadlock once messages are \
         too large to be buffered. Let one side receive first, or use send_receive."
            .to_string()
    } else if let Some((_, wait)) = waiting.first() {
        let ranks: Vec<usize> = waiting.iter().map(|(r, _)| *r).collect();
        why_waiting(&who(&ranks), wait.waits, &others(ranks.len()))
    } else if !busy.is_empty() {
        format!(
            "{} never left {} own code (a loop that never ends?){}.",
            who(&busy),
            if busy.len() == 1 { "its" } else { "their" },
            others(busy.len())
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

/// Why `who` ("Rank 0", "The program") never returned from a system call, and what to
/// look at; `others` is ", and the others wait for it" where other ranks wait.
fn why_waiting(who: &str, waits: crate::stuck::Waits, others: &str) -> String {
    use crate::stuck::Waits;
    match waits {
        Waits::Input => format!(
            "{who} waits for input outside MPI{others}. A read returns only when data comes or \
             every copy of the writing end is closed: drop the write end of a pipe once you have \
             written what you send through it."
        ),
        Waits::Output => format!(
            "{who} waits to write{others}. A pipe holds about 64 KiB; then its writer waits until \
             the other end reads: read what the other side writes while you write."
        ),
        Waits::Child => format!(
            "{who} waits for a child process that does not end{others}: does the child wait for \
             input that is never closed?"
        ),
        Waits::Sleep => format!(
            "{who} was asleep at the timeout{others}: a sleep longer than the timeout, or one in \
             a loop that never ends?"
        ),
        Waits::Thread => format!(
            "{who} waits for another thread{others}: a lock that is never released, a channel \
             nobody sends on while a sender is still alive, or a thread that never ends."
        ),
        Waits::Events => format!("{who} waits for a file, pipe or socket that is never ready{others}."),
        Waits::Connection => format!("{who} waits for a network connection that does not come{others}."),
    }
}

/// What an MPI error means for the learner: a truncation has a rule to follow, other
/// errors the call they happened in.
fn explain_mpi_error(truncated: bool, call: Option<&str>) -> String {
    if truncated {
        "a message was longer than the buffer it was received into (MPI_ERR_TRUNCATE). \
         A receive buffer must be at least as large as the message: send the size first, \
         or probe the message, then allocate (exercise send-size-first)."
            .to_string()
    } else {
        let call = call.map(|c| format!(" in {c}")).unwrap_or_default();
        format!("MPI reported an error{call}, and MPI ends the whole job on errors.")
    }
}

/// What a signal did to a learner's program, as the rest of a sentence that starts
/// with the rank: "crashed with a segmentation fault (SIGSEGV, signal 11): it read or
/// wrote memory it does not own (…)". Names and numbers both, because learners search
/// for either; the number from the platform, since they differ between systems.
pub fn describe_signal(signal: i32) -> String {
    let (what, name, meaning) = match signal {
        libc::SIGSEGV => (
            "crashed with a segmentation fault",
            "SIGSEGV",
            ": it read or wrote memory it does not own (a bad pointer in unsafe code, or a stack overflow)",
        ),
        libc::SIGBUS => (
            "crashed with a bus error",
            "SIGBUS",
            ": a memory access the hardware cannot make (a misaligned pointer in unsafe code)",
        ),
        libc::SIGABRT => (
            "aborted",
            "SIGABRT",
            ": the program stopped itself (a failed allocation, a stack overflow, or a library giving up)",
        ),
        libc::SIGFPE => (
            "crashed with an arithmetic fault",
            "SIGFPE",
            ": an integer division by zero outside Rust's checks",
        ),
        libc::SIGILL => (
            "crashed on an illegal instruction",
            "SIGILL",
            ": code built for another processor, or a deliberate trap",
        ),
        libc::SIGKILL => (
            "was killed",
            "SIGKILL",
            " from outside: by the launcher, or by the system when memory ran out",
        ),
        libc::SIGTERM => ("was terminated", "SIGTERM", " from outside"),
        libc::SIGINT => ("was interrupted", "SIGINT", ""),
        libc::SIGPIPE => ("was stopped", "SIGPIPE", ": it wrote to a pipe nobody reads"),
        _ => return format!("was killed by signal {signal}"),
    };
    format!("{what} ({name}, signal {signal}){meaning}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mpi_errors_are_explained() {
        assert!(explain_mpi_error(true, Some("MPI_Recv")).contains("longer than the buffer"));
        assert_eq!(
            explain_mpi_error(false, Some("MPI_Send")),
            "MPI reported an error in MPI_Send, and MPI ends the whole job on errors."
        );
    }

    #[test]
    fn signals_are_named_and_explained() {
        assert_eq!(
            describe_signal(libc::SIGSEGV),
            format!(
                "crashed with a segmentation fault (SIGSEGV, signal {}): it read or wrote memory it \
                 does not own (a bad pointer in unsafe code, or a stack overflow)",
                libc::SIGSEGV
            )
        );
        assert_eq!(describe_signal(64), "was killed by signal 64");
    }

    use crate::stuck::{Blocked, Message, Wait, Waits};

    fn stuck(call: Option<&str>, message: Option<Message>, outside: Option<Wait>) -> Verdict {
        Verdict::Unfinished(Some(Blocked {
            call: call.map(str::to_string),
            message,
            outside,
            location: Some("src/main.rs:9".to_string()),
        }))
    }

    /// The sentence follows what the ranks do: one computing while the others wait,
    /// one waiting for input, all receiving with a tag given.
    #[test]
    fn why_a_run_hung_follows_where_its_ranks_wait() {
        let receiving = |tag| {
            let message = Message {
                tag,
                from_any_rank: false,
            };
            stuck(Some("MPI_Recv"), Some(message), None)
        };
        let busy = stuck(None, None, None);
        assert_eq!(
            why_stuck(&[receiving(None), busy.clone(), receiving(None)], 3, true),
            "Rank 1 never left its own code (a loop that never ends?), and the others wait for it."
        );
        assert_eq!(
            why_stuck(&[busy], 1, false),
            "The program never left its own code (a loop that never ends?)."
        );
        let sleeping = Wait {
            waits: Waits::Sleep,
            syscall: "clock_nanosleep".into(),
            called: Some("thread::sleep".into()),
        };
        assert_eq!(
            why_stuck(&[receiving(None), stuck(None, None, Some(sleeping))], 2, true),
            "Rank 1 was asleep at the timeout, and the others wait for it: a sleep longer than the \
             timeout, or one in a loop that never ends?"
        );
        assert_eq!(
            why_stuck(&[receiving(None), receiving(None)], 2, true),
            "Every rank still running is receiving, and no one is sending: a deadlock."
        );
        assert!(why_stuck(&[receiving(Some(0)), receiving(Some(1))], 2, true)
            .ends_with("compare the send's tag and destination with the receive's."));
    }
}
