//! ex42 (centre-pool), reference solution: the centre of a protein's atoms, computed
//! by a pool of worker threads, as CSC's work-distribution exercise (a) does with a
//! `multiprocessing.Pool`.
//!
//! The ATOM records of `data/atoms.pdb` are cut into tasks of 100 lines. A pool of 4
//! worker threads (rayon's `ThreadPool`, the counterpart of `Pool(4)`) turns each task
//! into a partial result: the sums of its x, y and z and its number of atoms. The
//! partial results come back in task order, and are added up in that order, so the
//! centre is the same to the last bit on every run, however the pool shared out the
//! tasks: the same as the same tasks computed one after another.
//!
//! Mirrors seed 002, "Multiprocessing: Pool of workers" (`pool.map(f, tasks)`), and
//! CSC's exercise multiprocessing/work-distribution (centre of coordinates of a PDB
//! file, in chunks of 100 coordinates, with a pool of workers).
//! Check it with `cargo run -p runner -- check ex42`.

use rayon::prelude::*;
use rayon::ThreadPoolBuilder;
use std::path::Path;

/// Atoms per task, as in CSC's exercise.
const CHUNK: usize = 100;
/// Worker threads in the pool.
const WORKERS: usize = 4;

/// What one task reports: the sums of its atoms' coordinates, and how many atoms it
/// had (the weight CSC's hint asks for, so that a shorter last task counts less).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Partial {
    sum: [f64; 3],
    count: usize,
}

fn main() -> std::io::Result<()> {
    // CARGO_MANIFEST_DIR is this crate's folder, fixed when the program is compiled:
    // the file is found from whatever directory the program runs in.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/atoms.pdb");
    let text = std::fs::read_to_string(path)?;
    let atoms = atom_records(&text);
    let tasks = atoms.len().div_ceil(CHUNK);
    println!(
        "data/atoms.pdb: {} ATOM records, other records skipped",
        atoms.len()
    );
    println!(
        "{tasks} tasks of {CHUNK} atoms, the last one {}",
        atoms.len() - (tasks - 1) * CHUNK
    );

    let pooled = centre_pool(&atoms, WORKERS);
    let serial = combine(&atoms.chunks(CHUNK).map(partial).collect::<Vec<_>>());
    println!(
        "{:<32}centre = {}",
        format!("pool of {WORKERS} workers:"),
        show(pooled)
    );
    println!("{:<32}centre = {}", "serial, the same tasks:", show(serial));
    println!("  equal to the last bit: {}", pooled == serial);

    // The same numbers added in another order round differently.
    let running = running_sum(&atoms);
    let differs = (0..3).map(|k| (running[k] - serial[k]).abs()).fold(0.0, f64::max);
    println!(
        "{:<32}centre = {}",
        "serial, one sum over all atoms:",
        show(running)
    );
    println!(
        "  equal to the last bit: {} (largest difference {differs:.1e})",
        running == serial
    );
    Ok(())
}

/// The centre of `atoms`, computed by a pool of `workers` threads in tasks of
/// `CHUNK` lines.
fn centre_pool(atoms: &[&str], workers: usize) -> [f64; 3] {
    let pool = ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .expect("the pool's threads could not be started");
    // `collect` puts every task's result at its task's place in the vector, whichever
    // worker computed it and whenever it finished: the order is the tasks' order.
    let partials: Vec<Partial> = pool.install(|| atoms.par_chunks(CHUNK).map(partial).collect());
    combine(&partials)
}

/// One task: the sums of the coordinates of `lines`, in line order, and their number.
fn partial(lines: &[&str]) -> Partial {
    let mut sum = [0.0; 3];
    for line in lines {
        for (s, x) in sum.iter_mut().zip(coordinates(line)) {
            *s += x;
        }
    }
    Partial {
        sum,
        count: lines.len(),
    }
}

/// The centre from the tasks' partial results, added up in the order given: the same
/// partials in the same order give the same bits.
fn combine(partials: &[Partial]) -> [f64; 3] {
    let mut sum = [0.0; 3];
    let mut count = 0;
    for p in partials {
        for (s, x) in sum.iter_mut().zip(p.sum) {
            *s += x;
        }
        count += p.count;
    }
    sum.map(|s| s / count as f64)
}

/// The centre from one sum over all atoms, without tasks.
fn running_sum(atoms: &[&str]) -> [f64; 3] {
    combine(&[partial(atoms)])
}

/// The ATOM records of a PDB file; HETATM (water, ligands), TER, headers and the
/// rest are left out, as CSC's parser does.
fn atom_records(text: &str) -> Vec<&str> {
    text.lines().filter(|line| line.starts_with("ATOM  ")).collect()
}

/// x, y and z of one ATOM record: the PDB format's fixed columns 31-38, 39-46 and
/// 47-54 (in Rust's 0-based byte ranges, 30..38, 38..46, 46..54).
fn coordinates(line: &str) -> [f64; 3] {
    [30..38, 38..46, 46..54].map(|cols| {
        let field = line.get(cols).unwrap_or_default().trim();
        field
            .parse()
            .unwrap_or_else(|_| panic!("not a coordinate: {field:?} in {line:?}"))
    })
}

/// A centre as the program prints it: three decimals, as in the file.
fn show([x, y, z]: [f64; 3]) -> String {
    format!("({x:.3}, {y:.3}, {z:.3})")
}
