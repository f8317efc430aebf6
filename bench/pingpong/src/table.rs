//! The results, printed the way `python -m mpi4py.bench pingpong` prints them, so that
//! a learner can lay this table next to mpi4py's: one section per variant with mpi4py's
//! header and columns, then the median and the paired ratio against C.
//!
//! mpi4py's line is `f"{nbytes:10d}{bandwidth / 1e6:18.2f}"` then
//! `f" | {t_mean:.7e} ± {t_stdev:.4e} {loop:8d}"`: each sample is one round trip timed
//! with `MPI.Wtime()` and halved (the one-way time), and the bandwidth is the size
//! over the mean of the samples.

use crate::stats::{interquartile_mean, mean, quantile, stdev, PairedRatio};
use crate::variants::Variant;
use std::fmt::Write;

/// What one message size measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    /// The payload: `bytes / 8` f64s.
    pub bytes: usize,
    /// Round trips timed per round, of each variant (in two blocks).
    pub per_round: usize,
    /// One-way times in seconds (half a round trip), indexed by [`Variant::index`]:
    /// round 0's `per_round` samples, then round 1's, and so on.
    pub times: [Vec<f64>; 3],
}

impl Measurement {
    /// How many rounds were timed.
    pub fn rounds(&self) -> usize {
        self.times[0].len() / self.per_round
    }

    /// mpi4py's bandwidth: the size over the mean one-way time, in MB/s (10^6 B/s).
    pub fn bandwidth(&self, variant: Variant) -> f64 {
        self.bytes as f64 / mean(&self.times[variant.index()]) / 1e6
    }

    /// The median one-way time of `variant`: on a shared machine, the time of a round
    /// trip that nothing interrupted, where the mean also counts the interruptions.
    pub fn median(&self, variant: Variant) -> f64 {
        quantile(&self.times[variant.index()], 0.5)
    }

    /// The bandwidth at the median time, in MB/s: what the plot shows.
    pub fn median_bandwidth(&self, variant: Variant) -> f64 {
        self.bytes as f64 / self.median(variant) / 1e6
    }

    /// The time of `variant` in each round: the interquartile mean of its round trips.
    fn per_round(&self, variant: Variant) -> Vec<f64> {
        self.times[variant.index()]
            .chunks(self.per_round)
            .map(interquartile_mean)
            .collect()
    }

    /// The time of `variant` over the time of C, round by round.
    pub fn ratio_to_c(&self, variant: Variant) -> PairedRatio {
        PairedRatio::new(&self.per_round(variant), &self.per_round(Variant::C))
    }
}

/// Formats `x` as Python's `f"{x:.{digits}e}"`: Rust writes `1.5e-6`, Python
/// `1.5e-06` (a sign and at least two exponent digits).
pub fn py_exp(x: f64, digits: usize) -> String {
    if !x.is_finite() {
        return if x.is_nan() {
            "nan"
        } else if x > 0.0 {
            "inf"
        } else {
            "-inf"
        }
        .to_string();
    }
    let rust = format!("{x:.digits$e}");
    let (mantissa, exponent) = rust.split_once('e').expect("{:e} always writes an e");
    let exponent: i32 = exponent.parse().expect("{:e} writes an integer exponent");
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", exponent.unsigned_abs())
}

/// The whole report: a preamble that says how it was measured, one mpi4py-style
/// section per variant, and the verdict on the targets.
pub fn render(measured: &[Measurement], skip: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# 2 ranks. Per size: {skip} warm-up round(s), then the timed rounds; a round runs blocks of \
         round trips in the order C, rsmpi, serde, rsmpi, C, serde."
    );
    let _ = writeln!(
        out,
        "# Time: one way (half a round trip); Samples: round trips timed. vs C: per round, the time \
         over C's (interquartile means); the median of these ratios [quartiles]."
    );
    for variant in Variant::ALL {
        let _ = writeln!(out, "# MPI PingPong Test: {}", variant.description());
        let mut header = String::from(
            "# Size [B]  Bandwidth [MB/s] | Time Mean [s] \u{b1} StdDev [s]  Samples | Median [s] Bandwidth [MB/s]",
        );
        if variant != Variant::C {
            header.push_str(" | Rounds  vs C: median [quartiles]");
        }
        let _ = writeln!(out, "{header}");
        for m in measured {
            let _ = writeln!(out, "{}", row(m, variant));
        }
    }
    out.push_str(&verdict(measured));
    out
}

/// One line: mpi4py's columns, the median time and its bandwidth, then the ratio to C
/// for the variants that are not C.
fn row(m: &Measurement, variant: Variant) -> String {
    let times = &m.times[variant.index()];
    let mut line = format!(
        "{:10}{:18.2} | {} \u{b1} {} {:8} | {} {:16.2}",
        m.bytes,
        m.bandwidth(variant),
        py_exp(mean(times), 7),
        py_exp(stdev(times), 4),
        times.len(),
        py_exp(m.median(variant), 4),
        m.median_bandwidth(variant),
    );
    if variant != Variant::C {
        let r = m.ratio_to_c(variant);
        let _ = write!(
            line,
            " | {:6}  {:.3} [{:.3}, {:.3}]",
            m.rounds(),
            r.median,
            r.q1,
            r.q3
        );
    }
    line
}

