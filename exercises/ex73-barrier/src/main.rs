//! ex73 (barrier): every rank writes a small file into a directory that all ranks
//! share, then reads the file its right-hand neighbour wrote. Make every rank wait at
//! the two marked points until all ranks have arrived there: fill in
//! `wait_for_everyone`. Check it with `cargo run -p runner -- check ex73`.

use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use std::fs;
use std::path::PathBuf;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let size = world.size();

    // Rank 0 creates a fresh directory in the current one (on a cluster, a directory
    // that every node sees) and broadcasts its process id, from which every rank builds
    // the same name. The broadcast also orders things: no rank can know the name before
    // rank 0 has created the directory.
    let mut id = std::process::id();
    let owned = (rank == 0).then(|| RunDir::create(id));
    world.process_at_rank(0).broadcast_into(&mut id);
    let dir = run_dir(id);

    // Phase 1: every rank writes its own file.
    let mine = format!("part-{rank}.txt");
    fs::write(dir.join(&mine), format!("greetings from rank {rank} of {size}\n"))
        .expect("a rank can write its file");
    println!("Process {rank} wrote {mine}");

    // Without this barrier, a fast rank could look for its neighbour's file before the
    // neighbour has written it.
    wait_for_everyone(&world);

    // Phase 2: every rank reads the file of the next rank, around the ring.
    let next = format!("part-{}.txt", (rank + 1) % size);
    match fs::read_to_string(dir.join(&next)) {
        Ok(text) => println!("Process {rank} read from {next}: {}", text.trim_end()),
        Err(err) => println!("Process {rank} could not read {next}: {err}"),
    }

    // Without this one, rank 0 could remove the directory while others still read.
    wait_for_everyone(&world);

    if let Some(owned) = owned {
        owned.remove();
        println!("Process 0 removed the run directory");
    }
}

/// The directory this run shares, named after rank 0's process id.
fn run_dir(id: u32) -> PathBuf {
    PathBuf::from(format!(".barrier-run-{id}"))
}

/// Rank 0's hold on the run directory: it is removed when this is dropped, even when
/// the program panics on the way, so that no failed run leaves it behind.
struct RunDir(PathBuf);

impl RunDir {
    fn create(id: u32) -> RunDir {
        let dir = run_dir(id);
        fs::create_dir_all(&dir).expect("rank 0 can create the run directory");
        RunDir(dir)
    }

    /// Removes the directory now.
    fn remove(self) {
        // `self` is dropped at the end of this function, and dropping removes it.
    }
}

impl Drop for RunDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Holds this rank until every rank of `world` has called it too.
fn wait_for_everyone(_world: &SimpleCommunicator) {
    // TODO: a barrier is a collective without data: a method of the communicator
    // itself, `world.barrier()`. (Remove the leading `_` of the parameter.)
    todo!("wait until every rank of `world` has arrived here")
}
