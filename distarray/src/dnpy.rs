//! DistArray's `.dnpy` files: every rank saves its own part of an array to a file of
//! its own, with the part's place in the distribution written in the file's header
//! (DistArray's `context.save_dnpy` and `context.load_dnpy`).
//!
//! No rank reads or writes another's part, so saving and loading need no message but
//! the few integers that let the ranks agree; the price is that the files only make
//! sense together, and are read back on as many ranks as wrote them.
//!
//! Rank `r` writes `<base>_<r>.dnpy` (the notebook's `"/tmp/outfile"` gives
//! `/tmp/outfile_0.dnpy` to `/tmp/outfile_3.dnpy`); a rank that holds no part of the
//! array writes nothing, and removes the file an earlier save may have left under its
//! name, so that the files are this save's only. The file is DistArray's format
//! version 1.0:
//!
//! - the magic string `\x93DARRY`, then the version, two bytes (1 and 0);
//! - the header's length, a little-endian `u16`, then the header: the text of a Python
//!   dictionary with the rank's `__distarray__()` entries other than the buffer,
//!   `{'__version__': '0.10.0', 'dim_data': ({...}, {...}), }`, each dimension
//!   dictionary as [`crate::protocol`] describes it, keys sorted; padded with spaces
//!   and ended with a newline so that the header ends at a multiple of 16 bytes;
//! - what `numpy.save` writes for the local array: a whole `.npy` file ([`crate::npy`])
//!   of `<f8` elements in C order, its header padded the same way (NumPy 1.9's, as
//!   DistArray wrote them).
//!
//! [`load`] reads every rank's file and rebuilds the distribution from the headers. An
//! undistributed dimension and a block dimension over one process have the same
//! dictionary (the protocol has no "undistributed"), so such a dimension comes back
//! undistributed: the same layout, every element where it was.

mod layout;
mod literal;

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use mpi::collective::SystemOperation;
use mpi::traits::*;
use ndarray::Array2;

use crate::darray::DistArray;
use crate::npy;
use crate::protocol::{DimDict, Protocol};
use layout::Found;
use literal::Literal;

/// The magic string every `.dnpy` file starts with.
pub const MAGIC: &[u8] = b"\x93DARRY";
/// The `.npy` magic string, which starts the data part.
const NPY_MAGIC: &[u8] = b"\x93NUMPY";
/// NumPy 1.9 (and DistArray) padded headers to a multiple of this.
const ALIGN: usize = 16;

/// The file rank `rank` saves its part in: `<base>_<rank>.dnpy`.
///
/// ```
/// use std::path::Path;
///
/// let name = distarray::dnpy::file_name(Path::new("/tmp/outfile"), 3);
/// assert_eq!(name, Path::new("/tmp/outfile_3.dnpy"));
/// ```
pub fn file_name(base: &Path, rank: usize) -> PathBuf {
    let mut name = base.as_os_str().to_owned();
    name.push(format!("_{rank}.dnpy"));
    PathBuf::from(name)
}

/// Saves `darr` as `.dnpy` files, one per rank that holds a part (DistArray's
/// `context.save_dnpy(base, darr)`); the other ranks remove theirs if an earlier save
/// left one. Collective: all ranks return an error if any rank fails, as in
/// [`npy::load`].
///
/// # Errors
///
/// If a rank cannot write (or remove) its file: the folder is missing or read-only, the
/// disk full.
pub fn save(darr: &DistArray<f64>, base: impl AsRef<Path>) -> io::Result<()> {
    let path = file_name(base.as_ref(), darr.comm().rank() as usize);
    let written = match darr.protocol() {
        Some(protocol) => write_file(&path, &protocol),
        None => match std::fs::remove_file(&path) {
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
            removed => removed,
        },
    };
    let written = written.map_err(|e| with_path(e, &path, "writing"));
    let failed = i32::from(written.is_err());
    let mut failures = 0;
    darr.comm()
        .all_reduce_into(&failed, &mut failures, SystemOperation::sum());
    match written {
        Err(error) => Err(error),
        Ok(()) if failures > 0 => Err(io::Error::other(format!(
            "{failures} rank(s) could not write their part of {}",
            base.as_ref().display()
        ))),
        Ok(()) => Ok(()),
    }
}

