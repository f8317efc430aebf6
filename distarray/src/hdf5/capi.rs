//! The HDF5 C functions this module calls, looked up by name in the library loaded at
//! run time, each behind a safe method of [`Session`]. All of `hdf5`'s `unsafe` is here.
//!
//! # How it stays sound
//!
//! - **Types.** The function types below are copied from the HDF5 1.10 headers
//!   (`H5Dpublic.h`, `H5Fpublic.h`, …). Since 1.10 `hid_t` is `int64_t` (it was `int`
//!   before), `herr_t` is `int`, `hsize_t` is `unsigned long long`, and the enums passed
//!   by value (`H5S_seloper_t`, `H5FD_mpio_xfer_t`, `H5E_direction_t`) are C `int`s. The
//!   loader asks the library for its version first, with a function whose type has never
//!   changed, and refuses anything older than 1.10. `MPI_Comm` and `MPI_Info` are
//!   rsmpi's, from the headers of the MPI this program is built with, which is the MPI
//!   the library was built with (see `locate`).
//! - **One caller at a time.** The parallel builds of HDF5 are not thread-safe: two
//!   threads must never be inside the library at once. Every call goes through a
//!   [`Session`], and a session holds a process-wide lock for as long as it lives.
//! - **Identifiers.** HDF5 checks every identifier it is given, and answers a wrong or
//!   closed one with an error, never by touching memory. Each identifier opened here is
//!   an [`Id`], closed once (when dropped, or by [`Id::close`]) and unable to outlive
//!   its session.
//! - **Pointers.** Strings are `CString`s that outlive the call; arrays are Rust arrays
//!   at least as long as HDF5 reads or writes; a read or write is given a memory
//!   dataspace made, in the same method, from the length of its buffer.
//! - **The library stays.** It is loaded once and never unloaded: the function pointers
//!   are valid for the rest of the process, and HDF5's clean-up, which MPI_Finalize
//!   runs, finds its code where it was.

use std::ffi::{c_char, c_int, c_uint, c_void, CStr, CString};
use std::mem::ManuallyDrop;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

use libloading::Library;
use mpi::ffi::{MPI_Comm, MPI_Info};
use mpi::raw::AsRaw;
use mpi::topology::Communicator;

use super::locate::find_library;
use super::selection::Hyperslab;
use super::Error;

/// `hid_t`, the identifier of an open HDF5 object: `int64_t` since HDF5 1.10.
type Hid = i64;
/// `herr_t`: negative for failure.
type Herr = c_int;
/// `hsize_t`: sizes and indices in a dataspace.
type Hsize = u64;

/// The oldest HDF5 whose `hid_t` is 64 bits wide.
const OLDEST: (c_uint, c_uint) = (1, 10);
const H5P_DEFAULT: Hid = 0;
const H5E_DEFAULT: Hid = 0;
const H5F_ACC_RDONLY: c_uint = 0x0000;
const H5F_ACC_TRUNC: c_uint = 0x0002;
const H5S_SELECT_SET: c_int = 0;
const H5S_SELECT_OR: c_int = 1;
const H5FD_MPIO_COLLECTIVE: c_int = 1;
const H5E_WALK_UPWARD: c_int = 0;
/// The most dimensions a dataspace can have.
const H5S_MAX_RANK: usize = 32;

/// `H5E_error2_t`: one entry of HDF5's error stack. Only `desc` is read; the other
/// fields are there for the layout.
#[repr(C)]
struct ErrorRecord {
    _cls_id: Hid,
    _maj_num: Hid,
    _min_num: Hid,
    _line: c_uint,
    _func_name: *const c_char,
    _file_name: *const c_char,
    desc: *const c_char,
}

/// `H5E_walk2_t`, the callback of `H5Ewalk2`.
type Walker = extern "C" fn(c_uint, *const ErrorRecord, *mut c_void) -> Herr;
/// `herr_t (*)(hid_t)`: the `H5?close` functions.
type Close = unsafe extern "C" fn(Hid) -> Herr;

