//! ex20 (dna-mutation): a random DNA sequence as a character array, and random point
//! mutations applied to a copy of it through an index array. Fill in the four
//! functions marked TODO; `main` prints the results.
//! Check it with `cargo run -p runner -- check ex20`.

use hpckit::{py_float, NpDisplay};
use ndarray::Array1;
use rand::SeedableRng;
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
fn generate(_rng: &mut Pcg64, _alphabet: &[char], _n: usize) -> Array1<char> {
    // TODO: `Array1::from_shape_simple_fn(n, || ...)` calls the closure once per
    // element, in order. In it, pick a base with `alphabet.choose(rng)` (import the
    // trait `rand::seq::IndexedRandom`); it returns an `Option<&char>`.
    // (Remove the leading `_` of the parameters you use.)
    todo!("draw `n` random bases")
}

/// `n` mutations for a sequence of length `len`: first all `n` sites, each uniform in
/// `0..len` (so a site can be drawn more than once), then all `n` new letters of
/// `alphabet`.
fn draw_mutations(_rng: &mut Pcg64, _alphabet: &[char], _len: usize, _n: usize) -> (Vec<usize>, Vec<char>) {
    // TODO: draw the `n` sites first, with `rng.random_range(0..len)` (import the
    // trait `rand::Rng`), then the `n` bases with `alphabet.choose(rng)`. The order of
    // the draws matters: it decides which numbers you get.
    todo!("draw `n` mutation sites, then `n` new bases")
}

/// `mutated = dna.copy(); mutated[sites] = new_bases`.
fn mutate(_dna: &Array1<char>, _sites: &[usize], _new_bases: &[char]) -> Array1<char> {
    // TODO: clone `dna`, then write each new base at its site: a plain `for` loop over
    // `sites.iter().zip(new_bases)` is the Rust form of NumPy's fancy assignment.
    todo!("copy `dna` and write `new_bases` at `sites`")
}

/// The fraction of positions where the two sequences agree:
/// `np.sum(dna == mutated) / dna.size`.
fn similarity(_a: &Array1<char>, _b: &Array1<char>) -> f64 {
    // TODO: count the equal pairs, with `ndarray::Zip::from(a).and(b).fold(...)` or
    // `a.iter().zip(b)`, and divide by the length (both as `f64`).
    todo!("the fraction of positions where `a` and `b` agree")
}

/// The sequence as one string, like `dna.tobytes().decode()`.
fn as_string(dna: &Array1<char>) -> String {
    dna.iter().collect()
}
