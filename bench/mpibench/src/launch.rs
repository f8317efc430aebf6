//! `--launch`: this program starts itself under `mpiexec`, so that one command runs a
//! benchmark. For `pingpong` it is a race: Rust's ping-pong with mpi4py's protocol,
//! and mpi4py's own `python -m mpi4py.bench pingpong` with the same options where
//! Python has mpi4py and NumPy; then, to show what the protocol is worth, Rust's with
//! written buffers (`--touch`) and with small pages (`--small-pages`). The jobs take
//! turns for a few rounds, and one table shows them side by side with the ratio of
//! Rust's time to mpi4py's.
//!
//! The parent never initializes MPI: an MPI process that starts `mpiexec` itself is
//! not something every MPI allows.

use std::fmt::Write;
use std::process::{Command, ExitCode, Stdio};

use crate::{pingpong, pyfmt};
use bench_mpiexec::Mpiexec;

/// Where and how to launch, from the command line.
pub struct Launch {
    pub mpiexec: String,
    pub np: u32,
    pub python: String,
    pub rounds: u32,
}

impl Launch {
    /// The command that runs `program` on `np` processes. Open MPI's mpiexec needs
    /// `--allow-run-as-root` as root (containers) and `--oversubscribe` to start more
    /// processes than cores; MPICH's needs neither.
    fn command(&self, np: u32, program: &[String]) -> Result<Vec<String>, String> {
        Ok(Mpiexec::detect(&self.mpiexec)?.command(np as usize, true, program))
    }

    /// Runs `subcommand` (with its options as words) under mpiexec, its output going
    /// straight to ours.
    pub fn pass_through(&self, subcommand: Vec<String>) -> ExitCode {
        let run = || -> Result<bool, String> {
            let argv = self.command(self.np, &this_program(subcommand)?)?;
            eprintln!("mpibench: {}", argv.join(" "));
            let status = Command::new(&argv[0])
                .args(&argv[1..])
                .status()
                .map_err(|e| format!("cannot run {}: {e}", argv[0]))?;
            Ok(status.success())
        };
        exit_code(run())
    }

    /// The race: see the module's documentation.
    pub fn race(&self, opts: &pingpong::Options) -> ExitCode {
        exit_code(self.race_table(opts).map(|table| {
            print!("{table}");
            true
        }))
    }

    fn race_table(&self, opts: &pingpong::Options) -> Result<String, String> {
        let words = |touch: bool, small_pages: bool| {
            let opts = pingpong::Options {
                touch,
                small_pages,
                quiet: false,
                no_header: false,
                no_stats: false,
                ..opts.clone()
            };
            opts.to_args()
        };
        let rust = |touch, small_pages| {
            let program = std::iter::once("pingpong".to_string()).chain(words(touch, small_pages));
            self.command(2, &this_program(program.collect())?)
        };
        // Rust first, mpi4py second (when it can run), then the two Rust variants.
        let mut jobs = vec![(RUST, rust(false, false)?)];
        let mpi4py = match self.python_has_mpi4py() {
            Ok(()) => {
                let python = [&self.python, "-m", "mpi4py.bench", "pingpong"].map(String::from);
                let program: Vec<String> = python.into_iter().chain(words(false, false)).collect();
                jobs.push((MPI4PY, self.command(2, &program)?));
                None
            }
            Err(why) => Some(why),
        };
        jobs.push((TOUCHED, rust(true, false)?));
        jobs.push((SMALL_PAGES, rust(false, true)?));

        let mut tables: Vec<Vec<Vec<Row>>> = vec![Vec::new(); jobs.len()];
        for round in 0..self.rounds as usize {
            let mut order: Vec<usize> = (0..jobs.len()).collect();
            if round % 2 == 1 {
                order.reverse();
            }
            for k in order {
                eprintln!(
                    "mpibench: round {}/{}: {}",
                    round + 1,
                    self.rounds,
                    jobs[k].1.join(" ")
                );
                tables[k].push(run_table(&jobs[k].1)?);
            }
        }
        let medians: Vec<Vec<Row>> = tables.iter().map(|rounds| median_rows(rounds)).collect();
        let theirs = mpi4py.is_none().then(|| medians[1].as_slice());
        let extras = [
            (TOUCHED, &medians[jobs.len() - 2]),
            (SMALL_PAGES, &medians[jobs.len() - 1]),
        ];

        let mut out = String::new();
        let library = mpi::environment::library_version().unwrap_or_default();
        // Open MPI's string ends in a NUL byte.
        let library = library.trim_end_matches(['\0', '\n', ' ']);
        let _ = writeln!(out, "# {}", library.lines().next().unwrap_or("MPI"));
        for (name, argv) in &jobs {
            let _ = writeln!(out, "# {name}: {}", argv.join(" "));
        }
        if let Some(why) = &mpi4py {
            let _ = writeln!(out, "# {MPI4PY}: not measured ({why})");
        }
        let _ = writeln!(
            out,
            "# {} round(s), the jobs in turn (reversed every other round); each number comes from the \
             median over the rounds of a job's mean one-way time",
            self.rounds
        );
        out.push_str(&side_by_side(&medians[0], theirs, &extras));
        out.push_str(&goal(&medians[0], theirs));
        Ok(out)
    }

