//! ex66 (test-poll), reference solution: a receive that is polled with Test while the
//! receiver does useful work. Rank 0 takes a moment to prepare `[0. 1. 2. 3.]`, then
//! Isends it to every other rank. The others post their Irecv at once and compute π
//! (the midpoint rule, in chunks), testing the request between two chunks until the
//! message is in; whatever is left to wait for after the work, they wait for. Mirrors
//! seed 002's "have to finalize send/receive operations: wait() or test()" and its
//! `isend.py` (start the communication, `calculate_something`, then finish it).
//! How many tests it takes depends on timing: the checker ignores that number.
//! Check it with `cargo run -p runner -- check ex66`.

use std::thread;
use std::time::Duration;

use hpckit::{py_float, NpDisplay};
use mpi::request::{Request, Scope};
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use mpi::Tag;

/// Intervals of the midpoint rule for π, and the chunks they are computed in.
const INTERVALS: u32 = 1_000_000;
const CHUNKS: u32 = 100;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    if rank == 0 {
        // Preparing the data takes a while: the receivers are meanwhile working.
        thread::sleep(Duration::from_millis(30));
        let data: Vec<f64> = (0..4).map(f64::from).collect();
        mpi::request::scope(|scope| {
            for request in isend_to_all(&world, scope, &data) {
                request.wait();
                println!("Process {rank} sent data: {}", data.np());
            }
        });
    } else {
        let mut data = vec![0.0; 4];
        let (pi, tests) = mpi::request::scope(|scope| {
            let request = irecv_from_root(&world, scope, &mut data, rank);
            work_while_receiving(request, CHUNKS, pi_chunk)
        });
        println!("Process {rank} computed pi = {} meanwhile", py_float(pi));
        println!("Process {rank} tested the receive {tests} times");
        println!("Process {rank} received data: {}", data.np());
    }
}

/// Starts a non-blocking send of `data` to every rank of `world` but 0, each tagged with
/// its destination's rank, and returns the requests in the order of the destinations.
fn isend_to_all<'a, S: Scope<'a> + Copy>(
    world: &SimpleCommunicator,
    scope: S,
    data: &'a [f64],
) -> Vec<Request<'a, [f64], S>> {
    (1..world.size())
        .map(|dest| {
            world
                .process_at_rank(dest)
                .immediate_send_with_tag(scope, data, dest)
        })
        .collect()
}

/// Starts a non-blocking receive into `data` of the message that rank 0 of `world` sends
/// with tag `tag`, and returns its request.
fn irecv_from_root<'a, S: Scope<'a>>(
    world: &SimpleCommunicator,
    scope: S,
    data: &'a mut [f64],
    tag: Tag,
) -> Request<'a, [f64], S> {
    world
        .process_at_rank(0)
        .immediate_receive_into_with_tag(scope, data, tag)
}

/// Does `chunks` chunks of work (`work(chunk)` for chunk 0, 1, ...) and adds up their
/// results; after each chunk, tests `request` if it has not completed yet. Makes sure
/// the request has completed before returning. Returns the sum and the number of
/// tests made.
fn work_while_receiving<'a, S: Scope<'a>>(
    request: Request<'a, [f64], S>,
    chunks: u32,
    work: impl Fn(u32) -> f64,
) -> (f64, u32) {
    let mut sum = 0.0;
    let mut tests = 0;
    // `test` consumes the request: it gives it back (as `Err`) if the operation is
    // still going on, or returns the status (as `Ok`) once it has completed. So the
    // request lives in an `Option`, which is `None` once it is done.
    let mut pending = Some(request);
    for chunk in 0..chunks {
        sum += work(chunk);
        if let Some(request) = pending.take() {
            tests += 1;
            match request.test() {
                Ok(_status) => {} // the message is in the buffer
                Err(request) => pending = Some(request),
            }
        }
    }
    // Out of work and the message is still not there: nothing left but to wait.
    if let Some(request) = pending {
        request.wait();
    }
    (sum, tests)
}

/// The midpoint rule for π = ∫₀¹ 4 / (1 + x²) dx over the intervals of chunk `chunk`.
fn pi_chunk(chunk: u32) -> f64 {
    let per_chunk = INTERVALS / CHUNKS;
    let h = 1.0 / f64::from(INTERVALS);
    (chunk * per_chunk..(chunk + 1) * per_chunk)
        .map(|i| {
            let x = h * (f64::from(i) + 0.5);
            4.0 / (1.0 + x * x)
        })
        .sum::<f64>()
        * h
}
