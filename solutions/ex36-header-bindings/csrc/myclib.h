/* myclib.h: the declarations of myclib.c, the lines cffi's cdef() would take. */
#ifndef MYCLIB_H
#define MYCLIB_H

/* x[i] += y[i] for i < n, in place in x. */
void add(double *x, const double *y, int n);

/* x[i] -= y[i] for i < n, in place in x. */
void subtract(double *x, const double *y, int n);

#endif
