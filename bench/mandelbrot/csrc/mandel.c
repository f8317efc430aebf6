/*
 * The Mandelbrot kernel and the loop that fills the table, as a C programmer writes
 * them: the reference the Rust variants are measured against. Compiled with -O3 by
 * build.rs and called through FFI on the buffer Rust allocated.
 */
#include <stddef.h>
#include <stdint.h>

/*
 * Iterates z = z^2 + c from z = zr + i zi until |z|^2 >= lim^2 or `cutoff` iterations,
 * and returns the number of iterations. The two parts of z are updated together, as
 * the lecture's `zr, zi = zr * zr - zi * zi + cr, 2 * zr * zi + ci`.
 */
static uint32_t kernel(double zr, double zi, double cr, double ci, double lim,
                       uint32_t cutoff)
{
    uint32_t count = 0;
    while (zr * zr + zi * zi < lim * lim && count < cutoff) {
        double next_zr = zr * zr - zi * zi + cr;
        zi = 2.0 * zr * zi + ci;
        zr = next_zr;
        count++;
    }
    return count;
}

/*
 * Fills the n x n row-major table `counts`: entry (i, j) starts at z = grid[i] +
 * i grid[j], with the same c for all. `grid` holds n points.
 */
void c_mandel_fill(uint32_t *counts, const double *grid, size_t n, double cr, double ci,
                   double lim, uint32_t cutoff)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            counts[i * n + j] = kernel(grid[i], grid[j], cr, ci, lim, cutoff);
        }
    }
}
