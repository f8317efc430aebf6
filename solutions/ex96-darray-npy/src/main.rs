//! ex96 (darray-npy), reference solution: parallel reading of a NumPy `.npy` file, and
//! DistArray's `.dnpy` files. Rank 0 saves the notebook's 4×5 array as `numpy.save`
//! would, in the run's scratch folder; then every rank reads the file's header, works
//! out where its own rows are in the file, and reads those bytes only. The parts make a
//! distributed array (`context.load_npy`), and rank 0 gathers it to show it is the
//! array that was saved. Then every rank saves its part in a `.dnpy` file of its own,
//! with its place in the distribution in the header, and the array is loaded back from
//! those files (`context.save_dnpy`, `context.load_dnpy`).
//! Mirrors seed 004, In [39] to In [41]. Check it with `cargo run -p runner -- check ex96`.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::Path;

use distarray::dnpy;
use distarray::maps::Distribution;
use distarray::npy::{self, Header};
use distarray::precision::NpPrecision;
use distarray::random::RandomState;
use distarray::{Dist, DistArray};
use mpi::traits::*;
use ndarray::Array2;

/// The notebook's seed for `numpy.random.RandomState`.
const SEED: u32 = 1234567890;
/// Bytes per element: the file holds `<f8`, little-endian 64-bit floats.
const ITEMSIZE: usize = 8;

fn main() -> io::Result<()> {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank() as usize;
    let size = world.size() as usize;

    // In [39]: the client saves the array; the other ranks wait until the file is there.
    let path = hpckit::scratch::dir()?.join("outfile.npy");
    if rank == 0 {
        npy::write(&path, &RandomState::new(SEED).rand(4, 5))?;
        let bytes = std::fs::metadata(&path)?.len();
        println!("numpy.save(\"outfile.npy\", nparr): {bytes} bytes");
    }
    world.barrier();

    // Every rank reads the header (a few bytes), then only its own rows.
    let mut file = File::open(&path)?;
    let header = npy::read_header(&mut file)?;
    if rank == 0 {
        let Header {
            descr,
            fortran_order,
            shape,
            data_offset,
        } = &header;
        let order = if *fortran_order { "True" } else { "False" };
        let (rows, cols) = (shape[0], shape[1]);
        println!("header {{'descr': '{descr}', 'fortran_order': {order}, 'shape': ({rows}, {cols}), }}");
        println!("the elements start at byte {data_offset}");
    }
    let distribution = Distribution::new([4, 5], [Dist::Block, Dist::Undistributed], size);
    let rows = my_rows(&distribution, rank);
    let bytes = byte_range(&header, &rows);
    let values = read_rows(&mut file, &header, rows)?;
    let local = Array2::from_shape_vec(distribution.local_shape(rank), values)
        .expect("the rows read hold the local array's elements");
    println!("rank {rank} reads bytes {bytes:?}: {}", local.np_prec(2));

    let new_darr = DistArray::from_local(&world, distribution, local);
    let saved = new_darr.to_global();
    if let Some(global) = &saved {
        println!("new_darr = {new_darr}");
        println!("new_darr.toarray() =\n{}", global.np_prec(2).repr());
    }

    // In [40]-[41]: every rank that holds a part saves it in a file of its own, then
    // the array is loaded back from the files, the distribution from their headers.
    let base = hpckit::scratch::dir()?.join("outfile");
    dnpy::save(&new_darr, &base)?;
    let loaded = dnpy::load(&world, &base)?;
    println!("{}", describe_part(&base, rank, &loaded)?);
    if let (Some(global), Some(saved)) = (loaded.to_global(), saved) {
        println!("context.load_dnpy(\"outfile\") = {loaded}");
        println!("the same elements as new_darr: {}", global == saved);
    }
    Ok(())
}

/// What rank `rank` saved and loaded back: its file's name and size, and the shape and
/// sum of its part (a rank that holds no part has no file).
fn describe_part(base: &Path, rank: usize, loaded: &DistArray<f64>) -> io::Result<String> {
    let local = loaded.local();
    if local.is_empty() {
        return Ok(format!("rank {rank} holds no part: no file"));
    }
    let path = dnpy::file_name(base, rank);
    let name = path.file_name().expect("a file name").to_string_lossy();
    let bytes = std::fs::metadata(&path)?.len();
    let (rows, cols) = local.dim();
    Ok(format!(
        "rank {rank} saved {name}, {bytes} bytes, and loaded its ({rows}, {cols}) part: sum {:.6}",
        local.sum()
    ))
}

/// This rank's global rows, a block of consecutive rows (none on a rank that is no
/// target of the distribution).
fn my_rows(distribution: &Distribution, rank: usize) -> Range<usize> {
    match distribution.grid_coords(rank) {
        Some([p, _]) => {
            let (start, stop) = distribution.map(0).bounds(p).expect("block rows have bounds");
            start..stop
        }
        None => 0..0,
    }
}

/// Where global rows `rows` are in the file: the elements are stored in C order after
/// the header, so row `i` starts `i × columns × 8` bytes after `data_offset`.
fn byte_range(header: &Header, rows: &Range<usize>) -> Range<u64> {
    let row_bytes = (header.shape[1] * ITEMSIZE) as u64;
    let at = |row: usize| header.data_offset + row as u64 * row_bytes;
    at(rows.start)..at(rows.end)
}

/// The elements of global rows `rows` of the array in `file`, in C order, read with
/// one seek and one read.
fn read_rows(file: &mut File, header: &Header, rows: Range<usize>) -> io::Result<Vec<f64>> {
    let bytes = byte_range(header, &rows);
    file.seek(SeekFrom::Start(bytes.start))?;
    let mut buffer = vec![0u8; (bytes.end - bytes.start) as usize];
    file.read_exact(&mut buffer)?;
    let values = buffer
        .chunks_exact(ITEMSIZE)
        .map(|b| f64::from_le_bytes(b.try_into().expect("chunks of 8 bytes")));
    Ok(values.collect())
}
