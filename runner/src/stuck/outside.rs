//! What a process that is not in MPI waits for. A program stopped at the timeout outside
//! MPI either computes (a loop that never ends) or sits in a system call that never
//! returns: a read of a pipe whose writer is still open, a wait for a child, a lock.
//! The two need different advice, and the backtrace tells them apart: the processes are
//! held stopped when gdb reads them, so the innermost frame is where each one was.

use super::frame;

/// What a waiting process waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waits {
    Input,
    Output,
    Child,
    Sleep,
    Thread,
    Events,
    Connection,
}

/// A process waiting in a system call, outside MPI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wait {
    pub waits: Waits,
    /// The system call, as the C library names it: `read`, `wait4`.
    pub syscall: String,
    /// The standard library's function the program called, shortened as a learner
    /// writes it (`Read::read_to_string`, `thread::sleep`), where there is one.
    pub called: Option<String>,
}

impl Wait {
    /// The rest of a sentence after "it": "is waiting in Read::read_to_string (the system
    /// call read) for input that does not come".
    pub fn describe(&self) -> String {
        let (verb, purpose) = match self.waits {
            Waits::Input => ("waiting", " for input that does not come"),
            Waits::Output => ("waiting", " to write output that nobody reads"),
            Waits::Child => ("waiting", " for a child process to end"),
            Waits::Sleep => ("asleep", ""),
            Waits::Thread => ("waiting", " for another thread (a lock, a channel or a join)"),
            Waits::Events => ("waiting", " for a file, pipe or socket to be ready"),
            Waits::Connection => ("waiting", " for a network connection"),
        };
        let place = match &self.called {
            Some(called) => format!("{called} (the system call {})", self.syscall),
            None => format!("the system call {}", self.syscall),
        };
        format!("is {verb} in {place}{purpose}")
    }
}

/// The wait of a thread whose frames, innermost first, are `inner` (those below the
/// program's own code); `None` if it was not in a system call that waits.
pub fn wait_of(inner: &[&str]) -> Option<Wait> {
    // Rust's locks and channels call the `syscall` function with the futex number: the
    // frame above it (std's `futex_wait`) says which, so two frames are looked at.
    let (syscall, waits) = inner.iter().take(2).find_map(|f| {
        let name = c_name(&frame::function(f)?);
        Some((name.clone(), kind_of(&name)?))
    })?;
    let syscall = if syscall == "syscall" {
        "futex".to_string()
    } else {
        syscall
    };
    // The outermost call into the standard library that has a name a learner wrote:
    // `lines()`'s iterator is `std::io::{impl#28}::next`, which names nothing, and
    // the `BufRead::read_line` it calls is the better name.
    let called = inner
        .iter()
        .rev()
        .filter_map(|f| frame::function(f))
        .find_map(|f| std_call(&f));
    Some(Wait {
        waits,
        syscall,
        called,
    })
}

/// A C library function's name without glibc's internal prefixes: `__GI___libc_read`
/// and `__libc_read` are `read`.
fn c_name(function: &str) -> String {
    let mut name = function;
    loop {
        let trimmed = name.trim_start_matches('_');
        let stripped = ["GI_", "libc_"]
            .iter()
            .find_map(|prefix| trimmed.strip_prefix(prefix))
            .unwrap_or(trimmed);
        if stripped == name {
            return name.to_string();
        }
        name = stripped;
    }
}

fn kind_of(name: &str) -> Option<Waits> {
    Some(match name {
        "read" | "readv" | "pread64" | "recv" | "recvfrom" | "recvmsg" => Waits::Input,
        "write" | "writev" | "send" | "sendto" | "sendmsg" => Waits::Output,
        "wait4" | "waitpid" | "waitid" => Waits::Child,
        "nanosleep" | "clock_nanosleep" => Waits::Sleep,
        "poll" | "ppoll" | "select" | "pselect6" | "epoll_wait" => Waits::Events,
        "accept" | "accept4" | "connect" => Waits::Connection,
        _ if [
            "futex",
            "pthread_cond",
            "pthread_join",
            "lll_lock",
            "pthread_mutex",
        ]
        .iter()
        .any(|part| name.contains(part))
            || name == "syscall" =>
        {
            Waits::Thread
        }
        _ => return None,
    })
}

