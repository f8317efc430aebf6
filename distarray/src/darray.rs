//! [`DistArray`]: a 2-D array spread over the ranks of an MPI communicator.
//!
//! DistArray (the Python library) runs a client that holds the global view and
//! engines that hold the pieces. Here every rank is an engine, and rank 0 also plays
//! the client: arrays are scattered from it and gathered to it, and results meant for
//! "the client" arrive there. That is how DistArray's own MPI-only mode works.
//!
//! Every rank holds its *local array*, the elements the [`Distribution`] gives it, in
//! the order of their global indices. Work comes in three kinds:
//!
//! - **local**: [`map`](DistArray::map), [`zip_with`](DistArray::zip_with) and
//!   [`set`](DistArray::set) touch only this rank's elements and never communicate;
//! - **collective**: every rank of the communicator must call them, in the same order
//!   (creating an array, [`to_global`](DistArray::to_global), the reductions,
//!   [`get`](DistArray::get), [`distribute_as`](DistArray::distribute_as),
//!   [`apply`](DistArray::apply)). A rank that skips one leaves the others waiting;
//! - **metadata**: shapes, owners and indices come from the distribution alone, and
//!   every rank can compute them for every other rank.
//!
//! ```no_run
//! use distarray::{precision::NpPrecision, random::RandomState, Dist, DistArray};
//! use mpi::traits::*;
//!
//! let universe = mpi::initialize().unwrap();
//! let world = universe.world();
//! // Rank 0 plays the client: only it makes the array.
//! let nparr = (world.rank() == 0).then(|| RandomState::new(1234567890).rand(4, 5));
//! let darr = DistArray::from_global(&world, nparr.as_ref(), [Dist::Block, Dist::Undistributed]);
//! println!("{} {}", world.rank(), darr.local().np_prec(2)); // 0 [[0.62 0.59 0.89 0.89 0.46]]
//! let total = darr.sum(); // 10.684091151085... on every rank
//! ```

use std::fmt;
use std::ops::Add;
use std::rc::Rc;

use mpi::collective::SystemOperation;
use mpi::datatype::{Partition, PartitionMut};
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use mpi::Count;
use ndarray::{Array1, Array2, ArrayView2, ArrayViewMut2, Axis};
use num_traits::Zero;

use crate::maps::{Dist, Distribution};
use crate::protocol::{Protocol, VERSION};

/// The element types a [`DistArray`] can hold: anything MPI can send, copyable, with a
/// default value to fill receive buffers (all of Rust's numbers).
pub trait Element: Equivalence + Copy + Default + 'static {}

impl<T: Equivalence + Copy + Default + 'static> Element for T {}

/// The rank that plays DistArray's client: it scatters and gathers.
const ROOT: i32 = 0;

/// A 2-D array distributed over the ranks of a communicator.
pub struct DistArray<T> {
    /// The array's own communicator (a duplicate of the one it was made on, so that its
    /// messages never mix with the program's), shared by arrays made from this one.
    comm: Rc<SimpleCommunicator>,
    distribution: Distribution,
    local: Array2<T>,
}

impl<T: Element> DistArray<T> {
    /// Scatters rank 0's `global` array (DistArray's `context.fromarray`): the shape
    /// is broadcast from rank 0, the distribution is `dists` over all of `comm`'s ranks.
    /// Collective. The other ranks pass `None` (what they pass is not read).
    ///
    /// # Panics
    ///
    /// On rank 0, if `global` is `None`.
    pub fn from_global<C: Communicator>(comm: &C, global: Option<&Array2<T>>, dists: [Dist; 2]) -> Self {
        let mut shape = [0u64; 2];
        if comm.rank() == ROOT {
            let global = global.expect("from_global: rank 0 must pass the array to scatter");
            shape = [global.nrows(), global.ncols()].map(|n| n as u64);
        }
        comm.process_at_rank(ROOT).broadcast_into(&mut shape);
        let distribution = Distribution::new(shape.map(|n| n as usize), dists, comm.size() as usize);
        Self::scatter(comm, global, distribution)
    }

