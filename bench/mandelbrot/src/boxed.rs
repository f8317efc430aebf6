//! What a Python object is, in Rust: every value on the heap, behind a pointer, with
//! its type as a tag that every operation checks at run time. `zr * zr` in pure
//! Python looks up the type of both operands, chooses the float multiplication,
//! allocates a new float object for the result and drops its reference to the
//! temporaries; here, [`mul`] matches on both tags, computes, and returns a new
//! `Box<Value>`, and the old boxes are freed.
//!
//! The operations are `#[inline(never)]`, as CPython's are calls through the type's
//! table of functions: inlined, the optimizer could see through the boxes and remove
//! the allocations, which CPython never does.

/// A dynamically typed value: the three types the kernel meets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Int(i64),
    Float(f64),
    Bool(bool),
}

/// A Python object: a value on the heap.
pub type Obj = Box<Value>;

pub fn int(i: i64) -> Obj {
    Box::new(Value::Int(i))
}

pub fn float(x: f64) -> Obj {
    Box::new(Value::Float(x))
}

/// A number as a float, or the `TypeError` Python would raise.
fn as_float(v: &Value, op: &str) -> f64 {
    match *v {
        Value::Int(i) => i as f64,
        Value::Float(x) => x,
        Value::Bool(_) => panic!("TypeError: unsupported operand type for {op}: bool"),
    }
}

/// One binary arithmetic operation with Python's rules: int with int stays int, any
/// float makes the result a float.
fn arith(a: &Value, b: &Value, op: &str, int_op: fn(i64, i64) -> i64, float_op: fn(f64, f64) -> f64) -> Obj {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Box::new(Value::Int(int_op(*x, *y))),
        _ => Box::new(Value::Float(float_op(as_float(a, op), as_float(b, op)))),
    }
}

#[inline(never)]
pub fn add(a: &Obj, b: &Obj) -> Obj {
    arith(a, b, "+", |x, y| x + y, |x, y| x + y)
}

#[inline(never)]
pub fn sub(a: &Obj, b: &Obj) -> Obj {
    arith(a, b, "-", |x, y| x - y, |x, y| x - y)
}

#[inline(never)]
pub fn mul(a: &Obj, b: &Obj) -> Obj {
    arith(a, b, "*", |x, y| x * y, |x, y| x * y)
}

/// `a < b`, a new bool object.
#[inline(never)]
pub fn lt(a: &Obj, b: &Obj) -> Obj {
    let less = match (&**a, &**b) {
        (Value::Int(x), Value::Int(y)) => x < y,
        _ => as_float(a, "<") < as_float(b, "<"),
    };
    Box::new(Value::Bool(less))
}

/// Python's truth test, what `while` and `and` ask of an object.
#[inline(never)]
pub fn truthy(a: &Obj) -> bool {
    match **a {
        Value::Bool(b) => b,
        Value::Int(i) => i != 0,
        Value::Float(x) => x != 0.0,
    }
}

/// The lecture's pure-Python kernel, with the corrected update, operation by
/// operation on boxed values:
///
/// ```python
/// def kernel(zr, zi, cr, ci, lim, cutoff):
///     count = 0
///     while ((zr*zr + zi*zi) < (lim*lim)) and count < cutoff:
///         zr, zi = zr * zr - zi * zi + cr, 2 * zr * zi + ci
///         count += 1
///     return count
/// ```
#[inline(never)]
pub fn kernel(zr: Obj, zi: Obj, cr: &Obj, ci: &Obj, lim: &Obj, cutoff: &Obj) -> Obj {
    let (mut zr, mut zi) = (zr, zi);
    let (zero, one, two) = (int(0), int(1), int(2));
    let mut count = add(&zero, &zero);
    loop {
        let size = add(&mul(&zr, &zr), &mul(&zi, &zi));
        // `and` evaluates its right side only when the left one is true.
        if !truthy(&lt(&size, &mul(lim, lim))) || !truthy(&lt(&count, cutoff)) {
            return count;
        }
        let next_zr = add(&sub(&mul(&zr, &zr), &mul(&zi, &zi)), cr);
        let next_zi = add(&mul(&mul(&two, &zr), &zi), ci);
        (zr, zi) = (next_zr, next_zi);
        count = add(&count, &one);
    }
}
