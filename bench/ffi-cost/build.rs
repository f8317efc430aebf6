//! Compiles csrc/ffi_cost.c with `-O3` into a static library linked into the
//! benchmark. Any C compiler that the `cc` crate finds will do (`CC` chooses another).
//!
//! `-ffp-contract=off` keeps the C compiler from fusing `a * x[i] + y[i]` into one
//! fused multiply-add, which Rust never does: both loops then do the same arithmetic,
//! and the benchmark checks that they give the same result.

fn main() {
    println!("cargo:rerun-if-changed=csrc/ffi_cost.c");
    cc::Build::new()
        .file("csrc/ffi_cost.c")
        .opt_level(3)
        .flag_if_supported("-ffp-contract=off")
        .warnings(true)
        .extra_warnings(true)
        .compile("ffi_cost_c");
}
