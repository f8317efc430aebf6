//! ex41 (worker-pool): the Python course's pool.py and pool-map.py with a pool of
//! threads. rayon's `ThreadPool` gives `map` (a parallel iterator) and `apply`
//! (`install`: run there and wait). For `apply_async` and `map_async`, this program
//! has its own small handle, `AsyncResult`, with Python's `ready()` and `get()`.
//! Check it with `cargo run -p runner -- check ex41`.

use rayon::prelude::*;
use rayon::{ThreadPool, ThreadPoolBuilder};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::Duration;

/// The lessons' `f(x) = x**2`.
fn f(x: u64) -> u64 {
    x * x
}

/// `f`, slowly: a task still running when its result is first asked for.
fn slow_f(x: u64) -> u64 {
    thread::sleep(Duration::from_millis(500));
    f(x)
}

/// Python's `pool.map(f, xs)`: `f` of every element, computed in parallel, in the
/// order of `xs`. rayon knows the index of every element of a slice, so `collect`
/// puts each result in its place, whichever thread computed it and whenever.
fn parallel_map(xs: &[u64]) -> Vec<u64> {
    xs.par_iter().map(|&x| f(x)).collect()
}

/// A value that a pool computes in the background: Python's `AsyncResult`.
struct AsyncResult<T> {
    receiver: Receiver<T>,
    /// The value, once `ready` has seen it arrive.
    arrived: Option<T>,
}

impl<T> AsyncResult<T> {
    /// Whether the value is there, without waiting: Python's `ready()`.
    fn ready(&mut self) -> bool {
        if self.arrived.is_none() {
            self.arrived = self.receiver.try_recv().ok();
        }
        self.arrived.is_some()
    }

    /// Waits at most `timeout`: Python's `get(timeout)`. If the value is not there by
    /// then, the `Err` hands the handle back, to be asked again later.
    fn get_timeout(mut self, timeout: Duration) -> Result<T, Self> {
        if let Some(value) = self.arrived.take() {
            return Ok(value);
        }
        match self.receiver.recv_timeout(timeout) {
            Ok(value) => Ok(value),
            Err(RecvTimeoutError::Timeout) => Err(self),
            Err(RecvTimeoutError::Disconnected) => panic!("the task ended without its value"),
        }
    }

    /// Waits as long as it takes: Python's `get()`.
    fn get(self) -> T {
        match self.arrived {
            Some(value) => value,
            None => self.receiver.recv().expect("the task ended without its value"),
        }
    }
}

/// Hands `task` to the pool and returns at once: Python's `apply_async`. The task
/// sends its value through a channel of its own; the handle holds the receiving end.
fn apply_async<T, F>(pool: &ThreadPool, task: F) -> AsyncResult<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let (sender, receiver) = mpsc::channel();
    pool.spawn(move || {
        // An error means the handle was dropped: nobody wants the value any more.
        let _ = sender.send(task());
    });
    AsyncResult {
        receiver,
        arrived: None,
    }
}

fn main() {
    let pool = ThreadPoolBuilder::new()
        .num_threads(8)
        .build()
        .expect("a pool of 8 threads");
    let xs: Vec<u64> = (0..10).collect();

    // pool-map.py: map, blocking.
    println!("map: {:?}", pool.install(|| parallel_map(&xs)));

    // pool.py: apply runs one call in the pool and waits for it.
    println!("apply f(4): {}", pool.install(|| f(4)));

    // apply_async returns at once; poll the handle until the value is there.
    let mut result = apply_async(&pool, || f(12));
    while !result.ready() {
        thread::sleep(Duration::from_millis(1));
    }
    println!("apply_async f(12): {}", result.get());

    // The alternative to polling: wait, but not for ever.
    let slow = apply_async(&pool, || slow_f(7));
    let Err(slow) = slow.get_timeout(Duration::from_millis(10)) else {
        panic!("slow_f sleeps 500 ms, so it cannot be done within 10 ms");
    };
    println!("apply_async slow_f(7): not ready after 10 ms");
    println!("apply_async slow_f(7), get without a timeout: {}", slow.get());

    // pool-map.py's map_async: the whole map as one task in the background.
    let mut squares = apply_async(&pool, move || parallel_map(&xs));
    while !squares.ready() {
        thread::sleep(Duration::from_millis(1));
    }
    println!("map_async: {:?}", squares.get());
}
