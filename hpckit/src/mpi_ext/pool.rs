//! A task pool over MPI: rank 0 hands out tasks, every other rank computes them with
//! one function and sends the result back, and gets its next task when it does.
//!
//! # Why this module exists
//!
//! `mpi4py.futures` runs Python functions on a pool of MPI processes: the process that
//! holds an `MPIPoolExecutor` (or an `MPICommExecutor`) submits calls, the others
//! execute them, and the results come back as *futures*, in the order the calls were
//! submitted (`executor.map`) or as they complete (`concurrent.futures.as_completed`).
//! Work whose pieces take unequal time (rows of a Julia set, where the rows through
//! the set cost many times the others) is then balanced by itself: a process that
//! finishes early simply gets more pieces. rsmpi has point-to-point messages but no
//! such pool; this module builds one from them, in safe code.
//!
//! Python sends the function to the workers, pickled. A Rust program is the same
//! binary on every rank, so every rank passes the same function to [`Pool::new`] and
//! only the task travels: a `u64` (an index, or a small value packed into one). A
//! result is a `Vec<T>` of an MPI type, of any length.
//!
//! ```no_run
//! use hpckit::mpi_ext::pool::Pool;
//! use mpi::traits::*;
//!
//! let universe = mpi::initialize().unwrap();
//! let world = universe.world();
//! // Rank 0 gets the pool; the workers compute in `new` until rank 0 drops it.
//! if let Some(mut pool) = Pool::new(&world, |task: u64| vec![task * task]) {
//!     // As submitted: in task order, whoever computed them.
//!     let squares = pool.map(0..10);
//!     assert_eq!(squares[3], [9]);
//!     // As completed: whichever result arrives first comes first.
//!     for done in pool.as_completed([7, 8, 9]) {
//!         println!("task {} (number {} of the three) came from rank {}", done.task, done.index, done.worker);
//!     }
//! } // Dropped here: every worker gets its stop message and returns from `new`.
//! world.barrier();
//! ```
//!
//! # Why no message can be taken by the wrong receive
//!
//! - **A communicator of its own.** [`Pool::new`] duplicates the communicator it is
//!   given (`MPI_Comm_dup`). A message sent on one communicator can only be received
//!   on that one, so none of the pool's messages can be taken by a receive of the
//!   program, or of another pool, and none of theirs by the pool.
//! - **Three kinds of message, told apart by tag and direction.** On that
//!   communicator rank 0 sends `TASK` (a `u64`) and `STOP` (empty) to a worker, and a
//!   worker sends `RESULT` to rank 0. A worker receives only from rank 0, and rank 0
//!   receives only messages tagged `RESULT`: a task can never reach rank 0, nor a
//!   result another worker.
//! - **At most one task per worker.** Rank 0 sends a worker its next task only once
//!   the result of the previous one has arrived. So a result from worker `w` belongs to
//!   the one task `w` holds, and carries no index; and between rank 0 and each worker
//!   the messages strictly alternate, task, result, task, …, stop: at most one is ever
//!   in flight between the two, so there is no order to get wrong.
//! - **The length comes with the message.** Results differ in length, so rank 0 asks
//!   for the next result with a *matched* probe (`MPI_Mprobe`), which removes that one
//!   message from matching, and receives exactly it (`MPI_Mrecv`) into a `Vec` of the
//!   probed length. (A plain probe followed by a receive from any source could receive
//!   another worker's result than the one it measured.)
//! - **Nobody waits for ever.** Rank 0 waits only for a result while some worker holds
//!   a task, or sends to a worker that holds none and so is waiting in its receive. A
//!   worker waits only for rank 0's next message. Before the stop messages go out,
//!   rank 0 receives every result still on its way (an [`AsCompleted`] dropped early
//!   does that too), so no worker is left blocked in sending a result nobody receives,
//!   and each one gets exactly one stop.
//!
//! # What is left to you
//!
//! - Every rank of the communicator calls [`Pool::new`] with the same function (it is
//!   collective: the duplication is), and the communicator has at least 2 ranks.
//! - The workers stay inside `new` until rank 0 drops the pool. Meanwhile rank 0 must
//!   not call a collective with them, on any communicator: end the pool first.
//! - If a task panics on a worker, that process ends and MPI ends the job (or the
//!   workbook's runner reports the panic); forgetting the pool (`std::mem::forget`)
//!   on rank 0 leaves the workers waiting for their stop message. Neither is unsafe;
//!   both are a failed run.

