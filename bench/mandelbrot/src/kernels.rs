//! The table and the ways of filling it. Every variant computes the same `n x n`
//! row-major table of iteration counts: entry `(i, j)` iterates `z = z^2 + c` from
//! `z = grid[i] + i grid[j]`, with the same `c` for all, as the lecture's
//! `compute_mandel(cr, ci, N, bound, lim, cutoff)` does.

use crate::boxed;
use ndarray::ArrayViewMut2;
use std::os::raw::c_double;

/// The problem: the grid and the kernel's constants.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Points per side.
    pub n: usize,
    /// The grid spans [-bound, bound] in both directions.
    pub bound: f64,
    /// The constant `c = cr + i ci`.
    pub cr: f64,
    pub ci: f64,
    /// Escape radius: iteration stops once |z|^2 >= lim^2.
    pub lim: f64,
    /// At most this many iterations per point.
    pub cutoff: u32,
}

impl Params {
    /// The grid, as NumPy's `linspace(-bound, bound, n)` computes it: `start + k *
    /// step`, with the last point set to `bound` exactly. The Python scripts compute the
    /// same numbers the same way, so their counts are bit for bit comparable.
    pub fn grid(&self) -> Vec<f64> {
        linspace(-self.bound, self.bound, self.n)
    }
}

pub fn linspace(start: f64, stop: f64, n: usize) -> Vec<f64> {
    if n == 1 {
        return vec![start];
    }
    let step = (stop - start) / (n - 1) as f64;
    let mut v: Vec<f64> = (0..n).map(|k| k as f64 * step + start).collect();
    if let Some(last) = v.last_mut() {
        *last = stop;
    }
    v
}

/// A way of filling the table, in the order the table lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Boxed,
    NotInlined,
    Inlined,
    Ndarray,
    Iterators,
    Unchecked,
    C,
}

impl Variant {
    pub const ALL: [Variant; 7] = [
        Variant::Boxed,
        Variant::NotInlined,
        Variant::Inlined,
        Variant::Ndarray,
        Variant::Iterators,
        Variant::Unchecked,
        Variant::C,
    ];

    /// The row's name, short enough for the chart.
    pub fn name(self) -> &'static str {
        match self {
            Variant::Boxed => "boxed dynamic",
            Variant::NotInlined => "static types, not inlined",
            Variant::Inlined => "static types, inlined",
            Variant::Ndarray => "checked indexing (ndarray)",
            Variant::Iterators => "no bounds checks (iterators)",
            Variant::Unchecked => "no bounds checks (get_unchecked)",
            Variant::C => "C -O3",
        }
    }

    /// What the row does, for the table.
    pub fn description(self) -> &'static str {
        match self {
            Variant::Boxed => "`Box<Value>` per number, type checked and allocated per operation",
            Variant::NotInlined => "`f64` kernel, `#[inline(never)]`; `v[i * n + j]`",
            Variant::Inlined => "`f64` kernel, `#[inline(always)]`; `v[i * n + j]`",
            Variant::Ndarray => "inlined kernel; ndarray view of the table, `a[[i, j]]`",
            Variant::Iterators => "inlined kernel; `chunks_exact_mut` and `zip`, no index",
            Variant::Unchecked => "inlined kernel; `unsafe` `get_unchecked`",
            Variant::C => "the same loops in C, `cc -O3`, called through FFI",
        }
    }

    /// Fills `counts` (`n * n` long, row-major) the variant's way.
    pub fn fill(self, p: &Params, grid: &[f64], counts: &mut [u32]) {
        assert_eq!(grid.len(), p.n, "the grid has n points");
        assert_eq!(counts.len(), p.n * p.n, "the table has n * n entries");
        match self {
            Variant::Boxed => fill_boxed(p, grid, counts),
            Variant::NotInlined => fill_not_inlined(p, grid, counts),
            Variant::Inlined => fill_inlined(p, grid, counts),
            Variant::Ndarray => fill_ndarray(p, grid, counts),
            Variant::Iterators => fill_iterators(p, grid, counts),
            Variant::Unchecked => fill_unchecked(p, grid, counts),
            Variant::C => fill_c(p, grid, counts),
        }
    }
}

/// The kernel on machine numbers: `cdef int kernel(double zr, ...)` in Cython. The
/// update is the corrected one, both parts at once.
#[inline(always)]
pub fn kernel(mut zr: f64, mut zi: f64, cr: f64, ci: f64, lim: f64, cutoff: u32) -> u32 {
    let mut count = 0;
    while zr * zr + zi * zi < lim * lim && count < cutoff {
        (zr, zi) = (zr * zr - zi * zi + cr, 2.0 * zr * zi + ci);
        count += 1;
    }
    count
}

