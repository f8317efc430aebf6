//! The DistArray notebook's session, at its 4 engines: every number and array it
//! prints, checked on the rank that would print it (rank 0 for the client's lines,
//! each rank for its own local section).

#[path = "../../hpckit/tests/mpi_launch/mod.rs"]
mod mpi_launch;

use std::path::Path;

use distarray::maps::{Dist::*, Distribution};
use distarray::precision::NpPrecision;
use distarray::random::RandomState;
use distarray::DistArray;
use mpi::topology::SimpleCommunicator;
use mpi::traits::*;
use ndarray::{Array2, ArrayView2};

#[test]
fn notebook_session() {
    if mpi_launch::on_rank(|world, _dir: &Path| session(world)) {
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    mpi_launch::run("notebook_session", 4, dir.path());
}

/// The notebook's cells in order, on every rank.
fn session(world: &SimpleCommunicator) {
    let nparr = RandomState::new(1234567890).rand(4, 5);
    let client = world.rank() == 0;
    let mut darr = DistArray::from_global(world, client.then_some(&nparr), [Block, Undistributed]);
    local_sections(&darr, world.rank());
    ufuncs(&darr, &nparr);
    reductions(&darr);
    indexing(&mut darr);
    redistribution(&darr, world);
    apply_and_register(&darr);
    protocol(&darr, world.rank());
    distributions(world);
}

/// In [7]-[10], [20], [29]: one row per engine, and the attributes.
fn local_sections(darr: &DistArray<f64>, rank: i32) {
    let expected = [
        "[[0.62 0.59 0.89 0.89 0.46]]",
        "[[0.78 0.27 1.   0.54 0.54]]",
        "[[0.4  0.71 0.41 0.95 0.03]]",
        "[[0.14 0.08 0.42 0.23 0.75]]",
    ];
    assert_eq!(darr.local().np_prec(2).to_string(), expected[rank as usize]);
    assert_eq!(
        darr.to_string(),
        "<DistArray(shape=(4, 5), targets=[0, 1, 2, 3])>"
    );
    assert_eq!(
        (darr.ndim(), darr.shape(), darr.itemsize(), darr.nbytes()),
        (2, [4, 5], 8, 160)
    );
    assert_eq!(darr.localshapes(), [[1, 5]; 4]);
    let bounds: Vec<_> = (0..4)
        .map(|r| darr.distribution().map(0).bounds(r).unwrap())
        .collect();
    assert_eq!(bounds, [(0, 1), (1, 2), (2, 3), (3, 4)]);
}

/// In [11]-[16]: `sin` and `darr + darr`, computed locally, gathered to the client.
fn ufuncs(darr: &DistArray<f64>, nparr: &Array2<f64>) {
    let sin = darr.map(f64::sin).to_global();
    let doubled = darr.zip_with(darr, |a, b| a + b).to_global();
    let (Some(sin), Some(doubled)) = (sin, doubled) else {
        return;
    };
    assert_eq!(sin, nparr.mapv(f64::sin));
    assert_eq!(doubled, nparr * 2.0);
    assert_eq!(
        sin.np_prec(2).to_string(),
        "[[0.58 0.56 0.78 0.78 0.44]\n [0.7  0.26 0.84 0.51 0.51]\n \
         [0.39 0.65 0.39 0.81 0.03]\n [0.14 0.08 0.41 0.23 0.68]]"
    );
    assert_eq!(
        doubled.np_prec(2).to_string(),
        "[[1.24 1.18 1.78 1.78 0.92]\n [1.56 0.53 1.99 1.08 1.08]\n \
         [0.8  1.41 0.81 1.9  0.06]\n [0.27 0.17 0.85 0.47 1.49]]"
    );
}

/// In [17]-[18]: the sums, on every rank. Python 2 printed 12 significant digits.
fn reductions(darr: &DistArray<f64>) {
    let sum = darr.sum();
    assert_eq!(format!("{sum:.10}"), "10.6840911511");
    assert!((sum - 10.684091151085228).abs() < 1e-14, "{sum}");
    let rows = darr.sum_axis(1);
    assert_eq!(rows.np_prec(2).to_string(), "[3.45 3.12 2.49 1.62]");
    // A whole row is on one rank: its sum is that rank's, added to zeros.
    assert_eq!(rows[0], 3.4483242705353976);
    assert_eq!(
        darr.sum_axis(0).np_prec(2).to_string(),
        "[1.93 1.65 2.71 2.62 1.77]"
    );
}

/// In [19]-[23]: one element, then a write that changes the original.
fn indexing(darr: &mut DistArray<f64>) {
    assert_eq!(darr.get([0, 2]), "0.88868358904449662".parse::<f64>().unwrap());
    darr.set([3, 3], -0.99);
    assert_eq!(darr.get([3, 3]), -0.99);
    if let Some(global) = darr.to_global() {
        let column: Vec<f64> = global.column(3).to_vec();
        assert_eq!(column.np_prec(2).to_string(), "[ 0.89  0.54  0.95 -0.99]");
        assert_eq!(
            global.np_prec(2).to_string(),
            "[[ 0.62  0.59  0.89  0.89  0.46]\n [ 0.78  0.27  1.    0.54  0.54]\n \
             [ 0.4   0.71  0.41  0.95  0.03]\n [ 0.14  0.08  0.42 -0.99  0.75]]"
        );
    }
}

/// In [31]-[35]: the array as 10×2, then as 5×4 block-block on engines 1 and 3.
fn redistribution(darr: &DistArray<f64>, world: &SimpleCommunicator) {
    let reshaped = darr.distribute_as(Distribution::new([10, 2], [Block, Undistributed], 4));
    assert_eq!(
        reshaped.to_string(),
        "<DistArray(shape=(10, 2), targets=[0, 1, 2, 3])>"
    );
    assert_eq!(reshaped.localshapes(), [[3, 2], [3, 2], [3, 2], [1, 2]]);
    let global = darr.to_global();
    let expected = global.as_ref().map(|g| g.to_shape((10, 2)).unwrap().to_owned());
    if let (Some(got), Some(want)) = (reshaped.to_global(), &expected) {
        assert_eq!(&got, want);
        assert_eq!(
            got.np_prec(2).to_string(),
            "[[ 0.62  0.59]\n [ 0.89  0.89]\n [ 0.46  0.78]\n [ 0.27  1.  ]\n [ 0.54  0.54]\n \
             [ 0.4   0.71]\n [ 0.41  0.95]\n [ 0.03  0.14]\n [ 0.08  0.42]\n [-0.99  0.75]]"
        );
    }
    let on_1_and_3 = Distribution::with_targets([5, 4], [Block, Block], &[1, 3]);
    let moved = darr.distribute_as(on_1_and_3);
    assert_eq!(moved.to_string(), "<DistArray(shape=(5, 4), targets=[1, 3])>");
    let local_rows = [0, 3, 0, 2][world.rank() as usize];
    assert_eq!(
        moved.local().shape(),
        [local_rows, if local_rows > 0 { 4 } else { 0 }]
    );
    if let (Some(got), Some(global)) = (moved.to_global(), &global) {
        assert_eq!(got, global.to_shape((5, 4)).unwrap());
    }
}

/// In [45]-[47]: each engine's variance, and `local_demean`, gathered to the client.
fn apply_and_register(darr: &DistArray<f64>) {
    let variances = darr.apply(|local| {
        let n = local.len() as f64;
        let mean = local.sum() / n;
        local.mapv(|x| (x - mean) * (x - mean)).sum() / n
    });
    let demeaned = darr.apply_array(local_demean);
    let (Some(variances), Some(demeaned)) = (variances, demeaned) else {
        return;
    };
    // NumPy 1.9 printed 17 significant digits; these are the same doubles.
    let notebook = [
        "0.029782447186009097",
        "0.060831768443372111",
        "0.096730856076473776",
        "0.3423050023674285",
    ];
    let notebook: Vec<f64> = notebook.iter().map(|v| v.parse().unwrap()).collect();
    assert_eq!(variances, notebook);
    let texts: Vec<String> = demeaned.iter().map(|a| a.np_prec(2).repr()).collect();
    assert_eq!(
        texts,
        [
            "array([[-0.07, -0.1 ,  0.2 ,  0.2 , -0.23]])",
            "array([[ 0.15, -0.36,  0.37, -0.08, -0.09]])",
            "array([[-0.1 ,  0.21, -0.09,  0.45, -0.47]])",
            "array([[ 0.06,  0.  ,  0.34, -1.07,  0.67]])",
        ]
    );
}

/// The notebook's `local_demean`: the local array less its mean.
fn local_demean(local: ArrayView2<'_, f64>) -> Array2<f64> {
    let mean = local.sum() / local.len() as f64;
    local.mapv(|x| x - mean)
}

/// In [50]: each engine's `__distarray__()`.
fn protocol(darr: &DistArray<f64>, rank: i32) {
    let buffers = [
        "array([[0.62, 0.59, 0.89, 0.89, 0.46]])",
        "array([[0.78, 0.27, 1.  , 0.54, 0.54]])",
        "array([[0.4 , 0.71, 0.41, 0.95, 0.03]])",
        "array([[ 0.14,  0.08,  0.42, -0.99,  0.75]])",
    ];
    let r = rank as usize;
    let expected = format!(
        "{{'__version__': '0.10.0',\n 'buffer': {},\n 'dim_data': ({{'dist_type': 'b',\n   \
         'proc_grid_rank': {r},\n   'proc_grid_size': 4,\n   'size': 4,\n   'start': {r},\n   \
         'stop': {}}},\n  {{'dist_type': 'b',\n   'proc_grid_rank': 0,\n   'proc_grid_size': 1,\n   \
         'size': 5,\n   'start': 0,\n   'stop': 5}})}}",
        buffers[r],
        r + 1
    );
    assert_eq!(
        darr.protocol().expect("every rank is a target").pretty(2),
        expected
    );
}

/// In [30], [37], [38]: the (block, cyclic) 64×64 array on a 2×2 grid, and the targets
/// `zeros((5, 3))` and `ones((20, 20))` get.
fn distributions(world: &SimpleCommunicator) {
    let d = Distribution::new([64, 64], [Block, Cyclic], 4);
    let a = DistArray::from_fn(world, d, |[i, j]| (i * 64 + j) as i32);
    assert_eq!(a.local().shape(), [32, 32]);
    let [row0, col0]: [i32; 2] = [[0, 0, 32, 32], [0, 1, 0, 1]].map(|v| v[world.rank() as usize]);
    // Local (i, j) is global (row0 + i, col0 + 2j).
    assert_eq!(a.local()[[5, 7]], (row0 + 5) * 64 + col0 + 14);
    if let Some(global) = a.to_global() {
        assert_eq!(
            global,
            Array2::from_shape_fn((64, 64), |(i, j)| (i * 64 + j) as i32)
        );
    }
    let zeros = DistArray::<f64>::zeros(world, Distribution::new([5, 3], [Block, Undistributed], 4));
    assert_eq!(zeros.to_string(), "<DistArray(shape=(5, 3), targets=[0, 1, 2])>");
    assert_eq!(
        zeros.local().shape(),
        [[2, 3], [2, 3], [1, 3], [0, 0]][world.rank() as usize]
    );
    let ones = DistArray::from_fn(
        world,
        Distribution::new([20, 20], [Block, Undistributed], 4),
        |_| 1.0,
    );
    assert_eq!(
        ones.to_string(),
        "<DistArray(shape=(20, 20), targets=[0, 1, 2, 3])>"
    );
    assert_eq!(ones.sum(), 400.0);
}
