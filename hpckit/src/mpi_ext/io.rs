//! MPI-IO: one file, opened by all the processes of a communicator together, each of
//! them reading and writing its own part of it.
//!
//! # Why this module exists
//!
//! When every rank holds a piece of a result, writing one file per rank leaves the
//! reader to glue the pieces together, and funnelling everything through rank 0 makes
//! one process do all the I/O. MPI-IO lets every rank write its piece straight into
//! the right place of one shared file, in a collective call that the MPI library may
//! turn into a few large, well-aligned writes. mpi4py offers it as `MPI.File`
//! (`Open`, `Write_at_all`, `Set_view`, `Write_all`, …); rsmpi 0.8 has no file
//! functions at all, so this module wraps the few C calls that those need.
//!
//! Two ways to say where a rank's data goes, as in mpi4py's tutorial:
//!
//! - at an explicit offset: [`File::write_at_all`] and [`File::read_at_all`];
//! - through a *file view* ([`File::set_view`]): a displacement and a datatype (the
//!   filetype) that together select which parts of the file this rank sees; then
//!   [`File::write_all`] and [`File::read_all`] fill the selected parts in order. With
//!   a strided vector as the filetype, the ranks' elements interleave in the file.
//!
//! ```no_run
//! use hpckit::mpi_ext::io::{File, Mode};
//! use mpi::datatype::UserDatatype;
//! use mpi::traits::*;
//!
//! let universe = mpi::initialize().unwrap();
//! let world = universe.world();
//! let (rank, size) = (world.rank(), world.size());
//!
//! // Contiguous: rank r writes its ten numbers at byte offset r × 80.
//! let buffer = [i64::from(rank); 10];
//! let mut file = File::open(&world, "datafile.contig", Mode::WRONLY | Mode::CREATE)?;
//! let offset = rank as u64 * std::mem::size_of_val(&buffer) as u64;
//! file.write_at_all(offset, &buffer)?;
//! file.close()?;
//!
//! // Non-contiguous: the file holds 0 1 2 3 0 1 2 3 … at 4 ranks. Rank r sees every
//! // size-th int, starting with the r-th.
//! let item_count = 10;
//! let buffer = vec![rank; item_count as usize];
//! let filetype = UserDatatype::vector(item_count, 1, size, &i32::equivalent_datatype());
//! let mut file = File::open(&world, "datafile.noncontig", Mode::WRONLY | Mode::CREATE)?;
//! let displacement = rank as u64 * std::mem::size_of::<i32>() as u64;
//! file.set_view(displacement, &i32::equivalent_datatype(), &filetype)?;
//! file.write_all(&buffer)?;
//! file.close()?;
//! # Ok::<(), hpckit::mpi_ext::io::IoError>(())
//! ```
//!
//! # How it stays safe
//!
//! - Every read and write here is *blocking*: MPI uses the buffer only while the call
//!   runs, and the call borrows it (`&[T]` to write, `&mut [T]` to read) for exactly
//!   that time. Pointer, length and datatype all come from the one slice, and rsmpi's
//!   `Equivalence` ties `T` to an MPI datatype of its own layout, so MPI touches no
//!   byte outside the slice.
//! - A read fills the buffer with whatever bytes the file holds, so reads take only
//!   element types for which any bytes are a valid value ([`AnyBitPattern`]).
//! - The file handle lives in [`File`], which closes it (`MPI_File_close`) when
//!   dropped, once. The communicator and the view's datatypes may be dropped while the
//!   file is open: the standard allows freeing them once the call that used them has
//!   returned (I/O chapter, "Miscellaneous Clarifications"), as mpi4py's example does
//!   with its filetype.
//!
//! # Errors, and what is left to you
//!
//! Unlike communication calls, whose errors end the job (rsmpi leaves MPI's default
//! handler, MPI_ERRORS_ARE_FATAL, on the communicators), file calls report their
//! errors: MPI's default error handler for files is MPI_ERRORS_RETURN. So every method
//! returns an [`IoError`] with MPI's own message, such as a missing folder in the path.
//!
//! Opening, closing, setting a view and the `…_all` reads and writes are *collective*:
//! every process of the communicator must make the same calls in the same order (each
//! with its own offset and data). A rank that skips one leaves the others waiting in
//! it, as with any collective. This includes closing: drop (or [`close`](File::close))
//! the file on every rank.
//!
//! Writes become visible to other processes' reads once the file has been closed and
//! opened again (or after `MPI_File_sync`, which this module does not offer): reading
//! back what another rank wrote through the same open file is not guaranteed to see it.

