//! Threads and processes in Rust, measured in one run on one machine, beside Python's
//! `threading` and `multiprocessing` where `python3` is installed:
//!
//! - **CPU-bound work on two threads.** The Collatz sum of ex44 over 1..=N on one
//!   thread, on two scoped threads (one contiguous half each, as in ex44, or blocks
//!   dealt out in turn) and on a rayon pool of two. Rust has no interpreter lock, so
//!   two threads with even shares should take about half the time on two free cores
//!   (the goal: a speed-up of at least 1.8). Python's rows run the same sum on one
//!   thread, on two `threading` threads (which the GIL lets run only one at a time)
//!   and on a `multiprocessing.Pool(2)`.
//! - **Starting a worker.** A thread started and joined, against a process started
//!   and waited for (this program, told to exit at once), in microseconds; and
//!   Python's `Thread`, `Process` (fork and spawn) and `Pool(2)`.
//!
//! ```console
//! cargo run --release -p bench-threads
//! ```
//!
//! The machine is shared, so its speed drifts: the Rust variants take turns in
//! rounds, in one order and then the other; each row is the median of its rounds, and
//! a Rust speed-up is the median of the per-round ratios, times taken a moment apart.

mod machine;
mod python;
mod start;
mod work;

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;
use work::Variant;

/// The Collatz sum over 1..=N in Rust, and over 1..=PY_N in Python (about 50 times
/// slower per start).
const N: u64 = 2_000_000;
const PY_N: u64 = 100_000;
/// Timed rounds (after one warm-up round), for the work and for the starts.
const ROUNDS: usize = 15;
const PY_ROUNDS: usize = 5;
const START_ROUNDS: usize = 15;
/// Starts per round.
const THREAD_STARTS: usize = 200;
const PROCESS_STARTS: usize = 10;
/// The goal for two threads against one.
const GOAL: f64 = 1.8;

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some(start::CHILD_FLAG) {
        return ExitCode::SUCCESS;
    }
    if cfg!(debug_assertions) {
        eprintln!("bench-threads: a debug build measures nothing useful; run with --release");
    }
    let load_before = machine::load_average();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("could not start a rayon pool of 2");

    let ticks_before = machine::Ticks::now();
    let (times, ratios, sum) = measure_work(&pool);
    let others = busy_since(ticks_before);
    let exe = std::env::current_exe().expect("cannot find this program's own path");
    eprintln!("bench-threads: timing thread and process starts");
    let starts = start::measure(&exe, START_ROUNDS, THREAD_STARTS, PROCESS_STARTS);
    let ticks_python = machine::Ticks::now();
    let py = match run_python() {
        Ok(report) => report,
        Err(err) => {
            eprintln!("bench-threads: {err}");
            return ExitCode::FAILURE;
        }
    };
    let others_python = busy_since(ticks_python);

    print_work_table(&times, &ratios, sum, py.as_ref());
    print_busy(&[("the Rust rounds", others), ("the Python run", others_python)]);
    print_start_table(&starts, py.as_ref());
    println!(
        "Machine: host {}, {}, {} cores; load average {load_before} at the start, {} at the end.",
        machine::host(),
        machine::cpu(),
        machine::cores(),
        machine::load_average()
    );
    ExitCode::SUCCESS
}

/// The Python rows, checked against Rust's sum; `None` without `python3`.
fn run_python() -> Result<Option<python::Report>, String> {
    if !python::available() {
        return Ok(None);
    }
    eprintln!("bench-threads: running python3 ({PY_ROUNDS} rounds)");
    let report = python::run(PY_N, PY_ROUNDS)?;
    check_python(&report)?;
    Ok(Some(report))
}

/// How many cores other programs kept busy in each phase.
fn print_busy(phases: &[(&str, Option<f64>)]) {
    for (phase, cores) in phases {
        match cores {
            Some(cores) => println!(
                "During {phase}, other programs kept {cores:.2} of the {} cores busy.",
                machine::cores()
            ),
            None => println!("During {phase}, how busy other programs kept the cores: unknown."),
        }
    }
    println!();
}

/// How many cores other programs kept busy since `before`, where /proc tells.
fn busy_since(before: Option<machine::Ticks>) -> Option<f64> {
    let after = machine::Ticks::now()?;
    Some(before?.others_since(after, machine::cores()))
}

/// Every variant once per round; the seconds per variant, the one-thread time over
/// each variant's per round, and the sum (the same for all, checked).
fn measure_work(pool: &rayon::ThreadPool) -> (Vec<Vec<f64>>, Vec<Vec<f64>>, u64) {
    let sum = Variant::Serial.run(1..N + 1, pool);
    let mut times = vec![Vec::new(); Variant::ALL.len()];
    let mut ratios = vec![Vec::new(); Variant::ALL.len()];
    for round in 0..=ROUNDS {
        let mut order = Variant::ALL;
        if round % 2 == 1 {
            order.reverse();
        }
        let mut t = [0.0; Variant::ALL.len()];
        for v in order {
            let t0 = Instant::now();
            let got = v.run(black_box(1..N + 1), pool);
            t[v as usize] = t0.elapsed().as_secs_f64();
            assert_eq!(got, sum, "{} summed differently", v.name());
        }
        if round > 0 {
            for v in Variant::ALL {
                times[v as usize].push(t[v as usize]);
                ratios[v as usize].push(t[Variant::Serial as usize] / t[v as usize]);
            }
            eprintln!("bench-threads: round {round}/{ROUNDS} of the work done");
        }
    }
    (times, ratios, sum)
}

