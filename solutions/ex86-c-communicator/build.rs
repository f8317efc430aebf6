//! Compiles csrc/helloworld.c into a static library `helloworld` linked into the
//! program, against the headers of the MPI that rsmpi itself uses.
//!
//! The C code and rsmpi must agree on what an `MPI_Comm` is: a pointer in Open MPI, an
//! `int` in MPICH. So this script asks `build-probe-mpi`, the very probe that rsmpi's
//! `mpi-sys` runs, in the same order (`MPI_PKG_CONFIG`, `CRAY_MPICH_DIR`, `$MPICC` or
//! `mpicc`, then pkg-config's `mpich` and `ompi`), and compiles as mpi-sys compiles its
//! own C shim: with the `mpicc` wrapper when the probe found one, else with the
//! system's C compiler and the include folders pkg-config gave. Nothing is linked
//! here: mpi-sys links the MPI library already.
//!
//! mpi-sys is not built again when `MPI_PKG_CONFIG` or `MPICC` change, so a script
//! that runs later (this one, the first time) could find another MPI than mpi-sys
//! did. Give each MPI its own `CARGO_TARGET_DIR`, as the README says, and both
//! always find the same one.

fn main() {
    println!("cargo:rerun-if-changed=csrc/helloworld.c");
    let mpi = build_probe_mpi::probe().unwrap_or_else(|errors| {
        let reasons: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("no MPI library found:\n{}", reasons.join("\n"))
    });
    let mut build = cc::Build::new();
    build
        .file("csrc/helloworld.c")
        .warnings(true)
        .extra_warnings(true);
    match mpi.mpicc {
        Some(mpicc) => build.compiler(mpicc),
        None => build.includes(&mpi.include_paths),
    };
    build.compile("helloworld");
}
