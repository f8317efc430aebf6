//! ex33 (extern-libm): calling C's math library from Rust, the way cffi's
//! `ffi.cdef("float sqrtf(float x);")` does from Python. Declare `sqrtf`, `cbrt` and
//! `hypot` in an `extern "C"` block, copied from their C prototypes, and wrap each
//! call in a safe function.
//! (The stub declares nothing yet: the `extern "C"` block is yours to write.)
//! Check it with `cargo run -p runner -- check ex33`.

// TODO: declare the three C functions in an `extern "C" { ... }` block, one line
// each, translated from their C prototypes (from `man sqrtf`, math.h):
//     float  sqrtf(float x);
//     double cbrt(double x);
//     double hypot(double x, double y);
// C's `float` is Rust's `f32` and C's `double` is `f64`. Rust's standard library
// already links libm on Linux (on macOS these functions live in libSystem), so no
// `#[link]` attribute is needed.

/// C's `sqrtf`, behind a safe signature.
fn c_sqrtf(_x: f32) -> f32 {
    // TODO: call `sqrtf(x)` inside `unsafe { ... }`, with a `// SAFETY:` comment
    // above it saying why your declaration matches the C prototype. (Remove the `_`
    // of the parameter.)
    todo!("call C's sqrtf")
}

/// C's `cbrt`, behind a safe signature.
fn c_cbrt(_x: f64) -> f64 {
    // TODO: the same for `cbrt`.
    todo!("call C's cbrt")
}

/// C's `hypot`, behind a safe signature.
fn c_hypot(_x: f64, _y: f64) -> f64 {
    // TODO: the same for `hypot`, with its two arguments in C's order.
    todo!("call C's hypot")
}

fn main() {
    println!("sqrtf, C's float square root, beside f32::sqrt:");
    for x in [4.0_f32, 2.0, 10.0] {
        let (c, rust) = (c_sqrtf(x), x.sqrt());
        println!(
            "  sqrtf({x:.1}) = {c:.6}   f32::sqrt = {rust:.6}   same: {}",
            c == rust
        );
    }

    println!("cbrt, C's cube root, beside f64::cbrt:");
    for x in [27.0_f64, 2.0, -8.0] {
        let (c, rust) = (c_cbrt(x), x.cbrt());
        println!(
            "  cbrt({x:.1}) = {c:.12}   f64::cbrt = {rust:.12}   same: {}",
            c == rust
        );
    }

    println!("hypot, sqrt(x*x + y*y) without overflow, beside f64::hypot:");
    for (x, y) in [(3.0_f64, 4.0), (1.0, 1.0), (5.0, 12.0)] {
        let (c, rust) = (c_hypot(x, y), x.hypot(y));
        println!(
            "  hypot({x:.1}, {y:.1}) = {c:.12}   f64::hypot = {rust:.12}   same: {}",
            c == rust
        );
    }

    // Where hypot earns its name: x*x overflows to infinity, hypot does not.
    let big = 1e200_f64;
    println!(
        "  hypot(1e200, 1e200) = {:.6e}   naive sqrt(x*x + y*y) = {}",
        c_hypot(big, big),
        (big * big + big * big).sqrt()
    );
}
