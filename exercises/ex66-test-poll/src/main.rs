//! ex66 (test-poll): a receive that is polled with Test while the receiver does useful
//! work. Rank 0 takes a moment to prepare `[0. 1. 2. 3.]`, then Isends it to every other
//! rank. The others post their Irecv at once and compute π (the midpoint rule, in
//! chunks), testing the request between two chunks until the message is in; whatever is
//! left to wait for after the work, they wait for. Mirrors seed 002's "have to finalize
//! send/receive operations: wait() or test()" and its `isend.py` (start the
//! communication, `calculate_something`, then finish it). How many tests it takes depends
//! on timing: the checker ignores that number.
//! Fill in `isend_to_all`, `irecv_from_root` and `work_while_receiving` below.
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
    _world: &SimpleCommunicator,
    _scope: S,
    _data: &'a [f64],
) -> Vec<Request<'a, [f64], S>> {
    // TODO: as in ex62: `immediate_send_with_tag(scope, data, dest)` for each `dest`
    // in 1..size, collected into a `Vec`.
    // (Remove the leading `_` of the parameters you use.)
    todo!("start an Isend of `data` to every other rank, tagged with the destination")
}

/// Starts a non-blocking receive into `data` of the message that rank 0 of `world` sends
/// with tag `tag`, and returns its request.
fn irecv_from_root<'a, S: Scope<'a>>(
    _world: &SimpleCommunicator,
    _scope: S,
    _data: &'a mut [f64],
    _tag: Tag,
) -> Request<'a, [f64], S> {
    // TODO: as in ex62: `immediate_receive_into_with_tag(scope, data, tag)` on
    // `world.process_at_rank(0)`.
    todo!("start an Irecv from rank 0 into `data`, tagged `tag`")
}

/// Does `chunks` chunks of work (`work(chunk)` for chunk 0, 1, ...) and adds up their
/// results; after each chunk, tests `request` if it has not completed yet. Makes sure
/// the request has completed before returning. Returns the sum and the number of
/// tests made.
fn work_while_receiving<'a, S: Scope<'a>>(
    _request: Request<'a, [f64], S>,
    _chunks: u32,
    _work: impl Fn(u32) -> f64,
) -> (f64, u32) {
    // TODO: add up `work(chunk)` for chunk in 0..chunks. `request.test()` consumes
    // the request and returns `Ok(status)` once the operation has completed, or
    // `Err(request)`, the request back, if not: keep it in an `Option` that becomes
    // `None` when it is done. Count the tests. After the loop, `wait()` for the
    // request if it is still pending.
    todo!("do the work, testing the request between chunks; finish the request")
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
