//! Which distribution a set of `.dnpy` files describes, worked out identically on every
//! rank from what every rank found, so that all ranks accept the files or all refuse
//! them with the same reason, and none is left waiting in a collective call.
//!
//! Each rank reduces what it found to a [`Found`], a fixed-size record of integers, and
//! one Allgather gives every rank all the records. [`distribution`] then checks that
//! the files belong together (one array, every part present once, a communicator big
//! enough) and finds the [`Distribution`] whose `dim_data` are the files' own.

use std::io;
use std::path::Path;

use crate::maps::{Dist, Distribution};
use crate::protocol::DimDict;

use super::file_name;

/// What one rank found in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Found {
    /// No file: the rank held no part of the array, or the file is missing.
    Nothing,
    /// A file it could not read (the rank reports why).
    Broken,
    /// A part: the header's `dim_data` and the shape of the data after it.
    Part {
        dim_data: [DimDict; 2],
        local_shape: [usize; 2],
    },
}

/// Integers per dimension dictionary in a record.
const DIM_FIELDS: usize = 7;
/// Integers per record: what was found, the local shape, two dimension dictionaries.
pub(super) const RECORD: usize = 3 + 2 * DIM_FIELDS;
/// Stands for a missing `stop` or `block_size`.
const ABSENT: u64 = u64::MAX;

impl Found {
    /// The record this rank sends to the others.
    pub(super) fn encode(&self) -> [u64; RECORD] {
        let mut record = [0; RECORD];
        match self {
            Found::Nothing => {}
            Found::Broken => record[0] = 1,
            Found::Part {
                dim_data,
                local_shape,
            } => {
                record[0] = 2;
                record[1] = local_shape[0] as u64;
                record[2] = local_shape[1] as u64;
                for (d, dict) in dim_data.iter().enumerate() {
                    let fields = [
                        u64::from(dict.dist_type),
                        dict.size as u64,
                        dict.proc_grid_rank as u64,
                        dict.proc_grid_size as u64,
                        dict.start as u64,
                        dict.stop.map_or(ABSENT, |s| s as u64),
                        dict.block_size.map_or(ABSENT, |b| b as u64),
                    ];
                    record[3 + d * DIM_FIELDS..3 + (d + 1) * DIM_FIELDS].copy_from_slice(&fields);
                }
            }
        }
        record
    }

    /// The record another rank sent.
    pub(super) fn decode(record: &[u64]) -> Found {
        match record[0] {
            0 => Found::Nothing,
            1 => Found::Broken,
            _ => {
                let dict = |d: usize| {
                    let f = &record[3 + d * DIM_FIELDS..3 + (d + 1) * DIM_FIELDS];
                    let optional = |v: u64| (v != ABSENT).then_some(v as usize);
                    DimDict {
                        dist_type: char::from_u32(f[0] as u32).unwrap_or('?'),
                        size: f[1] as usize,
                        proc_grid_rank: f[2] as usize,
                        proc_grid_size: f[3] as usize,
                        start: f[4] as usize,
                        stop: optional(f[5]),
                        block_size: optional(f[6]),
                    }
                };
                Found::Part {
                    dim_data: [dict(0), dict(1)],
                    local_shape: [record[1] as usize, record[2] as usize],
                }
            }
        }
    }
}

