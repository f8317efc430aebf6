//! The Cython lecture's Mandelbrot table, measured in one run on one machine: the same
//! `N x N` table of iteration counts filled by boxed dynamic values (what pure Python
//! does), by a statically typed kernel called as a function or inlined, with checked
//! indexing or without bounds checks, by the same loops in C compiled with `-O3`, and,
//! where `python3` is installed, by Python itself.
//!
//! ```console
//! cargo run --release -p mandelbrot -- --svg book/src/mandelbrot-table/mandelbrot.svg
//! ```
//!
//! The machine is shared, so its speed drifts. The variants take turns in rounds, one
//! fill each, in forward and then reverse order, and each row reports the median of its
//! rounds; the comparison against C also takes the median of the per-round ratios,
//! times taken a moment apart. Every fill is checked against the first one.

mod boxed;
mod kernels;
mod python;
mod report;

use clap::Parser;
use kernels::{Params, Variant};
use report::{Row, Rows};
use std::hint::black_box;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// The defaults are the lecture's example: `compute_mandel(cr=0.285, ci=0.01, N=200,
/// bound=1.5)` with its `lim=1000.`, `cutoff=1e6`.
#[derive(Parser)]
#[command(
    name = "mandelbrot",
    about = "The Cython lecture's Mandelbrot table: boxed dynamic values, static types, \
             inlining, bounds checks, C -O3 and Python, alternating in rounds",
    after_help = "Run optimized: cargo run --release -p mandelbrot -- --svg target/mandelbrot.svg"
)]
struct Options {
    /// Points per side of the grid.
    #[arg(short = 'n', long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(2..=4096))]
    n: u32,
    /// The grid spans [-bound, bound] in both directions.
    #[arg(long, default_value_t = 1.5)]
    bound: f64,
    /// Real part of the constant c.
    #[arg(long, default_value_t = 0.285, allow_negative_numbers = true)]
    cr: f64,
    /// Imaginary part of c.
    #[arg(long, default_value_t = 0.01, allow_negative_numbers = true)]
    ci: f64,
    /// Escape radius: a point stops once |z|^2 >= lim^2.
    #[arg(long, default_value_t = 1000.0)]
    lim: f64,
    /// At most this many iterations per point.
    #[arg(long, default_value_t = 1_000_000)]
    cutoff: u32,
    /// Timed rounds: each fills the table once with every Rust and C variant.
    #[arg(short = 'r', long, default_value_t = 21, value_parser = clap::value_parser!(u32).range(1..))]
    rounds: u32,
    /// How many of the rounds also run each Python row once (each pure-Python fill of
    /// the default table takes a fraction of a second to seconds); 0 leaves Python out.
    #[arg(long, default_value_t = 7)]
    python_rounds: u32,
    /// Points per side for the Python rows, if not N: their time is then scaled to
    /// N x N points, and the table says so.
    #[arg(long, value_parser = clap::value_parser!(u32).range(2..=4096))]
    python_n: Option<u32>,
    /// Where to write the bar chart. The book's copy is written only when named:
    /// --svg book/src/mandelbrot-table/mandelbrot.svg
    #[arg(long, default_value = "target/mandelbrot.svg")]
    svg: PathBuf,
}

