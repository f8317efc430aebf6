//! Compiles csrc/heat_step.c, the five-point stencil in C, with `-O3` into a static
//! library linked into the benchmark. No MPI: any C compiler that the `cc` crate finds
//! will do (`CC` chooses another).
//!
//! `-ffp-contract=off` keeps the compiler from fusing a multiplication and an addition
//! of the stencil into one fused multiply-add on targets that have it: a fused
//! operation rounds once instead of twice, and the C field would no longer be the Rust
//! one to the last bit (Rust never contracts floating-point operations).

fn main() {
    println!("cargo:rerun-if-changed=csrc/heat_step.c");
    cc::Build::new()
        .file("csrc/heat_step.c")
        .opt_level(3)
        .flag_if_supported("-ffp-contract=off")
        .warnings(true)
        .extra_warnings(true)
        .compile("heat_step_c");
}
