//! ex40 (pipe-workers): the task queue of ex39 between processes. The parent starts
//! three workers (this same program, run with the argument `worker`) and talks to each
//! through two pipes, its stdin and its stdout. Pipes carry bytes, so tasks and
//! answers travel as text, one number per line. The parent hands the tasks out in
//! turn, collects every answer, and prints them in task order: the workers run in any
//! order, the output does not depend on it.
//! Check it with `cargo run -p runner -- check ex40`.

use std::env;
use std::io::{self, BufRead, BufReader, Write};
use std::process::{self, Child, Command, Stdio};

/// How many numbers the workers square.
const TASKS: u64 = 12;
/// How many worker processes square them.
const WORKERS: usize = 3;

/// The worker's side: squares each number it reads, one per line, and writes the
/// square on a line of its own. A pipe is first in, first out, so the answers leave in
/// the order the tasks came. The loop ends at end of file, when the parent closes its
/// end of the pipe: a pipe needs no sentinel.
fn serve(input: impl BufRead, mut output: impl Write) -> io::Result<()> {
    for line in input.lines() {
        let x = number(&line?)?;
        writeln!(output, "{}", x * x)?;
    }
    Ok(())
}

/// Reads one line of a pipe as a number: both sides' only message format.
fn number(line: &str) -> io::Result<u64> {
    line.trim()
        .parse()
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, format!("{line:?} is not a number")))
}

/// Starts this program again as a worker, with pipes to its stdin and from its stdout.
fn spawn_worker() -> io::Result<Child> {
    Command::new(env::current_exe()?)
        .arg("worker")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
}

/// Writes task `i` to worker `i % n`, one line each, then closes every worker's stdin,
/// which ends its loop. Everything is written before anything is read: fine for a few
/// short lines, which fit in a pipe's buffer (64 KiB on Linux). With more, a worker
/// would block on its full stdout, stop reading, and the parent would block too.
fn send_tasks(workers: &mut [Child], tasks: &[String]) -> io::Result<()> {
    for (i, task) in tasks.iter().enumerate() {
        let stdin = workers[i % workers.len()]
            .stdin
            .as_mut()
            .expect("workers are spawned with a piped stdin");
        writeln!(stdin, "{task}")?;
    }
    for worker in workers {
        drop(worker.stdin.take());
    }
    Ok(())
}

/// Reads a worker's answers until its stdout ends, then waits for it. A worker that
/// dies closes its stdout as well, so this never hangs: it returns an error that says
/// how the worker ended and how many of its tasks it answered.
fn collect(id: usize, mut worker: Child, sent: usize) -> io::Result<Vec<u64>> {
    let stdout = worker
        .stdout
        .take()
        .expect("workers are spawned with a piped stdout");
    let mut answers = Vec::with_capacity(sent);
    for line in BufReader::new(stdout).lines() {
        answers.push(number(&line?)?);
    }
    let status = worker.wait()?;
    if status.success() && answers.len() == sent {
        Ok(answers)
    } else {
        Err(io::Error::other(format!(
            "worker {id} ended with {status} after answering {} of {sent} tasks",
            answers.len()
        )))
    }
}

/// How many of `n_tasks` tasks, handed out in turn, worker `id` of `n_workers` gets.
fn sent_to(id: usize, n_workers: usize, n_tasks: usize) -> usize {
    n_tasks.saturating_sub(id).div_ceil(n_workers)
}

/// Runs `tasks` on `n_workers` worker processes and returns the answers in task order.
/// Task `i` went to worker `i % n` as that worker's task number `i / n`, so that is
/// where its answer is found.
fn run_pool(tasks: &[String], n_workers: usize) -> io::Result<Vec<u64>> {
    let mut workers = (0..n_workers)
        .map(|_| spawn_worker())
        .collect::<io::Result<Vec<_>>>()?;
    send_tasks(&mut workers, tasks)?;
    // Every worker is collected and waited for, even after one has failed.
    let results: Vec<io::Result<Vec<u64>>> = workers
        .into_iter()
        .enumerate()
        .map(|(id, worker)| collect(id, worker, sent_to(id, n_workers, tasks.len())))
        .collect();
    let per_worker = results.into_iter().collect::<io::Result<Vec<_>>>()?;
    Ok((0..tasks.len())
        .map(|i| per_worker[i % n_workers][i / n_workers])
        .collect())
}

fn main() -> io::Result<()> {
    if env::args().nth(1).as_deref() == Some("worker") {
        if let Err(error) = serve(io::stdin().lock(), io::stdout().lock()) {
            eprintln!("worker {}: {error}", process::id());
            process::exit(1);
        }
        return Ok(());
    }

    let tasks: Vec<String> = (0..TASKS).map(|x| x.to_string()).collect();
    let squares = run_pool(&tasks, WORKERS)?;
    println!("{WORKERS} worker processes, {TASKS} tasks, one number per line each way:");
    for (i, square) in squares.iter().enumerate() {
        println!("  {i}^2 = {square}, computed by worker {}", i % WORKERS);
    }

    // A worker that fails: it answers "7", then cannot read "seven" and exits.
    let bad = ["7".to_string(), "seven".to_string()];
    match run_pool(&bad, 1) {
        Ok(_) => println!("a worker squared \"seven\"?"),
        Err(error) => println!("given 7 and seven: {error}"),
    }
    Ok(())
}
