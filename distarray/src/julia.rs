//! The Julia set of the DistArray notebook's closing benchmark: the kernel that counts
//! one point's iterations, the grid point at a global index, and the four
//! distributions the benchmark compares.
//!
//! The benchmark (`benchmark_julia.py --kernel=cython`) computes a 1024×1024 grid over
//! the square from -1.5 to 1.5 on both axes, with c = -0.045 + 0.45i. A point z is
//! iterated, z ← z² + c, while |z|² < 4 and fewer than 100 iterations are done; its
//! count is the number of iterations. Points of the filled-in set never escape and
//! cost all 100, so the cost of a row depends on how much of the set it crosses.
//!
//! Everything is in single precision, as the Cython kernel computes it (`float
//! complex`): the grid points, `c`, and every step, in the order that kernel's
//! complex product takes, with no fused multiply-add (Rust never fuses on its own).
//! On this grid the precision happens not to matter (a kernel in `f64` gives the same
//! count at every point), but single precision is what the notebook's kernel did, and
//! so what its times measured. The counts are the notebook's to the last iteration:
//! 32 763 832 in all, and every engine's share at 1 to 4 engines (see the tests).
//!
//! The row index gives the real part and the column index the imaginary part, as
//! DistArray's `fill_complex_plane` fills the plane. The set is not symmetric under
//! swapping the two, so the table's `b-b` counts on a 1×3 grid (blocks of columns) are
//! not its `b-n` counts at 3 engines (blocks of rows): they pin the orientation down.
//!
//! ```
//! use distarray::julia::{self, C};
//!
//! // The grid's corner escapes at once; the centre is in the set.
//! assert_eq!(julia::iterations(julia::point([0, 0]), C), 0);
//! assert_eq!(julia::iterations(julia::point([512, 512]), C), 100);
//! ```

use std::fmt;

use ndarray::Array2;

use crate::maps::{Dist, Dist::*, Distribution};

/// Points per side of the grid (the benchmark's resolution `N`).
pub const RESOLUTION: usize = 1024;

/// Both axes run from `AXIS_START` to `-AXIS_START` (`re_ax = im_ax = (-1.5, 1.5)`).
pub const AXIS_START: f32 = -1.5;

/// The distance between neighbouring grid points: 3 / 1024, exact in binary.
pub const STEP: f32 = 3.0 / RESOLUTION as f32;

/// The benchmark's constant: this Julia set is connected, with many points that take
/// every iteration.
pub const C: Complex = Complex { re: -0.045, im: 0.45 };

/// A point escapes once |z|² reaches this (`z_max = 2`, squared).
pub const ESCAPE_RADIUS_SQUARED: f32 = 4.0;

/// The most iterations a point gets (`n_max`).
pub const MAX_ITERATIONS: u32 = 100;

/// The benchmark's four distributions, in its order: `b-n` (blocks of rows), `c-n`
/// (rows dealt out cyclically), `b-b` and `c-c` (both dimensions, on the process grid
/// DistArray picks: 1×1, 1×2, 1×3, 2×2 for 1 to 4 engines).
pub const DISTRIBUTIONS: [[Dist; 2]; 4] = [
    [Block, Undistributed],
    [Cyclic, Undistributed],
    [Block, Block],
    [Cyclic, Cyclic],
];

/// A complex number in single precision, like NumPy's `complex64` and Cython's `float
/// complex`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Complex {
    pub re: f32,
    pub im: f32,
}

/// Python's text for a complex number with a real part: `(-0.045+0.45j)`, as the
/// benchmark's table shows `str(c)`.
impl fmt::Display for Complex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}{:+}j)", self.re, self.im)
    }
}

/// How many iterations of z ← z² + c the point `z` takes to escape, at most
/// [`MAX_ITERATIONS`]: the Cython kernel's loop, step for step. The square is computed
/// as C computes a complex product, `(re·re − im·im, re·im + im·re)`, each product
/// rounded to `f32` before the sum; `re·im + im·re` is exactly twice the rounded
/// `re·im`, written so.
pub fn iterations(z: Complex, c: Complex) -> u32 {
    let Complex { mut re, mut im } = z;
    let mut count = 0;
    while re * re + im * im < ESCAPE_RADIUS_SQUARED && count < MAX_ITERATIONS {
        (re, im) = (re * re - im * im + c.re, 2.0 * re * im + c.im);
        count += 1;
    }
    count
}

/// The grid point at global index `[row, column]`: real part from the row, imaginary
/// part from the column, each `AXIS_START + STEP * index` in `f32`, as
/// `fill_complex_plane` computes them.
pub fn point(index: [usize; 2]) -> Complex {
    let [re, im] = index.map(|i| AXIS_START + STEP * i as f32);
    Complex { re, im }
}

/// The iteration counts of `rank`'s local section of the grid distributed as
/// `distribution`, in local order (empty for a rank that holds none): what each engine
/// computes, with no communication. Its sum is that engine's entry in the table.
pub fn local_counts(distribution: &Distribution, rank: usize) -> Array2<u32> {
    let [rows, cols] = distribution.global_indices(rank);
    Array2::from_shape_fn((rows.len(), cols.len()), |(i, j)| {
        iterations(point([rows[i], cols[j]]), C)
    })
}

