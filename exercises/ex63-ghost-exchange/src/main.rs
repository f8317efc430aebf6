//! ex63 (ghost-exchange): overlapping computation with communication. The ranks form a
//! ring and each holds four consecutive points of the global array `u[i] = i²`. To take
//! the second difference `u[i-1] - 2 u[i] + u[i+1]` at its first and last points, a rank
//! needs one value from each neighbour (its "ghosts"). It starts the exchange with
//! Irecv/Isend, computes the interior points, which need no ghost, while the messages
//! travel, waits, and then computes the two border points. Mirrors seed 002's "typical
//! usage pattern" of non-blocking communication (Irecv ghost data, Isend border data,
//! compute, wait, compute borders).
//! Fill in `start_ghost_exchange`, `interior` and `borders` below.
//! Check it with `cargo run -p runner -- check ex63`.

use hpckit::{py_float, NpDisplay};
use mpi::request::{Request, Scope};
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use ndarray::{s, Array1, ArrayView1};

/// Points per rank.
const N_LOCAL: usize = 4;
/// Tag of a value travelling to the left neighbour (a rank's first point).
#[allow(dead_code)] // until `start_ghost_exchange` uses it
const TO_LEFT: i32 = 0;
/// Tag of a value travelling to the right neighbour (a rank's last point).
#[allow(dead_code)] // until `start_ghost_exchange` uses it
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
    _world: &SimpleCommunicator,
    _scope: S,
    _u: &'a Array1<f64>,
    _ghost_left: &'a mut f64,
    _ghost_right: &'a mut f64,
) -> Vec<Request<'a, f64, S>> {
    // TODO: the neighbours are the ranks (rank - 1) and (rank + 1), modulo the size.
    // Receive `ghost_left` from the left one and `ghost_right` from the right one with
    // `immediate_receive_into_with_tag(scope, buffer, tag)`; send `&u[0]` to the left
    // and `&u[N_LOCAL - 1]` to the right with `immediate_send_with_tag(scope, buffer,
    // tag)`. Tag each value by the way it travels (TO_LEFT or TO_RIGHT): what you
    // receive from the left neighbour travelled to the right. Return the four requests.
    // (Remove the leading `_` of the parameters you use.)
    todo!("start the Irecv of both ghosts and the Isend of both border values")
}

/// The second difference at the interior points 1..n-1, which only need `u` itself:
/// NumPy's `u[:-2] - 2 * u[1:-1] + u[2:]`.
fn interior(_u: ArrayView1<f64>) -> Array1<f64> {
    // TODO: three slices of `u` with `s![]`, combined with arithmetic on array
    // references (`&a - &b` makes a new array).
    todo!("the second difference at the interior points")
}

/// The second difference at the first and the last point, with the ghosts standing
/// in for the missing neighbours.
fn borders(_u: ArrayView1<f64>, _ghost_left: f64, _ghost_right: f64) -> (f64, f64) {
    // TODO: the same formula at index 0 (left neighbour: the left ghost) and at the
    // last index (right neighbour: the right ghost).
    todo!("the second difference at the two border points")
}
