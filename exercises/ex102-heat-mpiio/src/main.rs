//! ex102 (heat-mpiio): the parallel heat-equation program of ex101, which no longer
//! gathers the field to rank 0. At every report each rank writes its own rows, without
//! the ghost rows, straight into one shared file with MPI-IO, in NumPy's `.npy` format;
//! then rank 0 reads the file back with `std::fs` and prints ex98's lines about the
//! field it finds there. Everything is given but the writing: near the end of this
//! file, write `NpyLayout::row_offset`, the byte of the file where a row of the grid
//! begins, and `write_field`, which writes the header and every rank's rows, all ranks
//! together. At every rank count the lines must still be ex98's, to the last bit.
//!
//! Mirrors seed 001's MPI-IO lesson (`MPI.File.Open`, `Write_at_all` at an offset of
//! rank × size, collective writes into one file), applied to the heat-equation program
//! of CSC's mpi/heat-equation, and NumPy's `.npy` format (`np.save`, `np.load`).
//! Check it with `cargo run -p runner -- check ex102`.

use hpckit::heat::{self, Pictures};
#[allow(unused_imports)] // `File` and `Mode` are for `write_field`
use hpckit::mpi_ext::io::{File, IoError, Mode};
use hpckit::scratch;
use hpckit::split::Split;
use mpi::datatype::Partition;
use mpi::request::{Request, Scope};
use mpi::topology::{Process, Rank, SimpleCommunicator};
use mpi::traits::*;
use mpi::{Count, Tag};
use ndarray::{s, Array2, ArrayView2, ArrayViewMut2, Zip};
use std::fmt::Display;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Diffusion constant and grid spacing, as in ex98.
const A: f64 = 0.5;
const DX: f64 = 0.01;
const DY: f64 = 0.01;
/// Time steps to take, and how often to write the field, print its numbers and draw it.
const STEPS: usize = 1000;
const REPORT_EVERY: usize = 250;
/// The rank that reads the initial field, writes the files' header, reads the files
/// back, prints their numbers and draws them.
const ROOT: Rank = 0;
/// Tags of a row travelling down the grid (to rank + 1) and up (to rank - 1).
const DOWNWARDS: Tag = 1;
const UPWARDS: Tag = 2;

/// The first bytes of every `.npy` file.
const MAGIC: &[u8] = b"\x93NUMPY";
/// NumPy's name for the values' type: 8-byte floats, in this machine's byte order (`<`
/// little-endian, `>` big-endian), which is the order in which MPI-IO's "native"
/// representation writes them.
const DESCR: &str = if cfg!(target_endian = "little") {
    "<f8"
} else {
    ">f8"
};
/// The data of a `.npy` file start at a multiple of this many bytes, as NumPy writes it.
const ALIGN: usize = 64;

/// How the grid's rows are shared out, in values rather than rows, as Scatterv counts:
/// a block of rows is contiguous in a row-major field, `n * columns` values from
/// `first * columns` on.
struct Layout {
    counts: Vec<Count>,
    displs: Vec<Count>,
}

