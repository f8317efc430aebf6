//! What the four programs of the heat-equation capstone share: the initial field's text
//! file, the two numbers they print about a field, and the pictures they draw of it.
//!
//! CSC's heat-equation exercises read their initial temperatures from `bottle.dat`, a
//! header `# rows columns` followed by one line of numbers per grid row, and save the
//! field as a PNG with matplotlib's `imshow`. The capstone's programs do the same with
//! [`read_field`] and [`Pictures`]. What they print is graded, and must show that a
//! parallel run computed the serial field to the last bit, so they print the
//! field's [`average`] and its [`checksum`], a hash of every value's bits.
//!
//! ```
//! use hpckit::heat::{average, checksum, format_field, parse_field};
//! use ndarray::array;
//!
//! let field = parse_field("# 2 3\n20.0 20.0 20.0\n20.0 80.0 20.0\n")?;
//! assert_eq!(field, array![[20.0, 20.0, 20.0], [20.0, 80.0, 20.0]]);
//! assert_eq!(average(field.view()), 30.0);
//! assert_eq!(format_field(field.view()), "# 2 3\n20.0 20.0 20.0\n20.0 80.0 20.0\n");
//!
//! // One bit less in one value, and the checksum changes.
//! let mut other = field.clone();
//! other[[1, 1]] = f64::from_bits(80.0_f64.to_bits() - 1);
//! assert_ne!(checksum(field.view()), checksum(other.view()));
//! # Ok::<(), hpckit::heat::FieldError>(())
//! ```

use ndarray::{Array2, ArrayView2};
use std::fmt;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// The course's initial field, a hot bottle in cold air: 199 rows (a prime, so that
/// no rank count from 2 up divides them evenly) by 160 columns. The capstone's
/// solution to ex98 generates it: `cargo run -p sol-heat-serial --example make-bottle`.
///
/// The path is fixed when hpckit is compiled, so every exercise and solution crate
/// finds the one file, wherever the program is started from.
pub const BOTTLE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/bottle.dat");

/// Why a field file could not be read: the file and line, and what was wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    message: String,
}

