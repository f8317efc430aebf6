//! ex75 (scatterv-reduce), reference solution: rank 0 splits `arange(15.)` into nearly
//! equal pieces and Scatterv's them; Gatherv puts the pieces back together on rank 0;
//! every rank sums its piece and Reduce(SUM) adds the partial sums up on rank 0.
//! Check it with `cargo run -p runner -- check ex75`.

use hpckit::split::Split;
use hpckit::{py_float, NpDisplay};
use mpi::collective::SystemOperation;
use mpi::datatype::{Partition, PartitionMut};
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
    root.broadcast_into(&mut counts[..]);
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

/// Scatterv from `root`: the root passes its array and how to split it (`None`
/// elsewhere), and every rank receives its own piece into `recvbuf`.
fn scatterv(root: Process, root_data: Option<&(Vec<f64>, Split)>, recvbuf: &mut [f64]) {
    // rsmpi splits each rooted collective in two calls: the root's, which takes the
    // buffer that only the root has, and everybody else's.
    match root_data {
        Some((sendbuf, split)) => {
            // Rank i gets counts[i] elements, starting at sendbuf[displs[i]].
            let partition = Partition::new(&sendbuf[..], &split.counts[..], &split.displs[..]);
            root.scatter_varcount_into_root(&partition, recvbuf);
        }
        None => root.scatter_varcount_into(recvbuf),
    }
}

/// Gatherv to `root`, the mirror image of Scatterv: every rank sends its piece, and the
/// root, which passes the split, puts the pieces back in place. Returns the whole array
/// on the root, `None` elsewhere.
fn gatherv(root: Process, sendbuf: &[f64], root_split: Option<&Split>) -> Option<Vec<f64>> {
    match root_split {
        Some(split) => {
            let mut recvbuf = vec![0.0; split.counts.iter().sum::<Count>() as usize];
            let mut partition = PartitionMut::new(&mut recvbuf[..], &split.counts[..], &split.displs[..]);
            root.gather_varcount_into_root(sendbuf, &mut partition);
            Some(recvbuf)
        }
        None => {
            root.gather_varcount_into(sendbuf);
            None
        }
    }
}

/// Reduce(SUM) to `root`: adds up every rank's `partial`. Only the root gets the total.
fn reduce_sum(root: Process, partial: f64) -> Option<f64> {
    if root.is_self() {
        let mut total = 0.0;
        root.reduce_into_root(&partial, &mut total, SystemOperation::sum());
        Some(total)
    } else {
        root.reduce_into(&partial, SystemOperation::sum());
        None
    }
}
