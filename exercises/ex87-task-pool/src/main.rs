//! ex87 (task-pool): the Julia set of mpi4py.futures' `julia.py`, one task per row,
//! computed twice. (a) A static split: every rank computes one block of rows; it is
//! written for you, and shows how unequal the blocks are. (b) A task pool: rank 0
//! hands the rows out one at a time, and a worker gets its next row when it returns
//! one. Write part (b) with `hpckit::mpi_ext::pool`: the pool itself (`pooled`), the
//! rows in task order (`executor.map`), and the rows as they complete, each put in
//! its place.
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
fn pooled(_world: &SimpleCommunicator) -> Option<Vec<(usize, u64)>> {
    // TODO: make the pool with `Pool::new(world, julia_line)`. On rank 0 it returns
    // `Some(pool)` at once; on the other ranks it computes rows until rank 0 drops
    // the pool, then returns `None`, which `?` passes on. Then, on rank 0:
    // - time `picture_in_order(&mut pool)` with `Instant::now()` and `.elapsed()`,
    //   and print its lines with `report("pool", &picture, elapsed)`;
    // - get `(as_completed, per_worker)` from `picture_as_completed(&mut pool)` and
    //   print `pool: as completed, the same picture: {}` with `as_completed == picture`;
    // - return `Some(per_worker)` (the pool is dropped here: the workers stop).
    // (Remove the leading `_`.)
    todo!("the pool: rank 0 hands out the rows, the others compute them")
}

/// `executor.map(julia_line, range(h))`: the rows in task order, joined.
#[allow(dead_code)] // for the `pooled` you write
fn picture_in_order(_pool: &mut Pool<u8>) -> Vec<u8> {
    // TODO: give the pool the tasks 0, 1, ..., H - 1 (as `u64`s) with `map`, which
    // returns every row (a `Vec<u8>`) in task order, and join the rows into one
    // `Vec<u8>` of W * H pixels. (Remove the leading `_`.)
    todo!("the rows in task order, with the pool's map")
}

/// The rows as they complete, each put in its place by its task number; and per
/// worker, the rows and iterations it did.
#[allow(dead_code)] // for the `pooled` you write
fn picture_as_completed(_pool: &mut Pool<u8>) -> (Vec<u8>, Vec<(usize, u64)>) {
    // TODO: start with a picture of W * H zeros and a `(0, 0)` per worker
    // (`pool.workers()` of them). Loop over `pool.as_completed(...)` of the same
    // tasks: each item is a `Done` with the `task` (here, the row number), the
    // `worker` rank (1 and up) and the `result` (the row). Copy the row into its place
    // in the picture, and add 1 row and the row's `iterations` to its worker's pair.
    // (Remove the leading `_`.)
    todo!("the rows as they complete, each in its place, counted per worker")
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
