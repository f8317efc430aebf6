//! ex62 (isend-irecv), reference solution: ex48 again, with non-blocking calls. Rank 0
//! starts an Isend of `[0. 1. 2. 3.]` to every other rank, tagged with the destination,
//! then waits for each send in turn; every other rank starts an Irecv into a buffer of
//! zeros and waits for it. Mirrors seed 000's Isend/Irecv example (same data and lines).
//! Check it with `cargo run -p runner -- check ex62`.

use hpckit::NpDisplay;
use mpi::traits::*;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    if rank == 0 {
        let data: Vec<f64> = (0..4).map(f64::from).collect();
        // Every request borrows `data` until it is waited for. The scope makes sure of
        // it: a request cannot outlive the closure, and the closure cannot outlive
        // `data`, which is declared outside it.
        mpi::request::scope(|scope| {
            // Start all the sends first: none of them waits for the others.
            let requests: Vec<_> = (1..world.size())
                .map(|dest| {
                    world
                        .process_at_rank(dest)
                        .immediate_send_with_tag(scope, &data[..], dest)
                })
                .collect();
            // Then complete them one by one. `wait` consumes the request. Reading
            // `data` meanwhile is fine, since the sends only read it too; changing it
            // would not compile before the end of the scope.
            for request in requests {
                request.wait();
                println!("Process {rank} sent data: {}", data.np());
            }
        });
    } else {
        let mut data = vec![0.0; 4];
        mpi::request::scope(|scope| {
            // `data` is lent to the request, mutably, until the end of the scope:
            // reading it anywhere in this closure would not compile.
            let request =
                world
                    .process_at_rank(0)
                    .immediate_receive_into_with_tag(scope, &mut data[..], rank);
            request.wait();
        });
        // The scope has ended, so every request in it has completed: `data` is back.
        println!("Process {rank} received data: {}", data.np());
    }
}
