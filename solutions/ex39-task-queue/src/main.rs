//! ex39 (task-queue): the Python course's task-queue.py, with threads. One queue holds
//! the numbers 0 to 99 and then one sentinel per worker; three workers take numbers
//! from it and print their squares until each takes a sentinel. Which worker squares
//! which number, and so the order of the lines, changes from run to run; the total at
//! the end does not.
//! Check it with `cargo run -p runner -- check ex39`.

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Mutex;
use std::thread;

/// How many numbers go on the queue.
const TASKS: u64 = 100;
/// How many workers take them.
const WORKERS: usize = 3;

/// One entry of the queue: a number to square, or the sentinel that tells a worker to
/// stop (Python's `None`).
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
fn fill_queue(queue: Sender<Task>, n_tasks: u64, n_workers: usize) {
    let tasks = (0..n_tasks).map(Task::Square);
    let sentinels = (0..n_workers).map(|_| Task::Stop);
    for task in tasks.chain(sentinels) {
        queue
            .send(task)
            .expect("the receiving end lives until the workers end");
    }
}

/// Takes the next task. The lock is a temporary of this one statement: the other
/// workers wait for the queue only while a task is taken, never while one is computed.
fn next_task(queue: &Mutex<Receiver<Task>>) -> Task {
    queue
        .lock()
        .expect("no worker panics while it holds the queue")
        .recv()
        .expect("the queue was closed without a sentinel for this worker")
}

/// task-queue.py's `f(q)`: squares numbers from the queue until it takes a sentinel.
fn worker(queue: &Mutex<Receiver<Task>>) -> Tally {
    let mut tally = Tally::default();
    loop {
        match next_task(queue) {
            Task::Square(x) => {
                let square = x * x;
                println!("{x}^2 = {square}");
                tally.tasks += 1;
                tally.sum_of_squares += square;
            }
            Task::Stop => return tally,
        }
    }
}

/// Starts `n_workers` threads on the queue and joins them all. Scoped threads may
/// borrow `queue`, because the scope ends only after every thread has ended.
fn run_workers(queue: &Mutex<Receiver<Task>>, n_workers: usize) -> Vec<Tally> {
    thread::scope(|scope| {
        let workers: Vec<_> = (0..n_workers).map(|_| scope.spawn(|| worker(queue))).collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a worker panicked"))
            .collect()
    })
}

fn main() {
    let (sender, receiver) = mpsc::channel();
    fill_queue(sender, TASKS, WORKERS);
    let tallies = run_workers(&Mutex::new(receiver), WORKERS);

    let tasks: u64 = tallies.iter().map(|t| t.tasks).sum();
    let sum: u64 = tallies.iter().map(|t| t.sum_of_squares).sum();
    println!("Squared {tasks} numbers with {WORKERS} workers; the squares add up to {sum}");
}
