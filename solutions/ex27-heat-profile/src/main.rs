//! ex27 (heat-profile), reference solution: the heat-equation program with its slow
//! part fixed. `examples/heat_slow.rs` is the same program with the slow part, the
//! one to profile; `src/heat.rs` is everything the two share.
//!
//! Mirrors seed 002, "Performance measurement": profile a program before optimizing
//! it, find the few lines where the time goes, fix those. The program is the
//! course's 2-D heat equation, explicit time steps on a grid; the profiler is `perf`
//! (with a flame graph) where the Python course uses cProfile.
//! Check it with `cargo run -p runner -- check ex27`; compare its time with the slow
//! version's: `cargo run --release -p sol-heat-profile` and
//! `cargo run --release -p sol-heat-profile --example heat_slow`.

mod heat;

use ndarray::Array2;

fn main() {
    heat::run(apply_heater);
}

/// Sets every heater cell to `HEATER_TEMP`.
fn apply_heater(field: &mut Array2<f64>, heater: &[(usize, usize)]) {
    // Visit the heater's cells directly: 100 writes per step. The slow version visits
    // every cell of the grid and searches the heater's list for it, which is
    // 16384 searches through 100 cells per step.
    for &(i, j) in heater {
        field[[i, j]] = heat::HEATER_TEMP;
    }
}
