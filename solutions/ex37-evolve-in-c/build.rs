//! Compiles csrc/evolve.c, the heat equation's time step in C, into a static library
//! linked into the program. Any C compiler the `cc` crate finds will do (`CC` picks
//! another).
//!
//! `-ffp-contract=off` stops the C compiler from fusing a multiply and an add into one
//! fused multiply-add, which rounds once instead of twice. Rust never does that, so
//! with the flag the C step and the Rust step do the same arithmetic in the same order
//! and give the same bits.

fn main() {
    println!("cargo:rerun-if-changed=csrc/evolve.c");
    cc::Build::new()
        .file("csrc/evolve.c")
        .opt_level(2)
        .flag_if_supported("-ffp-contract=off")
        .warnings(true)
        .extra_warnings(true)
        .compile("evolve_c");
}
