//! What the run prints and draws: the machine, the Markdown table, the goals of the
//! issue and the bar chart. The chart is SVG written by hand, as bench/pingpong's is:
//! a few rectangles and labels, which any browser shows, without a plotting crate.

use crate::kernels::Variant;
use std::fmt::Write;

/// The machine the run is on, as far as the operating system tells (Linux's /proc;
/// elsewhere the host and CPU say "unknown").
pub struct Machine {
    host: String,
    cpu: String,
    cores: usize,
    load_at_start: String,
}

impl Machine {
    pub fn here() -> Machine {
        let read = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
        let host = read("/proc/sys/kernel/hostname").trim().to_string();
        let cpu = read("/proc/cpuinfo")
            .lines()
            .find_map(|l| {
                l.strip_prefix("model name")?
                    .split_once(':')
                    .map(|(_, m)| m.trim().to_string())
            })
            .unwrap_or_default();
        let or_unknown = |s: String| if s.is_empty() { "unknown".to_string() } else { s };
        Machine {
            host: or_unknown(host),
            cpu: or_unknown(cpu),
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            load_at_start: load_average(),
        }
    }

    /// One line: host, CPU, cores, and the load average at the start and now.
    pub fn describe(&self) -> String {
        format!(
            "host {}: {}, {} cores; load average {} at the start, {} at the end",
            self.host,
            self.cpu,
            self.cores,
            self.load_at_start,
            load_average()
        )
    }
}

/// The 1-, 5- and 15-minute load averages, as `uptime` prints them.
fn load_average() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let loads: Vec<&str> = text.split_whitespace().take(3).collect();
    if loads.len() == 3 {
        loads.join(", ")
    } else {
        "unknown".to_string()
    }
}

/// One row of the table: a variant and its median time per fill, or why it has none.
pub struct Row {
    pub name: &'static str,
    pub what: &'static str,
    pub median: Option<f64>,
    pub runs: usize,
    pub note: String,
}

impl Row {
    pub fn measured(name: &'static str, what: &'static str, seconds: &[f64]) -> Row {
        Row {
            name,
            what,
            median: median(seconds),
            runs: seconds.len(),
            note: String::new(),
        }
    }

    pub fn not_measured(name: &'static str, what: &'static str, why: &str) -> Row {
        Row {
            name,
            what,
            median: None,
            runs: 0,
            note: why.to_string(),
        }
    }
}

/// The rows, with the fastest median to compare with.
pub struct Rows {
    rows: Vec<Row>,
    fastest: f64,
}

impl Rows {
    pub fn new(rows: Vec<Row>) -> Rows {
        let fastest = rows.iter().filter_map(|r| r.median).fold(f64::INFINITY, f64::min);
        Rows { rows, fastest }
    }

    /// The table as Markdown, as the book shows it. `points` is N * N.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        out.push_str("| variant | what it does | median per fill | × fastest | runs |\n");
        out.push_str("|---|---|---:|---:|---:|\n");
        for r in &self.rows {
            let (time, ratio) = match r.median {
                Some(m) => (duration(m), format!("{:.2}", m / self.fastest)),
                None => ("–".to_string(), "–".to_string()),
            };
            let what = if r.note.is_empty() {
                r.what.to_string()
            } else {
                format!("{}; {}", r.what, r.note)
            };
            let _ = writeln!(out, "| {} | {what} | {time} | {ratio} | {} |", r.name, r.runs);
        }
        out
    }
}

/// The median; None for no samples.
pub fn median(xs: &[f64]) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    let mut sorted = xs.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    Some(if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    })
}

/// A time with three significant digits in s, ms, µs or ns.
pub fn duration(seconds: f64) -> String {
    let (value, unit) = if seconds >= 1.0 {
        (seconds, "s")
    } else if seconds >= 1e-3 {
        (seconds * 1e3, "ms")
    } else if seconds >= 1e-6 {
        (seconds * 1e6, "µs")
    } else {
        (seconds * 1e9, "ns")
    };
    let decimals = if value >= 100.0 {
        0
    } else if value >= 10.0 {
        1
    } else {
        2
    };
    format!("{value:.decimals$} {unit}")
}

