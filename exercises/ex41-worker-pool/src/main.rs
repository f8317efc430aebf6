//! ex41 (worker-pool): the Python course's pool.py and pool-map.py with a pool of
//! threads. rayon's `ThreadPool` gives `map` (a parallel iterator) and `apply`
//! (`install`: run there and wait). For `apply_async` and `map_async`, this program
//! has its own small handle, `AsyncResult`, with Python's `ready()` and `get()`.
//! (The stub maps nothing and its handle does not work yet: `parallel_map`,
//! `apply_async` and `AsyncResult`'s three methods are yours to write.)
//! Check it with `cargo run -p runner -- check ex41`.

#[allow(unused_imports)] // `par_iter`, for `parallel_map`
use rayon::prelude::*;
use rayon::{ThreadPool, ThreadPoolBuilder};
use std::sync::mpsc::Receiver;
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
fn parallel_map(_xs: &[u64]) -> Vec<u64> {
    // TODO: the serial version would be `xs.iter().map(|&x| f(x)).collect()`; rayon's
    // prelude (imported above) gives slices `par_iter()`. (Remove the `_`.)
    todo!("f of every element, in parallel")
}

/// A value that a pool computes in the background: Python's `AsyncResult`.
#[allow(dead_code)] // read once its methods are written
struct AsyncResult<T> {
    receiver: Receiver<T>,
    /// The value, once `ready` has seen it arrive.
    arrived: Option<T>,
}

impl<T> AsyncResult<T> {
    /// Whether the value is there, without waiting: Python's `ready()`.
    fn ready(&mut self) -> bool {
        // TODO: unless a value has arrived already, `try_recv()` one from the receiver
        // (it never waits; `.ok()` turns its `Result` into the `Option` to keep in
        // `arrived`). Then say whether `arrived` holds a value.
        todo!("look for the value without waiting")
    }

    /// Waits at most `timeout`: Python's `get(timeout)`. If the value is not there by
    /// then, the `Err` hands the handle back, to be asked again later.
    fn get_timeout(self, _timeout: Duration) -> Result<T, Self> {
        // TODO: a value in `arrived` is `Ok` at once. Otherwise `recv_timeout(timeout)`
        // on the receiver: its value is `Ok`; `std::sync::mpsc::RecvTimeoutError::Timeout`
        // becomes `Err(self)`; `RecvTimeoutError::Disconnected` (the task ended without
        // sending) is a `panic!`. (Remove the `_`; `self` must be `mut`.)
        todo!("wait for the value, but at most `timeout`")
    }

    /// Waits as long as it takes: Python's `get()`.
    fn get(self) -> T {
        // TODO: the value in `arrived` if there is one, else `recv()` from the receiver
        // (it waits; `expect` its `Result`).
        todo!("wait for the value")
    }
}

/// Hands `task` to the pool and returns at once: Python's `apply_async`. The task
/// sends its value through a channel of its own; the handle holds the receiving end.
fn apply_async<T, F>(_pool: &ThreadPool, _task: F) -> AsyncResult<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    // TODO: make a channel with `std::sync::mpsc::channel()`; `pool.spawn(move || ...)`
    // a closure that sends `task()` through the sender (ignore the `Result` of `send`
    // with `let _ =`: an error only means the handle was dropped); return an
    // `AsyncResult` holding the receiver, with nothing `arrived` yet. (Remove the `_`s.)
    todo!("start the task in the pool and return its handle")
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
