//! `hpckit::mpi_ext::window` under a real MPI, at 2, 3 and 4 ranks: puts, gets and
//! accumulates round a ring between fences, with the exact values each rank must end
//! with; epochs one after another on one window; two windows at once, of different
//! element types and per-rank lengths; and the range checks, which panic before MPI is
//! called and still close the epoch.

mod mpi_launch;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use hpckit::mpi_ext::window::Window;
use mpi::collective::SystemOperation;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;

#[test]
fn one_sided_ring() {
    if mpi_launch::on_rank(|world, _dir: &Path| ring_on_rank(world)) {
        return;
    }
    for ranks in [2, 3, 4] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        mpi_launch::run("one_sided_ring", ranks, dir.path());
    }
}

/// What each rank does.
fn ring_on_rank(world: &SimpleCommunicator) {
    put_get_accumulate(world);
    token_goes_round(world);
    two_windows(world);
    ranges_are_checked(world);
}

/// The rank after and before this one, round the ring.
fn neighbours(world: &SimpleCommunicator) -> (i32, i32) {
    let (rank, size) = (world.rank(), world.size());
    ((rank + 1) % size, (rank + size - 1) % size)
}

/// One epoch with all three calls. Window element 0 receives a put from the previous
/// rank, element 1 is read by the next rank, element 2 of rank 0 collects everyone's
/// rank + 1, and element 3 gets 1 added by each neighbour.
fn put_get_accumulate(world: &SimpleCommunicator) {
    let (rank, size) = (i64::from(world.rank()), i64::from(world.size()));
    let (next, previous) = neighbours(world);
    let mut window = Window::allocate(world, 4);
    window.local_mut().copy_from_slice(&[-1, 100 + rank, 0, 0]);
    let tens = [10 * rank];
    let one_more = [rank + 1];
    let one = [1];
    let mut got = [0_i64];
    let returned = window.fence(|epoch| {
        epoch.put(&tens, next, 0);
        epoch.get(&mut got, previous, 1);
        epoch.accumulate(&one_more, 0, 2, SystemOperation::sum());
        epoch.accumulate(&one, next, 3, SystemOperation::sum());
        epoch.accumulate(&one, previous, 3, SystemOperation::sum());
        "done"
    });
    assert_eq!(returned, "done");
    let previous = i64::from(previous);
    let everyone = if rank == 0 { size * (size + 1) / 2 } else { 0 };
    assert_eq!(window.local(), [10 * previous, 100 + rank, everyone, 2]);
    assert_eq!(got, [100 + previous]);
}

/// `size` epochs on one window, each passing a token on to the next rank: after a
/// full round every rank holds its own token again, and each one saw them all. (A
/// one-`i32` window on the stack is what MPICH 4.0.2 wrote beside; see the module
/// documentation of `window` for why windows allocate their own memory.)
fn token_goes_round(world: &SimpleCommunicator) {
    let (rank, size) = (world.rank(), world.size());
    let (next, _) = neighbours(world);
    let mut window = Window::allocate(world, 1);
    let mut token = [rank];
    let mut seen = vec![rank];
    for _ in 0..size {
        window.fence(|epoch| epoch.put(&token, next, 0));
        token = [window.local()[0]];
        window.local_mut()[0] = -1;
        seen.push(token[0]);
    }
    let expected: Vec<i32> = (0..=size).map(|step| (rank - step).rem_euclid(size)).collect();
    assert_eq!(seen, expected);
}

/// Two windows at once: `f64`s of a length that differs by rank (rank r has r
/// elements: rank 0's window is empty), and `u8`s. Each rank writes the last element
/// of the next rank's `f64` window (if it has one), and adds to every element of rank
/// 0's `u8` window.
fn two_windows(world: &SimpleCommunicator) {
    let (rank, size) = (world.rank(), world.size());
    let (next, previous) = neighbours(world);
    let mut float_window = Window::allocate(world, rank as usize);
    float_window.local_mut().fill(0.5_f64);
    let mut byte_window = Window::<u8>::allocate(world, 3);
    let value = [f64::from(rank) + 0.25];
    let add = [1_u8, 2, 3];
    byte_window.fence(|bytes| {
        float_window.fence(|floats| {
            if next > 0 {
                floats.put(&value, next, next as usize - 1);
            }
        });
        bytes.accumulate(&add, 0, 0, SystemOperation::sum());
    });
    let mut expected = vec![0.5; rank as usize];
    if let Some(last) = expected.last_mut() {
        *last = f64::from(previous) + 0.25;
    }
    assert_eq!(float_window.local(), expected);
    let sums = if rank == 0 {
        add.map(|a| a * size as u8)
    } else {
        [0; 3]
    };
    assert_eq!(byte_window.local(), sums);
}

/// A rank or a range outside the target's window panics in the epoch, before MPI is
/// called; the epoch is still closed with its fence on the way out (all ranks panic
/// alike, so the fences match), and the window is usable afterwards.
fn ranges_are_checked(world: &SimpleCommunicator) {
    let (next, _) = neighbours(world);
    let size = world.size();
    let mut window = Window::<i64>::allocate(world, 2);
    let three = [7_i64; 3];
    let panics = [
        (
            next,
            0,
            format!("elements 0..0+3 are outside rank {next}'s window of 2 elements"),
        ),
        (
            size,
            0,
            format!("target rank {size} is not in this window's group of {size} processes"),
        ),
        (
            -1,
            0,
            format!("target rank -1 is not in this window's group of {size} processes"),
        ),
        (
            next,
            usize::MAX,
            format!("elements {}..{}+3 are outside", usize::MAX, usize::MAX),
        ),
    ];
    for (target, disp, message) in panics {
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            window.fence(|epoch| epoch.put(&three, target, disp));
        }));
        let payload = outcome.expect_err("the put panics");
        let text = payload.downcast_ref::<String>().expect("a formatted message");
        assert!(text.starts_with(&message), "{text}");
    }
    window.fence(|epoch| epoch.put(&three[..2], next, 0));
    assert_eq!(window.local(), [7, 7]);
}
