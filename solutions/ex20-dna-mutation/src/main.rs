//! ex20 (dna-mutation), reference solution: a random DNA sequence as a character array,
//! and random point mutations applied to a copy of it through an index array.
//!
//! Mirrors seed 002, "NumPy advanced topics: Advanced indexing", with the exercise
//! that goes with it: choose N mutation sites at random (a site may come up twice),
//! draw N new bases, write them into a copy at those sites, and compare the two
//! sequences. The character array is the Python course's `np.array(dna, dtype='c')`.
//! Check it with `cargo run -p runner -- check ex20`.

use hpckit::{py_float, NpDisplay};
use ndarray::{Array1, Zip};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;

/// The alphabet of DNA: the four bases.
const BASES: [char; 4] = ['A', 'C', 'G', 'T'];

fn main() {
    // One generator, seeded, for the whole program: every draw below comes from it in
    // a fixed order, so every run (on every machine) prints the same sequences.
    let mut rng = Pcg64::seed_from_u64(56);

    let dna = generate(&mut rng, &BASES, 20);
    println!("dna = {}", dna.np());

    let (sites, new_bases) = draw_mutations(&mut rng, &BASES, dna.len(), 5);
    println!("mutation sites = {}", sites.np());
    println!("new bases = {}", new_bases.np());

    let mutated = mutate(&dna, &sites, &new_bases);
    println!("Original DNA: {}", as_string(&dna));
    println!("Mutated  DNA: {}", as_string(&mutated));
    println!("Similarity  {}", py_float(similarity(&dna, &mutated)));
}

/// A random sequence of `n` letters of `alphabet`: `np.random.choice(alphabet, n)`.
fn generate(rng: &mut Pcg64, alphabet: &[char], n: usize) -> Array1<char> {
    // `choose` picks one element of a slice uniformly; it returns an `Option`
    // because the slice could be empty, which no alphabet is.
    Array1::from_shape_simple_fn(n, || *alphabet.choose(rng).expect("the alphabet is not empty"))
}

/// `n` mutations for a sequence of length `len`: first all `n` sites, each uniform in
/// `0..len` (so a site can be drawn more than once), then all `n` new letters of
/// `alphabet`.
fn draw_mutations(rng: &mut Pcg64, alphabet: &[char], len: usize, n: usize) -> (Vec<usize>, Vec<char>) {
    let sites = (0..n).map(|_| rng.random_range(0..len)).collect();
    let new_bases = (0..n)
        .map(|_| *alphabet.choose(rng).expect("the alphabet is not empty"))
        .collect();
    (sites, new_bases)
}

/// `mutated = dna.copy(); mutated[sites] = new_bases`.
fn mutate(dna: &Array1<char>, sites: &[usize], new_bases: &[char]) -> Array1<char> {
    let mut mutated = dna.clone();
    // NumPy's fancy assignment is a loop in C; in Rust the loop is as fast as that,
    // so we just write it. As in NumPy, when a site repeats, the last base wins.
    for (&site, &base) in sites.iter().zip(new_bases) {
        mutated[site] = base;
    }
    mutated
}

/// The fraction of positions where the two sequences agree:
/// `np.sum(dna == mutated) / dna.size`.
fn similarity(a: &Array1<char>, b: &Array1<char>) -> f64 {
    let same = Zip::from(a).and(b).fold(0, |n, x, y| n + usize::from(x == y));
    same as f64 / a.len() as f64
}

/// The sequence as one string, like `dna.tobytes().decode()`.
fn as_string(dna: &Array1<char>) -> String {
    dna.iter().collect()
}
