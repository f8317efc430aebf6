//! Distributed arrays over MPI, the way the DistArray notebook shows them: NumPy-like
//! 2-D arrays whose elements are spread over the ranks of a communicator, with the
//! distribution chosen per dimension.
//!
//! Written for the workbook's distributed-arrays chapter, to be read as well as used:
//! each module is one idea, short enough to read in one sitting.
//!
//! - [`random`]: NumPy's legacy `RandomState`, so that `rand(4, 5)` gives the
//!   notebook's own numbers;
//! - [`precision`]: printing with `precision=2`, as the notebook does;
//! - [`maps`]: who owns what: block, cyclic, block-cyclic and undistributed
//!   dimensions, the process grid, global and local indices. No communication;
//! - [`darray`]: [`DistArray`], the array itself: scatter and gather, element-wise
//!   functions, sums, single elements, redistribution, `apply`;
//! - [`protocol`]: the Distributed Array Protocol's `__distarray__()` dictionaries;
//! - [`plot`]: SVG pictures of a distribution, coloured by owner;
//! - [`view`]: distributed slices that are views (`darr.slice(s![.., 3])`), block and
//!   undistributed dimensions only;
//! - [`npy`]: NumPy's `.npy` files, each rank reading only its own elements;
//! - [`dnpy`]: DistArray's `.dnpy` files, a file per rank with its `dim_data`;
//! - [`hdf5`]: HDF5 files written and read in parallel (`save_hdf5`, `load_hdf5`), each
//!   rank its own hyperslabs, through a parallel HDF5 loaded at run time;
//! - [`julia`]: the notebook's Julia-set benchmark: its kernel, grid and distributions.
//!
//! Every rank plays one of DistArray's engines, and rank 0 also plays its client
//! (DistArray's MPI-only mode): arrays are scattered from rank 0, gathered to it, and
//! results that the notebook shows on the client arrive there.
//!
//! Only 2-D arrays: the notebook's arrays are 2-D, and two dimensions already show a
//! process grid and a map per dimension.
//!
//! ```
//! use distarray::maps::{Dist, Distribution};
//! use distarray::precision::NpPrecision;
//! use distarray::random::RandomState;
//!
//! let nparr = RandomState::new(1234567890).rand(4, 5);
//! let d = Distribution::new([4, 5], [Dist::Block, Dist::Undistributed], 4);
//! // What rank 2 holds: global row 2.
//! let [rows, cols] = d.global_indices(2);
//! let local = nparr.select(ndarray::Axis(0), &rows).select(ndarray::Axis(1), &cols);
//! assert_eq!(local.np_prec(2).to_string(), "[[0.4  0.71 0.41 0.95 0.03]]");
//! ```

pub mod darray;
pub mod dnpy;
pub mod hdf5;
pub mod julia;
pub mod maps;
pub mod npy;
pub mod plot;
pub mod precision;
pub mod protocol;
pub mod random;
pub mod view;

pub use darray::{DistArray, Element};
pub use maps::{Dist, Distribution};