impl FieldError {
    fn at(line: usize, what: impl fmt::Display) -> FieldError {
        FieldError {
            message: format!("line {line}: {what}"),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FieldError {}

/// Reads a field file: `# rows columns`, then `rows` lines of `columns` numbers
/// separated by white space (NumPy's `np.loadtxt` reads the same file).
pub fn read_field(path: impl AsRef<Path>) -> Result<Array2<f64>, FieldError> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|e| FieldError {
        message: format!("cannot read {}: {e}", path.display()),
    })?;
    parse_field(&text).map_err(|e| FieldError {
        message: format!("{}, {e}", path.display()),
    })
}

/// Parses the text of a field file (see [`read_field`]). Blank lines at the end are
/// allowed; anything else that is not a row of the declared length is an error.
pub fn parse_field(text: &str) -> Result<Array2<f64>, FieldError> {
    let mut lines = text.lines().enumerate().map(|(index, line)| (index + 1, line));
    let (rows, columns) = parse_header(lines.next())?;
    let total = rows
        .checked_mul(columns)
        .ok_or_else(|| FieldError::at(1, format!("{rows} x {columns} values do not fit in memory")))?;
    // Every value takes at least two bytes of text: no larger allocation can be needed.
    let mut values = Vec::with_capacity(total.min(text.len() / 2));
    let mut last = 1;
    for (number, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        if values.len() == total {
            return Err(FieldError::at(
                number,
                format!("more than the {rows} rows the header declares"),
            ));
        }
        parse_row(number, line, columns, &mut values)?;
        last = number;
    }
    if values.len() < total {
        let found = values.len() / columns;
        return Err(FieldError::at(
            last,
            format!("the header declares {rows} rows, the file has {found}"),
        ));
    }
    Ok(Array2::from_shape_vec((rows, columns), values).expect("rows * columns values were read"))
}

/// The header `# rows columns`: both at least 1.
fn parse_header(line: Option<(usize, &str)>) -> Result<(usize, usize), FieldError> {
    let (number, line) = line.ok_or_else(|| FieldError::at(1, "the file is empty"))?;
    let wrong = || {
        FieldError::at(
            number,
            format!("expected the header `# rows columns`, found {line:?}"),
        )
    };
    let mut words = line.strip_prefix('#').ok_or_else(wrong)?.split_whitespace();
    let mut size = || {
        words
            .next()
            .and_then(|word| word.parse::<usize>().ok())
            .filter(|&n| n > 0)
    };
    let (rows, columns) = (size().ok_or_else(wrong)?, size().ok_or_else(wrong)?);
    if words.next().is_some() {
        return Err(wrong());
    }
    Ok((rows, columns))
}

/// Appends the `columns` numbers of one row to `values`.
fn parse_row(number: usize, line: &str, columns: usize, values: &mut Vec<f64>) -> Result<(), FieldError> {
    let start = values.len();
    for word in line.split_whitespace() {
        let value = word
            .parse::<f64>()
            .map_err(|_| FieldError::at(number, format!("{word:?} is not a number")))?;
        values.push(value);
    }
    let found = values.len() - start;
    if found != columns {
        return Err(FieldError::at(
            number,
            format!("expected {columns} numbers, found {found}"),
        ));
    }
    Ok(())
}

/// The text of a field file for `field`, which [`parse_field`] reads back to the last
/// bit: each value is written in the shortest form that parses to the same `f64`.
pub fn format_field(field: ArrayView2<f64>) -> String {
    let (rows, columns) = field.dim();
    let mut text = format!("# {rows} {columns}\n");
    for row in field.rows() {
        let words: Vec<String> = row.iter().map(|value| format!("{value:?}")).collect();
        text.push_str(&words.join(" "));
        text.push('\n');
    }
    text
}

/// The mean of all values, summed one after the other in row-major order: the same
/// order for any memory layout, so the same field always gives the same digits.
/// (ndarray's `mean()` may sum in another order, depending on the layout.)
pub fn average(field: ArrayView2<f64>) -> f64 {
    field.iter().sum::<f64>() / field.len() as f64
}

/// A 64-bit hash (FNV-1a) of the bits of every value, in row-major order. Two fields
/// with the same shape and the same checksum are, for all practical purposes, equal
/// to the last bit; a difference of one unit in the last place changes it.
pub fn checksum(field: ArrayView2<f64>) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    field.iter().fold(OFFSET, |hash, value| {
        value
            .to_bits()
            .to_le_bytes()
            .iter()
            .fold(hash, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(PRIME))
    })
}

/// The lowest and the highest value of a field.
pub fn min_max(field: ArrayView2<f64>) -> (f64, f64) {
    field.fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), &value| {
        (low.min(value), high.max(value))
    })
}

/// The colour map, cold to hot: dark blue, blue, pale yellow, orange, dark red, at
/// equal distances along the scale.
const STOPS: [[f64; 3]; 5] = [
    [20.0, 30.0, 90.0],
    [40.0, 120.0, 190.0],
    [245.0, 240.0, 200.0],
    [240.0, 140.0, 40.0],
    [150.0, 15.0, 25.0],
];

/// The colour of `t` on the scale from 0 (coldest) to 1 (hottest), interpolated
/// linearly between the colour map's stops; values outside are clamped.
pub fn colour(t: f64) -> [u8; 3] {
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let position = t * (STOPS.len() - 1) as f64;
    let below = (position as usize).min(STOPS.len() - 2);
    let fraction = position - below as f64;
    let (a, b) = (STOPS[below], STOPS[below + 1]);
    [0, 1, 2].map(|c| (a[c] + (b[c] - a[c]) * fraction).round() as u8)
}

