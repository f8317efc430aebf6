//! One-sided communication: a window of memory on every process, which the others
//! read and write with `MPI_Put`, `MPI_Get` and `MPI_Accumulate` between two fences.
//!
//! # Why this module exists
//!
//! In a send and a receive, both sides take part in every message. In one-sided
//! communication (remote memory access, RMA) each process exposes a piece of its memory
//! as a *window*, and the others put data into it, get data from it, or add to it,
//! without the owner doing anything but marking the start and the end of the access
//! period (an *epoch*) with a collective `MPI_Win_fence`. mpi4py offers this as
//! `MPI.Win.Allocate` (or `Create` over an array), `win.Put`, `win.Get`,
//! `win.Accumulate` and `win.Fence`; rsmpi 0.8 has no windows, so this module wraps
//! those C calls.
//!
//! ```no_run
//! use hpckit::mpi_ext::window::Window;
//! use mpi::collective::SystemOperation;
//! use mpi::traits::*;
//!
//! let universe = mpi::initialize().unwrap();
//! let world = universe.world();
//! let (rank, size) = (world.rank(), world.size());
//! let next = (rank + 1) % size;
//!
//! // Two i64 on every rank, zeroed.
//! let mut window = Window::<i64>::allocate(&world, 2);
//! let mine = [i64::from(rank)];
//! window.fence(|epoch| {
//!     // My rank into element 0 of the next rank's window, and added to element 1 of
//!     // rank 0's window.
//!     epoch.put(&mine, next, 0);
//!     epoch.accumulate(&mine, 0, 1, SystemOperation::sum());
//! });
//! // Both fences are done: the window's memory may be read again.
//! println!("{rank}: {:?}", window.local());
//! ```
//!
//! # How it stays safe
//!
//! An RMA call only *starts* a transfer: MPI may read a put's origin buffer, or write
//! a get's, at any moment until the fence that ends the epoch. Meanwhile other
//! processes may write into this process's window memory. So, until that fence, Rust
//! must neither change a put's origin, nor read a get's destination, nor touch the
//! window memory at all; and none of them may be freed.
//!
//! - The window owns its memory, so only the window reaches it, through
//!   [`local`](Window::local) and [`local_mut`](Window::local_mut), and frees it only
//!   after `MPI_Win_free`. It allocates that memory itself, aligned to 64 bytes, rather
//!   than borrowing yours: MPICH 4.0.2 (Debian 12's) puts data up to 15 bytes *before*
//!   the intended element when a window's memory does not start at a multiple of 16
//!   bytes, which an array on the stack need not.
//! - An epoch is a closure: [`fence`](Window::fence) fences, runs it, and fences again
//!   before it returns (also when the closure panics). It borrows the window mutably
//!   throughout, so `local()` cannot be called during the epoch.
//! - The closure receives an [`Epoch`] whose `put`, `get` and `accumulate` borrow their
//!   buffers for `'e`, a lifetime that, as in `std::thread::scope`, stands for the whole
//!   `fence` call: the buffers must be declared outside the closure, and they stay
//!   borrowed (shared for a put, exclusively for a get) until both fences are done.
//! - Why a closure, not a guard object that fences when dropped: `std::mem::forget` is
//!   safe, and would skip the closing fence while ending every borrow.
//! - Between epochs, the other processes cannot reach the window: MPI lets an access
//!   that starts after a fence reach its target only after the target's own fence,
//!   and a fence returns only once every access to its window in the epoch is done
//!   (MPI 3.1, section 11.5.1).
//! - Every rank's window length is exchanged when the window is made, and `put`, `get`
//!   and `accumulate` check the target range against it, so no access can fall outside
//!   the target's window (MPI implementations need not check this).
//! - Element types are [`AnyBitPattern`]: two conflicting accesses to one element in
//!   the same epoch (two puts, say) leave it undefined, which for these types is a
//!   wrong number but never an invalid value. Accumulates with the same operation to
//!   the same element do not conflict: MPI applies them one at a time.
//! - Dropping the window frees it (`MPI_Win_free`), which returns only when no process
//!   can access the memory any more; then the memory is freed. Forgetting the window
//!   only leaks the memory: no epoch is open, so no process can reach it again.
//!
//! # What is left to you
//!
//! Making a window, every fence and freeing it are *collective* over the
//! communicator: every rank must create the window, call [`fence`](Window::fence) the
//! same number of times, and drop the window (scope-based drop does that when all ranks
//! run the same code). A rank that skips one leaves the others waiting.
//!
//! Errors in MPI calls end the job: a window's default error handler is
//! MPI_ERRORS_ARE_FATAL (MPI 3.1, section 11.6), and rsmpi leaves that of the
//! communicator the window is made from in place. That covers an operation that does
//! not apply to the element type (`bitwise_and` on `f64`), for example. Target ranks
//! and ranges are checked by this module first, with a panic that names them.

