//! Telling the learner's own code from libraries in stack traces. A report that says
//! where something happened names the learner's line, not rsmpi's `collective.rs` or
//! the standard library's `panicking.rs`: the innermost frame in the exercise's crate.
//!
//! Paths in debug information are as cargo gave them to rustc: relative to the
//! workspace root for workspace members (`exercises/ex48-tags/src/main.rs`), relative to
//! their own folder for crates from the registry (`src/environment.rs`), absolute for
//! the standard library (`/rustc/…`). Rust's panic backtraces print them with `./` in
//! front of relative paths.

use std::path::{Path, PathBuf};

/// Where the program's own source lives.
#[derive(Debug, Clone)]
pub struct OwnCode {
    /// The crate's folder, absolute.
    dir: PathBuf,
    /// The workspace root: debug information names the crate's files relative to it.
    root: Option<PathBuf>,
}

impl OwnCode {
    /// The code of the crate in `dir` (a folder of a cargo workspace).
    pub fn of_crate(dir: &Path) -> OwnCode {
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        let root = crate::course::workspace_root(&dir).map(Path::to_path_buf);
        OwnCode { dir, root }
    }

    /// The crate's folder relative to the workspace root, as debug information names it.
    fn relative(&self) -> Option<&Path> {
        self.dir.strip_prefix(self.root.as_ref()?).ok()
    }

    /// True if a source `file`, as a backtrace names it, belongs to this crate.
    pub fn contains(&self, file: &str) -> bool {
        let path = Path::new(file.strip_prefix("./").unwrap_or(file));
        if path.is_absolute() {
            return path.starts_with(&self.dir);
        }
        self.relative().is_some_and(|rel| path.starts_with(rel))
    }

    /// The innermost frame of this crate in a Rust panic backtrace (the lines after
    /// `stack backtrace:`), as `file:line:column` relative to the workspace root, as the
    /// panic's own location is: where the learner's code called the library that
    /// panicked. `None` without a backtrace.
    pub fn innermost_in_backtrace(&self, stderr: &str) -> Option<String> {
        let trace = stderr.split("stack backtrace:").nth(1)?;
        trace.lines().find_map(|line| {
            let at = line.trim_start().strip_prefix("at ")?.trim_end();
            let (file, position) = at.split_once(".rs:")?;
            let file = format!("{file}.rs");
            self.contains(&file)
                .then(|| format!("{}:{position}", self.shown(&file)))
        })
    }

    /// A source path as reports show it: relative to the workspace root where it can be,
    /// whether the backtrace printed it relative (`./…`) or absolute.
    fn shown(&self, file: &str) -> String {
        let path = Path::new(file.strip_prefix("./").unwrap_or(file));
        let relative = self.root.as_ref().and_then(|root| path.strip_prefix(root).ok());
        relative.unwrap_or(path).display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> OwnCode {
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        OwnCode::of_crate(&workspace.join("tests/fixtures/course/exercises/ex13-library-panic"))
    }

    #[test]
    fn knows_the_crates_paths_from_libraries() {
        let own = fixture();
        assert!(own.contains("tests/fixtures/course/exercises/ex13-library-panic/src/main.rs"));
        assert!(own.contains("./tests/fixtures/course/exercises/ex13-library-panic/src/main.rs"));
        assert!(!own.contains("src/environment.rs"));
        assert!(!own.contains("/root/.cargo/registry/src/index.crates.io-1/mpi-0.8.2/src/topology/mod.rs"));
        assert!(!own.contains("/rustc/5980/library/core/src/panicking.rs"));
        assert!(!own.contains("hpckit/src/lib.rs"));
    }

    #[test]
    fn finds_the_learners_line_below_a_library_panic() {
        let stderr = "\
thread 'main' (11187) panicked at /root/.cargo/registry/src/index.crates.io-1/mpi-0.8.2/src/topology/mod.rs:382:9:
assertion failed: 0 <= r && r < self.target_size()
stack backtrace:
   0: __rustc::rust_begin_unwind
             at /rustc/5980/library/std/src/panicking.rs:689:5
   3: mpi::topology::Communicator::process_at_rank
             at /root/.cargo/registry/src/index.crates.io-1/mpi-0.8.2/src/topology/mod.rs:382:9
   4: fixture_ex_library_panic::main
             at ./tests/fixtures/course/exercises/ex13-library-panic/src/main.rs:12:24
   5: core::ops::function::FnOnce::call_once
             at /rustc/5980/library/core/src/ops/function.rs:250:5
";
        assert_eq!(
            fixture().innermost_in_backtrace(stderr).as_deref(),
            Some("tests/fixtures/course/exercises/ex13-library-panic/src/main.rs:12:24")
        );
        assert_eq!(
            fixture().innermost_in_backtrace("thread 'main' panicked at x\n"),
            None
        );
    }
}
