//! HDF5 files, written and read in parallel: every rank writes its part of one dataset,
//! and reads only its part back. This is DistArray's `context.save_hdf5` and
//! `context.load_hdf5`, which the notebook runs through h5py on a parallel HDF5.
//!
//! HDF5 is a C library, and its parallel build does the work: the file is opened by
//! all the ranks of a communicator together (MPI-IO underneath), each rank *selects*
//! its part of the dataset as hyperslabs ([`hyperslabs`]), and one collective write or
//! read moves every rank's part at once. The file is an ordinary HDF5 file: h5py,
//! `h5dump` or any HDF5 program reads it, with no trace of how it was distributed.
//!
//! # Loaded at run time
//!
//! The workbook builds on machines without HDF5, and none of its exercises need it, so
//! the library is not linked: the first call looks for it and loads it
//! ([`find_library`] says where, `WORKBOOK_HDF5_LIB` overrides). It must be the
//! parallel build for the MPI this program runs under (Debian:
//! `apt-get install libhdf5-openmpi-dev`, or `libhdf5-mpich-dev` for MPICH; macOS:
//! `brew install hdf5-mpi`). Without it, the calls return [`Error::NotFound`], which
//! says what was looked for, where, and what to install.
//!
//! # Collective, and agreeing on failure
//!
//! [`save_hdf5`], [`load_hdf5`] and [`dataset_shape`] are collective: every rank of
//! the communicator calls them, with the same path and dataset name. A failure that
//! every rank meets (no library, no such file or dataset, a dataset of another shape,
//! a folder that does not exist) is an error on every rank. At the end the ranks agree
//! with one Allreduce, so that a rank that failed alone makes the others return an
//! error too ([`Error::OtherRanks`]) rather than a half-written file or a half-read
//! array.
//!
//! ```no_run
//! use distarray::hdf5::{load_hdf5, save_hdf5};
//! use distarray::{random::RandomState, Dist, DistArray, Distribution};
//! use mpi::traits::*;
//!
//! let universe = mpi::initialize().unwrap();
//! let world = universe.world();
//! let nparr = (world.rank() == 0).then(|| RandomState::new(1234567890).rand(4, 5));
//! let darr = DistArray::from_global(&world, nparr.as_ref(), [Dist::Block, Dist::Undistributed]);
//! save_hdf5("/tmp/outfile.hdf5", "buffer", &darr)?;
//! let distribution = Distribution::new([4, 5], [Dist::Block, Dist::Undistributed], world.size() as usize);
//! let new_darr = load_hdf5(&world, "/tmp/outfile.hdf5", "buffer", distribution)?;
//! # Ok::<(), distarray::hdf5::Error>(())
//! ```

mod capi;
mod locate;
mod selection;

use std::fmt;
use std::path::{Path, PathBuf};

use mpi::collective::SystemOperation;
use mpi::ffi::MPI_Comm;
use mpi::raw::AsRaw;
use mpi::traits::*;
use ndarray::Array2;

use crate::darray::DistArray;
use crate::maps::Distribution;
use capi::Session;

pub use locate::{find_library, VARIABLE};
pub use selection::{hyperslabs, Hyperslab};

/// What went wrong in a parallel HDF5 call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// No parallel HDF5 built for this program's MPI was found.
    NotFound {
        /// The MPI this program runs under: `Open MPI`, `MPICH`, or another's name.
        mpi: String,
        /// The files looked for, in order (`*` stands for a version number).
        searched: Vec<PathBuf>,
        /// How to get one.
        install: String,
    },
    /// A library was found but cannot be used: it does not load, it is older than
    /// HDF5 1.10, or it is a serial build.
    Unusable { path: PathBuf, reason: String },
    /// An HDF5 function failed; `message` is HDF5's error stack, the innermost (most
    /// specific) entry first.
    Call { function: &'static str, message: String },
    /// The dataset is not a 2-D array of the distribution's shape.
    Shape {
        dataset: String,
        found: Vec<u64>,
        expected: [usize; 2],
    },
    /// This rank succeeded, but `failed` other ranks did not.
    OtherRanks { failed: i32 },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotFound {
                mpi,
                searched,
                install,
            } => {
                let searched: Vec<String> = searched.iter().map(|p| p.display().to_string()).collect();
                let searched = if searched.is_empty() {
                    "no place is known for it".to_string()
                } else {
                    format!("looked for {}", searched.join(", "))
                };
                write!(
                    f,
                    "no parallel HDF5 library for {mpi} was found ({searched}): {install}"
                )
            }
            Error::Unusable { path, reason } => {
                write!(f, "the HDF5 library {} cannot be used: {reason}", path.display())
            }
            Error::Call { function, message } => write!(f, "{function} failed: {message}"),
            Error::Shape {
                dataset,
                found,
                expected,
            } => {
                write!(
                    f,
                    "dataset '{dataset}' has shape {found:?}, the distribution {expected:?}"
                )
            }
            Error::OtherRanks { failed } => write!(f, "HDF5 failed on {failed} other rank(s)"),
        }
    }
}

impl std::error::Error for Error {}