use std::alloc::{alloc_zeroed, dealloc, handle_alloc_error, Layout};
use std::cell::Cell;
use std::marker::PhantomData;
use std::mem::{size_of, MaybeUninit};
use std::os::raw::c_int;
use std::ptr::NonNull;

use mpi::collective::SystemOperation;
use mpi::ffi::{self, MPI_Aint, MPI_Win};
use mpi::raw::AsRaw;
use mpi::topology::{Communicator, Rank};
use mpi::traits::*;

use super::AnyBitPattern;

/// The alignment of every window's memory. MPICH 4.0.2 needs 16 bytes (see the module
/// documentation); 64 is a cache line, so no two ranks' elements share one either.
const ALIGN: usize = 64;

/// A window (`MPI_Win_create`) over memory of its own, `len` elements of `T` on this
/// rank; freed collectively when dropped (`MPI_Win_free`).
pub struct Window<T> {
    handle: MPI_Win,
    /// The memory. MPI writes through this pointer, and Rust reaches the memory only
    /// through slices made from it between epochs.
    base: NonNull<T>,
    len: usize,
    /// Every rank's window length in elements, indexed by rank.
    lengths: Vec<usize>,
    _owns: PhantomData<T>,
}

impl<T: AnyBitPattern> Window<T> {
    /// Makes a window over `comm` with `len` zeroed elements of `T` on this rank
    /// (`MPI_Win_create`, collective: every rank calls it, each with its own length,
    /// which may be 0). Displacements count elements of `T`.
    ///
    /// # Panics
    ///
    /// If the ranks' element types differ in size (then displacements would mean
    /// different things on different ranks), on every rank; if the memory cannot be
    /// allocated.
    pub fn allocate<C>(comm: &C, len: usize) -> Self
    where
        C: Communicator + AsRaw<Raw = ffi::MPI_Comm>,
    {
        let lengths = all_lengths::<T, C>(comm, len);
        let base = allocate_zeroed::<T>(len);
        let bytes = MPI_Aint::try_from(len * size_of::<T>()).expect("the window's size fits an MPI_Aint");
        let unit = c_int::try_from(size_of::<T>()).expect("an element's size fits a C int");
        let mut handle = MaybeUninit::<MPI_Win>::uninit();
        // SAFETY: `base` and `bytes` describe memory that this window owns and frees
        // only after MPI_Win_free (in `drop`); `comm.as_raw()` is a live communicator
        // while borrowed (the window keeps its own reference); reading the constant
        // RSMPI_INFO_NULL, set once by rsmpi's C shim, cannot race; `handle` is
        // writable memory for one MPI_Win. An error ends the job (the communicator's
        // handler), so the handle is always written.
        let handle = unsafe {
            ffi::MPI_Win_create(
                base.as_ptr().cast(),
                bytes,
                unit,
                ffi::RSMPI_INFO_NULL,
                comm.as_raw(),
                handle.as_mut_ptr(),
            );
            handle.assume_init()
        };
        Window {
            handle,
            base,
            len,
            lengths,
            _owns: PhantomData,
        }
    }

