//! Which MPI a built program links, and which one a build would link. A program runs
//! only under its own MPI's launcher: Open MPI's mpiexec starts an MPICH program as N
//! unrelated processes, each rank 0 of 1, and Hydra does the same to an Open MPI
//! program, so a check would blame the learner's code for the machine's mix-up. The mix
//! is common on laptops, not only on clusters: Debian and Ubuntu install both MPIs side
//! by side, rsmpi's build picks one (`MPI_PKG_CONFIG`, else `mpicc`, else pkg-config)
//! and `mpiexec` may be the other.
//!
//! MPICH and Intel MPI count as one family: Intel MPI is built on MPICH, keeps its ABI
//! (`libmpi.so.12`) and its Hydra launcher, and runs MPICH-built programs. Telling their
//! `libmpi.so.12` apart is a guess from the library's path, so it only words messages
//! and never stops a launch.

use crate::launcher::Launcher;
pub use crate::mpi_family::Mpi;
use crate::probe;
use std::path::{Path, PathBuf};

/// The MPI library a program loads here, as the dynamic loader resolves it.
#[derive(Debug)]
struct Linked {
    mpi: Mpi,
    /// The library's path, or its name when the loader does not find it.
    library: String,
}

/// The MPI `program` links, from `ldd` (`otool -L` on macOS); `None` if it links none
/// that is known, or the tool is missing: then nothing is checked.
fn linked(program: &Path) -> Option<Linked> {
    libraries(&library_listing(program)?)
        .into_iter()
        .find_map(|(name, path)| {
            Some(Linked {
                mpi: classify(&name, path.as_deref())?,
                library: path.unwrap_or(name),
            })
        })
}

/// What `ldd` (`otool -L`) says of `program`, remembered beside it until the binary
/// or the library search path changes: `grade` asks for every launch.
fn library_listing(program: &Path) -> Option<String> {
    let search_path = ["LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH"].map(|v| std::env::var(v).unwrap_or_default());
    let context = search_path.join(":");
    if let Some(listing) = crate::fresh::recall(program, "libraries", &context) {
        return Some(listing);
    }
    let name = program.to_str()?;
    let listing = if cfg!(target_os = "macos") {
        probe::stdout_if_ok("otool", &["-L", name])?
    } else {
        probe::stdout_if_ok("ldd", &[name])?
    };
    crate::fresh::remember(program, "libraries", &context, &listing);
    Some(listing)
}

/// The (name, resolved path) of each library in `ldd` or `otool -L` output.
fn libraries(listing: &str) -> Vec<(String, Option<String>)> {
    listing
        .lines()
        .filter(|l| l.starts_with(char::is_whitespace))
        .filter_map(|line| {
            let entry = line.trim().split(" (").next()?;
            Some(match entry.split_once(" => ") {
                Some((name, "not found")) => (name.to_string(), None),
                Some((name, path)) => (name.to_string(), Some(path.to_string())),
                None => {
                    let name = Path::new(entry).file_name()?.to_string_lossy().into_owned();
                    (name, Some(entry.to_string()))
                }
            })
        })
        .collect()
}

/// The MPI of one library: `libmpi.so.40` (`libmpi.40.dylib`) is Open MPI's (3.0 and
/// later; 2.x was `.20`), `libmpich.so.12` and Cray's `libmpi_cray.so.12` are MPICH's,
/// and `libmpi.so.12` is the MPICH ABI: Intel MPI's if its path says so, else MPICH's.
fn classify(name: &str, path: Option<&str>) -> Option<Mpi> {
    let (stem, major) = match name.split_once(".so") {
        Some((stem, version)) => (stem, version.trim_start_matches('.').split('.').next()),
        None => {
            let (stem, rest) = name.strip_suffix(".dylib")?.split_once('.')?;
            (stem, rest.split('.').next())
        }
    };
    let major: Option<u32> = major?.parse().ok();
    match (stem, major?) {
        ("libmpich" | "libmpi_cray", _) => Some(Mpi::Mpich),
        ("libmpi", 12) if path.is_some_and(looks_like_intel) => Some(Mpi::IntelMpi),
        ("libmpi", 12) => Some(Mpi::Mpich),
        ("libmpi", _) => Some(Mpi::OpenMpi),
        _ => None,
    }
}

