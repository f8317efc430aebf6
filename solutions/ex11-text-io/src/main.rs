//! ex11 (text-io), reference solution: NumPy's `loadtxt`/`savetxt` round trip in Rust.
//!
//! Reads the two-column file `data/xy.dat` (x and y values, `#` comments) into a 9×2
//! array, adds 2.5 to every y value, writes the result to a temporary file in the
//! format of NumPy's `savetxt` (`%.18e`, blank-separated), reads that file back and
//! checks that nothing was lost on the way.
//!
//! Mirrors seed 002, "NumPy tools: I/O with NumPy" (`numpy.loadtxt`, `numpy.savetxt`),
//! and the course's input-output exercise (read x/y pairs, shift y by 2.5, save).
//! Check it with `cargo run -p runner -- check ex11`.

use hpckit::NpDisplay;
use ndarray::{Array2, ArrayView2};
use std::error::Error;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Write};
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
fn loadtxt(path: &Path) -> io::Result<Array2<f64>> {
    let file = File::open(path)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot open {}: {e}", path.display())))?;
    // All values, row after row: exactly the order of a C-ordered (row-major) array.
    let mut values = Vec::new();
    let mut ncols = None;
    let mut nrows = 0;
    for (index, line) in BufReader::new(file).lines().enumerate() {
        let line = line?;
        let invalid = |why: String| {
            let at = format!("{}, line {}: {why}", path.display(), index + 1);
            io::Error::new(io::ErrorKind::InvalidData, at)
        };
        // Everything after a '#' is a comment (`split` yields at least one piece).
        let data = line.split('#').next().unwrap_or_default().trim();
        if data.is_empty() {
            continue;
        }
        let row = data
            .split_whitespace()
            .map(|word| {
                word.parse::<f64>()
                    .map_err(|_| invalid(format!("`{word}` is not a number")))
            })
            .collect::<io::Result<Vec<f64>>>()?;
        match ncols {
            None => ncols = Some(row.len()),
            Some(n) if n != row.len() => {
                return Err(invalid(format!("{} columns, expected {n}", row.len())));
            }
            Some(_) => {}
        }
        values.extend(row);
        nrows += 1;
    }
    let shape = (nrows, ncols.unwrap_or(0));
    // The shape matches the number of values by construction.
    Ok(Array2::from_shape_vec(shape, values).expect("rows × columns values were read"))
}

/// Writes a 2-D array as text, one row per line, like `numpy.savetxt` with its
/// defaults: every value as `%.18e`, separated by single blanks.
fn savetxt(path: &Path, a: ArrayView2<f64>) -> io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    for row in a.rows() {
        let fields: Vec<String> = row.iter().map(|&x| format_e18(x)).collect();
        writeln!(out, "{}", fields.join(" "))?;
    }
    // BufWriter writes the rest when dropped, but would swallow an error there.
    out.flush()
}

/// One number as C's `printf("%.18e")` prints it, which is NumPy's default `fmt`:
/// `-4.000000000000000000e+00`. Rust's `{:.18e}` gives the same digits, but writes
/// the exponent as `e0`, `e-5`: C always has a sign and at least two digits.
fn format_e18(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let rust = format!("{x:.18e}");
    let (mantissa, exponent) = rust.split_once('e').expect("{:e} always writes an `e`");
    let exponent: i32 = exponent.parse().expect("{:e} writes an integer exponent");
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", exponent.abs())
}

/// A path for a scratch file in the system's temporary directory.
fn temp_path(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("{}-{name}", std::process::id()))
}