/// The issue's two goals, checked on the Rust and C times (one per round, in
/// [`Variant::ALL`] order).
pub struct Goals {
    pub lines: Vec<String>,
}

pub fn goals(times: &[Vec<f64>]) -> Goals {
    let med = |v: Variant| median(&times[v as usize]).unwrap_or(f64::NAN);
    let boxed = med(Variant::Boxed);
    let not_inlined = boxed / med(Variant::NotInlined);
    let inlined = boxed / med(Variant::Inlined);
    let rust = [
        Variant::NotInlined,
        Variant::Inlined,
        Variant::Ndarray,
        Variant::Iterators,
        Variant::Unchecked,
    ];
    let best = rust
        .iter()
        .copied()
        .min_by(|&a, &b| med(a).total_cmp(&med(b)))
        .unwrap_or(Variant::Inlined);
    // The ratio of times taken in the same round, a moment apart; then the median.
    let paired: Vec<f64> = times[best as usize]
        .iter()
        .zip(&times[Variant::C as usize])
        .map(|(r, c)| r / c)
        .collect();
    let to_c = median(&paired).unwrap_or(f64::NAN);
    let verdict = |ok: bool| if ok { "met" } else { "NOT met" };
    Goals {
        lines: vec![
            format!(
                "Static types against boxed dynamic: {not_inlined:.0} times faster not inlined, {inlined:.0} times inlined (goal: at least 50; {})",
                verdict(not_inlined >= 50.0)
            ),
            format!(
                "Best Rust ({}) against C -O3: {to_c:.3} times C's time, median of per-round ratios (goal: within 10 %; {})",
                best.name(),
                verdict((to_c - 1.0).abs() <= 0.10)
            ),
        ],
    }
}

const WIDTH: f64 = 760.0;
const LABELS: f64 = 250.0;
const RIGHT: f64 = WIDTH - 90.0;
const TOP: f64 = 60.0;
const BAR: f64 = 22.0;
const GAP: f64 = 12.0;

/// A horizontal bar per row, its length the median time per fill on a log scale;
/// rows not measured keep their place with a note. Dynamic values (boxed, Python) are
/// orange, Rust with static types green, C grey.
pub fn svg(rows: &Rows, title: &str) -> String {
    let logs: Vec<f64> = rows
        .rows
        .iter()
        .filter_map(|r| r.median)
        .map(f64::log10)
        .collect();
    let lo = logs.iter().copied().fold(f64::INFINITY, f64::min).floor();
    let mut hi = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max).ceil();
    if !lo.is_finite() || !hi.is_finite() {
        return empty_svg(title);
    }
    if hi <= lo {
        hi = lo + 1.0;
    }
    let sx = |seconds: f64| LABELS + (seconds.log10() - lo) / (hi - lo) * (RIGHT - LABELS);
    let bottom = TOP + rows.rows.len() as f64 * (BAR + GAP);
    let height = bottom + 50.0;

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="13">"#
    );
    let _ = writeln!(svg, r#"<rect width="{WIDTH}" height="{height}" fill="white"/>"#);
    let _ = writeln!(
        svg,
        r#"<text x="{}" y="26" text-anchor="middle" font-size="15">{}</text>"#,
        WIDTH / 2.0,
        esc(title)
    );
    for e in lo as i32..=hi as i32 {
        let x = sx(10f64.powi(e));
        let _ = writeln!(
            svg,
            r##"<line x1="{x:.1}" y1="{}" x2="{x:.1}" y2="{bottom}" stroke="#cccccc"/>"##,
            TOP - 6.0
        );
        let _ = writeln!(
            svg,
            r#"<text x="{x:.1}" y="{}" text-anchor="middle">{}</text>"#,
            bottom + 18.0,
            esc(&decade(e))
        );
    }
    let _ = writeln!(
        svg,
        r#"<text x="{}" y="{}" text-anchor="middle">median time per fill (log scale)</text>"#,
        (LABELS + RIGHT) / 2.0,
        bottom + 40.0
    );
    for (k, r) in rows.rows.iter().enumerate() {
        let y = TOP + k as f64 * (BAR + GAP);
        let mid = y + BAR / 2.0 + 4.5;
        let _ = writeln!(
            svg,
            r#"<text x="{}" y="{mid:.1}" text-anchor="end">{}</text>"#,
            LABELS - 8.0,
            esc(r.name)
        );
        match r.median {
            Some(m) => {
                let colour = if r.name == Variant::C.name() {
                    "#7f7f7f"
                } else if r.name == Variant::Boxed.name()
                    || r.name.contains("Python")
                    || r.name.contains("NumPy")
                {
                    "#d95f02"
                } else {
                    "#1b9e77"
                };
                let end = sx(m);
                let _ = writeln!(
                    svg,
                    r#"<rect x="{LABELS}" y="{y:.1}" width="{:.1}" height="{BAR}" fill="{colour}"/>"#,
                    (end - LABELS).max(1.0)
                );
                let _ = writeln!(
                    svg,
                    r#"<text x="{:.1}" y="{mid:.1}">{} ({}×)</text>"#,
                    end + 6.0,
                    esc(&duration(m)),
                    times(m / rows.fastest)
                );
            }
            None => {
                let _ = writeln!(
                    svg,
                    r##"<text x="{}" y="{mid:.1}" fill="#888888">{}</text>"##,
                    LABELS + 6.0,
                    esc(&r.note)
                );
            }
        }
    }
    svg.push_str("</svg>\n");
    svg
}

