/* One explicit time step of the heat equation, as in CSC's interface/c exercise:
 * the five-point stencil over the interior of a row-major nx x ny array of doubles.
 * Element (i, j) is at i * ny + j. The edges of next are not written. */

#include <stddef.h>

void evolve(double *next, const double *current, int nx, int ny, double a,
            double dt, double dx2, double dy2)
{
    size_t rows = (size_t)nx, cols = (size_t)ny;
    for (size_t i = 1; i + 1 < rows; i++) {
        for (size_t j = 1; j + 1 < cols; j++) {
            size_t k = i * cols + j;
            double c = current[k];
            double down = current[k + cols], up = current[k - cols];
            double right = current[k + 1], left = current[k - 1];
            next[k] = c + a * dt * ((down - 2.0 * c + up) / dx2 +
                                    (right - 2.0 * c + left) / dy2);
        }
    }
}