    /// Scatters rank 0's `global` array with the given distribution: rank 0 packs each
    /// rank's elements into one buffer and a Scatterv delivers them. Collective; only
    /// rank 0's `global` is read.
    ///
    /// # Panics
    ///
    /// On rank 0, if `global` is `None` or its shape is not the distribution's; if a
    /// target is not a rank of `comm`.
    pub fn scatter<C: Communicator>(
        comm: &C,
        global: Option<&Array2<T>>,
        distribution: Distribution,
    ) -> Self {
        check_targets(comm, &distribution);
        let shape = distribution.local_shape(comm.rank() as usize);
        let mut local = vec![T::default(); shape[0] * shape[1]];
        let root = comm.process_at_rank(ROOT);
        if comm.rank() == ROOT {
            let global = global.expect("scatter: rank 0 must pass the array to scatter");
            assert_eq!(global.shape(), distribution.shape(), "scatter: the array's shape");
            let (packed, counts) = pack(global, &distribution, comm.size());
            let displs = displacements(&counts);
            let partition = Partition::new(&packed[..], &counts[..], &displs[..]);
            root.scatter_varcount_into_root(&partition, &mut local[..]);
        } else {
            root.scatter_varcount_into(&mut local[..]);
        }
        let local = Array2::from_shape_vec(shape, local).expect("the local shape fits the count");
        Self::new(comm.duplicate(), distribution, local)
    }

    /// Each rank fills its own elements with `f(global_index)`, with no communication
    /// but the communicator's duplication: how an array too big for one rank is made.
    /// Collective.
    pub fn from_fn<C: Communicator>(
        comm: &C,
        distribution: Distribution,
        mut f: impl FnMut([usize; 2]) -> T,
    ) -> Self {
        check_targets(comm, &distribution);
        let [rows, cols] = distribution.global_indices(comm.rank() as usize);
        let local = Array2::from_shape_fn((rows.len(), cols.len()), |(i, j)| f([rows[i], cols[j]]));
        Self::new(comm.duplicate(), distribution, local)
    }

    /// An array of zeros (DistArray's `context.zeros(distribution)`). Collective.
    pub fn zeros<C: Communicator>(comm: &C, distribution: Distribution) -> Self
    where
        T: Zero,
    {
        Self::from_fn(comm, distribution, |_| T::zero())
    }

    /// An array from each rank's local part, already in place (read from a file, or
    /// computed). Collective.
    ///
    /// # Panics
    ///
    /// If `local`'s shape is not what the distribution gives this rank.
    pub fn from_local<C: Communicator>(comm: &C, distribution: Distribution, local: Array2<T>) -> Self {
        check_targets(comm, &distribution);
        let expected = distribution.local_shape(comm.rank() as usize);
        assert_eq!(local.shape(), expected, "from_local: the local array's shape");
        Self::new(comm.duplicate(), distribution, local)
    }

    fn new(comm: SimpleCommunicator, distribution: Distribution, local: Array2<T>) -> Self {
        let local = local.as_standard_layout().into_owned();
        DistArray {
            comm: Rc::new(comm),
            distribution,
            local,
        }
    }

    /// A new array on the same communicator and distribution.
    fn with_local<U>(&self, local: Array2<U>) -> DistArray<U> {
        DistArray {
            comm: Rc::clone(&self.comm),
            distribution: self.distribution.clone(),
            local,
        }
    }