/// Loads the array saved as `base` (DistArray's `context.load_dnpy(base)`): every
/// rank reads its own file `<base>_<rank>.dnpy`, and the headers give the distribution.
/// Collective: the ranks tell each other what they found (one Allgather of a few
/// integers), so all of them return the array, or all of them an error.
///
/// A communicator with more ranks than the array had parts works: the ranks without a
/// file hold nothing.
///
/// # Errors
///
/// If a file cannot be read or is not a `.dnpy` file of a 2-D `<f8` array (the rank
/// that read it names it and says what is wrong, the others name it); if a part is
/// missing, or the files are of different saves; if the communicator has fewer ranks
/// than the array had parts; if a file's data does not fit its header.
pub fn load<C: Communicator>(comm: &C, base: impl AsRef<Path>) -> io::Result<DistArray<f64>> {
    let base = base.as_ref();
    let path = file_name(base, comm.rank() as usize);
    let mine = match File::open(&path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        opened => opened
            .and_then(|file| read_part(&mut BufReader::new(file)))
            .map(Some)
            .map_err(|e| with_path(e, &path, "reading")),
    };
    let found = match &mine {
        Err(_) => Found::Broken,
        Ok(None) => Found::Nothing,
        Ok(Some((dim_data, local))) => Found::Part {
            dim_data: *dim_data,
            local_shape: [local.nrows(), local.ncols()],
        },
    };
    let mut records = vec![0u64; layout::RECORD * comm.size() as usize];
    comm.all_gather_into(&found.encode()[..], &mut records[..]);
    let mine = mine?;
    let found: Vec<Found> = records.chunks(layout::RECORD).map(Found::decode).collect();
    let distribution = layout::distribution(&found, base)?;
    let local = mine.map_or_else(|| Array2::zeros((0, 0)), |(_, local)| local);
    Ok(DistArray::from_local(comm, distribution, local))
}

/// `error`, saying which file it is about and what to do.
fn with_path(error: io::Error, path: &Path, doing: &str) -> io::Error {
    let advice = match doing {
        "writing" => "check that the folder exists and can be written",
        _ => "it is no .dnpy file of this crate's, or it is damaged: save the array again",
    };
    io::Error::new(
        error.kind(),
        format!("{doing} {}: {error} ({advice})", path.display()),
    )
}

fn write_file(path: &Path, protocol: &Protocol<'_, f64>) -> io::Result<()> {
    let mut file = BufWriter::new(File::create(path)?);
    write_part(&mut file, protocol)?;
    file.flush()
}

/// One rank's `.dnpy` file: its protocol entries, then its local array as `.npy`.
fn write_part(writer: &mut impl Write, protocol: &Protocol<'_, f64>) -> io::Result<()> {
    let dims: Vec<String> = protocol.dim_data.iter().map(dim_dict_text).collect();
    let metadata = format!(
        "{{'__version__': '{}', 'dim_data': ({}), }}",
        protocol.version,
        dims.join(", ")
    );
    writer.write_all(&header(MAGIC, &metadata))?;
    let (rows, cols) = protocol.buffer.dim();
    let description = format!("{{'descr': '<f8', 'fortran_order': False, 'shape': ({rows}, {cols}), }}");
    writer.write_all(&header(NPY_MAGIC, &description))?;
    for x in protocol.buffer.iter() {
        writer.write_all(&x.to_le_bytes())?;
    }
    Ok(())
}

