//! The learner's progress: which exercises were solved or tried, and how many hints were
//! shown, in `.workbook/progress.json` at the course root (ignored by git). Keyed by
//! slug, so renumbered exercises keep their state after a `git pull`; entries of
//! exercises a newer course removed are kept but not shown.
//!
//! Several runners may use the file at once (a `watch` in one terminal, `hint` and `list`
//! in another, a `grade` running for minutes), so it is never damaged by them: every
//! load-change-save ([`Progress::update`]) holds an exclusive lock on a file beside it
//! (`progress.json.lock`), and every save writes a temporary file in the same folder and
//! renames it over the old one, so that a reader sees the old progress or the new one,
//! never half a file. Progress is never a reason for a command to fail: a file that
//! cannot be read, parsed or written is a warning on stderr, and the command goes on.

use anyhow::{Context, Result};
use colored::Colorize;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// The state of one exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    NotTried,
    Failing,
    Solved,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct Entry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
    #[serde(default)]
    hints_seen: usize,
}

/// Progress as stored on disk.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Progress {
    #[serde(default)]
    exercises: BTreeMap<String, Entry>,
}

/// What the progress file holds, as read.
enum Stored {
    /// No file yet (or no folder for it): a fresh start.
    Missing,
    Parsed(Progress),
    /// Not progress at all: kept aside, never overwritten.
    Damaged(serde_json::Error),
    /// There, but not readable (a directory, no permission): left alone, never overwritten.
    Unreadable(std::io::Error),
}

impl Progress {
    /// The progress file of the course at `root`, unless `WORKBOOK_PROGRESS` names
    /// another (the tests use it so that they never touch a learner's progress).
    pub fn path_in(root: &Path) -> PathBuf {
        match std::env::var_os("WORKBOOK_PROGRESS") {
            Some(path) => PathBuf::from(path),
            None => crate::course::state_dir(root).join("progress.json"),
        }
    }

    /// Loads progress to show it (list, watch). Saves replace the file in one rename, so
    /// no lock is needed to read it; only a file that cannot be used takes the lock, to
    /// be read again (and kept aside if damaged) without undoing a save that just
    /// replaced it.
    pub fn load(root: &Path) -> Progress {
        let path = Progress::path_in(root);
        match read(&path) {
            Stored::Missing => Progress::default(),
            Stored::Parsed(progress) => progress,
            Stored::Damaged(_) | Stored::Unreadable(_) => {
                let _lock = lock(&path);
                load_locked(&path).0
            }
        }
    }

    /// Loads the progress of the course at `root`, lets `change` change it, and saves
    /// it, all under the lock, so that runners working at once never lose each other's
    /// changes: what every verb that records something (check, hint, grade, reset,
    /// watch) does. A progress file that cannot be saved is a warning, never the
    /// command's failure: the hint is still shown, the check still passes.
    pub fn update<T>(root: &Path, change: impl FnOnce(&mut Progress) -> T) -> T {
        let path = Progress::path_in(root);
        let _lock = lock(&path);
        let (mut progress, writable) = load_locked(&path);
        let result = change(&mut progress);
        if writable {
            if let Err(err) = progress.save(&path) {
                warn_once(&format!(
                    "cannot save your progress to {} ({err:#}), so this is not recorded. \
                     Make that folder writable, or point WORKBOOK_PROGRESS at a file you can write.",
                    path.display()
                ));
            }
        }
        result
    }

    /// Writes the whole file to a temporary file beside it and renames that over it:
    /// a crash or a concurrent reader never meets half a file.
    fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let text = serde_json::to_string_pretty(self)? + "\n";
        let temp = suffixed(path, &format!(".tmp-{}", std::process::id()));
        let written = write_synced(&temp, text.as_bytes())
            .with_context(|| format!("writing {}", temp.display()))
            .and_then(|()| {
                std::fs::rename(&temp, path).with_context(|| format!("replacing {}", path.display()))
            });
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        written
    }

    pub fn status(&self, slug: &str) -> Status {
        self.exercises
            .get(slug)
            .and_then(|e| e.status)
            .unwrap_or(Status::NotTried)
    }

    /// Records a check's result. A solved exercise stays solved only while it passes:
    /// a later failing check (the learner broke it) shows it as failing again.
    pub fn record(&mut self, slug: &str, passed: bool) {
        let entry = self.exercises.entry(slug.to_string()).or_default();
        entry.status = Some(if passed { Status::Solved } else { Status::Failing });
    }

    /// Forgets the last check's result (after a reset: the stub is not the solved
    /// exercise); the hints seen stay seen.
    pub fn forget_result(&mut self, slug: &str) {
        if let Some(entry) = self.exercises.get_mut(slug) {
            entry.status = None;
        }
    }

    pub fn hints_seen(&self, slug: &str) -> usize {
        self.exercises.get(slug).map_or(0, |e| e.hints_seen)
    }

    pub fn set_hints_seen(&mut self, slug: &str, seen: usize) {
        self.exercises.entry(slug.to_string()).or_default().hints_seen = seen;
    }
}

