//! ex57 (column-datatype): send a column of a row-major 2-D array without copying it,
//! with a derived MPI datatype.
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
//! Fill in the three functions after `ColumnType`.
//! Check it with `cargo run -p runner -- check ex57`.

use hpckit::NpDisplay;
use mpi::datatype::UserDatatype;
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
// (`allow`: until your functions read the fields, the compiler would warn that nobody
// does. You may delete the line once they do.)
#[allow(dead_code)]
struct ColumnType {
    datatype: UserDatatype,
    shape: (usize, usize),
}

/// The MPI datatype of one column of a row-major `rows × cols` array of `f64`: `rows`
/// blocks of one element, `cols` elements apart.
fn column_type(_rows: usize, _cols: usize) -> ColumnType {
    // TODO: `UserDatatype::vector(count, blocklength, stride, &oldtype)` makes and commits
    // MPI_Type_vector: `count` blocks of `blocklength` elements of `oldtype`, the start
    // of each block `stride` elements after the previous one. Counts are `i32` (convert
    // with `i32::try_from`), and the old type of `f64` is `f64::equivalent_datatype()`.
    // Return it in a `ColumnType` with the shape `(rows, cols)`. (Remove the leading `_`
    // of the parameters you use.)
    todo!("describe one column of a rows × cols array to MPI")
}

/// Sends column `j` of the row-major array `a` to `dest`, tagged `tag`, straight from
/// `a`'s memory, described by `column`.
fn send_column(_dest: Process, _a: &Array2<f64>, _j: usize, _column: &ColumnType, _tag: Tag) {
    // TODO:
    // 1. check that `a.dim()` is `column.shape` and that `j` is a column of it
    //    (`assert!`): the datatype must not take MPI outside the array;
    // 2. `a.as_slice()` is `a`'s memory; column `j` starts at element `j`;
    // 3. `View::with_count_and_datatype(&memory[j..], 1, &column.datatype)` (from
    //    `mpi::datatype`) is a buffer of one element of that datatype. It is `unsafe`:
    //    you promise that the datatype stays within the slice. Write a `// SAFETY:`
    //    comment saying why it does;
    // 4. send `&view` with `dest.send_with_tag`.
    todo!("send column `j` of `a` through a view with the column datatype")
}

/// Receives into column `j` of the row-major array `b`, from `source`, tagged `tag`,
/// with the datatype `column`.
fn receive_column(_source: Process, _b: &mut Array2<f64>, _j: usize, _column: &ColumnType, _tag: Tag) {
    // TODO: the mirror image of `send_column`, with `b.as_slice_mut()`, `MutView` (from
    // `mpi::datatype`): `MutView::with_count_and_datatype(&mut memory[j..], 1, ...)`,
    // and `source.receive_into_with_tag(&mut view, tag)`.
    todo!("receive into column `j` of `b` through a view with the column datatype")
}