/// The same kernel, kept a function of its own: every point pays a call.
#[inline(never)]
pub fn kernel_not_inlined(zr: f64, zi: f64, cr: f64, ci: f64, lim: f64, cutoff: u32) -> u32 {
    kernel(zr, zi, cr, ci, lim, cutoff)
}

/// Pure Python's loop: every number boxed, the kernel called with boxed arguments,
/// its boxed result unboxed into the table.
fn fill_boxed(p: &Params, grid: &[f64], counts: &mut [u32]) {
    let n = p.n;
    let (cr, ci, lim) = (boxed::float(p.cr), boxed::float(p.ci), boxed::float(p.lim));
    // The lecture passes `cutoff=1e6`, a float: `count < cutoff` compares an int with a
    // float, one more type check per iteration.
    let cutoff = boxed::float(f64::from(p.cutoff));
    for i in 0..n {
        for j in 0..n {
            let (x, y) = (boxed::float(grid[i]), boxed::float(grid[j]));
            let count = boxed::kernel(x, y, &cr, &ci, &lim, &cutoff);
            counts[i * n + j] = match *count {
                boxed::Value::Int(c) => u32::try_from(c).expect("a count fits in u32"),
                other => panic!("the kernel returned {other:?}, not an int"),
            };
        }
    }
}

fn fill_not_inlined(p: &Params, grid: &[f64], counts: &mut [u32]) {
    let n = p.n;
    for i in 0..n {
        for j in 0..n {
            counts[i * n + j] = kernel_not_inlined(grid[i], grid[j], p.cr, p.ci, p.lim, p.cutoff);
        }
    }
}

fn fill_inlined(p: &Params, grid: &[f64], counts: &mut [u32]) {
    let n = p.n;
    for i in 0..n {
        for j in 0..n {
            counts[i * n + j] = kernel(grid[i], grid[j], p.cr, p.ci, p.lim, p.cutoff);
        }
    }
}

/// Cython's typed `np.ndarray[int, ndim=2]` with bounds checks on: the table seen as
/// an ndarray (a view of `counts`, no copy) and indexed with `a[[i, j]]`, each index
/// checked against its axis.
fn fill_ndarray(p: &Params, grid: &[f64], counts: &mut [u32]) {
    let n = p.n;
    let mut a = ArrayViewMut2::from_shape((n, n), counts).expect("counts holds n * n entries");
    for i in 0..n {
        for j in 0..n {
            a[[i, j]] = kernel(grid[i], grid[j], p.cr, p.ci, p.lim, p.cutoff);
        }
    }
}

/// No index at all: each row is a chunk, zipped with its grid point, and each entry is
/// zipped with its column's point. The iterators know their lengths, so there is
/// nothing to check, and no `unsafe`.
fn fill_iterators(p: &Params, grid: &[f64], counts: &mut [u32]) {
    for (row, &x) in counts.chunks_exact_mut(p.n).zip(grid) {
        for (count, &y) in row.iter_mut().zip(grid) {
            *count = kernel(x, y, p.cr, p.ci, p.lim, p.cutoff);
        }
    }
}

/// Cython's `boundscheck(False)`: the index loop with the checks taken out by hand.
fn fill_unchecked(p: &Params, grid: &[f64], counts: &mut [u32]) {
    let n = p.n;
    for i in 0..n {
        for j in 0..n {
            // SAFETY: i and j are below n, `grid` has n points and `counts` n * n
            // entries (both asserted in `Variant::fill`), so i * n + j < n * n.
            unsafe {
                let (x, y) = (*grid.get_unchecked(i), *grid.get_unchecked(j));
                *counts.get_unchecked_mut(i * n + j) = kernel(x, y, p.cr, p.ci, p.lim, p.cutoff);
            }
        }
    }
}

extern "C" {
    /// csrc/mandel.c: fills the row-major `n x n` table `counts` from `grid` (n points).
    fn c_mandel_fill(
        counts: *mut u32,
        grid: *const c_double,
        n: usize,
        cr: c_double,
        ci: c_double,
        lim: c_double,
        cutoff: u32,
    );
}

