//! NumPy's row: CSC's vectorized `evolve`, run by a Python interpreter as a subprocess
//! that loads the initial field from a file the benchmark wrote, takes a few steps,
//! timing each itself (without the interpreter's start-up and the imports), prints
//! NumPy's version and the times, and writes its final field to another file. The benchmark compares that field
//! with its own, bit for bit. Without the interpreter, or without NumPy in it, the row
//! says "not measured"; nothing else needs Python.

use std::path::Path;
use std::process::Command;

/// `python SCRIPT initial.bin final.bin rows columns steps`. The step is CSC's
/// numpy/heat-equation `evolve`, with the two fields trading places after each step
/// instead of CSC's copy `u_previous[:] = u[:]`, as the Rust and C rows do.
const SCRIPT: &str = r#"
import sys
from time import perf_counter
import numpy as np

initial, final = sys.argv[1], sys.argv[2]
rows, columns, steps = map(int, sys.argv[3:6])
a, dx, dy = 0.5, 0.01, 0.01
dx2, dy2 = dx * dx, dy * dy
dt = dx2 * dy2 / (2 * a * (dx2 + dy2))

def evolve(u, u_previous):
    u[1:-1, 1:-1] = u_previous[1:-1, 1:-1] + a * dt * (
        (u_previous[2:, 1:-1] - 2 * u_previous[1:-1, 1:-1] + u_previous[:-2, 1:-1]) / dx2
        + (u_previous[1:-1, 2:] - 2 * u_previous[1:-1, 1:-1] + u_previous[1:-1, :-2]) / dy2)

u_previous = np.fromfile(initial, dtype=np.float64).reshape(rows, columns)
u = u_previous.copy()
times = []
for _ in range(steps):
    start = perf_counter()
    evolve(u, u_previous)
    u, u_previous = u_previous, u
    times.append(perf_counter() - start)
u_previous.tofile(final)
print(np.__version__, *times)
"#;

/// Whether `python` runs and imports NumPy, or why not.
pub fn check(python: &str) -> Result<(), String> {
    match Command::new(python).args(["-c", "import numpy"]).output() {
        Ok(out) if out.status.success() => Ok(()),
        Ok(_) => Err(format!("not measured: {python} cannot import numpy")),
        Err(_) => Err(format!("not measured: no {python} to run")),
    }
}

/// What one run of the script reports: NumPy's version, and the time of each step.
#[derive(Debug, PartialEq)]
pub struct Steps {
    pub version: String,
    pub times: Vec<f64>,
}

/// Runs `steps` NumPy steps of the `rows` x `columns` field in `initial` (f64 in this
/// machine's byte order); the final field is in `final_field`.
pub fn run(
    python: &str,
    initial: &Path,
    final_field: &Path,
    (rows, columns): (usize, usize),
    steps: usize,
) -> Result<Steps, String> {
    let out = Command::new(python)
        .args(["-c", SCRIPT])
        .args([initial, final_field])
        .args([rows, columns, steps].map(|n| n.to_string()))
        .output()
        .map_err(|e| format!("cannot run {python}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{python} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    parse(&String::from_utf8_lossy(&out.stdout), steps)
}

/// The script's one line: NumPy's version, then `steps` times in seconds.
fn parse(stdout: &str, steps: usize) -> Result<Steps, String> {
    let mut words = stdout.split_whitespace();
    let version = words.next().unwrap_or_default().to_string();
    let times: Option<Vec<f64>> = words.map(|w| w.parse().ok()).collect();
    match times {
        Some(times) if times.len() == steps => Ok(Steps { version, times }),
        _ => Err(format!(
            "python printed {stdout:?}, not NumPy's version and {steps} times"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_scripts_line() {
        let steps = Steps {
            version: "2.4.6".into(),
            times: vec![0.5, 0.25],
        };
        assert_eq!(parse("2.4.6 0.5 0.25\n", 2), Ok(steps));
        assert!(parse("2.4.6 0.5\n", 2).is_err());
        assert!(parse("Traceback", 1).is_err());
    }

    #[test]
    fn the_script_keeps_the_capstones_formula() {
        assert!(SCRIPT.contains("u_previous[1:-1, 1:-1] + a * dt * ("));
        assert!(SCRIPT.contains("u, u_previous = u_previous, u"));
    }
}