/// Reads the progress file. A path through a file (`a-file/progress.json`) has no
/// progress file, like a missing one: saving there then fails with a clear warning.
fn read(path: &Path) -> Stored {
    match std::fs::read(path) {
        Ok(bytes) => match serde_json::from_slice(&bytes) {
            Ok(progress) => Stored::Parsed(progress),
            Err(err) => Stored::Damaged(err),
        },
        Err(err) if matches!(err.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => Stored::Missing,
        Err(err) => Stored::Unreadable(err),
    }
}

/// Reads the progress file while holding the lock, keeping a damaged one aside. Also
/// says whether the file may be saved over: not when it could not be read, or could
/// not be kept aside, since saving would destroy what is there.
fn load_locked(path: &Path) -> (Progress, bool) {
    match read(path) {
        Stored::Missing => (Progress::default(), true),
        Stored::Parsed(progress) => (progress, true),
        Stored::Damaged(err) => (Progress::default(), keep_aside(path, &err)),
        Stored::Unreadable(err) => {
            warn_once(&format!(
                "cannot read {} ({err}), so your progress shows as a fresh start and is not saved. \
                 Move it away, or point WORKBOOK_PROGRESS at a file you can read and write.",
                path.display()
            ));
            (Progress::default(), false)
        }
    }
}

/// Renames a damaged progress file to `<name>.damaged-<time>` (numbered if that exists,
/// so that a later damage never replaces an earlier one), and says so. Returns whether
/// the file is out of the way.
fn keep_aside(path: &Path, err: &serde_json::Error) -> bool {
    let base = suffixed(path, &format!(".damaged-{}", crate::reset::local_timestamp()));
    let aside = first_unused(&base);
    match std::fs::rename(path, &aside) {
        Ok(()) => {
            warn(&format!(
                "{} was damaged ({err}); it is kept as {} and your progress starts afresh \
                 (your exercises are untouched).",
                path.display(),
                aside.display()
            ));
            true
        }
        Err(move_err) => {
            warn(&format!(
                "{} is damaged ({err}) and could not be kept aside ({move_err}), so it is left as \
                 it is and nothing is saved: move it away to record progress again.",
                path.display()
            ));
            false
        }
    }
}

/// `base`, or `base-2`, `base-3`…: the first name nothing has. Called under the lock,
/// so no other runner takes the name between the look and the rename.
fn first_unused(base: &Path) -> PathBuf {
    let mut candidate = base.to_path_buf();
    let mut n = 2;
    while candidate.symlink_metadata().is_ok() {
        candidate = suffixed(base, &format!("-{n}"));
        n += 1;
    }
    candidate
}

/// Takes the exclusive lock on `<progress file>.lock`, waiting for other runners; the
/// lock ends when the returned file is dropped (or the process ends, even killed).
/// `None` where no lock can be had (a read-only folder, a file system without
/// locks): the lock guards against other runners, it is never a reason to stop.
fn lock(path: &Path) -> Option<File> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).ok()?;
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(suffixed(path, ".lock"))
        .ok()?;
    file.lock().ok()?;
    Some(file)
}

/// Writes `bytes` to a new file and flushes it to the disk before it is renamed into
/// place, so that a power cut cannot leave an empty progress file behind.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// `path` with `suffix` appended to its last component: `progress.json.lock`.
fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

/// A warning on stderr: progress problems never stop a command.
fn warn(message: &str) {
    eprintln!("{} {message}", "warning:".yellow().bold());
}

/// Whether a warning about an unusable progress file was printed already.
static WARNED: AtomicBool = AtomicBool::new(false);

/// A warning printed once per run: `grade` and `watch` record many results, and one
/// unusable file would otherwise repeat the same warning for each.
fn warn_once(message: &str) {
    if !WARNED.swap(true, Ordering::Relaxed) {
        warn(message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    /// Names the course root of the child process that
    /// [`survives_round_trip_and_unknown_slugs`] runs itself in.
    const CHILD_ROOT: &str = "WORKBOOK_PROGRESS_TEST_ROOT";

    /// `load` and `update` honour `WORKBOOK_PROGRESS`, which the shell running the tests
    /// may set: run in this process, the test would overwrite the file it names. So it
    /// runs itself again in a child process without the variable, on a course root of
    /// its own in a temporary folder, and checks there that the progress file is inside
    /// that root.
    #[test]
    fn survives_round_trip_and_unknown_slugs() {
        let Some(root) = std::env::var_os(CHILD_ROOT) else {
            let root = std::env::temp_dir().join(format!("progress-test-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&root);
            let name = format!("{}::survives_round_trip_and_unknown_slugs", module_path!());
            // Test names leave out the crate's name.
            let name = name.split_once("::").unwrap().1;
            let out = Command::new(std::env::current_exe().unwrap())
                .args(["--exact", name, "--test-threads=1"])
                .env_remove("WORKBOOK_PROGRESS")
                .env(CHILD_ROOT, &root)
                .output()
                .unwrap();
            let _ = std::fs::remove_dir_all(&root);
            let stdout = String::from_utf8_lossy(&out.stdout);
            let report = format!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
            assert!(out.status.success(), "{report}");
            // Proof that the child ran the test, rather than matching no test at all.
            assert!(stdout.contains("test result: ok. 1 passed;"), "{report}");
            return;
        };
        let root = PathBuf::from(root);
        let path = Progress::path_in(&root);
        assert_eq!(path, root.join(".workbook/progress.json"));
        let p = Progress::load(&root);
        assert_eq!(p.status("hello"), Status::NotTried);
        Progress::update(&root, |p| {
            p.record("hello", true);
            p.record("removed-exercise", false);
            p.set_hints_seen("bcast", 2);
        });
        assert!(path.is_file());
        let p = Progress::load(&root);
        assert_eq!(p.status("hello"), Status::Solved);
        assert_eq!(p.status("removed-exercise"), Status::Failing);
        assert_eq!(p.hints_seen("bcast"), 2);
    }

    #[test]
    fn first_unused_numbers_names_that_exist() {
        let dir = std::env::temp_dir().join(format!("progress-names-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let base = dir.join("p.damaged-x");
        assert_eq!(first_unused(&base), base);
        std::fs::write(&base, "").unwrap();
        std::fs::write(dir.join("p.damaged-x-2"), "").unwrap();
        assert_eq!(first_unused(&base), dir.join("p.damaged-x-3"));
        std::fs::remove_dir_all(dir).unwrap();
    }
}