    /// Whether `python -m mpi4py.bench pingpong` would run with NumPy buffers, as the
    /// race needs: without NumPy, mpi4py falls back to `bytearray`s, which are zeroed
    /// (written) when made.
    fn python_has_mpi4py(&self) -> Result<(), String> {
        let out = Command::new(&self.python)
            .args(["-c", "import mpi4py.bench, numpy"])
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run {}: {e}", self.python))?;
        if out.status.success() {
            return Ok(());
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr.lines().last().unwrap_or("failed").trim();
        Err(format!(
            "`{} -c \"import mpi4py.bench, numpy\"`: {last}",
            self.python
        ))
    }
}

fn exit_code(result: Result<bool, String>) -> ExitCode {
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("mpibench: {message}");
            ExitCode::from(2)
        }
    }
}

/// This binary, then `args`.
fn this_program(args: Vec<String>) -> Result<Vec<String>, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    Ok(std::iter::once(exe.display().to_string()).chain(args).collect())
}

/// One line of a pingpong table: size in bytes, mean one-way time in seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    pub bytes: usize,
    pub mean: f64,
}

/// Runs one pingpong job and reads its table.
fn run_table(argv: &[String]) -> Result<Vec<Row>, String> {
    let stdout = bench_mpiexec::output(argv)?;
    let rows = parse_table(&stdout);
    if rows.is_empty() {
        return Err(format!("`{}` printed no table:\n{stdout}", argv.join(" ")));
    }
    Ok(rows)
}

/// The rows of a table in mpi4py's format (`size bandwidth | mean ± stdev samples`),
/// whoever printed it; every other line is skipped.
pub fn parse_table(text: &str) -> Vec<Row> {
    text.lines()
        .filter_map(|line| match line.split_whitespace().collect::<Vec<_>>()[..] {
            [bytes, _, "|", mean, "\u{b1}", _, _] => Some(Row {
                bytes: bytes.parse().ok()?,
                mean: mean.parse().ok()?,
            }),
            _ => None,
        })
        .collect()
}

/// Per size, the median over rounds of the mean times. Every round lists the same
/// sizes (the same options).
fn median_rows(rounds: &[Vec<Row>]) -> Vec<Row> {
    rounds[0]
        .iter()
        .enumerate()
        .map(|(k, first)| {
            let mut means: Vec<f64> = rounds.iter().map(|r| r[k].mean).collect();
            means.sort_by(f64::total_cmp);
            let mid = means.len() / 2;
            let median = if means.len() % 2 == 1 {
                means[mid]
            } else {
                (means[mid - 1] + means[mid]) / 2.0
            };
            Row {
                bytes: first.bytes,
                mean: median,
            }
        })
        .collect()
}

/// The job names, as the table's heads use them.
const RUST: &str = "Rust";
const MPI4PY: &str = "mpi4py";
const TOUCHED: &str = "Rust, touched";
const SMALL_PAGES: &str = "Rust, small pages";

/// The tables in one: Rust's and mpi4py's time and bandwidth, Rust's time over
/// mpi4py's, then the bandwidth of each extra Rust variant.
pub fn side_by_side(rust: &[Row], mpi4py: Option<&[Row]>, extras: &[(&str, &Vec<Row>)]) -> String {
    let mut out = format!(
        "# Size [B] | {:>10}  Bandwidth [MB/s] | {:>10}  Bandwidth [MB/s] | Rust/mpi4py",
        format!("{RUST} [s]"),
        format!("{MPI4PY} [s]")
    );
    for (name, _) in extras {
        let _ = write!(out, " | {:>17}", format!("{name} [MB/s]"));
    }
    out.push('\n');
    for (k, r) in rust.iter().enumerate() {
        let _ = write!(
            out,
            "{:10} | {} {:17.2} | ",
            r.bytes,
            pyfmt::exp(r.mean, 4),
            bandwidth(r)
        );
        match mpi4py.and_then(|rows| rows.get(k)) {
            Some(m) => {
                let _ = write!(
                    out,
                    "{} {:17.2} | {:11.3}",
                    pyfmt::exp(m.mean, 4),
                    bandwidth(m),
                    r.mean / m.mean
                );
            }
            None => {
                let _ = write!(out, "{:>28} | {:>11}", "not measured", "-");
            }
        }
        for (name, rows) in extras {
            let width = name.len() + 7;
            let _ = write!(out, " | {:>width$.2}", bandwidth(&rows[k]));
        }
        out.push('\n');
    }
    out
}

