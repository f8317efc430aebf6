//! The runs: the line a rank program reports one in, the notebook's row for it, and
//! the summary of a sweep.

use std::collections::HashMap;
use std::fmt::Write;
use std::time::{SystemTime, UNIX_EPOCH};

use distarray::julia::{C, RESOLUTION};

/// The notebook's header line, printed before the first row.
pub const HEADER: &str = "(n/n_runs: time) ('Start', 'End', 'Dist', 'Resolution', 'c', 'Engines', 'Iters')";

/// One run: a distribution (or `numpy`, one process without MPI) on some engines.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub dist: String,
    pub engines: usize,
    /// When it started, in seconds since 1970 (Python's `time()`).
    pub start: f64,
    /// From the barrier before the computation to the barrier after it.
    pub seconds: f64,
    /// Every engine's iterations, in rank order.
    pub iters: Vec<u64>,
}

impl Run {
    /// The line rank 0 prints for the parent: `run b-n 4 <start> <seconds> <iters>...`.
    pub fn line(&self) -> String {
        let iters: Vec<String> = self.iters.iter().map(u64::to_string).collect();
        format!(
            "run {} {} {:.6} {:.6} {}",
            self.dist,
            self.engines,
            self.start,
            self.seconds,
            iters.join(" ")
        )
    }

    /// A run from its [`line`](Self::line); `None` for any other line.
    pub fn parse(line: &str) -> Option<Run> {
        let mut words = line.split_whitespace();
        if words.next()? != "run" {
            return None;
        }
        let dist = words.next()?.to_string();
        let engines = words.next()?.parse().ok()?;
        let start = words.next()?.parse().ok()?;
        let seconds = words.next()?.parse().ok()?;
        let iters: Vec<u64> = words.map(str::parse).collect::<Result<_, _>>().ok()?;
        (iters.len() == engines).then_some(Run {
            dist,
            engines,
            start,
            seconds,
            iters,
        })
    }

    fn total(&self) -> u64 {
        self.iters.iter().sum()
    }

    fn busiest(&self) -> u64 {
        self.iters.iter().max().copied().unwrap_or(0)
    }

    /// The speed-up the iteration counts allow on `cores` cores, if time followed
    /// iterations: all of them over the time the busiest engine needs, or over the time
    /// the cores need for all of them, whichever is longer (the shortest schedule of
    /// tasks that the system may preempt and move between cores). With a core per
    /// engine it is all the iterations over the busiest engine's.
    fn allowed_speedup(&self, cores: usize) -> f64 {
        let total = self.total() as f64;
        total / (self.busiest() as f64).max(total / cores as f64)
    }
}

/// Seconds since 1970, as Python's `time()` returns them.
pub fn unix_time() -> f64 {
    let now = SystemTime::now().duration_since(UNIX_EPOCH);
    now.expect("the clock is after 1970").as_secs_f64()
}

/// The notebook's row for run `n` of `n_runs` (Python 3's text: no `L` after the
/// counts, which Python 2 printed for its long integers).
pub fn row(n: usize, n_runs: usize, run: &Run) -> String {
    let iters: Vec<String> = run.iters.iter().map(u64::to_string).collect();
    format!(
        "({n}/{n_runs}: {:.3}s) ({:.6}, {:.6}, '{}', {RESOLUTION}, '{C}', {}, [{}])",
        run.seconds,
        run.start,
        run.start + run.seconds,
        run.dist,
        run.engines,
        iters.join(", ")
    )
}

/// The summary in Markdown: per distribution and engine count, in the sweep's order,
/// the best time over the repetitions, the speed-up over the same distribution on one
/// engine, and the speed-up its iteration counts allow.
pub fn summary(runs: &[Run], repeat: usize, cores: usize) -> String {
    let mut order: Vec<(&str, usize)> = Vec::new();
    let mut best: HashMap<(&str, usize), &Run> = HashMap::new();
    for run in runs {
        let key = (run.dist.as_str(), run.engines);
        match best.get(&key) {
            None => {
                order.push(key);
                best.insert(key, run);
            }
            Some(b) if run.seconds < b.seconds => {
                best.insert(key, run);
            }
            Some(_) => {}
        }
    }
    let mut out = format!(
        "| run | engines | best of {repeat} | speed-up | busiest engine's iterations | the counts allow \
         | on {cores} cores |\n|---|---|---:|---:|---:|---:|---:|\n"
    );
    for key in order {
        let run = best[&key];
        let engines = if run.engines > cores {
            format!("{} (on {cores} cores)", run.engines)
        } else {
            run.engines.to_string()
        };
        let speedup = match best.get(&(key.0, 1)) {
            Some(one) if key.0 != "numpy" => format!("{:.2}", one.seconds / run.seconds),
            _ => "–".to_string(),
        };
        let _ = writeln!(
            out,
            "| {} | {engines} | {:.3} s | {speedup} | {} | {:.2} | {:.2} |",
            run.dist,
            run.seconds,
            run.busiest(),
            run.allowed_speedup(run.engines),
            run.allowed_speedup(cores)
        );
    }
    out.push_str(
        "\nSpeed-up: the best time of the same distribution on 1 engine over this one's. The counts \
         allow, if time followed iterations: with a core per engine, all the iterations over the \
         busiest engine's; on this machine's cores, all of them over the busiest engine's or over \
         their share per core, whichever is larger.\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The notebook's run 14, as its numbers would be reported here.
    fn run_14() -> Run {
        Run {
            dist: "b-n".to_string(),
            engines: 4,
            start: 1443997405.555126,
            seconds: 0.235676,
            iters: vec![2725843, 13620134, 13659620, 2758235],
        }
    }

    #[test]
    fn rows_are_the_notebooks() {
        assert_eq!(
            row(14, 17, &run_14()),
            "(14/17: 0.236s) (1443997405.555126, 1443997405.790802, 'b-n', 1024, '(-0.045+0.45j)', 4, \
             [2725843, 13620134, 13659620, 2758235])"
        );
    }

    #[test]
    fn a_run_survives_its_line() {
        let run = run_14();
        assert_eq!(
            run.line(),
            "run b-n 4 1443997405.555126 0.235676 2725843 13620134 13659620 2758235"
        );
        assert_eq!(Run::parse(&run.line()), Some(run));
        assert_eq!(
            Run::parse("run b-n 4 1.0 0.5 1 2 3"),
            None,
            "three counts for four engines"
        );
        assert_eq!(Run::parse("hello"), None);
    }

    #[test]
    fn the_summary_keeps_the_best_time_and_compares_with_one_engine() {
        let one = |dist: &str, seconds| Run {
            dist: dist.to_string(),
            engines: 1,
            start: 0.0,
            seconds,
            iters: vec![32763832],
        };
        let slow = Run {
            seconds: 0.5,
            ..run_14()
        };
        let runs = [
            one("numpy", 0.548),
            one("b-n", 0.6),
            one("b-n", 0.546),
            run_14(),
            slow,
        ];
        let text = summary(&runs, 2, 2);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "| run | engines | best of 2 | speed-up | busiest engine's iterations | the counts allow | on 2 cores |"
        );
        assert_eq!(lines[2], "| numpy | 1 | 0.548 s | – | 32763832 | 1.00 | 1.00 |");
        assert_eq!(lines[3], "| b-n | 1 | 0.546 s | 1.00 | 32763832 | 1.00 | 1.00 |");
        assert_eq!(
            lines[4],
            "| b-n | 4 (on 2 cores) | 0.236 s | 2.32 | 13659620 | 2.40 | 2.00 |"
        );
        assert_eq!(lines.len(), 7);
    }
}