use std::collections::VecDeque;
use std::marker::PhantomData;

use mpi::point_to_point::MatchedReceiveVec;
use mpi::topology::{Communicator, Rank, SimpleCommunicator};
use mpi::traits::*;
use mpi::Tag;

/// The rank that hands out the tasks.
const ROOT: Rank = 0;
/// Rank 0 to a worker: a task, one `u64`.
const TASK: Tag = 1;
/// A worker to rank 0: the result of its task, a `Vec<T>` of any length.
const RESULT: Tag = 2;
/// Rank 0 to a worker: no more tasks, return from `Pool::new`. Empty.
const STOP: Tag = 3;

/// The pool, on rank 0: hands tasks to the other ranks of its communicator and
/// collects their results. Dropping it stops the workers.
pub struct Pool<T> {
    /// The pool's own duplicate of the communicator it was made with.
    comm: SimpleCommunicator,
    _results: PhantomData<T>,
}

/// One finished task, from [`Pool::as_completed`].
#[derive(Debug, Clone, PartialEq)]
pub struct Done<T> {
    /// Its place in the submitted tasks, from 0.
    pub index: usize,
    /// The task itself.
    pub task: u64,
    /// The rank that computed it.
    pub worker: Rank,
    /// What the function returned for it.
    pub result: Vec<T>,
}

impl<T: Equivalence> Pool<T> {
    /// Makes a pool over `comm` (collective: every rank calls it). On rank 0, returns
    /// the pool at once. On every other rank, computes `work(task)` for each task rank
    /// 0 sends, sending back each result, until rank 0 drops the pool; then returns
    /// `None`. This is mpi4py's `MPICommExecutor(comm, root=0)`, which gives `None`
    /// to the workers too.
    ///
    /// # Panics
    ///
    /// If `comm` has fewer than 2 ranks: rank 0 computes nothing itself.
    pub fn new<C, F>(comm: &C, work: F) -> Option<Pool<T>>
    where
        C: Communicator,
        F: FnMut(u64) -> Vec<T>,
    {
        assert!(
            comm.size() >= 2,
            "a pool needs at least 2 processes, rank 0 to hand out tasks and others to compute them; this communicator has {}",
            comm.size()
        );
        let comm = comm.duplicate();
        if comm.rank() == ROOT {
            Some(Pool {
                comm,
                _results: PhantomData,
            })
        } else {
            serve(&comm, work);
            None
        }
    }

    /// How many ranks compute tasks: all but rank 0.
    pub fn workers(&self) -> usize {
        // At least 2 ranks (checked in `new`), so this is at least 1.
        (self.comm.size() - 1) as usize
    }

    /// Computes every task on the workers and returns the results in the order of
    /// `tasks`, as mpi4py's `executor.map` yields them.
    pub fn map<I: IntoIterator<Item = u64>>(&mut self, tasks: I) -> Vec<Vec<T>> {
        let mut results: Vec<Option<Vec<T>>> = Vec::new();
        for done in self.as_completed(tasks) {
            if results.len() <= done.index {
                results.resize_with(done.index + 1, || None);
            }
            results[done.index] = Some(done.result);
        }
        results
            .into_iter()
            .map(|r| r.expect("as_completed yields every task once"))
            .collect()
    }

