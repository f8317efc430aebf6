//! The index arithmetic of a distributed slice, with no communication: which global
//! elements a slice takes, which of them each rank holds, and where they sit in its
//! local array.
//!
//! A slice takes, along each axis, the global indices `start, start + step, ...` (`len`
//! of them), or one index, which removes the axis (NumPy's `darr[:, 3]` is 1-D). The
//! slice's own indices along an axis are `k = 0..len`. Along a block (or undistributed)
//! axis a rank holds the global indices `lo..hi`, so it holds the slice's indices `k`
//! whose `start + k * step` falls in `lo..hi`: a *range* `k0..k1`, found with two
//! divisions. Its part of the slice is its local array sliced from local index
//! `start + k0 * step - lo` with the same step: a strided view, no copy. Cyclic axes
//! have no such range (a rank's indices are not contiguous), which is why DistArray,
//! and this crate, slice only block and undistributed dimensions.
//!
//! Positions are kept in a 2-D *slice space* in which a removed axis has length 1, so
//! that both axes are handled alike; only the shapes shown to the user drop it.

use std::fmt;
use std::ops::Range;

use ndarray::SliceInfoElem;

use crate::maps::{Dist, Distribution};

/// Why a slice cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SliceError {
    /// The axis is cyclic or block-cyclic: its parts are not contiguous.
    NotBlock {
        /// The axis sliced.
        axis: usize,
        /// Its distribution.
        dist: Dist,
    },
    /// A single index outside the axis (after counting negative ones from the end).
    OutOfBounds {
        /// The axis indexed.
        axis: usize,
        /// The index as given.
        index: isize,
        /// The axis's length.
        size: usize,
    },
    /// A step of zero, or a negative step.
    Step {
        /// The axis sliced.
        axis: usize,
        /// The step as given.
        step: isize,
    },
    /// `NewAxis` in the slice: the views are 2-D at most.
    NewAxis,
}

impl fmt::Display for SliceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            SliceError::NotBlock { axis, dist } => write!(
                f,
                "axis {axis} is {dist:?}-distributed, and only block and undistributed axes can be \
                 sliced: a rank's part of a cyclic axis is not one stretch of indices, so its part \
                 of a slice is no strided view. Redistribute first (distribute_as with \
                 Dist::Block on that axis)"
            ),
            SliceError::OutOfBounds { axis, index, size } => write!(
                f,
                "index {index} is out of bounds for axis {axis} of length {size}"
            ),
            SliceError::Step { axis, step } => write!(
                f,
                "step {step} on axis {axis}: distributed slices take positive steps only"
            ),
            SliceError::NewAxis => write!(f, "distributed slices cannot add an axis (NewAxis)"),
        }
    }
}

impl std::error::Error for SliceError {}

/// What a slice takes along one axis: global indices `start + k * step` for `k` in
/// `0..len`. `kept` is false for a single index, whose axis the slice removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct AxisSlice {
    start: usize,
    step: usize,
    len: usize,
    kept: bool,
}

impl AxisSlice {
    /// NumPy's meaning of `elem` on an axis of `size` indices: negative positions count
    /// from the end, and slice bounds past either end are clipped (`darr[:10]` of four
    /// rows is all four).
    fn new(elem: SliceInfoElem, axis: usize, size: usize) -> Result<AxisSlice, SliceError> {
        let from_end = |i: isize| if i < 0 { i + size as isize } else { i };
        match elem {
            SliceInfoElem::Index(index) => {
                let at = from_end(index);
                if !(0..size as isize).contains(&at) {
                    return Err(SliceError::OutOfBounds { axis, index, size });
                }
                Ok(AxisSlice {
                    start: at as usize,
                    step: 1,
                    len: 1,
                    kept: false,
                })
            }
            SliceInfoElem::Slice { start, end, step } => {
                if step <= 0 {
                    return Err(SliceError::Step { axis, step });
                }
                let clip = |i: isize| from_end(i).clamp(0, size as isize) as usize;
                let (start, stop) = (clip(start), end.map_or(size, clip));
                let step = step as usize;
                let len = stop.saturating_sub(start).div_ceil(step);
                Ok(AxisSlice {
                    start,
                    step,
                    len,
                    kept: true,
                })
            }
            SliceInfoElem::NewAxis => Err(SliceError::NewAxis),
        }
    }

