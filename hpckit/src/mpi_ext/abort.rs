//! Ending the whole job when one rank panics: what `mpi4py.run` does for a Python
//! program whose rank dies of an unhandled exception.
//!
//! Without it, a panic on one rank unwinds `main`, which drops the `Universe`, whose
//! `Drop` calls MPI_Finalize. MPI_Finalize is collective: it waits for the other ranks,
//! and they wait, in a receive or a collective, for the rank that panicked. The job
//! hangs until someone kills it. MPI_Abort instead tells the launcher to end every
//! process of the job at once.

use mpi::topology::SimpleCommunicator;
use mpi::traits::Communicator;

/// Installs a panic hook that, after the usual message, ends the whole job with
/// MPI_Abort (error code 1) when the main thread panics while MPI is running.
///
/// Panics on other threads are left alone: a program may catch them when it joins
/// the thread. Call it once, right after `mpi::initialize()`.
pub fn abort_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        previous(info);
        let main_thread = std::thread::current().name() == Some("main");
        if main_thread && mpi::environment::is_initialized() && !mpi::environment::is_finalized() {
            eprintln!(
                "abort_on_panic: ending the whole job with MPI_Abort, since the other ranks would \
                 otherwise wait for this one forever"
            );
            SimpleCommunicator::world().abort(1);
        }
    }));
}
