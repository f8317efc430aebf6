//! The heat-equation capstone's shared pieces: the field file read and written back,
//! the numbers the programs print, the colour map and the pictures, and the course's
//! own `bottle.dat`.

use hpckit::heat::{
    self, average, checksum, colour, format_field, min_max, parse_field, read_field, write_png,
};
use ndarray::{array, Array2, ShapeBuilder};
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

/// A folder of this test binary's own under the system's temporary folder.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hpckit-heat-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_field_file_reads_back_what_was_written_to_the_last_bit() {
    let field = Array2::from_shape_fn((3, 4), |(i, j)| (i * 4 + j) as f64 / 3.0 - 1e-300);
    let text = format_field(field.view());
    assert!(text.starts_with("# 3 4\n"), "{text}");
    let back = parse_field(&text).unwrap();
    assert_eq!(back.dim(), (3, 4));
    assert!(back.iter().zip(&field).all(|(a, b)| a.to_bits() == b.to_bits()));
}

#[test]
fn the_format_of_csc_bottle_dat_is_read_with_blank_lines_at_the_end() {
    let text = "# 2 3\n95.000000 95.000000 95.000000\n95.000000 6.000000 95.000000\n\n";
    assert_eq!(
        parse_field(text).unwrap(),
        array![[95.0, 95.0, 95.0], [95.0, 6.0, 95.0]]
    );
}

#[test]
fn a_broken_file_is_refused_with_its_line_and_what_is_wrong() {
    let cases = [
        ("", "line 1: the file is empty"),
        ("2 3\n", "line 1: expected the header `# rows columns`"),
        ("# 2\n", "line 1: expected the header `# rows columns`"),
        ("# 2 0\n", "line 1: expected the header `# rows columns`"),
        ("# 2 3 4\n", "line 1: expected the header `# rows columns`"),
        ("# 2 2\n1 2\n3\n", "line 3: expected 2 numbers, found 1"),
        ("# 2 2\n1 2\n3 x\n", "line 3: \"x\" is not a number"),
        (
            "# 2 2\n1 2\n",
            "line 2: the header declares 2 rows, the file has 1",
        ),
        (
            "# 1 2\n1 2\n3 4\n",
            "line 3: more than the 1 rows the header declares",
        ),
    ];
    for (text, expected) in cases {
        let error = parse_field(text).unwrap_err().to_string();
        assert!(error.starts_with(expected), "{text:?}: {error}");
    }
}

#[test]
fn a_missing_file_is_named_in_the_error() {
    let error = read_field("/no/such/bottle.dat").unwrap_err().to_string();
    assert!(error.starts_with("cannot read /no/such/bottle.dat: "), "{error}");
}

#[test]
fn the_average_sums_in_row_major_order_whatever_the_layout() {
    // The same values in a row-major and in a column-major array: the same average to
    // the last bit, summed one value after the other in row-major order.
    let value = |i: usize, j: usize| 0.1 * (i * 4 + j) as f64;
    let rows = Array2::from_shape_fn((3, 4), |(i, j)| value(i, j));
    let columns = Array2::from_shape_fn((3, 4).f(), |(i, j)| value(i, j));
    assert!(!columns.is_standard_layout());
    assert_eq!(average(rows.view()).to_bits(), average(columns.view()).to_bits());
    let sequential = rows.iter().fold(0.0, |sum, x| sum + x) / 12.0;
    assert_eq!(average(rows.view()).to_bits(), sequential.to_bits());
}

#[test]
fn the_checksum_sees_one_bit_and_the_order_of_the_values() {
    let field = Array2::from_shape_fn((5, 7), |(i, j)| 20.0 + (i * 7 + j) as f64);
    let same = field.clone();
    assert_eq!(checksum(field.view()), checksum(same.view()));
    // A transposed view walks the values in another order.
    let square = Array2::from_shape_fn((4, 4), |(i, j)| (i * 4 + j) as f64);
    assert_ne!(checksum(square.view()), checksum(square.t()));
    // One unit in the last place of one value.
    let mut nudged = field.clone();
    nudged[[3, 2]] = f64::from_bits(nudged[[3, 2]].to_bits() + 1);
    assert_ne!(checksum(field.view()), checksum(nudged.view()));
    // Known value: FNV-1a of the eight bytes of 0.0 (all zero).
    let expected = (0..8).fold(0xcbf2_9ce4_8422_2325_u64, |h, _| {
        h.wrapping_mul(0x0000_0100_0000_01b3)
    });
    assert_eq!(checksum(Array2::<f64>::zeros((1, 1)).view()), expected);
}

#[test]
fn min_max_finds_the_coldest_and_hottest_values() {
    assert_eq!(min_max(array![[20.0, 80.0], [-5.5, 50.0]].view()), (-5.5, 80.0));
}

#[test]
fn the_colour_map_runs_from_dark_blue_to_dark_red_and_clamps() {
    let (cold, hot) = (colour(0.0), colour(1.0));
    assert!(cold[2] > cold[0] && cold[2] > cold[1], "{cold:?} is not blue");
    assert!(hot[0] > hot[1] && hot[0] > hot[2], "{hot:?} is not red");
    assert_eq!(colour(-3.0), cold);
    assert_eq!(colour(7.0), hot);
    assert_eq!(colour(f64::NAN), cold);
    // The middle is pale: every channel bright.
    assert!(colour(0.5).iter().all(|&c| c > 190), "{:?}", colour(0.5));
}

#[test]
fn a_picture_has_the_field_s_shape_zoomed_and_its_colours() {
    let dir = scratch("png");
    let path = dir.join("field.png");
    let field = array![[20.0, 80.0, 20.0], [50.0, 20.0, 80.0]];
    write_png(&path, field.view(), 20.0, 80.0, 2).unwrap();

    let decoder = png::Decoder::new(BufReader::new(File::open(&path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((info.width, info.height), (6, 4));
    assert_eq!(info.color_type, png::ColorType::Rgb);
    let pixel = |x: usize, y: usize| -> [u8; 3] {
        let at = (y * 6 + x) * 3;
        [pixels[at], pixels[at + 1], pixels[at + 2]]
    };
    // Row 0 on top, each value a 2 x 2 square.
    for (y, x) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
        assert_eq!(pixel(x, y), colour(0.0));
    }
    assert_eq!(pixel(3, 1), colour(1.0));
    assert_eq!(pixel(0, 2), colour(0.5));
    assert_eq!(pixel(5, 3), colour(1.0));
    // Nothing is left behind but the picture.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["field.png"]);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_course_bottle_is_a_hot_bottle_in_cold_air() {
    let field = read_field(heat::BOTTLE_PATH).unwrap();
    // 199 rows, a prime: 2, 3 and 4 ranks all get blocks of different sizes.
    assert_eq!(field.dim(), (199, 160));
    assert_eq!(min_max(field.view()), (20.0, 80.0));
    // The edges, which the programs hold fixed, are all air.
    let (rows, columns) = field.dim();
    for i in 0..rows {
        assert_eq!((field[[i, 0]], field[[i, columns - 1]]), (20.0, 20.0), "row {i}");
    }
    for j in 0..columns {
        assert_eq!((field[[0, j]], field[[rows - 1, j]]), (20.0, 20.0), "column {j}");
    }
    // Hot in the middle of the body, a warm cork on top, symmetric left and right.
    assert_eq!(field[[140, 80]], 80.0);
    assert_eq!(field[[20, 80]], 50.0);
    assert!(field
        .rows()
        .into_iter()
        .all(|row| row.iter().eq(row.iter().rev())));
}