/// Declares [`Functions`], a field per C function, and its look-up by name.
macro_rules! functions {
    ($($name:ident($($arg:ty),*) -> $ret:ty;)*) => {
        /// The library's functions, with the types the HDF5 1.10 headers give them.
        #[allow(non_snake_case)]
        struct Functions {
            $($name: unsafe extern "C" fn($($arg),*) -> $ret,)*
        }

        impl Functions {
            fn look_up(library: &Library) -> Result<Functions, String> {
                let missing = |name: &str, error: libloading::Error| {
                    let serial = if name.contains("mpio") { " (a serial build of HDF5)" } else { "" };
                    format!("it has no function {name}{serial}: {error}")
                };
                Ok(Functions {
                    $($name: {
                        let name = concat!(stringify!($name), "\0");
                        // SAFETY: the field's type is the function's C type in HDF5
                        // 1.10 and later, the only versions `load` accepts (see the
                        // module's notes); the pointer is copied out of the symbol and
                        // stays valid because the library is never unloaded.
                        let symbol = unsafe { library.get(name.as_bytes()) };
                        *symbol.map_err(|e| missing(stringify!($name), e))?
                    },)*
                })
            }
        }
    };
}

functions! {
    H5open() -> Herr;
    H5Eset_auto2(Hid, *const c_void, *mut c_void) -> Herr;
    H5Ewalk2(Hid, c_int, Walker, *mut c_void) -> Herr;
    H5Pcreate(Hid) -> Hid;
    H5Pset_fapl_mpio(Hid, MPI_Comm, MPI_Info) -> Herr;
    H5Pset_dxpl_mpio(Hid, c_int) -> Herr;
    H5Pclose(Hid) -> Herr;
    H5Fcreate(*const c_char, c_uint, Hid, Hid) -> Hid;
    H5Fopen(*const c_char, c_uint, Hid) -> Hid;
    H5Fclose(Hid) -> Herr;
    H5Screate_simple(c_int, *const Hsize, *const Hsize) -> Hid;
    H5Sselect_hyperslab(Hid, c_int, *const Hsize, *const Hsize, *const Hsize, *const Hsize) -> Herr;
    H5Sselect_none(Hid) -> Herr;
    H5Sget_simple_extent_dims(Hid, *mut Hsize, *mut Hsize) -> c_int;
    H5Sclose(Hid) -> Herr;
    H5Dcreate2(Hid, *const c_char, Hid, Hid, Hid, Hid, Hid) -> Hid;
    H5Dopen2(Hid, *const c_char, Hid) -> Hid;
    H5Dget_space(Hid) -> Hid;
    H5Dwrite(Hid, Hid, Hid, Hid, Hid, *const c_void) -> Herr;
    H5Dread(Hid, Hid, Hid, Hid, Hid, *mut c_void) -> Herr;
    H5Dclose(Hid) -> Herr;
}

/// The loaded library: its functions, and the values of the global identifiers that
/// the C macros `H5P_FILE_ACCESS`, `H5P_DATASET_XFER` and `H5T_NATIVE_DOUBLE` read.
struct Api {
    f: Functions,
    file_access_class: Hid,
    transfer_class: Hid,
    native_double: Hid,
    /// Kept, never dropped: the functions above point into it.
    _library: Library,
}

/// Held by every [`Session`]: one thread inside HDF5 at a time.
static CALLS: Mutex<()> = Mutex::new(());
/// The library, loaded by the first session (or why it could not be).
static API: OnceLock<Result<Api, Error>> = OnceLock::new();

/// The right to call HDF5: the loaded library, and the lock that keeps other threads
/// out of it while this session lives.
pub(super) struct Session {
    api: &'static Api,
    _calls: MutexGuard<'static, ()>,
}

/// An open HDF5 object (a file, dataset, dataspace or property list), closed once.
pub(super) struct Id<'s> {
    id: Hid,
    close: (&'static str, Close),
    session: &'s Session,
}

