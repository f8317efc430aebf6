//! The heat-equation program of ex27 with its deliberately slow part: profile this.
//!
//!     cargo run --release -p sol-heat-profile --example heat_slow
//!     perf record --call-graph dwarf target/release/examples/heat_slow
//!     perf report
//!
//! or, with `cargo install flamegraph`,
//!
//!     cargo flamegraph -p sol-heat-profile --example heat_slow

// The program's shared part, compiled into this example too.
#[path = "../src/heat.rs"]
mod heat;

use ndarray::Array2;

fn main() {
    heat::run(apply_heater);
}

/// Sets every heater cell to `HEATER_TEMP`: correct, and slow.
fn apply_heater(field: &mut Array2<f64>, heater: &[(usize, usize)]) {
    for ((i, j), value) in field.indexed_iter_mut() {
        if heater.contains(&(i, j)) {
            *value = heat::HEATER_TEMP;
        }
    }
}
