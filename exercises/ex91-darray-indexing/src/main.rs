//! ex91 (darray-indexing): global indices and distributed slices. One element is found
//! on its owner, which sends it to everyone. A slice is a view: each rank's part of
//! `darr[:, 3]` is a strided view of its own local array, so writing -0.99 through the
//! view writes into `darr`, on the rank that holds the element, with no message; only
//! gathering a slice to rank 0 communicates.
//! Fill in `column`, `write` and `stepped_slices`.
//! Check it with `cargo run -p runner -- check ex91`.

use distarray::precision::NpPrecision;
use distarray::random::RandomState;
use distarray::view::{DistView, DistViewMut};
use distarray::{Dist, DistArray};
use mpi::traits::*;
#[allow(unused_imports)] // `s!` is for the functions you write
use ndarray::{s, Ix1, Ix2};

/// The notebook's seed for `numpy.random.RandomState`.
const SEED: u32 = 1234567890;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    // Rank 0 plays the client: it draws the array and scatters it in blocks of rows.
    let nparr = (rank == 0).then(|| RandomState::new(SEED).rand(4, 5));
    let mut darr = DistArray::from_global(&world, nparr.as_ref(), [Dist::Block, Dist::Undistributed]);
    if rank == 0 {
        let shapes: Vec<String> = darr.localshapes().iter().map(|s| py_tuple(s)).collect();
        println!("darr.localshapes() = [{}]", shapes.join(", "));
    }

    // In [21]: one element. Its owner has it; `get` broadcasts it from there.
    print_owner(&darr, [0, 2]);
    let value = darr.get([0, 2]);
    if rank == 0 {
        println!("darr[0, 2] = {}", repr17(value));
    }

    // In [22]: darr[:, 3], all rows of column 3, a view: every rank's part is a view
    // of its own local array.
    let mut darr_view = column(&mut darr, 3);
    if rank == 0 {
        println!("darr_view = {darr_view}");
    }
    println!("darr_view on rank {rank}: {}", darr_view.local().np_prec(2));
    if let Some(column) = darr_view.to_global() {
        println!("darr_view.toarray() = {}", column.np_prec(2));
    }

    // In [23]: writing through the view changes the original.
    write(&mut darr_view, 3, -0.99);
    if let Some(column) = darr_view.to_global() {
        println!("view:\n{}", column.np_prec(2));
    }
    if let Some(global) = darr.to_global() {
        println!("original:\n{}", global.np_prec(2));
    }

    // In [24]: a step, and a negative stop.
    let [stepped, shorter] = stepped_slices(&darr);
    if rank == 0 {
        println!("darr[:, 2::2] = {stepped}");
        println!("darr[:-1, 2::2] = {shorter}");
    }
    println!("darr[:-1, 2::2] on rank {rank}: {}", shorter.local().np_prec(2));
    if let Some(part) = shorter.to_global() {
        println!("darr[:-1, 2::2].toarray() =\n{}", part.np_prec(2));
    }
}

/// On the rank that owns global element `index`, a line saying where it is.
fn print_owner(darr: &DistArray<f64>, index: [usize; 2]) {
    let (owner, local) = darr.distribution().owner(index);
    if owner == darr.comm().rank() as usize {
        let [i, j] = index;
        println!(
            "darr[{i}, {j}] is on rank {owner}, local index {}",
            py_tuple(&local)
        );
    }
}

/// `darr[:, j]`: column `j` as a view that writes into `darr`. Local: each rank cuts its
/// own part, no message.
fn column(_darr: &mut DistArray<f64>, _j: usize) -> DistViewMut<'_, f64, Ix1> {
    // TODO: NumPy's `darr[:, j]` is `s![.., j]` in ndarray's slice macro, and
    // `darr.slice_mut(...)` makes the view that can write (it returns a Result: a
    // cyclic dimension cannot be sliced; `expect` says why it cannot fail here).
    // (Remove the leading `_`s.)
    todo!("the column as a view of darr")
}

/// `darr_view[i] = value`: the rank that holds element `i` of the view says where it
/// is, and writes it; the other ranks do nothing.
fn write(_darr_view: &mut DistViewMut<'_, f64, Ix1>, _i: usize, _value: f64) {
    // TODO: `darr_view.owner(i)` gives (owner, local index) with no communication;
    // only the owner prints `darr_view[3] is on rank 3, local index 0` (this rank is
    // `darr_view.comm().rank()`). Then `darr_view.set(i, value)`: every rank calls it,
    // only the owner writes, into darr's local array.
    todo!("write one element through the view")
}

/// `darr[:, 2::2]` and `darr[:-1, 2::2]`: every other column from column 2, with all
/// rows, then without the last one.
fn stepped_slices(_darr: &DistArray<f64>) -> [DistView<'_, f64, Ix2>; 2] {
    // TODO: `2::2` is `2..;2` in `s!`, and `:-1` is `..-1`. A view that only reads is
    // `darr.slice(...)`.
    todo!("the two stepped slices")
}

/// A float as NumPy 1.9 showed one (`repr`): 17 significant digits, trailing zeros
/// dropped (`'%.17g'`), enough to tell any two doubles apart.
fn repr17(x: f64) -> String {
    significant(x, 17)
}

/// `x` with `digits` significant digits in positional notation, without trailing
/// zeros: C's `%.{digits}g` for numbers it writes without an exponent.
fn significant(x: f64, digits: usize) -> String {
    let scientific = format!("{x:.0$e}", digits - 1);
    let (_, exponent) = scientific.split_once('e').expect("`{:e}` writes an exponent");
    let exponent: i64 = exponent.parse().expect("the exponent is an integer");
    let decimals = (digits as i64 - 1 - exponent).max(0) as usize;
    let text = format!("{x:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// Indices as Python writes a tuple: `(0, 2)`.
fn py_tuple(values: &[usize]) -> String {
    let items: Vec<String> = values.iter().map(usize::to_string).collect();
    format!("({})", items.join(", "))
}
