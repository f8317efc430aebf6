//! Which elements of the file's dataset a rank reads or writes: its part of the array
//! as HDF5 *hyperslabs*.
//!
//! A hyperslab is HDF5's regular selection: along each dimension, `count` blocks of
//! `block` consecutive indices, the first at `start`, each `stride` after the one
//! before. Every distribution of [`maps`](crate::maps) gives a rank, along each
//! dimension, such a pattern or two: a block of rows is one block; cyclic rows are
//! `count` single rows `p` apart; block-cyclic rows are blocks of `b` rows `p × b`
//! apart, plus the short last block if the rank has it. A rank's part is every
//! combination of one pattern for the rows and one for the columns, so at most four
//! hyperslabs, which HDF5 joins into one selection (`H5S_SELECT_OR`).
//!
//! HDF5 visits a selection's elements in C order of their positions in the dataset,
//! which is the order of the rank's local array (its rows and columns in increasing
//! global order): so the local array's buffer goes to and from the file as it is.

use std::fmt;

use crate::maps::Distribution;

/// One dimension of a hyperslab: `count` blocks of `block` consecutive indices, the
/// first starting at `start`, each starting `stride` after the one before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub start: u64,
    pub stride: u64,
    pub count: u64,
    pub block: u64,
}

/// A rectangular, regularly spaced selection of a 2-D dataset: the arguments of
/// `H5Sselect_hyperslab`, per dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hyperslab {
    pub start: [u64; 2],
    pub stride: [u64; 2],
    pub count: [u64; 2],
    pub block: [u64; 2],
}

/// `start (1, 0), stride (1, 1), count (1, 5), block (1, 1)`.
impl fmt::Display for Hyperslab {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pair = |p: [u64; 2]| format!("({}, {})", p[0], p[1]);
        write!(
            f,
            "start {}, stride {}, count {}, block {}",
            pair(self.start),
            pair(self.stride),
            pair(self.count),
            pair(self.block)
        )
    }
}

/// `rank`'s part of an array distributed as `distribution`, as hyperslabs whose union
/// it is: none for a rank that holds nothing.
///
/// ```
/// use distarray::hdf5::hyperslabs;
/// use distarray::maps::{Dist::*, Distribution};
///
/// // The notebook's 4×5 array in blocks of rows: rank 1 has row 1.
/// let d = Distribution::new([4, 5], [Block, Undistributed], 4);
/// let slabs = hyperslabs(&d, 1);
/// assert_eq!(slabs[0].to_string(), "start (1, 0), stride (1, 1), count (1, 5), block (1, 1)");
/// // Cyclic rows of a 64×64 array on a 2×2 grid: rank 2 has rows 1, 3, …, 63.
/// let d = Distribution::new([64, 64], [Cyclic, Block], 4);
/// let slabs = hyperslabs(&d, 2);
/// assert_eq!(slabs[0].to_string(), "start (1, 0), stride (2, 1), count (32, 32), block (1, 1)");
/// ```
pub fn hyperslabs(distribution: &Distribution, rank: usize) -> Vec<Hyperslab> {
    let [rows, cols] = distribution.global_indices(rank).map(|indices| runs(&indices));
    rows.iter()
        .flat_map(|r| {
            cols.iter().map(move |c| Hyperslab {
                start: [r.start, c.start],
                stride: [r.stride, c.stride],
                count: [r.count, c.count],
                block: [r.block, c.block],
            })
        })
        .collect()
}

/// Increasing `indices` as few regular runs: consecutive indices make a block, and
/// blocks of one length at one spacing make a run. A run of one block is written as
/// HDF5's own examples write it, `count` indices one apart.
fn runs(indices: &[usize]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for (start, len) in blocks(indices) {
        match runs.last_mut() {
            Some(run)
                if run.block == len && (run.count == 1 || start == run.start + run.count * run.stride) =>
            {
                if run.count == 1 {
                    run.stride = start - run.start;
                }
                run.count += 1;
            }
            _ => runs.push(Run {
                start,
                stride: 1,
                count: 1,
                block: len,
            }),
        }
    }
    let single = |run: Run| Run {
        count: run.block,
        block: 1,
        ..run
    };
    runs.into_iter()
        .map(|run| if run.count == 1 { single(run) } else { run })
        .collect()
}

/// The stretches of consecutive numbers in increasing `indices`, as (start, length).
fn blocks(indices: &[usize]) -> Vec<(u64, u64)> {
    let mut blocks: Vec<(u64, u64)> = Vec::new();
    for &i in indices {
        let i = i as u64;
        match blocks.last_mut() {
            Some((start, len)) if *start + *len == i => *len += 1,
            _ => blocks.push((i, 1)),
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maps::Dist::*;

    fn run(start: u64, stride: u64, count: u64, block: u64) -> Run {
        Run {
            start,
            stride,
            count,
            block,
        }
    }

    #[test]
    fn each_distribution_is_one_run_or_two() {
        assert_eq!(runs(&[3, 4, 5]), [run(3, 1, 3, 1)]);
        assert_eq!(runs(&[1, 5, 9]), [run(1, 4, 3, 1)]);
        assert_eq!(runs(&[0, 1, 6, 7]), [run(0, 6, 2, 2)]);
        // Block-cyclic with the short last block: two runs.
        assert_eq!(runs(&[2, 3, 8, 9, 14]), [run(2, 6, 2, 2), run(14, 1, 1, 1)]);
        assert_eq!(runs(&[7]), [run(7, 1, 1, 1)]);
        assert_eq!(runs(&[]), []);
        // Not a distribution's pattern, but still covered: a new run where the spacing changes.
        assert_eq!(runs(&[0, 2, 5]), [run(0, 2, 2, 1), run(5, 1, 1, 1)]);
    }

    /// Every run, expanded, gives back the indices it was made from.
    #[test]
    fn runs_cover_exactly_the_indices() {
        let d = Distribution::new([7, 9], [BlockCyclic(2), Cyclic], 4);
        for rank in 0..4 {
            for indices in d.global_indices(rank) {
                let expanded: Vec<usize> = runs(&indices)
                    .iter()
                    .flat_map(|r| {
                        (0..r.count).flat_map(move |k| {
                            (0..r.block).map(move |b| (r.start + k * r.stride + b) as usize)
                        })
                    })
                    .collect();
                assert_eq!(expanded, indices);
            }
        }
    }

    #[test]
    fn a_part_is_every_pair_of_runs() {
        // 7×9, block-cyclic 2 both ways on a 2×2 grid: rank 2 (grid row 1, column 0)
        // has rows 2, 3, 6 and columns 0, 1, 4, 5, 8.
        let d = Distribution::new([7, 9], [BlockCyclic(2), BlockCyclic(2)], 4);
        let slabs = hyperslabs(&d, 2);
        let text: Vec<String> = slabs.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "start (2, 0), stride (1, 4), count (2, 2), block (1, 2)",
                "start (2, 8), stride (1, 1), count (2, 1), block (1, 1)",
                "start (6, 0), stride (1, 4), count (1, 2), block (1, 2)",
                "start (6, 8), stride (1, 1), count (1, 1), block (1, 1)",
            ]
        );
        let nothing = Distribution::new([5, 3], [Block, Undistributed], 4);
        assert_eq!(hyperslabs(&nothing, 3), []);
    }
}