    /// This process's window memory, to read between epochs.
    pub fn local(&self) -> &[T] {
        // SAFETY: `base` points to `len` initialized elements (zeroed, then written
        // only with valid `T`s) that this window owns. No epoch is open (`fence`
        // borrows the window mutably and closes its epoch before returning), so
        // neither MPI nor another process accesses the memory now.
        unsafe { std::slice::from_raw_parts(self.base.as_ptr(), self.len) }
    }

    /// This process's window memory, to change between epochs.
    pub fn local_mut(&mut self) -> &mut [T] {
        // SAFETY: as in `local`; `&mut self` makes this the only reference.
        unsafe { std::slice::from_raw_parts_mut(self.base.as_ptr(), self.len) }
    }

    /// One epoch: a fence, the RMA calls that `epoch` makes, and a fence
    /// (`MPI_Win_fence`, collective: every rank calls `fence` the same number of
    /// times). When this returns, every put, get and accumulate of the epoch is done,
    /// on both sides. Returns what `epoch` returns.
    ///
    /// The buffers given to the [`Epoch`] must outlive this call. Reading a get's
    /// destination inside the epoch does not compile (E0502: it is still lent to MPI):
    ///
    /// ```compile_fail,E0502
    /// # use hpckit::mpi_ext::window::Window;
    /// # let universe = mpi::initialize().unwrap();
    /// # let world = universe.world();
    /// let mut window = Window::<f64>::allocate(&world, 4);
    /// let mut got = [0.0; 2];
    /// window.fence(|epoch| {
    ///     epoch.get(&mut got, 0, 0);
    ///     println!("too early: {got:?}"); // MPI may still be writing it
    /// });
    /// ```
    ///
    /// nor does changing a put's origin (E0506), using a buffer that dies within the
    /// epoch (E0597: MPI could still read it after it is gone), or looking at the
    /// window's own memory, which other ranks may be writing (E0502):
    ///
    /// ```compile_fail,E0506
    /// # use hpckit::mpi_ext::window::Window;
    /// # let universe = mpi::initialize().unwrap();
    /// # let world = universe.world();
    /// let mut window = Window::<f64>::allocate(&world, 4);
    /// let mut data = [2.0; 2];
    /// window.fence(|epoch| {
    ///     epoch.put(&data, 0, 0);
    ///     data[0] = 3.0; // MPI may not have read it yet
    /// });
    /// ```
    ///
    /// ```compile_fail,E0597
    /// # use hpckit::mpi_ext::window::Window;
    /// # let universe = mpi::initialize().unwrap();
    /// # let world = universe.world();
    /// let mut window = Window::<f64>::allocate(&world, 4);
    /// window.fence(|epoch| {
    ///     let data = [2.0; 2];
    ///     epoch.put(&data, 0, 0);
    /// }); // `data` is gone before the closing fence
    /// ```
    ///
    /// ```compile_fail,E0502
    /// # use hpckit::mpi_ext::window::Window;
    /// # let universe = mpi::initialize().unwrap();
    /// # let world = universe.world();
    /// let mut window = Window::<f64>::allocate(&world, 4);
    /// window.fence(|_epoch| println!("{:?}", window.local()));
    /// ```
    pub fn fence<'env, R>(&'env mut self, epoch: impl for<'e> FnOnce(&'e Epoch<'e, 'env, T>) -> R) -> R {
        fence(self.handle);
        // Declared before the epoch: dropped after the closure is done with it, also
        // when the closure panics, so the epoch's buffers stay lent until the fence.
        let _closing = ClosingFence(self.handle);
        let open = Epoch {
            handle: self.handle,
            lengths: &self.lengths,
            _lifetimes: PhantomData,
            _elements: PhantomData,
        };
        epoch(&open)
    }
}