/// A version 1.0 header as NumPy 1.9 wrote one: magic, version, length, and the
/// dictionary's text padded with spaces and a newline to a multiple of [`ALIGN`].
fn header(magic: &[u8], dict: &str) -> Vec<u8> {
    let unpadded = magic.len() + 4 + dict.len() + 1;
    let text = format!("{dict}{}\n", " ".repeat(ALIGN - unpadded % ALIGN));
    let length = u16::try_from(text.len()).expect("a 2-D array's header is short");
    let mut bytes = magic.to_vec();
    bytes.extend([1, 0]);
    bytes.extend(length.to_le_bytes());
    bytes.extend(text.into_bytes());
    bytes
}

/// A dimension dictionary as Python's `repr` writes it on one line, keys sorted.
fn dim_dict_text(dict: &DimDict) -> String {
    let entries: Vec<String> = dict
        .entries()
        .into_iter()
        .map(|(key, value)| format!("'{key}': {value}"))
        .collect();
    format!("{{{}}}", entries.join(", "))
}

/// One rank's file read back: its `dim_data` and its local array.
fn read_part(reader: &mut impl Read) -> io::Result<([DimDict; 2], Array2<f64>)> {
    let mut preamble = [0u8; 10];
    reader.read_exact(&mut preamble)?;
    if &preamble[..MAGIC.len()] != MAGIC {
        return Err(invalid("no \\x93DARRY magic string at its start".into()));
    }
    if preamble[6..8] != [1, 0] {
        let [major, minor] = [preamble[6], preamble[7]];
        return Err(invalid(format!(
            "format version {major}.{minor}: only 1.0 is read"
        )));
    }
    let mut text = vec![0u8; usize::from(u16::from_le_bytes([preamble[8], preamble[9]]))];
    reader.read_exact(&mut text)?;
    let text = String::from_utf8(text).map_err(|_| invalid("the header is not text".into()))?;
    let parsed = literal::parse(&text).map_err(|e| invalid(format!("header: {e}")))?;
    let dim_data = metadata(&parsed).map_err(|e| invalid(format!("header: {e}")))?;
    let npy_header = npy::read_header(reader)?;
    let [rows, cols] = match (
        npy_header.descr.as_str(),
        npy_header.fortran_order,
        &npy_header.shape[..],
    ) {
        ("<f8", false, &[rows, cols]) => [rows, cols],
        _ => {
            return Err(invalid(format!(
                "its data is not a 2-D C-order '<f8' array: {npy_header:?}"
            )))
        }
    };
    let mut bytes = vec![0u8; rows * cols * 8];
    reader.read_exact(&mut bytes)?;
    let values = bytes
        .chunks_exact(8)
        .map(|b| f64::from_le_bytes(b.try_into().expect("8 bytes")));
    let local = Array2::from_shape_vec((rows, cols), values.collect()).expect("the count matches the shape");
    Ok((dim_data, local))
}

/// The `dim_data` of a header dictionary, which must hold `__version__` and `dim_data`
/// and nothing else (DistArray's reader asks the same).
fn metadata(header: &Literal) -> Result<[DimDict; 2], String> {
    let Literal::Dict(entries) = header else {
        return Err("not a dictionary".into());
    };
    let mut keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    if keys != ["__version__", "dim_data"] {
        return Err(format!("keys {keys:?}, not ['__version__', 'dim_data']"));
    }
    let value = |key: &str| &entries.iter().find(|(k, _)| k == key).expect("checked above").1;
    if !matches!(value("__version__"), Literal::Str(_)) {
        return Err("'__version__' is not a string".into());
    }
    match value("dim_data") {
        Literal::Tuple(dims) if dims.len() == 2 => Ok([dim_dict(&dims[0])?, dim_dict(&dims[1])?]),
        _ => Err("'dim_data' is not a tuple of two dictionaries: only 2-D arrays are read".into()),
    }
}

