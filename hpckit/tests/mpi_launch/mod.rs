//! Runs one test of a test binary as several MPI processes, for the tests of `mpi_ext`
//! that need more than one rank (`mpi_io.rs`, `mpi_window.rs`).
//!
//! A test calls [`run`] for each rank count: it starts the test's own binary under
//! `mpiexec`, filtered to that one test, with an environment that tells those copies
//! they are ranks. In a rank the same test function calls [`on_rank`] first, which
//! runs the MPI part and returns `true`. So MPI is initialized only in the ranks, once
//! each, never in `cargo test`'s own process.
//!
//! The launcher belongs to the MPI that the binary links (asked with
//! `MPI_Get_library_version`, allowed before `MPI_Init`): Open MPI's mpiexec, with
//! `--oversubscribe` (more ranks than cores) and `--allow-run-as-root` (containers),
//! or MPICH's Hydra. `MPIEXEC_TIMEOUT`, which both honour, ends a hung run.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use mpi::topology::SimpleCommunicator;
use mpi::traits::*;

const RANKS: &str = "HPCKIT_TEST_MPI_RANKS";
const DIR: &str = "HPCKIT_TEST_MPI_DIR";
/// Seconds before mpiexec stops a run that hangs; a good run takes about one.
const TIMEOUT_SECONDS: &str = "30";

/// In a rank started by [`run`]: runs `body` with the world communicator and the
/// run's temporary folder, then marks this rank as done, and returns `true`. In
/// `cargo test`'s process: returns `false` at once.
pub fn on_rank(body: impl FnOnce(&SimpleCommunicator, &Path)) -> bool {
    let Some(ranks) = std::env::var_os(RANKS) else {
        return false;
    };
    let dir = PathBuf::from(std::env::var_os(DIR).expect("run() sets the folder beside the rank count"));
    let universe = mpi::initialize().expect("MPI initializes once in each rank");
    let world = universe.world();
    assert_eq!(
        world.size().to_string(),
        ranks.to_string_lossy(),
        "the launcher started ranks that do not know each other: is it another MPI's mpiexec?"
    );
    body(&world, &dir);
    std::fs::write(done_marker(&dir, world.rank()), "").expect("the temporary folder is writable");
    true
}

/// Runs the test `test` of this binary as `ranks` MPI processes that share the folder
/// `dir`, and panics with their output unless every one of them ran it to the end.
pub fn run(test: &str, ranks: i32, dir: &Path) {
    let (launcher, options) = launcher();
    let exe = std::env::current_exe().expect("a test knows its binary");
    let output = Command::new(&launcher)
        .args(options)
        .args(["-n", &ranks.to_string()])
        .arg(exe)
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(RANKS, ranks.to_string())
        .env(DIR, dir)
        .env("MPIEXEC_TIMEOUT", TIMEOUT_SECONDS)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", launcher.display()));
    let unfinished: Vec<i32> = (0..ranks).filter(|&r| !done_marker(dir, r).exists()).collect();
    assert!(
        output.status.success() && unfinished.is_empty(),
        "{test} at {ranks} ranks: {}, ranks {unfinished:?} did not finish\n--- stdout\n{}--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
}

fn done_marker(dir: &Path, rank: i32) -> PathBuf {
    dir.join(format!("rank-{rank}.done"))
}

/// The mpiexec of the MPI this binary links, and the options it needs here.
pub fn launcher() -> (PathBuf, &'static [&'static str]) {
    let library = mpi::environment::library_version().unwrap_or_default();
    if library.contains("Open MPI") {
        let options = &["--oversubscribe", "--allow-run-as-root"];
        (on_path(&["mpiexec.openmpi", "mpiexec"]), options)
    } else {
        (on_path(&["mpiexec.mpich", "mpiexec.hydra", "mpiexec"]), &[])
    }
}

/// The first of `names` found in a folder of `PATH`.
fn on_path(names: &[&str]) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    names
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
        .unwrap_or_else(|| panic!("none of {names:?} is on PATH: these tests run under mpiexec"))
}
