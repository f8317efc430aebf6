//! The Distributed Array Protocol: what each process tells another library about its
//! part of a distributed array, so that the library can use the data in place.
//!
//! In Python, an object takes part by having a `__distarray__()` method that returns,
//! on every process, a dictionary with three keys: `'__version__'` (the protocol's
//! version), `'buffer'` (the local data) and `'dim_data'` (one *dimension dictionary*
//! per dimension, saying how that dimension is distributed and which part of it this
//! process has). Nothing is copied or sent: the dictionary describes the memory the
//! process already holds.
//!
//! A dimension dictionary always has `dist_type`, `size`, `proc_grid_size` and
//! `proc_grid_rank`, and then:
//!
//! - block (`'b'`): `start` and `stop`, the global index range of the local part;
//! - cyclic (`'c'`): `start`, the first global index here (the others follow every
//!   `proc_grid_size`); block-cyclic adds `block_size` (and `start` is the first index
//!   of the first block).
//!
//! The protocol has no "undistributed" type: such a dimension is a block dimension over
//! one process, `start` 0 and `stop` the size, which is how the notebook shows the 4×5
//! array's columns.
//!
//! [`Protocol::pretty`] prints a dictionary laid out as the notebook prints it.

use std::fmt::Write;

use ndarray::ArrayView2;

use crate::precision::NpPrecision;

/// The protocol version DistArray 0.6 reports, and the notebook prints.
pub const VERSION: &str = "0.10.0";

/// One dimension dictionary (`dim_data` has one per dimension).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DimDict {
    /// `'b'` (block) or `'c'` (cyclic, block-cyclic).
    pub dist_type: char,
    /// The global number of indices along this dimension.
    pub size: usize,
    /// This process's position along the dimension, 0 to `proc_grid_size - 1`.
    pub proc_grid_rank: usize,
    /// The number of processes along the dimension.
    pub proc_grid_size: usize,
    /// The first global index held here.
    pub start: usize,
    /// Block only: one past the last global index held here.
    pub stop: Option<usize>,
    /// Block-cyclic only: the number of consecutive indices in a block.
    pub block_size: Option<usize>,
}

impl DimDict {
    /// The keys and values in Python's text, keys in sorted order as Python's pretty
    /// printers sort them.
    pub(crate) fn entries(&self) -> Vec<(&'static str, String)> {
        let mut entries = Vec::new();
        if let Some(block_size) = self.block_size {
            entries.push(("block_size", block_size.to_string()));
        }
        entries.extend([
            ("dist_type", format!("'{}'", self.dist_type)),
            ("proc_grid_rank", self.proc_grid_rank.to_string()),
            ("proc_grid_size", self.proc_grid_size.to_string()),
            ("size", self.size.to_string()),
            ("start", self.start.to_string()),
        ]);
        if let Some(stop) = self.stop {
            entries.push(("stop", stop.to_string()));
        }
        entries
    }
}

/// One process's `__distarray__()` dictionary for a 2-D array.
#[derive(Debug, Clone, PartialEq)]
pub struct Protocol<'a, T> {
    /// The protocol's version, [`VERSION`].
    pub version: &'static str,
    /// This process's local array.
    pub buffer: ArrayView2<'a, T>,
    /// How each dimension is distributed, and this process's part of it.
    pub dim_data: [DimDict; 2],
}