    /// This rank's elements (`get_localarrays()`'s entry for this rank).
    pub fn local(&self) -> ArrayView2<'_, T> {
        self.local.view()
    }

    /// This rank's elements, to change in place. Local.
    pub fn local_mut(&mut self) -> ArrayViewMut2<'_, T> {
        self.local.view_mut()
    }

    /// The communicator, the distribution and this rank's elements to change, borrowed
    /// together: what a mutable view ([`crate::view`]) holds while it writes into the
    /// array.
    pub(crate) fn parts_mut(&mut self) -> (&SimpleCommunicator, &Distribution, ArrayViewMut2<'_, T>) {
        (&self.comm, &self.distribution, self.local.view_mut())
    }

    /// How the array is distributed.
    pub fn distribution(&self) -> &Distribution {
        &self.distribution
    }

    /// The array's communicator.
    pub fn comm(&self) -> &SimpleCommunicator {
        &self.comm
    }

    /// The global shape.
    pub fn shape(&self) -> [usize; 2] {
        self.distribution.shape()
    }

    /// The number of dimensions: always 2.
    pub fn ndim(&self) -> usize {
        2
    }

    /// Bytes per element.
    pub fn itemsize(&self) -> usize {
        std::mem::size_of::<T>()
    }

    /// Bytes of the whole (global) array.
    pub fn nbytes(&self) -> usize {
        self.shape().iter().product::<usize>() * self.itemsize()
    }

    /// The ranks that hold a part of the array.
    pub fn targets(&self) -> &[usize] {
        self.distribution.targets()
    }

    /// The targets' local shapes, in grid order.
    pub fn localshapes(&self) -> Vec<[usize; 2]> {
        self.distribution.localshapes()
    }

    fn rank(&self) -> usize {
        self.comm.rank() as usize
    }

    /// The whole array on rank 0 (DistArray's `toarray()`), `None` elsewhere: a Gatherv
    /// of every rank's elements, which rank 0 puts back at their global positions.
    /// Collective.
    pub fn to_global(&self) -> Option<Array2<T>> {
        let local = self
            .local
            .as_slice()
            .expect("local arrays are kept in standard layout");
        let root = self.comm.process_at_rank(ROOT);
        if self.comm.rank() != ROOT {
            root.gather_varcount_into(local);
            return None;
        }
        let counts = local_counts(&self.distribution, self.comm.size());
        let displs = displacements(&counts);
        let mut packed = vec![T::default(); counts.iter().sum::<Count>() as usize];
        let mut partition = PartitionMut::new(&mut packed[..], &counts[..], &displs[..]);
        root.gather_varcount_into_root(local, &mut partition);
        Some(unpack(&packed, &self.distribution, self.comm.size()))
    }

    /// An element-wise function applied to every element (a unary ufunc such as
    /// `sin`): each rank maps its own elements. Local.
    pub fn map<U: Element>(&self, f: impl Fn(T) -> U) -> DistArray<U> {
        self.with_local(self.local.mapv(f))
    }

    /// An element-wise function of two arrays with the same distribution (a binary
    /// ufunc such as `darr + darr`). Local.
    ///
    /// # Panics
    ///
    /// If the two arrays are distributed differently.
    pub fn zip_with<U: Element>(&self, other: &DistArray<T>, f: impl Fn(T, T) -> U) -> DistArray<U> {
        assert_eq!(
            self.distribution, other.distribution,
            "zip_with: the arrays must be distributed alike (see distribute_as)"
        );
        let local = ndarray::Zip::from(&self.local)
            .and(&other.local)
            .map_collect(|&a, &b| f(a, b));
        self.with_local(local)
    }

    /// The global element at `index`, on every rank: its owner broadcasts it.
    /// Collective.
    ///
    /// # Panics
    ///
    /// If `index` is out of bounds.
    pub fn get(&self, index: [usize; 2]) -> T {
        let (owner, [i, j]) = self.distribution.owner(index);
        let mut value = if owner == self.rank() {
            self.local[[i, j]]
        } else {
            T::default()
        };
        self.comm.process_at_rank(owner as i32).broadcast_into(&mut value);
        value
    }

    /// Sets the global element at `index`: its owner writes it, the other ranks do
    /// nothing. Local (every rank may call it; only one changes).
    ///
    /// # Panics
    ///
    /// If `index` is out of bounds.
    pub fn set(&mut self, index: [usize; 2], value: T) {
        let (owner, [i, j]) = self.distribution.owner(index);
        if owner == self.rank() {
            self.local[[i, j]] = value;
        }
    }

    /// `f` run on every rank's local array, the results gathered on rank 0 in rank
    /// order (DistArray's `context.apply`); `None` on the other ranks. Ranks that hold
    /// no part of the array run `f` on an empty array. Collective.
    pub fn apply<U: Element>(&self, f: impl FnOnce(ArrayView2<'_, T>) -> U) -> Option<Vec<U>> {
        let result = f(self.local.view());
        let root = self.comm.process_at_rank(ROOT);
        if self.comm.rank() != ROOT {
            root.gather_into(&result);
            return None;
        }
        let mut results = vec![U::default(); self.comm.size() as usize];
        root.gather_into_root(&result, &mut results[..]);
        Some(results)
    }

    /// Like [`apply`](Self::apply), for a function that returns an array (the
    /// notebook's `local_demean`): shapes first, then the elements with a Gatherv.
    /// Collective.
    pub fn apply_array<U: Element>(
        &self,
        f: impl FnOnce(ArrayView2<'_, T>) -> Array2<U>,
    ) -> Option<Vec<Array2<U>>> {
        let result = f(self.local.view()).as_standard_layout().into_owned();
        // Rank 0 needs every result's shape to size its receive buffer.
        let rows = self.apply(|_| result.nrows() as u64);
        let shapes = rows.zip(self.apply(|_| result.ncols() as u64));
        let data = result.as_slice().expect("standard layout");
        let root = self.comm.process_at_rank(ROOT);
        let Some((rows, cols)) = shapes else {
            root.gather_varcount_into(data);
            return None;
        };
        let counts: Vec<Count> = rows.iter().zip(&cols).map(|(r, c)| (r * c) as Count).collect();
        let displs = displacements(&counts);
        let mut all = vec![U::default(); counts.iter().sum::<Count>() as usize];
        root.gather_varcount_into_root(
            data,
            &mut PartitionMut::new(&mut all[..], &counts[..], &displs[..]),
        );
        let arrays = (0..counts.len()).map(|r| {
            let part = &all[displs[r] as usize..(displs[r] + counts[r]) as usize];
            Array2::from_shape_vec((rows[r] as usize, cols[r] as usize), part.to_vec()).expect("sizes match")
        });
        Some(arrays.collect())
    }

    /// This rank's `__distarray__()` dictionary in the Distributed Array Protocol, or
    /// `None` on a rank that holds no part of the array. Local.
    pub fn protocol(&self) -> Option<Protocol<'_, T>> {
        let dim_data = self.distribution.dim_data(self.rank())?;
        Some(Protocol {
            version: VERSION,
            buffer: self.local.view(),
            dim_data,
        })
    }

    /// The same elements, in C (row-major) order, in an array of the new distribution's
    /// shape and layout (DistArray's `distribute_as`; with a new shape it is NumPy's
    /// `reshape`). Every rank works out, from the two distributions alone, which of its
    /// elements go to which rank and where the elements it receives belong; one
    /// Alltoallv moves them. Collective.
    ///
    /// # Panics
    ///
    /// If the new shape has another number of elements, or a target is not a rank of
    /// the communicator.
    pub fn distribute_as(&self, distribution: Distribution) -> DistArray<T> {
        check_targets(&*self.comm, &distribution);
        let [old, new] = [self.shape(), distribution.shape()];
        assert_eq!(
            old[0] * old[1],
            new[0] * new[1],
            "distribute_as: a {old:?} array cannot become {new:?}"
        );
        let (sendbuf, sendcounts) = self.outgoing(&distribution);
        let incoming = self.incoming(&distribution);
        let recvcounts: Vec<Count> = incoming.iter().map(|from| from.len() as Count).collect();
        let [sdispls, rdispls] = [&sendcounts, &recvcounts].map(|c| displacements(c));
        let mut recvbuf = vec![T::default(); recvcounts.iter().sum::<Count>() as usize];
        self.comm.all_to_all_varcount_into(
            &Partition::new(&sendbuf[..], &sendcounts[..], &sdispls[..]),
            &mut PartitionMut::new(&mut recvbuf[..], &recvcounts[..], &rdispls[..]),
        );
        let shape = distribution.local_shape(self.rank());
        let mut local = vec![T::default(); shape[0] * shape[1]];
        for (from, displ) in incoming.iter().zip(&rdispls) {
            for (k, &(_, position)) in from.iter().enumerate() {
                local[position] = recvbuf[*displ as usize + k];
            }
        }
        let local = Array2::from_shape_vec(shape, local).expect("the local shape fits the count");
        DistArray {
            comm: Rc::clone(&self.comm),
            distribution,
            local,
        }
    }

    /// This rank's elements sorted by the rank that owns them in `new` (in local order
    /// within each), and how many go to each rank.
    fn outgoing(&self, new: &Distribution) -> (Vec<T>, Vec<Count>) {
        let mut buckets = vec![Vec::new(); self.comm.size() as usize];
        let [rows, cols] = self.distribution.global_indices(self.rank());
        let (old_cols, new_cols) = (self.shape()[1], new.shape()[1]);
        for (&value, (i, j)) in self.local.iter().zip(pairs(&rows, &cols)) {
            let flat = i * old_cols + j;
            let (to, _) = new.owner([flat / new_cols, flat % new_cols]);
            buckets[to].push(value);
        }
        let counts = buckets.iter().map(|b| b.len() as Count).collect();
        (buckets.concat(), counts)
    }

    /// For each rank, the elements of this rank's new local array that it sends:
    /// (their position in its old local array, their position in the new one), in the
    /// order it sends them, which is its local order.
    fn incoming(&self, new: &Distribution) -> Vec<Vec<(usize, usize)>> {
        let size = self.comm.size() as usize;
        let old_widths: Vec<usize> = (0..size).map(|r| self.distribution.local_shape(r)[1]).collect();
        let mut incoming = vec![Vec::new(); size];
        let [rows, cols] = new.global_indices(self.rank());
        let (old_cols, new_cols) = (self.shape()[1], new.shape()[1]);
        for (position, (i, j)) in pairs(&rows, &cols).enumerate() {
            let flat = i * new_cols + j;
            let (from, [li, lj]) = self.distribution.owner([flat / old_cols, flat % old_cols]);
            incoming[from].push((li * old_widths[from] + lj, position));
        }
        for from in &mut incoming {
            from.sort_unstable();
        }
        incoming
    }
}

