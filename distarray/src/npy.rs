//! NumPy's `.npy` files, read in parallel: every rank reads only its own elements.
//!
//! A `.npy` file (format version 1.0) is a small text header followed by the raw
//! elements:
//!
//! - the magic string `\x93NUMPY`, then the version, two bytes (1 and 0);
//! - the header's length, a little-endian `u16`;
//! - the header: a Python dictionary literal such as
//!   `{'descr': '<f8', 'fortran_order': False, 'shape': (4, 5), }`, padded with spaces
//!   and ended with a newline so that the data starts at a multiple of 64 bytes;
//! - the elements, here `<f8`: little-endian `f64`, in C order when `fortran_order` is
//!   `False`.
//!
//! Because the elements are in C order at a known offset, element `(i, j)` of a
//! `rows`×`cols` array starts at byte `offset + (i * cols + j) * 8`. So [`load`] needs
//! no communication to read: each rank reads the rows it holds and keeps the columns
//! it holds (one read per local row; for a block-row distribution one rank's rows are
//! a single contiguous range of the file). This is DistArray's `context.load_npy`.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;

use mpi::collective::SystemOperation;
use mpi::traits::*;
use ndarray::Array2;

use crate::darray::DistArray;
use crate::maps::Distribution;

/// The magic string every `.npy` file starts with.
const MAGIC: &[u8] = b"\x93NUMPY";
/// Bytes before the header text: magic, version (2), header length (2).
const PREAMBLE: usize = MAGIC.len() + 4;
/// NumPy pads headers so that the data starts at a multiple of this.
const ALIGN: usize = 64;
/// NumPy's header has room for a first dimension of this many digits.
const GROWTH_DIGITS: usize = 21;

/// What a `.npy` header says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The element type in NumPy's notation: `<f8` is a little-endian 8-byte float.
    pub descr: String,
    /// Whether the elements are stored column by column (Fortran order).
    pub fortran_order: bool,
    /// The array's shape.
    pub shape: Vec<usize>,
    /// Where the elements start: the length of everything before them.
    pub data_offset: u64,
}

/// Reads the header at the start of a `.npy` file (format version 1.0).
///
/// # Errors
///
/// If the bytes are not a `.npy` version 1.0 header, or reading fails.
pub fn read_header(reader: &mut impl Read) -> io::Result<Header> {
    let mut preamble = [0u8; PREAMBLE];
    reader.read_exact(&mut preamble)?;
    if &preamble[..MAGIC.len()] != MAGIC {
        return Err(invalid("not a .npy file (no \\x93NUMPY magic string)".into()));
    }
    if preamble[MAGIC.len()..MAGIC.len() + 2] != [1, 0] {
        return Err(invalid("only .npy format version 1.0 is read".into()));
    }
    let length = u16::from_le_bytes([preamble[PREAMBLE - 2], preamble[PREAMBLE - 1]]);
    let mut text = vec![0u8; usize::from(length)];
    reader.read_exact(&mut text)?;
    let text = String::from_utf8(text).map_err(|_| invalid("the header is not text".into()))?;
    Ok(Header {
        descr: quoted_value(&text, "descr")?,
        fortran_order: value(&text, "fortran_order")?.starts_with("True"),
        shape: shape(&value(&text, "shape")?)?,
        data_offset: (PREAMBLE + usize::from(length)) as u64,
    })
}

/// The header of a `<f8` C-order array of `shape`, padded as NumPy pads it.
fn header_bytes(shape: [usize; 2]) -> Vec<u8> {
    let dict = format!(
        "{{'descr': '<f8', 'fortran_order': False, 'shape': ({}, {}), }}",
        shape[0], shape[1]
    );
    // NumPy leaves room for the first dimension to grow to GROWTH_DIGITS digits in
    // place, then pads with spaces and a newline up to the next multiple of ALIGN.
    let growth = GROWTH_DIGITS - shape[0].to_string().len();
    let padding = ALIGN - (PREAMBLE + dict.len() + growth + 1) % ALIGN;
    let text = format!("{dict}{}\n", " ".repeat(growth + padding));
    let length = u16::try_from(text.len()).expect("a 2-D shape's header is short");
    let mut bytes = MAGIC.to_vec();
    bytes.extend([1, 0]);
    bytes.extend(length.to_le_bytes());
    bytes.extend(text.into_bytes());
    bytes
}

