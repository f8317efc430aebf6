//! ex64 (waitall), reference solution: the ranks pair up (0 with 1, 2 with 3, ...) and
//! each rank exchanges an array with its partner: an Isend of its own data and an Irecv
//! into a second buffer, completed together with one Waitall. Mirrors seed 002's
//! `waitall.py` (`data = arange(10) * (rank + 1)`, `Request.waitall([Isend, Irecv])`),
//! with both partners of each pair running it. Needs an even number of ranks.
//! Check it with `cargo run -p runner -- check ex64`.

use hpckit::NpDisplay;
use mpi::point_to_point::Status;
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
    scope: &LocalScope<'a>,
    requests: &mut RequestCollection<'a, [f64]>,
    partner: &Process,
    data: &'a [f64],
    buffer: &'a mut [f64],
) {
    // `add` takes the request over from the scope; the collection is now responsible
    // for completing it.
    requests.add(partner.immediate_send(scope, data));
    requests.add(partner.immediate_receive_into(scope, buffer));
}

/// Waits for every request of the collection with one Waitall. Returns how many
/// requests completed, and the source of the receive (the request added second).
fn waitall(requests: &mut RequestCollection<'_, [f64]>) -> (usize, i32) {
    // For every request: its index in the collection, its status and its buffer.
    let mut completed: Vec<(usize, Status, &[f64])> = Vec::new();
    requests.wait_all(&mut completed);
    // A send's status says nothing useful; the receive's names the sender.
    let (_, receive_status, _) = completed[1];
    (completed.len(), receive_status.source_rank())
}