use std::ffi::CString;
use std::fmt;
use std::mem::MaybeUninit;
use std::ops::BitOr;
use std::os::raw::c_int;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use mpi::datatype::Datatype;
use mpi::ffi::{self, MPI_File, MPI_Offset};
use mpi::raw::AsRaw;
use mpi::topology::Communicator;
use mpi::traits::Equivalence;

use super::AnyBitPattern;

/// How to open a file, combined with `|` as in C and mpi4py:
/// `Mode::WRONLY | Mode::CREATE` is `MPI.MODE_WRONLY | MPI.MODE_CREATE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mode(c_int);

// The MPI headers define the modes as small positive `#define`s, which bindgen turns
// into `u32` constants: `as` cannot change their value.
impl Mode {
    /// Read only (`MPI_MODE_RDONLY`).
    pub const RDONLY: Mode = Mode(ffi::MPI_MODE_RDONLY as c_int);
    /// Write only (`MPI_MODE_WRONLY`).
    pub const WRONLY: Mode = Mode(ffi::MPI_MODE_WRONLY as c_int);
    /// Read and write (`MPI_MODE_RDWR`).
    pub const RDWR: Mode = Mode(ffi::MPI_MODE_RDWR as c_int);
    /// Create the file if it does not exist (`MPI_MODE_CREATE`). An existing file is
    /// not emptied: see [`File::set_size`].
    pub const CREATE: Mode = Mode(ffi::MPI_MODE_CREATE as c_int);
    /// With `CREATE`: fail if the file exists already (`MPI_MODE_EXCL`).
    pub const EXCL: Mode = Mode(ffi::MPI_MODE_EXCL as c_int);
}

impl BitOr for Mode {
    type Output = Mode;

    fn bitor(self, other: Mode) -> Mode {
        Mode(self.0 | other.0)
    }
}

/// A file call that failed: which MPI function, and MPI's message for its error code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IoError {
    call: &'static str,
    message: String,
}

impl IoError {
    /// The MPI function that failed, such as `"MPI_File_open"`.
    pub fn call(&self) -> &'static str {
        self.call
    }

    /// What went wrong, in the MPI library's words.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for IoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed: {}", self.call, self.message)
    }
}

impl std::error::Error for IoError {}

/// A file opened collectively by every process of a communicator (`MPI_File_open`),
/// closed collectively when dropped (`MPI_File_close`).
///
/// Offsets passed to [`write_at_all`](Self::write_at_all) and
/// [`read_at_all`](Self::read_at_all) count *etypes* of the current view: bytes until
/// you call [`set_view`](Self::set_view), then elements of the view's etype.
#[derive(Debug)]
pub struct File {
    handle: MPI_File,
}

impl File {
    /// Opens `path` on every process of `comm` (`MPI_File_open`, collective: all must
    /// pass the same path and mode). The view is the whole file as bytes.
    ///
    /// # Errors
    ///
    /// If MPI cannot open the file (a missing folder, no permission, `EXCL` and the
    /// file exists, …), or `path` contains a NUL byte.
    pub fn open<C>(comm: &C, path: impl AsRef<Path>, mode: Mode) -> Result<File, IoError>
    where
        C: Communicator + AsRaw<Raw = ffi::MPI_Comm>,
    {
        let path = CString::new(path.as_ref().as_os_str().as_bytes()).map_err(|_| IoError {
            call: "MPI_File_open",
            message: "the path contains a NUL byte".into(),
        })?;
        let mut handle = MaybeUninit::<MPI_File>::uninit();
        // SAFETY: `comm.as_raw()` is a live communicator while `comm` is borrowed (MPI
        // keeps its own reference for the file); `path` is a NUL-terminated string
        // that outlives the call; reading the constant RSMPI_INFO_NULL, which rsmpi's
        // C shim sets once from MPI_INFO_NULL, cannot race; `handle` is writable
        // memory for one MPI_File.
        let code = unsafe {
            ffi::MPI_File_open(
                comm.as_raw(),
                path.as_ptr(),
                mode.0,
                ffi::RSMPI_INFO_NULL,
                handle.as_mut_ptr(),
            )
        };
        check("MPI_File_open", code)?;
        // SAFETY: MPI_File_open succeeded, so it wrote the new handle.
        let handle = unsafe { handle.assume_init() };
        Ok(File { handle })
    }

