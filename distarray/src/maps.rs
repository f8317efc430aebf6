//! Which process owns which element: distributions per dimension, the process grid,
//! and the index arithmetic between global and local positions.
//!
//! A distributed array is cut along each dimension separately. Each dimension gets a
//! distribution ([`Dist`], ScaLAPACK's names) and a number of processes along it; the
//! processes form a grid (2×2 for four processes and two distributed dimensions), and
//! the process at grid position `(p, q)` owns the elements whose row belongs to `p` in
//! dimension 0 and whose column belongs to `q` in dimension 1.
//!
//! Nothing here communicates: every rank can compute, for every element, who owns it
//! and where it sits in the owner's local array. That is what lets a distributed array
//! find an element with one message, and redistribute with exactly computed counts.
//!
//! The rules are DistArray's (its `maps` modules and the Distributed Array Protocol):
//!
//! - **block**: blocks of `ceil(n / p)` consecutive indices, the last block taking what
//!   is left: 10 rows over 4 processes are 3, 3, 3, 1. A process whose block would be
//!   empty (5 rows over 4 processes: 2, 2, 1, 0) is left out of the distribution,
//!   which then has fewer [`targets`](Distribution::targets) than processes;
//! - **cyclic**: index `i` goes to process `i % p`, like dealing cards;
//! - **block-cyclic** with block size `b`: blocks of `b` consecutive indices are dealt
//!   out cyclically; block size 1 is cyclic;
//! - **undistributed**: the whole dimension on every process of the grid's row or column.
//!
//! The process grid is chosen as DistArray chooses it ([`grid_shape`]), and grid
//! positions are numbered row-major (position `(p, q)` of a `P`×`Q` grid is the `p * Q +
//! q`-th target), as the protocol specifies.
//!
//! Only 2-D arrays: the notebook's arrays are all 2-D, and two dimensions show every
//! idea (a grid, a map per dimension) without the bookkeeping of `n` dimensions.
//!
//! ```
//! use distarray::maps::{Dist, Distribution};
//!
//! // The notebook's 64×64 array, block rows and cyclic columns, on 4 processes.
//! let d = Distribution::new([64, 64], [Dist::Block, Dist::Cyclic], 4);
//! assert_eq!(d.grid_shape(), [2, 2]);
//! assert_eq!(d.localshapes(), [[32, 32]; 4]);
//! // Element (40, 7): rows 32..64 are grid row 1, odd columns grid column 1.
//! assert_eq!(d.owner([40, 7]), (3, [8, 3]));
//! ```

use crate::protocol::DimDict;

/// How one dimension is split over the processes along it (ScaLAPACK's names; DistArray
/// writes them `'b'`, `'c'`, `'c'` with a block size, and `'n'`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dist {
    /// Consecutive blocks of `ceil(n / p)` indices, one per process.
    Block,
    /// Index `i` on process `i % p`.
    Cyclic,
    /// Blocks of the given size dealt out cyclically: block `k` on process `k % p`.
    BlockCyclic(usize),
    /// Not split: every process along this dimension has all of it.
    Undistributed,
}

impl Dist {
    /// The short name used in labels such as the Julia-set table's `b-n` and `c-c`:
    /// `"b"`, `"c"`, `"bc"` or `"n"`.
    pub fn code(self) -> &'static str {
        match self {
            Dist::Block => "b",
            Dist::Cyclic => "c",
            Dist::BlockCyclic(_) => "bc",
            Dist::Undistributed => "n",
        }
    }
}

/// One dimension's map: `size` indices distributed as `dist` over `grid_size`
/// processes, which are numbered 0 to `grid_size - 1` along this dimension (their
/// *grid rank*, the protocol's `proc_grid_rank`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DimMap {
    dist: Dist,
    size: usize,
    grid_size: usize,
}

impl DimMap {
    /// The map of `size` indices over `grid_size` processes.
    ///
    /// # Panics
    ///
    /// If `grid_size` is 0, if an undistributed dimension gets more than one process,
    /// or if a block-cyclic block size is 0.
    pub fn new(dist: Dist, size: usize, grid_size: usize) -> DimMap {
        assert!(
            grid_size > 0,
            "DimMap::new: a dimension needs at least one process"
        );
        assert!(
            dist != Dist::Undistributed || grid_size == 1,
            "DimMap::new: an undistributed dimension has one process along it, not {grid_size}"
        );
        assert!(
            dist != Dist::BlockCyclic(0),
            "DimMap::new: a block size must be at least 1"
        );
        DimMap {
            dist,
            size,
            grid_size,
        }
    }