/// The 1024×1024 grid distributed as `dists` over `nprocs` processes.
pub fn distribution(dists: [Dist; 2], nprocs: usize) -> Distribution {
    Distribution::new([RESOLUTION, RESOLUTION], dists, nprocs)
}

/// The table's name for a distribution: `"b-n"`, `"c-c"`.
pub fn label(dists: [Dist; 2]) -> String {
    format!("{}-{}", dists[0].code(), dists[1].code())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    /// The notebook's table (In [49]): label, engines, iterations per engine.
    const TABLE: [(&str, usize, &[u64]); 16] = [
        ("b-n", 1, &[32763832]),
        ("c-n", 1, &[32763832]),
        ("b-b", 1, &[32763832]),
        ("c-c", 1, &[32763832]),
        ("b-n", 2, &[16345977, 16417855]),
        ("c-n", 2, &[16382826, 16381006]),
        ("b-b", 2, &[16354361, 16409471]),
        ("c-c", 2, &[16384932, 16378900]),
        ("b-n", 3, &[6243924, 20326746, 6193162]),
        ("c-n", 3, &[10922548, 10921645, 10919639]),
        ("b-b", 3, &[6779920, 19264315, 6719597]),
        ("c-c", 3, &[10921355, 10920452, 10922025]),
        ("b-n", 4, &[2725843, 13620134, 13659620, 2758235]),
        ("c-n", 4, &[8190582, 8190503, 8192244, 8190503]),
        ("b-b", 4, &[5859333, 10486644, 10495028, 5922827]),
        ("c-c", 4, &[8193330, 8189496, 8191602, 8189404]),
    ];

    /// Every point's count, computed once for all the tests (about 33 million
    /// iterations), as the whole grid on one process.
    static GRID: LazyLock<Array2<u32>> =
        LazyLock::new(|| local_counts(&distribution([Block, Undistributed], 1), 0));

    /// The sum of the grid's counts at the global indices `rank` holds.
    fn engine_sum(d: &Distribution, rank: usize) -> u64 {
        let [rows, cols] = d.global_indices(rank);
        rows.iter()
            .flat_map(|&i| cols.iter().map(move |&j| u64::from(GRID[[i, j]])))
            .sum()
    }

    #[test]
    fn the_whole_grid_takes_the_notebooks_total() {
        assert_eq!(GRID.dim(), (1024, 1024));
        assert_eq!(GRID.iter().map(|&n| u64::from(n)).sum::<u64>(), 32763832);
    }

    #[test]
    fn every_engine_of_every_run_does_the_notebooks_iterations() {
        for (name, engines, expected) in TABLE {
            let dists = DISTRIBUTIONS
                .into_iter()
                .find(|&d| label(d) == name)
                .expect("a named distribution");
            let d = distribution(dists, engines);
            let sums: Vec<u64> = (0..engines).map(|rank| engine_sum(&d, rank)).collect();
            assert_eq!(sums, expected, "{name} at {engines} engines");
        }
    }

    /// A rank's own computation gives the counts the whole grid has at its indices.
    #[test]
    fn local_counts_are_the_grids_at_the_global_indices() {
        let d = distribution([Cyclic, Cyclic], 4);
        let [rows, cols] = d.global_indices(3);
        let expected = GRID
            .select(ndarray::Axis(0), &rows)
            .select(ndarray::Axis(1), &cols);
        assert_eq!(local_counts(&d, 3), expected);
    }

    #[test]
    fn grid_points_run_from_minus_one_and_a_half_in_steps_of_3_over_1024() {
        assert_eq!(point([0, 0]), Complex { re: -1.5, im: -1.5 });
        assert_eq!(point([512, 0]), Complex { re: 0.0, im: -1.5 });
        assert_eq!(
            point([1023, 1]),
            Complex {
                re: 1.5 - STEP,
                im: -1.5 + STEP
            }
        );
    }

    #[test]
    fn the_kernel_counts_steps_until_escape() {
        // |z|² = 4 is not below 4: no iteration.
        assert_eq!(iterations(Complex { re: 2.0, im: 0.0 }, C), 0);
        // z = 1.5: z² + c = 2.205 + 0.45i, |z|² > 4 after one step.
        assert_eq!(iterations(Complex { re: 1.5, im: 0.0 }, C), 1);
        assert_eq!(iterations(Complex { re: 0.0, im: 0.0 }, C), MAX_ITERATIONS);
    }

    #[test]
    fn labels_and_c_are_written_as_the_table_writes_them() {
        let labels: Vec<String> = DISTRIBUTIONS.into_iter().map(label).collect();
        assert_eq!(labels, ["b-n", "c-n", "b-b", "c-c"]);
        assert_eq!(C.to_string(), "(-0.045+0.45j)");
        assert_eq!(Complex { re: 1.0, im: -2.5 }.to_string(), "(1-2.5j)");
    }
}