impl Id<'_> {
    /// Closes the object now and reports HDF5's answer: what closing a file that was
    /// written should do, since that is when HDF5 writes what it still holds.
    pub(super) fn close(self) -> Result<(), Error> {
        let this = ManuallyDrop::new(self);
        // SAFETY: an identifier and nothing else; `this` is not dropped, so the object
        // is closed once.
        let code = unsafe { (this.close.1)(this.id) };
        this.session.check(this.close.0, code.into()).map(drop)
    }
}

impl Drop for Id<'_> {
    fn drop(&mut self) {
        // SAFETY: an identifier and nothing else, closed once (here, or in `close`,
        // which skips this). An error cannot be reported from a drop: `close` is for
        // the closes whose outcome matters.
        unsafe { (self.close.1)(self.id) };
    }
}

impl Session {
    /// Takes the lock, loading the library the first time.
    ///
    /// # Errors
    ///
    /// If no parallel HDF5 for this MPI is found, or the one found cannot be used.
    pub(super) fn start() -> Result<Session, Error> {
        let calls = CALLS.lock().unwrap_or_else(PoisonError::into_inner);
        let api = API.get_or_init(load).as_ref().map_err(Clone::clone)?;
        Ok(Session { api, _calls: calls })
    }

    /// A file-access property list for MPI-IO on `comm` (`H5Pset_fapl_mpio`): opening
    /// a file with it is collective over `comm`.
    pub(super) fn mpi_file_access<C>(&self, comm: &C) -> Result<Id<'_>, Error>
    where
        C: Communicator + AsRaw<Raw = MPI_Comm>,
    {
        let fapl = self.property_list(self.api.file_access_class)?;
        // SAFETY: `comm.as_raw()` is a live communicator while `comm` is borrowed, and
        // HDF5 keeps its own duplicate of it; RSMPI_INFO_NULL is a constant rsmpi sets
        // once, so reading it cannot race.
        let code =
            unsafe { (self.api.f.H5Pset_fapl_mpio)(fapl.id, comm.as_raw(), mpi::ffi::RSMPI_INFO_NULL) };
        self.check("H5Pset_fapl_mpio", code.into())?;
        Ok(fapl)
    }

