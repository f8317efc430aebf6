//! ex56 (noncontiguous), reference solution: what MPI sends when the array is not
//! one block of memory in row-major order.
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
//! Mirrors seed 000, "what will happen if you try to send an array with
//! non-contiguous memory?" (`np.arange(12.)[::2]`) and "Send / Recv with 2D array":
//! `np.arange(16).reshape(4, 4)`, its `.T` and its `.T.copy()`, sending `data[2:6]`.
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
fn send_logical(dest: Process, view: ArrayViewD<f64>, tag: Tag) -> Vec<f64> {
    match view.as_slice() {
        // Contiguous in row-major order: the view's own memory is the buffer.
        Some(buffer) => {
            dest.send_with_tag(buffer, tag);
            buffer.to_vec()
        }
        // Anything else: `iter()` visits the elements in logical order whatever the
        // strides; collecting them gathers a contiguous copy, which MPI can send.
        None => {
            let copy: Vec<f64> = view.iter().copied().collect();
            dest.send_with_tag(&copy[..], tag);
            copy
        }
    }
}

/// Receives from `source`, tagged `tag`, straight into `view`, which must be
/// contiguous in row-major order (a whole array, or a block of whole rows).
fn receive_into_view(source: Process, mut view: ArrayViewMutD<f64>, tag: Tag) {
    let buffer = view
        .as_slice_mut()
        .expect("receive only into views that are contiguous in row-major order");
    source.receive_into_with_tag(buffer, tag);
}
