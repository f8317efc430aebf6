/*
 * The ping-pong loop as a C programmer writes it, the reference the Rust variants are
 * measured against. It is linked into the Rust binary and called through FFI on the
 * communicator rsmpi created, with the buffers Rust allocated: the C and the Rust loop
 * then differ in nothing but the code around the two MPI calls.
 */
#include <mpi.h>

/*
 * Runs `iters` round trips between ranks 0 and 1 of `comm`: rank 0 sends `count`
 * doubles from `sbuf` and receives them back into `rbuf`; rank 1 receives into `rbuf`
 * and sends the same buffer back. Tag 0, as in the Rust loop. `times[i]` gets the
 * duration of round trip i, read with MPI_Wtime as mpi4py's bench does, one clock
 * read per round trip. Returns MPI_SUCCESS or the first error code (with MPI's
 * default error handler, an error aborts before that).
 */
int c_pingpong(MPI_Comm comm, int rank, const double *sbuf, double *rbuf, int count, int iters,
               double *times)
{
    int err = MPI_SUCCESS;
    double then = MPI_Wtime();
    for (int i = 0; i < iters && err == MPI_SUCCESS; i++) {
        if (rank == 0) {
            err = MPI_Send(sbuf, count, MPI_DOUBLE, 1, 0, comm);
            if (err == MPI_SUCCESS)
                err = MPI_Recv(rbuf, count, MPI_DOUBLE, 1, 0, comm, MPI_STATUS_IGNORE);
        } else {
            err = MPI_Recv(rbuf, count, MPI_DOUBLE, 0, 0, comm, MPI_STATUS_IGNORE);
            if (err == MPI_SUCCESS)
                err = MPI_Send(rbuf, count, MPI_DOUBLE, 0, 0, comm);
        }
        double now = MPI_Wtime();
        times[i] = now - then;
        then = now;
    }
    return err;
}
