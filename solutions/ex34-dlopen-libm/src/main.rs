//! ex34 (dlopen-libm): cffi's ABI mode, `lib = ffi.dlopen("libm.so.6")`, in Rust:
//! open the C math library at run time with the `libloading` crate, look up `cos`
//! by name, and call it. Then ask for a library and a symbol that do not exist, and
//! handle the errors.
//! Check it with `cargo run -p runner -- check ex34`.

use libloading::{library_filename, Library, Symbol};

/// The type of C's `double cos(double x);`: a C function pointer, f64 in, f64 out.
type CosFn = unsafe extern "C" fn(f64) -> f64;

/// Opens the C math library: `libm.so.6` on Linux, `libm.dylib` on macOS.
/// `library_filename("m")` is `libm.so` on Linux, which is installed only with the C
/// development files, so the versioned name every Linux system has comes first.
fn open_libm() -> Result<Library, libloading::Error> {
    // SAFETY: loading libm runs its initialisation code, which is part of the C
    // runtime this process already uses; it sets up nothing else.
    unsafe { Library::new("libm.so.6") }.or_else(|_| {
        // SAFETY: as above, for the platform's own name of the same library.
        unsafe { Library::new(library_filename("m")) }
    })
}

/// Looks up `cos` in `lib` and calls it once for every value of `xs`.
fn cos_all(lib: &Library, xs: &[f64]) -> Result<Vec<f64>, libloading::Error> {
    // SAFETY: C's prototype is `double cos(double x);`, and `CosFn` says exactly
    // that: one f64 in, one f64 out, C calling convention. The symbol borrows `lib`,
    // so the function cannot be called after the library is closed.
    let cos: Symbol<CosFn> = unsafe { lib.get(b"cos\0") }?;
    // SAFETY: `cos` has the type declared above, reads no pointers and is defined
    // for every input.
    Ok(xs.iter().map(|&x| unsafe { cos(x) }).collect())
}

fn main() {
    let lib = open_libm().expect("the C math library should be installed");
    println!("opened the C math library");

    let xs = [0.0, std::f64::consts::FRAC_PI_3, 1.0, std::f64::consts::PI];
    let cs = cos_all(&lib, &xs).expect("libm should have cos");
    for (x, c) in xs.iter().zip(&cs) {
        println!("  cos({x:.6}) = {c:.12}   f64::cos = {:.12}", x.cos());
    }

    // A library that does not exist. The error's own text comes from the operating
    // system and differs between systems, so we print a message of our own.
    // SAFETY: had it existed, this would run an unknown library's initialisation
    // code; since no such library is installed, nothing is loaded.
    match unsafe { Library::new(library_filename("notthere")) } {
        Ok(_) => println!("a library called libnotthere exists: unexpected"),
        Err(_) => println!("no library called libnotthere: as expected"),
    }

    // A symbol that does not exist in a library that does.
    // SAFETY: the lookup fails, so the declared type is never used for a call.
    match unsafe { lib.get::<CosFn>(b"cosine_of_everything\0") } {
        Ok(_) => println!("libm has a function cosine_of_everything: unexpected"),
        Err(_) => println!("no function cosine_of_everything in libm: as expected"),
    }
}
