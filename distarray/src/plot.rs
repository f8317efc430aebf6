//! A picture of a distribution: every element coloured by the rank that owns it, as
//! DistArray's `plot_array_distribution` draws it (with `cell_label=False,
//! legend=True`), written as an SVG document.
//!
//! The picture depends on the distribution only, not on the data, so it is drawn
//! without MPI: every rank (or a program with no MPI at all) can compute every owner.
//! The colours are DistArray's: matplotlib's "jet" colour map sampled at as many
//! evenly spaced points as there are ranks (dark blue, cyan, yellow, dark red for
//! four). The SVG text is deterministic, so a picture in the book can be checked
//! against the command that makes it (`distarray-plots`).
//!
//! ```
//! use distarray::maps::{Dist, Distribution};
//! use distarray::plot::plot_array_distribution;
//!
//! let svg = plot_array_distribution(&Distribution::new([4, 5], [Dist::Block, Dist::Undistributed], 4));
//! assert!(svg.starts_with("<svg"));
//! assert_eq!(svg.matches("<rect").count(), 1 + 4 + 1 + 4); // background, rows, frame, legend
//! ```

use std::fmt::Write;

use crate::maps::{Dist::*, Distribution};

/// Space around the array for the tick labels, in pixels.
const MARGIN: usize = 40;
/// The width of the legend's colour bar.
const BAR: usize = 20;
/// Room right of the bar for rank numbers and the legend's title.
const LEGEND_TEXT: usize = 60;

/// The pictures the distributed-arrays chapter shows, as (file name, SVG text): the
/// notebook's two plots (the 4×5 array in block rows on 4 ranks, the 64×64 array in
/// (block, cyclic) on a 2×2 grid), and the four distributions of the Julia-set table
/// on 4 ranks, drawn on a 16×16 array. `distarray-plots` writes them to files.
pub fn chapter_pictures() -> Vec<(&'static str, String)> {
    let pictures = [
        ("dist-4x5-b-n.svg", [4, 5], [Block, Undistributed]),
        ("dist-64x64-b-c.svg", [64, 64], [Block, Cyclic]),
        ("dist-16x16-b-n.svg", [16, 16], [Block, Undistributed]),
        ("dist-16x16-c-n.svg", [16, 16], [Cyclic, Undistributed]),
        ("dist-16x16-b-b.svg", [16, 16], [Block, Block]),
        ("dist-16x16-c-c.svg", [16, 16], [Cyclic, Cyclic]),
    ];
    pictures
        .into_iter()
        .map(|(name, shape, dists)| (name, plot_array_distribution(&Distribution::new(shape, dists, 4))))
        .collect()
}

/// The SVG picture of `distribution`: one cell per element, coloured by its owner's
/// rank, index labels on the top and left edges, and a legend of ranks.
pub fn plot_array_distribution(distribution: &Distribution) -> String {
    let [rows, cols] = distribution.shape();
    let cell = (480 / rows.max(cols).max(1)).clamp(4, 48);
    let (width, height) = (cols * cell, rows * cell);
    let total_width = MARGIN + width + MARGIN / 2 + BAR + LEGEND_TEXT;
    let total_height = MARGIN + height + MARGIN / 2;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{total_width}\" height=\"{total_height}\" \
         viewBox=\"0 0 {total_width} {total_height}\" font-family=\"sans-serif\" font-size=\"12\">\n\
         <rect width=\"{total_width}\" height=\"{total_height}\" fill=\"white\"/>\n"
    );
    svg += &cells(distribution, cell);
    svg += &format!(
        "<rect x=\"{MARGIN}\" y=\"{MARGIN}\" width=\"{width}\" height=\"{height}\" fill=\"none\" stroke=\"black\"/>\n"
    );
    svg += &tick_labels(rows, cols, cell);
    svg += &legend(distribution.targets(), MARGIN + width + MARGIN / 2, height);
    svg += "</svg>\n";
    svg
}

/// The coloured cells. Runs of cells with one owner along a row become one rectangle,
/// and consecutive rows with the same runs become one taller rectangle: a block-row
/// array is a rectangle per rank, not one per element.
fn cells(distribution: &Distribution, cell: usize) -> String {
    let [rows, cols] = distribution.shape();
    let targets = distribution.targets();
    let colour_index = |i, j| {
        let (rank, _) = distribution.owner([i, j]);
        targets
            .iter()
            .position(|&t| t == rank)
            .expect("owners are targets")
    };
    let row_runs = |i| runs((0..cols).map(|j| colour_index(i, j)));
    let mut svg = String::new();
    let mut first = 0;
    while first < rows {
        let runs = row_runs(first);
        let last = (first + 1..rows).find(|&i| row_runs(i) != runs).unwrap_or(rows);
        for (start, len, index) in runs {
            let (x, y) = (MARGIN + start * cell, MARGIN + first * cell);
            let (w, h) = (len * cell, (last - first) * cell);
            let fill = colour(index, targets.len());
            writeln!(
                svg,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" fill=\"{fill}\"/>"
            )
            .expect("writing to a String cannot fail");
        }
        first = last;
    }
    svg
}

/// Runs of equal values: (start, length, value).
fn runs(values: impl Iterator<Item = usize>) -> Vec<(usize, usize, usize)> {
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    for (position, value) in values.enumerate() {
        match runs.last_mut() {
            Some((_, len, last)) if *last == value => *len += 1,
            _ => runs.push((position, 1, value)),
        }
    }
    runs
}

