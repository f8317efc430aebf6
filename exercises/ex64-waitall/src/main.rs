//! ex64 (waitall): the ranks pair up (0 with 1, 2 with 3, ...) and each rank exchanges an
//! array with its partner: an Isend of its own data and an Irecv into a second buffer,
//! completed together with one Waitall. Mirrors seed 002's `waitall.py` (`data =
//! arange(10) * (rank + 1)`, `Request.waitall([Isend, Irecv])`), with both partners of
//! each pair running it. Needs an even number of ranks.
//! Fill in `exchange` and `waitall` below.
//! Check it with `cargo run -p runner -- check ex64`.

use hpckit::NpDisplay;
use mpi::request::{LocalScope, RequestCollection};
use mpi::topology::Process;
use mpi::traits::*;

/// Length of the arrays exchanged.
const N: usize = 10;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    assert!(
        world.size() % 2 == 0,
        "run this exercise on an even number of ranks"
    );

    // Flipping the lowest bit of the rank gives the partner: 0 <-> 1, 2 <-> 3, ...
    let partner = world.process_at_rank(rank ^ 1);
    let data: Vec<f64> = (0..N).map(|i| i as f64 * f64::from(rank + 1)).collect();
    let mut buffer = vec![0.0; N];
    println!("Process {rank} sends {} to process {}", data.np(), partner.rank());

    // A RequestCollection holds requests that all carry the same kind of buffer (here
    // `[f64]`), so that they can be waited for together. `multiple_scope` hands out a
    // scope and an empty collection; both check at the end that nothing is left
    // incomplete.
    let (completed, source) = mpi::request::multiple_scope(2, |scope, requests| {
        exchange(scope, requests, &partner, &data, &mut buffer);
        waitall(requests)
    });
    println!("Process {rank} completed {completed} requests with one Waitall");
    println!("Process {rank} received {} from process {source}", buffer.np());
}

/// Adds to `requests` an Isend of `data` to `partner` and an Irecv from `partner`
/// into `buffer`, in that order.
fn exchange<'a>(
    _scope: &LocalScope<'a>,
    _requests: &mut RequestCollection<'a, [f64]>,
    _partner: &Process,
    _data: &'a [f64],
    _buffer: &'a mut [f64],
) {
    // TODO: `partner.immediate_send(scope, data)` and
    // `partner.immediate_receive_into(scope, buffer)` start the two operations;
    // `requests.add(request)` puts each request into the collection.
    // (Remove the leading `_` of the parameters you use.)
    todo!("add an Isend of `data` and an Irecv into `buffer` to the collection")
}

/// Waits for every request of the collection with one Waitall. Returns how many
/// requests completed, and the source of the receive (the request added second).
fn waitall(_requests: &mut RequestCollection<'_, [f64]>) -> (usize, i32) {
    // TODO: `requests.wait_all(&mut completed)` fills a `Vec` with one
    // `(index, Status, buffer)` per completed request, in the order they were added.
    // `status.source_rank()` is the rank a message came from.
    todo!("wait for all the requests; return their number and the receive's source")
}
