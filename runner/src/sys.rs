//! The runner's dealings with the operating system below std: signals to processes and
//! process groups, whether a process is alive, who we run as, and the one raw call std
//! does not offer. Everything but that call goes through rustix's safe functions, so the
//! rest of the runner needs no `unsafe`, and this module is the one place to look.

#![allow(unsafe_code)] // the one raw call below, with its reason

use rustix::process::{self, Pid, Signal};

/// Sends `signal` to the process `pid`. False if it could not be sent (the process is
/// gone, or the number names no signal).
pub fn signal(pid: i32, signal: i32) -> bool {
    match (Pid::from_raw(pid), Signal::from_named_raw(signal)) {
        (Some(pid), Some(signal)) => process::kill_process(pid, signal).is_ok(),
        _ => false,
    }
}

/// Sends `signal` to every process of the process group `group`.
pub fn signal_group(group: i32, signal: i32) -> bool {
    match (Pid::from_raw(group), Signal::from_named_raw(signal)) {
        (Some(group), Some(signal)) => process::kill_process_group(group, signal).is_ok(),
        _ => false,
    }
}

/// True while the process `pid` exists (a zombie counts until it is reaped).
pub fn alive(pid: i32) -> bool {
    Pid::from_raw(pid).is_some_and(|pid| process::test_kill_process(pid).is_ok())
}

/// True while the process group `group` has a member.
pub fn group_alive(group: i32) -> bool {
    Pid::from_raw(group).is_some_and(|group| process::test_kill_process_group(group).is_ok())
}

/// True when running as root, where Open MPI needs `--allow-run-as-root`.
pub fn is_root() -> bool {
    process::geteuid().is_root()
}

/// Lets SIGPIPE end the process quietly, as other Unix tools do when a pager or `head`
/// closes their output (Rust ignores it, and the next print would panic instead).
pub fn default_sigpipe() {
    // SAFETY: setting a signal's action to its default touches no memory of ours; it is
    // called first thing in main, before any thread starts.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_a_child_and_sees_it_gone() {
        let mut child = std::process::Command::new("sleep").arg("30").spawn().unwrap();
        let pid = child.id() as i32;
        assert!(alive(pid));
        assert!(signal(pid, libc::SIGKILL));
        child.wait().unwrap();
        assert!(!alive(pid));
        assert!(!signal(pid, libc::SIGTERM));
        assert!(!signal(pid, 0x7fff), "no such signal");
    }
}