    /// The global index of the slice's index `k`.
    fn global(&self, k: usize) -> usize {
        self.start + k * self.step
    }

    /// The slice's indices `k` whose global index is in `lo..hi`.
    fn held(&self, lo: usize, hi: usize) -> Range<usize> {
        // The number of k whose global index is below `bound`.
        let below = |bound: usize| bound.saturating_sub(self.start).div_ceil(self.step).min(self.len);
        let (first, end) = (below(lo), below(hi));
        first..end.max(first)
    }
}

/// The shape of a slice and every rank's part of it, computed from the array's
/// distribution alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Geometry {
    distribution: Distribution,
    axes: [AxisSlice; 2],
    /// The ranks that hold at least one element of the slice, in rank order.
    targets: Vec<usize>,
}

impl Geometry {
    /// The slice `elems` (one per axis) of an array distributed as `distribution`.
    pub(crate) fn new(
        distribution: &Distribution,
        elems: [SliceInfoElem; 2],
    ) -> Result<Geometry, SliceError> {
        let shape = distribution.shape();
        let mut axes = [AxisSlice {
            start: 0,
            step: 1,
            len: 0,
            kept: true,
        }; 2];
        for axis in 0..2 {
            match distribution.map(axis).dist() {
                Dist::Block | Dist::Undistributed => {}
                dist => return Err(SliceError::NotBlock { axis, dist }),
            }
            axes[axis] = AxisSlice::new(elems[axis], axis, shape[axis])?;
        }
        let mut geometry = Geometry {
            distribution: distribution.clone(),
            axes,
            targets: Vec::new(),
        };
        let mut targets: Vec<usize> = distribution.targets().to_vec();
        targets.retain(|&rank| geometry.held(rank).iter().all(|r| !r.is_empty()));
        targets.sort_unstable();
        geometry.targets = targets;
        Ok(geometry)
    }

    /// The slice's shape, without the axes a single index removed.
    pub(crate) fn shape(&self) -> Vec<usize> {
        self.axes.iter().filter(|a| a.kept).map(|a| a.len).collect()
    }

    /// The ranks that hold a part of the slice.
    pub(crate) fn targets(&self) -> &[usize] {
        &self.targets
    }

    /// The slice's indices that `rank` holds, per axis of slice space (a removed axis
    /// has only index 0, held by the ranks whose block contains the index).
    pub(crate) fn held(&self, rank: usize) -> [Range<usize>; 2] {
        let Some(coords) = self.distribution.grid_coords(rank) else {
            return [0..0, 0..0];
        };
        [0, 1].map(|axis| {
            let map = self.distribution.map(axis);
            let (lo, hi) = map.bounds(coords[axis]).expect("block axes have bounds");
            self.axes[axis].held(lo, hi)
        })
    }

    /// How `rank` slices its local array to get its part: `None` when it holds no
    /// element and one axis is a single index (there is no local index to give).
    pub(crate) fn local_elems(&self, rank: usize) -> Option<[SliceInfoElem; 2]> {
        let held = self.held(rank);
        if held.iter().any(Range::is_empty) && self.axes.iter().any(|a| !a.kept) {
            return None;
        }
        Some([0, 1].map(|axis| {
            let (slice, held) = (&self.axes[axis], &held[axis]);
            if held.is_empty() {
                return SliceInfoElem::Slice {
                    start: 0,
                    end: Some(0),
                    step: 1,
                };
            }
            let coords = self
                .distribution
                .grid_coords(rank)
                .expect("a rank that holds elements is a target");
            let map = self.distribution.map(axis);
            let (lo, _) = map.bounds(coords[axis]).expect("block axes have bounds");
            let start = (slice.global(held.start) - lo) as isize;
            if !slice.kept {
                return SliceInfoElem::Index(start);
            }
            let last = (slice.global(held.end - 1) - lo) as isize;
            SliceInfoElem::Slice {
                start,
                end: Some(last + 1),
                step: slice.step as isize,
            }
        }))
    }

