//! ex84 (mpiio-view), reference solution: MPI-IO's non-contiguous collective write
//! through a file view. Every rank fills ten 32-bit integers with its rank. Its view of
//! the shared file starts at int `rank` and shows one int out of every `size` (a vector
//! datatype as the filetype), so one collective `write_all` interleaves the ranks'
//! ints: `0 1 2 3 0 1 2 3 …` on four ranks. Every rank then reads ten consecutive ints
//! of the file without a view, and rank 0 prints the whole file with plain file I/O.
//! Mirrors seed 001, MPI-IO: "Non-contiguous Collective I/O with NumPy arrays and
//! datatypes" (`MPI.INT.Create_vector(item_count, 1, size)`, `fh.Set_view(displacement,
//! filetype=filetype)`, `fh.Write_all(buffer)`).
//! rsmpi has no MPI-IO: `File` comes from `hpckit::mpi_ext::io`.
//! Check it with `cargo run -p runner -- check ex84`.

use std::path::{Path, PathBuf};

use hpckit::mpi_ext::io::{File, IoError, Mode};
use hpckit::NpDisplay;
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
fn set_interleaved_view(world: &SimpleCommunicator, file: &mut File) -> Result<(), IoError> {
    let int = i32::equivalent_datatype();
    // ITEMS blocks of one int each, the starts of two blocks `size` ints apart: the
    // holes between them are the other ranks' ints.
    let filetype = UserDatatype::vector(ITEMS as i32, 1, world.size(), &int);
    let displacement = world.rank() as u64 * size_of::<i32>() as u64;
    file.set_view(displacement, &int, &filetype)
}

/// Writes this rank's `items` through its interleaved view of the file at `path`, all
/// ranks in one collective call.
fn write_interleaved(world: &SimpleCommunicator, path: &Path, items: &[i32]) -> Result<(), IoError> {
    let mut file = File::open(world, path, Mode::WRONLY | Mode::CREATE)?;
    set_interleaved_view(world, &mut file)?;
    file.write_all(items)?;
    file.close()
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
