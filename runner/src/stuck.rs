//! Where a hung rank waits. When a run times out, the runner attaches gdb to every rank
//! still running (one gdb for all, within one deadline) and reads its backtrace: the
//! MPI call it is blocked in, and the first frame in the learner's own code. That turns "rank 1 never
//! finished" into "rank 1 is blocked in a receive at src/main.rs:14". Without gdb, or
//! where the system forbids attaching, the report degrades to the list of stuck ranks.

mod frame;
mod gdb;
mod outside;

use crate::frames::OwnCode;
use crate::probe;
use std::time::{Duration, Instant};

pub use outside::{Wait, Waits};

/// The longest the backtraces of a run may take, all of its processes together: a hung
/// run must be reported within two seconds of its timeout, and stopping it and writing
/// the report need some of them. gdb needs about 0.25 s of processor time for the first
/// process and 0.05 s for each further one of the same program (see [`gdb`]); the
/// processes are held stopped meanwhile (see `session`), so that hung MPI ranks, which
/// spin, leave it the cores.
pub const BUDGET: Duration = Duration::from_millis(1400);

/// What a stuck rank is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocked {
    /// The MPI function it waits in, e.g. `MPI_Recv`, if it waits in MPI at all.
    pub call: Option<String>,
    /// The message a send or receive waits for, where rsmpi's frame shows its tag.
    pub message: Option<Message>,
    /// Outside MPI, the system call it waits in; `None` for a rank that computes.
    pub outside: Option<Wait>,
    /// `file:line` of the innermost frame in the program's own code.
    pub location: Option<String>,
}

/// The envelope of the message a blocked send or receive is for, as far as rsmpi's
/// frame tells it: its tag (MPI matches messages by source and tag, and a tag that
/// differs from the send's is the mistake a learner cannot see in "blocked in a
/// receive"), and whether a receive takes it from any rank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The tag, or `None` for a receive of any tag.
    pub tag: Option<i32>,
    pub from_any_rank: bool,
}

impl Message {
    /// Read from the rsmpi frames of a send or receive (innermost first); `None` where
    /// none shows a tag (a build without debug information).
    fn of(inner: &[&str]) -> Option<Message> {
        let (function, tag) = inner.iter().rev().find_map(|f| {
            let function = frame::function(f)?;
            let tag = frame::argument(f, "tag")?;
            function
                .starts_with("mpi::point_to_point::")
                .then_some((function, tag))
        })?;
        let tag: i32 = tag.parse().ok()?;
        Some(Message {
            // rsmpi passes MPI_ANY_TAG, which is negative in every MPI, for "any tag".
            tag: (tag >= 0).then_some(tag),
            from_any_rank: function.contains("AnyProcess"),
        })
    }

    /// " of tag 1", " of tag 1, from any rank,"; nothing for a message of any tag, which
    /// any message matches.
    fn describe(&self) -> String {
        let Some(tag) = self.tag else {
            return String::new();
        };
        let from = if self.from_any_rank {
            ", from any rank,"
        } else {
            ""
        };
        format!(" of tag {tag}{from}")
    }
}

impl Blocked {
    /// What the rank is doing, as the rest of a sentence: "is blocked in a receive
    /// (MPI_Recv) at src/main.rs:14".
    pub fn describe(&self) -> String {
        let what = match &self.call {
            Some(_) if self.in_finalize() => {
                return "had finished its work and was waiting in MPI_Finalize for the other ranks"
                    .to_string()
            }
            Some(call) => {
                let message = self.message.as_ref().map(Message::describe).unwrap_or_default();
                format!("is blocked in {} ({call}){message}", kind_of(call).phrase())
            }
            None => match &self.outside {
                Some(wait) => wait.describe(),
                None => "is busy outside MPI (a loop that never ends?)".to_string(),
            },
        };
        match &self.location {
            Some(at) => format!("{what} at {at}"),
            None => what,
        }
    }

    pub fn is_receiving(&self) -> bool {
        self.kind() == Some(Kind::Receive)
    }

    pub fn is_sending(&self) -> bool {
        self.kind() == Some(Kind::Send)
    }

    pub fn in_collective(&self) -> bool {
        self.kind() == Some(Kind::Collective)
    }

    /// True for a rank that has done its work and waits for the others to finish MPI
    /// (rsmpi finalizes when the `Universe` is dropped): its output is complete.
    pub fn in_finalize(&self) -> bool {
        self.kind() == Some(Kind::Finalize)
    }

    fn kind(&self) -> Option<Kind> {
        self.call.as_deref().map(kind_of)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Receive,
    Send,
    Wait,
    Collective,
    Finalize,
    Other,
}

impl Kind {
    fn phrase(self) -> &'static str {
        match self {
            Kind::Receive => "a receive",
            Kind::Send => "a send",
            Kind::Wait => "a wait for a non-blocking request",
            Kind::Collective => "a collective, which every rank must call",
            Kind::Finalize => "MPI_Finalize, waiting for the other ranks",
            Kind::Other => "an MPI call",
        }
    }
}

