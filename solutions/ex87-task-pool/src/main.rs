//! ex87 (task-pool), reference solution: the Julia set of mpi4py.futures' `julia.py`,
//! one task per row, computed twice. (a) A static split: every rank computes one block
//! of rows, and the blocks that cross the middle of the set cost several times the
//! others. (b) A task pool: rank 0 hands the rows out one at a time, and a worker gets
//! its next row when it returns one, so nobody waits for a slow block. Both give the
//! same picture: the same number of iterations and the same checksum.
//! Mirrors seed 003's `mpi4py.futures` ("executes asynchronous computations using MPI
//! processes as a pool"), with the example of mpi4py's futures documentation (`julia.py`:
//! c = 0.65i, `executor.map(julia_line, range(h))`) and the kernel of ex28. The pool is
//! `hpckit::mpi_ext::pool`.
//! Check it with `cargo run -p runner -- check ex87`.

use std::time::{Duration, Instant};

use hpckit::mpi_ext::pool::Pool;
use hpckit::split::Split;
use mpi::datatype::PartitionMut;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;

/// The picture: `W` x `H` pixels over [X0, X1] x [Y0, Y1], as in `julia.py`.
const W: usize = 1280;
const H: usize = 960;
const X0: f64 = -2.0;
const X1: f64 = 2.0;
const Y0: f64 = -1.5;
const Y1: f64 = 1.5;
/// The constant `c = CR + CI i` of the orbit `z = z² + c`.
const CR: f64 = 0.0;
const CI: f64 = 0.65;
/// An orbit stops when `|z| >= LIM`, or after `CUTOFF` steps: `julia.py` counts down
/// from 255 while `abs(z) < 3 and n > 1`.
const LIM: f64 = 3.0;
const CUTOFF: u32 = 254;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let (rank, size) = (world.rank(), world.size());
    if rank == 0 {
        println!("Julia set of c = {CI}i: {W} x {H} pixels, one task per row, {size} processes");
    }

    // (a) The static split: rows in blocks, one block per rank, rank 0's included.
    world.barrier();
    let start = Instant::now();
    let split = Split::new(H, size as usize);
    let rows = split.range(rank as usize);
    let block: Vec<u8> = rows.clone().flat_map(|k| julia_line(k as u64)).collect();
    println!(
        "static: process {rank} computed rows {}..{}, {} iterations",
        rows.start,
        rows.end,
        iterations(&block)
    );
    if let Some(picture) = gather_picture(&world, &split, &block) {
        let elapsed = start.elapsed();
        report("static", &picture, elapsed);
        let busiest = (0..size as usize)
            .map(|r| iterations(&picture[rows_of(&split, r)]))
            .max();
        let mean = iterations(&picture) as f64 / f64::from(size);
        println!(
            "static: the busiest process did {:.2} times the mean work",
            busiest.unwrap_or(0) as f64 / mean
        );
    }

    // (b) The pool: rank 0 hands out the rows, the others compute them.
    match pooled(&world) {
        Some(per_worker) => {
            for (k, (rows, iterations)) in per_worker.iter().enumerate() {
                println!(
                    "pool: worker {} computed {rows} rows, {iterations} iterations",
                    k + 1
                );
            }
        }
        None => println!("pool: process {rank} computed rows for process 0 until it said stop"),
    }
}

/// The number of steps before the orbit of `z = zr + zi i` leaves the disc of radius
/// `lim`, at most `cutoff`: ex28's kernel.
fn kernel(mut zr: f64, mut zi: f64, cr: f64, ci: f64, lim: f64, cutoff: u32) -> u32 {
    let mut count = 0;
    while zr * zr + zi * zi < lim * lim && count < cutoff {
        (zr, zi) = (zr * zr - zi * zi + cr, 2.0 * zr * zi + ci);
        count += 1;
    }
    count
}

