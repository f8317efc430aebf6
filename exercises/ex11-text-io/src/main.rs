//! ex11 (text-io): NumPy's `loadtxt`/`savetxt` round trip in Rust.
//!
//! Reads the two-column file `data/xy.dat` (x and y values, `#` comments) into a 9×2
//! array, adds 2.5 to every y value, writes the result to a temporary file in the
//! format of NumPy's `savetxt` (`%.18e`, blank-separated), reads that file back and
//! checks that nothing was lost on the way.
//!
//! Write `loadtxt`, `savetxt` and `format_e18` below; `main` is done.
//! Check it with `cargo run -p runner -- check ex11`.

use hpckit::NpDisplay;
use ndarray::{Array2, ArrayView2};
use std::error::Error;
use std::fs;
use std::io;
// For your code: `std::fs::File` and `std::io::{BufRead, BufReader, BufWriter, Write}`.
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    // Cargo sets CARGO_MANIFEST_DIR, at compile time, to this crate's directory: the
    // data file is found whatever the current directory is when the program runs.
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/xy.dat");
    let mut xy = loadtxt(&input)?;
    println!("xy.shape = ({}, {})", xy.nrows(), xy.ncols());
    println!("{}", xy.np());

    // `column_mut(1)` is a mutable view of the y column: the addition happens in
    // place, in `xy`'s own memory, like NumPy's `xy[:, 1] += 2.5`.
    let mut y = xy.column_mut(1);
    y += 2.5;
    println!("after xy[:, 1] += 2.5:");
    println!("{}", xy.np());

    // Eighteen decimals show more digits than were typed: 0.1 has no exact binary
    // form, and the f64 nearest to it prints as 0.1000000000000000055511...
    println!("savetxt writes 0.1 as {}", format_e18(0.1));

    // A file name of our own in the system's temporary directory; the process id
    // keeps two runs at the same time apart.
    let output = temp_path("xy-shifted.dat");
    savetxt(&output, xy.view())?;
    let text = fs::read_to_string(&output)?;
    println!("first lines of the saved file:");
    for line in text.lines().take(3) {
        println!("{line}");
    }

    let back = loadtxt(&output)?;
    fs::remove_file(&output)?;
    // `==` on arrays compares shapes and every element exactly: 18 decimals in
    // scientific notation are more than the 17 significant digits an f64 needs.
    let same = if back == xy { "True" } else { "False" };
    println!("read back equals written: {same}");
    Ok(())
}

/// Reads a text file of numbers in columns into a 2-D array, like `numpy.loadtxt`
/// with its defaults: blank-separated columns, `#` starts a comment, blank lines
/// are skipped, every row must have the same number of columns.
fn loadtxt(_path: &Path) -> io::Result<Array2<f64>> {
    // TODO: open the file (`File::open`) and read it line by line
    // (`BufReader::new(file).lines()`). Cut each line at the first '#', skip what is
    // blank, `split_whitespace()` the rest and `parse::<f64>()` every word, pushing
    // the values row after row into one `Vec<f64>`. Count the rows and check that
    // they all have as many values as the first; return an `io::Error` of kind
    // `InvalidData` that names the line when a word is not a number or a row is
    // short. Finish with `Array2::from_shape_vec((nrows, ncols), values)`.
    // (Remove the leading `_` of `path` when you use it.)
    todo!("read the columns of the file into an array")
}

/// Writes a 2-D array as text, one row per line, like `numpy.savetxt` with its
/// defaults: every value as `%.18e`, separated by single blanks.
fn savetxt(_path: &Path, _a: ArrayView2<f64>) -> io::Result<()> {
    // TODO: create the file inside a `BufWriter`, then for each of `a.rows()` write
    // its values formatted with `format_e18`, joined by one blank, and a newline
    // (`writeln!`). End with `flush()` so that a failed write is reported.
    // (Remove the leading `_` of the parameters when you use them.)
    todo!("write one line per row, values as %.18e")
}

/// One number as C's `printf("%.18e")` prints it, which is NumPy's default `fmt`:
/// `-4.000000000000000000e+00`.
fn format_e18(_x: f64) -> String {
    // TODO: `format!("{x:.18e}")` gives the right digits but writes the exponent as
    // `e0` or `e-5`; C always writes a sign and at least two digits (`e+00`,
    // `e-05`). Split at the 'e', parse the exponent and rebuild the text. NaN and
    // infinities are written `nan`, `inf` and `-inf`.
    todo!("format x like printf's %.18e")
}

/// A path for a scratch file in the system's temporary directory.
fn temp_path(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("{}-{name}", std::process::id()))
}