/// Writes `array` as a `.npy` file, as `numpy.save` does.
///
/// # Errors
///
/// If the file cannot be written.
pub fn write(path: impl AsRef<Path>, array: &Array2<f64>) -> io::Result<()> {
    let mut file = BufWriter::new(File::create(path)?);
    file.write_all(&header_bytes([array.nrows(), array.ncols()]))?;
    for x in array.iter() {
        file.write_all(&x.to_le_bytes())?;
    }
    file.flush()
}

/// Reads a whole 2-D `<f8` `.npy` file (`numpy.load`).
///
/// # Errors
///
/// If the file cannot be read, or is not a 2-D C-order `<f8` array.
pub fn read(path: impl AsRef<Path>) -> io::Result<Array2<f64>> {
    let mut file = File::open(path)?;
    let [rows, cols] = check_2d_f8(&read_header(&mut file)?)?;
    let values = read_f8(&mut file, rows * cols)?;
    Ok(Array2::from_shape_vec((rows, cols), values).expect("the count matches the shape"))
}

/// Loads a `.npy` file as a distributed array: every rank reads its own elements.
/// Collective. `distribution` must have the file's shape.
///
/// All ranks return an error if any rank fails (a missing file, another shape): the
/// ranks agree with one Allreduce before the array's collective creation, so that no
/// rank is left waiting for one that gave up.
///
/// # Errors
///
/// If any rank cannot read its part, or the file is not a 2-D C-order `<f8` array of
/// the distribution's shape.
pub fn load<C: Communicator>(
    comm: &C,
    path: impl AsRef<Path>,
    distribution: Distribution,
) -> io::Result<DistArray<f64>> {
    let local = read_local(path.as_ref(), &distribution, comm.rank() as usize);
    let failed = i32::from(local.is_err());
    let mut failures = 0;
    comm.all_reduce_into(&failed, &mut failures, SystemOperation::sum());
    match local {
        Err(error) => Err(error),
        Ok(_) if failures > 0 => Err(io::Error::other(format!(
            "{failures} rank(s) could not read {}",
            path.as_ref().display()
        ))),
        Ok(local) => Ok(DistArray::from_local(comm, distribution, local)),
    }
}

/// `rank`'s elements of the array in the file at `path`.
fn read_local(path: &Path, distribution: &Distribution, rank: usize) -> io::Result<Array2<f64>> {
    let mut file = File::open(path)?;
    let header = read_header(&mut file)?;
    let shape = check_2d_f8(&header)?;
    if shape != distribution.shape() {
        let wanted = distribution.shape();
        return Err(invalid(format!(
            "the file holds a {shape:?} array, not {wanted:?}"
        )));
    }
    let [rows, cols] = distribution.global_indices(rank);
    let mut local = Vec::with_capacity(rows.len() * cols.len());
    for &i in &rows {
        file.seek(SeekFrom::Start(header.data_offset + (i * shape[1] * 8) as u64))?;
        let row = read_f8(&mut file, shape[1])?;
        local.extend(cols.iter().map(|&j| row[j]));
    }
    Ok(Array2::from_shape_vec((rows.len(), cols.len()), local).expect("the count matches the shape"))
}

/// The shape of a header that describes a 2-D C-order `<f8` array.
fn check_2d_f8(header: &Header) -> io::Result<[usize; 2]> {
    match (
        header.descr.as_str(),
        header.fortran_order,
        header.shape.as_slice(),
    ) {
        ("<f8", false, &[rows, cols]) => Ok([rows, cols]),
        _ => Err(invalid(format!(
            "only 2-D C-order '<f8' arrays are read, this file has {header:?}"
        ))),
    }
}

/// `count` little-endian `f64`s from the reader's position.
fn read_f8(reader: &mut impl Read, count: usize) -> io::Result<Vec<f64>> {
    let mut bytes = vec![0u8; count * 8];
    reader.read_exact(&mut bytes)?;
    let values = bytes
        .chunks_exact(8)
        .map(|b| f64::from_le_bytes(b.try_into().expect("8 bytes")));
    Ok(values.collect())
}