/// The distribution that the files found (`found[rank]`, for every rank of the
/// communicator) describe.
///
/// # Errors
///
/// If a file could not be read; if there are none; if they describe different arrays;
/// if the communicator is smaller than the array's process grid; if a part is
/// missing; if their `dim_data` describe no distribution this crate makes, or a file's
/// data does not have the shape its header gives.
pub(super) fn distribution(found: &[Found], base: &Path) -> io::Result<Distribution> {
    let name = |rank: usize| file_name(base, rank).display().to_string();
    let broken: Vec<String> = (0..found.len())
        .filter(|&rank| found[rank] == Found::Broken)
        .map(name)
        .collect();
    if !broken.is_empty() {
        return Err(invalid(format!(
            "{} could not be read: the error on the rank that read it says why",
            broken.join(", ")
        )));
    }
    let parts: Vec<(usize, [DimDict; 2], [usize; 2])> = found
        .iter()
        .enumerate()
        .filter_map(|(rank, f)| match *f {
            Found::Part {
                dim_data,
                local_shape,
            } => Some((rank, dim_data, local_shape)),
            _ => None,
        })
        .collect();
    let Some(&(first, first_dims, _)) = parts.first() else {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!(
                "no file {} (nor any other {}_<rank>.dnpy of this communicator's ranks): \
                 is that the name the array was saved under?",
                name(0),
                base.display()
            ),
        ));
    };
    for &(rank, dims, _) in &parts {
        if dims.iter().zip(&first_dims).any(|(a, b)| !same_dimension(a, b)) {
            return Err(invalid(format!(
                "{} and {} describe different arrays: files of two saves are mixed. Save the \
                 array again under a new name",
                name(first),
                name(rank)
            )));
        }
    }
    check_count(&parts, found.len(), &first_dims, base)?;
    let ranks: Vec<usize> = parts.iter().map(|p| p.0).collect();
    let distribution = candidates(&first_dims)
        .into_iter()
        .map(|dists| Distribution::with_targets(sizes(&first_dims), dists, &ranks))
        .find(|d| d.targets() == ranks && parts.iter().all(|(r, dims, _)| d.dim_data(*r) == Some(*dims)))
        .ok_or_else(|| {
            invalid(format!(
                "the headers of {}_<rank>.dnpy describe a distribution this crate does not \
                 make ({first_dims:?} on rank {first})",
                base.display()
            ))
        })?;
    for &(rank, _, shape) in &parts {
        let expected = distribution.local_shape(rank);
        if shape != expected {
            return Err(invalid(format!(
                "{} holds a {shape:?} array, but its header gives it a {expected:?} part: the \
                 file is damaged. Save the array again",
                name(rank)
            )));
        }
    }
    Ok(distribution)
}

/// Whether two ranks' dictionaries describe the same dimension of the same array.
fn same_dimension(a: &DimDict, b: &DimDict) -> bool {
    (a.dist_type, a.size, a.proc_grid_size, a.block_size)
        == (b.dist_type, b.size, b.proc_grid_size, b.block_size)
}

/// The array's global shape.
fn sizes(dims: &[DimDict; 2]) -> [usize; 2] {
    dims.map(|d| d.size)
}

/// One file per grid position: no more, and no fewer than the communicator can hold.
fn check_count(
    parts: &[(usize, [DimDict; 2], [usize; 2])],
    size: usize,
    dims: &[DimDict; 2],
    base: &Path,
) -> io::Result<()> {
    let grid = dims.map(|d| d.proc_grid_size);
    let expected = grid[0] * grid[1];
    let base = base.display();
    let grid = format!("a {}×{} process grid", grid[0], grid[1]);
    if size < expected {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{base} was saved in {expected} parts ({grid}), and this communicator has {size} \
                 ranks: load it on {expected} ranks (or more), one part per rank"
            ),
        ));
    }
    if parts.len() > expected {
        return Err(invalid(format!(
            "{} files {base}_<rank>.dnpy for the {expected} parts of {grid}: files of two saves \
             are mixed. Save the array again under a new name",
            parts.len()
        )));
    }
    if parts.len() < expected {
        let found: Vec<usize> = parts.iter().map(|p| p.0).collect();
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!(
                "only {} of the {expected} parts of {base} ({grid}) were found, the files of \
                 ranks {found:?}: a file {base}_<rank>.dnpy is missing. Put it back, or save the \
                 array again",
                parts.len()
            ),
        ));
    }
    Ok(())
}