fn main() -> ExitCode {
    let opts = Options::parse();
    let p = Params {
        n: opts.n as usize,
        bound: opts.bound,
        cr: opts.cr,
        ci: opts.ci,
        lim: opts.lim,
        cutoff: opts.cutoff,
    };
    let machine = report::Machine::here();
    if cfg!(debug_assertions) {
        eprintln!("mandelbrot: a debug build measures nothing useful; run with --release");
    }
    let grid = p.grid();
    let mut reference = vec![0u32; p.n * p.n];
    Variant::Inlined.fill(&p, &grid, &mut reference);
    let checksum: u64 = reference.iter().map(|&c| u64::from(c)).sum();
    eprintln!("mandelbrot: {0} x {0} points, checksum {checksum}", p.n);

    // Python runs on its own grid if asked, and is checked against Rust's table of it.
    let python_p = Params {
        n: opts.python_n.map_or(p.n, |n| n as usize),
        ..p
    };
    let python_checksum = if python_p.n == p.n {
        checksum
    } else {
        let mut t = vec![0u32; python_p.n * python_p.n];
        Variant::Inlined.fill(&python_p, &python_p.grid(), &mut t);
        t.iter().map(|&c| u64::from(c)).sum()
    };
    let modes: Vec<python::Mode> = [python::Mode::Pure, python::Mode::Numpy]
        .into_iter()
        .filter(|&m| opts.python_rounds > 0 && python::available(m))
        .collect();

    let mut times: Vec<Vec<f64>> = vec![Vec::new(); Variant::ALL.len()];
    let mut python_times: Vec<Vec<f64>> = vec![Vec::new(); modes.len()];
    let mut counts = vec![0u32; p.n * p.n];
    // Round 0 is a warm-up, not timed.
    for round in 0..=opts.rounds as usize {
        let mut order = Variant::ALL;
        if round % 2 == 1 {
            order.reverse();
        }
        for v in order {
            counts.fill(u32::MAX);
            let start = Instant::now();
            v.fill(&p, black_box(&grid), black_box(&mut counts));
            let seconds = start.elapsed().as_secs_f64();
            assert!(counts == reference, "{} filled a different table", v.name());
            if round > 0 {
                times[v as usize].push(seconds);
            }
        }
        if (1..=opts.python_rounds as usize).contains(&round) {
            for (k, &mode) in modes.iter().enumerate() {
                match python::run(mode, &python_p) {
                    Ok((seconds, sum)) if sum == python_checksum => python_times[k].push(seconds),
                    Ok((_, sum)) => {
                        eprintln!(
                            "mandelbrot: {} summed its counts to {sum}, Rust to {python_checksum}",
                            mode.name()
                        );
                        return ExitCode::FAILURE;
                    }
                    Err(err) => {
                        eprintln!("mandelbrot: {err}");
                        return ExitCode::FAILURE;
                    }
                }
            }
        }
        if round > 0 {
            eprintln!("mandelbrot: round {round}/{} done", opts.rounds);
        }
    }

    let scale = (p.n * p.n) as f64 / (python_p.n * python_p.n) as f64;
    let mut rows: Vec<Row> = Variant::ALL
        .iter()
        .map(|&v| Row::measured(v.name(), v.description(), &times[v as usize]))
        .collect();
    for mode in [python::Mode::Pure, python::Mode::Numpy] {
        let what = match mode {
            python::Mode::Pure => "the lecture's kernel in `python3`, lists",
            python::Mode::Numpy => "whole-array steps over the points not yet escaped",
        };
        let row = match modes.iter().position(|&m| m == mode) {
            Some(k) => {
                let scaled: Vec<f64> = python_times[k].iter().map(|t| t * scale).collect();
                let mut row = Row::measured(mode.name(), what, &scaled);
                if python_p.n != p.n {
                    row.note = format!("run on {0} x {0}, scaled per point", python_p.n);
                }
                row
            }
            None => Row::not_measured(mode.name(), what, not_measured_why(mode, &opts)),
        };
        rows.push(row);
    }
    let rows = Rows::new(rows);

    println!("# {}", machine.describe());
    println!(
        "# {0} x {0} points on [-{1}, {1}]^2, c = {2} + {3}i, lim = {4}, cutoff = {5}; checksum (sum of counts) = {checksum}",
        p.n, p.bound, p.cr, p.ci, p.lim, p.cutoff
    );
    print!("{}", rows.markdown());
    let goals = report::goals(&times);
    for line in &goals.lines {
        println!("# {line}");
    }

    let plot = report::svg(
        &rows,
        &format!(
            "Filling a {0} x {0} table of iteration counts (median time, log scale)",
            p.n
        ),
    );
    if let Some(dir) = opts.svg.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Err(err) = std::fs::create_dir_all(dir) {
            eprintln!("mandelbrot: cannot create {}: {err}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    if let Err(err) = std::fs::write(&opts.svg, plot) {
        eprintln!("mandelbrot: cannot write {}: {err}", opts.svg.display());
        return ExitCode::FAILURE;
    }
    println!("# Chart: {}", opts.svg.display());
    ExitCode::SUCCESS
}

fn not_measured_why(mode: python::Mode, opts: &Options) -> &'static str {
    if opts.python_rounds == 0 {
        "not measured (--python-rounds 0)"
    } else if mode == python::Mode::Numpy && python::available(python::Mode::Pure) {
        "not measured: python3 cannot import numpy"
    } else {
        "not measured: no python3 on PATH"
    }
}
