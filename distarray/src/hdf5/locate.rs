//! Where the parallel HDF5 library is: the one built against the MPI this program runs
//! under, found from that MPI's name and the platform's usual places, or named by the
//! user in `WORKBOOK_HDF5_LIB`. Nothing here loads anything.
//!
//! Why the MPI matters: a parallel HDF5 calls MPI itself, so it is linked against one
//! MPI library. Debian builds it twice, `libhdf5_openmpi.so` and `libhdf5_mpich.so`;
//! loading the other MPI's build into this process would bring a second MPI library
//! with it, whose functions would be handed this MPI's communicators.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::Error;

/// The variable that names the library to load, overriding the search: for a site's
/// own parallel HDF5 (`$HDF5_DIR/lib/libhdf5.so` after `module load`). It must be a
/// parallel HDF5, 1.10 or newer, built with the MPI this program runs under: the
/// version and the parallel build are checked, the MPI cannot be.
pub const VARIABLE: &str = "WORKBOOK_HDF5_LIB";

/// The MPI library this program runs under, as far as the choice of HDF5 goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Flavour {
    OpenMpi,
    Mpich,
    /// Any other MPI, by the first line of its `MPI_Get_library_version` text.
    Other(String),
}

impl Flavour {
    /// The MPI this process is linked with (`MPI_Get_library_version`, which MPI allows
    /// before `MPI_Init`).
    fn running() -> Flavour {
        let text = mpi::environment::library_version().unwrap_or_default();
        if text.contains("Open MPI") {
            Flavour::OpenMpi
        } else if text.contains("MPICH") {
            Flavour::Mpich
        } else {
            Flavour::Other(text.lines().next().unwrap_or("an unknown MPI").trim().to_string())
        }
    }

    fn name(&self) -> &str {
        match self {
            Flavour::OpenMpi => "Open MPI",
            Flavour::Mpich => "MPICH",
            Flavour::Other(name) => name,
        }
    }
}

/// The parallel HDF5 library this program would load: the file `WORKBOOK_HDF5_LIB`
/// names if it is set, otherwise the first of the platform's usual places that holds
/// the build for this program's MPI. Does not load it.
///
/// # Errors
///
/// [`Error::NotFound`], saying which files were looked for and how to install one.
pub fn find_library() -> Result<PathBuf, Error> {
    let chosen = std::env::var_os(VARIABLE).filter(|path| !path.is_empty());
    find(
        chosen,
        &Flavour::running(),
        std::env::consts::OS,
        std::env::consts::ARCH,
    )
}

/// The file `chosen` names if given, otherwise the first of `os`'s places for `mpi`
/// that exists.
fn find(chosen: Option<OsString>, mpi: &Flavour, os: &str, arch: &str) -> Result<PathBuf, Error> {
    let candidates = match chosen {
        Some(path) => vec![PathBuf::from(path)],
        None => candidates(mpi, os, arch),
    };
    candidates
        .iter()
        .find_map(|candidate| resolve(candidate))
        .ok_or_else(|| Error::NotFound {
            mpi: mpi.name().to_string(),
            searched: candidates,
            install: install_hint(mpi, os),
        })
}

/// Where `os` keeps the parallel HDF5 for `mpi`, most likely first. A name ending in
/// `*` stands for that name followed by a version number (a library's soname).
fn candidates(mpi: &Flavour, os: &str, arch: &str) -> Vec<PathBuf> {
    match (os, mpi) {
        // Debian and Ubuntu: the -dev package's unversioned link in a folder per MPI,
        // then the runtime package's own file (`libhdf5_openmpi.so.103` for 1.10).
        ("linux", Flavour::OpenMpi | Flavour::Mpich) => {
            let flavour = if *mpi == Flavour::OpenMpi {
                "openmpi"
            } else {
                "mpich"
            };
            let lib = PathBuf::from(format!("/usr/lib/{arch}-linux-gnu"));
            vec![
                lib.join(format!("hdf5/{flavour}/libhdf5.so")),
                lib.join(format!("libhdf5_{flavour}.so.*")),
            ]
        }
        // Homebrew's hdf5-mpi (built with Open MPI) under its own prefix, then where
        // Homebrew links it: Apple silicon first, then Intel Macs.
        ("macos", Flavour::OpenMpi) => ["/opt/homebrew", "/usr/local"]
            .iter()
            .flat_map(|prefix| {
                [
                    format!("{prefix}/opt/hdf5-mpi/lib/libhdf5.dylib"),
                    format!("{prefix}/lib/libhdf5.dylib"),
                ]
            })
            .map(PathBuf::from)
            .collect(),
        _ => Vec::new(),
    }
}

/// The file a candidate stands for, if it exists: the candidate itself, or for a name
/// ending in `*` the file of that folder whose name is the prefix and digits (the
/// highest, if there are several).
fn resolve(candidate: &Path) -> Option<PathBuf> {
    let name = candidate.file_name()?.to_str()?;
    let Some(prefix) = name.strip_suffix('*') else {
        return candidate.is_file().then(|| candidate.to_path_buf());
    };
    let folder = candidate.parent()?;
    let versioned = |name: &str| {
        name.strip_prefix(prefix)
            .is_some_and(|version| !version.is_empty() && version.bytes().all(|b| b.is_ascii_digit()))
    };
    std::fs::read_dir(folder)
        .ok()?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| versioned(name))
        .max_by_key(|name| (name.len(), name.clone()))
        .map(|name| folder.join(name))
}