/// Row `k` of the picture, top row first, as `julia.py`'s `julia_line(k)`: each pixel
/// is 255 minus the number of steps, so the set itself is 1 and fast escapes are
/// near 255. One task of the pool.
fn julia_line(k: u64) -> Vec<u8> {
    let (dx, dy) = ((X1 - X0) / W as f64, (Y1 - Y0) / H as f64);
    let y = Y1 - k as f64 * dy;
    (0..W)
        .map(|j| {
            let steps = kernel(X0 + j as f64 * dx, y, CR, CI, LIM, CUTOFF);
            (255 - steps) as u8
        })
        .collect()
}

/// The work that went into some pixels: the steps of each, summed.
fn iterations(pixels: &[u8]) -> u64 {
    pixels.iter().map(|&p| 255 - u64::from(p)).sum()
}

/// The pixels of rank `r`'s block of rows in the whole picture.
fn rows_of(split: &Split, r: usize) -> std::ops::Range<usize> {
    let rows = split.range(r);
    rows.start * W..rows.end * W
}

/// The whole picture on rank 0 (`None` elsewhere): the blocks gathered in rank order.
fn gather_picture(world: &SimpleCommunicator, split: &Split, block: &[u8]) -> Option<Vec<u8>> {
    let root = world.process_at_rank(0);
    if world.rank() != 0 {
        root.gather_varcount_into(block);
        return None;
    }
    let counts: Vec<i32> = split.counts.iter().map(|&rows| rows * W as i32).collect();
    let displs: Vec<i32> = split.displs.iter().map(|&row| row * W as i32).collect();
    let mut picture = vec![0; W * H];
    let mut partition = PartitionMut::new(&mut picture[..], counts, displs);
    root.gather_varcount_into_root(block, &mut partition);
    Some(picture)
}

/// The pool's part, on every rank: rank 0 computes the picture twice with the pool,
/// in task order and as the rows complete, and returns how many rows and iterations
/// each worker did (worker rank r at r - 1); the workers compute rows until rank 0
/// is done, and get `None`.
fn pooled(world: &SimpleCommunicator) -> Option<Vec<(usize, u64)>> {
    let mut pool = Pool::new(world, julia_line)?;
    let start = Instant::now();
    let picture = picture_in_order(&mut pool);
    report("pool", &picture, start.elapsed());
    let (as_completed, per_worker) = picture_as_completed(&mut pool);
    println!(
        "pool: as completed, the same picture: {}",
        as_completed == picture
    );
    Some(per_worker)
}

/// `executor.map(julia_line, range(h))`: the rows in task order, joined.
fn picture_in_order(pool: &mut Pool<u8>) -> Vec<u8> {
    pool.map(0..H as u64).concat()
}

/// The rows as they complete, each put in its place by its task number; and per
/// worker, the rows and iterations it did.
fn picture_as_completed(pool: &mut Pool<u8>) -> (Vec<u8>, Vec<(usize, u64)>) {
    let mut picture = vec![0; W * H];
    let mut per_worker = vec![(0, 0); pool.workers()];
    for done in pool.as_completed(0..H as u64) {
        let row = done.task as usize;
        picture[row * W..(row + 1) * W].copy_from_slice(&done.result);
        let (rows, work) = &mut per_worker[done.worker as usize - 1];
        *rows += 1;
        *work += iterations(&done.result);
    }
    (picture, per_worker)
}

/// Rank 0's lines for one method: its total work, the picture's checksum, its time.
fn report(method: &str, picture: &[u8], elapsed: Duration) {
    println!(
        "{method}: {} iterations in all, checksum {}",
        iterations(picture),
        checksum(picture)
    );
    println!("{method}: {:.3} s", elapsed.as_secs_f64());
}

/// A checksum that changes when rows are swapped: Fletcher's, over the pixels in order.
fn checksum(picture: &[u8]) -> u64 {
    let (sum, weighted) = picture.iter().fold((0_u64, 0_u64), |(s, w), &p| {
        let s = (s + u64::from(p)) % 65_535;
        (s, (w + s) % 65_535)
    });
    weighted << 16 | sum
}