impl<T> Drop for Window<T> {
    fn drop(&mut self) {
        // After MPI_Finalize no MPI call is allowed, and MPI no longer uses the memory.
        if !mpi::environment::is_finalized() {
            // SAFETY: the handle is a live window with no open epoch (each `fence`
            // closes its own). MPI_Win_free is collective and returns once no process
            // can access the memory any more; it sets the handle to MPI_WIN_NULL,
            // which is never used again.
            unsafe {
                ffi::MPI_Win_free(&mut self.handle);
            }
        }
        if let Some(layout) = layout::<T>(self.len) {
            // SAFETY: `base` was allocated by `allocate_zeroed` with this very layout
            // (the same `len`), and MPI no longer uses it (see above).
            unsafe { dealloc(self.base.as_ptr().cast(), layout) };
        }
    }
}

/// `len` zeroed elements of `T`, aligned to [`ALIGN`]; a dangling (never dereferenced)
/// pointer for `len == 0`, which cannot be allocated.
fn allocate_zeroed<T: AnyBitPattern>(len: usize) -> NonNull<T> {
    let Some(layout) = layout::<T>(len) else {
        return NonNull::dangling();
    };
    // SAFETY: the layout has a non-zero size (`layout` returns `None` otherwise). The
    // zero bytes are valid `T`s (`AnyBitPattern`).
    let memory = unsafe { alloc_zeroed(layout) };
    NonNull::new(memory.cast()).unwrap_or_else(|| handle_alloc_error(layout))
}

/// The layout of a window of `len` elements; `None` if it has no bytes.
fn layout<T>(len: usize) -> Option<Layout> {
    let layout = Layout::array::<T>(len)
        .and_then(|array| array.align_to(ALIGN))
        .expect("the window's size fits an isize");
    (layout.size() > 0).then_some(layout)
}

/// The RMA calls of one epoch, handed to the closure of [`Window::fence`].
///
/// `'e` is invariant and stands for the whole `fence` call (the closure must accept any
/// `'e` up to `'env`): a buffer lent for `'e` stays lent until the closing fence.
pub struct Epoch<'e, 'env, T> {
    handle: MPI_Win,
    lengths: &'env [usize],
    // Invariant in both lifetimes, as `std::thread::Scope`: the closure cannot shrink
    // `'e` to fit a buffer that dies sooner.
    _lifetimes: PhantomData<(&'e mut &'e (), &'env mut &'env ())>,
    // Not `Sync`, so the epoch cannot be shared with a scoped thread: RMA calls are
    // made from the thread that owns the window.
    _elements: PhantomData<Cell<T>>,
}

