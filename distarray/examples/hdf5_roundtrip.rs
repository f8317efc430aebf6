//! The notebook's HDF5 cells (seed 004, In [42] and In [43]) in Rust: the 4×5 array,
//! distributed by rows, saved into one HDF5 file by all the ranks at once, then loaded
//! back, each rank reading only its part. Every rank prints the hyperslab it writes
//! and the one it reads; rank 0 prints the file's dataset and the loaded array.
//!
//! ```console
//! cargo build -p distarray --example hdf5_roundtrip
//! mpiexec -n 4 target/debug/examples/hdf5_roundtrip
//! ```
//!
//! The file goes into the run's scratch folder (`hpckit::scratch`): under mpiexec,
//! `workbook-scratch` in the system's temporary folder, where `h5dump` can read it.

use std::process::ExitCode;

use distarray::hdf5::{dataset_shape, hyperslabs, load_hdf5, save_hdf5, Hyperslab};
use distarray::precision::NpPrecision;
use distarray::random::RandomState;
use distarray::{Dist::*, DistArray, Distribution};
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use ndarray::ArrayView2;

/// The notebook's seed for `numpy.random.RandomState`.
const SEED: u32 = 1234567890;

fn main() -> ExitCode {
    let universe = mpi::initialize().expect("MPI initializes once");
    let world = universe.world();
    // Errors as text (a missing library says what to install), on every rank that has
    // one; returning lets MPI finalize.
    match roundtrip(&world) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("rank {}: {error}", world.rank());
            ExitCode::FAILURE
        }
    }
}

fn roundtrip(world: &SimpleCommunicator) -> Result<(), Box<dyn std::error::Error>> {
    let rank = world.rank() as usize;
    let size = world.size() as usize;

    // The notebook's darr: rank 0 plays the client and scatters nparr by rows.
    let nparr = (rank == 0).then(|| RandomState::new(SEED).rand(4, 5));
    let darr = DistArray::from_global(world, nparr.as_ref(), [Block, Undistributed]);

    // In [42]: context.save_hdf5("/tmp/outfile.hdf5", darr, mode='w')
    let path = hpckit::scratch::dir()?.join("outfile.hdf5");
    let slabs = describe(&hyperslabs(darr.distribution(), rank));
    println!("rank {rank} writes {slabs}: {}", one_line(darr.local()));
    save_hdf5(&path, "buffer", &darr)?;
    if rank == 0 {
        // Rank 0 alone opens the file, as a serial HDF5 program would.
        let shape = dataset_shape(&SimpleCommunicator::self_comm(), &path, "buffer")?;
        let bytes = std::fs::metadata(&path)?.len();
        let shape: Vec<String> = shape.iter().map(u64::to_string).collect();
        println!(
            "outfile.hdf5: {bytes} bytes, dataset 'buffer' of shape ({})",
            shape.join(", ")
        );
    }

    // In [43]: context.load_hdf5("/tmp/outfile.hdf5", distribution), here with a 2-D
    // distribution, so that every rank reads a block of rows and columns.
    let distribution = Distribution::new([4, 5], [Block, Block], size);
    let slabs = describe(&hyperslabs(&distribution, rank));
    let new_darr = load_hdf5(world, &path, "buffer", distribution)?;
    println!("rank {rank} reads {slabs}: {}", one_line(new_darr.local()));
    if let Some(global) = new_darr.to_global() {
        println!("new_darr = {new_darr}");
        println!("new_darr.toarray() =\n{}", global.np_prec(2).repr());
    }
    Ok(())
}

/// A rank's hyperslabs (a block distribution gives each rank one, or none).
fn describe(slabs: &[Hyperslab]) -> String {
    let slabs: Vec<String> = slabs.iter().map(ToString::to_string).collect();
    if slabs.is_empty() {
        "nothing".into()
    } else {
        slabs.join(" and ")
    }
}

/// NumPy's text for a local array, with `precision=2`, on one line.
fn one_line(local: ArrayView2<'_, f64>) -> String {
    local.np_prec(2).to_string().replace('\n', "")
}
