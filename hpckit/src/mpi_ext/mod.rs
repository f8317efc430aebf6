//! What rsmpi 0.8 does not offer, over `mpi::ffi`, each behind a small safe API that
//! says why it exists: a peer that may be absent (MPI_PROC_NULL, [`proc_null`]),
//! persistent requests (MPI_Send_init/MPI_Recv_init + MPI_Start, [`persistent`]),
//! parallel file I/O (MPI-IO: MPI_File_open, collective reads and writes, file views,
//! [`io`]) and one-sided communication (MPI_Win_create, MPI_Put/MPI_Get/MPI_Accumulate
//! between fences, [`window`]); and, built from rsmpi's own messages, a task pool in
//! which rank 0 hands out tasks to the other ranks (`mpi4py.futures`, [`pool`]), and
//! the command that starts spawned workers so that the runner captures them ([`spawn`]);
//! and a panic hook that ends the whole job when a rank panics (`mpi4py.run`, [`abort`]).
//!
//! Files and windows move bytes from a file, or from another process's memory, into Rust
//! values. They accept only element types for which any bytes at all are a valid value:
//! [`AnyBitPattern`].

use mpi::traits::Equivalence;

pub mod abort;
pub mod io;
pub mod persistent;
pub mod pool;
pub mod proc_null;
pub mod spawn;
pub mod window;

/// An MPI element type for which every bit pattern of its size is a valid value.
///
/// Reading a file fills a buffer with whatever bytes the file holds, and a one-sided
/// `MPI_Get` or `MPI_Put` copies bytes between the memories of two processes, which
/// may have been written as another type, or be half-updated by two conflicting
/// accesses. For integers and floats any bytes are some number, so such reads can give
/// wrong numbers but never an invalid value. For `bool` (only 0 and 1 are valid) they
/// could, so `bool` is not one of these types.
///
/// # Safety
///
/// Implement this only for a type without padding for which every bit pattern of
/// `size_of::<Self>()` bytes is a valid value, and whose MPI datatype describes all of
/// those bytes.
pub unsafe trait AnyBitPattern: Equivalence {}

macro_rules! any_bit_pattern {
    ($($t:ty),*) => {
        // SAFETY: integers and IEEE floats have no padding and no invalid bit
        // patterns, and rsmpi maps each to the MPI datatype of the same size.
        $(unsafe impl AnyBitPattern for $t {})*
    };
}

any_bit_pattern!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);