    /// A dataset-transfer property list for collective MPI-IO (`H5Pset_dxpl_mpio`):
    /// every rank of the file's communicator then takes part in each read and write.
    pub(super) fn collective_transfer(&self) -> Result<Id<'_>, Error> {
        let dxpl = self.property_list(self.api.transfer_class)?;
        // SAFETY: an identifier and an integer.
        let code = unsafe { (self.api.f.H5Pset_dxpl_mpio)(dxpl.id, H5FD_MPIO_COLLECTIVE) };
        self.check("H5Pset_dxpl_mpio", code.into())?;
        Ok(dxpl)
    }

    fn property_list(&self, class: Hid) -> Result<Id<'_>, Error> {
        // SAFETY: an identifier and nothing else.
        let id = unsafe { (self.api.f.H5Pcreate)(class) };
        self.id("H5Pcreate", id, ("H5Pclose", self.api.f.H5Pclose))
    }

    /// Creates the file at `path`, emptying it if it exists (`H5Fcreate` with
    /// `H5F_ACC_TRUNC`, h5py's mode `'w'`).
    pub(super) fn create_file(&self, path: &Path, fapl: &Id<'_>) -> Result<Id<'_>, Error> {
        let path = c_string("H5Fcreate", path.as_os_str().as_bytes())?;
        // SAFETY: `path` is a NUL-terminated string alive for the call (HDF5 copies
        // it); the rest are identifiers and flags.
        let id = unsafe { (self.api.f.H5Fcreate)(path.as_ptr(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id) };
        self.id("H5Fcreate", id, ("H5Fclose", self.api.f.H5Fclose))
    }

    /// Opens the file at `path` for reading (`H5Fopen`).
    pub(super) fn open_file(&self, path: &Path, fapl: &Id<'_>) -> Result<Id<'_>, Error> {
        let path = c_string("H5Fopen", path.as_os_str().as_bytes())?;
        // SAFETY: as in `create_file`.
        let id = unsafe { (self.api.f.H5Fopen)(path.as_ptr(), H5F_ACC_RDONLY, fapl.id) };
        self.id("H5Fopen", id, ("H5Fclose", self.api.f.H5Fclose))
    }

    /// A dataspace of shape `dims`, every element selected (`H5Screate_simple`).
    pub(super) fn dataspace(&self, dims: &[u64]) -> Result<Id<'_>, Error> {
        let rank = c_int::try_from(dims.len()).unwrap_or(c_int::MAX);
        // SAFETY: HDF5 refuses a rank outside 0..=32 before reading anything, and
        // otherwise reads `rank` values from `dims`, which holds that many; a null
        // `maxdims` means "the same as dims".
        let id = unsafe { (self.api.f.H5Screate_simple)(rank, dims.as_ptr(), std::ptr::null()) };
        self.id("H5Screate_simple", id, ("H5Sclose", self.api.f.H5Sclose))
    }

    /// The shape of a dataspace (`H5Sget_simple_extent_dims`).
    pub(super) fn shape(&self, space: &Id<'_>) -> Result<Vec<u64>, Error> {
        let mut dims = [0; H5S_MAX_RANK];
        // SAFETY: HDF5 writes one value per dimension, at most H5S_MAX_RANK, and
        // `dims` has room for that many; a null `maxdims` is not written.
        let rank = unsafe {
            (self.api.f.H5Sget_simple_extent_dims)(space.id, dims.as_mut_ptr(), std::ptr::null_mut())
        };
        let rank = self.check("H5Sget_simple_extent_dims", rank.into())?;
        Ok(dims[..rank as usize].to_vec())
    }

    /// Selects the union of `slabs` in the 2-D dataspace `space`, or nothing at all
    /// when there are none (`H5Sselect_hyperslab`, `H5Sselect_none`).
    pub(super) fn select(&self, space: &Id<'_>, slabs: &[Hyperslab]) -> Result<(), Error> {
        let dims = self.shape(space)?;
        if dims.len() != 2 {
            let message = format!("a 2-D dataspace was expected, this one has shape {dims:?}");
            return Err(Error::Call {
                function: "H5Sselect_hyperslab",
                message,
            });
        }
        if slabs.is_empty() {
            // SAFETY: an identifier and nothing else.
            let code = unsafe { (self.api.f.H5Sselect_none)(space.id) };
            return self.check("H5Sselect_none", code.into()).map(drop);
        }
        for (k, slab) in slabs.iter().enumerate() {
            let op = if k == 0 { H5S_SELECT_SET } else { H5S_SELECT_OR };
            // SAFETY: HDF5 reads one value per dimension of `space` from each array,
            // and `space` has 2 dimensions (checked above), as each array has.
            let code = unsafe {
                (self.api.f.H5Sselect_hyperslab)(
                    space.id,
                    op,
                    slab.start.as_ptr(),
                    slab.stride.as_ptr(),
                    slab.count.as_ptr(),
                    slab.block.as_ptr(),
                )
            };
            self.check("H5Sselect_hyperslab", code.into())?;
        }
        Ok(())
    }

    /// Creates the dataset `name` of `f64`s, shaped as `space`, in the file's root
    /// group (`H5Dcreate2`, stored contiguously, as h5py stores it by default).
    pub(super) fn create_dataset(&self, file: &Id<'_>, name: &str, space: &Id<'_>) -> Result<Id<'_>, Error> {
        let name = c_string("H5Dcreate2", name.as_bytes())?;
        // SAFETY: `name` is a NUL-terminated string alive for the call; the rest are
        // identifiers.
        let id = unsafe {
            (self.api.f.H5Dcreate2)(
                file.id,
                name.as_ptr(),
                self.api.native_double,
                space.id,
                H5P_DEFAULT,
                H5P_DEFAULT,
                H5P_DEFAULT,
            )
        };
        self.id("H5Dcreate2", id, ("H5Dclose", self.api.f.H5Dclose))
    }

    /// Opens the dataset `name` (`H5Dopen2`).
    pub(super) fn open_dataset(&self, file: &Id<'_>, name: &str) -> Result<Id<'_>, Error> {
        let name = c_string("H5Dopen2", name.as_bytes())?;
        // SAFETY: as in `create_dataset`.
        let id = unsafe { (self.api.f.H5Dopen2)(file.id, name.as_ptr(), H5P_DEFAULT) };
        self.id("H5Dopen2", id, ("H5Dclose", self.api.f.H5Dclose))
    }

    /// A copy of the dataset's dataspace, to select in (`H5Dget_space`).
    pub(super) fn dataset_space(&self, dataset: &Id<'_>) -> Result<Id<'_>, Error> {
        // SAFETY: an identifier and nothing else.
        let id = unsafe { (self.api.f.H5Dget_space)(dataset.id) };
        self.id("H5Dget_space", id, ("H5Sclose", self.api.f.H5Sclose))
    }

    /// Writes `data` into the elements that `file_space` selects, in their C order
    /// (`H5Dwrite`).
    pub(super) fn write(
        &self,
        dataset: &Id<'_>,
        file_space: &Id<'_>,
        dxpl: &Id<'_>,
        data: &[f64],
    ) -> Result<(), Error> {
        let memory = self.dataspace(&[data.len() as u64])?;
        // SAFETY: the memory dataspace, made here from `data.len()`, has that many
        // elements, all selected, of type native double, which is `f64`: HDF5 reads
        // exactly `data`, and fails without reading if the file selection has another
        // number of elements.
        let code = unsafe {
            (self.api.f.H5Dwrite)(
                dataset.id,
                self.api.native_double,
                memory.id,
                file_space.id,
                dxpl.id,
                data.as_ptr().cast(),
            )
        };
        self.check("H5Dwrite", code.into()).map(drop)
    }

    /// Reads the elements that `file_space` selects into `data`, in their C order
    /// (`H5Dread`), converting them to `f64` if the dataset holds another number type.
    pub(super) fn read(
        &self,
        dataset: &Id<'_>,
        file_space: &Id<'_>,
        dxpl: &Id<'_>,
        data: &mut [f64],
    ) -> Result<(), Error> {
        let memory = self.dataspace(&[data.len() as u64])?;
        // SAFETY: as in `write`, HDF5 writes exactly `data.len()` `f64`s into `data`,
        // and any 8 bytes are a valid `f64`.
        let code = unsafe {
            (self.api.f.H5Dread)(
                dataset.id,
                self.api.native_double,
                memory.id,
                file_space.id,
                dxpl.id,
                data.as_mut_ptr().cast(),
            )
        };
        self.check("H5Dread", code.into()).map(drop)
    }

    /// `id` as an [`Id`] that `close` closes, or the error HDF5 reported.
    fn id(&self, function: &'static str, id: Hid, close: (&'static str, Close)) -> Result<Id<'_>, Error> {
        let id = self.check(function, id)?;
        Ok(Id {
            id,
            close,
            session: self,
        })
    }

    /// `code` if it is not negative; otherwise the error, with what HDF5's error stack
    /// says about it.
    fn check(&self, function: &'static str, code: i64) -> Result<i64, Error> {
        if code >= 0 {
            return Ok(code);
        }
        let mut lines: Vec<String> = Vec::new();
        // SAFETY: `collect` has the type H5E_walk2_t, and uses its last argument only
        // as the `Vec<String>` given here, which outlives the call.
        unsafe {
            (self.api.f.H5Ewalk2)(H5E_DEFAULT, H5E_WALK_UPWARD, collect, (&raw mut lines).cast());
        }
        Err(Error::Call {
            function,
            message: lines.join("; "),
        })
    }
}

