//! A folder for the files the ranks of one run share: the file that MPI-IO writes
//! together, notes left for a neighbour behind a barrier.
//!
//! Under the runner every run gets a folder of its own (in `WORKBOOK_SCRATCH`, under
//! `target/`, which the nodes of a cluster share), so two checks at once never write
//! the same file, and the runner removes it when the run ends. Started some other way
//! (`cargo run`, your own `mpiexec`), the program uses `workbook-scratch` in the
//! system's temporary folder, which every rank on one machine agrees on.

use std::path::PathBuf;

/// The variable the runner sets for every rank of a run.
pub const VARIABLE: &str = "WORKBOOK_SCRATCH";

/// The run's scratch folder, created if it does not exist yet.
///
/// ```
/// let dir = hpckit::scratch::dir().unwrap();
/// assert!(dir.is_dir());
/// ```
pub fn dir() -> std::io::Result<PathBuf> {
    let dir = match std::env::var_os(VARIABLE) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => std::env::temp_dir().join("workbook-scratch"),
    };
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
