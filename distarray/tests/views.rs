//! Distributed slices at 4 and 3 ranks, replaying the notebook's In [22] to In [24]:
//! `darr[:, 3]`, the write of -0.99 through it, `darr[:, 2::2]` and `darr[:-1, 2::2]`,
//! printed as the notebook prints them; each rank's part is a view of its local array;
//! a cyclic dimension cannot be sliced.

#[path = "../../hpckit/tests/mpi_launch/mod.rs"]
mod mpi_launch;

use std::path::Path;

use distarray::maps::{Dist::*, Distribution};
use distarray::precision::NpPrecision;
use distarray::random::RandomState;
use distarray::view::SliceError;
use distarray::DistArray;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use ndarray::{array, s, Array2};

#[test]
fn the_notebooks_slices() {
    if mpi_launch::on_rank(|world, _dir: &Path| slices(world)) {
        return;
    }
    for ranks in [4, 3] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        mpi_launch::run("the_notebooks_slices", ranks, dir.path());
    }
}

fn slices(world: &SimpleCommunicator) {
    let nparr = RandomState::new(1234567890).rand(4, 5);
    let mut darr = DistArray::from_global(
        world,
        (world.rank() == 0).then_some(&nparr),
        [Block, Undistributed],
    );
    column(&mut darr, world);
    stepped(&darr, world);
    parts_are_views(&darr, world);
    cyclic_is_refused(world, &nparr);
}

/// In [22]-[23]: the column, and -0.99 written through it into the original.
fn column(darr: &mut DistArray<f64>, world: &SimpleCommunicator) {
    let size = world.size() as usize;
    let rank = world.rank() as usize;
    let mut darr_view = darr.slice_mut(s![.., 3]).expect("block rows can be sliced");
    let targets = if size == 4 { "0, 1, 2, 3" } else { "0, 1" };
    assert_eq!(
        darr_view.to_string(),
        format!("<DistArray(shape=(4,), targets=[{targets}])>")
    );
    // On 4 ranks each holds one element of the column; on 3, two rows each on 0 and 1.
    let parts_4 = ["[0.89]", "[0.54]", "[0.95]", "[0.23]"];
    let parts_3 = ["[0.89 0.54]", "[0.95 0.23]", "[]"];
    let parts: &[&str] = if size == 4 { &parts_4 } else { &parts_3 };
    assert_eq!(darr_view.local().np_prec(2).to_string(), parts[rank]);
    if let Some(column) = darr_view.to_global() {
        assert_eq!(column.np_prec(2).to_string(), "[0.89 0.54 0.95 0.23]");
    }
    let owner = if size == 4 { (3, 0) } else { (1, 1) };
    assert_eq!(darr_view.owner(3), owner);
    darr_view.set(3, -0.99);
    if let Some(column) = darr_view.to_global() {
        assert_eq!(column.np_prec(2).to_string(), "[ 0.89  0.54  0.95 -0.99]");
    }
    if let Some(original) = darr.to_global() {
        assert_eq!(
            original.np_prec(2).to_string(),
            "[[ 0.62  0.59  0.89  0.89  0.46]\n [ 0.78  0.27  1.    0.54  0.54]\n \
             [ 0.4   0.71  0.41  0.95  0.03]\n [ 0.14  0.08  0.42 -0.99  0.75]]"
        );
    }
    assert_eq!(darr.get([3, 3]), -0.99);
}

/// In [24]: the stepped slices, their shapes and targets, and the shorter one gathered.
fn stepped(darr: &DistArray<f64>, world: &SimpleCommunicator) {
    let on_4 = world.size() == 4;
    let all_rows = darr.slice(s![.., 2..;2]).expect("block rows can be sliced");
    let targets = if on_4 { "0, 1, 2, 3" } else { "0, 1" };
    assert_eq!(
        all_rows.to_string(),
        format!("<DistArray(shape=(4, 2), targets=[{targets}])>")
    );
    let short = darr.slice(s![..-1, 2..;2]).expect("block rows can be sliced");
    assert_eq!(short.shape(), [3, 2]);
    assert_eq!(short.targets(), if on_4 { &[0, 1, 2][..] } else { &[0, 1][..] });
    // Rank 3 of 4 holds row 3, the one `:-1` leaves out (and would hold both columns);
    // rank 1 of 3 holds rows 2 and 3; rank 2 of 3 holds nothing of the array.
    let shapes: &[[usize; 2]] = if on_4 {
        &[[1, 2], [1, 2], [1, 2], [0, 2]]
    } else {
        &[[2, 2], [1, 2], [0, 0]]
    };
    assert_eq!(short.local().shape(), shapes[world.rank() as usize]);
    assert_eq!(short.owner((2, 1)), if on_4 { (2, (0, 1)) } else { (1, (0, 1)) });
    if let Some(gathered) = short.to_global() {
        assert_eq!(
            gathered.np_prec(2).to_string(),
            "[[0.89 0.46]\n [1.   0.54]\n [0.41 0.03]]"
        );
    }
    let first_row = darr.slice(s![0, ..]).expect("an index is a slice too");
    assert_eq!(first_row.to_string(), "<DistArray(shape=(5,), targets=[0])>");
    if let Some(row) = first_row.to_global() {
        assert_eq!(row.np_prec(2).to_string(), "[0.62 0.59 0.89 0.89 0.46]");
    }
}

/// Each part shares its elements with the local array: same addresses, and writing
/// through a block-block slice's local part changes the array.
fn parts_are_views(darr: &DistArray<f64>, world: &SimpleCommunicator) {
    let short = darr.slice(s![..-1, 2..;2]).unwrap();
    if let Some(first) = short.local().first() {
        assert!(std::ptr::eq(first, &darr.local()[[0, 2]]));
        assert_eq!(short.local().strides()[1], 2);
    }
    let numbered = Array2::from_shape_fn((6, 6), |(i, j)| (6 * i + j) as f64);
    let d = Distribution::new([6, 6], [Block, Block], world.size() as usize);
    let mut grid = DistArray::from_fn(world, d, |[i, j]| numbered[[i, j]]);
    let mut inner = grid.slice_mut(s![1..5, 1..5]).unwrap();
    inner.local_mut().fill(-1.0);
    if let Some(global) = grid.to_global() {
        let mut expected = numbered.clone();
        expected.slice_mut(s![1..5, 1..5]).fill(-1.0);
        assert_eq!(global, expected);
    }
    let corners = grid.slice(s![..;5, ..;5]).unwrap();
    if let Some(global) = corners.to_global() {
        assert_eq!(global, array![[0.0, 5.0], [30.0, 35.0]]);
    }
}

/// DistArray slices block and undistributed dimensions only; so does this crate.
fn cyclic_is_refused(world: &SimpleCommunicator, nparr: &Array2<f64>) {
    let darr = DistArray::from_global(world, (world.rank() == 0).then_some(nparr), [Block, Cyclic]);
    let error = darr.slice(s![.., 3]).unwrap_err();
    assert_eq!(
        error,
        SliceError::NotBlock {
            axis: 1,
            dist: Cyclic
        }
    );
    assert!(error.to_string().contains("Redistribute first"), "{error}");
}
