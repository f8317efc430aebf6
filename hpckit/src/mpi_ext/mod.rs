//! What rsmpi 0.8 does not offer, over `mpi::ffi`, each behind a small safe API that
//! says why it exists: a peer that may be absent (MPI_PROC_NULL, [`proc_null`]) and
//! persistent requests (MPI_Send_init/MPI_Recv_init + MPI_Start, [`persistent`]).

pub mod persistent;
pub mod proc_null;