    /// Who holds the slice's element `index` (one entry per kept axis), and its index
    /// in that rank's part.
    ///
    /// # Panics
    ///
    /// If `index` has the wrong length or is out of bounds.
    pub(crate) fn owner(&self, index: &[usize]) -> (usize, Vec<usize>) {
        let shape = self.shape();
        assert!(
            index.len() == shape.len() && index.iter().zip(&shape).all(|(i, n)| i < n),
            "index {index:?} is out of bounds for a slice of shape {shape:?}"
        );
        let mut given = index.iter();
        let at = self.axes.map(|a| {
            if a.kept {
                *given.next().expect("one per kept axis")
            } else {
                0
            }
        });
        let global = [0, 1].map(|axis| self.axes[axis].global(at[axis]));
        let (rank, _) = self.distribution.owner(global);
        let held = self.held(rank);
        let local = (0..2)
            .filter(|&axis| self.axes[axis].kept)
            .map(|axis| at[axis] - held[axis].start);
        (rank, local.collect())
    }

    /// The slice's shape in slice space: a removed axis counts 1.
    pub(crate) fn space_shape(&self) -> [usize; 2] {
        self.axes.map(|a| a.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maps::Dist::*;
    use ndarray::{s, SliceInfoElem};

    fn slice(elems: impl AsRef<[SliceInfoElem]>, size: usize) -> Vec<usize> {
        let axis = AxisSlice::new(elems.as_ref()[0], 0, size).unwrap();
        (0..axis.len).map(|k| axis.global(k)).collect()
    }

    /// The axis slices of NumPy's examples, as `s!` writes them.
    #[test]
    fn slices_take_numpys_indices() {
        assert_eq!(slice(s![..], 4).as_slice(), [0, 1, 2, 3]);
        assert_eq!(slice(s![2..;2], 5).as_slice(), [2, 4]);
        assert_eq!(slice(s![..-1], 4).as_slice(), [0, 1, 2]);
        assert_eq!(slice(s![-3..;2], 10).as_slice(), [7, 9]);
        assert_eq!(slice(s![1..10], 4).as_slice(), [1, 2, 3]);
        let backwards = [SliceInfoElem::Slice {
            start: 3,
            end: Some(1),
            step: 1,
        }];
        assert_eq!(slice(backwards, 4).as_slice(), [] as [usize; 0]);
        assert_eq!(slice(s![-1], 4).as_slice(), [3]);
    }

    #[test]
    fn bad_slices_are_errors() {
        fn err(e: impl AsRef<[SliceInfoElem]>) -> SliceError {
            AxisSlice::new(e.as_ref()[0], 1, 4).unwrap_err()
        }
        let out = SliceError::OutOfBounds {
            axis: 1,
            index: 4,
            size: 4,
        };
        assert_eq!(err(s![4]), out);
        assert_eq!(
            err(s![-5]).to_string(),
            "index -5 is out of bounds for axis 1 of length 4"
        );
        assert_eq!(err(s![..;-1]), SliceError::Step { axis: 1, step: -1 });
    }

    /// Which slice indices the blocks `lo..hi` hold, for the step 3 slice `1, 4, 7, 10`.
    #[test]
    fn each_block_holds_a_range_of_the_slice() {
        let axis = AxisSlice::new(s![1..11;3].as_ref()[0], 0, 12).unwrap();
        let blocks = [(0, 3), (3, 6), (6, 9), (9, 12)];
        let held: Vec<_> = blocks.iter().map(|&(lo, hi)| axis.held(lo, hi)).collect();
        assert_eq!(held, [0..1, 1..2, 2..3, 3..4]);
        assert_eq!(axis.held(2, 4), 1..1);
        assert_eq!(axis.held(0, 0), 0..0);
    }

    fn notebook() -> Distribution {
        Distribution::new([4, 5], [Block, Undistributed], 4)
    }

    fn geometry(d: &Distribution, elems: impl AsRef<[SliceInfoElem]>) -> Result<Geometry, SliceError> {
        let elems = elems.as_ref();
        Geometry::new(d, [elems[0], elems[1]])
    }

    /// `darr[:, 3]`: one element per rank, at local column 3.
    #[test]
    fn the_notebooks_column() {
        let g = geometry(&notebook(), s![.., 3]).unwrap();
        assert_eq!(g.shape(), [4]);
        assert_eq!(g.targets(), [0, 1, 2, 3]);
        assert_eq!(g.held(2), [2..3, 0..1]);
        let start = |start| SliceInfoElem::Slice {
            start,
            end: Some(start + 1),
            step: 1,
        };
        assert_eq!(g.local_elems(2), Some([start(0), SliceInfoElem::Index(3)]));
        assert_eq!(g.owner(&[3]), (3, vec![0]));
    }

    /// `darr[:, 2::2]` and `darr[:-1, 2::2]` on 4 and on 3 ranks.
    #[test]
    fn the_notebooks_stepped_slices() {
        let stepped = SliceInfoElem::Slice {
            start: 2,
            end: Some(5),
            step: 2,
        };
        let g = geometry(&notebook(), s![.., 2..;2]).unwrap();
        assert_eq!((g.shape(), g.targets()), (vec![4, 2], &[0, 1, 2, 3][..]));
        let g = geometry(&notebook(), s![..-1, 2..;2]).unwrap();
        assert_eq!((g.shape(), g.targets()), (vec![3, 2], &[0, 1, 2][..]));
        assert_eq!(g.held(3), [3..3, 0..2]);
        let empty = SliceInfoElem::Slice {
            start: 0,
            end: Some(0),
            step: 1,
        };
        // Rank 3 holds no row of the slice, and would hold its columns.
        assert_eq!(g.local_elems(3), Some([empty, stepped]));
        let on_3 = Distribution::new([4, 5], [Block, Undistributed], 3);
        let g = geometry(&on_3, s![..-1, 2..;2]).unwrap();
        assert_eq!(g.targets(), [0, 1]);
        assert_eq!(g.held(1), [2..3, 0..2]);
        let first = SliceInfoElem::Slice {
            start: 0,
            end: Some(1),
            step: 1,
        };
        assert_eq!(g.local_elems(1), Some([first, stepped]));
        assert_eq!(g.owner(&[2, 1]), (1, vec![0, 1]));
        assert_eq!(g.local_elems(2), Some([empty, empty]));
    }

    /// A block-block array on a 2×2 grid: the slice's parts are rectangles in slice
    /// space, and a single row is held by one row of the grid.
    #[test]
    fn block_block_slices() {
        let d = Distribution::new([6, 6], [Block, Block], 4);
        let g = geometry(&d, s![1..;2, ..;2]).unwrap();
        assert_eq!(g.shape(), [3, 3]);
        assert_eq!(g.held(0), [0..1, 0..2]);
        assert_eq!(g.held(3), [1..3, 2..3]);
        assert_eq!(g.owner(&[2, 2]), (3, vec![1, 0]));
        let row = geometry(&d, s![4, ..]).unwrap();
        assert_eq!(row.shape(), [6]);
        assert_eq!(row.targets(), [2, 3]);
        assert_eq!(row.local_elems(0), None);
        assert_eq!(row.owner(&[4]), (3, vec![1]));
        assert_eq!(row.space_shape(), [1, 6]);
    }

    #[test]
    fn cyclic_axes_cannot_be_sliced() {
        let d = Distribution::new([4, 5], [Block, Cyclic], 4);
        let err = geometry(&d, s![.., 3]).unwrap_err();
        assert_eq!(
            err,
            SliceError::NotBlock {
                axis: 1,
                dist: Cyclic
            }
        );
        assert!(err
            .to_string()
            .starts_with("axis 1 is Cyclic-distributed, and only block"));
    }

    #[test]
    fn ranks_outside_the_distribution_hold_nothing() {
        let d = Distribution::with_targets([5, 4], [Block, Block], &[1, 3]);
        let g = geometry(&d, s![.., 1]).unwrap();
        assert_eq!(g.targets(), [1, 3]);
        assert_eq!(g.held(0), [0..0, 0..0]);
        assert_eq!(g.local_elems(0), None);
        assert_eq!(g.owner(&[4]), (3, vec![1]));
    }
}
