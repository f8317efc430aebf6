//! ex28 (boxed-kernel), reference solution: the Mandelbrot kernel twice, once on
//! heap-boxed values whose type is checked at every operation (what CPython does with
//! its objects) and once on plain `f64`s (what `cdef double` gives Cython).
//!
//! Mirrors seed 002, "Cython": the case study's `kernel(zr, zi, cr, ci, lim, cutoff)`
//! (mandel.py), the "Boxing: in Python, everything is an object" point, and the step
//! "Pure Python: 2.71 s, type declarations in kernel: 20.2 ms". The update is the one
//! of the lecture's HTML report, `zr, zi = zr*zr - zi*zi + cr, 2*zr*zi + ci`.
//! Check it with `cargo run -p runner -- check ex28`; the timings mean something only
//! optimized: `cargo run --release -p sol-boxed-kernel`.

use hpckit::timer::best_of;
use std::hint::black_box;
use std::time::Duration;

/// Grid points per side.
const N: usize = 64;
/// The grid runs over [-BOUND, BOUND] in both directions.
const BOUND: f64 = 1.5;
/// The constant `c = CR + CI i` of the orbit `z = z² + c`.
const CR: f64 = 0.285;
const CI: f64 = 0.01;
/// An orbit stops when `|z| >= LIM`, or after `CUTOFF` steps.
const LIM: f64 = 1000.0;
const CUTOFF: u32 = 1000;

fn main() {
    let grid = linspace(-BOUND, BOUND, N);
    println!(
        "grid: {N} x {N} points on [-{BOUND}, {BOUND}]^2, c = {CR}+{CI}i, lim = {LIM}, cutoff = {CUTOFF}"
    );

    let boxed = fill(&grid, boxed_kernel_counts);
    let typed = fill(&grid, kernel);
    println!("the two tables are equal: {}", boxed == typed);
    let checksum: u64 = typed.iter().map(|&c| u64::from(c)).sum();
    println!("checksum (sum of counts): {checksum}");
    println!("the largest count: {}", typed.iter().max().expect("a table"));
    println!(
        "counts at the corner, the centre, the middle of the top row: {} {} {}",
        typed[0],
        typed[(N / 2) * N + N / 2],
        typed[N / 2]
    );

    // The best of 3 fills each; `black_box` keeps the tables from being optimized away.
    let t_boxed = best_of(3, || {
        black_box(fill(black_box(&grid), boxed_kernel_counts));
    });
    let t_typed = best_of(3, || {
        black_box(fill(black_box(&grid), kernel));
    });
    println!("boxed values: {:.3} ms per table", ms(t_boxed));
    println!("f64: {:.3} ms per table", ms(t_typed));
    println!(
        "static types are {:.1}x faster",
        t_boxed.as_secs_f64() / t_typed.as_secs_f64()
    );
}

/// The kernel on static types: the number of steps of `z = z² + c`, from `z = zr + zi i`
/// and `c = cr + ci i`, until `|z|² >= lim²` or `cutoff` steps.
fn kernel(mut zr: f64, mut zi: f64, cr: f64, ci: f64, lim: f64, cutoff: u32) -> u32 {
    let mut count = 0;
    while zr * zr + zi * zi < lim * lim && count < cutoff {
        // Both parts from the old `zr` and `zi`, as the tuple assignment of Python does.
        (zr, zi) = (zr * zr - zi * zi + cr, 2.0 * zr * zi + ci);
        count += 1;
    }
    count
}

/// The table of counts, row `i` for `y = grid[i]`, column `j` for `x = grid[j]`, filled
/// with the kernel `k`.
fn fill(grid: &[f64], k: impl Fn(f64, f64, f64, f64, f64, u32) -> u32) -> Vec<u32> {
    let mut table = Vec::with_capacity(grid.len() * grid.len());
    for &y in grid {
        for &x in grid {
            table.push(k(x, y, CR, CI, LIM, CUTOFF));
        }
    }
    table
}

/// `np.linspace(a, b, n)`: `n` points from `a` to `b`, both included.
fn linspace(a: f64, b: f64, n: usize) -> Vec<f64> {
    let step = (b - a) / (n - 1) as f64;
    (0..n).map(|i| a + i as f64 * step).collect()
}