fn kind_of(call: &str) -> Kind {
    let name = call.trim_start_matches("MPI_");
    match name {
        "Recv" | "Mrecv" | "Probe" | "Mprobe" | "Sendrecv" | "Sendrecv_replace" => Kind::Receive,
        "Send" | "Ssend" | "Bsend" | "Rsend" => Kind::Send,
        _ if name.starts_with("Wait") => Kind::Wait,
        "Barrier" | "Bcast" | "Reduce" | "Allreduce" | "Scatter" | "Scatterv" | "Gather" | "Gatherv"
        | "Allgather" | "Allgatherv" | "Alltoall" | "Alltoallv" | "Scan" | "Exscan" | "Reduce_scatter"
        | "Comm_split" | "Comm_dup" => Kind::Collective,
        "Finalize" => Kind::Finalize,
        _ => Kind::Other,
    }
}

/// Where each of the given `(rank, pid)`s waits, from gdb's backtraces, all read by
/// `deadline`; ranks gdb could not read in time are left out. Empty when gdb is not
/// installed. `own` is the program's code.
pub fn inspect(ranks: &[(usize, i32)], own: &OwnCode, deadline: Instant) -> Vec<(usize, Blocked)> {
    if ranks.is_empty() || !probe::on_path("gdb") {
        return Vec::new();
    }
    let pids: Vec<i32> = ranks.iter().map(|&(_, pid)| pid).collect();
    let traces = gdb::backtraces(&pids, deadline);
    ranks
        .iter()
        .filter_map(|&(rank, pid)| {
            let (_, text) = traces.iter().find(|(of, _)| *of == pid)?;
            Some((rank, read_backtrace(text, own)?))
        })
        .collect()
}

/// Finds, in gdb's `thread apply all bt`, the thread running the program's own code:
/// the outermost MPI function below it, and its innermost frame in the program's crate.
pub fn read_backtrace(text: &str, own: &OwnCode) -> Option<Blocked> {
    let threads = text.split("\nThread ").filter(|t| t.contains("\n#"));
    threads.filter_map(|t| read_thread(t, own)).next()
}

fn read_thread(thread: &str, own: &OwnCode) -> Option<Blocked> {
    let frames: Vec<&str> = thread.lines().filter(|l| l.starts_with('#')).collect();
    let mine = frames
        .iter()
        .position(|f| frame::source_of(f).is_some_and(|(file, _)| own.contains(file)))?;
    let inner = &frames[..mine];
    let call = if inner
        .iter()
        .any(|f| f.to_ascii_lowercase().contains("mpi_finalize"))
    {
        // Open MPI's `ompi_mpi_finalize`, below rsmpi's drop of the Universe.
        Some("MPI_Finalize".to_string())
    } else {
        inner.iter().rev().find_map(|f| mpi_function(f))
    };
    let (file, line) = frame::source_of(frames[mine])?;
    let point_to_point = call
        .as_deref()
        .is_some_and(|c| matches!(kind_of(c), Kind::Receive | Kind::Send));
    Some(Blocked {
        message: point_to_point.then(|| Message::of(inner)).flatten(),
        outside: call.is_none().then(|| outside::wait_of(inner)).flatten(),
        call,
        location: Some(format!("{file}:{line}")),
    })
}