/// Intel MPI lives under `/opt/intel/oneapi/mpi/…` or a module's `impi` directory, and
/// its environment script sets `I_MPI_ROOT`.
fn looks_like_intel(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    ["intel", "oneapi", "impi"]
        .iter()
        .any(|hint| lower.contains(hint))
        || std::env::var("I_MPI_ROOT").is_ok_and(|root| !root.is_empty() && path.starts_with(&root))
}

/// A program built against one MPI about to be launched by another's mpiexec.
#[derive(Debug)]
pub struct Mismatch {
    linked: Linked,
    launcher: Mpi,
    /// The launcher as reports describe it, with its path.
    launcher_text: String,
}

/// The mismatch between `program` and `launcher`, if there is one.
pub fn mismatch(program: &Path, launcher: &Launcher) -> Option<Mismatch> {
    let launcher_mpi = launcher.mpi?;
    let linked = linked(program)?;
    if linked.mpi.runs_under(launcher_mpi) {
        return None;
    }
    let path = probe::which(launcher.program())
        .map_or_else(|| launcher.program().into(), |p| p.display().to_string());
    Some(Mismatch {
        linked,
        launcher: launcher_mpi,
        launcher_text: format!("{} ({path})", launcher.describe()),
    })
}

impl Mismatch {
    /// What happened and the two ways out, with commands for `exercise` (its solution
    /// if `solution`).
    pub fn explain(&self, exercise: &str, solution: bool) -> String {
        let target = format!("{exercise}{}", if solution { " --solution" } else { "" });
        // The program stays where it is: the first fix must look in the same target dir.
        let same_dir = std::env::var("CARGO_TARGET_DIR")
            .map(|dir| format!("CARGO_TARGET_DIR={dir} "))
            .unwrap_or_default();
        format!(
            "{exercise} was built against {built} ({library}), but the launcher is {launcher}.\n\
             A program runs only under its own MPI's launcher: under another one each rank \
             would start alone, as rank 0 of 1.\n\
             Either launch it with {built}'s launcher:\n    \
             {same_dir}cargo run -p runner -- check {target} --launcher {built_name}\n\
             or rebuild it against {wanted}, in a target directory of its own (mpi-sys does not \
             rebuild when the MPI changes):\n    {rebuild}",
            built = self.linked.mpi.name(),
            library = self.linked.library,
            launcher = self.launcher_text,
            built_name = self.linked.mpi.launcher_name(),
            wanted = self.launcher.name(),
            rebuild = rebuild_command(self.launcher, &format!("check {target}")),
        )
    }
}

/// The command that builds against `mpi` and runs `verb_and_args` with its launcher.
pub fn rebuild_command(mpi: Mpi, verb_and_args: &str) -> String {
    format!(
        "MPI_PKG_CONFIG={} CARGO_TARGET_DIR=target/{name} cargo run -p runner -- {verb_and_args} --launcher {name}",
        mpi.pkg_config(),
        name = mpi.launcher_name()
    )
}

/// The MPI a build of the exercises would link, and how rsmpi's build script
/// (build-probe-mpi) finds it.
pub struct BuildMpi {
    /// `None` if the headers found do not say which MPI they are.
    pub mpi: Option<Mpi>,
    /// `MPI_PKG_CONFIG=mpich`, `/usr/bin/mpicc -show`, `pkg-config ompi`, ….
    pub found_by: String,
}

/// Asks what build-probe-mpi asks, in its order: `MPI_PKG_CONFIG` (a pkg-config name or
/// `.pc` path), `CRAY_MPICH_DIR`, `$MPICC` or `mpicc -show`, then pkg-config's `mpich`
/// and `ompi`. The MPI is read from the `mpi.h` that the build would compile against.
pub fn build_mpi() -> Option<BuildMpi> {
    if let Ok(package) = std::env::var("MPI_PKG_CONFIG") {
        return Some(BuildMpi {
            mpi: pkg_config_mpi(&package),
            found_by: format!("MPI_PKG_CONFIG={package}"),
        });
    }
    if std::env::var_os("CRAY_MPICH_DIR").is_some() {
        return Some(BuildMpi {
            mpi: Some(Mpi::Mpich),
            found_by: "CRAY_MPICH_DIR".into(),
        });
    }
    let mpicc = std::env::var("MPICC").unwrap_or_else(|_| "mpicc".into());
    if let Some(path) = probe::which(&mpicc) {
        let shown = probe::output(&path.to_string_lossy(), &["-show"]).unwrap_or_default();
        return Some(BuildMpi {
            mpi: header_mpi(&include_dirs(&shown)),
            found_by: format!("{} -show", path.display()),
        });
    }
    ["mpich", "ompi"].into_iter().find_map(|package| {
        probe::stdout_if_ok("pkg-config", &["--exists", package])?;
        Some(BuildMpi {
            mpi: pkg_config_mpi(package),
            found_by: format!("pkg-config {package}"),
        })
    })
}

