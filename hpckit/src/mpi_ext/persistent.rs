//! Persistent requests: `MPI_Send_init` / `MPI_Recv_init`, then `MPI_Start` and
//! `MPI_Wait` as many times as you like, and `MPI_Request_free` at the end.
//!
//! # Why this module exists
//!
//! A program that sends the same kind of message to the same peer again and again (a
//! halo exchange in every time step, a ring passed round after round) can describe the
//! message once and then only *start* it each time: MPI does the argument checking and
//! the set-up once, not per message. mpi4py offers this as `comm.Send_init` /
//! `comm.Recv_init`, which return a `Prequest` with `Start()` and `Wait()`. rsmpi 0.8
//! has no persistent requests at all (its `Request::wait` even asserts that a request
//! is not persistent), so this module wraps the four C calls.
//!
//! # How it stays safe
//!
//! MPI reads the send buffer, or writes the receive buffer, at any moment between
//! `MPI_Start` and the end of the matching `MPI_Wait`. Rust must not let anyone touch
//! the buffer in that window, and must not let it be freed while MPI may still write
//! into it:
//!
//! - [`PersistentSend`] and [`PersistentRecv`] take the buffer as `&'a mut` for their
//!   whole life, so the rest of the program cannot reach it; you reach it through
//!   [`buffer`](PersistentRecv::buffer) and [`buffer_mut`](PersistentSend::buffer_mut).
//! - [`start`](PersistentSend::start) borrows the request mutably and returns an
//!   [`Active`] operation that keeps that borrow until you [`wait`](Active::wait) on
//!   it. While it is active, `buffer()` and `buffer_mut()` do not compile.
//! - Dropping an [`Active`] waits for it; dropping a request waits if it is active,
//!   then frees it with `MPI_Request_free`.
//! - `std::mem::forget` can skip a destructor in safe Rust, so destructors alone are
//!   not enough. As rsmpi does for its own requests, every start is registered with
//!   a [`Scope`] (usually the one `mpi::request::scope` hands you). If a request is
//!   forgotten while active, the scope aborts the program when it ends, before the
//!   buffer it borrowed can be used again. And if only the [`Active`] is forgotten,
//!   the request remembers that it is active and waits before giving the buffer out.
//!
//! ```no_run
//! use hpckit::mpi_ext::persistent::{PersistentRecv, PersistentSend};
//! use mpi::traits::*;
//!
//! let universe = mpi::initialize().unwrap();
//! let world = universe.world();
//! let (rank, size) = (world.rank(), world.size());
//! let next = world.process_at_rank((rank + 1) % size);
//! let prev = world.process_at_rank((rank + size - 1) % size);
//!
//! let mut outgoing = [f64::from(rank)];
//! let mut incoming = [0.0];
//! mpi::request::scope(|scope| {
//!     // Described once...
//!     let mut send = PersistentSend::new(scope, &next, &mut outgoing[..], 0);
//!     let mut recv = PersistentRecv::new(scope, &prev, &mut incoming[..], 0);
//!     for _ in 1..size {
//!         // ...started and completed in every round.
//!         let receiving = recv.start();
//!         let sending = send.start();
//!         receiving.wait();
//!         sending.wait();
//!         // Both are inactive again: the buffers may be read and written.
//!         send.buffer_mut().copy_from_slice(recv.buffer());
//!     }
//! });
//! ```

use std::cell::Cell;
use std::marker::PhantomData;
use std::mem::MaybeUninit;

use mpi::datatype::BufferMut;
use mpi::ffi::{self, MPI_Request, MPI_Status};
use mpi::point_to_point::{Destination, Source, Status};
use mpi::raw::AsRaw;
use mpi::request::Scope;
use mpi::Tag;

/// What a persistent send and a persistent receive have in common: the MPI request
/// handle, whether it is active (started and not yet waited for), and the scope that
/// each start is registered with.
struct Core<'a, S: Scope<'a>> {
    request: Cell<MPI_Request>,
    active: Cell<bool>,
    scope: S,
    // `'a` invariant, as in rsmpi's `Request`: a request may not be moved to a scope
    // of another lifetime.
    _scope_lifetime: PhantomData<Cell<&'a ()>>,
}