    /// How this dimension is distributed.
    pub fn dist(&self) -> Dist {
        self.dist
    }

    /// The global number of indices.
    pub fn size(&self) -> usize {
        self.size
    }

    /// The number of processes along this dimension.
    pub fn grid_size(&self) -> usize {
        self.grid_size
    }

    /// The block size that cyclic dealing uses: 1 for cyclic, `b` for block-cyclic.
    /// Block and undistributed dimensions are one block per process, so they have none.
    fn cycle_block(&self) -> Option<usize> {
        match self.dist {
            Dist::Cyclic => Some(1),
            Dist::BlockCyclic(b) => Some(b),
            Dist::Block | Dist::Undistributed => None,
        }
    }

    /// The length of a block of a block (or undistributed) dimension: `ceil(size / p)`.
    fn block_len(&self) -> usize {
        self.size.div_ceil(self.grid_size)
    }

    /// The global indices `start..stop` that grid rank `grid_rank` owns, for block and
    /// undistributed dimensions (DistArray's `bounds`); `None` for cyclic ones, whose
    /// indices are not contiguous.
    pub fn bounds(&self, grid_rank: usize) -> Option<(usize, usize)> {
        self.cycle_block().is_none().then(|| {
            let start = (grid_rank * self.block_len()).min(self.size);
            (start, (start + self.block_len()).min(self.size))
        })
    }

    /// How many indices grid rank `grid_rank` owns.
    pub fn local_len(&self, grid_rank: usize) -> usize {
        match self.cycle_block() {
            None => self.bounds(grid_rank).map_or(0, |(start, stop)| stop - start),
            Some(b) => (0..self.size.div_ceil(b))
                .filter(|block| block % self.grid_size == grid_rank)
                .map(|block| b.min(self.size - block * b))
                .sum(),
        }
    }

    /// The global index of local index `local` on grid rank `grid_rank`.
    pub fn global_index(&self, grid_rank: usize, local: usize) -> usize {
        match self.cycle_block() {
            None => grid_rank * self.block_len() + local,
            Some(b) => {
                let (local_block, offset) = (local / b, local % b);
                (local_block * self.grid_size + grid_rank) * b + offset
            }
        }
    }

    /// The global indices that grid rank `grid_rank` owns, in local order.
    pub fn global_indices(&self, grid_rank: usize) -> Vec<usize> {
        (0..self.local_len(grid_rank))
            .map(|local| self.global_index(grid_rank, local))
            .collect()
    }

    /// Who owns global index `global`: its grid rank and its local index there.
    ///
    /// # Panics
    ///
    /// If `global` is not below the dimension's size.
    pub fn owner(&self, global: usize) -> (usize, usize) {
        assert!(
            global < self.size,
            "index {global} is out of bounds for a dimension of size {}",
            self.size
        );
        match self.cycle_block() {
            None => (global / self.block_len(), global % self.block_len()),
            Some(b) => {
                let (block, offset) = (global / b, global % b);
                (block % self.grid_size, block / self.grid_size * b + offset)
            }
        }
    }

    /// How many processes get at least one index: all of them, except for a block
    /// dimension with more processes than `ceil`-sized blocks.
    fn busy_processes(&self) -> usize {
        match self.dist {
            Dist::Block if self.size > 0 => self.size.div_ceil(self.block_len()),
            Dist::Block => 1,
            _ => self.grid_size,
        }
    }

    /// This dimension's dictionary in the Distributed Array Protocol, for grid rank
    /// `grid_rank`. An undistributed dimension is described as DistArray's engines
    /// describe it, and as the notebook prints it: a block dimension over one process.
    pub fn dim_dict(&self, grid_rank: usize) -> DimDict {
        let mut dict = DimDict {
            dist_type: 'c',
            size: self.size,
            proc_grid_rank: grid_rank,
            proc_grid_size: self.grid_size,
            start: grid_rank,
            stop: None,
            block_size: None,
        };
        match self.dist {
            Dist::Block | Dist::Undistributed => {
                let (start, stop) = self.bounds(grid_rank).expect("block dimensions have bounds");
                dict.dist_type = 'b';
                dict.start = start;
                dict.stop = Some(stop);
            }
            Dist::Cyclic => {}
            Dist::BlockCyclic(b) => {
                dict.start = grid_rank * b;
                dict.block_size = Some(b);
            }
        }
        dict
    }
}