    /// Sets this process's view of the file (`MPI_File_set_view`, collective): the
    /// view starts `displacement` bytes into the file, counts in units of `etype`, and
    /// shows only the parts that `filetype` selects, repeated end to end. Every process
    /// must pass the same etype; displacement and filetype may differ.
    ///
    /// rsmpi's `Datatype` types are committed, as MPI requires here. They may be
    /// dropped once this returns: MPI keeps what it needs.
    ///
    /// # Errors
    ///
    /// If MPI rejects the view, for example a filetype that is not made of etypes.
    ///
    /// # Panics
    ///
    /// If `displacement` exceeds `MPI_Offset`'s range.
    pub fn set_view<E, F>(&mut self, displacement: u64, etype: &E, filetype: &F) -> Result<(), IoError>
    where
        E: Datatype,
        F: Datatype,
    {
        // SAFETY: the file handle is open (it is closed only by `close_handle`); both
        // datatypes are live and committed while borrowed; "native" is a
        // NUL-terminated literal; MPI_INFO_NULL as in `open`. MPI keeps no pointer
        // to any argument after the call.
        let code = unsafe {
            ffi::MPI_File_set_view(
                self.handle,
                mpi_offset(displacement),
                etype.as_raw(),
                filetype.as_raw(),
                c"native".as_ptr(),
                ffi::RSMPI_INFO_NULL,
            )
        };
        check("MPI_File_set_view", code)
    }

    /// Writes `data` at `offset` (in etypes of the view), every process at once
    /// (`MPI_File_write_at_all`, collective).
    ///
    /// # Errors
    ///
    /// If the write fails, for example on a file opened read-only.
    ///
    /// # Panics
    ///
    /// If `offset` exceeds `MPI_Offset`'s range, or `data` has more than `i32::MAX`
    /// elements (MPI counts are C ints).
    pub fn write_at_all<T: Equivalence>(&mut self, offset: u64, data: &[T]) -> Result<(), IoError> {
        let datatype = T::equivalent_datatype();
        // SAFETY: pointer, count and datatype describe exactly the elements of
        // `data`, which is borrowed until the call returns; the call is blocking, so
        // MPI keeps no pointer to it. `datatype` lives until after the call.
        // RSMPI_STATUS_IGNORE is a constant (see `open` for reading it).
        let code = unsafe {
            ffi::MPI_File_write_at_all(
                self.handle,
                mpi_offset(offset),
                data.as_ptr().cast(),
                mpi_count(data.len()),
                datatype.as_raw(),
                ffi::RSMPI_STATUS_IGNORE,
            )
        };
        check("MPI_File_write_at_all", code)
    }

    /// Writes `data` through the view, every process at once (`MPI_File_write_all`,
    /// collective): the elements go, in order, to the parts of the file that this
    /// process's filetype selects, starting at the view's beginning.
    ///
    /// # Errors
    ///
    /// As [`write_at_all`](Self::write_at_all).
    ///
    /// # Panics
    ///
    /// If `data` has more than `i32::MAX` elements.
    pub fn write_all<T: Equivalence>(&mut self, data: &[T]) -> Result<(), IoError> {
        let datatype = T::equivalent_datatype();
        // SAFETY: as in `write_at_all`.
        let code = unsafe {
            ffi::MPI_File_write_all(
                self.handle,
                data.as_ptr().cast(),
                mpi_count(data.len()),
                datatype.as_raw(),
                ffi::RSMPI_STATUS_IGNORE,
            )
        };
        check("MPI_File_write_all", code)
    }

    /// Reads into `buf` from `offset` (in etypes of the view), every process at once
    /// (`MPI_File_read_at_all`, collective).
    ///
    /// Read only what the file holds (see [`size`](Self::size)). The standard says
    /// that a read stops at the end of the file, but past it MPICH 4.0 and Open MPI 4.1
    /// both fill the buffer with zeros and count them as read, so the status cannot
    /// tell where the file ended, and this method does not return it.
    ///
    /// # Errors
    ///
    /// If the read fails, for example on a file opened write-only.
    ///
    /// # Panics
    ///
    /// As [`write_at_all`](Self::write_at_all).
    pub fn read_at_all<T: AnyBitPattern>(&mut self, offset: u64, buf: &mut [T]) -> Result<(), IoError> {
        let datatype = T::equivalent_datatype();
        // SAFETY: pointer, count and datatype describe exactly the elements of `buf`,
        // which is borrowed mutably until the call returns (blocking: MPI keeps no
        // pointer). Any bytes MPI writes there are a valid `T` (`AnyBitPattern`).
        // RSMPI_STATUS_IGNORE is a constant (see `open` for reading it).
        let code = unsafe {
            ffi::MPI_File_read_at_all(
                self.handle,
                mpi_offset(offset),
                buf.as_mut_ptr().cast(),
                mpi_count(buf.len()),
                datatype.as_raw(),
                ffi::RSMPI_STATUS_IGNORE,
            )
        };
        check("MPI_File_read_at_all", code)
    }

