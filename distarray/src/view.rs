//! Distributed slices that are views: NumPy's `darr[:, 3]` and `darr[:-1, 2::2]`,
//! written with ndarray's `s!` macro, share the array's elements instead of copying
//! them.
//!
//! A slice of a distributed array is distributed too. Each rank's part of it is the
//! part of the slice that falls in its own local array, and that part is an ordinary
//! strided ndarray view of the local array: no element moves, no message is sent.
//! Writing through a mutable view writes into the array (the notebook's `darr_view[3]
//! = -0.99`). Everything else a view knows, its global shape, which ranks hold a part
//! (the notebook's `targets`), and who holds each of its elements, comes from the
//! array's distribution alone, as for the array itself (the submodule `geometry` does
//! that arithmetic).
//!
//! As in DistArray, only block and undistributed dimensions can be sliced: a rank's
//! share of a cyclic dimension is not one stretch of indices, so its part of a slice
//! would not be a strided view. Slicing one is a [`SliceError`]. Steps are positive.
//!
//! Calls come in the same kinds as the array's: making a view, [`owner`](DistSlice::owner),
//! [`set`](DistSlice::set) and the shapes are local; [`to_global`](DistSlice::to_global)
//! is collective.
//!
//! ```no_run
//! use distarray::{precision::NpPrecision, random::RandomState, Dist, DistArray};
//! use mpi::traits::*;
//! use ndarray::s;
//!
//! let universe = mpi::initialize().unwrap();
//! let world = universe.world();
//! let nparr = (world.rank() == 0).then(|| RandomState::new(1234567890).rand(4, 5));
//! let mut darr = DistArray::from_global(&world, nparr.as_ref(), [Dist::Block, Dist::Undistributed]);
//! let mut darr_view = darr.slice_mut(s![.., 3]).unwrap();
//! println!("{darr_view}"); // <DistArray(shape=(4,), targets=[0, 1, 2, 3])>
//! darr_view.set(3, -0.99); // rank 3 writes its local element (0, 3)
//! if let Some(column) = darr_view.to_global() {
//!     println!("{}", column.np_prec(2)); // [ 0.89  0.54  0.95 -0.99]
//! }
//! ```

mod geometry;

use std::fmt;

use mpi::datatype::PartitionMut;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use mpi::Count;
use ndarray::{
    s, Array, Array2, ArrayBase, ArrayView, ArrayViewMut, Data, DataMut, Dimension, IntoDimension, Ix2,
    RawData, SliceInfo, SliceInfoElem, ViewRepr,
};

use crate::darray::{displacements, DistArray, Element};
use geometry::Geometry;
pub use geometry::SliceError;

/// A slice of a [`DistArray`] with `D` dimensions (1 for `s![.., 3]`, 2 for
/// `s![.., 2..;2]`), over storage `S`: see [`DistView`] and [`DistViewMut`].
pub struct DistSlice<'a, S: RawData, D> {
    comm: &'a SimpleCommunicator,
    geometry: Geometry,
    /// This rank's part: a view of its local array.
    local: ArrayBase<S, D>,
}

/// A read-only slice: [`DistArray::slice`].
pub type DistView<'a, T, D> = DistSlice<'a, ViewRepr<&'a T>, D>;

/// A slice that writes into its array: [`DistArray::slice_mut`].
pub type DistViewMut<'a, T, D> = DistSlice<'a, ViewRepr<&'a mut T>, D>;

/// A slice as ndarray's `s!` writes it for a 2-D array.
pub type Slice2<D> = SliceInfo<[SliceInfoElem; 2], Ix2, D>;

impl<T: Element> DistArray<T> {
    /// The slice `info` of the array (NumPy's `darr[...]`), a view sharing its
    /// elements: `s![.., 3]` is `darr[:, 3]`, `s![..-1, 2..;2]` is `darr[:-1, 2::2]`.
    /// Local: every rank cuts its own part.
    ///
    /// # Errors
    ///
    /// If an axis is cyclic or block-cyclic, a single index is out of bounds, or a step
    /// is not positive.
    pub fn slice<D: Dimension>(&self, info: Slice2<D>) -> Result<DistView<'_, T, D>, SliceError> {
        let geometry = Geometry::new(self.distribution(), elems(&info))?;
        let local = cut(&geometry, self.comm(), self.local(), |shape| {
            ArrayView::from_shape(shape, &[]).expect("an empty shape fits no elements")
        });
        Ok(DistSlice {
            comm: self.comm(),
            geometry,
            local,
        })
    }

    /// Like [`slice`](Self::slice), for writing through the view into the array.
    ///
    /// # Errors
    ///
    /// As for [`slice`](Self::slice).
    pub fn slice_mut<D: Dimension>(&mut self, info: Slice2<D>) -> Result<DistViewMut<'_, T, D>, SliceError> {
        let (comm, distribution, local) = self.parts_mut();
        let geometry = Geometry::new(distribution, elems(&info))?;
        let local = cut(&geometry, comm, local, |shape| {
            ArrayViewMut::from_shape(shape, &mut []).expect("an empty shape fits no elements")
        });
        Ok(DistSlice {
            comm,
            geometry,
            local,
        })
    }
}

/// The two elements of a 2-D slice.
fn elems<D: Dimension>(info: &Slice2<D>) -> [SliceInfoElem; 2] {
    let elems: &[SliceInfoElem] = info.as_ref();
    [elems[0], elems[1]]
}

