//! ex89 (darray-basics): the DistArray notebook's first cells. Rank 0 plays the
//! notebook's client: it draws the 4×5 array from `RandomState(1234567890)`, prints it
//! and its attributes, and scatters it over all the ranks (`context.fromarray`), which
//! hold one block of rows each. Every rank then prints its own section, and rank 0
//! prints the distributed array's attributes.
//! Fill in `distribute` and `Attributes::of_darray`.
//! Check it with `cargo run -p runner -- check ex89`.

use distarray::precision::NpPrecision;
use distarray::random::RandomState;
#[allow(unused_imports)] // `Dist` is for the function you write
use distarray::{Dist, DistArray};
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use ndarray::Array2;

/// The notebook's seed for `numpy.random.RandomState`.
const SEED: u32 = 1234567890;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    // Rank 0 plays the client: only it has the NumPy array.
    let nparr = (rank == 0).then(|| RandomState::new(SEED).rand(4, 5));
    if let Some(nparr) = &nparr {
        println!("nparr =\n{}", nparr.np_prec(2).repr());
        print!("{}", Attributes::of_ndarray(nparr));
    }

    let darr = distribute(&world, nparr.as_ref());
    if rank == 0 {
        println!("darr = {darr}");
    }
    // The notebook's `for i, a in enumerate(darr.get_localarrays()): print(i, a)`,
    // each engine printing its own.
    println!("{rank} {}", darr.local().np_prec(2));
    if rank == 0 {
        print!("{}", Attributes::of_darray(&darr));
        println!("targets: {:?}", darr.targets());
    }
}

/// `context.fromarray(nparr)`: rank 0's array scattered over every rank of `world`,
/// in blocks of rows (the default distribution: block rows, columns not distributed).
/// Every rank calls it; only rank 0 passes an array.
fn distribute(_world: &SimpleCommunicator, _nparr: Option<&Array2<f64>>) -> DistArray<f64> {
    // TODO: `DistArray::from_global(world, nparr, dists)` scatters rank 0's array; the
    // distribution is one `Dist` per dimension: blocks of rows, columns not
    // distributed. (Remove the leading `_` of the parameters.)
    todo!("scatter rank 0's array in blocks of rows")
}

/// What the notebook prints about an array, for NumPy's arrays and DistArrays alike.
struct Attributes {
    dtype: &'static str,
    ndim: usize,
    shape: Vec<usize>,
    itemsize: usize,
    nbytes: usize,
}

impl Attributes {
    /// An ndarray array's attributes: NumPy's `dtype` is the element type, known when
    /// the program is compiled.
    fn of_ndarray(a: &Array2<f64>) -> Attributes {
        Attributes {
            dtype: dtype_name::<f64>(),
            ndim: a.ndim(),
            shape: a.shape().to_vec(),
            itemsize: size_of::<f64>(),
            nbytes: a.len() * size_of::<f64>(),
        }
    }

    /// A distributed array's attributes: those of the whole (global) array, which
    /// every rank knows from the distribution, whatever part of it it holds.
    fn of_darray(_darr: &DistArray<f64>) -> Attributes {
        // TODO: as `of_ndarray` does, but from the DistArray's own methods, which
        // describe the global array: `ndim()`, `shape()`, `itemsize()`, `nbytes()`.
        todo!("the distributed array's attributes")
    }
}

/// The notebook's lines: `dtype: float64`, `shape: (4, 5)`, ...
impl std::fmt::Display for Attributes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "dtype: {}", self.dtype)?;
        writeln!(f, "ndim: {}", self.ndim)?;
        writeln!(f, "shape: {}", py_tuple(&self.shape))?;
        writeln!(f, "itemsize: {}", self.itemsize)?;
        writeln!(f, "nbytes: {}", self.nbytes)
    }
}

/// NumPy's name for the Rust element type `T`: `float64` for `f64`.
fn dtype_name<T>() -> &'static str {
    match std::any::type_name::<T>() {
        "f64" => "float64",
        "f32" => "float32",
        "i64" => "int64",
        "i32" => "int32",
        other => other,
    }
}

/// A shape as Python writes a tuple: `(4, 5)`, `(4,)`.
fn py_tuple(values: &[usize]) -> String {
    let items: Vec<String> = values.iter().map(usize::to_string).collect();
    match items.as_slice() {
        [one] => format!("({one},)"),
        _ => format!("({})", items.join(", ")),
    }
}
