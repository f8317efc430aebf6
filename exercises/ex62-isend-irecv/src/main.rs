//! ex62 (isend-irecv): ex48 again, with non-blocking calls. Rank 0 starts an Isend of
//! `[0. 1. 2. 3.]` to every other rank, tagged with the destination, then waits for each
//! send in turn; every other rank starts an Irecv into a buffer of zeros and waits for
//! it.
//! Fill in `isend_to_all` and `irecv_from_root` below.
//! Check it with `cargo run -p runner -- check ex62`.

use hpckit::NpDisplay;
use mpi::request::{Request, Scope};
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use mpi::Tag;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    if rank == 0 {
        let data: Vec<f64> = (0..4).map(f64::from).collect();
        mpi::request::scope(|scope| {
            let requests = isend_to_all(&world, scope, &data);
            for request in requests {
                request.wait();
                println!("Process {rank} sent data: {}", data.np());
            }
        });
    } else {
        let mut data = vec![0.0; 4];
        mpi::request::scope(|scope| {
            let request = irecv_from_root(&world, scope, &mut data, rank);
            request.wait();
        });
        println!("Process {rank} received data: {}", data.np());
    }
}

/// Starts a non-blocking send of `data` to every rank of `world` but 0, each tagged with
/// its destination's rank, and returns the requests in the order of the destinations.
/// `S` is the type of `scope`: `&LocalScope`, which every request is registered with.
fn isend_to_all<'a, S: Scope<'a> + Copy>(
    _world: &SimpleCommunicator,
    _scope: S,
    _data: &'a [f64],
) -> Vec<Request<'a, [f64], S>> {
    // TODO: for each `dest` in 1..size, `world.process_at_rank(dest)` has
    // `immediate_send_with_tag(scope, buffer, tag)`, which returns at once with a
    // `Request`. Collect the requests into a `Vec`.
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
    // TODO: the source is `world.process_at_rank(0)`; its
    // `immediate_receive_into_with_tag(scope, buffer, tag)` returns the request.
    todo!("start an Irecv from rank 0 into `data`, tagged `tag`")
}