/// How to get a parallel HDF5 for `mpi` on `os`.
fn install_hint(mpi: &Flavour, os: &str) -> String {
    let how = match (os, mpi) {
        ("linux", Flavour::OpenMpi) => {
            "install it with `apt-get install libhdf5-openmpi-dev` (Debian, Ubuntu)"
        }
        ("linux", Flavour::Mpich) => "install it with `apt-get install libhdf5-mpich-dev` (Debian, Ubuntu)",
        ("macos", Flavour::OpenMpi) => "install it with `brew install hdf5-mpi`",
        ("macos", Flavour::Mpich) => {
            "Homebrew's hdf5-mpi is built with Open MPI: with MPICH, build HDF5 with --enable-parallel"
        }
        _ => "build HDF5 with --enable-parallel against this MPI, or load your site's parallel HDF5 module",
    };
    format!("{how}, or set {VARIABLE} to the library's path")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debian_has_a_folder_per_mpi_and_a_versioned_file() {
        let paths = candidates(&Flavour::Mpich, "linux", "aarch64");
        assert_eq!(
            paths,
            [
                PathBuf::from("/usr/lib/aarch64-linux-gnu/hdf5/mpich/libhdf5.so"),
                PathBuf::from("/usr/lib/aarch64-linux-gnu/libhdf5_mpich.so.*"),
            ]
        );
        assert_eq!(
            candidates(&Flavour::OpenMpi, "linux", "x86_64")[0].to_str(),
            Some("/usr/lib/x86_64-linux-gnu/hdf5/openmpi/libhdf5.so")
        );
    }

    #[test]
    fn homebrew_is_for_open_mpi_only() {
        let paths = candidates(&Flavour::OpenMpi, "macos", "aarch64");
        assert_eq!(
            paths[0],
            PathBuf::from("/opt/homebrew/opt/hdf5-mpi/lib/libhdf5.dylib")
        );
        assert_eq!(paths.len(), 4);
        assert!(candidates(&Flavour::Mpich, "macos", "aarch64").is_empty());
        assert!(candidates(&Flavour::Other("Intel(R) MPI Library".into()), "linux", "x86_64").is_empty());
    }

    /// Only a prefix followed by digits matches: not the unversioned link, not the
    /// C++ library beside it, and of two versions the higher.
    #[test]
    fn a_star_matches_a_version_number() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "libhdf5_mpich.so",
            "libhdf5_mpich_cpp.so.103",
            "libhdf5_mpich.so.103.3.1",
            "libhdf5_mpich.so.103",
            "libhdf5_mpich.so.99",
        ] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        let found = resolve(&dir.path().join("libhdf5_mpich.so.*"));
        assert_eq!(found, Some(dir.path().join("libhdf5_mpich.so.103")));
        assert_eq!(resolve(&dir.path().join("libhdf5_openmpi.so.*")), None);
        assert_eq!(
            resolve(&dir.path().join("libhdf5_mpich.so")),
            Some(dir.path().join("libhdf5_mpich.so"))
        );
        assert_eq!(resolve(&dir.path().join("missing.so")), None);
    }

    #[test]
    fn a_missing_library_says_where_it_was_looked_for_and_what_to_install() {
        let chosen = Some(OsString::from("/nowhere/libhdf5.so"));
        let error = find(chosen, &Flavour::OpenMpi, "linux", "x86_64").unwrap_err();
        assert_eq!(
            error.to_string(),
            "no parallel HDF5 library for Open MPI was found (looked for /nowhere/libhdf5.so): \
             install it with `apt-get install libhdf5-openmpi-dev` (Debian, Ubuntu), \
             or set WORKBOOK_HDF5_LIB to the library's path"
        );
        let intel = Flavour::Other("Intel(R) MPI Library 2021.10".into());
        let error = find(None, &intel, "linux", "x86_64").unwrap_err();
        assert_eq!(
            error.to_string(),
            "no parallel HDF5 library for Intel(R) MPI Library 2021.10 was found (no place is known for it): \
             build HDF5 with --enable-parallel against this MPI, or load your site's parallel HDF5 module, \
             or set WORKBOOK_HDF5_LIB to the library's path"
        );
        let chosen = Some(OsString::from(std::env::current_exe().unwrap()));
        assert_eq!(
            find(chosen, &intel, "linux", "x86_64"),
            Ok(std::env::current_exe().unwrap())
        );
    }

    #[test]
    fn the_hint_names_the_package_and_the_variable() {
        assert_eq!(
            install_hint(&Flavour::OpenMpi, "linux"),
            "install it with `apt-get install libhdf5-openmpi-dev` (Debian, Ubuntu), or set WORKBOOK_HDF5_LIB to the library's path"
        );
        assert!(
            install_hint(&Flavour::OpenMpi, "macos").starts_with("install it with `brew install hdf5-mpi`")
        );
    }
}
