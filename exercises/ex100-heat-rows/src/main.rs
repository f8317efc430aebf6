//! ex100 (heat-rows): the heat-equation program of ex98 on many ranks. The grid is cut
//! into blocks of whole rows, one block per rank; the blocks differ by one row where
//! the rows do not divide evenly. Each rank keeps its block with one extra row above
//! and one below, the ghost rows, which hold copies of its neighbours' edge rows.
//! Rank 0 reads the initial field; at the report steps it prints ex98's lines and
//! draws the field. Write the four pieces that make it parallel, near the end of this
//! file: `scatter_rows` (Scatterv of the blocks from rank 0), `gather_rows` (Gatherv
//! back), `exchange_ghosts` (two `MPI_Sendrecv`s with the null process at the top and
//! bottom of the grid) and `evolve` (one step of this rank's rows).
//!
//! Every point must be computed from the same five values with the same arithmetic as
//! in ex98, so that at any number of ranks the field is ex98's to the last bit: the
//! printed checksums show it.
//!
//! Mirrors seed 002's closing MPI exercise and CSC's mpi/heat-equation (the row
//! decomposition with ghost layers, `exchange` with two `Sendrecv`s and PROC_NULL, the
//! field scattered from and gathered to rank 0), with Scatterv and Gatherv so that the
//! rows need not divide evenly.
//! Check it with `cargo run -p runner -- check ex100`.

use hpckit::heat::{self, Pictures};
#[allow(unused_imports)] // for `exchange_ghosts`
use hpckit::mpi_ext::proc_null::send_recv_optional;
use hpckit::split::Split;
#[allow(unused_imports)] // for `scatter_rows` and `gather_rows`
use mpi::datatype::{Partition, PartitionMut};
use mpi::topology::{Process, Rank, SimpleCommunicator};
use mpi::traits::*;
use mpi::{Count, Tag};
use ndarray::{s, Array2, ArrayView2, ArrayViewMut2, Zip};
use std::fmt::Display;
use std::ops::Range;

/// Diffusion constant and grid spacing, as in ex98.
const A: f64 = 0.5;
const DX: f64 = 0.01;
const DY: f64 = 0.01;
/// Time steps to take, and how often to print the field's numbers and draw it.
const STEPS: usize = 1000;
const REPORT_EVERY: usize = 250;
/// The rank that reads the field, prints its numbers and draws it.
const ROOT: Rank = 0;
/// Tags of a row travelling down the grid (to rank + 1) and up (to rank - 1).
#[allow(dead_code)] // until `exchange_ghosts` uses it
const DOWNWARDS: Tag = 1;
#[allow(dead_code)] // until `exchange_ghosts` uses it
const UPWARDS: Tag = 2;

/// How the grid's rows are shared out, in values rather than rows, as Scatterv and
/// Gatherv count: a block of rows is contiguous in a row-major field, `n * columns`
/// values from `first * columns` on.
#[allow(dead_code)] // until `scatter_rows` and `gather_rows` read it
struct Layout {
    rows: usize,
    columns: usize,
    counts: Vec<Count>,
    displs: Vec<Count>,
}

impl Layout {
    fn new(split: &Split, rows: usize, columns: usize) -> Layout {
        let width = Count::try_from(columns).expect("the row length fits MPI's counts");
        let scale = |counts: &[Count]| counts.iter().map(|&n| n * width).collect();
        Layout {
            rows,
            columns,
            counts: scale(&split.counts),
            displs: scale(&split.displs),
        }
    }
}

