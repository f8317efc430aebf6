//! ex86 (c-communicator), reference solution: C code that takes a communicator. The
//! tutorial's `void sayhello(MPI_Comm comm)`, compiled by build.rs against the MPI
//! headers, is called from Rust with three communicators in turn: COMM_WORLD, the
//! communicator of the even or of the odd ranks (a split by parity), and COMM_SELF.
//! C prints each time who this process is in the communicator it was given.
//! Mirrors seed 001, "Wrapping with SWIG" (helloworld.c, `%mpi4py_typemap(Comm,
//! MPI_Comm)`, `helloworld.sayhello(MPI.COMM_WORLD)`), and seed 003's COMM_SELF.
//! Check it with `cargo run -p runner -- check ex86`.

use mpi::ffi::MPI_Comm;
use mpi::raw::AsRaw;
use mpi::topology::{Color, SimpleCommunicator};
use mpi::traits::*;

extern "C" {
    /// csrc/helloworld.c: prints `Hello, World! I am process R of S.` with this
    /// process's rank R in `comm` and the size S of `comm`.
    fn sayhello(comm: MPI_Comm);
}

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    println!("sayhello(COMM_WORLD):");
    say_hello(&world);

    let parity = if rank % 2 == 0 { "even" } else { "odd" };
    let team = split_by_parity(&world);
    println!("sayhello(the {parity} ranks' communicator):");
    say_hello(&team);

    println!("sayhello(COMM_SELF):");
    say_hello(&SimpleCommunicator::self_comm());
}

/// Calls the C function `sayhello` with `comm`, any communicator of rsmpi's.
fn say_hello<C: Communicator + AsRaw<Raw = MPI_Comm>>(comm: &C) {
    // SAFETY: the declaration matches helloworld.c, compiled against the same mpi.h
    // that rsmpi's `MPI_Comm` comes from (build.rs). `comm.as_raw()` is a live
    // communicator while `comm` is borrowed, and sayhello only asks for its rank and
    // size: it keeps no copy of the handle and frees nothing.
    unsafe { sayhello(comm.as_raw()) }
}

/// Splits `world` in two: the even ranks and the odd ranks, each team in a
/// communicator of its own (collective: every rank of `world` calls it).
fn split_by_parity(world: &SimpleCommunicator) -> SimpleCommunicator {
    world
        .split_by_color(Color::with_value(world.rank() % 2))
        .expect("a defined colour always gives a communicator")
}