/// The process grid DistArray picks for an array of `shape` with distributions `dists`
/// over `nprocs` processes.
///
/// Undistributed dimensions get 1. With one distributed dimension it gets all the
/// processes, but no more than its length. With two, every factorization `nprocs = a ×
/// b` (`a <= b`) is a candidate grid, the larger factor going to the longer dimension
/// (to the columns when the array is square); the grid whose ratio of rows to columns
/// is closest to the array's wins (the first one, smallest `a`, on a tie). So 4
/// processes over 64×64 make a 2×2 grid, and 2 or 3 processes over a square make 1×2
/// and 1×3.
///
/// ```
/// use distarray::maps::{grid_shape, Dist::*};
///
/// assert_eq!(grid_shape([4, 5], [Block, Undistributed], 4), [4, 1]);
/// assert_eq!(grid_shape([64, 64], [Block, Cyclic], 4), [2, 2]);
/// assert_eq!(grid_shape([1024, 1024], [Block, Block], 3), [1, 3]);
/// assert_eq!(grid_shape([5, 4], [Block, Block], 2), [2, 1]);
/// ```
///
/// # Panics
///
/// If `nprocs` is 0.
pub fn grid_shape(shape: [usize; 2], dists: [Dist; 2], nprocs: usize) -> [usize; 2] {
    assert!(nprocs > 0, "grid_shape: an array needs at least one process");
    let distributed = dists.map(|d| d != Dist::Undistributed);
    match distributed {
        [false, false] => [1, 1],
        [true, false] => [nprocs.min(shape[0]).max(1), 1],
        [false, true] => [1, nprocs.min(shape[1]).max(1)],
        [true, true] => closest_factors(shape, nprocs),
    }
}

/// The factorization of `nprocs` into two whose ratio is closest to `shape`'s.
fn closest_factors(shape: [usize; 2], nprocs: usize) -> [usize; 2] {
    let ratio = |a: usize, b: usize| a as f64 / b as f64;
    let wanted = ratio(shape[0], shape[1]);
    (1..=nprocs.isqrt())
        .filter(|&small| nprocs.is_multiple_of(small))
        .map(|small| {
            let large = nprocs / small;
            if shape[0] > shape[1] {
                [large, small]
            } else {
                [small, large]
            }
        })
        .min_by(|f, g| {
            let distance = |f: &[usize; 2]| (ratio(f[0], f[1]) - wanted).abs();
            distance(f).total_cmp(&distance(g))
        })
        .expect("1 divides every number")
}

/// The distribution of a 2-D array: a map per dimension, and which process sits at
/// each position of the process grid.
///
/// Processes are ranks of the array's communicator. The *targets* are the ranks that
/// hold a part of the array, in grid order (row-major); the other ranks of the
/// communicator hold an empty local array and take part only in collective calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Distribution {
    maps: [DimMap; 2],
    targets: Vec<usize>,
}

impl Distribution {
    /// An array of `shape` distributed as `dists` over ranks `0..nprocs`, on the grid
    /// that [`grid_shape`] picks. This is DistArray's `Distribution(context, shape,
    /// dist)`; its default, `fromarray`'s, is `[Dist::Block, Dist::Undistributed]`.
    pub fn new(shape: [usize; 2], dists: [Dist; 2], nprocs: usize) -> Distribution {
        let all: Vec<usize> = (0..nprocs).collect();
        Distribution::with_targets(shape, dists, &all)
    }