impl<T: Element + Zero + Add<Output = T>> DistArray<T> {
    /// The sum of all elements, on every rank: each rank sums its own elements, and an
    /// Allreduce adds the partial sums (in an order MPI chooses: for floats the last
    /// bits may differ between MPI libraries). Collective.
    pub fn sum(&self) -> T {
        let partial = self.local.sum();
        let mut total = T::zero();
        self.comm
            .all_reduce_into(&partial, &mut total, SystemOperation::sum());
        total
    }

    /// The sums along `axis` (0: down the columns, 1: along the rows), on every rank:
    /// each rank sums its elements into a vector as long as the other dimension, at the
    /// global indices it holds, zeros elsewhere; an Allreduce adds the vectors.
    /// Collective.
    ///
    /// # Panics
    ///
    /// If `axis` is not 0 or 1.
    pub fn sum_axis(&self, axis: usize) -> Array1<T> {
        assert!(axis < 2, "sum_axis: a 2-D array has axes 0 and 1, not {axis}");
        let other = 1 - axis;
        let indices = &self.distribution.global_indices(self.rank())[other];
        let mut partial = vec![T::zero(); self.shape()[other]];
        for (&global, &sum) in indices.iter().zip(&self.local.sum_axis(Axis(axis))) {
            partial[global] = sum;
        }
        let mut total = vec![T::zero(); partial.len()];
        self.comm
            .all_reduce_into(&partial[..], &mut total[..], SystemOperation::sum());
        Array1::from(total)
    }
}