    /// Reads into `buf` through the view, every process at once (`MPI_File_read_all`,
    /// collective), from the parts of the file that this process's filetype selects.
    /// As for [`read_at_all`](Self::read_at_all), read only what the file holds.
    ///
    /// # Errors
    ///
    /// As [`read_at_all`](Self::read_at_all).
    ///
    /// # Panics
    ///
    /// If `buf` has more than `i32::MAX` elements.
    pub fn read_all<T: AnyBitPattern>(&mut self, buf: &mut [T]) -> Result<(), IoError> {
        let datatype = T::equivalent_datatype();
        // SAFETY: as in `read_at_all`.
        let code = unsafe {
            ffi::MPI_File_read_all(
                self.handle,
                buf.as_mut_ptr().cast(),
                mpi_count(buf.len()),
                datatype.as_raw(),
                ffi::RSMPI_STATUS_IGNORE,
            )
        };
        check("MPI_File_read_all", code)
    }

    /// The file's size in bytes (`MPI_File_get_size`; not collective).
    ///
    /// # Errors
    ///
    /// If MPI cannot tell.
    pub fn size(&self) -> Result<u64, IoError> {
        let mut size: MPI_Offset = 0;
        // SAFETY: the handle is open; `size` is writable memory for one MPI_Offset.
        let code = unsafe { ffi::MPI_File_get_size(self.handle, &mut size) };
        check("MPI_File_get_size", code)?;
        Ok(u64::try_from(size).expect("MPI reports a file size of at least 0"))
    }

    /// Cuts the file to `size` bytes, or extends it (`MPI_File_set_size`, collective:
    /// all must pass the same size). `Mode::CREATE` keeps an existing file's bytes, so
    /// `set_size(0)` is how to start a rewritten file empty.
    ///
    /// # Errors
    ///
    /// If MPI cannot resize the file (opened read-only, say).
    ///
    /// # Panics
    ///
    /// If `size` exceeds `MPI_Offset`'s range.
    pub fn set_size(&mut self, size: u64) -> Result<(), IoError> {
        // SAFETY: the handle is open; MPI_File_set_size takes no pointer.
        let code = unsafe { ffi::MPI_File_set_size(self.handle, mpi_offset(size)) };
        check("MPI_File_set_size", code)
    }

    /// Closes the file (`MPI_File_close`, collective) and reports an error, which
    /// dropping the `File` would ignore.
    ///
    /// # Errors
    ///
    /// If MPI fails to close the file, for example when writing out buffered data.
    pub fn close(mut self) -> Result<(), IoError> {
        self.close_handle()
    }

    /// `MPI_File_close` unless the handle is closed already; afterwards it is.
    fn close_handle(&mut self) -> Result<(), IoError> {
        // SAFETY: reading a constant, see `open`.
        let null = unsafe { ffi::RSMPI_FILE_NULL };
        if self.handle == null {
            return Ok(());
        }
        // SAFETY: the handle is open (not MPI_FILE_NULL). MPI_File_close releases it
        // and sets it to MPI_FILE_NULL; we set that ourselves too, in case of an
        // error, so that it is never closed twice.
        let code = unsafe { ffi::MPI_File_close(&mut self.handle) };
        self.handle = null;
        check("MPI_File_close", code)
    }
}

impl Drop for File {
    fn drop(&mut self) {
        // After MPI_Finalize no MPI call is allowed (and every file is gone).
        if mpi::environment::is_finalized() {
            return;
        }
        // As std::fs::File does, a drop ignores a failure to close; `close` reports it.
        let _ = self.close_handle();
    }
}

/// `Ok` for MPI_SUCCESS, else the call's name and MPI's message for `code`.
fn check(call: &'static str, code: c_int) -> Result<(), IoError> {
    if code == ffi::MPI_SUCCESS as c_int {
        return Ok(());
    }
    let mut text = vec![0u8; ffi::MPI_MAX_ERROR_STRING as usize];
    let mut len: c_int = 0;
    // SAFETY: `text` has room for MPI_MAX_ERROR_STRING characters, the most that
    // MPI_Error_string writes; `len` receives the length it wrote. The function may
    // be called at any time, even for a code it does not know.
    unsafe { ffi::MPI_Error_string(code, text.as_mut_ptr().cast(), &mut len) };
    text.truncate(usize::try_from(len).unwrap_or(0));
    Err(IoError {
        call,
        message: String::from_utf8_lossy(&text).into_owned(),
    })
}

fn mpi_offset(bytes_or_etypes: u64) -> MPI_Offset {
    MPI_Offset::try_from(bytes_or_etypes).expect("offset beyond MPI_Offset's range")
}

fn mpi_count(len: usize) -> c_int {
    c_int::try_from(len).expect("more elements than an MPI count (a C int) can hold")
}