/// Column indices above the array and row indices left of it: every index for small
/// arrays, every fifth or tenth for larger ones (as matplotlib's `matshow` labels them).
fn tick_labels(rows: usize, cols: usize, cell: usize) -> String {
    let step = |n: usize| match n {
        0..=10 => 1,
        11..=40 => 5,
        _ => 10,
    };
    let centre = |i: usize| MARGIN + i * cell + cell / 2;
    let mut svg = String::new();
    for j in (0..cols).step_by(step(cols)) {
        let (x, y) = (centre(j), MARGIN - 8);
        writeln!(svg, "<text x=\"{x}\" y=\"{y}\" text-anchor=\"middle\">{j}</text>").expect("String");
    }
    for i in (0..rows).step_by(step(rows)) {
        let (x, y) = (MARGIN - 8, centre(i) + 4);
        writeln!(svg, "<text x=\"{x}\" y=\"{y}\" text-anchor=\"end\">{i}</text>").expect("String");
    }
    svg
}

/// The legend: a colour bar with one box per rank, rank 0 at the bottom as in
/// matplotlib's colour bar, and the title "Processor".
fn legend(targets: &[usize], left: usize, height: usize) -> String {
    let n = targets.len();
    let box_height = height / n;
    let bottom = MARGIN + box_height * n;
    let mut svg = String::new();
    for (index, rank) in targets.iter().enumerate() {
        let y = bottom - (index + 1) * box_height;
        let fill = colour(index, n);
        writeln!(
            svg,
            "<rect x=\"{left}\" y=\"{y}\" width=\"{BAR}\" height=\"{box_height}\" fill=\"{fill}\"/>\n\
             <text x=\"{}\" y=\"{}\">{rank}</text>",
            left + BAR + 4,
            y + box_height / 2 + 4
        )
        .expect("String");
    }
    let (x, y) = (left + BAR + 40, MARGIN + box_height * n / 2);
    writeln!(
        svg,
        "<text x=\"{x}\" y=\"{y}\" text-anchor=\"middle\" transform=\"rotate(90 {x} {y})\">Processor</text>"
    )
    .expect("String");
    svg
}

/// The colour of the `index`-th of `n` ranks: matplotlib's "jet" at `index / (n - 1)`,
/// as `#rrggbb`.
fn colour(index: usize, n: usize) -> String {
    let x = if n > 1 { index as f64 / (n - 1) as f64 } else { 0.0 };
    let [r, g, b] = JET.map(|points| (interpolate(points, x) * 255.0).round() as u8);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Matplotlib's "jet": for red, green and blue, the (position, intensity) points
/// between which the intensity changes linearly.
const JET: [&[(f64, f64)]; 3] = [
    &[(0.0, 0.0), (0.35, 0.0), (0.66, 1.0), (0.89, 1.0), (1.0, 0.5)],
    &[
        (0.0, 0.0),
        (0.125, 0.0),
        (0.375, 1.0),
        (0.64, 1.0),
        (0.91, 0.0),
        (1.0, 0.0),
    ],
    &[(0.0, 0.5), (0.11, 1.0), (0.34, 1.0), (0.65, 0.0), (1.0, 0.0)],
];

/// The piecewise-linear function through `points` (sorted by position, from 0 to 1)
/// at `x`.
fn interpolate(points: &[(f64, f64)], x: f64) -> f64 {
    let segment = points
        .windows(2)
        .find(|w| x <= w[1].0)
        .unwrap_or(&points[points.len() - 2..]);
    let [(x0, y0), (x1, y1)] = [segment[0], segment[1]];
    y0 + (y1 - y0) * (x - x0) / (x1 - x0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// DistArray's four colours, and its remark that cyan and yellow are light.
    #[test]
    fn four_ranks_get_jets_dark_blue_cyan_yellow_and_dark_red() {
        let colours: Vec<String> = (0..4).map(|i| colour(i, 4)).collect();
        assert_eq!(colours, ["#000080", "#00d4ff", "#ffe600", "#800000"]);
        assert_eq!(colour(0, 1), "#000080");
    }

    #[test]
    fn the_chapter_pictures_are_six_svg_documents() {
        let pictures = chapter_pictures();
        assert_eq!(pictures.len(), 6);
        for (name, svg) in &pictures {
            assert!(name.ends_with(".svg") && svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
        }
        assert_eq!(pictures, chapter_pictures(), "the same text every time");
    }

    #[test]
    fn runs_group_equal_neighbours() {
        assert_eq!(
            runs([0, 0, 1, 1, 1, 0].into_iter()),
            [(0, 2, 0), (2, 3, 1), (5, 1, 0)]
        );
    }

    #[test]
    fn the_4x5_picture_has_a_rectangle_per_row() {
        let svg = plot_array_distribution(&Distribution::new([4, 5], [Block, Undistributed], 4));
        // 48-pixel cells: rank 2's row starts 2 rows down.
        assert!(svg.contains("<rect x=\"40\" y=\"136\" width=\"240\" height=\"48\" fill=\"#ffe600\"/>"));
        assert!(svg.contains(">Processor</text>"));
        assert_eq!(svg.matches("<text").count(), 5 + 4 + 4 + 1);
    }

    /// (block, cyclic) on 2×2: every column is one rank's in each half of the rows.
    #[test]
    fn the_64x64_picture_has_a_rectangle_per_column_and_row_block() {
        let svg = plot_array_distribution(&Distribution::new([64, 64], [Block, Cyclic], 4));
        assert_eq!(svg.matches("<rect").count(), 1 + 128 + 1 + 4);
        // 7-pixel cells; column 1 of the lower half is rank 3's.
        assert!(svg.contains("<rect x=\"47\" y=\"264\" width=\"7\" height=\"224\" fill=\"#800000\"/>"));
    }
}