    /// Like [`new`](Self::new), over the given ranks only (DistArray's `targets=`):
    /// the notebook's 5×4 block-block array on ranks 1 and 3. As in DistArray, the
    /// ranks take the grid positions in increasing order.
    ///
    /// ```
    /// use distarray::maps::{Dist::Block, Distribution};
    ///
    /// let d = Distribution::with_targets([5, 4], [Block, Block], &[1, 3]);
    /// assert_eq!(d.grid_shape(), [2, 1]);
    /// assert_eq!(d.local_shape(1), [3, 4]);
    /// assert_eq!(d.local_shape(2), [0, 0]);
    /// assert_eq!(d.local_shape(3), [2, 4]);
    /// ```
    ///
    /// # Panics
    ///
    /// If `targets` is empty.
    pub fn with_targets(shape: [usize; 2], dists: [Dist; 2], targets: &[usize]) -> Distribution {
        let mut targets = targets.to_vec();
        targets.sort_unstable();
        targets.dedup();
        let grid = grid_shape(shape, dists, targets.len());
        let maps = [0, 1].map(|d| DimMap::new(dists[d], shape[d], grid[d]));
        // Processes whose block is empty are left out (DistArray does the same): the
        // maps keep their block length, with fewer processes along the dimension.
        let busy = maps.map(|m| m.busy_processes());
        let kept = (0..grid[0])
            .flat_map(|p| (0..grid[1]).map(move |q| (p, q)))
            .filter(|&(p, q)| p < busy[0] && q < busy[1])
            .map(|(p, q)| targets[p * grid[1] + q])
            .collect();
        let maps = [0, 1].map(|d| DimMap {
            grid_size: busy[d],
            ..maps[d]
        });
        Distribution { maps, targets: kept }
    }

    /// The global shape.
    pub fn shape(&self) -> [usize; 2] {
        self.maps.map(|m| m.size)
    }

    /// The distribution of each dimension.
    pub fn dists(&self) -> [Dist; 2] {
        self.maps.map(|m| m.dist)
    }

    /// The process grid: the number of processes along each dimension.
    pub fn grid_shape(&self) -> [usize; 2] {
        self.maps.map(|m| m.grid_size)
    }

    /// The map of dimension `axis` (0 or 1).
    pub fn map(&self, axis: usize) -> &DimMap {
        &self.maps[axis]
    }

    /// The ranks that hold a part of the array, in grid order.
    pub fn targets(&self) -> &[usize] {
        &self.targets
    }

    /// The grid position of `rank`, or `None` if it holds no part of the array.
    pub fn grid_coords(&self, rank: usize) -> Option<[usize; 2]> {
        let position = self.targets.iter().position(|&t| t == rank)?;
        let columns = self.maps[1].grid_size;
        Some([position / columns, position % columns])
    }

    /// The rank at grid position `coords`.
    pub fn rank_at(&self, coords: [usize; 2]) -> usize {
        self.targets[coords[0] * self.maps[1].grid_size + coords[1]]
    }

    /// The shape of `rank`'s local array (`[0, 0]` for a rank that is not a target).
    pub fn local_shape(&self, rank: usize) -> [usize; 2] {
        match self.grid_coords(rank) {
            Some(coords) => [0, 1].map(|d| self.maps[d].local_len(coords[d])),
            None => [0, 0],
        }
    }

    /// The local shapes of the targets, in grid order (DistArray's `localshapes()`).
    pub fn localshapes(&self) -> Vec<[usize; 2]> {
        self.targets.iter().map(|&rank| self.local_shape(rank)).collect()
    }

    /// The global row and column indices of `rank`'s local array, in local order:
    /// local element `(i, j)` is global element `(rows[i], cols[j])`.
    pub fn global_indices(&self, rank: usize) -> [Vec<usize>; 2] {
        match self.grid_coords(rank) {
            Some(coords) => [0, 1].map(|d| self.maps[d].global_indices(coords[d])),
            None => [Vec::new(), Vec::new()],
        }
    }

    /// The rank that owns global element `index`, and its index in that rank's local
    /// array.
    ///
    /// # Panics
    ///
    /// If `index` is out of bounds.
    pub fn owner(&self, index: [usize; 2]) -> (usize, [usize; 2]) {
        let [(p, i), (q, j)] = [0, 1].map(|d| self.maps[d].owner(index[d]));
        (self.rank_at([p, q]), [i, j])
    }

    /// `rank`'s `dim_data` in the Distributed Array Protocol: one dictionary per
    /// dimension, or `None` for a rank that holds no part of the array.
    pub fn dim_data(&self, rank: usize) -> Option<[DimDict; 2]> {
        let coords = self.grid_coords(rank)?;
        Some([0, 1].map(|d| self.maps[d].dim_dict(coords[d])))
    }
}

