/* The mpi4py tutorial's helloworld.c: a C function that takes a communicator and
 * says who it is in it. mpi4py wraps it with SWIG (or f2py, in Fortran); here Rust
 * calls it through an `extern "C"` declaration. */
#include <mpi.h>
#include <stdio.h>

void sayhello(MPI_Comm comm)
{
    int size, rank;
    MPI_Comm_size(comm, &size);
    MPI_Comm_rank(comm, &rank);
    printf("Hello, World! I am process %d of %d.\n", rank, size);
    /* C's stdout and Rust's have a buffer each in front of the same file descriptor.
     * When stdout is a file or a pipe (as under the runner), C's buffer is written
     * out only when it is full or the program ends, long after the lines Rust prints
     * next. Flushing here keeps the lines in the order they were printed. */
    fflush(stdout);
}
