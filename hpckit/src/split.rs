//! Splitting `n` items over `parts` ranks, as the mpi4py lecture's Scatterv example does.
//!
//! The lecture computes `counts` and `displs` by hand before calling `Scatterv`; this
//! is the same rule, with the types that rsmpi's `Partition` takes (`i32`, which is
//! MPI's `Count`), so that the numbers on every rank match the lecture's.

use std::ops::Range;

/// How `n` items are dealt out to `parts` ranks: each gets `n / parts`, and the
/// first `n % parts` ranks get one more.
///
/// ```
/// use hpckit::split::Split;
///
/// let split = Split::new(15, 4);
/// assert_eq!(split.counts, [4, 4, 4, 3]);
/// assert_eq!(split.displs, [0, 4, 8, 12]);
/// assert_eq!(split.range(1), 4..8);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// How many items each part gets (`sendcounts` for Scatterv).
    pub counts: Vec<i32>,
    /// Where each part starts: the exclusive prefix sum of `counts` (`displs`).
    pub displs: Vec<i32>,
}

impl Split {
    /// Splits `n` items into `parts` contiguous, nearly equal parts.
    ///
    /// When `n < parts`, the last parts are empty.
    ///
    /// # Panics
    ///
    /// If `parts` is 0, or if `n` does not fit MPI's `i32` counts.
    pub fn new(n: usize, parts: usize) -> Split {
        assert!(parts > 0, "Split::new: cannot split {n} items into 0 parts");
        assert!(
            i32::try_from(n).is_ok(),
            "Split::new: {n} items do not fit MPI's i32 counts"
        );
        let (base, extra) = (n / parts, n % parts);
        // Every count and displacement is at most n, which fits i32 (checked above).
        let counts: Vec<i32> = (0..parts)
            .map(|part| (base + usize::from(part < extra)) as i32)
            .collect();
        let displs = counts
            .iter()
            .scan(0, |start, &count| {
                let displ = *start;
                *start += count;
                Some(displ)
            })
            .collect();
        Split { counts, displs }
    }

    /// The indices of the items that belong to `part`.
    ///
    /// # Panics
    ///
    /// If `part` is not less than the number of parts.
    pub fn range(&self, part: usize) -> Range<usize> {
        assert!(
            part < self.counts.len(),
            "Split::range: part {part} does not exist, there are {} parts",
            self.counts.len()
        );
        let start = self.displs[part] as usize;
        start..start + self.counts[part] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::Split;

    #[test]
    fn the_lectures_examples() {
        let split = Split::new(15, 4);
        assert_eq!(split.counts, [4, 4, 4, 3]);
        assert_eq!(split.displs, [0, 4, 8, 12]);
        let split = Split::new(15, 3);
        assert_eq!(split.counts, [5, 5, 5]);
        assert_eq!(split.displs, [0, 5, 10]);
    }

    #[test]
    fn fewer_items_than_parts_leaves_the_last_parts_empty() {
        let split = Split::new(2, 4);
        assert_eq!(split.counts, [1, 1, 0, 0]);
        assert_eq!(split.displs, [0, 1, 2, 2]);
        assert_eq!(split.range(3), 2..2);
        let split = Split::new(0, 2);
        assert_eq!(split.counts, [0, 0]);
        assert_eq!(split.displs, [0, 0]);
    }

    #[test]
    fn ranges_tile_the_items_in_order() {
        for n in 0..40 {
            for parts in 1..9 {
                let split = Split::new(n, parts);
                let all: Vec<usize> = (0..parts).flat_map(|p| split.range(p)).collect();
                assert_eq!(all, (0..n).collect::<Vec<_>>(), "n={n} parts={parts}");
                let (min, max) = (split.counts.iter().min(), split.counts.iter().max());
                assert!(max.unwrap() - min.unwrap() <= 1, "n={n} parts={parts}");
            }
        }
    }

    #[test]
    fn one_part_takes_everything() {
        let split = Split::new(7, 1);
        assert_eq!(split.counts, [7]);
        assert_eq!(split.range(0), 0..7);
    }

    #[test]
    #[should_panic(expected = "into 0 parts")]
    fn zero_parts_panics() {
        Split::new(5, 0);
    }

    #[test]
    #[should_panic(expected = "part 4 does not exist")]
    fn range_of_a_missing_part_panics() {
        Split::new(15, 4).range(4);
    }
}