fn empty_svg(title: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"60\"><text x=\"10\" y=\"30\">{}: nothing measured</text></svg>\n",
        esc(title)
    )
}

/// A decade's label: 1 µs, 10 µs, 100 µs, 1 ms, ...
fn decade(e: i32) -> String {
    let units = [(-9, "ns"), (-6, "µs"), (-3, "ms"), (0, "s")];
    let (base, unit) = units
        .iter()
        .rev()
        .find(|(b, _)| e >= *b)
        .copied()
        .unwrap_or((-9, "ns"));
    format!("{} {unit}", 10u64.pow((e - base) as u32))
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A ratio to the fastest for the chart: two decimals below 10 (1.24×), whole above (81×).
fn times(ratio: f64) -> String {
    if ratio < 10.0 {
        format!("{ratio:.2}")
    } else {
        format!("{ratio:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_decades_read_well() {
        assert_eq!(duration(2.71), "2.71 s");
        assert_eq!(duration(0.0202), "20.2 ms");
        assert_eq!(duration(0.0024), "2.40 ms");
        assert_eq!(duration(0.000_512), "512 µs");
        assert_eq!(
            (decade(-3), decade(-2), decade(0), decade(1)),
            ("1 ms".into(), "10 ms".into(), "1 s".into(), "10 s".into())
        );
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn table_and_chart_show_unmeasured_rows() {
        let rows = Rows::new(vec![
            Row::measured("C -O3", "C", &[0.002, 0.003, 0.002]),
            Row::measured("boxed dynamic", "boxes", &[0.4]),
            Row::not_measured(
                "NumPy, vectorized",
                "arrays",
                "not measured: python3 cannot import numpy",
            ),
        ]);
        let md = rows.markdown();
        assert!(md.contains("| C -O3 | C | 2.00 ms | 1.00 | 3 |"), "{md}");
        assert!(
            md.contains("| boxed dynamic | boxes | 400 ms | 200.00 | 1 |"),
            "{md}"
        );
        assert!(
            md.contains("not measured: python3 cannot import numpy | – | – | 0 |"),
            "{md}"
        );
        let chart = svg(&rows, "t");
        assert!(chart.starts_with("<svg") && chart.ends_with("</svg>\n"));
        assert!(chart.contains("not measured") && chart.contains("1 ms") && chart.contains("1 s"));
    }
}
