//! `hdf5::save_hdf5` and `load_hdf5` under a real mpiexec: the notebook's 4×5 array
//! saved by rows at 4 ranks and read back in other distributions, by each rank alone,
//! at 3 ranks, and by `h5dump` when it is installed; a 7×9 array block-cyclic both ways
//! (up to four hyperslabs per rank); and the errors, which every rank gets.
//!
//! Without a parallel HDF5 on the machine the tests print why and pass, unless `CI` is
//! set: there they fail with the library's error, which says what to install.

#[path = "../../hpckit/tests/mpi_launch/mod.rs"]
mod mpi_launch;

use std::io::Write;
use std::path::Path;
use std::process::Command;

use distarray::hdf5::{self, dataset_shape, load_hdf5, save_hdf5, Error};
use distarray::maps::{Dist, Dist::*, Distribution};
use distarray::random::RandomState;
use distarray::DistArray;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use ndarray::{Array2, Axis};

/// The distributions the files are read back in.
const READ_AS: [[Dist; 2]; 5] = [
    [Block, Undistributed],
    [Block, Block],
    [Cyclic, Undistributed],
    [Cyclic, BlockCyclic(2)],
    [Undistributed, Cyclic],
];

#[test]
fn arrays_go_through_one_hdf5_file() {
    if mpi_launch::on_rank(round_trips) || !library_here() {
        return;
    }
    // The 3-rank run reads the file of the 4-rank run from the folder beside its own.
    let root = tempfile::tempdir().expect("a temporary folder");
    for ranks in [4, 3] {
        let dir = root.path().join(format!("ranks-{ranks}"));
        std::fs::create_dir(&dir).expect("the temporary folder is writable");
        mpi_launch::run("arrays_go_through_one_hdf5_file", ranks, &dir);
    }
}

