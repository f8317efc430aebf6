//! ex06 (views-copies): what changes an array and what does not. A second name for an
//! array is a reference (or a move), a slice is a view into the array's memory, and
//! only `clone()`/`to_owned()` copy. Fill in the four functions below `main`, and read
//! `main`: it compiles only because each borrow ends before `a` is used again.
//! Check it with `cargo run -p runner -- check ex06`.

use hpckit::NpDisplay;
use ndarray::{Array1, ArrayViewMut1};

fn main() {
    let mut a: Array1<i64> = (0..10).collect();
    println!("a = {}", a.np());

    // Python's `b = a` makes a second name for the same array. In Rust that is a
    // reference: `&mut a` lends `a` to `b`, and while `b` is in use, `a` cannot be
    // touched at all. After `b`'s last use the loan ends and `a` is usable again.
    println!("b = a (a reference); b[0] = 100");
    let b = &mut a;
    set_first(b, 100);
    println!("b = {}", b.np());
    println!("a = {}", a.np());

    println!("b = a.copy(); b[0] = -1");
    let mut b = copy_of(&a);
    set_first(&mut b, -1);
    println!("b = {}", b.np());
    println!("a = {}", a.np());

    // A view borrows `a` mutably for as long as it lives, like `&mut a` above.
    println!("c = a[1:4] (a view); c *= 10");
    let mut c = view_1_to_4(&mut a);
    c *= 10;
    println!("c = {}", c.np());
    println!("a = {}", a.np());

    println!("c = a[1:4].copy(); c[:] = 0");
    let mut c = copy_1_to_4(&a);
    c.fill(0);
    println!("c = {}", c.np());
    println!("a = {}", a.np());

    // The other way to give an array a second name: move it. The array is not copied
    // (only its small header, pointer, shape and strides, moves), and the old name is
    // gone: `a.np()` below this line fails to compile with "borrow of moved value".
    println!("b = a (a move)");
    let b = a;
    println!("b = {}", b.np());
}

/// `b[0] = value`, through a mutable reference.
fn set_first(_b: &mut Array1<i64>, _value: i64) {
    // TODO: index the array with `[0]`; through `&mut` you may assign to it.
    // (Remove the leading `_` of the parameters you use.)
    todo!("set the first element of `b`")
}

/// `a.copy()`: a new array with its own memory.
fn copy_of(_a: &Array1<i64>) -> Array1<i64> {
    // TODO: an `Array1` owns its elements; the `Clone` trait copies them.
    todo!("a copy of `a`")
}

/// `a[1:4]`: a mutable view of the elements 1, 2 and 3 of `a`.
fn view_1_to_4(_a: &mut Array1<i64>) -> ArrayViewMut1<'_, i64> {
    // TODO: `a.slice_mut(s![...])` (add `s` to the `use ndarray::{...}` line).
    todo!("a mutable view of a[1:4]")
}

/// `a[1:4].copy()`: the elements 1, 2 and 3 of `a` in a new array.
fn copy_1_to_4(_a: &Array1<i64>) -> Array1<i64> {
    // TODO: `a.slice(...)` is a view; `to_owned()` copies what a view sees into a new,
    // owned array.
    todo!("a copy of a[1:4]")
}
