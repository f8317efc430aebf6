//! Compiles csrc/mandel.c, the kernel and fill loop in C, with `-O3` into a static
//! library linked into the benchmark (and into its tests). No MPI: any C compiler that
//! the `cc` crate finds will do (`CC` chooses another).
//!
//! `-ffp-contract=off` keeps the compiler from fusing `zr * zr - zi * zi + cr` into
//! fused multiply-adds on targets that have them: a fused operation rounds once instead
//! of twice, the orbits drift apart after enough iterations, and the C counts would no
//! longer be identical to Rust's (Rust never contracts floating-point operations).

fn main() {
    println!("cargo:rerun-if-changed=csrc/mandel.c");
    cc::Build::new()
        .file("csrc/mandel.c")
        .opt_level(3)
        .flag_if_supported("-ffp-contract=off")
        .warnings(true)
        .extra_warnings(true)
        .compile("mandel_c");
}