impl Protocol<'_, f64> {
    /// The dictionary as the notebook prints it (IPython's pretty printer: one key per
    /// line, keys sorted, one more space of indentation for each level of nesting), with
    /// the buffer's elements rounded to `precision` decimals.
    ///
    /// ```
    /// use distarray::maps::{Dist, Distribution};
    /// use distarray::protocol::{Protocol, VERSION};
    /// use ndarray::array;
    ///
    /// let d = Distribution::new([4, 5], [Dist::Block, Dist::Undistributed], 4);
    /// let buffer = array![[0.78, 0.27, 1.0, 0.54, 0.54]];
    /// let protocol = Protocol { version: VERSION, buffer: buffer.view(), dim_data: d.dim_data(1).unwrap() };
    /// let text = protocol.pretty(2);
    /// assert!(text.starts_with("{'__version__': '0.10.0',\n 'buffer': array([[0.78, 0.27, 1.  , 0.54, 0.54]]),\n"));
    /// assert!(text.ends_with("   'start': 0,\n   'stop': 5})}"));
    /// ```
    pub fn pretty(&self, precision: usize) -> String {
        let buffer = self.buffer.np_prec(precision).repr().replace('\n', "\n ");
        let dims: Vec<String> = self.dim_data.iter().map(dim_dict_text).collect();
        format!(
            "{{'__version__': '{}',\n 'buffer': {buffer},\n 'dim_data': ({})}}",
            self.version,
            dims.join(",\n  ")
        )
    }
}

/// A dimension dictionary nested two levels deep (in the tuple in the dictionary):
/// its keys after the first one are indented by three spaces.
fn dim_dict_text(dict: &DimDict) -> String {
    let mut text = String::from("{");
    for (i, (key, value)) in dict.entries().into_iter().enumerate() {
        let separator = if i == 0 { "" } else { ",\n   " };
        write!(text, "{separator}'{key}': {value}").expect("writing to a String cannot fail");
    }
    text.push('}');
    text
}

#[cfg(test)]
mod tests {
    use super::{DimDict, Protocol, VERSION};
    use crate::maps::{Dist, Distribution};
    use ndarray::array;

    /// Rank 3's dictionary in the notebook, after `darr[3, 3] = -0.99`, in the
    /// layout the notebook uses (less the one space the surrounding list adds).
    #[test]
    fn rank_3_of_the_notebook() {
        let d = Distribution::new([4, 5], [Dist::Block, Dist::Undistributed], 4);
        let buffer = array![[0.14, 0.08, 0.42, -0.99, 0.75]];
        let protocol = Protocol {
            version: VERSION,
            buffer: buffer.view(),
            dim_data: d.dim_data(3).unwrap(),
        };
        let expected = "\
{'__version__': '0.10.0',
 'buffer': array([[ 0.14,  0.08,  0.42, -0.99,  0.75]]),
 'dim_data': ({'dist_type': 'b',
   'proc_grid_rank': 3,
   'proc_grid_size': 4,
   'size': 4,
   'start': 3,
   'stop': 4},
  {'dist_type': 'b',
   'proc_grid_rank': 0,
   'proc_grid_size': 1,
   'size': 5,
   'start': 0,
   'stop': 5})}";
        assert_eq!(protocol.pretty(2), expected);
    }

    #[test]
    fn block_cyclic_dimensions_have_a_block_size_and_no_stop() {
        let dict = DimDict {
            dist_type: 'c',
            size: 9,
            proc_grid_rank: 1,
            proc_grid_size: 2,
            start: 2,
            stop: None,
            block_size: Some(2),
        };
        assert_eq!(
            super::dim_dict_text(&dict),
            "{'block_size': 2,\n   'dist_type': 'c',\n   'proc_grid_rank': 1,\n   \
             'proc_grid_size': 2,\n   'size': 9,\n   'start': 2}"
        );
    }

    #[test]
    fn rows_of_a_taller_buffer_stay_aligned_inside_the_dictionary() {
        let d = Distribution::new([4, 2], [Dist::Block, Dist::Undistributed], 2);
        let buffer = array![[0.5, 1.0], [1.5, 2.0]];
        let protocol = Protocol {
            version: VERSION,
            buffer: buffer.view(),
            dim_data: d.dim_data(0).unwrap(),
        };
        let text = protocol.pretty(2);
        assert!(
            text.contains(" 'buffer': array([[0.5, 1. ],\n        [1.5, 2. ]]),\n"),
            "{text}"
        );
    }
}
