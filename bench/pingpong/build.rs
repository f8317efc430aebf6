//! Compiles csrc/pingpong.c with the MPI C compiler wrapper, so that the C loop sees the
//! same `mpi.h` and links the same libmpi as rsmpi, and links it into the benchmark.
//!
//! The wrapper is `mpicc`, or what `MPICC` names. Without it the build stops with a
//! message that says what to install, rather than with a compiler error about `mpi.h`.
//! When rsmpi is built against another MPI named by `MPI_PKG_CONFIG` (the workspace's
//! MPICH builds), plain `mpicc` would be the default MPI's, whose `mpi.h` does not match
//! (MPI_Comm is a pointer in Open MPI, an int in MPICH): then `MPICC` must say which.

use std::env;
use std::process::{exit, Command};

fn main() {
    println!("cargo:rerun-if-changed=csrc/pingpong.c");
    println!("cargo:rerun-if-env-changed=MPICC");
    println!("cargo:rerun-if-env-changed=MPI_PKG_CONFIG");
    let mpicc = match (env::var_os("MPICC"), env::var("MPI_PKG_CONFIG")) {
        (Some(mpicc), _) => mpicc,
        (None, Ok(package)) => fail(&format!(
            "rsmpi is built against the MPI that pkg-config calls `{package}` (MPI_PKG_CONFIG), \
             and the C loop must be compiled for the same MPI.\n\
             Set MPICC to that MPI's compiler wrapper, e.g. MPICC=mpicc.mpich for Debian's MPICH."
        )),
        (None, Err(_)) => "mpicc".into(),
    };
    let name = mpicc.to_string_lossy().into_owned();
    let broken = match Command::new(&mpicc).arg("--version").output() {
        Ok(out) if out.status.success() => None,
        Ok(out) => Some(format!(
            "`{name} --version` failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Err(err) => Some(format!("cannot run `{name}`: {err}")),
    };
    if let Some(why) = broken {
        fail(&format!(
            "the C loop (csrc/pingpong.c) is compiled with the MPI C compiler wrapper, and {why}.\n\
             Install one (Debian/Ubuntu: apt-get install libopenmpi-dev; macOS: brew install \
             open-mpi), or set MPICC to its path."
        ));
    }
    cc::Build::new()
        .compiler(&mpicc)
        .file("csrc/pingpong.c")
        .warnings(true)
        .extra_warnings(true)
        .compile("pingpong_c");
}

fn fail(message: &str) -> ! {
    eprintln!("error: cannot build the pingpong benchmark: {message}");
    exit(1);
}