/// The distributions whose dimension dictionaries could be `dims`, most likely first.
/// An undistributed dimension and a block dimension over one process are the same
/// layout and the same dictionary: undistributed comes first.
fn candidates(dims: &[DimDict; 2]) -> Vec<[Dist; 2]> {
    let options = dims.map(|d| match (d.dist_type, d.block_size) {
        ('b', _) if d.proc_grid_size == 1 => vec![Dist::Undistributed, Dist::Block],
        ('b', _) => vec![Dist::Block],
        (_, None) => vec![Dist::Cyclic],
        (_, Some(b)) => vec![Dist::BlockCyclic(b)],
    });
    let mut all = Vec::new();
    for &rows in &options[0] {
        for &cols in &options[1] {
            all.push([rows, cols]);
        }
    }
    all
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maps::Dist::*;

    /// What every rank finds after saving `d` on `size` ranks.
    fn saved(d: &Distribution, size: usize) -> Vec<Found> {
        (0..size)
            .map(|rank| match d.dim_data(rank) {
                Some(dim_data) => Found::Part {
                    dim_data,
                    local_shape: d.local_shape(rank),
                },
                None => Found::Nothing,
            })
            .collect()
    }

    fn error(found: &[Found]) -> String {
        distribution(found, Path::new("/tmp/out"))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn records_carry_everything() {
        let d = Distribution::new([7, 9], [BlockCyclic(2), Block], 4);
        for found in saved(&d, 5).into_iter().chain([Found::Broken]) {
            assert_eq!(Found::decode(&found.encode()), found);
        }
    }

    /// Whether `a` and `b` put every element on the same rank at the same place.
    fn same_layout(a: &Distribution, b: &Distribution, size: usize) -> bool {
        a.targets() == b.targets() && (0..size).all(|r| a.dim_data(r) == b.dim_data(r))
    }

    #[test]
    fn every_distribution_is_found_again() {
        for dists in [
            [Block, Undistributed],
            [Cyclic, Cyclic],
            [BlockCyclic(2), Block],
            [Undistributed, BlockCyclic(3)],
            [Block, Cyclic],
        ] {
            for size in [1, 3, 4] {
                let d = Distribution::new([7, 9], dists, size);
                let got = distribution(&saved(&d, size), Path::new("x")).unwrap();
                assert!(same_layout(&got, &d, size), "{dists:?} on {size}");
                // Only a block dimension over one process comes back otherwise.
                let block_over_one = (0..2).any(|a| dists[a] == Block && d.grid_shape()[a] == 1);
                assert_eq!(got == d, !block_over_one, "{dists:?} on {size}");
            }
        }
        // Ranks that hold nothing write nothing, and are still part of the array.
        let d = Distribution::new([5, 3], [Block, Undistributed], 4);
        assert_eq!(d.targets(), [0, 1, 2]);
        assert_eq!(distribution(&saved(&d, 4), Path::new("x")).unwrap(), d);
        let d = Distribution::with_targets([5, 4], [Block, Undistributed], &[1, 3]);
        assert_eq!(distribution(&saved(&d, 4), Path::new("x")).unwrap(), d);
    }

    /// A block dimension over one process reads back as undistributed: the same layout.
    #[test]
    fn a_block_over_one_process_is_undistributed() {
        let d = Distribution::new([6, 6], [Block, Block], 3);
        assert_eq!(d.grid_shape(), [1, 3]);
        let got = distribution(&saved(&d, 3), Path::new("x")).unwrap();
        assert_eq!(got.dists(), [Undistributed, Block]);
        for rank in 0..3 {
            assert_eq!(got.dim_data(rank), d.dim_data(rank));
        }
    }

    #[test]
    fn a_smaller_communicator_is_refused() {
        let d = Distribution::new([4, 5], [Block, Undistributed], 4);
        let found = &saved(&d, 4)[..3];
        assert_eq!(
            error(found),
            "/tmp/out was saved in 4 parts (a 4×1 process grid), and this communicator has 3 \
             ranks: load it on 4 ranks (or more), one part per rank"
        );
    }

    #[test]
    fn missing_and_extra_files_are_named() {
        let d = Distribution::new([4, 5], [Block, Undistributed], 4);
        let mut found = saved(&d, 4);
        found[2] = Found::Nothing;
        assert_eq!(
            error(&found),
            "only 3 of the 4 parts of /tmp/out (a 4×1 process grid) were found, the files of \
             ranks [0, 1, 3]: a file /tmp/out_<rank>.dnpy is missing. Put it back, or save the \
             array again"
        );
        assert_eq!(
            error(&[Found::Nothing; 2]),
            "no file /tmp/out_0.dnpy (nor any other /tmp/out_<rank>.dnpy of this \
             communicator's ranks): is that the name the array was saved under?"
        );
        let on_3 = Distribution::new([4, 5], [Block, Undistributed], 3);
        let mut mixed = saved(&on_3, 3);
        mixed.push(saved(&d, 4)[3]);
        assert_eq!(
            error(&mixed),
            "/tmp/out_0.dnpy and /tmp/out_3.dnpy describe different arrays: files of two saves \
             are mixed. Save the array again under a new name"
        );
    }

    #[test]
    fn broken_files_and_wrong_shapes_are_named() {
        let d = Distribution::new([4, 5], [Block, Undistributed], 4);
        let mut found = saved(&d, 4);
        found[1] = Found::Broken;
        assert_eq!(
            error(&found),
            "/tmp/out_1.dnpy could not be read: the error on the rank that read it says why"
        );
        let mut found = saved(&d, 4);
        if let Found::Part { local_shape, .. } = &mut found[3] {
            *local_shape = [1, 4];
        }
        assert_eq!(
            error(&found),
            "/tmp/out_3.dnpy holds a [1, 4] array, but its header gives it a [1, 5] part: the \
             file is damaged. Save the array again"
        );
    }
}