#[cfg(test)]
mod tests {
    use super::Dist::*;
    use super::*;

    fn indices(dist: Dist, size: usize, grid_size: usize) -> Vec<Vec<usize>> {
        let map = DimMap::new(dist, size, grid_size);
        (0..grid_size).map(|r| map.global_indices(r)).collect()
    }

    #[test]
    fn block_sizes_are_rounded_up_and_the_last_block_takes_the_rest() {
        assert_eq!(indices(Block, 4, 4), [[0], [1], [2], [3]]);
        assert_eq!(
            indices(Block, 10, 4),
            [vec![0, 1, 2], vec![3, 4, 5], vec![6, 7, 8], vec![9]]
        );
        let map = DimMap::new(Block, 5, 4);
        let bounds: Vec<_> = (0..4).map(|r| map.bounds(r).unwrap()).collect();
        assert_eq!(bounds, [(0, 2), (2, 4), (4, 5), (5, 5)]);
    }

    #[test]
    fn cyclic_deals_indices_like_cards() {
        assert_eq!(
            indices(Cyclic, 10, 4),
            [vec![0, 4, 8], vec![1, 5, 9], vec![2, 6], vec![3, 7]]
        );
        assert_eq!(DimMap::new(Cyclic, 10, 4).bounds(0), None);
    }

    #[test]
    fn block_cyclic_deals_blocks_and_the_short_last_block_goes_round_robin() {
        // Blocks [0,1] [2,3] [4,5] [6,7] [8,9] [10]: block 5, the short one, is rank 2's.
        let expected = [vec![0, 1, 6, 7], vec![2, 3, 8, 9], vec![4, 5, 10]];
        assert_eq!(indices(BlockCyclic(2), 11, 3), expected);
        assert_eq!(indices(BlockCyclic(1), 10, 4), indices(Cyclic, 10, 4));
    }

    #[test]
    fn undistributed_is_everything_on_one_process() {
        assert_eq!(indices(Undistributed, 5, 1), [[0, 1, 2, 3, 4]]);
    }

    /// `owner` inverts `global_indices` for every distribution.
    #[test]
    fn owner_finds_every_index_where_global_indices_put_it() {
        let maps = [
            DimMap::new(Block, 10, 4),
            DimMap::new(Cyclic, 10, 4),
            DimMap::new(BlockCyclic(3), 17, 4),
            DimMap::new(Undistributed, 7, 1),
        ];
        for map in maps {
            let mut seen = vec![false; map.size()];
            for rank in 0..map.grid_size() {
                for (local, global) in map.global_indices(rank).into_iter().enumerate() {
                    assert_eq!(map.owner(global), (rank, local), "{map:?}");
                    seen[global] = true;
                }
            }
            assert!(seen.iter().all(|&s| s), "{map:?} leaves an index without owner");
        }
    }

    #[test]
    fn grids_are_chosen_as_distarray_chooses_them() {
        // The Julia-set table's 2-D distributions on 1 to 4 engines.
        let square = [1024, 1024];
        let grids: Vec<_> = (1..=4).map(|n| grid_shape(square, [Block, Block], n)).collect();
        assert_eq!(grids, [[1, 1], [1, 2], [1, 3], [2, 2]]);
        assert_eq!(grid_shape(square, [Cyclic, Cyclic], 4), [2, 2]);
        // One distributed dimension takes every process, up to its length.
        assert_eq!(grid_shape([3, 8], [Block, Undistributed], 4), [3, 1]);
        assert_eq!(grid_shape([3, 8], [Undistributed, Cyclic], 4), [1, 4]);
        // The longer dimension gets the larger factor; ratios pick among factorizations.
        assert_eq!(grid_shape([8, 2], [Block, Block], 4), [4, 1]);
        assert_eq!(grid_shape([30, 20], [Block, Block], 6), [3, 2]);
        assert_eq!(grid_shape([100, 10], [Block, Block], 12), [12, 1]);
        assert_eq!(grid_shape([6, 6], [Undistributed, Undistributed], 4), [1, 1]);
    }