/// This rank's part of the grid: which global rows it owns, and its neighbours.
struct Block {
    /// The global rows this rank owns.
    rows: Range<usize>,
    /// The rank that owns the rows above, and the one that owns the rows below;
    /// `None` at the top and the bottom of the grid.
    up: Option<Rank>,
    down: Option<Rank>,
}

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let (rank, size) = (world.rank(), world.size());
    let root = world.process_at_rank(ROOT);

    // Rank 0 reads the field and tells the others its shape.
    let field = (rank == ROOT).then(|| or_abort(&world, heat::read_field(heat::BOTTLE_PATH)));
    let mut shape = field
        .as_ref()
        .map_or([0; 2], |f| [f.nrows() as u64, f.ncols() as u64]);
    root.broadcast_into(&mut shape[..]);
    let (rows, columns) = (shape[0] as usize, shape[1] as usize);
    let split = Split::new(rows, size as usize);
    assert!(
        split.counts.iter().all(|&count| count >= 2),
        "{rows} rows are too few for {size} ranks: every rank needs two rows at least"
    );
    let block = Block {
        rows: split.range(rank as usize),
        up: (rank > 0).then(|| rank - 1),
        down: (rank + 1 < size).then_some(rank + 1),
    };

    let pictures = field.as_ref().map(|field| {
        let (low, high) = heat::min_max(field.view());
        println!("bottle.dat: {rows} x {columns} grid, temperatures from {low:.1} to {high:.1}");
        or_abort(&world, Pictures::new("heat-rows", low, high))
    });
    let dt = stable_dt(A, DX, DY);
    if let Some(pictures) = &pictures {
        println!("{STEPS} steps of dt = {dt:.6e}, the stability limit");
        println!("pictures go to {}/ in the target directory", pictures.folder());
    }
    println!(
        "rank {rank}: rows {}..{} of {rows} ({} rows), {} above, {} below",
        block.rows.start,
        block.rows.end,
        block.rows.len(),
        neighbour(block.up),
        neighbour(block.down)
    );

    let layout = Layout::new(&split, rows, columns);
    let mut current = Array2::zeros((block.rows.len() + 2, columns));
    scatter_rows(root, field.as_ref(), &layout, &mut current);
    // The rows of `next` that the steps never write (the grid's edges) must hold their
    // fixed values too.
    let mut next = current.clone();

    report(&world, 0, &current, &layout, pictures.as_ref());
    for step in 1..=STEPS {
        exchange_ghosts(&world, &mut current, &block);
        evolve(&mut next, &current, &block, dt);
        std::mem::swap(&mut current, &mut next);
        if step % REPORT_EVERY == 0 {
            report(&world, step, &current, &layout, pictures.as_ref());
        }
    }
}

/// The largest time step for which the explicit scheme is stable.
fn stable_dt(a: f64, dx: f64, dy: f64) -> f64 {
    let (dx2, dy2) = (dx * dx, dy * dy);
    dx2 * dy2 / (2.0 * a * (dx2 + dy2))
}

/// A neighbour for the rank's line: `rank 2`, or `no rank`.
fn neighbour(rank: Option<Rank>) -> String {
    rank.map_or("no rank".to_string(), |rank| format!("rank {rank}"))
}

/// The value, or the error printed and the whole job ended: the other ranks would wait
/// for this one forever.
fn or_abort<T, E: Display>(world: &SimpleCommunicator, result: Result<T, E>) -> T {
    result.unwrap_or_else(|error| {
        eprintln!("error: {error}");
        world.abort(1)
    })
}

/// Scatterv from the root: each rank's rows of `field` (which only the root has) into
/// the rows of `local` between its two ghost rows.
fn scatter_rows(_root: Process, _field: Option<&Array2<f64>>, _layout: &Layout, _local: &mut Array2<f64>) {
    // TODO: the receive buffer is this rank's own rows of `local`, one slice between
    // the ghost rows: `ghost_parts` (below) hands them out. Then as in ex75: on the
    // root (`Some(field)`), `field.as_slice()` wrapped as
    // `Partition::new(values, &layout.counts[..], &layout.displs[..])` and
    // `root.scatter_varcount_into_root(&partition, own)`; elsewhere
    // `root.scatter_varcount_into(own)`. (Remove the leading `_` of the parameters you
    // use.)
    todo!("Scatterv each rank's rows from the root")
}

/// Gatherv to the root: every rank's own rows (not its ghosts) into the whole field,
/// which only the root gets back.
fn gather_rows(_root: Process, _local: &Array2<f64>, _layout: &Layout) -> Option<Array2<f64>> {
    // TODO: the mirror image of `scatter_rows`: every rank sends `own_values(local)`;
    // the root makes the whole field (`Array2::zeros((layout.rows, layout.columns))`),
    // wraps its `as_slice_mut()` as a `PartitionMut` and calls
    // `gather_varcount_into_root`, the others `gather_varcount_into`.
    todo!("Gatherv every rank's rows into the whole field on the root")
}

/// The rows this rank owns, between its two ghost rows, as one slice.
#[allow(dead_code)] // until `gather_rows` uses it
fn own_values(local: &Array2<f64>) -> &[f64] {
    let columns = local.ncols();
    let values = local.as_slice().expect("the local field is in standard layout");
    &values[columns..values.len() - columns]
}

