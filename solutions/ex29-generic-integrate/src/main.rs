//! ex29 (generic-integrate), reference solution: the lecture's `integrate(f, a, b, N)`
//! three ways: generic over the function's type (one compiled copy per function, the
//! call inlined), through a `&dyn Fn` (one compiled copy, a call through a vtable per
//! point), and on boxed values as Python runs it.
//!
//! Mirrors seed 002, "Cython, static type declarations": `integrate` in example.py and
//! its typed version in example.pyx, `def integrate(f, double a, double b, int N)` with
//! `cdef double s`, `cdef int i`, `cdef double dx`.
//! Check it with `cargo run -p runner -- check ex29`; the timings mean something only
//! optimized: `cargo run --release -p sol-generic-integrate`.

use hpckit::timer::best_of;
use std::f64::consts::PI;
use std::hint::black_box;
use std::time::Duration;

/// The number of points of each sum.
const N: u64 = 1_000_000;

fn main() {
    println!("left Riemann sums with N = {N} points");
    compare("x^2 on [0, 1]", |x| x * x, &|x| mul(x, x), 0.0, 1.0);
    compare("sin on [0, pi]", f64::sin, &|x| float(as_f64(x).sin()), 0.0, PI);
}

/// Integrates `f` over `[a, b]` the three ways, prints the results and the times;
/// `boxed_f` is `f` on boxed values.
fn compare<F: Fn(f64) -> f64>(name: &str, f: F, boxed_f: &dyn Fn(&Obj) -> Obj, a: f64, b: f64) {
    println!("{name}:");
    let generic = integrate(&f, a, b, N);
    let dynamic = integrate_dyn(&f, a, b, N);
    let boxed = integrate_boxed(boxed_f, &float(a), &float(b), &int(N as i64));
    let boxed = as_f64(&boxed);
    println!("  generic <F: Fn(f64) -> f64>: {generic:.10}");
    println!("  &dyn Fn(f64) -> f64:         {dynamic:.10}");
    println!("  boxed values:                {boxed:.10}");
    // The same operations in the same order: the same bits, not merely close.
    let identical = generic.to_bits() == dynamic.to_bits() && dynamic.to_bits() == boxed.to_bits();
    println!("  the three are identical to the last bit: {identical}");

    // `black_box` on the arguments: the compiler may not use what it knows about them,
    // such as which closure the `&dyn Fn` points to.
    let t_generic = best_of(3, || {
        black_box(integrate(&f, black_box(a), black_box(b), black_box(N)));
    });
    let t_dynamic = best_of(3, || {
        black_box(integrate_dyn(
            black_box(&f),
            black_box(a),
            black_box(b),
            black_box(N),
        ));
    });
    let t_boxed = best_of(3, || {
        black_box(integrate_boxed(
            black_box(boxed_f),
            &float(a),
            &float(b),
            &int(N as i64),
        ));
    });
    println!(
        "  times: generic {:.3} ms, dyn {:.3} ms, boxed {:.3} ms",
        ms(t_generic),
        ms(t_dynamic),
        ms(t_boxed)
    );
    println!(
        "  dyn takes {:.1}x and boxed {:.1}x the generic time",
        ratio(t_dynamic, t_generic),
        ratio(t_boxed, t_generic)
    );
}

/// The left Riemann sum of `f` over `[a, b]` with `n` points, generic over the type of
/// `f`: the compiler makes one copy of this function for every type `F` it is called
/// with, and in each copy the call `f(x)` is a direct call it can inline.
#[inline(never)]
fn integrate<F: Fn(f64) -> f64>(f: F, a: f64, b: f64, n: u64) -> f64 {
    let dx = (b - a) / n as f64;
    let mut s = 0.0;
    for i in 0..n {
        s += f(a + i as f64 * dx);
    }
    s * dx
}

/// The same sum through a trait object: one compiled copy for every function, and
/// each `f(x)` a call through the pointer in `f`'s vtable, which cannot be inlined.
#[inline(never)]
fn integrate_dyn(f: &dyn Fn(f64) -> f64, a: f64, b: f64, n: u64) -> f64 {
    let dx = (b - a) / n as f64;
    let mut s = 0.0;
    for i in 0..n {
        s += f(a + i as f64 * dx);
    }
    s * dx
}

/// A duration in milliseconds.
fn ms(t: Duration) -> f64 {
    t.as_secs_f64() * 1e3
}

/// How many times `t` is `reference`.
fn ratio(t: Duration, reference: Duration) -> f64 {
    t.as_secs_f64() / reference.as_secs_f64()
}

// ---------------------------------------------------------------------------------
// What Python does: every number an object on the heap that carries its type.
// ---------------------------------------------------------------------------------

/// A Python number: the type travels with the value.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Value {
    Int(i64),
    Float(f64),
}

/// A reference to a Python object: the value lives in its own heap allocation.
type Obj = Box<Value>;

fn int(i: i64) -> Obj {
    Box::new(Value::Int(i))
}

fn float(x: f64) -> Obj {
    Box::new(Value::Float(x))
}

/// The float value of a number, as Python converts an int in mixed arithmetic.
fn as_f64(v: &Value) -> f64 {
    match *v {
        Value::Int(i) => i as f64,
        Value::Float(x) => x,
    }
}

// Not inlined, as CPython reaches them through the type's table of functions.

/// `a + b`: look at both types, pick the operation, box the result.
#[inline(never)]
fn add(a: &Obj, b: &Obj) -> Obj {
    match (**a, **b) {
        (Value::Int(x), Value::Int(y)) => int(x + y),
        (x, y) => float(as_f64(&x) + as_f64(&y)),
    }
}

/// `a - b`.
#[inline(never)]
fn sub(a: &Obj, b: &Obj) -> Obj {
    match (**a, **b) {
        (Value::Int(x), Value::Int(y)) => int(x - y),
        (x, y) => float(as_f64(&x) - as_f64(&y)),
    }
}

/// `a * b`.
#[inline(never)]
fn mul(a: &Obj, b: &Obj) -> Obj {
    match (**a, **b) {
        (Value::Int(x), Value::Int(y)) => int(x * y),
        (x, y) => float(as_f64(&x) * as_f64(&y)),
    }
}

/// `a / b`, Python 3's true division: a float, whatever the types.
#[inline(never)]
fn div(a: &Obj, b: &Obj) -> Obj {
    float(as_f64(a) / as_f64(b))
}

/// The lecture's pure Python `integrate`, operation by operation, on boxed values:
///
/// ```python
/// def integrate(f, a, b, N):
///     s = 0
///     dx = (b-a)/N
///     for i in range(N):
///         s += f(a+i*dx)
///     return s * dx
/// ```
fn integrate_boxed(f: &dyn Fn(&Obj) -> Obj, a: &Obj, b: &Obj, n: &Obj) -> Obj {
    let mut s = int(0);
    let dx = div(&sub(b, a), n);
    let Value::Int(count) = **n else {
        panic!("range() wants an int, got {n:?}");
    };
    for i in 0..count {
        // `range` hands out a new int object at every step.
        let i = int(i);
        s = add(&s, &f(&add(a, &mul(&i, &dx))));
    }
    mul(&s, &dx)
}