    /// Hands out `tasks` and yields each result as it arrives, as
    /// `concurrent.futures.as_completed` does. Each worker gets one task at the start,
    /// in rank order, and its next one as soon as its result arrives.
    ///
    /// Dropping the iterator before its end receives (and discards) the results of
    /// the tasks being computed, and hands out no more.
    pub fn as_completed<I: IntoIterator<Item = u64>>(&mut self, tasks: I) -> AsCompleted<'_, T> {
        let mut completed = AsCompleted {
            comm: &self.comm,
            waiting: tasks.into_iter().enumerate().collect(),
            held: (0..self.workers()).map(|_| None).collect(),
            busy: 0,
            _results: PhantomData,
        };
        for worker in 1..self.comm.size() {
            completed.hand_out(worker);
        }
        completed
    }

    /// Stops the workers, which then return from [`Pool::new`]. Dropping the pool
    /// does the same.
    pub fn shutdown(self) {}
}

impl<T> Drop for Pool<T> {
    fn drop(&mut self) {
        // No task is in flight: `as_completed` borrows the pool mutably, and its
        // iterator receives every outstanding result before it lets go.
        let none: [u64; 0] = [];
        for worker in 1..self.comm.size() {
            self.comm.process_at_rank(worker).send_with_tag(&none[..], STOP);
        }
    }
}

/// The results of [`Pool::as_completed`], in the order they arrive.
pub struct AsCompleted<'p, T: Equivalence> {
    comm: &'p SimpleCommunicator,
    /// The tasks not handed out yet, with their place among the submitted ones.
    waiting: VecDeque<(usize, u64)>,
    /// The task each worker holds (worker rank r at r - 1), with its place.
    held: Vec<Option<(usize, u64)>>,
    /// How many workers hold a task.
    busy: usize,
    _results: PhantomData<T>,
}

impl<T: Equivalence> AsCompleted<'_, T> {
    /// Sends `worker`, which holds no task, the next waiting one, if any.
    fn hand_out(&mut self, worker: Rank) {
        let Some((index, task)) = self.waiting.pop_front() else {
            return;
        };
        self.comm.process_at_rank(worker).send_with_tag(&task, TASK);
        self.held[slot(worker)] = Some((index, task));
        self.busy += 1;
    }

    /// Receives the next result to arrive, from whichever worker sends it first.
    fn receive(&mut self) -> Done<T> {
        let probed = self.comm.any_process().matched_probe_with_tag(RESULT);
        let worker = probed.1.source_rank();
        let (result, _) = probed.matched_receive_vec::<T>();
        let (index, task) = self.held[slot(worker)]
            .take()
            .expect("only a worker that holds a task sends a result");
        self.busy -= 1;
        Done {
            index,
            task,
            worker,
            result,
        }
    }
}

impl<T: Equivalence> Iterator for AsCompleted<'_, T> {
    type Item = Done<T>;

    fn next(&mut self) -> Option<Done<T>> {
        if self.busy == 0 {
            return None;
        }
        let done = self.receive();
        // Dynamic balancing: the worker that just finished gets the next task.
        self.hand_out(done.worker);
        Some(done)
    }
}

impl<T: Equivalence> Drop for AsCompleted<'_, T> {
    fn drop(&mut self) {
        // Results still on their way must be received: a worker blocked in sending a
        // large result would never see its stop message. No new task goes out.
        while self.busy > 0 {
            self.receive();
        }
    }
}

/// Where a worker's task is kept in `AsCompleted::held`.
fn slot(worker: Rank) -> usize {
    (worker - 1) as usize
}

/// A worker's life: receive a task from rank 0, compute it, send the result back,
/// until the stop message.
fn serve<T: Equivalence, F: FnMut(u64) -> Vec<T>>(comm: &SimpleCommunicator, mut work: F) {
    let root = comm.process_at_rank(ROOT);
    loop {
        let mut task = 0_u64;
        let status = root.receive_into(&mut task);
        match status.tag() {
            TASK => root.send_with_tag(&work(task)[..], RESULT),
            STOP => return,
            tag => unreachable!("rank 0 sends a pool's workers only tasks and stops, not tag {tag}"),
        }
    }
}
