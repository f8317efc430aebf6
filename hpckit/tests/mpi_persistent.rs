//! `hpckit::mpi_ext::persistent` in a real MPI process. MPI can be initialized only once
//! per process, and `cargo test` runs the tests of one file in one process: so this file
//! holds a single test, apart from every other test that might initialize MPI. Feature
//! `mpi`, which `mpi_ext` needs, comes from hpckit's dev-dependency on itself: without
//! it this file does not compile, rather than being skipped unseen.

use hpckit::mpi_ext::persistent::{PersistentRecv, PersistentSend};
use mpi::traits::*;

/// One MPI process (a "singleton" MPI_Init, no mpiexec needed) sends to itself,
/// five rounds through the same pair of persistent requests.
#[test]
fn one_rank_sends_to_itself_five_rounds() {
    let universe = mpi::initialize().expect("MPI initializes as a singleton");
    let world = universe.world();
    let me = world.this_process();

    let mut outgoing = [0.0_f64; 3];
    let mut incoming = [-1.0_f64; 3];
    let mut seen = Vec::new();
    mpi::request::scope(|scope| {
        let mut send = PersistentSend::new(scope, &me, &mut outgoing[..], 7);
        let mut recv = PersistentRecv::new(scope, &world.any_process(), &mut incoming[..], 7);
        for round in 0..3 {
            send.buffer_mut().fill(f64::from(round));
            let receiving = recv.start();
            let sending = send.start();
            let status = receiving.wait();
            sending.wait();
            assert_eq!((status.source_rank(), status.tag()), (0, 7));
            assert_eq!(status.count(f64::equivalent_datatype()), 3);
            seen.push(recv.buffer().to_vec());
        }
        // An operation leaked with `mem::forget`: the request knows it is still
        // active and waits before handing out its buffer.
        send.buffer_mut().fill(3.0);
        std::mem::forget(recv.start());
        send.start().wait();
        seen.push(recv.buffer().to_vec());
        // Started and dropped without an explicit wait: the drop waits.
        send.buffer_mut().fill(4.0);
        let _receiving = recv.start();
        drop(send.start());
    });
    assert_eq!(seen, [[0.0; 3], [1.0; 3], [2.0; 3], [3.0; 3]]);
    assert_eq!(incoming, [4.0; 3]);
}
