//! Compiles csrc/myclib.c, the lecture's C library, into a static library `myclib`
//! and tells cargo to link it: the Rust side of cffi's `ffi.dlopen("./myclib.so")`,
//! done at build time. Any C compiler the `cc` crate finds will do (`CC` picks another).

fn main() {
    println!("cargo:rerun-if-changed=csrc/myclib.c");
    println!("cargo:rerun-if-changed=csrc/myclib.h");
    cc::Build::new()
        .file("csrc/myclib.c")
        .warnings(true)
        .extra_warnings(true)
        .compile("myclib");
}
