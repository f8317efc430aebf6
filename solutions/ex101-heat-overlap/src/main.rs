//! ex101 (heat-overlap), reference solution: the parallel heat-equation program of ex100,
//! with the ghost exchange overlapped with computation. Each step starts the exchange
//! with non-blocking sends and receives, computes the rows that need no ghost (all
//! of a rank's rows but its first and last) while the messages travel, waits for them,
//! and then computes the first and the last row. Nothing else changes: the same
//! blocks, the same arithmetic, the same printed lines, and at every rank count the
//! field of ex98 to the last bit.
//!
//! Mirrors seed 002's "typical usage pattern" of non-blocking communication (Irecv
//! the ghost data, Isend the border data, compute the interior, wait, compute the
//! borders), applied to CSC's mpi/heat-equation program.
//! Check it with `cargo run -p runner -- check ex101`.

use hpckit::heat::{self, Pictures};
use hpckit::split::Split;
use mpi::datatype::{Partition, PartitionMut};
use mpi::request::{Request, Scope};
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
const DOWNWARDS: Tag = 1;
const UPWARDS: Tag = 2;

/// How the grid's rows are shared out, in values rather than rows, as Scatterv and
/// Gatherv count: a block of rows is contiguous in a row-major field, `n * columns`
/// values from `first * columns` on.
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
        or_abort(&world, Pictures::new("heat-overlap", low, high))
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
        evolve_overlapped(&world, &mut next, &mut current, &block, dt);
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
fn scatter_rows(root: Process, field: Option<&Array2<f64>>, layout: &Layout, local: &mut Array2<f64>) {
    let (_, own, _) = ghost_parts(local);
    match field {
        Some(field) => {
            let field = field.as_slice().expect("the field is in standard layout");
            let partition = Partition::new(field, &layout.counts[..], &layout.displs[..]);
            root.scatter_varcount_into_root(&partition, own);
        }
        None => root.scatter_varcount_into(own),
    }
}

/// Gatherv to the root: every rank's own rows (not its ghosts) into the whole field,
/// which only the root gets back.
fn gather_rows(root: Process, local: &Array2<f64>, layout: &Layout) -> Option<Array2<f64>> {
    let own = own_values(local);
    if root.is_self() {
        let mut field = Array2::zeros((layout.rows, layout.columns));
        let buffer = field.as_slice_mut().expect("a new array is in standard layout");
        let mut partition = PartitionMut::new(buffer, &layout.counts[..], &layout.displs[..]);
        root.gather_varcount_into_root(own, &mut partition);
        Some(field)
    } else {
        root.gather_varcount_into(own);
        None
    }
}

/// The rows this rank owns, between its two ghost rows, as one slice.
fn own_values(local: &Array2<f64>) -> &[f64] {
    let columns = local.ncols();
    let values = local.as_slice().expect("the local field is in standard layout");
    &values[columns..values.len() - columns]
}

/// The local field's three parts: the top ghost row, the rows this rank owns, and the
/// bottom ghost row, each a slice of its own, so that one can be sent while another
/// is received into.
fn ghost_parts(local: &mut Array2<f64>) -> (&mut [f64], &mut [f64], &mut [f64]) {
    let columns = local.ncols();
    let values = local
        .as_slice_mut()
        .expect("the local field is in standard layout");
    let (top, rest) = values.split_at_mut(columns);
    let (own, bottom) = rest.split_at_mut(rest.len() - columns);
    (top, own, bottom)
}

/// One time step of this rank's rows, with the ghost exchange of ex100 overlapped:
/// start it, compute the rows that need no ghost, wait for it, compute the first and
/// the last row (unless they are the grid's fixed edges).
fn evolve_overlapped(
    world: &SimpleCommunicator,
    next: &mut Array2<f64>,
    current: &mut Array2<f64>,
    block: &Block,
    dt: f64,
) {
    let (owned, columns) = (block.rows.len(), current.ncols());
    let (top, own, bottom) = ghost_parts(current);
    let own: &[f64] = own;
    let own_rows = ArrayView2::from_shape((owned, columns), own).expect("the own rows, whole");
    mpi::request::scope(|scope| {
        let requests = start_exchange(world, scope, top, own, bottom, block);
        // While the rows travel: local rows 2..owned, whose neighbours are all this
        // rank's own rows. The sends read the first and last own rows too; any number of
        // readers may share them.
        stencil(next.slice_mut(s![2..owned, ..]), own_rows, dt);
        for request in requests {
            request.wait();
        }
    });
    // The scope is over, every request complete: the ghost rows hold the neighbours'.
    if block.up.is_some() {
        stencil(next.slice_mut(s![1..2, ..]), current.slice(s![0..3, ..]), dt);
    }
    if block.down.is_some() {
        stencil(
            next.slice_mut(s![owned..owned + 1, ..]),
            current.slice(s![owned - 1..owned + 2, ..]),
            dt,
        );
    }
}

/// Starts the ghost exchange with each neighbour there is: receive its edge row into
/// the ghost row on its side, send it this rank's edge row on that side. Returns the
/// requests, to be waited for before the scope ends.
fn start_exchange<'a, S: Scope<'a> + Copy>(
    world: &SimpleCommunicator,
    scope: S,
    top: &'a mut [f64],
    own: &'a [f64],
    bottom: &'a mut [f64],
    block: &Block,
) -> Vec<Request<'a, [f64], S>> {
    let columns = top.len();
    let (first, last) = (&own[..columns], &own[own.len() - columns..]);
    let mut requests = Vec::new();
    // The receives first, so that MPI knows where to put the rows when they arrive.
    if let Some(up) = block.up {
        let up = world.process_at_rank(up);
        requests.push(up.immediate_receive_into_with_tag(scope, top, DOWNWARDS));
        requests.push(up.immediate_send_with_tag(scope, first, UPWARDS));
    }
    if let Some(down) = block.down {
        let down = world.process_at_rank(down);
        requests.push(down.immediate_receive_into_with_tag(scope, bottom, UPWARDS));
        requests.push(down.immediate_send_with_tag(scope, last, DOWNWARDS));
    }
    requests
}

/// The five-point stencil on the interior columns of `out`, from `around`: the same
/// rows and one more above and below. ex98's formula, operation for operation.
// `s![1..-1]` counts from the end, as NumPy's `[1:-1]` does; clippy takes it for an
// empty range, wrongly.
#[allow(clippy::reversed_empty_ranges)]
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
