//! The few statistics the table needs: mean and standard deviation, as mpi4py's
//! `statistics.mean`/`statistics.stdev`, and quantiles of paired ratios.

/// The arithmetic mean; NaN for no samples (as mpi4py prints for an empty list).
pub fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

/// The sample standard deviation (divisor n - 1), as `statistics.stdev`; 0 for fewer
/// than two samples, as mpi4py's pingpong reports then.
pub fn stdev(xs: &[f64]) -> f64 {
    if xs.len() < 2 {
        return 0.0;
    }
    let m = mean(xs);
    let ss: f64 = xs.iter().map(|x| (x - m) * (x - m)).sum();
    (ss / (xs.len() - 1) as f64).sqrt()
}

/// The `q`-quantile (0 ≤ q ≤ 1) by linear interpolation between order statistics,
/// NumPy's default method; NaN for no samples.
pub fn quantile(xs: &[f64], q: f64) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    let mut sorted = xs.to_vec();
    sorted.sort_by(f64::total_cmp);
    let pos = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let (lo, frac) = (pos.floor() as usize, pos.fract());
    match sorted.get(lo + 1) {
        Some(hi) => sorted[lo] + frac * (hi - sorted[lo]),
        None => sorted[lo],
    }
}

/// The mean of the middle half of `xs` (the samples between the quartiles, by rank),
/// or of all of them when there are fewer than four; NaN for none.
///
/// Why not the median: on this kind of machine, small messages' round trips take a
/// whole number of steps of 5 to 10 ns (the receiver's polling loop), so a median
/// snaps to a step and two equal loops can differ by one, 4 % at 8 B. The mean of the
/// middle half averages over the steps, and still leaves out the slowest quarter,
/// where the round trips the machine interrupted are.
pub fn interquartile_mean(xs: &[f64]) -> f64 {
    let mut sorted = xs.to_vec();
    sorted.sort_by(f64::total_cmp);
    let quarter = if sorted.len() < 4 { 0 } else { sorted.len() / 4 };
    mean(&sorted[quarter..sorted.len() - quarter])
}

/// A median and quartiles of the ratios `num[k] / den[k]`, one per round.
///
/// Why paired: the machine is shared, so its speed drifts during a launch. The two
/// times of one round were taken a few milliseconds apart, under the same load, and
/// their ratio cancels most of that drift; the median then ignores the rounds in
/// which one of the two blocks was interrupted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairedRatio {
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
}

impl PairedRatio {
    /// # Panics
    ///
    /// If the two series do not have one time per round each (the same length).
    pub fn new(num: &[f64], den: &[f64]) -> PairedRatio {
        assert_eq!(
            num.len(),
            den.len(),
            "paired ratios need one time of each per round"
        );
        let ratios: Vec<f64> = num.iter().zip(den).map(|(n, d)| n / d).collect();
        PairedRatio {
            q1: quantile(&ratios, 0.25),
            median: quantile(&ratios, 0.5),
            q3: quantile(&ratios, 0.75),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_and_stdev_match_python_statistics() {
        let xs = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        assert_eq!(mean(&xs), 5.0);
        // statistics.stdev([2, 4, 4, 4, 5, 5, 7, 9]) == 2.138089935299395
        assert!((stdev(&xs) - 2.138089935299395).abs() < 1e-15);
        assert_eq!(stdev(&[3.0]), 0.0);
        assert!(mean(&[]).is_nan());
    }

    #[test]
    fn quantiles_interpolate_like_numpy() {
        // numpy.quantile([1, 2, 3, 4], [0.25, 0.5, 0.75]) == [1.75, 2.5, 3.25]
        let xs = [4.0, 1.0, 3.0, 2.0];
        assert_eq!(quantile(&xs, 0.25), 1.75);
        assert_eq!(quantile(&xs, 0.5), 2.5);
        assert_eq!(quantile(&xs, 0.75), 3.25);
        assert_eq!(quantile(&[7.0], 0.5), 7.0);
        assert!(quantile(&[], 0.5).is_nan());
    }

    #[test]
    fn interquartile_mean_drops_both_tails_but_averages_steps() {
        // Eight round trips in 10 ns steps, one interrupted: the middle four are kept.
        let xs = [240.0, 250.0, 240.0, 9000.0, 250.0, 240.0, 250.0, 240.0];
        assert_eq!(interquartile_mean(&xs), 245.0);
        assert_eq!(interquartile_mean(&[1.0, 3.0]), 2.0);
        assert!(interquartile_mean(&[]).is_nan());
    }

    #[test]
    fn paired_ratio_median_ignores_one_disturbed_round() {
        // Round 3's Rust block was interrupted: its ratio is 10, the median stays at 1.02.
        let c = [1.0, 2.0, 1.0, 1.0, 1.5];
        let rust = [1.02, 2.04, 10.0, 1.01, 1.5];
        let ratio = PairedRatio::new(&rust, &c);
        assert!((ratio.median - 1.02).abs() < 1e-12, "{ratio:?}");
        assert!(ratio.q1 <= ratio.median && ratio.median <= ratio.q3);
    }

    #[test]
    #[should_panic(expected = "one time of each per round")]
    fn paired_ratio_of_unequal_series_panics() {
        PairedRatio::new(&[1.0, 2.0], &[1.0]);
    }
}
