//! How long the runner takes, for the README's claims. Two comparisons, each measured
//! in rounds that alternate the variants, so that the shared machine's drift falls on
//! both alike, and summarised by medians:
//!
//! - `check`: `runner check <exercise> --solution --np N` against a bare
//!   `mpiexec -n N <its binary>`; the ratio is the runner's overhead on a built exercise
//!   (finding the launcher, knowing the binary fresh, capturing ranks, judging).
//! - `grade`: `runner grade --solution` with `--jobs 1` and with its default.
//!
//! Run from the workspace root, after `cargo build -p runner` and one check of the
//! exercise (so that everything is built):
//!
//! ```text
//! cargo run --release -p runner-speed -- check --rounds 15
//! cargo run --release -p runner-speed -- grade --rounds 3
//! ```

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    what: What,
    /// The runner binary to time.
    #[arg(long, global = true, default_value = "target/debug/runner")]
    runner: PathBuf,
}

#[derive(Subcommand)]
enum What {
    /// A check of one built exercise against a bare mpiexec of its binary.
    Check {
        #[arg(long, default_value_t = 15)]
        rounds: usize,
        #[arg(long, default_value = "hello")]
        exercise: String,
        /// The exercise's solution binary (as cargo names it).
        #[arg(long, default_value = "target/debug/sol-hello")]
        binary: PathBuf,
        #[arg(long, default_value_t = 4)]
        np: usize,
    },
    /// `grade --solution` with one job against the default number of jobs.
    Grade {
        #[arg(long, default_value_t = 3)]
        rounds: usize,
    },
}

fn main() {
    let cli = Cli::parse();
    println!("{}", machine());
    match cli.what {
        What::Check {
            rounds,
            exercise,
            binary,
            np,
        } => {
            let np = np.to_string();
            let mpiexec = mpiexec_command(&np, &binary);
            let check = command(
                &cli.runner,
                &["check", &exercise, "--solution", "--np", &np, "--quiet"],
            );
            compare(rounds, [("bare mpiexec", mpiexec), ("runner check", check)]);
        }
        What::Grade { rounds } => {
            let grade = |jobs: Option<&str>| {
                let mut args = vec!["grade", "--solution", "--quiet", "--format", "json"];
                args.extend(jobs.map(|j| ["--jobs", j]).into_iter().flatten());
                command(&cli.runner, &args)
            };
            compare(
                rounds,
                [
                    ("grade --jobs 1", grade(Some("1"))),
                    ("grade (default jobs)", grade(None)),
                ],
            );
        }
    }
}

/// Runs the two commands alternately, `rounds` times each, and prints their medians and
/// the ratio of the second to the first.
fn compare(rounds: usize, variants: [(&str, Vec<String>); 2]) {
    let mut times: [Vec<Duration>; 2] = [Vec::new(), Vec::new()];
    for _ in 0..rounds {
        for (i, (_, argv)) in variants.iter().enumerate() {
            times[i].push(time(argv));
        }
    }
    let medians = times.map(|mut t| {
        t.sort();
        t[t.len() / 2]
    });
    for ((name, argv), median) in variants.iter().zip(medians) {
        println!(
            "{name:>22}: median {:.3} s of {rounds}   ({})",
            median.as_secs_f64(),
            argv.join(" ")
        );
    }
    println!(
        "{:>22}: {:.2}",
        "ratio",
        medians[1].as_secs_f64() / medians[0].as_secs_f64()
    );
}

/// The wall time of one run; a run that fails stops the benchmark, which would
/// otherwise time an error message.
fn time(argv: &[String]) -> Duration {
    let start = Instant::now();
    let status = Command::new(&argv[0])
        .args(&argv[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("could not run {}: {e}", argv[0]));
    let elapsed = start.elapsed();
    assert!(status.success(), "`{}` failed ({status})", argv.join(" "));
    elapsed
}

fn command(program: &Path, args: &[&str]) -> Vec<String> {
    std::iter::once(program.display().to_string())
        .chain(args.iter().map(|a| a.to_string()))
        .collect()
}

/// The bare launch the runner makes, with the flags it would add on this machine.
fn mpiexec_command(np: &str, binary: &Path) -> Vec<String> {
    let mut argv: Vec<String> = ["mpiexec", "-n", np, "--oversubscribe"]
        .map(String::from)
        .to_vec();
    if bench_mpiexec::is_root() {
        argv.push("--allow-run-as-root".into());
    }
    argv.push(binary.display().to_string());
    argv
}

/// The machine, for the record: cores, the load when the benchmark started, the host.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let host = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
    format!(
        "machine: {} ({cores} cores), load average {}",
        host.trim(),
        load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    )
}
