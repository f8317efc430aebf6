//! ex65 (waitany): every rank but 0 sends rank 0 an array, `arange(4.) * rank`; rank 0
//! posts one Irecv per sender and handles the messages in the order they complete, with
//! Waitany, adding each to a running total. Mirrors seed 002's "multiple non-blocking
//! operations" example (`Request.waitany(requests)`). The order of arrival changes from run
//! to run; the checker ignores it (the lines "request I completed (from process S)"
//! vary), but not the total or the senders.
//! Fill in `post_receives` and `wait_for_any` below.
//! Check it with `cargo run -p runner -- check ex65`.

use std::thread;
use std::time::Duration;

use hpckit::NpDisplay;
use mpi::request::{LocalScope, RequestCollection};
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;

/// Length of the arrays sent to rank 0.
const N: usize = 4;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let size = world.size();

    if rank == 0 {
        let mut buffers = vec![vec![0.0; N]; size as usize - 1];
        let mut total = vec![0.0; N];
        let mut senders = Vec::new();
        mpi::request::multiple_scope(buffers.len(), |scope, requests| {
            post_receives(&world, scope, requests, &mut buffers);
            println!("Process {rank} posted {} receives", requests.incomplete());
            // Waitany with no active request left would have nothing to return.
            while requests.incomplete() > 0 {
                let (index, source, data) = wait_for_any(requests);
                println!("Process {rank}: request {index} completed (from process {source})");
                // Handle each message as soon as it is there: here, add it up.
                for (t, x) in total.iter_mut().zip(data) {
                    *t += x;
                }
                senders.push(source);
            }
        });
        senders.sort_unstable();
        println!("Process {rank} heard from processes {}", senders.np());
        println!("Process {rank} total: {}", total.np());
    } else {
        // The later ranks sleep less, so that messages tend to arrive out of rank
        // order. Only the order of the "request completed" lines depends on it.
        thread::sleep(Duration::from_millis(20 * (size - 1 - rank) as u64));
        let data: Vec<f64> = (0..N).map(|i| i as f64 * f64::from(rank)).collect();
        send_to_root(&world, &data);
        println!("Process {rank} sent {}", data.np());
    }
}

/// Sends `data` to rank 0 of `world`.
fn send_to_root(_world: &SimpleCommunicator, _data: &[f64]) {
    // TODO: a plain blocking `send` to `world.process_at_rank(0)` is enough: how the
    // messages are waited for is the receiver's business.
    todo!("send `data` to rank 0")
}

/// Adds to `requests` one Irecv per other rank: from rank `i + 1` into `buffers[i]`.
fn post_receives<'a>(
    _world: &SimpleCommunicator,
    _scope: &LocalScope<'a>,
    _requests: &mut RequestCollection<'a, [f64]>,
    _buffers: &'a mut [Vec<f64>],
) {
    // TODO: walk the buffers with `buffers.iter_mut()` (one mutable borrow each) next
    // to the source ranks 1, 2, ...; start each receive with
    // `world.process_at_rank(source).immediate_receive_into(scope, &mut buffer[..])`
    // and put it into the collection with `requests.add(request)`.
    // (Remove the leading `_` of the parameters you use.)
    todo!("post one Irecv per sender into the collection")
}

/// Waits for any one of the incomplete requests (Waitany) and returns its index in the
/// collection, the rank its message came from, and the received data.
fn wait_for_any<'a>(_requests: &mut RequestCollection<'a, [f64]>) -> (usize, i32, &'a [f64]) {
    // TODO: `requests.wait_any()` returns `Some((index, status, buffer))` while a
    // request is incomplete; `status.source_rank()` is the sender.
    todo!("wait for any one request and return its index, source and data")
}
