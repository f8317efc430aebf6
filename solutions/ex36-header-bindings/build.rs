//! Two steps, the Rust side of cffi's API mode:
//! 1. compile csrc/myclib.c into a static library `myclib` (the `cc` crate);
//! 2. read the header csrc/myclib.h with libclang and write the matching Rust
//!    declarations into `$OUT_DIR/myclib.rs` (bindgen), which src/main.rs `include!`s.
//!    Nobody copies declarations by hand, so they cannot drift from the header.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=csrc/myclib.c");
    println!("cargo:rerun-if-changed=csrc/myclib.h");
    cc::Build::new()
        .file("csrc/myclib.c")
        .warnings(true)
        .extra_warnings(true)
        .compile("myclib");

    let bindings = bindgen::Builder::default()
        .header("csrc/myclib.h")
        // Only what the header declares for us, not whatever it may #include.
        .allowlist_function("add|subtract")
        .generate()
        .expect("bindgen could not read csrc/myclib.h (is libclang installed?)");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    bindings
        .write_to_file(out.join("myclib.rs"))
        .expect("could not write the bindings into OUT_DIR");
}