impl<'e, T: AnyBitPattern> Epoch<'e, '_, T> {
    /// Writes `origin` into `target_rank`'s window from element `target_disp` on
    /// (`MPI_Put`). `origin` stays borrowed, unchangeable, until the epoch ends.
    ///
    /// # Panics
    ///
    /// If `target_rank` is not in the window's group, or the range
    /// `target_disp..target_disp + origin.len()` is not inside its window.
    pub fn put(&self, origin: &'e [T], target_rank: Rank, target_disp: usize) {
        let (count, disp) = self.target(target_rank, target_disp, origin.len());
        let datatype = T::equivalent_datatype();
        // SAFETY: the origin (pointer, count, datatype) is `origin`, borrowed for
        // `'e`, past the closing fence, after which MPI no longer reads it. The
        // target range is inside the target's window (checked above) and the target's
        // elements have the size of `T` (checked in `Window::allocate`). The window
        // is live: `fence` borrows it for `'env`, which outlives `'e`.
        unsafe {
            ffi::MPI_Put(
                origin.as_ptr().cast(),
                count,
                datatype.as_raw(),
                target_rank,
                disp,
                count,
                datatype.as_raw(),
                self.handle,
            );
        }
    }

    /// Reads `origin.len()` elements of `target_rank`'s window, from element
    /// `target_disp` on, into `origin` (`MPI_Get`). `origin` stays borrowed, unreadable,
    /// until the epoch ends: only then has the data arrived.
    ///
    /// # Panics
    ///
    /// As [`put`](Self::put).
    pub fn get(&self, origin: &'e mut [T], target_rank: Rank, target_disp: usize) {
        let (count, disp) = self.target(target_rank, target_disp, origin.len());
        let datatype = T::equivalent_datatype();
        // SAFETY: as in `put`; `origin` is borrowed exclusively for `'e`, so nothing
        // else reads or writes it while MPI fills it, with bytes that are a valid `T`
        // whatever they are (`AnyBitPattern`).
        unsafe {
            ffi::MPI_Get(
                origin.as_mut_ptr().cast(),
                count,
                datatype.as_raw(),
                target_rank,
                disp,
                count,
                datatype.as_raw(),
                self.handle,
            );
        }
    }

    /// Combines `origin` into `target_rank`'s window from element `target_disp` on,
    /// element by element, with `op` (`MPI_Accumulate`): with `SystemOperation::sum()`
    /// each target element becomes itself plus the origin's. Accumulates from several
    /// ranks to the same elements with the same `op` are all applied.
    ///
    /// # Panics
    ///
    /// As [`put`](Self::put). An `op` that does not apply to `T` is an MPI error,
    /// which ends the job.
    pub fn accumulate(&self, origin: &'e [T], target_rank: Rank, target_disp: usize, op: SystemOperation) {
        let (count, disp) = self.target(target_rank, target_disp, origin.len());
        let datatype = T::equivalent_datatype();
        // SAFETY: as in `put`; `op` is a predefined operation, which MPI_Accumulate
        // requires and which lives as long as MPI.
        unsafe {
            ffi::MPI_Accumulate(
                origin.as_ptr().cast(),
                count,
                datatype.as_raw(),
                target_rank,
                disp,
                count,
                datatype.as_raw(),
                op.as_raw(),
                self.handle,
            );
        }
    }

    /// Checks that elements `disp..disp + len` exist in `rank`'s window, and returns
    /// the MPI count and displacement for them.
    fn target(&self, rank: Rank, disp: usize, len: usize) -> (c_int, MPI_Aint) {
        let ranks = self.lengths.len();
        let window = usize::try_from(rank)
            .ok()
            .and_then(|r| self.lengths.get(r))
            .unwrap_or_else(|| {
                panic!("target rank {rank} is not in this window's group of {ranks} processes")
            });
        let end = disp.checked_add(len).filter(|&end| end <= *window);
        assert!(
            end.is_some(),
            "elements {disp}..{disp}+{len} are outside rank {rank}'s window of {window} elements"
        );
        let count = c_int::try_from(len).expect("more elements than an MPI count (a C int) can hold");
        let disp = MPI_Aint::try_from(disp).expect("a displacement inside a window fits an MPI_Aint");
        (count, disp)
    }
}

/// The fence that ends an epoch, when dropped.
struct ClosingFence(MPI_Win);

impl Drop for ClosingFence {
    fn drop(&mut self) {
        fence(self.0);
    }
}

/// `MPI_Win_fence` with no assertions: it completes every RMA call of the epoch it
/// ends, here and at the targets, and acts as the barrier that keeps the next epoch's
/// accesses away from a window until its owner fences too.
fn fence(handle: MPI_Win) {
    // SAFETY: `handle` is a live window: callers hold the `Window` (borrowed mutably
    // for the whole epoch). MPI_Win_fence takes no pointer.
    unsafe {
        ffi::MPI_Win_fence(0, handle);
    }
}

/// Every rank's window length, after checking that all ranks' elements have the size
/// of `T` (`MPI_Allgather` of both, collective).
fn all_lengths<T, C: Communicator>(comm: &C, len: usize) -> Vec<usize> {
    let mine = [len as u64, size_of::<T>() as u64];
    let mut all = vec![0_u64; 2 * usize::try_from(comm.size()).expect("a communicator's size is positive")];
    comm.all_gather_into(&mine, &mut all[..]);
    all.chunks_exact(2)
        .map(|pair| {
            assert_eq!(
                pair[1], mine[1],
                "every rank must make the window with elements of the same size"
            );
            usize::try_from(pair[0]).expect("a window's length fits a usize on every rank")
        })
        .collect()
}
