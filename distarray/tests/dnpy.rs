//! `.dnpy` files at 4 and 3 ranks: the notebook's `save_dnpy` and `load_dnpy` round
//! trip, one file's bytes, round trips of block, cyclic and block-cyclic arrays, and
//! every error a load can end in, the same on every rank, with no rank left waiting.

#[path = "../../hpckit/tests/mpi_launch/mod.rs"]
mod mpi_launch;

use std::io::ErrorKind;
use std::path::Path;

use distarray::dnpy;
use distarray::maps::{Dist, Dist::*, Distribution};
use distarray::random::RandomState;
use distarray::DistArray;
use mpi::topology::{Color, SimpleCommunicator};
use mpi::traits::*;
use ndarray::Array2;

#[test]
fn dnpy_files() {
    if mpi_launch::on_rank(files) {
        return;
    }
    for ranks in [4, 3] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        mpi_launch::run("dnpy_files", ranks, dir.path());
    }
}

fn files(world: &SimpleCommunicator, dir: &Path) {
    notebook(world, dir);
    for dists in [
        [Block, Undistributed],
        [Block, Block],
        [Cyclic, Cyclic],
        [BlockCyclic(2), Block],
        [Cyclic, BlockCyclic(3)],
    ] {
        round_trip(world, dir, dists);
    }
    saved_again(world, dir);
    missing_file(world, dir);
    too_few_ranks(world, dir);
    damaged_header(world, dir);
    nothing_saved_or_nowhere_to_save(world, dir);
}

/// In [40]-[41]: the notebook's array saved and loaded again; rank 1's file read back
/// byte by byte.
fn notebook(world: &SimpleCommunicator, dir: &Path) {
    let nparr = RandomState::new(1234567890).rand(4, 5);
    let darr = DistArray::from_global(
        world,
        (world.rank() == 0).then_some(&nparr),
        [Block, Undistributed],
    );
    let base = dir.join("outfile");
    dnpy::save(&darr, &base).unwrap();
    let loaded = dnpy::load(world, &base).unwrap();
    let targets = if world.size() == 4 { "0, 1, 2, 3" } else { "0, 1" };
    assert_eq!(
        loaded.to_string(),
        format!("<DistArray(shape=(4, 5), targets=[{targets}])>")
    );
    assert_eq!(loaded.distribution(), darr.distribution());
    assert_eq!(loaded.local(), darr.local());
    if world.rank() == 1 {
        let bytes = std::fs::read(dir.join("outfile_1.dnpy")).unwrap();
        assert_eq!(bytes, rank_1_file(&nparr, world.size()));
    }
}

/// What rank 1 writes: on 4 ranks row 1, on 3 ranks rows 2 and 3.
fn rank_1_file(nparr: &Array2<f64>, size: i32) -> Vec<u8> {
    let (rows, grid, start, pad) = if size == 4 { (1, 4, 1, 12) } else { (2, 2, 2, 12) };
    let metadata = format!(
        "{{'__version__': '0.10.0', 'dim_data': ({{'dist_type': 'b', 'proc_grid_rank': 1, \
         'proc_grid_size': {grid}, 'size': 4, 'start': {start}, 'stop': {}}}, {{'dist_type': 'b', \
         'proc_grid_rank': 0, 'proc_grid_size': 1, 'size': 5, 'start': 0, 'stop': 5}}), }}",
        start + rows
    );
    let description = format!("{{'descr': '<f8', 'fortran_order': False, 'shape': ({rows}, 5), }}");
    let mut bytes = b"\x93DARRY\x01\x00\xf6\x00".to_vec();
    bytes.extend(metadata.bytes());
    bytes.extend(" ".repeat(pad).bytes());
    bytes.push(b'\n');
    bytes.extend(b"\x93NUMPY\x01\x00\x46\x00");
    bytes.extend(description.bytes());
    bytes.extend(b"          \n");
    for x in nparr.slice(ndarray::s![start..start + rows, ..]) {
        bytes.extend(x.to_le_bytes());
    }
    assert_eq!(bytes.len(), 256 + 80 + rows * 5 * 8);
    bytes
}

/// 7×9 numbered elements: 7 and 9 divide by neither 3 nor 4.
fn numbered(world: &SimpleCommunicator, dists: [Dist; 2]) -> DistArray<f64> {
    let d = Distribution::new([7, 9], dists, world.size() as usize);
    DistArray::from_fn(world, d, |[i, j]| (9 * i + j) as f64)
}

