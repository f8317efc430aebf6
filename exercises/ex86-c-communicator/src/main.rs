//! ex86 (c-communicator): C code that takes a communicator. The tutorial's `void
//! sayhello(MPI_Comm comm)` in csrc/helloworld.c, compiled by build.rs against the MPI
//! headers, is to be called from Rust with three communicators in turn: COMM_WORLD,
//! the communicator of the even or of the odd ranks (a split by parity), and
//! COMM_SELF. Declare `sayhello`, and fill in `say_hello` and `split_by_parity`.
//! Check it with `cargo run -p runner -- check ex86`.

use mpi::ffi::MPI_Comm;
use mpi::raw::AsRaw;
#[allow(unused_imports)] // `Color` is for the split you write
use mpi::topology::{Color, SimpleCommunicator};
use mpi::traits::*;

// TODO: declare the C function of csrc/helloworld.c here, in an `extern "C"` block:
// `void sayhello(MPI_Comm comm)` takes rsmpi's raw communicator type, `MPI_Comm`
// (imported above from `mpi::ffi`), and returns nothing.

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
fn say_hello<C: Communicator + AsRaw<Raw = MPI_Comm>>(_comm: &C) {
    // TODO: `comm.as_raw()` is the raw handle that C expects. Calling a foreign
    // function is `unsafe`: write the call in an `unsafe { ... }` block, with a
    // `// SAFETY:` comment above it that says why the call is sound. (Remove the
    // leading `_`.)
    todo!("call the C function sayhello with this communicator")
}

/// Splits `world` in two: the even ranks and the odd ranks, each team in a
/// communicator of its own (collective: every rank of `world` calls it).
fn split_by_parity(_world: &SimpleCommunicator) -> SimpleCommunicator {
    // TODO: `world.split_by_color(Color::with_value(colour))`, with the colour 0 for
    // the even ranks and 1 for the odd ones. It returns an `Option`: `None` only for a
    // rank that passes `Color::undefined()`.
    todo!("split world into the even and the odd ranks")
}
