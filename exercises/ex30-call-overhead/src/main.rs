//! ex30 (call-overhead): the cost of a function call, measured on the recursive
//! Fibonacci function called four ways: a plain function the compiler may inline, one
//! it must not inline, through a function pointer, and through a `&dyn Fn` trait
//! object. The first two are given; write `fib_pointer` and `fib_dyn`.
//! Check it with `cargo run -p runner -- check ex30`; the timings only mean something
//! in an optimized build: `cargo run --release -p ex-call-overhead`.

use hpckit::timer::best_of;
use std::hint::black_box;
use std::time::Duration;

/// The Fibonacci number to compute: fib(32) makes about seven million calls.
const N: u32 = 32;

/// How many times each version is timed; the fastest run is reported.
const REPEAT: usize = 5;

/// A Fibonacci function, as a function pointer: what the table in `main` holds.
type Fib = fn(u32) -> u64;

fn main() {
    let versions: [(&str, Fib); 4] = [
        ("plain fn, #[inline]", fib_inline),
        ("#[inline(never)]", fib_never),
        ("through a fn pointer", fib_pointer),
        ("through a &dyn Fn", fib_dyn),
    ];

    println!("fib({N}), four ways:");
    let mut times = Vec::new();
    for (name, fib) in versions {
        // `black_box(N)`: the compiler must not know the argument, or it could
        // compute fib(32) while compiling. `black_box(...)` around the result: it
        // must not delete the call either.
        let value = fib(black_box(N));
        let time = best_of(REPEAT, || {
            black_box(fib(black_box(N)));
        });
        println!("  {name:<22} fib({N}) = {value}");
        times.push((name, time));
    }

    let fastest = times.iter().map(|&(_, t)| t).min().expect("four versions");
    println!("times, best of {REPEAT}:");
    for (name, time) in times {
        println!(
            "  {name:<22} {:8.3} ms ({:.2}x the fastest)",
            ms(time),
            time.as_secs_f64() / fastest.as_secs_f64()
        );
    }
}

/// Fibonacci, the plain way: fib(0) = 0, fib(1) = 1, fib(n) = fib(n-1) + fib(n-2).
/// `#[inline]` allows the compiler to copy the body into its callers; for a
/// recursive function it can only do that a few levels deep, never all the way.
#[inline]
fn fib_inline(n: u32) -> u64 {
    if n < 2 {
        n as u64
    } else {
        fib_inline(n - 1) + fib_inline(n - 2)
    }
}

/// The same function, never inlined: every call is a real `call` instruction, with
/// its arguments in registers, as a `cdef` function's calls are in C.
#[inline(never)]
fn fib_never(n: u32) -> u64 {
    if n < 2 {
        n as u64
    } else {
        fib_never(n - 1) + fib_never(n - 2)
    }
}

/// Fibonacci whose recursive calls go through a function pointer, an address the
/// compiler cannot see through (`black_box`): an indirect call, never inlined.
fn fib_pointer(_n: u32) -> u64 {
    // TODO: the same recursion as `fib_never`, but make both recursive calls
    // through a local variable of type `fn(u32) -> u64` that holds `fib_pointer`.
    // Pass the pointer through `black_box` first, so that the compiler cannot see
    // which function it is. (Rename `_n` to `n`.)
    todo!("fib through a fn pointer")
}

/// Fibonacci whose recursive calls go through a trait object, `&dyn Fn(u32) -> u64`:
/// the call looks the function up in the object's table of methods (its vtable),
/// as Python looks up what to call at every call.
fn fib_dyn(_n: u32) -> u64 {
    // TODO: as `fib_pointer`, but the local variable is a trait object, of type
    // `&dyn Fn(u32) -> u64`, that refers to `fib_dyn`; through `black_box` again.
    // (Rename `_n` to `n`.)
    todo!("fib through a &dyn Fn")
}

/// A duration in milliseconds.
fn ms(t: Duration) -> f64 {
    t.as_secs_f64() * 1e3
}
