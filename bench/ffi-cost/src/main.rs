//! What calling C from Rust costs, measured in one run on one machine:
//!
//! - **A loop in C, called once.** `y[i] = a * x[i] + y[i]` over a million doubles,
//!   in C through one FFI call and the same loop in Rust. The call is paid once for a
//!   million operations, so the two should be within a few percent (the goal: within
//!   5 %): what runs is two compilers' code for the same loop.
//! - **A tiny C function, called often.** `double add1(double)` called ten million
//!   times in a chain (each call takes the last one's result), through FFI, against a
//!   Rust function marked `#[inline(never)]`: the price of a call that nobody can
//!   inline, in nanoseconds.
//!
//! ```console
//! cargo run --release -p ffi-cost
//! ```
//!
//! The machine is shared, so its speed drifts. The variants take turns in rounds, in
//! one order and then the other, each row reports the median of its rounds, and the
//! ratio is the median of the per-round ratios, times taken a moment apart.

use std::hint::black_box;
use std::time::Instant;

/// Doubles in the loop, and FFI calls per timed loop measurement.
const N: usize = 1_000_000;
const AXPY_CALLS: usize = 10;
/// Calls of the tiny function per measurement.
const TINY_CALLS: usize = 10_000_000;
/// Timed rounds (after one warm-up round).
const LOOP_ROUNDS: usize = 31;
const TINY_ROUNDS: usize = 15;
/// The goal: the loop through FFI within this fraction of the Rust loop.
const GOAL: f64 = 0.05;

extern "C" {
    /// csrc/ffi_cost.c: `y[i] = a * x[i] + y[i]` for `n` doubles; `x` and `y` must
    /// each point to `n` doubles and must not overlap.
    fn axpy(a: f64, x: *const f64, y: *mut f64, n: usize);
    /// csrc/ffi_cost.c: `x + 1.0`.
    fn add1(x: f64) -> f64;
}

/// The safe wrapper around the C loop: the slices carry their lengths, and the
/// borrows make sure they do not overlap.
fn axpy_c(a: f64, x: &[f64], y: &mut [f64]) {
    assert_eq!(x.len(), y.len(), "axpy: x and y differ in length");
    // SAFETY: x and y are valid for x.len() == y.len() doubles, x shared and y borrowed
    // mutably, so they do not overlap; axpy only touches indices below n and keeps no
    // pointer after it returns.
    unsafe { axpy(a, x.as_ptr(), y.as_mut_ptr(), y.len()) }
}

/// The same loop in Rust, kept a function call too.
#[inline(never)]
fn axpy_rust(a: f64, x: &[f64], y: &mut [f64]) {
    assert_eq!(x.len(), y.len(), "axpy: x and y differ in length");
    for (y, &x) in y.iter_mut().zip(x) {
        *y += a * x;
    }
}

#[inline(never)]
fn add1_rust(x: f64) -> f64 {
    x + 1.0
}

fn add1_c(x: f64) -> f64 {
    // SAFETY: add1 takes and returns a double by value and touches no memory.
    unsafe { add1(x) }
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    C,
    Rust,
}

