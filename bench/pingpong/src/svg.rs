//! The bandwidth plot, written as SVG by hand: log-log axes, one line per variant, a
//! legend. Hand-written because the figure is simple and the book needs a file that any
//! browser shows, without a plotting crate and its fonts in the build.

use crate::table::Measurement;
use crate::variants::Variant;
use std::fmt::Write;

const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 540.0;
/// The plotting area inside the margins, which hold the tick labels and axis titles.
const LEFT: f64 = 90.0;
const RIGHT: f64 = WIDTH - 40.0;
const TOP: f64 = 50.0;
const BOTTOM: f64 = HEIGHT - 70.0;
/// How far below `TOP` the legend box ends, with a margin.
const LEGEND_BOTTOM: f64 = 12.0 + 72.0 + 4.0;

/// How each variant's line is drawn, in [`Variant::ALL`] order.
struct Style {
    colour: &'static str,
    width: f64,
    dash: &'static str,
    legend: &'static str,
}

/// C is a wide grey band drawn first, rsmpi a thin orange line on top of it: where
/// the two coincide, as they should, both stay visible. Serde is dashed; the markers
/// differ too, so that the lines stay apart in grey print and for colour-blind readers.
const STYLES: [Style; 3] = [
    Style {
        colour: "#a0a0a0",
        width: 6.0,
        dash: "",
        legend: "C: MPI_Send/MPI_Recv (mpicc, via FFI)",
    },
    Style {
        colour: "#d95f02",
        width: 2.0,
        dash: "",
        legend: "rsmpi buffers: send/receive_into of &[f64]",
    },
    Style {
        colour: "#1b9e77",
        width: 2.0,
        dash: "7 4",
        legend: "serde objects: postcard Vec<f64> as bytes",
    },
];

