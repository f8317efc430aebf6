//! The three ping-pong loops being compared. Each runs one round trip between ranks 0
//! and 1 per element of `times` and writes its duration there. As in mpi4py's bench,
//! every round trip is a sample timed with `MPI_Wtime`, so a round trip that the
//! machine interrupted is one slow sample, not a slow block; here the clock is read
//! once per round trip (mpi4py reads it before and after), the same way in all three
//! loops, so the three carry the same cost of timing.

use mpi::ffi::{MPI_Comm, MPI_SUCCESS};
use mpi::topology::{Process, SimpleCommunicator};
use mpi::traits::*;
use std::os::raw::c_int;

/// What is sent, and by whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// The loop in C (csrc/pingpong.c), `MPI_Send`/`MPI_Recv` of `double` buffers: the
    /// reference.
    C,
    /// rsmpi's buffer path, mpi4py's `Send`/`Recv`: `send_with_tag` of a `&[f64]` and
    /// `receive_into_with_tag` a preallocated `&mut [f64]`.
    Rsmpi,
    /// The object path, mpi4py's `send`/`recv`: a `Vec<f64>` serialized with postcard
    /// into new bytes, received into a new `Vec<u8>` of the probed size, deserialized
    /// into a new `Vec<f64>`.
    Serde,
}

impl Variant {
    /// In the order the table and the plot list them.
    pub const ALL: [Variant; 3] = [Variant::C, Variant::Rsmpi, Variant::Serde];

    /// Where this variant's times are in per-variant arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// A short name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Variant::C => "C",
            Variant::Rsmpi => "rsmpi",
            Variant::Serde => "serde",
        }
    }

    /// What exactly goes over the wire, for the table's headings.
    pub fn description(self) -> &'static str {
        match self {
            Variant::C => "C (mpicc), MPI_Send/MPI_Recv of double[], called through FFI",
            Variant::Rsmpi => "rsmpi buffers, send_with_tag/receive_into_with_tag of &[f64]",
            Variant::Serde => "serde objects, Vec<f64> serialized with postcard, sent as bytes",
        }
    }
}

/// The tag of every message of every variant, the C loop's included: a receive for one
/// tag, rather than rsmpi's default `MPI_ANY_TAG`, matches exactly what the C loop
/// matches.
const TAG: mpi::Tag = 0;

extern "C" {
    /// csrc/pingpong.c: `iters` round trips of `count` doubles between ranks 0 and 1 of
    /// `comm`, rank 1 echoing what it received; the duration of each in `times`.
    /// Returns an MPI error code.
    fn c_pingpong(
        comm: MPI_Comm,
        rank: c_int,
        sbuf: *const f64,
        rbuf: *mut f64,
        count: c_int,
        iters: c_int,
        times: *mut f64,
    ) -> c_int;
}

/// `MPI_Wtime`, the clock the C loop reads, called directly: rsmpi's `mpi::time()`
/// goes through its C shim (`RSMPI_Wtime`), one more call per round trip than C makes.
#[inline(always)]
fn wtime() -> f64 {
    // SAFETY: MPI_Wtime has no precondition but an initialized MPI, which exists as
    // long as the communicator a `PingPong` borrows.
    unsafe { mpi::ffi::MPI_Wtime() }
}

/// One end of the ping-pong: rank 0 starts each round trip, rank 1 echoes.
pub struct PingPong<'a> {
    world: &'a SimpleCommunicator,
    rank: i32,
    peer: Process<'a>,
}

impl<'a> PingPong<'a> {
    /// # Panics
    ///
    /// If `world` does not have exactly two ranks.
    pub fn new(world: &'a SimpleCommunicator) -> PingPong<'a> {
        assert_eq!(world.size(), 2, "a ping-pong runs on exactly 2 ranks");
        let rank = world.rank();
        PingPong {
            world,
            rank,
            peer: world.process_at_rank(1 - rank),
        }
    }

    /// The C loop, on rsmpi's communicator and these buffers. Rank 0 sends `send` and
    /// receives the echo into `recv`; rank 1 receives into `recv` and sends it back.
    ///
    /// # Panics
    ///
    /// If the buffers differ in length, or a count does not fit C's `int`.
    pub fn c(&self, send: &[f64], recv: &mut [f64], times: &mut [f64]) {
        assert_eq!(
            send.len(),
            recv.len(),
            "send and receive buffers differ in length"
        );
        let count = c_int::try_from(send.len()).expect("message too long for an MPI count");
        let iters = c_int::try_from(times.len()).expect("too many round trips for a C int");
        // SAFETY: `send` and `recv` hold `count` f64s and `times` holds `iters`; all
        // outlive the call, which hands the buffers only to MPI_Send and MPI_Recv and
        // writes `times` only below `iters`. `recv` and `times` are borrowed mutably, so
        // nothing else sees them change. The communicator is rsmpi's, valid until the
        // universe is dropped at the end of main.
        let err = unsafe {
            c_pingpong(
                self.world.as_raw(),
                self.rank,
                send.as_ptr(),
                recv.as_mut_ptr(),
                count,
                iters,
                times.as_mut_ptr(),
            )
        };
        assert_eq!(
            err, MPI_SUCCESS as c_int,
            "the C ping-pong failed with MPI error {err}"
        );
    }

    /// The same loop with rsmpi's buffer calls: nothing is allocated or copied, the
    /// slices go to MPI_Send and MPI_Recv as they lie in memory.
    pub fn rsmpi(&self, send: &[f64], recv: &mut [f64], times: &mut [f64]) {
        let mut then = wtime();
        for time in times {
            if self.rank == 0 {
                self.peer.send_with_tag(send, TAG);
                self.peer.receive_into_with_tag(recv, TAG);
            } else {
                self.peer.receive_into_with_tag(recv, TAG);
                self.peer.send_with_tag(&*recv, TAG);
            }
            let now = wtime();
            *time = now - then;
            then = now;
        }
    }

    /// The object loop: rank 0 serializes `object` for every message and gets a new
    /// `Vec<f64>` back; rank 1 deserializes and serializes again what it echoes.
    /// Returns the last object received (rank 1 ignores `object`).
    pub fn serde(&self, object: &[f64], times: &mut [f64]) -> Vec<f64> {
        let mut received = Vec::new();
        let mut then = wtime();
        for time in times {
            if self.rank == 0 {
                self.send_object(object);
                received = self.receive_object();
            } else {
                received = self.receive_object();
                self.send_object(&received);
            }
            let now = wtime();
            *time = now - then;
            then = now;
        }
        received
    }

    /// What mpi4py's `comm.send(obj)` does: serialize into a new byte buffer, send it.
    fn send_object(&self, object: &[f64]) {
        let bytes = postcard::to_allocvec(object).expect("f64s always serialize");
        self.peer.send_with_tag(&bytes[..], TAG);
    }

    /// What mpi4py's `comm.recv()` does: probe for the size, allocate that many bytes,
    /// receive, deserialize into a new object.
    fn receive_object(&self) -> Vec<f64> {
        let (bytes, _status) = self.peer.receive_vec_with_tag::<u8>(TAG);
        postcard::from_bytes(&bytes).expect("the peer sends a serialized Vec<f64>")
    }
}
