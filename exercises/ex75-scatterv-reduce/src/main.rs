//! ex75 (scatterv-reduce): rank 0 splits `arange(15.)` into nearly equal pieces and
//! Scatterv's them; Gatherv puts the pieces back together on rank 0; every rank sums its
//! piece, and Reduce(SUM) adds the partial sums up on rank 0. Fill in the four functions
//! below `main`. Check it with `cargo run -p runner -- check ex75`.

use hpckit::split::Split;
use hpckit::{py_float, NpDisplay};
use mpi::topology::Process;
use mpi::traits::*;
use mpi::Count;

/// Length of the array that rank 0 distributes.
const N: usize = 15;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    let size = world.size();
    let root = world.process_at_rank(0);

    // As in the mpi4py lecture, only rank 0 has the array and works out how to split it: the
    // first N % size ranks get one element more.
    let root_data = (rank == 0).then(|| {
        let sendbuf: Vec<f64> = (0..N).map(|i| i as f64).collect();
        let split = Split::new(sendbuf.len(), size as usize);
        (sendbuf, split)
    });

    // Every rank must allocate its receive buffer before Scatterv, but only the root
    // knows the counts: broadcast them first.
    let mut counts = match &root_data {
        Some((_, split)) => split.counts.clone(),
        None => vec![0; size as usize],
    };
    broadcast_counts(root, &mut counts);
    let mut recvbuf = vec![0.0; counts[rank as usize] as usize];

    scatterv(root, root_data.as_ref(), &mut recvbuf);
    println!("After Scatterv, process {rank} has data: {}", recvbuf.np());

    if let Some(gathered) = gatherv(root, &recvbuf, root_data.as_ref().map(|(_, split)| split)) {
        println!("After Gatherv, process 0 has data: {}", gathered.np());
    }

    let partial: f64 = recvbuf.iter().sum();
    println!("Partial sum on process {rank} is: {}", py_float(partial));

    if let Some(total) = reduce_sum(root, partial) {
        println!("After Reduce, total sum on process 0 is: {}", py_float(total));
    }
}

/// Bcast of `counts` from `root`: afterwards every rank holds the root's counts.
fn broadcast_counts(_root: Process, _counts: &mut [Count]) {
    // TODO: every rank makes the same call, `root.broadcast_into(buffer)`.
    // (Remove the leading `_` of the parameters you use.)
    todo!("broadcast `counts` from the root to every rank")
}

/// Scatterv from `root`: the root passes its array and how to split it (`None`
/// elsewhere), and every rank receives its own piece into `recvbuf`.
fn scatterv(_root: Process, _root_data: Option<&(Vec<f64>, Split)>, _recvbuf: &mut [f64]) {
    // TODO: rsmpi has two calls for a rooted collective: one for the root, which passes
    // the buffer only it has, and one for everybody else. `match` on `root_data`:
    // - `Some((sendbuf, split))`: wrap the send buffer as
    //   `mpi::datatype::Partition::new(&sendbuf[..], &split.counts[..], &split.displs[..])`
    //   (rank i gets `counts[i]` elements starting at `displs[i]`), and pass it to
    //   `root.scatter_varcount_into_root(&partition, recvbuf)`;
    // - `None`: `root.scatter_varcount_into(recvbuf)`.
    todo!("Scatterv the root's array: each rank receives its piece into `recvbuf`")
}

/// Gatherv to `root`, the mirror image of Scatterv: every rank sends its piece, and the
/// root, which passes the split, puts the pieces back in place. Returns the whole array
/// on the root, `None` elsewhere.
fn gatherv(_root: Process, _sendbuf: &[f64], _root_split: Option<&Split>) -> Option<Vec<f64>> {
    // TODO: on the root (`Some(split)`), allocate a receive buffer for all the pieces,
    // wrap it as `mpi::datatype::PartitionMut::new(&mut buffer[..], counts, displs)`
    // and call `root.gather_varcount_into_root(sendbuf, &mut partition)`; everybody
    // else calls `root.gather_varcount_into(sendbuf)`.
    todo!("Gatherv every rank's piece back into one array on the root")
}

/// Reduce(SUM) to `root`: adds up every rank's `partial`. Only the root gets the total.
fn reduce_sum(_root: Process, _partial: f64) -> Option<f64> {
    // TODO: `root.is_self()` tells whether this rank is the root. The root calls
    // `root.reduce_into_root(&partial, &mut total, SystemOperation::sum())`, the others
    // `root.reduce_into(&partial, SystemOperation::sum())`
    // (`SystemOperation` is in `mpi::collective`).
    todo!("Reduce the partial sums with SUM onto the root")
}