fn round_trip(world: &SimpleCommunicator, dir: &Path, dists: [Dist; 2]) {
    let darr = numbered(world, dists);
    let base = dir.join(format!("{}-{}", dists[0].code(), dists[1].code()));
    dnpy::save(&darr, &base).unwrap();
    let loaded = dnpy::load(world, &base).unwrap();
    let rank = world.rank() as usize;
    // A block dimension over one process comes back undistributed: the same layout.
    assert_eq!(
        loaded.distribution().dim_data(rank),
        darr.distribution().dim_data(rank)
    );
    assert_eq!(loaded.targets(), darr.targets());
    assert_eq!(loaded.local(), darr.local(), "{dists:?}");
    let (got, want) = (loaded.to_global(), darr.to_global());
    assert_eq!(got, want);
}

/// A smaller array saved under the same name: the ranks that hold none of it remove
/// their old files, and the load finds the new array.
fn saved_again(world: &SimpleCommunicator, dir: &Path) {
    let base = dir.join("reused");
    dnpy::save(&numbered(world, [Block, Undistributed]), &base).unwrap();
    let small = Distribution::new([2, 3], [Block, Undistributed], world.size() as usize);
    assert_eq!(small.targets(), [0, 1]);
    let darr = DistArray::from_fn(world, small, |[i, j]| (i + j) as f64);
    dnpy::save(&darr, &base).unwrap();
    assert!(!dnpy::file_name(&base, 2).exists());
    let loaded = dnpy::load(world, &base).unwrap();
    assert_eq!(loaded.distribution(), darr.distribution());
    assert_eq!(loaded.to_global(), darr.to_global());
}

/// One file removed: every rank reports the missing part.
fn missing_file(world: &SimpleCommunicator, dir: &Path) {
    let darr = numbered(world, [Cyclic, Undistributed]);
    let base = dir.join("missing");
    dnpy::save(&darr, &base).unwrap();
    if world.rank() == 0 {
        std::fs::remove_file(dnpy::file_name(&base, 2)).unwrap();
    }
    world.barrier();
    let error = dnpy::load(world, &base).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotFound);
    let size = world.size();
    let found = if size == 4 { "[0, 1, 3]" } else { "[0, 1]" };
    assert_eq!(
        error.to_string(),
        format!(
            "only {} of the {size} parts of {b} (a {size}×1 process grid) were found, the files \
             of ranks {found}: a file {b}_<rank>.dnpy is missing. Put it back, or save the \
             array again",
            size - 1,
            b = base.display()
        )
    );
}

/// Saved on all ranks, loaded on all but the last: the communicator is too small.
fn too_few_ranks(world: &SimpleCommunicator, dir: &Path) {
    let darr = numbered(world, [Block, Undistributed]);
    let base = dir.join("all-ranks");
    dnpy::save(&darr, &base).unwrap();
    let size = world.size();
    let color = if world.rank() < size - 1 {
        Color::with_value(0)
    } else {
        Color::undefined()
    };
    let Some(fewer) = world.split_by_color(color) else {
        return;
    };
    let error = dnpy::load(&fewer, &base).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert_eq!(
        error.to_string(),
        format!(
            "{} was saved in {size} parts (a {size}×1 process grid), and this communicator has \
             {} ranks: load it on {size} ranks (or more), one part per rank",
            base.display(),
            size - 1
        )
    );
}

/// Rank 1's header damaged: rank 1 says what is wrong in its file, the others name it.
fn damaged_header(world: &SimpleCommunicator, dir: &Path) {
    let darr = numbered(world, [Block, Block]);
    let base = dir.join("damaged");
    dnpy::save(&darr, &base).unwrap();
    let damaged = dnpy::file_name(&base, 1);
    if world.rank() == 0 {
        let mut bytes = std::fs::read(&damaged).unwrap();
        bytes[10] = b'[';
        std::fs::write(&damaged, bytes).unwrap();
    }
    world.barrier();
    let error = dnpy::load(world, &base).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidData);
    let expected = if world.rank() == 1 {
        format!(
            "reading {}: header: expected a value at character 0 (it is no .dnpy file of this \
             crate's, or it is damaged: save the array again)",
            damaged.display()
        )
    } else {
        format!(
            "{} could not be read: the error on the rank that read it says why",
            damaged.display()
        )
    };
    assert_eq!(error.to_string(), expected);
}

fn nothing_saved_or_nowhere_to_save(world: &SimpleCommunicator, dir: &Path) {
    let base = dir.join("never-saved");
    let error = dnpy::load(world, &base).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotFound);
    assert!(error
        .to_string()
        .starts_with(&format!("no file {}_0.dnpy", base.display())));
    let darr = numbered(world, [Block, Undistributed]);
    let error = dnpy::save(&darr, dir.join("no-such-folder").join("x")).unwrap_err();
    assert!(
        error.to_string().contains("check that the folder exists"),
        "{error}"
    );
}
