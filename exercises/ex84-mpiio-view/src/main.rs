//! ex84 (mpiio-view): MPI-IO's non-contiguous collective write through a file view.
//! Every rank fills ten 32-bit integers with its rank. Its view of the shared file
//! must start at int `rank` and show one int out of every `size`, so that one
//! collective write interleaves the ranks' ints: `0 1 2 3 0 1 2 3 …` on four ranks.
//! Then every rank reads ten consecutive ints without a view, and rank 0 prints the
//! whole file. Fill in `set_interleaved_view` and `write_interleaved`.
//! Check it with `cargo run -p runner -- check ex84`.

use std::path::{Path, PathBuf};

use hpckit::mpi_ext::io::{File, IoError, Mode};
use hpckit::NpDisplay;
#[allow(unused_imports)] // for the filetype you make
use mpi::datatype::UserDatatype;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;

/// How many ints each rank writes: the tutorial's `item_count`.
const ITEMS: usize = 10;
/// The file's name, in the run's scratch folder.
const NAME: &str = "datafile.noncontig";

fn main() -> Result<(), IoError> {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let size = world.size();

    let path = fresh_file(&world, NAME);
    let items = [rank; ITEMS];
    let last = rank + (ITEMS as i32 - 1) * size;
    println!(
        "Process {rank} writes {} through its view: ints {rank}, {}, {}, ..., {last} of the file",
        items.np(),
        rank + size,
        rank + 2 * size
    );
    write_interleaved(&world, &path, &items)?;

    let first = rank as usize * ITEMS;
    let chunk = read_chunk(&world, &path, first)?;
    println!(
        "Process {rank} reads ints {first} to {} without a view: {}",
        first + ITEMS - 1,
        chunk.np()
    );

    // Plain file I/O is invisible to MPI: wait until every rank is done with the file.
    world.barrier();
    if rank == 0 {
        show_file(&path);
    }
    Ok(())
}

/// Makes this rank's view of `file`: it starts at int `rank` and shows one int out of
/// every `size`, so that the ranks' views interleave. Collective: every rank sets its
/// own view of the same file.
#[allow(dead_code)] // called by `write_interleaved`, once you have written it
fn set_interleaved_view(_world: &SimpleCommunicator, _file: &mut File) -> Result<(), IoError> {
    // TODO: the filetype is a vector of ITEMS blocks of one int, block starts
    // `world.size()` ints apart: `UserDatatype::vector(count, blocklength, stride,
    // &i32::equivalent_datatype())`. The view starts `world.rank()` ints into the file
    // (a displacement in bytes) and counts in ints (the etype):
    // `file.set_view(displacement, &etype, &filetype)`. (Remove the leading `_`s.)
    todo!("set this rank's interleaved view of the file")
}

/// Writes this rank's `items` through its interleaved view of the file at `path`, all
/// ranks in one collective call.
fn write_interleaved(_world: &SimpleCommunicator, _path: &Path, _items: &[i32]) -> Result<(), IoError> {
    // TODO: open the file for writing (created if missing), set the view, write all of
    // `items` through it with `write_all` (no offset: the view says where), close.
    todo!("write this rank's ints through its view, all ranks together")
}

/// Reads ITEMS consecutive ints of the file at `path`, from int `first` on, with the
/// default view (the whole file, offsets in bytes). Every rank calls it.
fn read_chunk(world: &SimpleCommunicator, path: &Path, first: usize) -> Result<Vec<i32>, IoError> {
    let mut file = File::open(world, path, Mode::RDONLY)?;
    let mut chunk = vec![-1; ITEMS];
    file.read_at_all((first * size_of::<i32>()) as u64, &mut chunk)?;
    file.close()?;
    Ok(chunk)
}

/// The path of `name` in the run's scratch folder, with no file there yet. Opening
/// with `Mode::CREATE` keeps the bytes of a file that exists already, so a file left
/// by an earlier run on more ranks would still hold their ints at its end: rank 0
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

/// The finished file as NumPy's `np.fromfile(path, dtype=np.int32)` sees it: four
/// bytes per int, no header.
fn show_file(path: &Path) {
    let bytes = std::fs::read(path).expect("rank 0 can read the file");
    let ints: Vec<i32> = bytes
        .chunks_exact(size_of::<i32>())
        .map(|b| i32::from_ne_bytes(b.try_into().expect("a chunk of four bytes")))
        .collect();
    println!("{NAME} holds {} bytes: {} int32", bytes.len(), ints.len());
    println!("{}", ints.np());
}
