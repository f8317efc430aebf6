//! ex83 (mpiio-contiguous): MPI-IO's collective contiguous write. Every rank fills ten
//! 64-bit integers with its rank and writes them into one shared file at byte offset
//! rank × 80, all ranks in one collective call; then every rank reads back the block
//! of the next rank, and rank 0 prints the whole file with one row per rank.
//! Fill in `write_block` and `read_block` with `hpckit::mpi_ext::io::File`.
//! Check it with `cargo run -p runner -- check ex83`.

use std::path::{Path, PathBuf};

#[allow(unused_imports)] // `File` and `Mode` are for the functions you write
use hpckit::mpi_ext::io::{File, IoError, Mode};
use hpckit::NpDisplay;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use mpi::Rank;
use ndarray::Array2;

/// How many numbers each rank writes, as in the tutorial.
const ITEMS: usize = 10;
/// The file's name, in the run's scratch folder.
const NAME: &str = "datafile.contig";

fn main() -> Result<(), IoError> {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let size = world.size();

    let path = fresh_file(&world, NAME);
    let block = [i64::from(rank); ITEMS];
    println!(
        "Process {rank} writes {} at byte offset {}",
        block.np(),
        block_offset(rank)
    );
    write_block(&world, &path, &block)?;

    let next = (rank + 1) % size;
    let theirs = read_block(&world, &path, next)?;
    println!(
        "Process {rank} reads the block of process {next}: {}",
        theirs.np()
    );

    // Plain file I/O is invisible to MPI: wait until every rank is done with the file.
    world.barrier();
    if rank == 0 {
        show_file(&path, size as usize);
    }
    Ok(())
}

/// Where rank `owner`'s block starts in the file, in bytes: after the blocks of all
/// the ranks before it (the tutorial's `rank * buffer.nbytes`).
fn block_offset(owner: Rank) -> u64 {
    owner as u64 * (ITEMS * size_of::<i64>()) as u64
}

/// Writes this rank's `block` into the file at `path`, at the rank's offset. Every
/// rank calls it: opening, writing and closing are collective.
fn write_block(_world: &SimpleCommunicator, _path: &Path, _block: &[i64]) -> Result<(), IoError> {
    // TODO: open the file on every rank with `File::open(world, path, mode)` (write
    // only, created if missing: combine two `Mode`s with `|`), write `block` with
    // `write_at_all` at `block_offset(world.rank())`, then `close()` it. Every call
    // returns a `Result`: pass errors on with `?`. (Remove the leading `_`s.)
    todo!("write this rank's block at its offset, all ranks together")
}

/// Reads the block that rank `owner` wrote, from the file at `path`. Every rank calls
/// it, each naming the block it wants.
fn read_block(_world: &SimpleCommunicator, _path: &Path, _owner: Rank) -> Result<Vec<i64>, IoError> {
    // TODO: the mirror image of `write_block`: open read-only, read ITEMS numbers into
    // a vector with `read_at_all` at the offset of `owner`'s block, close, return it.
    todo!("read the block that `owner` wrote")
}

/// The path of `name` in the run's scratch folder, with no file there yet. Opening
/// with `Mode::CREATE` keeps the bytes of a file that exists already, so a file left
/// by an earlier run on more ranks would still hold their blocks at its end: rank 0
/// removes it, and the others wait until it has.
fn fresh_file(world: &SimpleCommunicator, name: &str) -> PathBuf {
    let path = hpckit::scratch::dir()
        .expect("a scratch folder for the run")
        .join(name);
    if world.rank() == 0 {
        // Under the runner the folder is new and the file is not there: nothing to do.
        let _ = std::fs::remove_file(&path);
    }
    world.barrier();
    path
}

/// The finished file as NumPy's `np.fromfile(path, dtype=np.int64)` sees it: eight
/// bytes per number, no header. Shown with one row per rank if it has the expected
/// size, else as it is.
fn show_file(path: &Path, ranks: usize) {
    let bytes = std::fs::read(path).expect("rank 0 can read the file");
    let numbers: Vec<i64> = bytes
        .chunks_exact(size_of::<i64>())
        .map(|b| i64::from_ne_bytes(b.try_into().expect("a chunk of eight bytes")))
        .collect();
    println!("{NAME} holds {} bytes: {} int64", bytes.len(), numbers.len());
    if numbers.len() == ranks * ITEMS {
        let rows = Array2::from_shape_vec((ranks, ITEMS), numbers).expect("the length fits");
        println!("{}", rows.np());
    } else {
        println!("{}", numbers.np());
    }
}
