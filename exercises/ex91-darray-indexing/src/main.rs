//! ex91 (darray-indexing): global indices on a distributed array. One element is found
//! on its owner, which sends it to everyone; a slice is cut by every rank from its own
//! elements, using the global indices its distribution gives it, and the pieces are
//! gathered to rank 0 (this library has no distributed views); writing through a
//! global index changes the element on its owner only.
//! Fill in `print_owner`, `write` and `local_part`.
//! Check it with `cargo run -p runner -- check ex91`.

use distarray::maps::Distribution;
use distarray::precision::NpPrecision;
use distarray::random::RandomState;
use distarray::{Dist, DistArray};
use mpi::traits::*;
#[allow(unused_imports)] // `Axis` is for the function you write
use ndarray::{Array2, Axis};

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

    // In [22]: darr[:, 3], every row of column 3.
    let all_rows: Vec<usize> = (0..4).collect();
    if let Some(column) = slice(&darr, "darr[:, 3]", &all_rows, &[3]) {
        println!("darr[:, 3] = {}", column.column(0).np_prec(2));
    }

    // In [23]: write -0.99 at global index (3, 3), then look again.
    print_owner(&darr, [3, 3]);
    write(&mut darr, [3, 3], -0.99);
    if rank == 0 {
        println!("darr[3, 3] = -0.99");
    }
    if let Some(column) = slice(&darr, "darr[:, 3]", &all_rows, &[3]) {
        println!("darr[:, 3] = {}", column.column(0).np_prec(2));
    }
    if let Some(global) = darr.to_global() {
        println!("darr.toarray() =\n{}", global.np_prec(2));
    }

    // In [24]: darr[:-1, 2::2], rows 0 to 2 and every other column from column 2.
    let stepped_columns: Vec<usize> = (2..5).step_by(2).collect();
    if rank == 0 {
        print_extent(darr.distribution(), "darr[:, 2::2]", &all_rows, &stepped_columns);
    }
    let first_rows: Vec<usize> = (0..3).collect();
    if let Some(part) = slice(&darr, "darr[:-1, 2::2]", &first_rows, &stepped_columns) {
        print_extent(
            darr.distribution(),
            "darr[:-1, 2::2]",
            &first_rows,
            &stepped_columns,
        );
        println!("darr[:-1, 2::2].toarray() =\n{}", part.np_prec(2));
    }
}

/// On the rank that owns global element `index`, a line saying where it is.
fn print_owner(_darr: &DistArray<f64>, _index: [usize; 2]) {
    // TODO: the distribution knows who owns every global index, with no communication:
    // `darr.distribution().owner(index)` gives (owner, local index). Only the owner
    // prints, in the form `darr[0, 2] is on rank 0, local index (0, 2)` (`py_tuple`
    // writes the local index). This rank is `darr.comm().rank()`. (Remove the `_`s.)
    todo!("the owner of a global index says where it is")
}

/// `darr[index] = value`: the owner writes its element, the other ranks do nothing.
fn write(_darr: &mut DistArray<f64>, _index: [usize; 2], _value: f64) {
    // TODO: every rank calls this; only the owner of `index` changes its element.
    // The DistArray has a method that does exactly that.
    todo!("write one element through its global index")
}

/// The slice of `darr` made of global rows `rows` and columns `cols`: every rank
/// prints its own part, and rank 0 gets the whole slice (`None` on the other ranks).
/// Every rank calls it.
fn slice(darr: &DistArray<f64>, name: &str, rows: &[usize], cols: &[usize]) -> Option<Array2<f64>> {
    let part = local_part(darr, rows, cols);
    println!("{name} on rank {}: {}", darr.comm().rank(), part.np_prec(2));
    let parts = darr.apply_array(|_| part)?;
    Some(assemble(&parts, darr.distribution(), rows, cols))
}

/// This rank's elements of the slice made of global rows `rows` and columns `cols`, in
/// its local order: the local rows whose global index is in `rows`, and of them the
/// local columns whose global index is in `cols`.
fn local_part(_darr: &DistArray<f64>, _rows: &[usize], _cols: &[usize]) -> Array2<f64> {
    // TODO: `darr.distribution().global_indices(rank)` gives this rank's global row
    // and column indices, in local order. `local_positions` turns them into the local
    // indices to keep, and ndarray's `select(Axis(0), &indices)` keeps those rows of
    // `darr.local()` (then `select(Axis(1), ...)` the columns).
    todo!("this rank's elements of the slice")
}

/// The local indices whose global index (`mine[local]`) is one of `wanted`.
#[allow(dead_code)] // for `local_part`: remove this line when you use it
fn local_positions(mine: &[usize], wanted: &[usize]) -> Vec<usize> {
    (0..mine.len())
        .filter(|&local| wanted.contains(&mine[local]))
        .collect()
}

/// The slice from every rank's part (`parts[rank]`): rank `r`'s element at local
/// position (a, b) of its part goes where its global row and column are in the slice.
fn assemble(
    parts: &[Array2<f64>],
    distribution: &Distribution,
    rows: &[usize],
    cols: &[usize],
) -> Array2<f64> {
    let mut slice = Array2::zeros((rows.len(), cols.len()));
    for (rank, part) in parts.iter().enumerate() {
        let [my_rows, my_cols] = distribution.global_indices(rank);
        let at_rows = slice_positions(&my_rows, rows);
        let at_cols = slice_positions(&my_cols, cols);
        for (a, &i) in at_rows.iter().enumerate() {
            for (b, &j) in at_cols.iter().enumerate() {
                slice[[i, j]] = part[[a, b]];
            }
        }
    }
    slice
}

/// Where each of `mine` that is in `wanted` sits in `wanted`, in the order of `mine`.
fn slice_positions(mine: &[usize], wanted: &[usize]) -> Vec<usize> {
    mine.iter()
        .filter_map(|global| wanted.iter().position(|w| w == global))
        .collect()
}

/// A slice's shape and the ranks that hold a part of it (the notebook's `targets`),
/// from the distribution alone.
fn print_extent(distribution: &Distribution, name: &str, rows: &[usize], cols: &[usize]) {
    let holders: Vec<usize> = distribution
        .targets()
        .iter()
        .copied()
        .filter(|&rank| {
            let [my_rows, my_cols] = distribution.global_indices(rank);
            my_rows.iter().any(|i| rows.contains(i)) && my_cols.iter().any(|j| cols.contains(j))
        })
        .collect();
    let shape = py_tuple(&[rows.len(), cols.len()]);
    println!("{name}: shape {shape}, on ranks {holders:?}");
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