fn fill_c(p: &Params, grid: &[f64], counts: &mut [u32]) {
    // SAFETY: c_mandel_fill reads n doubles from `grid` and writes n * n entries of
    // `counts`, and keeps neither pointer; `Variant::fill` asserted both lengths.
    // `uint32_t`/`size_t`/`double` are u32/usize/f64 on every platform Rust supports.
    unsafe {
        c_mandel_fill(
            counts.as_mut_ptr(),
            grid.as_ptr(),
            p.n,
            p.cr,
            p.ci,
            p.lim,
            p.cutoff,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small table, quick in a debug build even boxed.
    fn tiny(cr: f64, ci: f64) -> Params {
        Params {
            n: 17,
            bound: 1.5,
            cr,
            ci,
            lim: 2.0,
            cutoff: 300,
        }
    }

    fn table(v: Variant, p: &Params) -> Vec<u32> {
        let mut counts = vec![u32::MAX; p.n * p.n];
        v.fill(p, &p.grid(), &mut counts);
        counts
    }

    #[test]
    fn every_variant_fills_the_same_table() {
        for p in [tiny(0.0, 0.0), tiny(0.285, 0.01), tiny(-0.8, 0.156)] {
            let reference = table(Variant::Inlined, &p);
            // Points that escape soon and points that take a while; for c = 0, the
            // points inside the unit circle never escape.
            assert!(reference.iter().any(|&c| c < 5), "{p:?}");
            assert!(reference.iter().any(|&c| c > 20), "{p:?}");
            assert!(p.cr != 0.0 || reference.contains(&p.cutoff), "{p:?}");
            for v in Variant::ALL {
                assert_eq!(table(v, &p), reference, "{} differs for {p:?}", v.name());
            }
        }
    }

    #[test]
    fn corrected_update_at_known_points() {
        // z = 0, c = 0 stays 0: never escapes.
        assert_eq!(kernel(0.0, 0.0, 0.0, 0.0, 2.0, 1000), 1000);
        // z = 0, c = 2 + 2i: z1 = 2 + 2i, |z1|^2 = 8 >= 4 after one iteration.
        assert_eq!(kernel(0.0, 0.0, 2.0, 2.0, 2.0, 1000), 1);
        // Starting outside the radius: no iteration at all.
        assert_eq!(kernel(3.0, 0.0, 0.0, 0.0, 2.0, 1000), 0);
        // z = 1 + i, c = 0: z^2 = 2i, |z|^2 = 4 >= 4 after one iteration. The seed's
        // misprinted update, which uses the new zr in zi = zi * zr - zi * zi + ci,
        // goes 1 + i, -i, -1, 1, 1, ... and never escapes.
        assert_eq!(kernel(1.0, 1.0, 0.0, 0.0, 2.0, 1000), 1);
        assert_eq!(misprinted(1.0, 1.0, 0.0, 0.0, 2.0, 1000), 1000);
    }

    /// The update as the seed's slide prints it, one part after the other.
    fn misprinted(mut zr: f64, mut zi: f64, cr: f64, ci: f64, lim: f64, cutoff: u32) -> u32 {
        let mut count = 0;
        while zr * zr + zi * zi < lim * lim && count < cutoff {
            zr = zr * zr - zi * zi + cr;
            zi = zi * zr - zi * zi + ci;
            count += 1;
        }
        count
    }

    #[test]
    fn boxed_kernel_agrees_and_keeps_python_types() {
        let (lim, cutoff) = (boxed::float(2.0), boxed::float(1000.0));
        for (zr, zi, cr, ci) in [
            (0.0, 0.0, 0.0, 0.0),
            (0.0, 0.0, 2.0, 2.0),
            (0.1, -0.3, 0.285, 0.01),
        ] {
            let count = boxed::kernel(
                boxed::float(zr),
                boxed::float(zi),
                &boxed::float(cr),
                &boxed::float(ci),
                &lim,
                &cutoff,
            );
            let want = kernel(zr, zi, cr, ci, 2.0, 1000);
            assert_eq!(*count, boxed::Value::Int(i64::from(want)));
        }
        // int * int stays an int, int * float is a float.
        assert_eq!(*boxed::mul(&boxed::int(2), &boxed::int(3)), boxed::Value::Int(6));
        assert_eq!(
            *boxed::mul(&boxed::int(2), &boxed::float(1.5)),
            boxed::Value::Float(3.0)
        );
    }

    #[test]
    fn grid_is_numpy_linspace() {
        // numpy.linspace(-1.5, 1.5, 5) == [-1.5, -0.75, 0, 0.75, 1.5]
        assert_eq!(linspace(-1.5, 1.5, 5), [-1.5, -0.75, 0.0, 0.75, 1.5]);
        let g = linspace(-1.5, 1.5, 200);
        assert_eq!((g[0], g[199], g.len()), (-1.5, 1.5, 200));
    }
}