#[test]
fn errors_reach_every_rank() {
    if mpi_launch::on_rank(errors) || !library_here() {
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    mpi_launch::run("errors_reach_every_rank", 2, dir.path());
}

/// Whether the parallel HDF5 for this MPI is installed. Under CI its absence fails the
/// test, with the error that says what to install.
fn library_here() -> bool {
    match hdf5::find_library() {
        Ok(_) => true,
        Err(error) if std::env::var_os("CI").is_some() => panic!("CI is set and {error}"),
        Err(error) => {
            // Straight to stderr: `eprintln!` would be captured, and shown only on failure.
            let _ = writeln!(std::io::stderr(), "skipped, {error}");
            false
        }
    }
}

fn round_trips(world: &SimpleCommunicator, dir: &Path) {
    let size = world.size() as usize;
    let nparr = RandomState::new(1234567890).rand(4, 5);
    let path = dir.join("outfile.hdf5");
    let darr = DistArray::from_global(
        world,
        (world.rank() == 0).then_some(&nparr),
        [Block, Undistributed],
    );
    save_hdf5(&path, "buffer", &darr).expect("the array is saved");

    assert_eq!(dataset_shape(world, &path, "buffer").unwrap(), [4, 5]);
    for dists in READ_AS {
        assert_loads(
            world,
            &path,
            "buffer",
            &nparr,
            Distribution::new([4, 5], dists, size),
        );
    }
    // Each rank alone reads the whole array: a serial read, with MPI_COMM_SELF.
    let alone = Distribution::new([4, 5], [Block, Undistributed], 1);
    assert_loads(&SimpleCommunicator::self_comm(), &path, "buffer", &nparr, alone);
    if world.rank() == 0 {
        assert_bytes(&path, &nparr);
        assert_h5dump(&path, "buffer", &nparr);
    }
    if size == 3 {
        let written_at_4 = dir.parent().unwrap().join("ranks-4/outfile.hdf5");
        for dists in READ_AS {
            assert_loads(
                world,
                &written_at_4,
                "buffer",
                &nparr,
                Distribution::new([4, 5], dists, 3),
            );
        }
    }

    // 7×9, block-cyclic both ways: at 4 ranks, rank 2 writes rows 2, 3, 6 and columns
    // 0, 1, 4, 5, 8, four hyperslabs.
    let grid = Array2::from_shape_fn((7, 9), |(i, j)| (10 * i + j) as f64);
    let distribution = Distribution::new([7, 9], [BlockCyclic(2), BlockCyclic(2)], size);
    let darr = DistArray::from_fn(world, distribution, |[i, j]| grid[[i, j]]);
    let path = dir.join("grid.h5");
    save_hdf5(&path, "grid", &darr).expect("the array is saved");
    for dists in READ_AS.into_iter().chain([[BlockCyclic(2), BlockCyclic(3)]]) {
        assert_loads(
            world,
            &path,
            "grid",
            &grid,
            Distribution::new([7, 9], dists, size),
        );
    }
    if world.rank() == 0 {
        assert_h5dump(&path, "grid", &grid);
    }
}

/// Loads `dataset` as `distribution` and checks that every rank holds exactly its
/// elements of `expected`.
fn assert_loads<C>(comm: &C, path: &Path, dataset: &str, expected: &Array2<f64>, distribution: Distribution)
where
    C: Communicator + mpi::raw::AsRaw<Raw = mpi::ffi::MPI_Comm>,
{
    let dists = distribution.dists();
    let darr = load_hdf5(comm, path, dataset, distribution).unwrap_or_else(|e| panic!("{dists:?}: {e}"));
    let [rows, cols] = darr.distribution().global_indices(comm.rank() as usize);
    let mine = expected.select(Axis(0), &rows).select(Axis(1), &cols);
    assert_eq!(darr.local(), mine, "{} read as {dists:?}", path.display());
}

/// The file is HDF5 (its 8-byte signature at the start) and holds the array's 20
/// doubles in C order, one after the other: HDF5's contiguous layout, read without HDF5.
fn assert_bytes(path: &Path, nparr: &Array2<f64>) {
    let bytes = std::fs::read(path).expect("the file is readable");
    assert!(bytes.starts_with(b"\x89HDF\r\n\x1a\n"), "not an HDF5 file");
    let doubles: Vec<u8> = nparr.iter().flat_map(|x| x.to_ne_bytes()).collect();
    assert!(
        bytes.windows(doubles.len()).any(|w| w == doubles),
        "the doubles are not in the file in C order"
    );
}

/// When HDF5's own `h5dump` is installed (Debian: hdf5-tools), it reads the dataset
/// back, every value printed with 17 significant digits, enough to be exact.
fn assert_h5dump(path: &Path, dataset: &str, expected: &Array2<f64>) {
    let run = Command::new("h5dump")
        .args(["-d", dataset, "-m", "%.17g", "-y", "-w", "0", "-o"])
        .arg(path.with_extension("txt"))
        .arg(path)
        .output();
    let Ok(output) = run else {
        eprintln!("h5dump is not installed: the file is not read by a second program");
        return;
    };
    assert!(
        output.status.success(),
        "h5dump: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let header = String::from_utf8_lossy(&output.stdout);
    let [rows, cols] = [expected.nrows(), expected.ncols()];
    assert!(
        header.contains(&format!(
            "DATASPACE  SIMPLE {{ ( {rows}, {cols} ) / ( {rows}, {cols} ) }}"
        )),
        "{header}"
    );
    assert!(header.contains("H5T_IEEE_F64LE"), "{header}");
    let values = std::fs::read_to_string(path.with_extension("txt")).expect("h5dump wrote its values");
    let values: Vec<f64> = values
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().expect("a number"))
        .collect();
    assert_eq!(values, expected.iter().copied().collect::<Vec<_>>());
}

fn errors(world: &SimpleCommunicator, dir: &Path) {
    let d = Distribution::new([4, 5], [Block, Undistributed], world.size() as usize);
    let darr = DistArray::from_fn(world, d.clone(), |[i, j]| (5 * i + j) as f64);
    let path = dir.join("errors.h5");
    save_hdf5(&path, "buffer", &darr).expect("the array is saved");

    let missing = load_hdf5(world, dir.join("missing.h5"), "buffer", d.clone()).unwrap_err();
    assert!(
        matches!(&missing, Error::Call { function: "H5Fopen", message } if message.contains("missing.h5")),
        "{missing}"
    );
    let no_dataset = load_hdf5(world, &path, "no-such-dataset", d.clone()).unwrap_err();
    assert!(
        matches!(
            &no_dataset,
            Error::Call {
                function: "H5Dopen2",
                ..
            }
        ),
        "{no_dataset}"
    );
    let transposed = Distribution::new([5, 4], [Block, Undistributed], world.size() as usize);
    let wrong_shape = load_hdf5(world, &path, "buffer", transposed).unwrap_err();
    assert_eq!(
        wrong_shape.to_string(),
        "dataset 'buffer' has shape [4, 5], the distribution [5, 4]"
    );
    let no_folder = save_hdf5(dir.join("no/such/folder.h5"), "buffer", &darr).unwrap_err();
    assert!(
        matches!(
            &no_folder,
            Error::Call {
                function: "H5Fcreate",
                ..
            }
        ),
        "{no_folder}"
    );

    // Rank 0 alone fails (a name HDF5 cannot be given), before any other collective
    // call than the file's closing, which every rank reaches: rank 1 learns of it.
    let name = if world.rank() == 0 { "bad\0name" } else { "buffer" };
    let partly = dataset_shape(world, &path, name).unwrap_err();
    let expected = if world.rank() == 0 {
        "H5Dopen2 failed: the name contains a NUL byte"
    } else {
        "HDF5 failed on 1 other rank(s)"
    };
    assert_eq!(partly.to_string(), expected);
    // After all these errors, the file still reads.
    assert_eq!(dataset_shape(world, &path, "buffer").unwrap(), [4, 5]);
}