/// Python's three sums must each equal Rust's over 1..=PY_N, in every round.
fn check_python(report: &python::Report) -> Result<(), String> {
    let want = work::total_steps(1..PY_N + 1).to_string();
    for key in ["sum_serial", "sum_threads", "sum_pool"] {
        let got = report.get(key)?;
        if got != want {
            return Err(format!("python3's {key} is {got}, Rust's sum is {want}"));
        }
    }
    Ok(())
}

fn print_work_table(times: &[Vec<f64>], ratios: &[Vec<f64>], sum: u64, py: Option<&python::Report>) {
    println!("## CPU-bound work on two threads\n");
    println!(
        "The Collatz steps from every start in 1..={N} added up (sum {sum}) in Rust, median of \
         {ROUNDS} rounds; in Python over 1..={PY_N}, median of {PY_ROUNDS} rounds.\n"
    );
    println!("| variant | median | per start | speed-up over one thread |");
    println!("|---|---:|---:|---:|");
    for v in Variant::ALL {
        let t = median(&times[v as usize]);
        let per_start = duration(t / N as f64);
        let speed_up = median(&ratios[v as usize]);
        println!("| {} | {} | {per_start} | {speed_up:.2} |", v.name(), duration(t));
    }
    let rows = [
        ("serial_s", "Python, one thread"),
        ("threads_s", "Python, two `threading` threads (the GIL)"),
        ("pool_s", "Python, `multiprocessing.Pool(2).map`, two halves"),
    ];
    let serial = py.and_then(|r| r.seconds("serial_s").ok());
    for (key, name) in rows {
        match (py.and_then(|r| r.seconds(key).ok()), serial) {
            (Some(t), Some(one)) => println!(
                "| {name} | {} | {} | {:.2} |",
                duration(t),
                duration(t / PY_N as f64),
                one / t
            ),
            _ => println!("| {name} | not measured: no python3 | – | – |"),
        }
    }
    let even = median(&ratios[Variant::Blocks as usize]);
    println!(
        "\nTwo scoped threads with even shares against one in Rust: {even:.2}x (the goal: at least \
         {GOAL}x): {}.",
        if even >= GOAL { "yes" } else { "no" }
    );
    let (low, high) = (
        work::total_steps(1..N / 2 + 1),
        work::total_steps(N / 2 + 1..N + 1),
    );
    println!(
        "Two contiguous halves can reach at most {:.2}x: the upper half takes {:.1} % more steps.",
        (low + high) as f64 / high.max(low) as f64,
        (high as f64 / low as f64 - 1.0) * 100.0
    );
    println!("Python's speed-ups are ratios of its medians.");
}

fn print_start_table(starts: &start::Starts, py: Option<&python::Report>) {
    println!("## Starting a worker and waiting for it\n");
    println!("| what | median | runs |");
    println!("|---|---:|---:|");
    println!(
        "| Rust: `thread::spawn` and `join` | {} | {} |",
        duration(median(&starts.thread)),
        starts.thread.len()
    );
    println!(
        "| Rust: `Command::new(this program).status()`, a child that exits at once | {} | {} |",
        duration(median(&starts.process)),
        starts.process.len()
    );
    let rows = [
        (
            "thread_start_s",
            "Python: `threading.Thread`, `start()` and `join()`",
            300,
        ),
        ("fork_start_s", "Python: `multiprocessing.Process`, fork", 40),
        ("spawn_start_s", "Python: `multiprocessing.Process`, spawn", 8),
        ("pool_create_s", "Python: create and close a `Pool(2)` (fork)", 5),
    ];
    for (key, name, runs) in rows {
        match py.and_then(|r| r.seconds(key).ok()) {
            Some(t) => println!("| {name} | {} | {runs} |", duration(t)),
            None => println!("| {name} | not measured: no python3 | – |"),
        }
    }
    if let Some(method) = py.and_then(|r| r.get("start_method").ok()) {
        println!("\nPython's default start method here: {method}.");
    }
    println!();
}

/// The median; NaN for no values.
fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// Seconds in the unit that suits them, with three significant digits.
fn duration(seconds: f64) -> String {
    let (value, unit) = match seconds {
        s if s >= 1.0 => (s, "s"),
        s if s >= 1e-3 => (s * 1e3, "ms"),
        s if s >= 1e-6 => (s * 1e6, "µs"),
        s => (s * 1e9, "ns"),
    };
    let decimals = match value {
        v if v >= 100.0 => 0,
        v if v >= 10.0 => 1,
        _ => 2,
    };
    format!("{value:.decimals$} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_well() {
        assert_eq!(duration(1.5), "1.50 s");
        assert_eq!(duration(0.1234), "123 ms");
        assert_eq!(duration(25.4e-6), "25.4 µs");
        assert_eq!(duration(118e-9), "118 ns");
    }

    #[test]
    fn medians() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert!(median(&[]).is_nan());
    }
}
