//! ex27 (heat-profile): a heat-equation program that is correct and slow. Profile the
//! slow version first, `examples/heat_slow.rs`, to see where its time goes (the book
//! page shows how, with `perf` and a flame graph); then write the fast replacement of
//! the part that takes the time, below. `src/heat.rs` is the rest of the program,
//! shared with the example: you need not change it.
//! Check it with `cargo run -p runner -- check ex27`; compare the two times with
//! `cargo run --release -p ex-heat-profile` and
//! `cargo run --release -p ex-heat-profile --example heat_slow`.

mod heat;

use ndarray::Array2;

fn main() {
    heat::run(apply_heater);
}

/// Sets every heater cell to `HEATER_TEMP`.
fn apply_heater(_field: &mut Array2<f64>, _heater: &[(usize, usize)]) {
    // TODO: do what `apply_heater` in `examples/heat_slow.rs` does, with the same
    // result, without the cost your profile showed. `field[[i, j]] = value` sets one
    // element. (Remove the leading `_` of the parameters you use.)
    todo!("hold the heater's cells at `heat::HEATER_TEMP`, fast")
}