/// The targets for the buffer path, as the median of paired ratios rsmpi/C.
const SMALL: (usize, f64) = (8, 1.10);
const LARGE: (usize, f64) = (64 * 1024, 1.05);

/// Whether the targets were met: rsmpi within 10 % of C at 8 B, within 5 % at every
/// size from 64 KiB.
pub fn verdict(measured: &[Measurement]) -> String {
    let met = |ok: bool| if ok { "met" } else { "NOT met" };
    let mut out = String::new();
    match measured.iter().find(|m| m.bytes == SMALL.0) {
        Some(m) => {
            let r = m.ratio_to_c(Variant::Rsmpi).median;
            let _ = writeln!(
                out,
                "# Target rsmpi/C <= {:.2} at {} B: {r:.3}, {}",
                SMALL.1,
                SMALL.0,
                met(r <= SMALL.1)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "# Target rsmpi/C <= {:.2} at {} B: not measured",
                SMALL.1, SMALL.0
            );
        }
    }
    let large: Vec<(usize, f64)> = measured
        .iter()
        .filter(|m| m.bytes >= LARGE.0)
        .map(|m| (m.bytes, m.ratio_to_c(Variant::Rsmpi).median))
        .collect();
    match large.iter().max_by(|a, b| a.1.total_cmp(&b.1)) {
        Some(&(bytes, worst)) => {
            let _ = writeln!(
                out,
                "# Target rsmpi/C <= {:.2} at every size >= {} B ({} sizes): worst {worst:.3} at {bytes} B, {}",
                LARGE.1,
                LARGE.0,
                large.len(),
                met(worst <= LARGE.1)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "# Target rsmpi/C <= {:.2} at >= {} B: not measured",
                LARGE.1, LARGE.0
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn py_exp_writes_what_python_writes() {
        // Each right-hand side is Python's f"{x:.Ne}".
        assert_eq!(py_exp(1.2345678e-6, 7), "1.2345678e-06");
        assert_eq!(py_exp(0.0, 4), "0.0000e+00");
        assert_eq!(py_exp(123456.0, 4), "1.2346e+05");
        assert_eq!(py_exp(1e-100, 2), "1.00e-100");
        assert_eq!(py_exp(-2.5e3, 1), "-2.5e+03");
        assert_eq!(py_exp(f64::NAN, 7), "nan");
    }

    /// Two rounds of two round trips each.
    fn sample() -> Measurement {
        Measurement {
            bytes: 1024,
            per_round: 2,
            times: [
                vec![1e-6, 2e-6, 1e-6, 1e-6],
                vec![1.1e-6, 2e-6, 1e-6, 1e-6],
                vec![4e-6, 8e-6, 4e-6, 4e-6],
            ],
        }
    }

    #[test]
    fn a_row_has_mpi4py_columns_then_the_median_and_the_ratio() {
        let m = sample();
        // Mean 1.25e-6 s: 1024 B / 1.25e-6 s = 819.2 MB/s; stdev 0.5e-6; median 1e-6 s.
        assert_eq!(
            row(&m, Variant::C),
            "      1024            819.20 | 1.2500000e-06 ± 5.0000e-07        4 | 1.0000e-06          1024.00"
        );
        // Round medians: C 1.5e-6 and 1e-6, rsmpi 1.55e-6 and 1e-6: ratios 1.0333 and 1.
        assert_eq!(
            row(&m, Variant::Rsmpi),
            "      1024            803.14 | 1.2750000e-06 ± 4.8563e-07        4 | 1.0500e-06           975.24 \
             |      2  1.017 [1.008, 1.025]"
        );
        assert!(row(&m, Variant::Serde).ends_with(" |      2  4.000 [4.000, 4.000]"));
    }

    #[test]
    fn render_has_one_mpi4py_section_per_variant_and_the_verdict() {
        let text = render(&[sample()], 1);
        assert!(
            text.starts_with("# 2 ranks. Per size: 1 warm-up round(s), then the timed rounds;"),
            "{text}"
        );
        assert_eq!(text.matches("# MPI PingPong Test: ").count(), 3);
        assert_eq!(
            text.matches("# Size [B]  Bandwidth [MB/s] | Time Mean [s] ± StdDev [s]  Samples |")
                .count(),
            3
        );
        assert!(
            text.contains("# Target rsmpi/C <= 1.10 at 8 B: not measured"),
            "{text}"
        );
        assert!(
            text.contains("# Target rsmpi/C <= 1.05 at >= 65536 B: not measured"),
            "{text}"
        );
    }

    #[test]
    fn verdict_uses_the_worst_large_size() {
        let at = |bytes, rust: f64| Measurement {
            bytes,
            per_round: 2,
            times: [vec![1.0; 4], vec![rust; 4], vec![3.0; 4]],
        };
        let text = verdict(&[at(8, 1.08), at(65536, 1.01), at(1 << 20, 1.07)]);
        assert_eq!(
            text,
            "# Target rsmpi/C <= 1.10 at 8 B: 1.080, met\n\
             # Target rsmpi/C <= 1.05 at every size >= 65536 B (2 sizes): worst 1.070 at 1048576 B, NOT met\n"
        );
    }
}
