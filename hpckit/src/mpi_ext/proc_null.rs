//! MPI_PROC_NULL: a send or receive whose peer may be absent.
//!
//! # Why this module exists
//!
//! In many communication patterns some ranks have a peer on one side only: in a chain
//! `0 → 1 → 2 → 3`, rank 0 receives from nobody and rank 3 sends to nobody. MPI's
//! answer is the null process, `MPI_PROC_NULL` (`MPI.PROC_NULL` in mpi4py): a send to
//! it completes at once and sends nothing, a receive from it completes at once,
//! receives nothing and leaves the buffer as it was. With it, every rank makes the very
//! same call, and the ends of the chain need no `if`.
//!
//! rsmpi 0.8 has no such rank. Its `Process` values only hold real ranks
//! (`process_at_rank` asserts `0 <= r < size`), and a `Source` that names the null
//! process would be unsound with rsmpi's single-value receives, which assume that a
//! value arrived. The plain-Rust answer is `Option<Rank>` and a `match` on the four
//! cases (both peers, only a destination, only a source, none), as the message-chain
//! exercise shows. [`send_recv_optional`] packs that into one call: it takes the two
//! peers as `Option<Rank>`, passes `MPI_PROC_NULL` to `MPI_Sendrecv` for a `None`, and
//! tells you with its `Option<Status>` whether anything was received.
//!
//! ```no_run
//! use hpckit::mpi_ext::proc_null::send_recv_optional;
//! use mpi::traits::*;
//!
//! let universe = mpi::initialize().unwrap();
//! let world = universe.world();
//! let (rank, size) = (world.rank(), world.size());
//!
//! // A chain: each rank sends to the next one and receives from the previous one.
//! let next = (rank + 1 < size).then_some(rank + 1);
//! let previous = (rank > 0).then_some(rank - 1);
//! let data = [f64::from(rank); 10];
//! let mut buffer = [-1.0; 10];
//! match send_recv_optional(&world, &data[..], next, &mut buffer[..], previous, 7) {
//!     Some(status) => println!("got {} values from {}", buffer.len(), status.source_rank()),
//!     None => println!("first in the chain: received nothing"),
//! }
//! ```

use mpi::datatype::{Buffer, BufferMut};
use mpi::ffi;
use mpi::point_to_point::Status;
use mpi::raw::AsRaw;
use mpi::topology::{Communicator, Rank};
use mpi::Tag;
use std::mem::MaybeUninit;

/// MPI's null process, `MPI_PROC_NULL`: the rank that stands for "nobody".
///
/// Useful to compare with ranks that come from MPI, such as a `Status`'s
/// `source_rank()` after a receive from the null process. To send or receive with an
/// absent peer, use [`send_recv_optional`] instead of passing this number around.
pub fn proc_null() -> Rank {
    // SAFETY: `RSMPI_PROC_NULL` is a constant `int` that rsmpi's C shim defines from
    // the MPI library's `MPI_PROC_NULL`; it is initialized before `main` and never
    // written, so reading it cannot race. (Reading any foreign static is `unsafe`.)
    unsafe { ffi::RSMPI_PROC_NULL }
}

/// Sends `send` to `dest` and receives into `recv` from `source` in one
/// `MPI_Sendrecv`, where a peer given as `None` is MPI's null process.
///
/// - `dest == None`: nothing is sent; the send half completes at once.
/// - `source == None`: nothing is received, `recv` keeps its contents, and the
///   function returns `None`. Otherwise it returns the receive's [`Status`] (source,
///   tag, and how many elements arrived: `status.count(datatype)`).
///
/// Both messages carry `tag`, and the receive takes only a message with that tag.
/// The buffers are anything rsmpi can send: a slice such as `&data[..]`, a single
/// value, or a `View` with a derived datatype. As with any receive, a message longer
/// than `recv` is an MPI error (MPI_ERR_TRUNCATE) that stops the job.
///
/// # Panics
///
/// If `dest` or `source` is `Some(r)` with `r` outside `0..comm.target_size()`, like
/// rsmpi's `process_at_rank`.
pub fn send_recv_optional<C, S, R>(
    comm: &C,
    send: &S,
    dest: Option<Rank>,
    recv: &mut R,
    source: Option<Rank>,
    tag: Tag,
) -> Option<Status>
where
    C: Communicator + AsRaw<Raw = ffi::MPI_Comm>,
    S: Buffer + ?Sized,
    R: BufferMut + ?Sized,
{
    let dest_rank = mpi_rank(comm, dest, "destination");
    let source_rank = mpi_rank(comm, source, "source");
    let mut status = MaybeUninit::<ffi::MPI_Status>::uninit();
    // SAFETY:
    // - The pointers, counts and datatypes come from rsmpi's `Buffer` and `BufferMut`
    //   traits, which are `unsafe` to implement precisely so that these three describe
    //   memory valid for reading (`send`) and for writing (`recv`) for `count` elements
    //   of `datatype`. The borrows `&S` and `&mut R` keep that memory alive and
    //   unaliased until `MPI_Sendrecv` returns: it is blocking, so MPI keeps no pointer.
    // - `comm.as_raw()` is a valid communicator handle for as long as `comm` is
    //   borrowed, and both ranks are in range or `MPI_PROC_NULL`, which the standard
    //   accepts as either peer of `MPI_Sendrecv` (MPI 3.1, section 3.11).
    // - `status` points to writable memory for one `MPI_Status`.
    unsafe {
        ffi::MPI_Sendrecv(
            send.pointer(),
            send.count(),
            send.as_datatype().as_raw(),
            dest_rank,
            tag,
            recv.pointer_mut(),
            recv.count(),
            recv.as_datatype().as_raw(),
            source_rank,
            tag,
            comm.as_raw(),
            status.as_mut_ptr(),
        );
    }
    // rsmpi leaves MPI's default error handler, MPI_ERRORS_ARE_FATAL, in place: a
    // failed call has already ended the job, so there is no error code to look at.
    // SAFETY: `MPI_Sendrecv` fills in the status it was given (we did not pass
    // `MPI_STATUS_IGNORE`), also when the source is `MPI_PROC_NULL`.
    let status = Status::from_raw(unsafe { status.assume_init() });
    source.map(|_| status)
}

/// The rank to hand to MPI for an optional peer: the rank itself, checked against the
/// communicator's size, or `MPI_PROC_NULL` for `None`.
fn mpi_rank<C: Communicator>(comm: &C, peer: Option<Rank>, role: &str) -> Rank {
    match peer {
        Some(rank) => {
            let size = comm.target_size();
            assert!(
                (0..size).contains(&rank),
                "{role} rank {rank} is not in this communicator of {size} processes \
                 (use None for no {role})"
            );
            rank
        }
        None => proc_null(),
    }
}
