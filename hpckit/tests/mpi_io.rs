//! `hpckit::mpi_ext::io` under a real MPI, at 4 and 3 ranks: the two collective writes
//! of mpi4py's tutorial (at offset rank × bytes, and through a strided file view), the
//! files they make checked byte by byte, then read back collectively. Each run works in
//! a temporary folder of its own.

mod mpi_launch;

use std::mem::size_of;
use std::path::Path;

use hpckit::mpi_ext::io::{File, Mode};
use mpi::datatype::UserDatatype;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;

/// Elements per rank, as in the tutorial.
const ITEMS: usize = 10;

#[test]
fn collective_writes_and_reads() {
    if mpi_launch::on_rank(io_on_rank) {
        return;
    }
    for ranks in [4, 3] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        mpi_launch::run("collective_writes_and_reads", ranks, dir.path());
        let read = |name: &str| std::fs::read(dir.path().join(name)).expect("the ranks wrote the file");
        let contiguous = (0..ranks).flat_map(|r| [i64::from(r); ITEMS]);
        assert_eq!(
            read("datafile.contig"),
            native_bytes(contiguous.map(i64::to_ne_bytes))
        );
        // Rank r's items are every ranks-th int, starting with the r-th.
        let interleaved = (0..ITEMS).flat_map(|_| 0..ranks);
        assert_eq!(
            read("datafile.noncontig"),
            native_bytes(interleaved.map(i32::to_ne_bytes))
        );
        assert_eq!(read("datafile.resized"), 0_i64.to_ne_bytes());
    }
}

fn native_bytes<const N: usize>(values: impl Iterator<Item = [u8; N]>) -> Vec<u8> {
    values.flatten().collect()
}

/// What each rank does.
fn io_on_rank(world: &SimpleCommunicator, dir: &Path) {
    write_contiguous(world, &dir.join("datafile.contig"));
    write_through_view(world, &dir.join("datafile.noncontig"));
    read_contiguous(world, &dir.join("datafile.contig"));
    read_through_view(world, &dir.join("datafile.noncontig"));
    resize(world, &dir.join("datafile.resized"));
    errors_are_returned(world, dir);
}

/// The tutorial's first example: rank r writes ten times r at byte offset r × 80.
fn write_contiguous(world: &SimpleCommunicator, path: &Path) {
    let buffer = [i64::from(world.rank()); ITEMS];
    let mut file = File::open(world, path, Mode::WRONLY | Mode::CREATE).unwrap();
    let offset = world.rank() as u64 * std::mem::size_of_val(&buffer) as u64;
    file.write_at_all(offset, &buffer).unwrap();
    file.close().unwrap();
}

/// The second: a vector filetype interleaves the ranks' ints in the file.
fn write_through_view(world: &SimpleCommunicator, path: &Path) {
    let buffer = [world.rank(); ITEMS];
    let mut file = File::open(world, path, Mode::WRONLY | Mode::CREATE).unwrap();
    set_interleaved_view(world, &mut file);
    file.write_all(&buffer).unwrap();
    // Dropped, not closed: the drop closes it too.
}

fn set_interleaved_view(world: &SimpleCommunicator, file: &mut File) {
    let filetype = UserDatatype::vector(ITEMS as i32, 1, world.size(), &i32::equivalent_datatype());
    let displacement = world.rank() as u64 * size_of::<i32>() as u64;
    file.set_view(displacement, &i32::equivalent_datatype(), &filetype)
        .unwrap();
}

/// Every rank reads the whole file, as large as it should be.
fn read_contiguous(world: &SimpleCommunicator, path: &Path) {
    let ranks = world.size() as usize;
    let mut file = File::open(world, path, Mode::RDONLY).unwrap();
    assert_eq!(file.size().unwrap(), (ranks * ITEMS * size_of::<i64>()) as u64);
    let mut all = vec![-1_i64; ranks * ITEMS];
    file.read_at_all(0, &mut all).unwrap();
    let expected: Vec<i64> = (0..ranks as i64).flat_map(|r| [r; ITEMS]).collect();
    assert_eq!(all, expected);
}

/// Through the same view, each rank reads back its own ints, all of them and then two
/// at an offset counted in etypes of the view.
fn read_through_view(world: &SimpleCommunicator, path: &Path) {
    let mut file = File::open(world, path, Mode::RDONLY).unwrap();
    set_interleaved_view(world, &mut file);
    let mut mine = [-1_i32; ITEMS];
    file.read_all(&mut mine).unwrap();
    assert_eq!(mine, [world.rank(); ITEMS]);
    let mut two = [-1_i32; 2];
    file.read_at_all(ITEMS as u64 - 2, &mut two).unwrap();
    assert_eq!(two, [world.rank(); 2]);
}

/// `set_size` cuts the file to rank 0's value.
fn resize(world: &SimpleCommunicator, path: &Path) {
    let mut file = File::open(world, path, Mode::RDWR | Mode::CREATE).unwrap();
    let offset = world.rank() as u64 * size_of::<i64>() as u64;
    file.write_at_all(offset, &[i64::from(world.rank())]).unwrap();
    file.set_size(size_of::<i64>() as u64).unwrap();
    assert_eq!(file.size().unwrap(), size_of::<i64>() as u64);
}

/// File errors come back as values on every rank, and the job goes on.
fn errors_are_returned(world: &SimpleCommunicator, dir: &Path) {
    let missing = File::open(world, dir.join("no-such-folder/file"), Mode::RDONLY).unwrap_err();
    assert_eq!(missing.call(), "MPI_File_open");
    assert!(!missing.message().is_empty());
    assert!(
        missing.to_string().starts_with("MPI_File_open failed: "),
        "{missing}"
    );

    let nul = File::open(world, "a\0b", Mode::RDONLY).unwrap_err();
    assert_eq!(nul.message(), "the path contains a NUL byte");
}
