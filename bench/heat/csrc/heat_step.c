/* One explicit time step of the heat equation with the five-point stencil, as CSC's
 * interface exercise writes it in C: the interior of `next` from `current`, both
 * `rows` x `columns` doubles in row-major order. The edges of `next` are not written.
 * The formula is the capstone's, operation for operation, so the result is Rust's to
 * the last bit. */

#include <stddef.h>

void heat_step(double *restrict next, const double *restrict current, size_t rows,
               size_t columns, double a, double dt, double dx2, double dy2)
{
    for (size_t i = 1; i + 1 < rows; i++) {
        const double *up = current + (i - 1) * columns;
        const double *centre = current + i * columns;
        const double *down = current + (i + 1) * columns;
        double *out = next + i * columns;
        for (size_t j = 1; j + 1 < columns; j++) {
            double c = centre[j];
            out[j] = c + a * dt * ((down[j] - 2.0 * c + up[j]) / dx2
                                   + (centre[j + 1] - 2.0 * c + centre[j - 1]) / dy2);
        }
    }
}