/// The distribution and this rank's local array (the communicator has no text).
impl<T: fmt::Debug> fmt::Debug for DistArray<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DistArray")
            .field("distribution", &self.distribution)
            .field("local", &self.local)
            .finish_non_exhaustive()
    }
}

/// DistArray's text for an array: `<DistArray(shape=(4, 5), targets=[0, 1, 2, 3])>`.
impl<T> fmt::Display for DistArray<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [rows, cols] = self.distribution.shape();
        let targets: Vec<String> = self.distribution.targets().iter().map(usize::to_string).collect();
        write!(
            f,
            "<DistArray(shape=({rows}, {cols}), targets=[{}])>",
            targets.join(", ")
        )
    }
}

/// Every (row, column) pair of global indices, in row-major order.
fn pairs<'a>(rows: &'a [usize], cols: &'a [usize]) -> impl Iterator<Item = (usize, usize)> + 'a {
    rows.iter().flat_map(move |&i| cols.iter().map(move |&j| (i, j)))
}

/// # Panics
///
/// If a target of `distribution` is not a rank of `comm`.
fn check_targets<C: Communicator>(comm: &C, distribution: &Distribution) {
    let size = comm.size() as usize;
    if let Some(bad) = distribution.targets().iter().find(|&&t| t >= size) {
        panic!("the distribution places data on rank {bad}, but the communicator has {size} ranks");
    }
}

/// How many elements each rank of a `size`-rank communicator holds.
fn local_counts(distribution: &Distribution, size: i32) -> Vec<Count> {
    (0..size as usize)
        .map(|r| distribution.local_shape(r).iter().product::<usize>() as Count)
        .collect()
}

/// Where each rank's part starts in a buffer of all the parts, one after another.
pub(crate) fn displacements(counts: &[Count]) -> Vec<Count> {
    counts
        .iter()
        .scan(0, |next, &count| {
            let start = *next;
            *next += count;
            Some(start)
        })
        .collect()
}

/// Every rank's elements of `global`, rank after rank, each in its local order; and
/// how many each rank gets.
fn pack<T: Element>(global: &Array2<T>, distribution: &Distribution, size: i32) -> (Vec<T>, Vec<Count>) {
    let packed = (0..size as usize)
        .flat_map(|r| {
            let [rows, cols] = distribution.global_indices(r);
            pairs(&rows, &cols)
                .map(|(i, j)| global[[i, j]])
                .collect::<Vec<_>>()
        })
        .collect();
    (packed, local_counts(distribution, size))
}

/// The global array from every rank's elements, packed as [`pack`] packs them.
fn unpack<T: Element>(packed: &[T], distribution: &Distribution, size: i32) -> Array2<T> {
    let [rows, cols] = distribution.shape();
    let mut global = Array2::from_elem((rows, cols), T::default());
    let positions = (0..size as usize).flat_map(|r| {
        let [rows, cols] = distribution.global_indices(r);
        pairs(&rows, &cols).collect::<Vec<_>>()
    });
    for (&value, (i, j)) in packed.iter().zip(positions) {
        global[[i, j]] = value;
    }
    global
}
