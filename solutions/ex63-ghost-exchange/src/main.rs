//! ex63 (ghost-exchange), reference solution: overlapping computation with
//! communication. The ranks form a ring and each holds four consecutive points of the
//! global array `u[i] = i²`. To take the second difference `u[i-1] - 2 u[i] + u[i+1]`
//! at its first and last points, a rank needs one value from each neighbour (its
//! "ghosts"). It starts the exchange with Irecv/Isend, computes the interior points,
//! which need no ghost, while the messages travel, waits, and then computes the two
//! border points. Mirrors seed 002's "typical usage pattern" of non-blocking
//! communication (Irecv ghost data, Isend border data, compute, wait, compute borders).
//! Check it with `cargo run -p runner -- check ex63`.

use hpckit::{py_float, NpDisplay};
use mpi::request::{Request, Scope};
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use ndarray::{s, Array1, ArrayView1};

/// Points per rank.
const N_LOCAL: usize = 4;
/// Tag of a value travelling to the left neighbour (a rank's first point).
const TO_LEFT: i32 = 0;
/// Tag of a value travelling to the right neighbour (a rank's last point).
const TO_RIGHT: i32 = 1;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    // This rank's piece of the global array: u[i] = i² for its N_LOCAL global indices.
    let first = rank as usize * N_LOCAL;
    let u: Array1<f64> = (first..first + N_LOCAL).map(|i| (i * i) as f64).collect();
    println!("Process {rank} has u = {}", u.np());

    let mut ghost_left = 0.0;
    let mut ghost_right = 0.0;
    let mut d2 = Array1::zeros(N_LOCAL);
    mpi::request::scope(|scope| {
        let requests = start_ghost_exchange(&world, scope, &u, &mut ghost_left, &mut ghost_right);
        // While the messages travel: the interior needs no ghost. The sends borrow `u`
        // too, but only to read it, and any number of readers may share a value.
        d2.slice_mut(s![1..N_LOCAL - 1]).assign(&interior(u.view()));
        println!(
            "Process {rank} computed the interior while the ghosts travelled: {}",
            d2.slice(s![1..N_LOCAL - 1]).np()
        );
        for request in requests {
            request.wait();
        }
    });
    // The scope is over: every request has completed and the ghosts are ours to read.
    println!(
        "Process {rank} received the ghosts {} (left) and {} (right)",
        py_float(ghost_left),
        py_float(ghost_right)
    );
    let (d2_first, d2_last) = borders(u.view(), ghost_left, ghost_right);
    d2[0] = d2_first;
    d2[N_LOCAL - 1] = d2_last;
    println!("Process {rank} second difference: {}", d2.np());
}

/// Starts the exchange with both neighbours on the ring: Irecv of the two ghosts
/// (the left neighbour's last point, the right neighbour's first point), and Isend of
/// this rank's first point to the left and last point to the right. Returns the four
/// requests; they all carry one `f64`.
fn start_ghost_exchange<'a, S: Scope<'a> + Copy>(
    world: &SimpleCommunicator,
    scope: S,
    u: &'a Array1<f64>,
    ghost_left: &'a mut f64,
    ghost_right: &'a mut f64,
) -> Vec<Request<'a, f64, S>> {
    let (rank, size) = (world.rank(), world.size());
    let left = world.process_at_rank((rank + size - 1) % size);
    let right = world.process_at_rank((rank + 1) % size);
    // The receives first, so that MPI knows where to put the values when they arrive.
    // The tags say which way a value travels: on a ring of two ranks, the left and the
    // right neighbour are the same process, and only the tag tells the messages apart.
    vec![
        left.immediate_receive_into_with_tag(scope, ghost_left, TO_RIGHT),
        right.immediate_receive_into_with_tag(scope, ghost_right, TO_LEFT),
        left.immediate_send_with_tag(scope, &u[0], TO_LEFT),
        right.immediate_send_with_tag(scope, &u[N_LOCAL - 1], TO_RIGHT),
    ]
}

/// The second difference at the interior points 1..n-1, which only need `u` itself:
/// NumPy's `u[:-2] - 2 * u[1:-1] + u[2:]`.
fn interior(u: ArrayView1<f64>) -> Array1<f64> {
    let n = u.len();
    &u.slice(s![..n - 2]) - 2.0 * &u.slice(s![1..n - 1]) + u.slice(s![2..])
}

/// The second difference at the first and the last point, with the ghosts standing
/// in for the missing neighbours.
fn borders(u: ArrayView1<f64>, ghost_left: f64, ghost_right: f64) -> (f64, f64) {
    let n = u.len();
    (
        ghost_left - 2.0 * u[0] + u[1],
        u[n - 2] - 2.0 * u[n - 1] + ghost_right,
    )
}
