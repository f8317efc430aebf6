/* myclib.c: the C library of the cffi example (lecture 002, "Interfacing external
 * libraries"). Both functions work IN PLACE on their first argument, as the lecture's
 * lib.add(bptr, aptr, len(a)) does: x[i] = x[i] + y[i] and x[i] = x[i] - y[i].
 * y is only read; the lecture's declaration leaves out the `const`. */
#include "myclib.h"

void add(double *x, const double *y, int n)
{
    for (int i = 0; i < n; i++) {
        x[i] += y[i];
    }
}

void subtract(double *x, const double *y, int n)
{
    for (int i = 0; i < n; i++) {
        x[i] -= y[i];
    }
}
