//! ex94 (darray-apply): computing where the data is. `apply` runs a function on every
//! rank's local array and gathers the results, in rank order, on rank 0 (the notebook's
//! client); a function "registered" once becomes a method that does the same (here, a
//! trait). The notebook's two functions: each engine's variance, and its local array
//! less its mean (`local_demean`), on the array with its -0.99.
//! Fill in `local_var`, `local_demean` and the trait's `impl` for `DistArray<f64>`.
//! Check it with `cargo run -p runner -- check ex94`.

use distarray::precision::NpPrecision;
use distarray::random::RandomState;
use distarray::{Dist, DistArray};
use mpi::traits::*;
use ndarray::{Array2, ArrayView2};

/// The notebook's seed for `numpy.random.RandomState`.
const SEED: u32 = 1234567890;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    // The notebook's array as In [45] finds it: block rows, and -0.99 written at (3, 3).
    let nparr = (rank == 0).then(|| RandomState::new(SEED).rand(4, 5));
    let mut darr = DistArray::from_global(&world, nparr.as_ref(), [Dist::Block, Dist::Undistributed]);
    darr.set([3, 3], -0.99);

    // In [45]: `context.apply(get_local_var, args=(darr.key,))`.
    let variances = darr.apply(|local| {
        let var = local_var(local);
        println!("rank {rank}: get_local_var gives {}", repr17(var));
        var
    });
    if let Some(variances) = variances {
        let texts: Vec<String> = variances.iter().map(|&v| repr17(v)).collect();
        println!(
            "context.apply(get_local_var, args=(darr.key,)) =\n{}",
            pretty_list(&texts)
        );
    }

    // In [46]-[47]: `context.register(local_demean)`, then `context.local_demean(darr)`.
    if let Some(arrays) = darr.local_demean() {
        let texts: Vec<String> = arrays.iter().map(|a| a.np_prec(2).repr()).collect();
        println!("context.local_demean(darr) =\n{}", pretty_list(&texts));
    }
}

/// The notebook's `get_local_var`: the variance of one rank's local array, computed as
/// NumPy computes `var()`: the mean first, then the mean of the squared deviations.
fn local_var(_local: ArrayView2<'_, f64>) -> f64 {
    // TODO: `local` is an ordinary ndarray view of this rank's elements: the mean is
    // `sum() / len()`, and `mapv` makes the squared deviations. (Remove the `_`.)
    todo!("the variance of this rank's elements")
}

/// The notebook's `local_demean`: one rank's local array less its own mean.
#[allow(dead_code)] // for the `impl` below: remove this line when you use it
fn local_demean(_local: ArrayView2<'_, f64>) -> Array2<f64> {
    // TODO: a new array, every element less the mean of this rank's elements.
    todo!("this rank's elements less their mean")
}

/// DistArray's `context.register(local_demean)` adds a method to the context. A Rust
/// trait adds one to a type we did not write: `darr.local_demean()`.
trait LocalDemean {
    /// Every rank's local array less its mean, gathered in rank order on rank 0
    /// (`None` on the other ranks). Every rank calls it.
    fn local_demean(&self) -> Option<Vec<Array2<f64>>>;
}

impl LocalDemean for DistArray<f64> {
    fn local_demean(&self) -> Option<Vec<Array2<f64>>> {
        // TODO: `apply` gathers one number per rank; `apply_array` runs a function
        // that returns an array on every rank and gathers the arrays on rank 0.
        todo!("local_demean on every rank, gathered on rank 0")
    }
}

/// A list as IPython's pretty printer lays out one that does not fit on a line: one
/// item per line, the items after the first indented by one space.
fn pretty_list(items: &[String]) -> String {
    format!("[{}]", items.join(",\n "))
}

/// A float as NumPy 1.9 showed one (`repr`): 17 significant digits, trailing zeros
/// dropped (`'%.17g'`), enough to tell any two doubles apart.
fn repr17(x: f64) -> String {
    significant(x, 17)
}

/// `x` with `digits` significant digits in positional notation, without trailing
/// zeros: C's `%.{digits}g` for numbers it writes without an exponent.
fn significant(x: f64, digits: usize) -> String {
    let scientific = format!("{x:.0$e}", digits - 1);
    let (_, exponent) = scientific.split_once('e').expect("`{:e}` writes an exponent");
    let exponent: i64 = exponent.parse().expect("the exponent is an integer");
    let decimals = (digits as i64 - 1 - exponent).max(0) as usize;
    let text = format!("{x:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}