fn pkg_config_mpi(package: &str) -> Option<Mpi> {
    let flags = probe::stdout_if_ok("pkg-config", &["--cflags-only-I", package])?;
    header_mpi(&include_dirs(&flags))
}

/// The `-I` directories of a compiler command line.
fn include_dirs(command_line: &str) -> Vec<PathBuf> {
    command_line
        .split_whitespace()
        .filter_map(|word| word.strip_prefix("-I"))
        .map(|dir| PathBuf::from(dir.trim_matches(|c| c == '"' || c == '\'')))
        .collect()
}

/// The MPI of the first `mpi.h` in `dirs` or the system's include directories.
fn header_mpi(dirs: &[PathBuf]) -> Option<Mpi> {
    let system = ["/usr/include", "/usr/local/include"].map(PathBuf::from);
    let header = dirs
        .iter()
        .chain(&system)
        .find_map(|dir| std::fs::read_to_string(dir.join("mpi.h")).ok())?;
    header_says(&header)
}

/// Each MPI's `mpi.h` defines its own version macro; Intel's also defines MPICH's.
fn header_says(header: &str) -> Option<Mpi> {
    if header.contains("I_MPI_VERSION") {
        Some(Mpi::IntelMpi)
    } else if header.contains("OMPI_MAJOR_VERSION") {
        Some(Mpi::OpenMpi)
    } else if header.contains("MPICH_VERSION") {
        Some(Mpi::Mpich)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LDD_OPEN_MPI: &str = "\tlinux-vdso.so.1 (0x00007ffd)\n\
        \tlibmpi.so.40 => /lib/x86_64-linux-gnu/libmpi.so.40 (0x00007f71)\n\
        \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f71)\n\
        \t/lib64/ld-linux-x86-64.so.2 (0x00007f71)\n\
        \tlibopen-rte.so.40 => /lib/x86_64-linux-gnu/libopen-rte.so.40 (0x00007f71)\n";

    fn mpi_of(listing: &str) -> Option<Mpi> {
        libraries(listing)
            .into_iter()
            .find_map(|(name, path)| classify(&name, path.as_deref()))
    }

    #[test]
    fn reads_ldd_and_otool_listings() {
        assert_eq!(
            libraries(LDD_OPEN_MPI)[1],
            (
                "libmpi.so.40".to_string(),
                Some("/lib/x86_64-linux-gnu/libmpi.so.40".to_string())
            )
        );
        assert_eq!(
            libraries("\tlibmpich.so.12 => not found\n"),
            [("libmpich.so.12".to_string(), None)]
        );
        let otool = "target/debug/sol-send-recv:\n\
            \t/opt/homebrew/opt/open-mpi/lib/libmpi.40.dylib (compatibility version 81.0.0, current version 81.4.0)\n\
            \t/usr/lib/libSystem.B.dylib (compatibility version 1.0.0, current version 1345.0.0)\n";
        assert_eq!(
            libraries(otool)[0],
            (
                "libmpi.40.dylib".to_string(),
                Some("/opt/homebrew/opt/open-mpi/lib/libmpi.40.dylib".to_string())
            )
        );
        assert_eq!(mpi_of(otool), Some(Mpi::OpenMpi));
    }

    #[test]
    fn tells_the_implementations_by_their_libraries() {
        assert_eq!(mpi_of(LDD_OPEN_MPI), Some(Mpi::OpenMpi));
        assert_eq!(
            mpi_of("\tlibmpich.so.12 => /lib/x86_64-linux-gnu/libmpich.so.12 (0x1)\n"),
            Some(Mpi::Mpich)
        );
        // Upstream MPICH, MVAPICH and Intel MPI all call it libmpi.so.12.
        assert_eq!(
            mpi_of("\tlibmpi.so.12 => /opt/mpich-4.2/lib/libmpi.so.12 (0x1)\n"),
            Some(Mpi::Mpich)
        );
        assert_eq!(
            mpi_of("\tlibmpi.so.12 => /opt/intel/oneapi/mpi/2021.10.0/lib/release/libmpi.so.12 (0x1)\n"),
            Some(Mpi::IntelMpi)
        );
        assert_eq!(mpi_of("\tlibmpi.so.12 => not found\n"), Some(Mpi::Mpich));
        assert_eq!(
            mpi_of("\t/opt/homebrew/opt/mpich/lib/libmpi.12.dylib (compatibility version 1.0.0)\n"),
            Some(Mpi::Mpich)
        );
        assert_eq!(
            mpi_of("\tlibmpi_cray.so.12 => /opt/cray/libmpi_cray.so.12 (0x1)\n"),
            Some(Mpi::Mpich)
        );
        // Open MPI's C++ and Java bindings, and programs without MPI, decide nothing.
        assert_eq!(
            mpi_of("\tlibmpi_cxx.so.40 => /lib/libmpi_cxx.so.40 (0x1)\n"),
            None
        );
        assert_eq!(mpi_of("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n"), None);
    }

    #[test]
    fn only_open_mpi_against_the_mpich_family_is_a_mismatch() {
        assert!(!Mpi::OpenMpi.runs_under(Mpi::Mpich));
        assert!(!Mpi::Mpich.runs_under(Mpi::OpenMpi));
        assert!(!Mpi::IntelMpi.runs_under(Mpi::OpenMpi));
        assert!(Mpi::Mpich.runs_under(Mpi::IntelMpi));
        assert!(Mpi::IntelMpi.runs_under(Mpi::Mpich));
        assert!(Mpi::OpenMpi.runs_under(Mpi::OpenMpi));
    }

    #[test]
    fn the_explanation_names_both_sides_and_both_fixes() {
        let mismatch = Mismatch {
            linked: Linked {
                mpi: Mpi::OpenMpi,
                library: "/lib/x86_64-linux-gnu/libmpi.so.40".into(),
            },
            launcher: Mpi::Mpich,
            launcher_text: "MPICH: HYDRA 4.0.2 (/usr/bin/mpiexec.mpich)".into(),
        };
        let text = mismatch.explain("ex02", true);
        assert!(
            text.starts_with(
                "ex02 was built against Open MPI (/lib/x86_64-linux-gnu/libmpi.so.40), \
                 but the launcher is MPICH: HYDRA 4.0.2 (/usr/bin/mpiexec.mpich)."
            ),
            "{text}"
        );
        assert!(
            text.contains("cargo run -p runner -- check ex02 --solution --launcher openmpi"),
            "{text}"
        );
        assert!(
            text.contains(
                "MPI_PKG_CONFIG=mpich CARGO_TARGET_DIR=target/mpich cargo run -p runner -- check ex02 --solution --launcher mpich"
            ),
            "{text}"
        );
    }

    #[test]
    fn reads_the_mpi_from_its_header() {
        assert_eq!(header_says("#define OMPI_MAJOR_VERSION 4\n"), Some(Mpi::OpenMpi));
        assert_eq!(header_says("#define MPICH_VERSION \"4.0.2\"\n"), Some(Mpi::Mpich));
        assert_eq!(
            header_says("#define MPICH_VERSION \"3.4a2\"\n#define I_MPI_VERSION \"2021.10.0\"\n"),
            Some(Mpi::IntelMpi)
        );
        assert_eq!(header_says("/* an mpi.h of another kind */"), None);
        assert_eq!(
            include_dirs(
                "gcc -I/usr/lib/x86_64-linux-gnu/openmpi/include -I\"/opt/mpi/include\" -L/opt/mpi/lib -lmpi"
            ),
            [
                PathBuf::from("/usr/lib/x86_64-linux-gnu/openmpi/include"),
                PathBuf::from("/opt/mpi/include")
            ]
        );
    }
}
