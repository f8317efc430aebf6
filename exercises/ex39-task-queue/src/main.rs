//! ex39 (task-queue): the Python course's task-queue.py, with threads. One queue holds
//! the numbers 0 to 99 and then one sentinel per worker; three workers take numbers
//! from it and print their squares until each takes a sentinel. Which worker squares
//! which number, and so the order of the lines, changes from run to run; the total at
//! the end does not.
//! (The stub fills no queue and starts no worker: `fill_queue`, `worker` and
//! `run_workers` are yours to write.)
//! Check it with `cargo run -p runner -- check ex39`.

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Mutex;

/// How many numbers go on the queue.
const TASKS: u64 = 100;
/// How many workers take them.
const WORKERS: usize = 3;

/// One entry of the queue: a number to square, or the sentinel that tells a worker to
/// stop (Python's `None`).
#[allow(dead_code)] // constructed once `fill_queue` is written
enum Task {
    Square(u64),
    Stop,
}

/// What one worker did, returned to `main` when the worker is joined.
#[derive(Default)]
struct Tally {
    tasks: u64,
    sum_of_squares: u64,
}

/// Puts the numbers `0..n_tasks` on the queue, then one `Stop` per worker. The queue is
/// first in, first out, so every number is taken before any worker meets a sentinel.
/// Taking `queue` by value drops it at the end: the queue is then closed, and a worker
/// that finds it empty learns that no sentinel was left for it instead of waiting.
fn fill_queue(_queue: Sender<Task>, _n_tasks: u64, _n_workers: usize) {
    // TODO: `send` a `Task::Square(x)` for every x in 0..n_tasks, then a `Task::Stop`
    // for every worker. `send` returns a `Result` (it fails only when the receiving end
    // is gone, which cannot happen here): `.expect("...")` it. (Remove the `_`s.)
    todo!("put the numbers and one sentinel per worker on the queue")
}

/// Takes the next task. The lock is a temporary of this one statement: the other
/// workers wait for the queue only while a task is taken, never while one is computed.
#[allow(dead_code)] // until `worker` uses it
fn next_task(queue: &Mutex<Receiver<Task>>) -> Task {
    queue
        .lock()
        .expect("no worker panics while it holds the queue")
        .recv()
        .expect("the queue was closed without a sentinel for this worker")
}

/// task-queue.py's `f(q)`: squares numbers from the queue until it takes a sentinel.
#[allow(dead_code)] // until `run_workers` uses it
fn worker(_queue: &Mutex<Receiver<Task>>) -> Tally {
    // TODO: start from `Tally::default()`, then loop: take `next_task(queue)`; for
    // `Task::Square(x)` print `{x}^2 = {square}` (for example `9^2 = 81`) and add to
    // the tally's two fields; for `Task::Stop`, return the tally. Print nothing that
    // says which worker you are: that changes from run to run, and every line is
    // checked. (Remove the `_` of the parameter.)
    todo!("square numbers from the queue until a sentinel comes")
}

/// Starts `n_workers` threads on the queue and joins them all. Scoped threads may
/// borrow `queue`, because the scope ends only after every thread has ended.
fn run_workers(_queue: &Mutex<Receiver<Task>>, _n_workers: usize) -> Vec<Tally> {
    // TODO: inside `std::thread::scope(|scope| { ... })`, start the workers first with
    // `scope.spawn(|| worker(queue))`, keeping the handles in a `Vec`; only then
    // `join()` each handle (it returns the worker's `Tally` in a `Result`) and collect
    // the tallies. Joining each thread right after starting it would run the workers
    // one after the other. (Remove the `_`s.)
    todo!("start the workers, then join them")
}

fn main() {
    let (sender, receiver) = mpsc::channel();
    fill_queue(sender, TASKS, WORKERS);
    let tallies = run_workers(&Mutex::new(receiver), WORKERS);

    let tasks: u64 = tallies.iter().map(|t| t.tasks).sum();
    let sum: u64 = tallies.iter().map(|t| t.sum_of_squares).sum();
    println!("Squared {tasks} numbers with {WORKERS} workers; the squares add up to {sum}");
}