    /// The notebook's first array: 4×5, `fromarray`'s default distribution.
    #[test]
    fn the_4x5_array_has_one_row_per_rank() {
        let d = Distribution::new([4, 5], [Block, Undistributed], 4);
        assert_eq!(d.grid_shape(), [4, 1]);
        assert_eq!(d.targets(), [0, 1, 2, 3]);
        assert_eq!(d.localshapes(), [[1, 5]; 4]);
        let bounds: Vec<_> = (0..4).map(|r| d.map(0).bounds(r).unwrap()).collect();
        assert_eq!(bounds, [(0, 1), (1, 2), (2, 3), (3, 4)]);
        assert_eq!(d.owner([0, 2]), (0, [0, 2]));
        assert_eq!(d.owner([3, 3]), (3, [0, 3]));
        assert_eq!(d.global_indices(2), [vec![2], vec![0, 1, 2, 3, 4]]);
    }

    /// The notebook's `(block, cyclic)` 64×64 array on a 2×2 process grid.
    #[test]
    fn the_64x64_block_cyclic_array_on_a_2x2_grid() {
        let d = Distribution::new([64, 64], [Block, Cyclic], 4);
        assert_eq!(d.grid_shape(), [2, 2]);
        assert_eq!(d.localshapes(), [[32, 32]; 4]);
        assert_eq!(d.grid_coords(2), Some([1, 0]));
        let [rows, cols] = d.global_indices(1);
        assert_eq!(rows, (0..32).collect::<Vec<_>>());
        assert_eq!(cols, (1..64).step_by(2).collect::<Vec<_>>());
        assert_eq!(d.owner([0, 0]), (0, [0, 0]));
        assert_eq!(d.owner([31, 63]), (1, [31, 31]));
        assert_eq!(d.owner([32, 10]), (2, [0, 5]));
    }

    /// `context.zeros((5, 3))` on four engines has targets `[0, 1, 2]`: blocks of
    /// `ceil(5 / 4) = 2` rows leave the fourth engine nothing.
    #[test]
    fn processes_with_empty_blocks_are_left_out() {
        let d = Distribution::new([5, 3], [Block, Undistributed], 4);
        assert_eq!(d.targets(), [0, 1, 2]);
        assert_eq!(d.grid_shape(), [3, 1]);
        assert_eq!(d.localshapes(), [[2, 3], [2, 3], [1, 3]]);
        assert_eq!(d.local_shape(3), [0, 0]);
        assert_eq!(d.grid_coords(3), None);
        let d = Distribution::new([20, 20], [Block, Undistributed], 4);
        assert_eq!(d.targets(), [0, 1, 2, 3]);
        // `distribute_as((10, 2))`: 3, 3, 3 and 1 rows.
        let d = Distribution::new([10, 2], [Block, Undistributed], 4);
        assert_eq!(d.localshapes(), [[3, 2], [3, 2], [3, 2], [1, 2]]);
    }

    #[test]
    fn targets_place_the_array_on_chosen_ranks() {
        let d = Distribution::with_targets([5, 4], [Block, Block], &[1, 3]);
        assert_eq!(d.targets(), [1, 3]);
        assert_eq!(d.localshapes(), [[3, 4], [2, 4]]);
        assert_eq!(d.owner([4, 0]), (3, [1, 0]));
        assert_eq!(d.grid_coords(0), None);
    }

    /// The notebook's protocol output for rank 1 of the 4×5 array: the undistributed
    /// dimension appears as a block dimension over one process.
    #[test]
    fn dim_data_is_the_protocols() {
        let d = Distribution::new([4, 5], [Block, Undistributed], 4);
        let [rows, cols] = d.dim_data(1).unwrap();
        let block = |rank, size, start, stop, grid| DimDict {
            dist_type: 'b',
            size,
            proc_grid_rank: rank,
            proc_grid_size: grid,
            start,
            stop: Some(stop),
            block_size: None,
        };
        assert_eq!(rows, block(1, 4, 1, 2, 4));
        assert_eq!(cols, block(0, 5, 0, 5, 1));
        let d = Distribution::new([8, 9], [Cyclic, BlockCyclic(2)], 4);
        let [rows, cols] = d.dim_data(3).unwrap();
        assert_eq!(
            (rows.dist_type, rows.start, rows.stop, rows.block_size),
            ('c', 1, None, None)
        );
        assert_eq!((cols.dist_type, cols.start, cols.block_size), ('c', 2, Some(2)));
        assert_eq!(d.dim_data(7), None);
    }
}
