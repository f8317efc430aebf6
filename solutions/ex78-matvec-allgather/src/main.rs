//! ex78 (matvec-allgather), reference solution: a parallel matrix-vector product
//! y = A x. The n x n matrix A = arange(n*n).reshape(n, n) and the vector
//! x = arange(n) are distributed by blocks of rows: every rank owns two rows of A and
//! the two matching entries of x. Allgather assembles the whole x on every rank, and
//! each rank multiplies its rows by it, giving its two entries of y.
//! Mirrors seed 001, Collective communication: "Parallel matrix-vector product"
//! (`matvec(comm, A, x)` with `comm.Allgather([x, MPI.DOUBLE], [xg, MPI.DOUBLE])` and
//! `numpy.dot(A, xg)`). Check it with `cargo run -p runner -- check ex78`.

use hpckit::NpDisplay;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use ndarray::{Array1, Array2};

/// Rows of A (and entries of x and y) that each rank owns.
const M: usize = 2;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank() as usize;
    let size = world.size() as usize;

    // The global size, and the rows [first, first + M) that this rank owns.
    let n = M * size;
    let first = M * rank;
    let rows = format!("{first}:{}", first + M);

    // Each rank builds only its own block of A and slice of x: nobody holds them whole.
    let a_local = Array2::from_shape_fn((M, n), |(i, j)| ((first + i) * n + j) as f64);
    let x_local = Array1::from_shape_fn(M, |i| (first + i) as f64);
    println!("Process {rank} has A[{rows}] =\n{}", a_local.np());
    println!("Process {rank} has x[{rows}] = {}", x_local.np());

    let x = gather_x(&world, &x_local);
    println!("Process {rank} gathered x = {}", x.np());

    let y_local = local_product(&a_local, &x);
    println!("Process {rank} computed y[{rows}] = {}", y_local.np());
}

/// Allgather: every rank contributes its slice `x_local`, and every rank receives all
/// the slices, in rank order: the whole vector.
fn gather_x(world: &SimpleCommunicator, x_local: &Array1<f64>) -> Array1<f64> {
    let mut x = Array1::zeros(x_local.len() * world.size() as usize);
    world.all_gather_into(
        x_local.as_slice().expect("a fresh array is contiguous"),
        x.as_slice_mut().expect("a fresh array is contiguous"),
    );
    x
}

/// This rank's part of y = A x: its rows of A times the whole x.
fn local_product(a_local: &Array2<f64>, x: &Array1<f64>) -> Array1<f64> {
    a_local.dot(x)
}