/// The local field's three parts: the top ghost row, the rows this rank owns, and the
/// bottom ghost row, each a slice of its own, so that one can be sent while another
/// is received into.
#[allow(dead_code)] // until `scatter_rows` and `exchange_ghosts` use it
fn ghost_parts(local: &mut Array2<f64>) -> (&mut [f64], &mut [f64], &mut [f64]) {
    let columns = local.ncols();
    let values = local
        .as_slice_mut()
        .expect("the local field is in standard layout");
    let (top, rest) = values.split_at_mut(columns);
    let (own, bottom) = rest.split_at_mut(rest.len() - columns);
    (top, own, bottom)
}

/// The ghost exchange, CSC's `exchange`: this rank's last row goes down while the row
/// above arrives from the rank above into the top ghost row, then its first row goes
/// up while the row below arrives into the bottom ghost row. At the top and bottom of
/// the grid the missing neighbour is MPI's null process: that half does nothing.
fn exchange_ghosts(_world: &SimpleCommunicator, _local: &mut Array2<f64>, _block: &Block) {
    // TODO: `ghost_parts(local)` gives the top ghost row, the own rows and the bottom
    // ghost row; the first own row is `&own[..columns]`, the last the final `columns`
    // values. Then two calls of `send_recv_optional(world, send, dest, recv, source,
    // tag)` from ex58, whose `None` peer is MPI's null process: send the last row to
    // `block.down` while receiving the top ghost from `block.up` (tag DOWNWARDS), then
    // the first row to `block.up` while receiving the bottom ghost from `block.down`
    // (tag UPWARDS).
    todo!("swap edge rows with the neighbours above and below")
}

/// One time step of this rank's rows: local rows 1 to n (0 and n + 1 are the ghosts),
/// except the first and last rows of the whole grid, which keep their fixed values.
fn evolve(_next: &mut Array2<f64>, _current: &Array2<f64>, _block: &Block, _dt: f64) {
    // TODO: the local rows to write are `first..end`: 1..n + 1 for a rank with
    // neighbours on both sides, one row fewer on a side with no neighbour, whose
    // own edge row is the grid's and stays fixed. `stencil` (below) does the
    // arithmetic: pass it `next.slice_mut(s![first..end, ..])` and the rows of
    // `current` one beyond each end, `s![first - 1..end + 1, ..]`.
    todo!("one time step of this rank's rows")
}

/// The five-point stencil on the interior columns of `out`, from `around`: the same
/// rows and one more above and below. ex98's formula, operation for operation.
// `s![1..-1]` counts from the end, as NumPy's `[1:-1]` does; clippy takes it for an
// empty range, wrongly.
#[allow(clippy::reversed_empty_ranges)]
#[allow(dead_code)] // until `evolve` calls it
fn stencil(mut out: ArrayViewMut2<f64>, around: ArrayView2<f64>, dt: f64) {
    let (dx2, dy2) = (DX * DX, DY * DY);
    Zip::from(out.slice_mut(s![.., 1..-1]))
        .and(around.slice(s![1..-1, 1..-1]))
        .and(around.slice(s![2.., 1..-1]))
        .and(around.slice(s![..-2, 1..-1]))
        .and(around.slice(s![1..-1, 2..]))
        .and(around.slice(s![1..-1, ..-2]))
        .for_each(|u, &c, &down, &up, &right, &left| {
            *u = c + A * dt * ((down - 2.0 * c + up) / dx2 + (right - 2.0 * c + left) / dy2);
        });
}

/// At step 0 and every REPORT_EVERY steps: the field gathered to the root, which
/// prints ex98's line about it and draws it.
fn report(
    world: &SimpleCommunicator,
    step: usize,
    local: &Array2<f64>,
    layout: &Layout,
    pictures: Option<&Pictures>,
) {
    let Some(field) = gather_rows(world.process_at_rank(ROOT), local, layout) else {
        return;
    };
    println!(
        "step {step:4}: average {:.6}, checksum {:016x}",
        heat::average(field.view()),
        heat::checksum(field.view())
    );
    if let Some(pictures) = pictures {
        let name = or_abort(world, pictures.write(step, field.view()));
        println!("  picture {name}");
    }
}
