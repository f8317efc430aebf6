//! `hpckit::mpi_ext::pool` under a real MPI, at 2, 3 and 4 ranks: results in task
//! order and as completed, exactly; a task that holds its worker until every other task
//! is done, which shows that the others went to the free workers and that its result
//! came last; an iterator dropped early, after which the pool still gives the right
//! results; more workers than tasks; results of every length, the empty one included;
//! two pools at once on the two halves of a split; and the world usable afterwards.

mod mpi_launch;

use std::path::Path;
use std::thread::sleep;
use std::time::Duration;

use hpckit::mpi_ext::pool::{Done, Pool};
use mpi::collective::SystemOperation;
use mpi::topology::{Color, SimpleCommunicator};
use mpi::traits::*;

#[test]
fn task_pool() {
    if mpi_launch::on_rank(pool_on_rank) {
        return;
    }
    for ranks in [2, 3, 4] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        mpi_launch::run("task_pool", ranks, dir.path());
    }
}

/// What each rank does. Every step makes its own pool, which every rank enters and
/// the workers leave when rank 0 drops it.
fn pool_on_rank(world: &SimpleCommunicator, dir: &Path) {
    in_task_order(world);
    as_completed(world);
    slow_task_goes_last(world, dir);
    dropped_early(world);
    lengths_of_results(world);
    pools_on_a_split(world);
    world_afterwards(world);
}

/// The task's result in the first tests: two numbers that identify it.
fn half_and_square(task: u64) -> Vec<f64> {
    vec![task as f64 * 0.5, (task * task) as f64]
}

/// `map` gives the results in the order of the tasks, also for repeated, unsorted
/// and no tasks, and the pool serves several maps.
fn in_task_order(world: &SimpleCommunicator) {
    if let Some(mut pool) = Pool::new(world, half_and_square) {
        assert_eq!(pool.workers(), world.size() as usize - 1);
        let expected: Vec<Vec<f64>> = (0..50).map(half_and_square).collect();
        assert_eq!(pool.map(0..50), expected);
        assert_eq!(
            pool.map([9, 2, 9, 0]),
            [vec![4.5, 81.0], vec![1.0, 4.0], vec![4.5, 81.0], vec![0.0, 0.0]]
        );
        assert_eq!(pool.map([]), Vec::<Vec<f64>>::new());
    }
}

/// `as_completed` yields every task exactly once, with its place, its result and a
/// worker rank; the workers together did all of them.
fn as_completed(world: &SimpleCommunicator) {
    if let Some(mut pool) = Pool::new(world, half_and_square) {
        let tasks: Vec<u64> = (100..140).rev().collect();
        let mut done: Vec<Done<f64>> = pool.as_completed(tasks.iter().copied()).collect();
        done.sort_by_key(|d| d.index);
        for (k, d) in done.iter().enumerate() {
            assert_eq!((d.index, d.task), (k, tasks[k]));
            assert_eq!(d.result, half_and_square(tasks[k]));
            assert!((1..world.size()).contains(&d.worker), "{d:?}");
        }
        assert_eq!(done.len(), tasks.len());
    }
}

/// The file that releases task 0.
const RELEASE: &str = "others-done";

/// With 2 workers or more: task 0 waits until rank 0 has every other result and
/// writes a file. Dynamic balancing gives all the other tasks to the other workers
/// meanwhile, and task 0's result comes last, whatever the timing. (With 1 worker,
/// that worker would wait for ever: it holds task 0, and the others never start.)
fn slow_task_goes_last(world: &SimpleCommunicator, dir: &Path) {
    if world.size() < 3 {
        return;
    }
    let release = dir.join(RELEASE);
    let work = |task: u64| {
        while task == 0 && !release.exists() {
            sleep(Duration::from_millis(2));
        }
        vec![task]
    };
    if let Some(mut pool) = Pool::new(world, work) {
        let tasks = 30;
        let mut order = Vec::new();
        for done in pool.as_completed(0..tasks) {
            order.push((done.task, done.worker));
            if order.len() as u64 == tasks - 1 {
                std::fs::write(dir.join(RELEASE), "").expect("the temporary folder is writable");
            }
        }
        // Task 0 went first, to rank 1, and came back last; rank 1 did nothing else.
        assert_eq!(order.last(), Some(&(0, 1)));
        assert_eq!(order.iter().filter(|(_, worker)| *worker == 1).count(), 1);
        let mut tasks_seen: Vec<u64> = order.iter().map(|(task, _)| *task).collect();
        tasks_seen.sort_unstable();
        assert_eq!(tasks_seen, (0..tasks).collect::<Vec<_>>());
    }
}

/// An iterator dropped after three results receives the results still coming, and
/// hands out no more tasks: the next `map` gets its own results only.
fn dropped_early(world: &SimpleCommunicator) {
    if let Some(mut pool) = Pool::new(world, |task: u64| vec![task as i64 * -3]) {
        let first: Vec<u64> = pool.as_completed(0..20).take(3).map(|d| d.task).collect();
        assert_eq!(first.len(), 3);
        assert_eq!(pool.map([5, 6]), [vec![-15], vec![-18]]);
        // More workers than tasks: the idle ones are stopped all the same.
        assert_eq!(pool.map([1]), [vec![-3]]);
    }
}

/// Results of lengths 0 to 4 (a length-0 result is an empty message), of bytes.
fn lengths_of_results(world: &SimpleCommunicator) {
    let work = |task: u64| (0..task % 5).map(|k| (task + k) as u8).collect::<Vec<u8>>();
    if let Some(mut pool) = Pool::new(world, work) {
        let expected: Vec<Vec<u8>> = (0..23).map(work).collect();
        assert_eq!(pool.map(0..23), expected);
        assert_eq!(expected[5], Vec::<u8>::new());
    }
}

/// At 4 ranks, ranks {0, 2} and {1, 3} run two pools at the same time, each on its
/// half: each pool's messages stay on its own communicator.
fn pools_on_a_split(world: &SimpleCommunicator) {
    if world.size() != 4 {
        return;
    }
    let half = world
        .split_by_color(Color::with_value(world.rank() % 2))
        .expect("a colour gives a communicator");
    let parity = u64::from(world.rank() as u32 % 2);
    let work = move |task: u64| vec![1000 * parity + task];
    if let Some(mut pool) = Pool::new(&half, work) {
        let expected: Vec<Vec<u64>> = (0..40).map(work).collect();
        assert_eq!(pool.map(0..40), expected);
    }
}

/// After the pools, every rank is back and the world's collectives work.
fn world_afterwards(world: &SimpleCommunicator) {
    let mut sum = 0;
    world.all_reduce_into(&world.rank(), &mut sum, SystemOperation::sum());
    let size = world.size();
    assert_eq!(sum, size * (size - 1) / 2);
}
