//! ex57 (column-datatype), reference solution: send a column of a row-major 2-D array
//! without copying it, with a derived MPI datatype.
//!
//! A column of `a = arange(16.).reshape(4, 4)` is 4 values, each 4 values after the
//! previous one in memory: not a slice. Instead of copying it, describe it to MPI as a
//! *vector* datatype: 4 blocks of 1 `f64`, a stride of 4 `f64` apart. Rank 0 sends
//! rank `d` column `d % 4` twice with that datatype, straight from `a`'s memory. The
//! receiver takes the first message into a plain 4-value buffer (MPI only checks that
//! both sides carry 4 doubles) and the second, with the same datatype, into the same
//! column of a 4×4 array of zeros. The datatype is made once, kept together with
//! the shape it describes, and used for every message.
//!
//! Mirrors seed 000, "Send / Recv with 2D array" and "what will happen if you try to
//! send an array with non-contiguous memory?", with seed 002's "MPI datatypes" ("one
//! can also define custom datatypes, for example to use non-contiguous data buffers")
//! and seed 001's `MPI.INT.Create_vector`.
//! Check it with `cargo run -p runner -- check ex57`.

use hpckit::NpDisplay;
use mpi::datatype::{MutView, UserDatatype, View};
use mpi::topology::Process;
use mpi::traits::*;
use mpi::Tag;
use ndarray::{Array, Array1, Array2};

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    let (rows, cols) = (4, 4);
    let column = column_type(rows, cols);

    if rank == 0 {
        let a: Array2<f64> = Array::range(0.0, 16.0, 1.0)
            .into_shape_with_order((rows, cols))
            .expect("16 values make a 4×4 array");
        for dest in 1..world.size() {
            let j = dest as usize % cols;
            send_column(world.process_at_rank(dest), &a, j, &column, 1);
            send_column(world.process_at_rank(dest), &a, j, &column, 2);
            println!(
                "Process 0 sent column {j} to process {dest}, twice, without a copy: {}",
                a.column(j).np()
            );
        }
    } else {
        let source = world.process_at_rank(0);
        let j = rank as usize % cols;

        // The same 4 doubles, received contiguously: no derived datatype needed here.
        let mut plain = Array1::<f64>::zeros(rows);
        let buffer = plain.as_slice_mut().expect("a new array is contiguous");
        source.receive_into_with_tag(buffer, 1);
        println!(
            "Process {rank} received column {j} into a 1-D array: {}",
            plain.np()
        );

        let mut b = Array2::zeros((rows, cols));
        receive_column(source, &mut b, j, &column, 2);
        println!(
            "Process {rank} received column {j} into column {j} of zeros:\n{}",
            b.np()
        );
    }
}

/// A committed MPI datatype for one column of a row-major array of `f64`, with the
/// shape it was made for: the datatype is only safe to use on arrays of that shape.
struct ColumnType {
    datatype: UserDatatype,
    shape: (usize, usize),
}

/// The MPI datatype of one column of a row-major `rows × cols` array of `f64`: `rows`
/// blocks of one element, `cols` elements apart.
fn column_type(rows: usize, cols: usize) -> ColumnType {
    let count = i32::try_from(rows).expect("rows fit in an MPI count");
    let stride = i32::try_from(cols).expect("cols fit in an MPI count");
    // MPI_Type_vector(count, blocklength, stride, MPI_DOUBLE), then MPI_Type_commit.
    // The datatype is freed (MPI_Type_free) when the `UserDatatype` is dropped.
    let datatype = UserDatatype::vector(count, 1, stride, &f64::equivalent_datatype());
    ColumnType {
        datatype,
        shape: (rows, cols),
    }
}

/// Sends column `j` of the row-major array `a` to `dest`, tagged `tag`, straight from
/// `a`'s memory, described by `column`.
fn send_column(dest: Process, a: &Array2<f64>, j: usize, column: &ColumnType, tag: Tag) {
    let (rows, cols) = column.shape;
    assert_eq!(a.dim(), column.shape, "the datatype was made for another shape");
    assert!(j < cols, "column {j} of an array with {cols} columns");
    let memory = a.as_slice().expect("the array is in row-major order");
    // SAFETY: the datatype spans `(rows - 1) * cols + 1` elements from where it
    // starts. `memory[j..]` holds `rows * cols - j` elements, at least that many
    // because `j < cols`: MPI reads nothing outside `a`, and `f64` has no padding.
    debug_assert!(rows.saturating_sub(1) * cols < memory[j..].len());
    let view = unsafe { View::with_count_and_datatype(&memory[j..], 1, &column.datatype) };
    dest.send_with_tag(&view, tag);
}

/// Receives into column `j` of the row-major array `b`, from `source`, tagged `tag`,
/// with the datatype `column`.
fn receive_column(source: Process, b: &mut Array2<f64>, j: usize, column: &ColumnType, tag: Tag) {
    let (rows, cols) = column.shape;
    assert_eq!(b.dim(), column.shape, "the datatype was made for another shape");
    assert!(j < cols, "column {j} of an array with {cols} columns");
    let memory = b.as_slice_mut().expect("the array is in row-major order");
    // SAFETY: as in `send_column`, the datatype starting at element `j < cols` covers
    // only elements of `b`: MPI writes nothing outside it.
    debug_assert!(rows.saturating_sub(1) * cols < memory[j..].len());
    let mut view = unsafe { MutView::with_count_and_datatype(&mut memory[j..], 1, &column.datatype) };
    source.receive_into_with_tag(&mut view, tag);
}