fn bandwidth(row: &Row) -> f64 {
    row.bytes as f64 / row.mean / 1e6
}

/// The goal: Rust's time at most mpi4py's at every size from 8 B to 16 MiB,
/// and at most 0.7 times at 8 B.
pub fn goal(rust: &[Row], mpi4py: Option<&[Row]>) -> String {
    const GOAL: &str = "# Goal: Rust's time <= mpi4py's from 8 B to 16 MiB, <= 0.7 times at 8 B";
    let Some(theirs) = mpi4py else {
        return format!("{GOAL}: not measured (no mpi4py)\n");
    };
    let pairs: Vec<(usize, f64)> = rust
        .iter()
        .zip(theirs)
        .filter(|(r, _)| (8..=16 << 20).contains(&r.bytes))
        .map(|(r, m)| (r.bytes, r.mean / m.mean))
        .collect();
    let Some(&(worst_bytes, worst)) = pairs.iter().max_by(|a, b| a.1.total_cmp(&b.1)) else {
        return format!("{GOAL}: not measured (no size from 8 B to 16 MiB)\n");
    };
    let at_8 = pairs.iter().find(|(bytes, _)| *bytes == 8).map(|p| p.1);
    let met = worst <= 1.0 && at_8.is_none_or(|r| r <= 0.7);
    let at_8 = at_8.map_or("not measured".to_string(), |r| format!("{r:.3}"));
    format!(
        "{GOAL}: {} (at 8 B {at_8}; the largest ratio {worst:.3}, at {worst_bytes} B)\n",
        if met { "met" } else { "not met" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const MPI4PY: &str = "# MPI PingPong Test\n\
        # Size [B]  Bandwidth [MB/s] | Time Mean [s] \u{b1} StdDev [s]  Samples\n\
        \x20        8              4.00 | 2.0000000e-06 \u{b1} 1.0000e-07    10000\n\
        \x20 16777216          40000.00 | 4.1943040e-04 \u{b1} 1.0000e-05       10\n";

    #[test]
    fn reads_mpi4pys_table() {
        let rows = parse_table(MPI4PY);
        assert_eq!(
            rows,
            [
                Row { bytes: 8, mean: 2e-6 },
                Row {
                    bytes: 16 << 20,
                    mean: 4.194304e-4
                }
            ]
        );
    }

    #[test]
    fn side_by_side_and_goal() {
        let theirs = parse_table(MPI4PY);
        let rust = vec![
            Row { bytes: 8, mean: 1e-6 },
            Row {
                bytes: 16 << 20,
                mean: 4e-4,
            },
        ];
        let table = side_by_side(&rust, Some(&theirs), &[(TOUCHED, &rust)]);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(
            lines[0],
            "# Size [B] |   Rust [s]  Bandwidth [MB/s] | mpi4py [s]  Bandwidth [MB/s] | Rust/mpi4py \
             | Rust, touched [MB/s]"
        );
        assert_eq!(
            lines[1],
            "         8 | 1.0000e-06              8.00 | 2.0000e-06              4.00 |       0.500 \
             |                 8.00"
        );
        assert!(goal(&rust, Some(&theirs))
            .contains(": met (at 8 B 0.500; the largest ratio 0.954, at 16777216 B)"));
        let slow = [Row {
            bytes: 8,
            mean: 1.5e-6,
        }];
        assert!(goal(&slow, Some(&theirs)).contains(": not met (at 8 B 0.750"));
        assert!(goal(&rust, None).ends_with(": not measured (no mpi4py)\n"));
        assert!(side_by_side(&rust, None, &[]).contains("not measured |           -\n"));
    }

    #[test]
    fn medians_over_rounds() {
        let round = |t: f64| vec![Row { bytes: 8, mean: t }];
        assert_eq!(median_rows(&[round(3.0), round(1.0), round(2.0)])[0].mean, 2.0);
        assert_eq!(median_rows(&[round(3.0), round(1.0)])[0].mean, 2.0);
    }
}
