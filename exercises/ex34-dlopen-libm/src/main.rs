//! ex34 (dlopen-libm): cffi's ABI mode, `lib = ffi.dlopen("libm.so.6")`, in Rust:
//! open the C math library at run time with the `libloading` crate, look up `cos`
//! by name, and call it. Then ask for a library and a symbol that do not exist, and
//! handle the errors.
//! Check it with `cargo run -p runner -- check ex34`.

#[allow(unused_imports)] // all three are used once the TODOs are done
use libloading::{library_filename, Library, Symbol};

/// The type of C's `double cos(double x);`: a C function pointer, f64 in, f64 out.
#[allow(dead_code)] // used once `cos_all` is written
type CosFn = unsafe extern "C" fn(f64) -> f64;

/// Opens the C math library: `libm.so.6` on Linux, `libm.dylib` on macOS.
/// `library_filename("m")` is `libm.so` on Linux, which is installed only with the C
/// development files, so the versioned name every Linux system has comes first.
fn open_libm() -> Result<Library, libloading::Error> {
    // TODO: `Library::new(name)` opens a library by file name; it is `unsafe`,
    // because opening a library runs its initialisation code. Try "libm.so.6" first,
    // then `library_filename("m")` (use `Result::or_else`). Each `unsafe` block
    // needs its `// SAFETY:` comment.
    todo!("open libm")
}

/// Looks up `cos` in `lib` and calls it once for every value of `xs`.
fn cos_all(lib: &Library, xs: &[f64]) -> Result<Vec<f64>, libloading::Error> {
    // TODO: look `cos` up with `lib.get::<CosFn>(b"cos\0")` (unsafe: you promise
    // that the symbol has the type `CosFn`; say why in a `// SAFETY:` comment), `?`
    // its error, and call it on every `x` (each call is `unsafe` too).
    let _ = (lib, xs);
    todo!("look up cos and call it")
}

fn main() {
    let lib = open_libm().expect("the C math library should be installed");
    println!("opened the C math library");

    let xs = [0.0, std::f64::consts::FRAC_PI_3, 1.0, std::f64::consts::PI];
    let cs = cos_all(&lib, &xs).expect("libm should have cos");
    for (x, c) in xs.iter().zip(&cs) {
        println!("  cos({x:.6}) = {c:.12}   f64::cos = {:.12}", x.cos());
    }

    // TODO: open `library_filename("notthere")` and print
    // "no library called libnotthere: as expected" on its `Err`; then look up
    // `b"cosine_of_everything\0"` in `lib` and print
    // "no function cosine_of_everything in libm: as expected" on its `Err`. Print a
    // message of your own for each `Ok` too. Do not print the error itself: its text
    // comes from the operating system and differs between systems.
}
