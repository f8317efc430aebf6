//! ex56 (noncontiguous): what MPI sends when the array is not one block of memory in
//! row-major order.
//!
//! An MPI buffer is one block of memory; in rsmpi, a slice. An ndarray array or view
//! gives one with `as_slice()` only when its elements lie contiguously in row-major
//! (C) order. Rank 0 sends every other rank five arrays and prints what went over the
//! wire:
//!
//! 1. every other element of `arange(12.)`: strided, no slice; a copy is sent;
//! 2. rows 2 and 3 of the 4×4 array `a = arange(16.).reshape(4, 4)`: contiguous,
//!    sent in place, and received in place into rows 2 and 3 of a 4×4 array of zeros;
//! 3. rows 2 and 3 of the transpose `a.t()`: not contiguous in any order; a copy is
//!    sent;
//! 4. rows 2 and 3 of a row-major copy of `a.t()`: contiguous, sent in place;
//! 5. the whole transpose `a.t()`: contiguous in column-major (F) order only.
//!    `as_slice_memory_order()` gives its memory, which holds `a`'s order, so the
//!    receiver gets `a`, not its transpose.
//!
//! Fill in `send_logical` and `receive_into_view` at the end of the file.
//! Check it with `cargo run -p runner -- check ex56`.

use hpckit::NpDisplay;
use mpi::topology::Process;
use mpi::traits::*;
use mpi::Tag;
use ndarray::{s, Array, Array1, Array2, ArrayViewD, ArrayViewMutD};

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    let x = Array1::range(0.0, 12.0, 1.0);
    let a: Array2<f64> = Array::range(0.0, 16.0, 1.0)
        .into_shape_with_order((4, 4))
        .expect("16 values make a 4×4 array");
    // NumPy's `a.T.copy()`: a copy in row-major order (`to_owned()` would keep the
    // transpose's column-major layout).
    let t_copy = a.t().as_standard_layout().into_owned();

    if rank == 0 {
        let cases: [(&str, ArrayViewD<f64>); 4] = [
            ("x[::2]", x.slice(s![..;2]).into_dyn()),
            ("a[2:4]", a.slice(s![2..4, ..]).into_dyn()),
            ("a.T[2:4]", a.t().slice_move(s![2..4, ..]).into_dyn()),
            ("a.T.copy()[2:4]", t_copy.slice(s![2..4, ..]).into_dyn()),
        ];
        for (tag, (name, view)) in (1..).zip(cases) {
            let mut sent = Vec::new();
            for dest in 1..world.size() {
                sent = send_logical(world.process_at_rank(dest), view.view(), tag);
            }
            let how = if view.as_slice().is_some() {
                "sent in place"
            } else {
                "sent a copy"
            };
            println!("{name}: as_slice {}, {how}: {}", some(view.as_slice()), sent.np());
        }

        // The trap: the transpose's memory is contiguous, but in the other order.
        let at = a.t();
        let memory = at.as_slice_memory_order().expect("a transpose is F-contiguous");
        for dest in 1..world.size() {
            world.process_at_rank(dest).send_with_tag(memory, 5);
        }
        println!(
            "a.T: as_slice {}, as_slice_memory_order {}, sent its memory: {}",
            some(at.as_slice()),
            some(at.as_slice_memory_order()),
            memory.np()
        );
    } else {
        let source = world.process_at_rank(0);
        let mut strided = Array1::zeros(6);
        receive_into_view(source, strided.view_mut().into_dyn(), 1);
        println!("Process {rank} received x[::2]: {}", strided.np());

        for (tag, name) in [(2, "a[2:4]"), (3, "a.T[2:4]"), (4, "a.T.copy()[2:4]")] {
            let mut b = Array2::zeros((4, 4));
            receive_into_view(source, b.slice_mut(s![2..4, ..]).into_dyn(), tag);
            println!(
                "Process {rank} received {name} into rows 2:4 of zeros:\n{}",
                b.np()
            );
        }

        let mut b = Array2::zeros((4, 4));
        receive_into_view(source, b.view_mut().into_dyn(), 5);
        println!(
            "Process {rank} received a.T into zeros, and has a, not a.T:\n{}",
            b.np()
        );
    }
}

/// `Some` or `None`, for printing what `as_slice` and its kin return.
fn some<T>(option: Option<T>) -> &'static str {
    if option.is_some() {
        "Some"
    } else {
        "None"
    }
}

/// Sends the elements of `view` to `dest` in logical (row-major) order, tagged `tag`:
/// straight from the array's memory when it is laid out that way, else from a
/// contiguous copy. Returns the values sent.
fn send_logical(_dest: Process, _view: ArrayViewD<f64>, _tag: Tag) -> Vec<f64> {
    // TODO: `match view.as_slice()`:
    // - `Some(buffer)`: the view's own memory is a row-major slice; send it with
    //   `dest.send_with_tag(buffer, tag)` and return a copy of it (`buffer.to_vec()`);
    // - `None`: gather a contiguous copy in logical order,
    //   `view.iter().copied().collect::<Vec<f64>>()`, send that, and return it.
    // (Remove the leading `_` of the parameters you use.)
    todo!("send `view` in row-major order: in place if you can, else a copy")
}

/// Receives from `source`, tagged `tag`, straight into `view`, which must be
/// contiguous in row-major order (a whole array, or a block of whole rows).
fn receive_into_view(_source: Process, _view: ArrayViewMutD<f64>, _tag: Tag) {
    // TODO: `view.as_slice_mut()` is the view's memory as a `&mut [f64]` when it is
    // contiguous in row-major order (`None` otherwise: `expect` it, saying why). Pass
    // it to `source.receive_into_with_tag`. (The parameter must be `mut view`.)
    todo!("receive into the memory of `view`")
}