/// A dimension dictionary of a block (`'b'`) or cyclic (`'c'`) dimension; padding, if
/// present, must be none.
fn dim_dict(literal: &Literal) -> Result<DimDict, String> {
    let Literal::Dict(entries) = literal else {
        return Err("a dimension is not described by a dictionary".into());
    };
    let get = |key: &str| entries.iter().find(|(k, _)| k == key).map(|(_, v)| v);
    let int = |key: &str| match get(key) {
        Some(&Literal::Int(n)) if n >= 0 => Ok(Some(n as usize)),
        None => Ok(None),
        Some(other) => Err(format!("'{key}' is {other:?}, not a count")),
    };
    let required = |key: &str| int(key)?.ok_or(format!("a dimension has no '{key}'"));
    let dist_type = match get("dist_type") {
        Some(Literal::Str(t)) if t == "b" || t == "c" => t.chars().next().expect("one letter"),
        other => {
            return Err(format!(
                "dist_type {other:?}: only 'b' and 'c' dimensions are read"
            ))
        }
    };
    if !matches!(get("padding"), None | Some(Literal::Tuple(_))) || has_padding(get("padding")) {
        return Err("padded dimensions are not read".into());
    }
    let stop = int("stop")?;
    if dist_type == 'b' && stop.is_none() {
        return Err("a block dimension has no 'stop'".into());
    }
    Ok(DimDict {
        dist_type,
        size: required("size")?,
        proc_grid_rank: required("proc_grid_rank")?,
        proc_grid_size: required("proc_grid_size")?,
        start: required("start")?,
        stop,
        block_size: int("block_size")?,
    })
}

