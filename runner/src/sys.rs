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

/// True while the process `pid` runs. A zombie does not: it has ended, and only its
/// exit status waits for its parent. A rank whose shim was killed first is an orphan,
/// and init collects orphans when it gets to it: seconds late in some containers, never
/// where the container's first process does not reap.
pub fn alive(pid: i32) -> bool {
    let exists = Pid::from_raw(pid).is_some_and(|pid| process::test_kill_process(pid).is_ok());
    exists && stat(pid).is_none_or(|(state, _)| state != 'Z')
}

/// True while the process group `group` has a member that runs (zombies do not count,
/// as for [`alive`]).
#[cfg(target_os = "linux")]
pub fn group_alive(group: i32) -> bool {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return false;
    };
    entries
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<i32>().ok())
        .filter_map(stat)
        .any(|(state, of)| of == group && state != 'Z')
}

/// True while the process group `group` has a member (zombies included: without /proc
/// there is no telling them apart).
#[cfg(not(target_os = "linux"))]
pub fn group_alive(group: i32) -> bool {
    Pid::from_raw(group).is_some_and(|group| process::test_kill_process_group(group).is_ok())
}

/// A process's state letter (`R`, `S`, `T`, `Z`, …) and process group, from
/// /proc/<pid>/stat; `None` where there is no /proc or the process is gone.
fn stat(pid: i32) -> Option<(char, i32)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // `pid (name) state ppid pgrp …`: the name may hold spaces and parentheses of its
    // own, so it ends at the last `)`.
    let mut fields = text.rsplit_once(')')?.1.split_whitespace();
    let state = fields.next()?.chars().next()?;
    let group = fields.nth(1)?.parse().ok()?;
    Some((state, group))
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
    use std::os::unix::process::CommandExt;

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

    /// A child that has exited but is not yet reaped is a zombie: it no longer runs,
    /// for the process and for its process group alike.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_zombie_is_not_alive() {
        let mut child = std::process::Command::new("true")
            .process_group(0)
            .spawn()
            .unwrap();
        let pid = child.id() as i32;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while stat(pid).map(|(state, _)| state) != Some('Z') {
            assert!(std::time::Instant::now() < deadline, "`true` never ended");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(stat(pid), Some(('Z', pid)));
        assert!(!alive(pid));
        assert!(!group_alive(pid));
        child.wait().unwrap();
    }

    #[test]
    fn a_sleeping_process_and_its_group_are_alive() {
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .process_group(0)
            .spawn()
            .unwrap();
        let pid = child.id() as i32;
        assert!(alive(pid) && group_alive(pid));
        signal(pid, libc::SIGKILL);
        child.wait().unwrap();
        assert!(!alive(pid) && !group_alive(pid));
    }
}