impl<'a, S: Scope<'a>> Core<'a, S> {
    fn new(request: MPI_Request, scope: S) -> Self {
        Core {
            request: Cell::new(request),
            active: Cell::new(false),
            scope,
            _scope_lifetime: PhantomData,
        }
    }

    /// `MPI_Start`. The caller holds `&mut` on the request, so no `Active` exists.
    fn start(&self) {
        // Still active only if the previous `Active` was leaked with `mem::forget`:
        // starting an active request is an error in MPI, so complete it first.
        self.finish();
        let mut request = self.request.get();
        // SAFETY: `request` came from MPI_Send_init/MPI_Recv_init, has not been freed
        // (that only happens in `drop`) and is inactive (see above), which is what
        // MPI_Start requires. Its buffer stays borrowed by the owner of this `Core` until the
        // request is freed, and the registration below makes the scope abort the
        // program if the request is leaked while active.
        unsafe {
            ffi::MPI_Start(&mut request);
        }
        self.request.set(request);
        self.scope.register();
        self.active.set(true);
    }

    /// `MPI_Wait` if the request is active; `None` if there was nothing to wait for.
    fn finish(&self) -> Option<Status> {
        if !self.active.get() {
            return None;
        }
        let mut request = self.request.get();
        let mut status = MaybeUninit::<MPI_Status>::uninit();
        // SAFETY: the request is a live, active persistent request (see `start`), and
        // `status` points to writable memory for one MPI_Status, which MPI_Wait fills.
        // MPI_Wait leaves a persistent request allocated and inactive, so the handle
        // stays valid for the next start.
        let status = unsafe {
            ffi::MPI_Wait(&mut request, status.as_mut_ptr());
            status.assume_init()
        };
        self.request.set(request);
        self.active.set(false);
        // SAFETY: this undoes the `register` of the matching `start`, exactly once:
        // `active` was true and is now false.
        unsafe { self.scope.unregister() };
        Some(Status::from_raw(status))
    }
}

impl<'a, S: Scope<'a>> Drop for Core<'a, S> {
    fn drop(&mut self) {
        // After MPI_Finalize every request is gone and no MPI call is allowed.
        if mpi::environment::is_finalized() {
            return;
        }
        // Waiting first is what makes freeing harmless: once the request is inactive,
        // MPI no longer uses the buffer, which the owner may then give back.
        self.finish();
        let mut request = self.request.get();
        // SAFETY: the request is live and inactive; MPI_Request_free releases it and
        // sets the handle to MPI_REQUEST_NULL. It is never used again.
        unsafe {
            ffi::MPI_Request_free(&mut request);
        }
    }
}

/// A started persistent operation, returned by [`PersistentSend::start`] and
/// [`PersistentRecv::start`]. It borrows its request mutably until you
/// [`wait`](Active::wait) for it (or drop it, which waits too), so the buffer cannot
/// be reached in between. This does not compile (error E0502: `recv` is still
/// borrowed mutably by `receiving`):
///
/// ```compile_fail,E0502
/// # use hpckit::mpi_ext::persistent::PersistentRecv;
/// # use mpi::traits::*;
/// # let universe = mpi::initialize().unwrap();
/// # let world = universe.world();
/// let mut incoming = [0.0; 3];
/// mpi::request::scope(|scope| {
///     let mut recv = PersistentRecv::new(scope, &world.any_process(), &mut incoming[..], 0);
///     let receiving = recv.start();
///     println!("too early: {:?}", recv.buffer()); // the message may be half written
///     receiving.wait();
/// });
/// ```
#[must_use = "an operation is only complete, and its buffer usable, after wait()"]
pub struct Active<'r, 'a, S: Scope<'a>> {
    core: &'r Core<'a, S>,
}

impl<'a, S: Scope<'a>> Active<'_, 'a, S> {
    /// Waits until the operation completes (`MPI_Wait`) and returns its status: for a
    /// receive, the source, the tag and the length of the message that arrived.
    pub fn wait(self) -> Status {
        self.core
            .finish()
            .expect("an Active operation is active until it is waited for")
    }
}

impl<'a, S: Scope<'a>> Drop for Active<'_, 'a, S> {
    fn drop(&mut self) {
        // After `wait` this does nothing.
        self.core.finish();
    }
}

/// A persistent send (`MPI_Send_init`): the same buffer, to the same destination,
/// with the same tag, started as many times as you like.
///
/// The buffer is borrowed for the request's whole life; between operations you read
/// and change it with [`buffer`](Self::buffer) and [`buffer_mut`](Self::buffer_mut).
pub struct PersistentSend<'a, Buf: ?Sized, S: Scope<'a>> {
    core: Core<'a, S>,
    buf: &'a mut Buf,
}

