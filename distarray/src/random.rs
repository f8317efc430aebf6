//! NumPy's legacy `RandomState`, so that the workbook prints the notebook's own numbers.
//!
//! The DistArray notebook seeds `numpy.random.RandomState(1234567890)` and draws its
//! 4×5 example array with `prng.rand(4, 5)`. To print the same array here we need the
//! same generator, bit for bit:
//!
//! - the generator is MT19937, the 32-bit Mersenne Twister of Matsumoto and Nishimura;
//! - a seed that fits in 32 bits initializes its state with the reference
//!   `init_genrand(seed)` (NumPy's legacy `seed()` does this for an integer seed, and
//!   uses `init_by_array` only for arrays of seeds);
//! - `rand()` makes each double from two consecutive 32-bit outputs `a` and `b`: the top
//!   27 bits of `a` and the top 26 bits of `b` form a 53-bit integer, divided by 2^53:
//!   `((a >> 5) * 67108864 + (b >> 6)) / 9007199254740992`. Every double is an exact
//!   multiple of 2^-53 in [0, 1).
//!
//! The generator itself comes from the `rand_mt` crate, a port of the reference C code
//! whose `Mt::new(seed)` is `init_genrand(seed)`: a well-tested crate rather than 624
//! words of state handled by hand here. This module adds only NumPy's conversion to
//! doubles, and the tests pin both: the reference implementation's first outputs for
//! its default seed 5489, and the notebook's printed array for seed 1234567890.
//!
//! ```
//! use distarray::random::RandomState;
//! use distarray::precision::NpPrecision;
//!
//! let nparr = RandomState::new(1234567890).rand(4, 5);
//! assert_eq!(
//!     nparr.np_prec(2).to_string(),
//!     "[[0.62 0.59 0.89 0.89 0.46]\n \
//!       [0.78 0.27 1.   0.54 0.54]\n \
//!       [0.4  0.71 0.41 0.95 0.03]\n \
//!       [0.14 0.08 0.42 0.23 0.75]]"
//! );
//! ```

use ndarray::Array2;
use rand_mt::Mt;

/// NumPy's legacy random generator (`numpy.random.RandomState`), for `rand`.
#[derive(Clone)]
pub struct RandomState {
    mt: Mt,
}

impl RandomState {
    /// `RandomState(seed)`: MT19937 initialized with `init_genrand(seed)`.
    pub fn new(seed: u32) -> RandomState {
        RandomState { mt: Mt::new(seed) }
    }

    /// The generator's next raw 32-bit output (NumPy's `randint` and `rand` are built
    /// on these).
    pub fn next_u32(&mut self) -> u32 {
        self.mt.next_u32()
    }

    /// One double uniform in [0, 1), made from two 32-bit outputs as NumPy makes it
    /// (`random_sample()`).
    pub fn random_sample(&mut self) -> f64 {
        let a = u64::from(self.next_u32() >> 5);
        let b = u64::from(self.next_u32() >> 6);
        // a < 2^27 and b < 2^26, so the sum has 53 bits and converts exactly.
        (a * 67_108_864 + b) as f64 / 9_007_199_254_740_992.0
    }

    /// `rand(rows, cols)`: a `rows`×`cols` array of [`random_sample`](Self::random_sample)
    /// values, filled in row-major (C) order as NumPy fills it.
    pub fn rand(&mut self, rows: usize, cols: usize) -> Array2<f64> {
        Array2::from_shape_simple_fn((rows, cols), || self.random_sample())
    }
}

#[cfg(test)]
mod tests {
    use super::RandomState;

    /// The first outputs of the reference `mt19937ar.c` for its default seed 5489
    /// (`init_genrand(5489)`), as C++'s `std::mt19937` also gives them.
    #[test]
    fn first_outputs_match_the_reference_implementation() {
        let mut prng = RandomState::new(5489);
        let first: Vec<u32> = (0..5).map(|_| prng.next_u32()).collect();
        assert_eq!(first, [3499211612, 581869302, 3890346734, 3586334585, 545404204]);
    }

    /// C++11 fixes the 10000th output of `std::mt19937` (seed 5489) as 4123659995.
    #[test]
    fn ten_thousandth_output_matches_the_standard() {
        let mut prng = RandomState::new(5489);
        let last = (0..10_000).map(|_| prng.next_u32()).last();
        assert_eq!(last, Some(4_123_659_995));
    }

    /// The notebook's `prng.rand(4, 5)` printed with precision 2, and the two values it
    /// prints with more digits: `nparr.sum()` (Python 2's 12 significant digits) and
    /// `darr[0, 2]` (NumPy 1.9's 17).
    #[test]
    fn seed_1234567890_gives_the_notebooks_array() {
        let nparr = RandomState::new(1234567890).rand(4, 5);
        let rounded = nparr.mapv(|x| format!("{x:.2}"));
        let expected = [
            ["0.62", "0.59", "0.89", "0.89", "0.46"],
            ["0.78", "0.27", "1.00", "0.54", "0.54"],
            ["0.40", "0.71", "0.41", "0.95", "0.03"],
            ["0.14", "0.08", "0.42", "0.23", "0.75"],
        ];
        for (row, want) in rounded.rows().into_iter().zip(expected) {
            assert_eq!(row.to_vec(), want);
        }
        assert_eq!(format!("{:.10}", nparr.sum()), "10.6840911511");
        assert_eq!(nparr[[0, 2]], "0.88868358904449662".parse::<f64>().unwrap());
    }

    #[test]
    fn samples_are_multiples_of_two_to_the_minus_53_in_the_unit_interval() {
        let mut prng = RandomState::new(42);
        for _ in 0..1000 {
            let x = prng.random_sample();
            assert!((0.0..1.0).contains(&x));
            assert_eq!((x * 9_007_199_254_740_992.0).fract(), 0.0);
        }
    }
}