/// The text after `'key': ` in the header's dictionary, up to the end of the header.
fn value(header: &str, key: &str) -> io::Result<String> {
    let pattern = format!("'{key}':");
    let start = header
        .find(&pattern)
        .ok_or_else(|| invalid(format!("the header has no '{key}'")))?;
    Ok(header[start + pattern.len()..].trim_start().to_string())
}

/// The quoted string value of `key`: `'<f8'` gives `<f8`.
fn quoted_value(header: &str, key: &str) -> io::Result<String> {
    let text = value(header, key)?;
    let bad = || invalid(format!("'{key}' is not a quoted string"));
    let rest = text.strip_prefix('\'').ok_or_else(bad)?;
    let end = rest.find('\'').ok_or_else(bad)?;
    Ok(rest[..end].to_string())
}

/// The shape tuple at the start of `text`: `(4, 5)`, `(7,)` or `()`.
fn shape(text: &str) -> io::Result<Vec<usize>> {
    let bad = || invalid(format!("the shape is not a tuple of integers: {text}"));
    let inner = text.strip_prefix('(').ok_or_else(bad)?;
    let inner = &inner[..inner.find(')').ok_or_else(bad)?];
    inner
        .split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| part.parse().map_err(|_| bad()))
        .collect()
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    /// The bytes `numpy.save` writes for `numpy.array([[1.5, -2.0]])` (NumPy 1.x and 2.x,
    /// with its 64-byte alignment).
    #[test]
    fn the_header_is_numpys() {
        let bytes = header_bytes([1, 2]);
        let mut expected = b"\x93NUMPY\x01\x00\x76\x00".to_vec();
        let dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }";
        expected.extend(dict.bytes());
        expected.extend(vec![b' '; 128 - 10 - dict.len() - 1]);
        expected.push(b'\n');
        assert_eq!(bytes, expected);
        assert_eq!(bytes.len() % ALIGN, 0);
    }

    #[test]
    fn headers_are_read_back() {
        let header = read_header(&mut &header_bytes([4, 5])[..]).unwrap();
        assert_eq!(
            header,
            Header {
                descr: "<f8".into(),
                fortran_order: false,
                shape: vec![4, 5],
                data_offset: 128,
            }
        );
    }

    /// Headers written by other NumPy versions: 16-byte alignment (before NumPy 1.14),
    /// a 1-D shape, keys in another order.
    #[test]
    fn other_writers_headers_are_read() {
        let dict = "{'fortran_order': True, 'shape': (7,), 'descr': '<i4'}      \n";
        let mut bytes = b"\x93NUMPY\x01\x00".to_vec();
        bytes.extend((dict.len() as u16).to_le_bytes());
        bytes.extend(dict.bytes());
        let header = read_header(&mut &bytes[..]).unwrap();
        assert_eq!(header.descr, "<i4");
        assert!(header.fortran_order);
        assert_eq!(header.shape, [7]);
        assert_eq!(header.data_offset, 10 + dict.len() as u64);
        assert!(check_2d_f8(&header).is_err());
    }

    #[test]
    fn wrong_files_are_errors_not_panics() {
        assert!(read_header(&mut &b"PK\x03\x04 a zip file"[..]).is_err());
        assert!(read_header(&mut &b"\x93NUMPY\x02\x00\x00\x00\x00\x00"[..]).is_err());
        assert!(read_header(&mut &b"\x93NUMPY"[..]).is_err());
        assert!(shape("(4, five)").is_err());
    }

    #[test]
    fn a_written_file_reads_back_whole_and_by_rank() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("outfile.npy");
        let a = array![
            [0.5, 1.5, 2.5],
            [3.5, 4.5, 5.5],
            [6.5, 7.5, 8.5],
            [9.5, 10.5, 11.5]
        ];
        write(&path, &a).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 128 + 12 * 8);
        assert_eq!(read(&path).unwrap(), a);
        use crate::maps::{Dist::*, Distribution};
        let d = Distribution::new([4, 3], [Block, Cyclic], 4);
        assert_eq!(read_local(&path, &d, 3).unwrap(), array![[7.5], [10.5]]);
        let wrong = Distribution::new([3, 4], [Block, Cyclic], 4);
        assert!(read_local(&path, &wrong, 0).is_err());
    }
}
