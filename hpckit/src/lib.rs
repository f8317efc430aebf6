//! What every exercise of the HPC-in-Rust workbook shares.
//!
//! The Python course shows NumPy and mpi4py; the exercises redo its examples with
//! `ndarray` and rsmpi. So that a learner can lay the Python original next to the
//! terminal and compare line by line, this crate gives:
//!
//! - [`NpDisplay`]: `arr.np()` prints an array exactly as NumPy's `print(arr)`
//!   (`str(arr)`) does with the default print options, and [`py_float`] prints a
//!   scalar as Python's `print(x)` does;
//! - [`split`]: how the Python course's Scatterv example splits `n` items over `p` ranks;
//! - [`timer`]: `timeit`-like timing for the performance chapters;
//! - [`scratch`]: the folder a run's ranks share files in, a separate one per run;
//! - [`heat`]: the heat-equation capstone's field: its file, checksum and pictures;
//! - `mpi_ext` (feature `mpi`): small safe wrappers over `mpi::ffi` for the MPI
//!   features rsmpi lacks: PROC_NULL peers, persistent requests, MPI-IO files and
//!   one-sided windows.
//!
//! ```
//! use hpckit::split::Split;
//! use hpckit::{py_float, NpDisplay};
//! use ndarray::Array1;
//!
//! let data = Array1::range(0.0, 15.0, 1.0);
//! assert_eq!(
//!     data.np().to_string(),
//!     "[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14.]"
//! );
//! assert_eq!(vec![0.5, 1.25].np().to_string(), "[0.5  1.25]");
//! assert_eq!(py_float(data.sum()), "105.0");
//!
//! let split = Split::new(data.len(), 4);
//! assert_eq!(split.counts, [4, 4, 4, 3]);
//! assert_eq!(data.slice(ndarray::s![split.range(3)]).np().to_string(), "[12. 13. 14.]");
//! ```

pub mod heat;
#[cfg(feature = "mpi")]
pub mod mpi_ext;
mod np_format;
pub mod scratch;
pub mod split;
pub mod timer;

pub use np_format::{py_float, Np, NpDisplay, NpElement};
