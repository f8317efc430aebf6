/* The two C functions the ffi-cost benchmark calls from Rust. */

#include <stddef.h>

/* y[i] = a * x[i] + y[i] for n doubles: one call does a million operations. */
void axpy(double a, const double *x, double *y, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        y[i] = a * x[i] + y[i];
    }
}

/* Almost nothing: what is left to measure is the call itself. */
double add1(double x)
{
    return x + 1.0;
}
