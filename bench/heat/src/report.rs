//! What every table needs: the machine it was measured on, medians, and times that
//! read well.

/// The machine, as far as Linux's /proc tells (elsewhere "unknown"): host, CPU model
/// (what `lscpu` calls "Model name"), cores, and the load average when the run began.
pub struct Machine {
    host: String,
    cpu: String,
    pub cores: usize,
    load_at_start: String,
}

impl Machine {
    pub fn here() -> Machine {
        let read = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
        let cpu = read("/proc/cpuinfo")
            .lines()
            .find_map(|line| {
                let (key, value) = line.split_once(':')?;
                (key.trim() == "model name").then(|| value.trim().to_string())
            })
            .unwrap_or_default();
        Machine {
            host: or_unknown(read("/proc/sys/kernel/hostname").trim().to_string()),
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

fn or_unknown(text: String) -> String {
    if text.is_empty() {
        "unknown".to_string()
    } else {
        text
    }
}

/// The 1-minute load average, from /proc/loadavg.
fn load_average() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    or_unknown(text.split_whitespace().next().unwrap_or_default().to_string())
}

/// The median; NaN for no samples.
pub fn median(samples: &[f64]) -> f64 {
    if samples.is_empty() {
        return f64::NAN;
    }
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    }
}

/// The median of the ratios `a[k] / b[k]`: times taken in the same round, a moment
/// apart, compared before the machine's speed drifts.
pub fn median_ratio(a: &[f64], b: &[f64]) -> f64 {
    let ratios: Vec<f64> = a.iter().zip(b).map(|(a, b)| a / b).collect();
    median(&ratios)
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

/// "met" or "NOT met", for a goal line.
pub fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "NOT met"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_durations() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert!(median(&[]).is_nan());
        assert_eq!(median_ratio(&[2.0, 9.0, 4.0], &[1.0, 3.0, 1.0]), 3.0);
        assert_eq!(duration(2.71), "2.71 s");
        assert_eq!(duration(0.0202), "20.2 ms");
        assert_eq!(duration(0.000_512), "512 µs");
        assert_eq!(duration(3.5e-9), "3.50 ns");
    }
}
