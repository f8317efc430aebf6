//! The Python rows: the lecture's pure-Python kernel and a NumPy-vectorized fill,
//! written here, run by `python3` as a subprocess that times its own fill (without the
//! interpreter's start-up) and prints the seconds and the sum of its counts. The Rust
//! side checks that sum against its own table, so the Python rows compute the same
//! numbers. When `python3`, or NumPy, is missing, the row says "not measured"; nothing
//! else in the crate, its tests included, needs Python.

use crate::kernels::Params;
use std::process::Command;

/// `python3 -c SCRIPT MODE n bound cr ci lim cutoff`; MODE is `pure` or `numpy`.
const SCRIPT: &str = r#"
import sys
from time import perf_counter

def kernel(zr, zi, cr, ci, lim, cutoff):
    count = 0
    while ((zr*zr + zi*zi) < (lim*lim)) and count < cutoff:
        zr, zi = zr * zr - zi * zi + cr, 2 * zr * zi + ci
        count += 1
    return count

def linspace(start, stop, n):
    # As numpy.linspace computes it, so that every row starts from the same numbers.
    step = (stop - start) / (n - 1)
    grid = [k * step + start for k in range(n)]
    grid[-1] = stop
    return grid

def fill_pure(grid, cr, ci, lim, cutoff):
    n = len(grid)
    mandel = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            mandel[i][j] = kernel(grid[i], grid[j], cr, ci, lim, cutoff)
    return sum(map(sum, mandel))

def fill_numpy(grid, cr, ci, lim, cutoff):
    import numpy as np
    n = len(grid)
    g = np.array(grid)
    zr, zi = np.repeat(g, n), np.tile(g, n)   # entry i*n + j starts at g[i] + i g[j]
    counts = np.zeros(n * n, dtype=np.int64)
    alive = np.arange(n * n)
    count = 0
    while True:
        keep = zr * zr + zi * zi < lim * lim
        alive, zr, zi = alive[keep], zr[keep], zi[keep]
        if alive.size == 0 or count >= cutoff:
            break
        zr, zi = zr * zr - zi * zi + cr, 2 * zr * zi + ci
        count += 1
        counts[alive] = count
    return int(counts.sum())

mode = sys.argv[1]
n = int(sys.argv[2])
bound, cr, ci, lim, cutoff = map(float, sys.argv[3:8])
grid = linspace(-bound, bound, n)
fill = fill_pure if mode == "pure" else fill_numpy
if mode == "numpy":
    import numpy
t0 = perf_counter()
checksum = fill(grid, cr, ci, lim, cutoff)
print(perf_counter() - t0, checksum)
"#;

/// The two Python rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Pure,
    Numpy,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Pure => "pure Python",
            Mode::Numpy => "NumPy, vectorized",
        }
    }

    fn arg(self) -> &'static str {
        match self {
            Mode::Pure => "pure",
            Mode::Numpy => "numpy",
        }
    }
}

/// Whether this mode can run here: `python3` on PATH, and for NumPy, `import numpy`.
pub fn available(mode: Mode) -> bool {
    let probe = match mode {
        Mode::Pure => "import sys",
        Mode::Numpy => "import numpy",
    };
    Command::new("python3")
        .args(["-c", probe])
        .output()
        .is_ok_and(|out| out.status.success())
}

/// Runs one fill of `p`'s table in Python and returns its own timing, in seconds, and
/// the sum of its counts.
pub fn run(mode: Mode, p: &Params) -> Result<(f64, u64), String> {
    let out = Command::new("python3")
        .args(["-c", SCRIPT, mode.arg(), &p.n.to_string()])
        .args([p.bound, p.cr, p.ci, p.lim, f64::from(p.cutoff)].map(|x| format!("{x:?}")))
        .output()
        .map_err(|err| format!("cannot run python3: {err}"))?;
    if !out.status.success() {
        return Err(format!(
            "python3 ({}) failed ({}): {}",
            mode.arg(),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    parse(&String::from_utf8_lossy(&out.stdout))
}

/// The script's one line: seconds, then the checksum.
fn parse(stdout: &str) -> Result<(f64, u64), String> {
    let mut words = stdout.split_whitespace();
    let seconds = words.next().and_then(|w| w.parse::<f64>().ok());
    let checksum = words.next().and_then(|w| w.parse::<u64>().ok());
    match (seconds, checksum) {
        (Some(s), Some(c)) => Ok((s, c)),
        _ => Err(format!("python3 printed {stdout:?}, not `seconds checksum`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_scripts_line() {
        assert_eq!(parse("2.5 123\n"), Ok((2.5, 123)));
        assert!(parse("Traceback").is_err());
    }

    #[test]
    fn the_script_has_the_corrected_update() {
        assert!(SCRIPT.contains("zr, zi = zr * zr - zi * zi + cr, 2 * zr * zi + ci"));
        assert!(!SCRIPT.contains("zi = zi * zr"));
    }
}