/// The standard library's function a program called, as it writes it: the last two
/// parts of its path, without generic arguments (`std::io::Read::read_to_string<…>` is
/// `Read::read_to_string`, `<std::process::ChildStdout as std::io::Read>::read_to_end`
/// is `Read::read_to_end`); `None` for a function outside the standard library.
fn std_call(function: &str) -> Option<String> {
    let path = match function.strip_prefix('<') {
        // `<T as Trait>::method`: the trait's path and the method.
        Some(qualified) => {
            let (inside, method) = qualified.rsplit_once(">::")?;
            let (_, trait_path) = inside.rsplit_once(" as ")?;
            format!("{trait_path}::{method}")
        }
        None => function.to_string(),
    };
    if !["std::", "core::", "alloc::"]
        .iter()
        .any(|lib| path.starts_with(lib))
    {
        return None;
    }
    let path = without_generics(&path);
    let parts: Vec<&str> = path.split("::").collect();
    let [.., owner, function] = parts.as_slice() else {
        return None;
    };
    // `{impl#28}`, `{closure#0}`: names the compiler made up.
    if function.starts_with('{') || owner.starts_with('{') {
        return None;
    }
    // A method is written with its type or trait (`Child::wait`), a free function with
    // its public module (`std::thread::functions::sleep` is `thread::sleep`).
    let owner = match owner.starts_with(|c: char| c.is_ascii_uppercase()) {
        true => owner,
        false => parts[1],
    };
    Some(format!("{owner}::{function}"))
}

/// A path without its generic arguments, wherever they are:
/// `std::sync::mpsc::Receiver<i32>::recv<i32>` is `std::sync::mpsc::Receiver::recv`.
fn without_generics(path: &str) -> String {
    let mut depth = 0usize;
    path.chars()
        .filter(|&c| {
            match c {
                '<' => depth += 1,
                '>' => depth = depth.saturating_sub(1),
                _ => return depth == 0,
            }
            false
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A program reading a child's output whose input it never closed, as gdb shows it.
    const READ: [&str; 3] = [
        "#0  0x00007fa1b43b22ad in read () from /lib/x86_64-linux-gnu/libc.so.6",
        "#1  0x000055c80a8c3f24 in std::sys::fd::unix::FileDesc::read_buf () at library/std/src/sys/fd/unix.rs:179",
        "#7  std::io::Read::read_to_string<std::process::ChildStdout> (self=0x7fff, buf=0x7fff) at \
         /rustc/5980/library/std/src/io/mod.rs:992",
    ];

    #[test]
    fn a_read_of_a_pipe_is_a_wait_for_input() {
        let wait = wait_of(&READ).unwrap();
        assert_eq!(
            wait,
            Wait {
                waits: Waits::Input,
                syscall: "read".into(),
                called: Some("Read::read_to_string".into())
            }
        );
        assert_eq!(
            wait.describe(),
            "is waiting in Read::read_to_string (the system call read) for input that does not come"
        );
    }

    #[test]
    fn a_channel_waits_for_another_thread() {
        let frames = [
            "#0  0x00007f in syscall () from /lib/x86_64-linux-gnu/libc.so.6",
            "#1  0x000055 in std::sys::pal::unix::futex::futex_wait () at library/std/src/sys/pal/unix/futex.rs:72",
            "#4  0x000055 in std::sync::mpsc::Receiver<i32>::recv<i32> (self=0x7ffc) at /rustc/x/library/std/src/sync/mpsc.rs:846",
        ];
        let wait = wait_of(&frames).unwrap();
        assert_eq!((wait.waits, wait.syscall.as_str()), (Waits::Thread, "futex"));
        assert_eq!(wait.called.as_deref(), Some("Receiver::recv"));
    }

    #[test]
    fn glibc_names_and_qualified_paths_are_shortened() {
        assert_eq!(c_name("__GI___libc_read"), "read");
        assert_eq!(c_name("__GI___wait4"), "wait4");
        assert_eq!(c_name("__GI___clock_nanosleep"), "clock_nanosleep");
        assert_eq!(
            std_call("<std::process::ChildStdout as std::io::Read>::read_to_end"),
            Some("Read::read_to_end".into())
        );
        assert_eq!(std_call("std::thread::sleep"), Some("thread::sleep".into()));
        assert_eq!(
            std_call("std::thread::functions::sleep"),
            Some("thread::sleep".into())
        );
        assert_eq!(std_call("std::process::Child::wait"), Some("Child::wait".into()));
        assert_eq!(
            std_call("std::io::{impl#28}::next<std::io::BufReader<std::process::ChildStdout>>"),
            None
        );
        assert_eq!(std_call("ndarray::impl_methods::sum<f64>"), None);
    }

    /// A loop in the program's own code stopped between calls is not a wait.
    #[test]
    fn a_busy_frame_is_not_a_wait() {
        let frames = ["#0  0x000055 in ndarray::zip::Zip<(P1, P2), D>::for_each () at src/zip/mod.rs:10"];
        assert_eq!(wait_of(&frames), None);
    }
}
