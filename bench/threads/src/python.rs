//! The Python rows: a script, written here and run by `python3` as a subprocess, that
//! times what the Rust side times, in its own process (without the interpreter's
//! start-up): starting and joining a `threading.Thread` and a `multiprocessing`
//! process (with the "fork" and the "spawn" start methods), creating a `Pool(2)`, and
//! the Collatz sum on one thread, on two threads, and by a `Pool(2).map` over two
//! halves. It prints `key value` lines; the Rust side checks the sums against its
//! own. Where `python3` is missing, the rows say "not measured"; nothing else in the
//! crate, its tests included, needs Python.

use std::collections::HashMap;
use std::process::Command;

/// `python3 -c SCRIPT n rounds`.
const SCRIPT: &str = r#"
import multiprocessing as mp
import sys
import threading
from time import perf_counter

def steps(n):
    count = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        count += 1
    return count

def total(bounds):
    low, high = bounds
    return sum(steps(n) for n in range(low, high))

def nothing():
    pass

def median(xs):
    xs = sorted(xs)
    k = len(xs) // 2
    return xs[k] if len(xs) % 2 else (xs[k - 1] + xs[k]) / 2

def start_join(make, runs):
    times = []
    for _ in range(runs):
        t0 = perf_counter()
        worker = make()
        worker.start()
        worker.join()
        times.append(perf_counter() - t0)
    return median(times)

def on_threads(halves):
    sums = [0, 0]
    def run(k):
        sums[k] = total(halves[k])
    workers = [threading.Thread(target=run, args=(k,)) for k in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return sum(sums)

def timed(f):
    t0 = perf_counter()
    result = f()
    return perf_counter() - t0, result

if __name__ == "__main__":
    n, rounds = int(sys.argv[1]), int(sys.argv[2])
    print("start_method", mp.get_start_method())
    print("thread_start_s", start_join(lambda: threading.Thread(target=nothing), 300))
    fork, spawn = mp.get_context("fork"), mp.get_context("spawn")
    print("fork_start_s", start_join(lambda: fork.Process(target=nothing), 40))
    print("spawn_start_s", start_join(lambda: spawn.Process(target=nothing), 8))
    pool_times = []
    for _ in range(5):
        t0 = perf_counter()
        with mp.Pool(2):
            pass
        pool_times.append(perf_counter() - t0)
    print("pool_create_s", median(pool_times))
    whole, halves = (1, n + 1), [(1, n // 2 + 1), (n // 2 + 1, n + 1)]
    times = {"serial": [], "threads": [], "pool": []}
    with mp.Pool(2) as pool:
        pool.map(total, [(1, 2), (1, 2)])
        for r in range(rounds):
            runs = [("serial", lambda: total(whole)),
                    ("threads", lambda: on_threads(halves)),
                    ("pool", lambda: sum(pool.map(total, halves)))]
            for name, f in (runs if r % 2 == 0 else runs[::-1]):
                seconds, result = timed(f)
                times[name].append(seconds)
                print("sum_" + name, result)
    for name, ts in times.items():
        print(name + "_s", median(ts))
"#;

/// What the script printed, by key.
pub struct Report(HashMap<String, String>);

impl Report {
    /// A number the script printed.
    pub fn seconds(&self, key: &str) -> Result<f64, String> {
        self.get(key)?
            .parse()
            .map_err(|_| format!("python3 printed {key} {:?}, not a number", self.0[key]))
    }

    /// A word the script printed.
    pub fn get(&self, key: &str) -> Result<&str, String> {
        self.0
            .get(key)
            .map(String::as_str)
            .ok_or_else(|| format!("python3 printed no {key}"))
    }
}

/// Whether `python3` runs here at all.
pub fn available() -> bool {
    Command::new("python3")
        .args(["-c", "import multiprocessing"])
        .output()
        .is_ok_and(|out| out.status.success())
}

/// Runs the script on 1..=n for `rounds` rounds.
pub fn run(n: u64, rounds: usize) -> Result<Report, String> {
    let out = Command::new("python3")
        .args(["-c", SCRIPT, &n.to_string(), &rounds.to_string()])
        .output()
        .map_err(|err| format!("cannot run python3: {err}"))?;
    if !out.status.success() {
        return Err(format!(
            "python3 failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(parse(&String::from_utf8_lossy(&out.stdout)))
}

/// `key value` lines; a key printed again (the sums, once per round) must repeat its
/// value, or the key maps to `mismatch`.
fn parse(stdout: &str) -> Report {
    let mut map = HashMap::new();
    for line in stdout.lines() {
        if let Some((key, value)) = line.split_once(' ') {
            let entry = map.entry(key.to_string()).or_insert_with(|| value.to_string());
            if entry != value {
                *entry = "mismatch".to_string();
            }
        }
    }
    Report(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys_and_repeated_sums() {
        let r = parse("serial_s 0.5\nsum_pool 7\nsum_pool 7\nsum_threads 7\nsum_threads 8\n");
        assert_eq!(r.seconds("serial_s"), Ok(0.5));
        assert_eq!(r.get("sum_pool"), Ok("7"));
        assert_eq!(r.get("sum_threads"), Ok("mismatch"));
        assert!(r.get("pool_s").is_err());
    }
}