/// `MPI_Recv` from a frame in `PMPI_Recv ()` or `MPI_Recv ()`.
fn mpi_function(frame: &str) -> Option<String> {
    let name = frame
        .split_whitespace()
        .find(|w| w.starts_with("PMPI_") || w.starts_with("MPI_"))?;
    let name = name.trim_start_matches('P');
    Some(name.split(['(', ' ']).next().unwrap_or(name).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEADLOCK: &str = "\
Thread 2 (Thread 0x7f (LWP 17498) \"fixture-ex-dead\"):
#0  0x00007f in __GI___poll (fds=0x7f, nfds=1, timeout=3599972) at ../sysdeps/unix/sysv/linux/poll.c:29
#1  0x00007f in ?? () from /lib/x86_64-linux-gnu/libevent_core-2.1.so.7

Thread 1 (Thread 0x7f (LWP 17496) \"fixture-ex-dead\"):
#0  0x00007f in opal_progress () from /lib/x86_64-linux-gnu/libopen-pal.so.40
#1  0x00007f in mca_pml_ob1_recv () from /usr/lib/x86_64-linux-gnu/openmpi/lib/openmpi3/mca_pml_ob1.so
#2  0x00007f in PMPI_Recv () from /lib/x86_64-linux-gnu/libmpi.so.40
#3  0x00005 in mpi::point_to_point::Source::receive_with_tag::{closure#0}<mpi::topology::Process, i32> (msg=0x7ffc, status=0x7ffc) at /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/mpi-0.8.2/src/point_to_point.rs:155
#7  0x00005 in fixture_ex_deadlock::main () at tests/fixtures/course/exercises/ex06-deadlock/src/main.rs:8
";

    /// The deadlock fixture's crate.
    fn own() -> OwnCode {
        let workspace = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        OwnCode::of_crate(&workspace.join("tests/fixtures/course/exercises/ex06-deadlock"))
    }

    #[test]
    fn finds_the_receive_and_the_learners_line() {
        let blocked = read_backtrace(DEADLOCK, &own()).unwrap();
        assert_eq!(blocked.call.as_deref(), Some("MPI_Recv"));
        assert_eq!(
            blocked.location.as_deref(),
            Some("tests/fixtures/course/exercises/ex06-deadlock/src/main.rs:8")
        );
        assert!(blocked.is_receiving());
        assert_eq!(
            blocked.describe(),
            "is blocked in a receive (MPI_Recv) at tests/fixtures/course/exercises/ex06-deadlock/src/main.rs:8"
        );
    }

    /// rsmpi's frame shows the tag a receive waits for, and whether from any rank.
    #[test]
    fn reads_the_tag_a_receive_waits_for() {
        let bt = "Thread 1 (x):\n\
            #3  0x00007ff in PMPI_Recv () from /lib/x86_64-linux-gnu/libmpi.so.40\n\
            #6  0x0000564 in mpi::point_to_point::Source::receive_with_tag<mpi::topology::AnyProcess, i32> \
            (self=0x7ffd, tag=1) at /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/mpi-0.8.2/src/point_to_point.rs:154\n\
            #7  0x0000564 in ex::main () at tests/fixtures/course/exercises/ex06-deadlock/src/main.rs:14\n";
        let blocked = read_backtrace(bt, &own()).unwrap();
        assert_eq!(
            blocked.message,
            Some(Message {
                tag: Some(1),
                from_any_rank: true
            })
        );
        assert_eq!(
            blocked.describe(),
            "is blocked in a receive (MPI_Recv) of tag 1, from any rank, at \
             tests/fixtures/course/exercises/ex06-deadlock/src/main.rs:14"
        );
        let any_tag = bt.replace("AnyProcess", "Process").replace("tag=1", "tag=-1");
        let blocked = read_backtrace(&any_tag, &own()).unwrap();
        assert_eq!(blocked.message.as_ref().map(|m| m.tag), Some(None));
        assert_eq!(
            blocked.describe(),
            "is blocked in a receive (MPI_Recv) at tests/fixtures/course/exercises/ex06-deadlock/src/main.rs:14"
        );
    }

    #[test]
    fn classifies_collectives() {
        let bt = "Thread 1 (x):\n#0 0x1 in PMPI_Bcast () from /lib/libmpi.so\n\
                  #1 0x2 in ex::main () at tests/fixtures/course/exercises/ex06-deadlock/src/main.rs:3\n";
        let blocked = read_backtrace(bt, &own()).unwrap();
        assert_eq!(
            blocked.describe(),
            "is blocked in a collective, which every rank must call (MPI_Bcast) at \
             tests/fixtures/course/exercises/ex06-deadlock/src/main.rs:3"
        );
        assert!(blocked.in_collective());
    }

    /// A rank whose main has returned, in rsmpi's drop of the Universe (a registry
    /// crate: its path is relative, `src/environment.rs`), in Open MPI's finalize.
    #[test]
    fn a_rank_in_finalize_has_finished_its_work() {
        let bt = "Thread 1 (Thread 0x7f (LWP 10318) \"fixture-ex-pani\"):\n\
            #0  0x00007f in __GI___clock_nanosleep (clock_id=0) at ../sysdeps/unix/sysv/linux/clock_nanosleep.c:48\n\
            #3  0x00007f in ompi_mpi_finalize () from /lib/x86_64-linux-gnu/libmpi.so.40\n\
            #4  0x000055 in mpi::environment::{impl#1}::drop (self=0x7ffc) at src/environment.rs:175\n\
            #5  0x000055 in core::ptr::drop_in_place<mpi::environment::Universe> () at /rustc/5980/library/core/src/ptr/mod.rs:805\n\
            #6  0x000055 in fixture::main () at tests/fixtures/course/exercises/ex06-deadlock/src/main.rs:13\n";
        let blocked = read_backtrace(bt, &own()).unwrap();
        assert!(blocked.in_finalize());
        assert_eq!(
            blocked.describe(),
            "had finished its work and was waiting in MPI_Finalize for the other ranks"
        );
    }
}