/// Writes `field` as an RGB PNG, row 0 at the top as in `imshow`, each value a square
/// of `zoom` x `zoom` pixels coloured by [`colour`], with `low` the coldest colour and
/// `high` the hottest.
///
/// The picture goes to a temporary file first, which is then renamed to `path`: two
/// programs that write the same picture at the same time (the same exercise checked
/// at two rank counts) each replace the file whole, and no reader sees half of one.
///
/// # Panics
///
/// If `zoom` is 0 or `high <= low`.
pub fn write_png(path: &Path, field: ArrayView2<f64>, low: f64, high: f64, zoom: u32) -> io::Result<()> {
    assert!(zoom > 0, "write_png: zoom must be at least 1");
    assert!(high > low, "write_png: the scale {low}..{high} is empty");
    let (rows, columns) = field.dim();
    let too_big = || io::Error::new(io::ErrorKind::InvalidInput, "the picture is too large for a PNG");
    let width = u32::try_from(columns)
        .ok()
        .and_then(|c| c.checked_mul(zoom))
        .ok_or_else(too_big)?;
    let height = u32::try_from(rows)
        .ok()
        .and_then(|r| r.checked_mul(zoom))
        .ok_or_else(too_big)?;
    let pixels = rgb_pixels(field, low, high, zoom as usize);
    let partial = path.with_extension(format!("png.{}.partial", std::process::id()));
    match encode_png(&partial, width, height, &pixels) {
        Ok(()) => std::fs::rename(&partial, path),
        Err(error) => {
            // Leave no half-written file behind; the error says what went wrong.
            let _ = std::fs::remove_file(&partial);
            Err(error)
        }
    }
}

/// The RGB bytes of the picture, row after row: each value's colour `zoom` times
/// along a line, and each line `zoom` times.
fn rgb_pixels(field: ArrayView2<f64>, low: f64, high: f64, zoom: usize) -> Vec<u8> {
    let mut pixels = Vec::with_capacity(field.len() * zoom * zoom * 3);
    for row in field.rows() {
        let line: Vec<u8> = row
            .iter()
            .flat_map(|&value| colour((value - low) / (high - low)).repeat(zoom))
            .collect();
        for _ in 0..zoom {
            pixels.extend_from_slice(&line);
        }
    }
    pixels
}

/// Writes `pixels`, 8-bit RGB, `width` x `height`, as a PNG file at `path`.
fn encode_png(path: &Path, width: u32, height: u32, pixels: &[u8]) -> io::Result<()> {
    // No BufWriter: the encoder writes whole chunks, and a buffer's last flush, on
    // drop, would lose its error.
    let mut encoder = png::Encoder::new(File::create(path)?, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(pixels)?;
    writer.finish()?;
    Ok(())
}

/// The pictures of one program: where they go and the colour scale they share.
///
/// They go to `heat-pictures/<program>/` in the workspace's target directory
/// (`target/` unless `CARGO_TARGET_DIR` or cargo's configuration says otherwise): a
/// place the learner can open, that git ignores, and where each program has a folder
/// of its own. The target directory is found from the program itself, which cargo
/// builds into `<target>/debug/` or `<target>/release/`.
#[derive(Debug, Clone)]
pub struct Pictures {
    dir: PathBuf,
    relative: String,
    low: f64,
    high: f64,
}

/// Each grid point of a picture is a square of this many pixels a side.
const ZOOM: u32 = 2;

impl Pictures {
    /// Pictures of the program named `program` (its slug), coloured on the scale `low`
    /// (coldest) to `high` (hottest); creates their folder.
    ///
    /// # Panics
    ///
    /// If `high <= low`.
    pub fn new(program: &str, low: f64, high: f64) -> io::Result<Pictures> {
        assert!(high > low, "Pictures::new: the scale {low}..{high} is empty");
        let relative = format!("heat-pictures/{program}");
        let dir = target_dir()?.join(&relative);
        std::fs::create_dir_all(&dir)?;
        Ok(Pictures {
            dir,
            relative,
            low,
            high,
        })
    }

    /// Where the pictures go, relative to the target directory, the same on every
    /// machine: `heat-pictures/<program>`.
    pub fn folder(&self) -> &str {
        &self.relative
    }

    /// Writes the picture of `field` after `step` time steps into [`Pictures::folder`]
    /// and returns its file name, `step-00500.png`.
    pub fn write(&self, step: usize, field: ArrayView2<f64>) -> io::Result<String> {
        let name = format!("step-{step:05}.png");
        write_png(&self.dir.join(&name), field, self.low, self.high, ZOOM)?;
        Ok(name)
    }
}

/// The target directory that the running program was built into: the parent of the
/// `debug/` or `release/` folder that holds it.
fn target_dir() -> io::Result<PathBuf> {
    let exe = std::env::current_exe()?;
    exe.parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .ok_or_else(|| io::Error::other(format!("{} is not in a target directory", exe.display())))
}