/// Saves `darr` as the dataset `dataset` of `f64`s in a new HDF5 file at `path`
/// (replacing any file there, h5py's mode `'w'`): every rank writes its own part, in
/// one collective write. Collective over the array's communicator.
///
/// # Errors
///
/// If the library is missing, or HDF5 fails (a folder that does not exist, a dataset
/// name with a `/` in it), on this rank or another.
pub fn save_hdf5(path: impl AsRef<Path>, dataset: &str, darr: &DistArray<f64>) -> Result<(), Error> {
    let comm = darr.comm();
    let session = agree(comm, Session::start())?;
    let written = write(&session, path.as_ref(), dataset, darr);
    drop(session);
    agree(comm, written)
}

fn write(session: &Session, path: &Path, dataset: &str, darr: &DistArray<f64>) -> Result<(), Error> {
    let comm = darr.comm();
    let fapl = session.mpi_file_access(comm)?;
    let file = session.create_file(path, &fapl)?;
    let space = session.dataspace(&darr.shape().map(|n| n as u64))?;
    let data = session.create_dataset(&file, dataset, &space)?;
    session.select(&space, &hyperslabs(darr.distribution(), comm.rank() as usize))?;
    let local = darr.local().as_standard_layout().into_owned();
    let dxpl = session.collective_transfer()?;
    session.write(&data, &space, &dxpl, local.as_slice().expect("standard layout"))?;
    data.close()?;
    file.close()
}

/// Loads the dataset `dataset` of the HDF5 file at `path` as an array distributed as
/// `distribution`: every rank reads only its own part, in one collective read.
/// Collective over `comm`. A dataset of integers or `f32`s is converted to `f64` by
/// HDF5.
///
/// # Errors
///
/// If the library is missing, the file or dataset does not exist, the dataset's shape
/// is not the distribution's, or HDF5 fails, on this rank or another.
///
/// # Panics
///
/// If a target of `distribution` is not a rank of `comm`.
pub fn load_hdf5<C>(
    comm: &C,
    path: impl AsRef<Path>,
    dataset: &str,
    distribution: Distribution,
) -> Result<DistArray<f64>, Error>
where
    C: Communicator + AsRaw<Raw = MPI_Comm>,
{
    let session = agree(comm, Session::start())?;
    let local = read(&session, comm, path.as_ref(), dataset, &distribution);
    drop(session);
    let local = agree(comm, local)?;
    Ok(DistArray::from_local(comm, distribution, local))
}

fn read<C>(
    session: &Session,
    comm: &C,
    path: &Path,
    dataset: &str,
    distribution: &Distribution,
) -> Result<Array2<f64>, Error>
where
    C: Communicator + AsRaw<Raw = MPI_Comm>,
{
    let fapl = session.mpi_file_access(comm)?;
    let file = session.open_file(path, &fapl)?;
    let data = session.open_dataset(&file, dataset)?;
    let space = session.dataset_space(&data)?;
    let found = session.shape(&space)?;
    let expected = distribution.shape();
    if found != expected.map(|n| n as u64) {
        let dataset = dataset.to_string();
        return Err(Error::Shape {
            dataset,
            found,
            expected,
        });
    }
    let rank = comm.rank() as usize;
    session.select(&space, &hyperslabs(distribution, rank))?;
    let [rows, cols] = distribution.local_shape(rank);
    let mut local = vec![0.0; rows * cols];
    let dxpl = session.collective_transfer()?;
    session.read(&data, &space, &dxpl, &mut local)?;
    data.close()?;
    file.close()?;
    Ok(Array2::from_shape_vec((rows, cols), local).expect("the count matches the shape"))
}

/// The shape of the dataset `dataset` in the HDF5 file at `path` (h5py's
/// `f[dataset].shape`), to make a distribution for [`load_hdf5`] from. Collective over
/// `comm`; `SimpleCommunicator::self_comm()` lets one rank ask alone.
///
/// # Errors
///
/// If the library is missing, the file or dataset does not exist, or HDF5 fails, on
/// this rank or another.
pub fn dataset_shape<C>(comm: &C, path: impl AsRef<Path>, dataset: &str) -> Result<Vec<u64>, Error>
where
    C: Communicator + AsRaw<Raw = MPI_Comm>,
{
    let session = agree(comm, Session::start())?;
    let shape = (|| {
        let fapl = session.mpi_file_access(comm)?;
        let file = session.open_file(path.as_ref(), &fapl)?;
        let data = session.open_dataset(&file, dataset)?;
        session.shape(&session.dataset_space(&data)?)
    })();
    drop(session);
    agree(comm, shape)
}

/// `result` on every rank if every rank succeeded; otherwise this rank's own error, or
/// [`Error::OtherRanks`] on the ranks that succeeded. Collective (one Allreduce).
fn agree<T, C: Communicator>(comm: &C, result: Result<T, Error>) -> Result<T, Error> {
    let failed = i32::from(result.is_err());
    let mut failures = 0;
    comm.all_reduce_into(&failed, &mut failures, SystemOperation::sum());
    match result {
        Ok(_) if failures > 0 => Err(Error::OtherRanks { failed: failures }),
        result => result,
    }
}