impl<'a, Buf: ?Sized + BufferMut, S: Scope<'a>> PersistentSend<'a, Buf, S> {
    /// Describes the message (`MPI_Send_init`): `buf` to `dest` with tag `tag`.
    /// Nothing is sent until [`start`](Self::start).
    ///
    /// `D: 'a` keeps the communicator that `dest` belongs to alive for as long as the
    /// buffer is lent, so it cannot be freed under an active request.
    pub fn new<D: Destination + ?Sized + 'a>(scope: S, dest: &D, buf: &'a mut Buf, tag: Tag) -> Self {
        let mut request = MaybeUninit::<MPI_Request>::uninit();
        // SAFETY: pointer, count and datatype describe `buf`, which stays borrowed
        // (and so alive and untouched by others) for as long as the request exists;
        // the communicator is live and stays so for `'a` (`D: 'a`); `request` is
        // writable memory for one handle, which MPI_Send_init fills in.
        let request = unsafe {
            ffi::MPI_Send_init(
                buf.pointer_mut().cast_const(),
                buf.count(),
                buf.as_datatype().as_raw(),
                dest.destination_rank(),
                tag,
                dest.as_communicator().as_raw(),
                request.as_mut_ptr(),
            );
            request.assume_init()
        };
        PersistentSend {
            core: Core::new(request, scope),
            buf,
        }
    }

    /// Starts one send of the buffer as it is now (`MPI_Start`). Until the returned
    /// [`Active`] is waited for, `self` stays borrowed: the buffer cannot change.
    pub fn start(&mut self) -> Active<'_, 'a, S> {
        self.core.start();
        Active { core: &self.core }
    }

    /// The buffer, to read between operations.
    pub fn buffer(&self) -> &Buf {
        // Only active if an `Active` was leaked with `mem::forget`: then wait here.
        self.core.finish();
        self.buf
    }

    /// The buffer, to change what the next [`start`](Self::start) sends.
    pub fn buffer_mut(&mut self) -> &mut Buf {
        self.core.finish();
        self.buf
    }
}

/// A persistent receive (`MPI_Recv_init`): into the same buffer, from the same source
/// (which may be `world.any_process()`), with the same tag, as many times as you like.
///
/// The buffer is borrowed for the request's whole life; after each
/// [`wait`](Active::wait) you read the message with [`buffer`](Self::buffer).
pub struct PersistentRecv<'a, Buf: ?Sized, S: Scope<'a>> {
    core: Core<'a, S>,
    buf: &'a mut Buf,
}

impl<'a, Buf: ?Sized + BufferMut, S: Scope<'a>> PersistentRecv<'a, Buf, S> {
    /// Describes the receive (`MPI_Recv_init`): into `buf`, from `source`, with tag
    /// `tag`. Nothing is received until [`start`](Self::start). As for a send, the
    /// communicator must outlive `'a`.
    pub fn new<Src: Source + ?Sized + 'a>(scope: S, source: &Src, buf: &'a mut Buf, tag: Tag) -> Self {
        let mut request = MaybeUninit::<MPI_Request>::uninit();
        // SAFETY: as in `PersistentSend::new`; MPI will write into `buf`, which is
        // exclusively borrowed for as long as the request exists.
        let request = unsafe {
            ffi::MPI_Recv_init(
                buf.pointer_mut(),
                buf.count(),
                buf.as_datatype().as_raw(),
                source.source_rank(),
                tag,
                source.as_communicator().as_raw(),
                request.as_mut_ptr(),
            );
            request.assume_init()
        };
        PersistentRecv {
            core: Core::new(request, scope),
            buf,
        }
    }

    /// Starts one receive into the buffer (`MPI_Start`). Until the returned
    /// [`Active`] is waited for, `self` stays borrowed: the buffer cannot be read.
    pub fn start(&mut self) -> Active<'_, 'a, S> {
        self.core.start();
        Active { core: &self.core }
    }

    /// The buffer: what the last completed receive put there.
    pub fn buffer(&self) -> &Buf {
        self.core.finish();
        self.buf
    }

    /// The buffer, writable between operations (to clear it, say).
    pub fn buffer_mut(&mut self) -> &mut Buf {
        self.core.finish();
        self.buf
    }
}