fn main() {
    if cfg!(debug_assertions) {
        eprintln!("ffi-cost: a debug build measures nothing useful; run with --release");
    }
    let start_load = load_average();
    let a = 1e-3;
    let x: Vec<f64> = (0..N).map(|i| (i % 1000) as f64 * 0.5).collect();
    let mut y_c: Vec<f64> = (0..N).map(|i| (i % 7) as f64).collect();
    let mut y_rust = y_c.clone();

    // (a) The loop, AXPY_CALLS calls per measurement.
    let mut loop_times = [Vec::new(), Vec::new()];
    let mut loop_ratios = Vec::new();
    for round in 0..=LOOP_ROUNDS {
        let order = if round % 2 == 0 {
            [Side::C, Side::Rust]
        } else {
            [Side::Rust, Side::C]
        };
        let mut t = [0.0; 2];
        for side in order {
            let start = Instant::now();
            for _ in 0..AXPY_CALLS {
                match side {
                    Side::C => axpy_c(black_box(a), black_box(&x), black_box(&mut y_c)),
                    Side::Rust => axpy_rust(black_box(a), black_box(&x), black_box(&mut y_rust)),
                }
            }
            t[side as usize] = start.elapsed().as_secs_f64() / AXPY_CALLS as f64;
        }
        if round > 0 {
            loop_times[0].push(t[0]);
            loop_times[1].push(t[1]);
            loop_ratios.push(t[0] / t[1]);
        }
    }
    // The same operations in the same order on the same data: the same bits.
    let identical = y_c.iter().zip(&y_rust).all(|(p, q)| p.to_bits() == q.to_bits());
    assert!(identical, "the C and Rust loops gave different results");

    // (b) The tiny function, TINY_CALLS chained calls per measurement.
    let mut tiny_times = [Vec::new(), Vec::new()];
    let mut tiny_ratios = Vec::new();
    for round in 0..=TINY_ROUNDS {
        let order = if round % 2 == 0 {
            [Side::C, Side::Rust]
        } else {
            [Side::Rust, Side::C]
        };
        let mut t = [0.0; 2];
        for side in order {
            let f: fn(f64) -> f64 = match side {
                Side::C => add1_c,
                Side::Rust => add1_rust,
            };
            let start = Instant::now();
            let mut acc = black_box(0.0);
            for _ in 0..TINY_CALLS {
                acc = f(acc);
            }
            t[side as usize] = start.elapsed().as_secs_f64() / TINY_CALLS as f64;
            assert_eq!(black_box(acc), TINY_CALLS as f64, "add1 miscounted");
        }
        if round > 0 {
            tiny_times[0].push(t[0]);
            tiny_times[1].push(t[1]);
            tiny_ratios.push(t[0] / t[1]);
        }
    }

    let loop_ratio = median(&mut loop_ratios);
    println!("## FFI cost\n");
    println!("| Measurement | C through FFI | Rust | C / Rust |");
    println!("|---|---:|---:|---:|");
    println!(
        "| `y = a*x + y`, 10^6 doubles, one call (median of {LOOP_ROUNDS}) | {:.3} ms | {:.3} ms | {:.3} |",
        median(&mut loop_times[0]) * 1e3,
        median(&mut loop_times[1]) * 1e3,
        loop_ratio
    );
    println!(
        "| `add1(x)`, 10^7 chained calls, per call (median of {TINY_ROUNDS}) | {:.2} ns | {:.2} ns | {:.3} |",
        median(&mut tiny_times[0]) * 1e9,
        median(&mut tiny_times[1]) * 1e9,
        median(&mut tiny_ratios)
    );
    println!();
    println!(
        "The loop through FFI is within {:.0} % of Rust: {} ({:+.1} %). C and Rust results identical: yes.",
        GOAL * 100.0,
        if (loop_ratio - 1.0).abs() <= GOAL {
            "yes"
        } else {
            "no"
        },
        (loop_ratio - 1.0) * 100.0
    );
    println!();
    println!(
        "Machine: host {}, {}, {} cores; load average {start_load} at the start, {} at the end.",
        host(),
        cpu(),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        load_average()
    );
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

fn or_unknown(s: String) -> String {
    if s.is_empty() {
        "unknown".to_string()
    } else {
        s
    }
}

fn host() -> String {
    or_unknown(read("/proc/sys/kernel/hostname").trim().to_string())
}

fn cpu() -> String {
    or_unknown(
        read("/proc/cpuinfo")
            .lines()
            .find_map(|l| {
                l.strip_prefix("model name")?
                    .split_once(':')
                    .map(|(_, m)| m.trim().to_string())
            })
            .unwrap_or_default(),
    )
}

/// The one-minute load average, from /proc/loadavg.
fn load_average() -> String {
    or_unknown(
        read("/proc/loadavg")
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string(),
    )
}