/// Whether `padding` is there and not `(0, 0)`.
fn has_padding(padding: Option<&Literal>) -> bool {
    padding.is_some_and(|p| *p != Literal::Tuple(vec![Literal::Int(0), Literal::Int(0)]))
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maps::{Dist::*, Distribution};
    use crate::protocol::VERSION;
    use ndarray::array;

    fn bytes(d: &Distribution, rank: usize, local: &Array2<f64>) -> Vec<u8> {
        let protocol = Protocol {
            version: VERSION,
            buffer: local.view(),
            dim_data: d.dim_data(rank).unwrap(),
        };
        let mut bytes = Vec::new();
        write_part(&mut bytes, &protocol).unwrap();
        bytes
    }

    /// Rank 1's file of the notebook's array, byte for byte.
    #[test]
    fn the_file_is_distarrays_format() {
        let d = Distribution::new([4, 5], [Block, Undistributed], 4);
        let local = array![[0.5, 1.0, 1.5, 2.0, -2.5]];
        let written = bytes(&d, 1, &local);
        let metadata = "{'__version__': '0.10.0', 'dim_data': ({'dist_type': 'b', \
                        'proc_grid_rank': 1, 'proc_grid_size': 4, 'size': 4, 'start': 1, \
                        'stop': 2}, {'dist_type': 'b', 'proc_grid_rank': 0, \
                        'proc_grid_size': 1, 'size': 5, 'start': 0, 'stop': 5}), }";
        let description = "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 5), }";
        // 10 bytes before each text; each header ends at a multiple of 16.
        assert_eq!((metadata.len(), description.len()), (233, 59));
        let mut expected = b"\x93DARRY\x01\x00\xf6\x00".to_vec();
        expected.extend(metadata.bytes());
        expected.extend(b"            \n");
        expected.extend(b"\x93NUMPY\x01\x00\x46\x00");
        expected.extend(description.bytes());
        expected.extend(b"          \n");
        for x in [0.5f64, 1.0, 1.5, 2.0, -2.5] {
            expected.extend(x.to_le_bytes());
        }
        assert_eq!(written, expected);
        assert_eq!(written.len(), 256 + 80 + 40);
        let (dim_data, back) = read_part(&mut &written[..]).unwrap();
        assert_eq!((dim_data, back), (d.dim_data(1).unwrap(), local));
    }

    #[test]
    fn block_cyclic_dictionaries_round_trip() {
        let d = Distribution::new([7, 9], [BlockCyclic(2), Cyclic], 4);
        let local = Array2::from_shape_fn(d.local_shape(3), |(i, j)| (i * 10 + j) as f64);
        let written = bytes(&d, 3, &local);
        let text = String::from_utf8_lossy(&written[10..]);
        assert!(
            text.starts_with(
                "{'__version__': '0.10.0', 'dim_data': ({'block_size': 2, 'dist_type': 'c', \
                 'proc_grid_rank': 1, 'proc_grid_size': 2, 'size': 7, 'start': 2}, \
                 {'dist_type': 'c', 'proc_grid_rank': 1,"
            ),
            "{text}"
        );
        assert_eq!(
            read_part(&mut &written[..]).unwrap(),
            (d.dim_data(3).unwrap(), local)
        );
    }

    fn read_error(bytes: &[u8]) -> String {
        read_part(&mut &bytes[..]).unwrap_err().to_string()
    }

    /// A file whose metadata text is `metadata`, with a valid 1×1 data part.
    fn with_metadata(metadata: &str) -> Vec<u8> {
        let mut bytes = header(MAGIC, metadata);
        bytes.extend(header(
            NPY_MAGIC,
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1), }",
        ));
        bytes.extend(1.0f64.to_le_bytes());
        bytes
    }

    #[test]
    fn damaged_files_say_what_is_wrong() {
        let d = Distribution::new([4, 5], [Block, Undistributed], 4);
        let good = bytes(&d, 0, &array![[1.0, 2.0, 3.0, 4.0, 5.0]]);
        assert_eq!(read_error(&good[..good.len() - 3]), "failed to fill whole buffer");
        assert_eq!(
            read_error(b"\x93NUMPY\x01\x00\x00\x00"),
            "no \\x93DARRY magic string at its start"
        );
        assert_eq!(
            read_error(b"\x93DARRY\x02\x00\x00\x00"),
            "format version 2.0: only 1.0 is read"
        );
        let mut not_a_dict = good.clone();
        not_a_dict[10] = b'[';
        assert_eq!(read_error(&not_a_dict), "header: expected a value at character 0");
        let dims =
            "({'dist_type': 'b', 'proc_grid_rank': 0, 'proc_grid_size': 1, 'size': 1, 'start': 0, 'stop': 1}";
        for (metadata, error) in [
            ("{'dim_data': ()}", "header: keys [\"dim_data\"], not ['__version__', 'dim_data']"),
            (
                "{'__version__': '0.10.0', 'dim_data': ({},)}",
                "header: 'dim_data' is not a tuple of two dictionaries: only 2-D arrays are read",
            ),
            (
                &format!("{{'__version__': 1, 'dim_data': {dims}, {{}})}}"),
                "header: '__version__' is not a string",
            ),
            (
                &format!("{{'__version__': '0.10.0', 'dim_data': {dims}, {{'dist_type': 'u'}})}}"),
                "header: dist_type Some(Str(\"u\")): only 'b' and 'c' dimensions are read",
            ),
            (
                &format!("{{'__version__': '0.10.0', 'dim_data': {dims}, {{'dist_type': 'c', 'size': -1}})}}"),
                "header: 'size' is Int(-1), not a count",
            ),
            (
                &format!("{{'__version__': '0.10.0', 'dim_data': {dims}, {{'dist_type': 'b', 'padding': (1, 0)}})}}"),
                "header: padded dimensions are not read",
            ),
        ] {
            assert_eq!(read_error(&with_metadata(metadata)), error);
        }
    }

    #[test]
    fn errors_name_the_file_and_what_to_do() {
        let error = io::Error::new(io::ErrorKind::InvalidData, "format version 2.0: only 1.0 is read");
        assert_eq!(
            with_path(error, Path::new("/tmp/a_1.dnpy"), "reading").to_string(),
            "reading /tmp/a_1.dnpy: format version 2.0: only 1.0 is read (it is no .dnpy file of \
             this crate's, or it is damaged: save the array again)"
        );
    }
}
