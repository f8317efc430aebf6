//! Ending every process of a run, however it was started. A rank's program may start
//! children, grandchildren, daemons that call `setsid` or fork twice: none of them stays
//! in the launcher's process group, and orphans are adopted by init, so neither process
//! groups nor parent links find them all. What they all keep is the environment they
//! inherited: the runner tags the launcher with a variable naming the run, each capture
//! shim tags its program with one naming the rank, and a sweep ends every live process
//! that carries the tag. (Linux shows environments in /proc; elsewhere the sweep finds
//! nothing and the process groups are all there is.)

use std::time::{Duration, Instant};

/// The variable that names the run every process of it belongs to.
pub const RUN_TAG: &str = "WORKBOOK_RUN";
/// The variable that names the rank whose program (and its descendants) a process is.
pub const RANK_TAG: &str = "WORKBOOK_RANK_PROCESS";

/// How long a sweep keeps killing: processes that fork while being killed are caught
/// in the next round.
const SWEEP_LIMIT: Duration = Duration::from_secs(1);

/// Kills (SIGKILL) every live process but this one whose environment holds
/// `var=value`, round after round until none is left or [`SWEEP_LIMIT`] has passed.
pub fn kill_tagged(var: &str, value: &str) {
    let needle = format!("\0{var}={value}\0");
    let deadline = Instant::now() + SWEEP_LIMIT;
    loop {
        let found = tagged(&needle);
        if found.is_empty() || Instant::now() > deadline {
            return;
        }
        for pid in found {
            crate::sys::signal(pid, libc::SIGKILL);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The live processes other than this one whose environment contains `needle`
/// (`\0VAR=value\0`). A zombie's environment reads empty, so the dead are not counted.
#[cfg(target_os = "linux")]
fn tagged(needle: &str) -> Vec<i32> {
    let me = std::process::id() as i32;
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<i32>().ok())
        .filter(|&pid| pid != me)
        .filter(|pid| {
            // Entries end with NUL; a leading NUL lets the first one match too.
            let mut environ = vec![0];
            match std::fs::read(format!("/proc/{pid}/environ")) {
                Ok(bytes) => environ.extend(bytes),
                Err(_) => return false,
            }
            environ.windows(needle.len()).any(|w| w == needle.as_bytes())
        })
        .collect()
}

#[cfg(not(target_os = "linux"))]
fn tagged(_needle: &str) -> Vec<i32> {
    Vec::new()
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::process::Command;

    /// A shell whose background `sleep` outlives it (an orphan adopted by init) is
    /// still found through its tag, and ended.
    #[test]
    fn ends_orphans_that_left_their_parent() {
        let value = format!("sweep-test-{}", std::process::id());
        let status = Command::new("sh")
            .args(["-c", "sleep 30 >/dev/null 2>&1 & sleep 30 >/dev/null 2>&1 &"])
            .env("WORKBOOK_SWEEP_TEST", &value)
            .status()
            .unwrap();
        assert!(status.success());
        let needle = format!("\0WORKBOOK_SWEEP_TEST={value}\0");
        assert_eq!(tagged(&needle).len(), 2);
        kill_tagged("WORKBOOK_SWEEP_TEST", &value);
        let deadline = Instant::now() + Duration::from_secs(2);
        while !tagged(&needle).is_empty() {
            assert!(Instant::now() < deadline, "the orphans are still alive");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}