/// A duration in milliseconds.
fn ms(t: Duration) -> f64 {
    t.as_secs_f64() * 1e3
}

// ---------------------------------------------------------------------------------
// What Python does: every number an object on the heap that carries its type.
// ---------------------------------------------------------------------------------

/// A Python number: the type travels with the value, and is looked at by every
/// operation.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Value {
    Int(i64),
    Float(f64),
}

/// A reference to a Python object: the value lives in its own heap allocation.
type Obj = Box<Value>;

fn int(i: i64) -> Obj {
    Box::new(Value::Int(i))
}

fn float(x: f64) -> Obj {
    Box::new(Value::Float(x))
}

/// The float value of a number, as Python converts an int in mixed arithmetic.
fn as_f64(v: &Value) -> f64 {
    match *v {
        Value::Int(i) => i as f64,
        Value::Float(x) => x,
    }
}

// The operations are not inlined: CPython reaches them through the type's table of
// functions. Inlined, the optimizer could see through the boxes and remove them.

/// `a + b`: look at both types, pick the operation, box the result.
#[inline(never)]
fn add(a: &Obj, b: &Obj) -> Obj {
    match (**a, **b) {
        (Value::Int(x), Value::Int(y)) => int(x + y),
        (x, y) => float(as_f64(&x) + as_f64(&y)),
    }
}

/// `a - b`.
#[inline(never)]
fn sub(a: &Obj, b: &Obj) -> Obj {
    match (**a, **b) {
        (Value::Int(x), Value::Int(y)) => int(x - y),
        (x, y) => float(as_f64(&x) - as_f64(&y)),
    }
}

/// `a * b`.
#[inline(never)]
fn mul(a: &Obj, b: &Obj) -> Obj {
    match (**a, **b) {
        (Value::Int(x), Value::Int(y)) => int(x * y),
        (x, y) => float(as_f64(&x) * as_f64(&y)),
    }
}

/// `a < b`, an int compared with an int exactly, anything else as floats.
#[inline(never)]
fn lt(a: &Obj, b: &Obj) -> bool {
    match (**a, **b) {
        (Value::Int(x), Value::Int(y)) => x < y,
        (x, y) => as_f64(&x) < as_f64(&y),
    }
}

/// The lecture's pure Python kernel, operation by operation, on boxed values:
///
/// ```python
/// def kernel(zr, zi, cr, ci, lim, cutoff):
///     count = 0
///     while ((zr*zr + zi*zi) < (lim*lim)) and count < cutoff:
///         zr, zi = zr * zr - zi * zi + cr, 2 * zr * zi + ci
///         count += 1
///     return count
/// ```
fn boxed_kernel(mut zr: Obj, mut zi: Obj, cr: &Obj, ci: &Obj, lim: &Obj, cutoff: &Obj) -> Obj {
    let (zero, one, two) = (int(0), int(1), int(2));
    let mut count = add(&zero, &zero);
    while lt(&add(&mul(&zr, &zr), &mul(&zi, &zi)), &mul(lim, lim)) && lt(&count, cutoff) {
        let new_zr = add(&sub(&mul(&zr, &zr), &mul(&zi, &zi)), cr);
        let new_zi = add(&mul(&mul(&two, &zr), &zi), ci);
        (zr, zi) = (new_zr, new_zi);
        count = add(&count, &one);
    }
    count
}

/// The boxed kernel behind the same signature as `kernel`: box the arguments as Python
/// receives them (`lim` a float, `cutoff` an int), unbox the count.
fn boxed_kernel_counts(zr: f64, zi: f64, cr: f64, ci: f64, lim: f64, cutoff: u32) -> u32 {
    let count = boxed_kernel(
        float(zr),
        float(zi),
        &float(cr),
        &float(ci),
        &float(lim),
        &int(i64::from(cutoff)),
    );
    match *count {
        Value::Int(c) => u32::try_from(c).expect("a count fits in u32"),
        Value::Float(x) => panic!("the count should be an int, got the float {x}"),
    }
}
