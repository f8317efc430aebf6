//! ex43 (centre-queue), reference solution: the centre of a protein's atoms, computed
//! by worker threads that take their tasks from a queue, as CSC's work-distribution
//! exercise (b) does with `multiprocessing.Queue`.
//!
//! The main thread cuts the ATOM records of `data/atoms.pdb` into tasks of 100 lines,
//! numbers them, and puts them on a task queue, followed by one sentinel (`None`) per
//! worker. Three workers take tasks until they meet a sentinel, and put each partial
//! result, with its task's number, on a second queue. The results arrive in whatever
//! order the workers finish; the main thread puts each back at its task's place and
//! adds them up in task order, so the centre is the same on every run.
//!
//! Mirrors seed 002, "Multiprocessing: Queues" (task-queue.py: `q.get()` until the
//! sentinel `None`, one `q.put(None)` per worker), and CSC's exercise
//! multiprocessing/work-distribution (b) (the results of each chunk in a separate
//! queue).
//! Check it with `cargo run -p runner -- check ex43`.

use std::path::Path;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Mutex;
use std::thread;

/// Atoms per task, as in CSC's exercise.
const CHUNK: usize = 100;
/// Worker threads, as many as task-queue.py starts.
const WORKERS: usize = 3;

/// What one task reports: the sums of its atoms' coordinates, and how many atoms it
/// had.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Partial {
    sum: [f64; 3],
    count: usize,
}

/// An entry of the task queue: a task's number and its lines, or `None`, the
/// sentinel that tells a worker to stop. The lines are borrowed from the file's
/// text: the workers are scoped threads, which may borrow what outlives the scope.
type Task<'a> = Option<(usize, &'a [&'a str])>;

fn main() -> std::io::Result<()> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/atoms.pdb");
    let text = std::fs::read_to_string(path)?;
    let atoms = atom_records(&text);
    let tasks = atoms.len().div_ceil(CHUNK);
    println!(
        "data/atoms.pdb: {} ATOM records, other records skipped",
        atoms.len()
    );
    println!("{tasks} tasks of at most {CHUNK} atoms, then {WORKERS} sentinels, to {WORKERS} workers");

    let queued = centre_queue(&atoms, WORKERS);
    let serial = combine(&atoms.chunks(CHUNK).map(partial).collect::<Vec<_>>());
    println!(
        "{:<24}centre = {}",
        format!("queue, {WORKERS} workers:"),
        show(queued)
    );
    println!("{:<24}centre = {}", "serial, the same tasks:", show(serial));
    println!("  equal to the last bit: {}", queued == serial);
    Ok(())
}

/// The centre of `atoms`, computed by `workers` threads that take tasks of `CHUNK`
/// lines from a queue.
fn centre_queue(atoms: &[&str], workers: usize) -> [f64; 3] {
    // std's channel has one receiving end, so the workers share it behind a Mutex:
    // the lock that Python's Queue takes for you, here in plain sight.
    let (task_tx, task_rx) = mpsc::channel::<Task>();
    let task_rx = Mutex::new(task_rx);
    let (result_tx, result_rx) = mpsc::channel();
    let tasks = atoms.chunks(CHUNK);
    let count = tasks.len();
    thread::scope(|scope| {
        for _ in 0..workers {
            let results = result_tx.clone();
            let task_rx = &task_rx;
            scope.spawn(move || worker(task_rx, results));
        }
        // Only the workers hold senders now: the result queue ends when they do.
        drop(result_tx);
        for (index, lines) in tasks.enumerate() {
            // A send fails only if the receiving end is gone; it lives in this function.
            task_tx
                .send(Some((index, lines)))
                .expect("the task queue is open");
        }
        for _ in 0..workers {
            task_tx.send(None).expect("the task queue is open");
        }
        combine(&in_task_order(result_rx, count))
    })
}

/// A worker: takes tasks from the queue until it takes a sentinel, and sends each
/// task's partial result, with the task's number, to the result queue.
fn worker(tasks: &Mutex<Receiver<Task>>, results: Sender<(usize, Partial)>) {
    loop {
        // The lock is held only for this statement: the guard is a temporary, dropped
        // at the semicolon, so the other workers can take tasks while this one works.
        let task = tasks.lock().expect("a worker panicked").recv();
        let Ok(Some((index, lines))) = task else {
            break;
        };
        results
            .send((index, partial(lines)))
            .expect("the main thread stopped early");
    }
}

/// The partial results of `tasks` tasks, each at its task's place, however they
/// arrived: the queue ends when every worker has dropped its sender.
fn in_task_order(results: Receiver<(usize, Partial)>, tasks: usize) -> Vec<Partial> {
    let mut slots = vec![None; tasks];
    for (index, partial) in results {
        slots[index] = Some(partial);
    }
    slots
        .into_iter()
        .enumerate()
        .map(|(index, slot)| slot.unwrap_or_else(|| panic!("no result for task {index}")))
        .collect()
}

/// One task: the sums of the coordinates of `lines`, in line order, and their number.
fn partial(lines: &[&str]) -> Partial {
    let mut sum = [0.0; 3];
    for line in lines {
        for (s, x) in sum.iter_mut().zip(coordinates(line)) {
            *s += x;
        }
    }
    Partial {
        sum,
        count: lines.len(),
    }
}

/// The centre from the tasks' partial results, added up in the order given: the same
/// partials in the same order give the same bits.
fn combine(partials: &[Partial]) -> [f64; 3] {
    let mut sum = [0.0; 3];
    let mut count = 0;
    for p in partials {
        for (s, x) in sum.iter_mut().zip(p.sum) {
            *s += x;
        }
        count += p.count;
    }
    sum.map(|s| s / count as f64)
}

/// The ATOM records of a PDB file; HETATM (water, ligands), TER, headers and the
/// rest are left out, as CSC's parser does.
fn atom_records(text: &str) -> Vec<&str> {
    text.lines().filter(|line| line.starts_with("ATOM  ")).collect()
}

/// x, y and z of one ATOM record: the PDB format's fixed columns 31-38, 39-46 and
/// 47-54 (in Rust's 0-based byte ranges, 30..38, 38..46, 46..54).
fn coordinates(line: &str) -> [f64; 3] {
    [30..38, 38..46, 46..54].map(|cols| {
        let field = line.get(cols).unwrap_or_default().trim();
        field
            .parse()
            .unwrap_or_else(|_| panic!("not a coordinate: {field:?} in {line:?}"))
    })
}

/// A centre as the program prints it: three decimals, as in the file.
fn show([x, y, z]: [f64; 3]) -> String {
    format!("({x:.3}, {y:.3}, {z:.3})")
}