/// A log-log plot of bandwidth (MB/s) against message size (bytes), one line per
/// variant: the table's bandwidth at the median time, which on a shared machine is
/// the bandwidth of the round trips nothing interrupted.
pub fn plot(measured: &[Measurement], title: &str) -> String {
    let points: Vec<Vec<(f64, f64)>> = Variant::ALL
        .iter()
        .map(|&v| {
            measured
                .iter()
                .map(|m| (m.bytes as f64, m.median_bandwidth(v)))
                .filter(|&(_, bw)| bw.is_finite() && bw > 0.0)
                .collect()
        })
        .collect();
    let all = points.iter().flatten();
    let (x_min, x_max) = bounds(
        all.clone().map(|p| p.0.log2()).collect(),
        |x| x.floor(),
        |x| x.ceil(),
    );
    let logs: Vec<f64> = all.map(|p| p.1.log10()).collect();
    let top = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (y_min, mut y_max) = bounds(logs, |y| y.floor(), |y| y.ceil());
    // Decades of headroom until the highest point is below the legend, which then
    // never hides a line.
    let height = BOTTOM - TOP;
    while top.is_finite() && height * (y_max - top) / (y_max - y_min) < LEGEND_BOTTOM {
        y_max += 1.0;
    }
    let sx = |bytes: f64| LEFT + (bytes.log2() - x_min) / (x_max - x_min) * (RIGHT - LEFT);
    let sy = |mbs: f64| BOTTOM - (mbs.log10() - y_min) / (y_max - y_min) * (BOTTOM - TOP);

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="13">"#
    );
    let _ = writeln!(svg, r#"<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>"#);
    let _ = writeln!(
        svg,
        r#"<text x="{}" y="28" text-anchor="middle" font-size="16">{}</text>"#,
        (LEFT + RIGHT) / 2.0,
        esc(title)
    );

    // Vertical grid and size labels: every power of 2, or every k-th one so that at
    // most ten labels fit under the axis (8 B to 16 MiB: every third, 8 B, 64 B, ...).
    let powers = (x_max - x_min) as i32 + 1;
    let step = (powers + 9) / 10;
    for p in (x_min as i32..=x_max as i32).filter(|p| (p - x_min as i32) % step == 0) {
        let x = sx(2f64.powi(p));
        let _ = writeln!(
            svg,
            r##"<line x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{BOTTOM}" stroke="#dddddd"/>"##
        );
        let _ = writeln!(
            svg,
            r#"<text x="{x:.1}" y="{}" text-anchor="middle">{}</text>"#,
            BOTTOM + 20.0,
            size_label(1u64 << p)
        );
    }
    // Horizontal grid: a labelled line per decade, faint ones at 2..9 times it.
    for e in y_min as i32..=y_max as i32 {
        let decade = 10f64.powi(e);
        let y = sy(decade);
        let _ = writeln!(
            svg,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{RIGHT}" y2="{y:.1}" stroke="#cccccc"/>"##
        );
        let _ = writeln!(
            svg,
            r#"<text x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            LEFT - 8.0,
            y + 4.0,
            decade_label(e)
        );
        if e < y_max as i32 {
            for k in 2..10 {
                let y = sy(decade * f64::from(k));
                let _ = writeln!(
                    svg,
                    r##"<line x1="{LEFT}" y1="{y:.1}" x2="{RIGHT}" y2="{y:.1}" stroke="#f0f0f0"/>"##
                );
            }
        }
    }
    let _ = writeln!(
        svg,
        r#"<rect x="{LEFT}" y="{TOP}" width="{}" height="{}" fill="none" stroke="black"/>"#,
        RIGHT - LEFT,
        BOTTOM - TOP
    );
    let _ = writeln!(
        svg,
        r#"<text x="{}" y="{}" text-anchor="middle">Message size (bytes, log scale)</text>"#,
        (LEFT + RIGHT) / 2.0,
        HEIGHT - 22.0
    );
    let _ = writeln!(
        svg,
        r#"<text transform="translate(24 {}) rotate(-90)" text-anchor="middle">Bandwidth [MB/s] at the median time (log scale)</text>"#,
        (TOP + BOTTOM) / 2.0
    );

    for (i, (line, style)) in points.iter().zip(&STYLES).enumerate() {
        let coords: Vec<String> = line
            .iter()
            .map(|&(b, bw)| format!("{:.1},{:.1}", sx(b), sy(bw)))
            .collect();
        let _ = writeln!(
            svg,
            r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="{}" stroke-dasharray="{}"/>"#,
            coords.join(" "),
            style.colour,
            style.width,
            style.dash
        );
        for &(b, bw) in line {
            svg.push_str(&marker(i, sx(b), sy(bw), style.colour));
        }
    }

    // The legend, top left, in the headroom left for it above the lines.
    let (lx, ly) = (LEFT + 12.0, TOP + 12.0);
    let _ = writeln!(
        svg,
        r##"<rect x="{lx}" y="{ly}" width="330" height="72" fill="white" stroke="#999999"/>"##
    );
    for (i, style) in STYLES.iter().enumerate() {
        let y = ly + 18.0 + 20.0 * i as f64;
        let _ = writeln!(
            svg,
            r#"<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{}" stroke-width="{}" stroke-dasharray="{}"/>"#,
            lx + 10.0,
            lx + 40.0,
            style.colour,
            style.width,
            style.dash
        );
        svg.push_str(&marker(i, lx + 25.0, y, style.colour));
        let _ = writeln!(
            svg,
            r#"<text x="{}" y="{}">{}</text>"#,
            lx + 50.0,
            y + 4.0,
            esc(style.legend)
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// The smallest and largest of `values`, rounded outwards (to whole powers) by `down`
/// and `up`, and kept at least one power apart so that the scale never divides by 0.
fn bounds(values: Vec<f64>, down: fn(f64) -> f64, up: fn(f64) -> f64) -> (f64, f64) {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    let (lo, hi) = (down(lo), up(hi));
    (lo, if hi > lo { hi } else { lo + 1.0 })
}

/// A circle, a square or a triangle: the variant's marker, centred on (x, y).
fn marker(variant: usize, x: f64, y: f64, colour: &str) -> String {
    match variant {
        0 => format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="5.5" fill="{colour}"/>"#) + "\n",
        1 => {
            format!(
                r#"<rect x="{:.1}" y="{:.1}" width="7" height="7" fill="{colour}"/>"#,
                x - 3.5,
                y - 3.5
            ) + "\n"
        }
        _ => {
            format!(
                r#"<polygon points="{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="{colour}"/>"#,
                x,
                y - 4.5,
                x - 4.5,
                y + 3.5,
                x + 4.5,
                y + 3.5
            ) + "\n"
        }
    }
}

/// `8 B`, `4 KiB`, `16 MiB`: sizes as the book writes them.
fn size_label(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 && b % (1 << 30) == 0 => format!("{} GiB", b >> 30),
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} B"),
    }
}

/// 10^e written out: `0.01`, `1`, `1000`.
fn decade_label(e: i32) -> String {
    let decimals = usize::try_from(-e).unwrap_or(0);
    format!("{:.decimals$}", 10f64.powi(e))
}

/// Text made safe inside SVG elements.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(bytes: usize, c: f64) -> Measurement {
        Measurement {
            bytes,
            per_round: 2,
            times: [vec![c; 4], vec![c * 1.01; 4], vec![c * 3.0; 4]],
        }
    }

    #[test]
    fn the_plot_has_three_lines_a_legend_and_labelled_log_axes() {
        let svg = plot(&[at(8, 1e-6), at(1 << 20, 1e-4), at(16 << 20, 5e-3)], "Ping-pong");
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{svg}"
        );
        assert!(svg.ends_with("</svg>\n"));
        assert_eq!(svg.matches("<polyline").count(), 3);
        // Three points per line, plus one marker per legend entry.
        assert_eq!(svg.matches("<circle").count(), 4);
        assert_eq!(svg.matches("<polygon").count(), 4);
        assert!(svg.contains("rsmpi buffers: send/receive_into of &amp;[f64]"));
        assert!(svg.contains(">8 B<") && svg.contains(">16 MiB<"), "{svg}");
        assert!(svg.contains("Bandwidth [MB/s]") && svg.contains("Message size"));
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
    }

    #[test]
    fn a_single_point_still_makes_a_plot() {
        let svg = plot(&[at(64, 1e-6)], "one size");
        assert!(svg.contains(">64 B<") && !svg.contains("NaN"), "{svg}");
    }

    #[test]
    fn labels() {
        assert_eq!(size_label(8), "8 B");
        assert_eq!(size_label(1536), "1536 B");
        assert_eq!(size_label(64 << 10), "64 KiB");
        assert_eq!(size_label(16 << 20), "16 MiB");
        assert_eq!(decade_label(-2), "0.01");
        assert_eq!(decade_label(0), "1");
        assert_eq!(decade_label(4), "10000");
        assert_eq!(esc("a<b & c"), "a&lt;b &amp; c");
    }
}