/// This rank's part of the slice: its local view sliced as the geometry says, or, when
/// it holds nothing of a slice that removes an axis, `empty(shape)` with zero lengths.
fn cut<S: RawData, D: Dimension>(
    geometry: &Geometry,
    comm: &SimpleCommunicator,
    local: ArrayBase<S, Ix2>,
    empty: impl FnOnce(D) -> ArrayBase<S, D>,
) -> ArrayBase<S, D> {
    let ndim = geometry.shape().len();
    match geometry.local_elems(comm.rank() as usize) {
        Some(elems) => {
            let info = Slice2::<D>::try_from(elems).expect("the local slice keeps the same axes");
            local.slice_move(info)
        }
        None => empty(D::zeros(ndim)),
    }
}

impl<S: RawData, D: Dimension> DistSlice<'_, S, D> {
    /// The slice's global shape.
    pub fn shape(&self) -> Vec<usize> {
        self.geometry.shape()
    }

    /// The number of dimensions: 2, less one for each single index.
    pub fn ndim(&self) -> usize {
        self.geometry.shape().len()
    }

    /// The ranks that hold a part of the slice, in rank order.
    pub fn targets(&self) -> &[usize] {
        self.geometry.targets()
    }

    /// Who holds the slice's element `index` (`3` for a 1-D slice, `(i, j)` for a 2-D
    /// one), and its index in that rank's part. Local: every rank can ask about every
    /// element.
    ///
    /// # Panics
    ///
    /// If `index` is out of bounds.
    pub fn owner(&self, index: impl IntoDimension<Dim = D>) -> (usize, D::Pattern) {
        let (rank, local) = self.geometry.owner(index.into_dimension().slice());
        (rank, dimension::<D>(&local).into_pattern())
    }

    /// The communicator of the array the slice views.
    pub fn comm(&self) -> &SimpleCommunicator {
        self.comm
    }

    fn rank(&self) -> usize {
        self.comm.rank() as usize
    }
}

/// `values` as an ndarray index or shape of type `D`.
fn dimension<D: Dimension>(values: &[usize]) -> D {
    let mut dim = D::zeros(values.len());
    dim.slice_mut().copy_from_slice(values);
    dim
}

impl<S: Data<Elem = T>, T: Element, D: Dimension> DistSlice<'_, S, D> {
    /// This rank's part of the slice: a view of its local array.
    pub fn local(&self) -> ArrayView<'_, T, D> {
        self.local.view()
    }

    /// The whole slice on rank 0 (`toarray()`), `None` elsewhere: every rank sends its
    /// part, and rank 0, which knows from the distribution where each part lies in the
    /// slice, puts it there. Collective.
    pub fn to_global(&self) -> Option<Array<T, D>> {
        let part: Vec<T> = self.local.iter().copied().collect();
        let root = self.comm.process_at_rank(0);
        if self.rank() != 0 {
            root.gather_varcount_into(&part[..]);
            return None;
        }
        let held: Vec<_> = (0..self.comm.size() as usize)
            .map(|r| self.geometry.held(r))
            .collect();
        let counts: Vec<Count> = held.iter().map(|[a, b]| (a.len() * b.len()) as Count).collect();
        let displs = displacements(&counts);
        let mut all = vec![T::default(); counts.iter().sum::<Count>() as usize];
        root.gather_varcount_into_root(
            &part[..],
            &mut PartitionMut::new(&mut all[..], &counts[..], &displs[..]),
        );
        let mut whole = Array2::from_elem(self.geometry.space_shape(), T::default());
        for ([rows, cols], start) in held.into_iter().zip(displs) {
            let count = rows.len() * cols.len();
            let piece = &all[start as usize..start as usize + count];
            let block = ArrayView::from_shape((rows.len(), cols.len()), piece).expect("counts match");
            whole.slice_mut(s![rows, cols]).assign(&block);
        }
        let shape = dimension::<D>(&self.geometry.shape());
        Some(
            whole
                .into_shape_with_order(shape)
                .expect("the same elements, without the removed axes"),
        )
    }
}

impl<S: DataMut<Elem = T>, T: Element, D: Dimension> DistSlice<'_, S, D> {
    /// This rank's part, to change in place: the array changes with it. Local.
    pub fn local_mut(&mut self) -> ArrayViewMut<'_, T, D> {
        self.local.view_mut()
    }

    /// Sets the slice's element `index` (the notebook's `darr_view[3] = -0.99`): its
    /// owner writes it, in the array the slice views; the other ranks do nothing.
    /// Local.
    ///
    /// # Panics
    ///
    /// If `index` is out of bounds.
    pub fn set(&mut self, index: impl IntoDimension<Dim = D>, value: T) {
        let (owner, local) = self.geometry.owner(index.into_dimension().slice());
        if owner == self.rank() {
            self.local[dimension::<D>(&local)] = value;
        }
    }
}

/// DistArray's text for a slice, as for an array: `<DistArray(shape=(4,),
/// targets=[0, 1, 2, 3])>` (Python writes a 1-tuple with a trailing comma).
impl<S: RawData, D: Dimension> fmt::Display for DistSlice<'_, S, D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shape: Vec<String> = self.shape().iter().map(usize::to_string).collect();
        let shape = match shape.as_slice() {
            [one] => format!("({one},)"),
            _ => format!("({})", shape.join(", ")),
        };
        let targets: Vec<String> = self.targets().iter().map(usize::to_string).collect();
        write!(f, "<DistArray(shape={shape}, targets=[{}])>", targets.join(", "))
    }
}

/// The slice's shape and targets, and this rank's part.
impl<S: Data, D: Dimension> fmt::Debug for DistSlice<'_, S, D>
where
    S::Elem: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DistSlice")
            .field("shape", &self.shape())
            .field("targets", &self.targets())
            .field("local", &self.local)
            .finish_non_exhaustive()
    }
}