/// One entry of the error stack: its description, on one line, appended to the
/// `Vec<String>` that `lines` points to. (The entry also names the library's internal
/// function, such as `H5FD__mpio_open`, which says little to a caller.)
extern "C" fn collect(_n: c_uint, record: *const ErrorRecord, lines: *mut c_void) -> Herr {
    // SAFETY: H5Ewalk2 passes a valid record, whose `desc` is null or a NUL-terminated
    // string alive while the walk runs; `lines` is the `Vec<String>` that
    // `Session::check` handed it, borrowed by nobody else during the walk.
    let (desc, lines) = unsafe { ((*record).desc, &mut *lines.cast::<Vec<String>>()) };
    if !desc.is_null() {
        // SAFETY: as above, a NUL-terminated string.
        let text = unsafe { CStr::from_ptr(desc) }.to_string_lossy();
        lines.push(text.lines().collect());
    }
    0
}

fn c_string(function: &'static str, bytes: &[u8]) -> Result<CString, Error> {
    CString::new(bytes).map_err(|_| Error::Call {
        function,
        message: "the name contains a NUL byte".into(),
    })
}

/// Loads the library: checks its version, looks up its functions, initializes it and
/// reads its global identifiers. HDF5's own printing of errors is turned off: they
/// come back as [`Error::Call`], with the error stack's text, for the caller to print
/// once (with every rank printing its stack, one failed collective call fills a
/// terminal).
fn load() -> Result<Api, Error> {
    let path = find_library()?;
    let unusable = |reason: String| Error::Unusable {
        path: path.clone(),
        reason,
    };
    // SAFETY: loading runs the library's initializers, which only set up static data
    // (HDF5 initializes itself on its first call), and brings in its dependencies:
    // `find_library` chose the build for the MPI library that this process runs, which
    // is loaded already.
    let library = unsafe { Library::new(&path) }.map_err(|e| unusable(e.to_string()))?;
    check_version(&library).map_err(unusable)?;
    let f = Functions::look_up(&library).map_err(unusable)?;
    // SAFETY: no arguments; the lock is held by the caller, `Session::start`.
    let opened = unsafe { (f.H5open)() };
    if opened < 0 {
        return Err(unusable("H5open failed".into()));
    }
    let global = |name: &str| {
        // SAFETY: the H5*_g variables are `hid_t`s, set by H5open above and not
        // changed afterwards; the lock keeps other threads out of HDF5 meanwhile.
        unsafe {
            library
                .get::<*const Hid>(name.as_bytes())
                .map(|variable| **variable)
        }
        .map_err(|e| unusable(format!("it has no variable {}: {e}", name.trim_end_matches('\0'))))
    };
    let file_access_class = global("H5P_CLS_FILE_ACCESS_ID_g\0")?;
    let transfer_class = global("H5P_CLS_DATASET_XFER_ID_g\0")?;
    let native_double = global("H5T_NATIVE_DOUBLE_g\0")?;
    // SAFETY: the default stack's identifier and two null pointers: no printing
    // function, no data for it.
    unsafe { (f.H5Eset_auto2)(H5E_DEFAULT, std::ptr::null(), std::ptr::null_mut()) };
    Ok(Api {
        f,
        file_access_class,
        transfer_class,
        native_double,
        _library: library,
    })
}

/// Refuses HDF5 older than 1.10, whose identifiers are 32 bits wide.
fn check_version(library: &Library) -> Result<(), String> {
    type Version = unsafe extern "C" fn(*mut c_uint, *mut c_uint, *mut c_uint) -> Herr;
    // SAFETY: `H5get_libversion` has had this type in every HDF5 release.
    let get = unsafe { library.get::<Version>(b"H5get_libversion\0") }
        .map_err(|e| format!("it is not HDF5: {e}"))?;
    let mut v: [c_uint; 3] = [0; 3];
    // SAFETY: three pointers to writable unsigned ints, which it fills.
    let code = unsafe { get(&raw mut v[0], &raw mut v[1], &raw mut v[2]) };
    if code < 0 || (v[0], v[1]) < OLDEST {
        let [major, minor, release] = v;
        return Err(format!(
            "it is HDF5 {major}.{minor}.{release}; 1.10 or newer is needed (identifiers grew to 64 bits in 1.10)"
        ));
    }
    Ok(())
}
