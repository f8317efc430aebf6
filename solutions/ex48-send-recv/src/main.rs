//! ex48 (send-recv), reference solution: rank 0 sends the array `[0. 1. 2. 3.]` to every
//! other rank with a blocking Send, tagged with the destination's rank; the other ranks
//! receive it into a buffer of zeros they allocated beforehand.
//! Check it with `cargo run -p runner -- check ex48`.

use hpckit::NpDisplay;
use mpi::traits::*;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    if rank == 0 {
        let data: Vec<f64> = (0..4).map(f64::from).collect();
        for dest in 1..world.size() {
            // A buffer send: the f64s go out as they lie in memory, no serialization.
            world.process_at_rank(dest).send_with_tag(&data[..], dest);
            println!("Process {rank} sent data: {}", data.np());
        }
    } else {
        // The receive buffer must exist, with room for the whole message, before the
        // message arrives: MPI writes straight into it.
        let mut data = vec![0.0; 4];
        world
            .process_at_rank(0)
            .receive_into_with_tag(&mut data[..], rank);
        println!("Process {rank} received data: {}", data.np());
    }
}