impl Layout {
    fn new(split: &Split, columns: usize) -> Layout {
        let width = Count::try_from(columns).expect("the row length fits MPI's counts");
        let scale = |counts: &[Count]| counts.iter().map(|&n| n * width).collect();
        Layout {
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

/// Where the field's values go in a `.npy` file: after the header, row after row.
struct NpyLayout {
    header: Vec<u8>,
    rows: usize,
    #[allow(dead_code)] // until `row_offset` uses it
    row_bytes: u64,
}

impl NpyLayout {
    fn new(rows: usize, columns: usize) -> NpyLayout {
        NpyLayout {
            header: npy_header(rows, columns),
            rows,
            row_bytes: (columns * size_of::<f64>()) as u64,
        }
    }

    /// The byte of the file at which global row `row` begins; for `row` = the number
    /// of rows, the end of the file.
    fn row_offset(&self, _row: usize) -> u64 {
        // TODO: the header comes first, then the rows, `self.row_bytes` bytes each.
        // (Remove the leading `_` of the parameter.)
        todo!("the byte at which a row begins")
    }

    /// How long the whole file is.
    #[allow(dead_code)] // until `write_field` uses it
    fn file_len(&self) -> u64 {
        self.row_offset(self.rows)
    }
}

/// What every report needs: where the files go and how they are laid out, and, on the
/// root only, the pictures.
struct Output {
    dir: PathBuf,
    npy: NpyLayout,
    pictures: Option<Pictures>,
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
    let npy = NpyLayout::new(rows, columns);

    let pictures = field.as_ref().map(|field| {
        let (low, high) = heat::min_max(field.view());
        println!("bottle.dat: {rows} x {columns} grid, temperatures from {low:.1} to {high:.1}");
        or_abort(&world, Pictures::new("heat-mpiio", low, high))
    });
    let dt = stable_dt(A, DX, DY);
    if let Some(pictures) = &pictures {
        println!("{STEPS} steps of dt = {dt:.6e}, the stability limit");
        println!(
            "fields go to field-NNNNN.npy in the run's scratch folder: a {}-byte header, then {rows} x {columns} {DESCR} values",
            npy.header.len()
        );
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
    println!(
        "rank {rank}: its rows go to bytes {}..{} of each file",
        npy.row_offset(block.rows.start),
        npy.row_offset(block.rows.end)
    );

    let mut current = Array2::zeros((block.rows.len() + 2, columns));
    scatter_rows(root, field.as_ref(), &Layout::new(&split, columns), &mut current);
    // From here on no rank holds the whole field: the reports never gather it.
    drop(field);
    // The rows of `next` that the steps never write (the grid's edges) must hold their
    // fixed values too.
    let mut next = current.clone();
    let output = Output {
        dir: or_abort(&world, scratch::dir()),
        npy,
        pictures,
    };

    report(&world, 0, &current, &block, &output);
    for step in 1..=STEPS {
        evolve_overlapped(&world, &mut next, &mut current, &block, dt);
        std::mem::swap(&mut current, &mut next);
        if step % REPORT_EVERY == 0 {
            report(&world, step, &current, &block, &output);
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

/// ex101's time step: start the ghost exchange, compute the rows that need no ghost,
/// wait for it, compute the first and the last row (unless they are the grid's fixed
/// edges).
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
        stencil(next.slice_mut(s![2..owned, ..]), own_rows, dt);
        for request in requests {
            request.wait();
        }
    });
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

/// ex101's non-blocking ghost exchange with each neighbour there is: receive its edge
/// row into the ghost row on its side, send it this rank's edge row on that side.
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

/// At step 0 and every REPORT_EVERY steps: the field written to `field-<step>.npy` by
/// all ranks together; then the root reads the file back, prints ex98's line about
/// what it found there, and draws it.
fn report(world: &SimpleCommunicator, step: usize, local: &Array2<f64>, block: &Block, output: &Output) {
    let name = format!("field-{step:05}.npy");
    let path = output.dir.join(&name);
    let own = own_values(local);
    or_abort(
        world,
        write_field(world, &path, &output.npy, block.rows.start, own),
    );
    // A rank's rows are in the file once it has closed it, but the root may leave its
    // own close before the others leave theirs: past the barrier, every rank has.
    world.barrier();
    let Some(pictures) = &output.pictures else {
        return;
    };
    let (field, bytes) = or_abort(world, read_npy(&path));
    println!(
        "step {step:4}: wrote {name} ({bytes} bytes), read back {} x {}",
        field.nrows(),
        field.ncols()
    );
    println!(
        "step {step:4}: average {:.6}, checksum {:016x}",
        heat::average(field.view()),
        heat::checksum(field.view())
    );
    let picture = or_abort(world, pictures.write(step, field.view()));
    println!("  picture {picture}");
}

/// Writes the whole field into the file at `path`, every rank at once: the root the
/// header at byte 0, and every rank its own rows (`own`, which begin with global row
/// `first_row`) where they belong. Every call here is collective.
fn write_field(
    _world: &SimpleCommunicator,
    _path: &Path,
    _npy: &NpyLayout,
    _first_row: usize,
    _own: &[f64],
) -> Result<(), IoError> {
    // TODO: as in seed 001's example, with `?` after each call:
    // 1. `File::open(world, path, Mode::WRONLY | Mode::CREATE)` on every rank;
    // 2. `file.set_size(npy.file_len())`: CREATE keeps an existing file's bytes, and an
    //    older, longer file would keep its tail;
    // 3. `file.write_at_all(0, header)`, where the root's `header` is `&npy.header` and
    //    every other rank's is an empty `&[u8]`: a collective call is made by every
    //    rank, even one with nothing to write;
    // 4. `file.write_at_all(offset, own)` at the byte where the rank's first row
    //    belongs (`npy.row_offset`);
    // 5. `file.close()`, which reports an error that a drop would ignore.
    // (Remove the leading `_` of the parameters you use.)
    todo!("write the header and every rank's rows into one file, all ranks at once")
}

/// The header of a `.npy` file (format version 1.0) for a `rows` x `columns` array of
/// f64 in C order: the magic bytes, the version, the length of the text that follows
/// (two bytes, little-endian), and the text, a Python dict literal, padded with spaces
/// and ended by a newline so that the values start at a multiple of 64 bytes.
fn npy_header(rows: usize, columns: usize) -> Vec<u8> {
    let mut text = format!("{{'descr': '{DESCR}', 'fortran_order': False, 'shape': ({rows}, {columns}), }}");
    let unpadded = MAGIC.len() + 4 + text.len() + 1;
    text.push_str(&" ".repeat(unpadded.next_multiple_of(ALIGN) - unpadded));
    text.push('\n');
    let len = u16::try_from(text.len()).expect("a .npy 1.0 header is shorter than 64 KiB");
    let mut header = MAGIC.to_vec();
    header.extend([1, 0]);
    header.extend(len.to_le_bytes());
    header.extend(text.bytes());
    header
}

/// Reads a `.npy` file of this machine's f64 in C order, as any program may read it
/// (no MPI): the field, and how many bytes the file has.
fn read_npy(path: &Path) -> Result<(Array2<f64>, usize), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let (shape, start) = parse_npy_header(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    let data = &bytes[start..];
    if data.len() != shape.0 * shape.1 * size_of::<f64>() {
        return Err(format!(
            "{}: {} bytes of values, not the {} x {} values the header declares",
            path.display(),
            data.len(),
            shape.0,
            shape.1
        ));
    }
    let values = data
        .chunks_exact(size_of::<f64>())
        .map(|value| f64::from_ne_bytes(value.try_into().expect("chunks of 8 bytes")))
        .collect();
    let field = Array2::from_shape_vec(shape, values).expect("the header's shape, checked");
    Ok((field, bytes.len()))
}

/// The shape that a `.npy` 1.0 header declares, and where the values begin; an error
/// if it is not a header of two-dimensional [`DESCR`] values in C order.
fn parse_npy_header(bytes: &[u8]) -> Result<((usize, usize), usize), String> {
    let rest = bytes.strip_prefix(MAGIC).ok_or("not a .npy file")?;
    let [1, 0, low, high, ..] = *rest else {
        return Err("not version 1.0 of the .npy format".into());
    };
    let len = usize::from(u16::from_le_bytes([low, high]));
    let text = rest
        .get(4..4 + len)
        .and_then(|text| std::str::from_utf8(text).ok())
        .ok_or("the header is cut short")?;
    if !text.contains(&format!("'descr': '{DESCR}'")) || !text.contains("'fortran_order': False") {
        return Err(format!("not {DESCR} values in C order: {}", text.trim_end()));
    }
    let dims: Option<Vec<usize>> = text
        .split_once("'shape': (")
        .and_then(|(_, shape)| shape.split_once(')'))
        .and_then(|(shape, _)| {
            let dims = shape.split(',').map(str::trim).filter(|d| !d.is_empty());
            dims.map(|d| d.parse().ok()).collect()
        });
    match dims.as_deref() {
        Some(&[rows, columns]) => Ok(((rows, columns), MAGIC.len() + 4 + len)),
        _ => Err(format!("not the shape of a 2-D array: {}", text.trim_end())),
    }
}
