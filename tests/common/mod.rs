//! What the integration tests share: where the course and the runner binary are, and
//! how to call the runner as a learner would.

#![allow(dead_code)] // each test file uses its own part of this module

use runner::build::Log;
use runner::check::Settings;
use runner::course::Course;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root, where the real course's info.toml lives.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The real course.
pub fn course() -> Course {
    Course::load(&workspace()).unwrap()
}

/// The fixture course: programs that fail in known ways, for testing the runner.
pub fn fixtures() -> Course {
    Course::load(&workspace().join("tests/fixtures/course")).unwrap()
}

/// Launch settings for calling the runner's library directly: quiet builds, and the
/// runner binary cargo built for these tests as the per-rank capture shim.
pub fn settings() -> Settings {
    Settings {
        launcher: None,
        timeout: None,
        // Nothing a cluster would add: the tests launch on this machine.
        launcher_extras: Default::default(),
        shim: PathBuf::from(env!("CARGO_BIN_EXE_runner")),
        log: Log::Hide,
        verbose: false,
        chosen: Default::default(),
    }
}

/// A folder of its own under the system's temporary folder, for what a test writes;
/// removed when dropped, also when the test fails on the way.
pub struct TempDir(PathBuf);

impl TempDir {
    /// A fresh, empty folder; `name` tells it from the other tests' of this process.
    pub fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("workbook-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Where the runner keeps progress during the tests: never in a learner's checkout.
pub fn progress_file() -> PathBuf {
    std::env::temp_dir().join(format!("workbook-test-progress-{}.json", std::process::id()))
}

/// The runner's command line, as a learner runs it (no colour: output is not a terminal).
pub fn runner(course_root: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_runner"));
    cmd.args(args)
        .arg("--quiet")
        .env("WORKBOOK_COURSE", course_root)
        .env("WORKBOOK_PROGRESS", progress_file())
        .env("NO_COLOR", "1")
        .env_remove("WORKBOOK_LAUNCHER");
    cmd
}

/// Runs the runner and returns its exit code and stdout + stderr.
pub fn run_runner(course_root: &Path, args: &[&str]) -> (i32, String) {
    let out: Output = runner(course_root, args).output().unwrap();
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

/// Runs git in `dir` with an identity of its own: tests never depend on the machine's
/// git configuration.
pub fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@t")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@t")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// Makes `dir` a git repository with everything in it committed, as a course ships.
pub fn commit_all(dir: &Path) {
    for args in [
        &["init", "-q"][..],
        &["add", "."],
        &["commit", "-q", "-m", "course"],
    ] {
        git(dir, args);
    }
}
