//! ex02 (dna-chars), reference solution: a DNA sequence as an array of characters, and
//! as an array of bytes. Unlike a string, an array has one element per letter, can be
//! indexed in constant time and changed in place.
//!
//! Mirrors seed 002, "Non-numeric data": `np.array('AAAGTCTGAC', dtype='c')`, the
//! character array made from a DNA string.

use hpckit::NpDisplay;
use ndarray::Array1;
use std::mem::size_of;

fn main() {
    let dna = "AAAGTCTGAC";
    println!("dna = {dna}");

    // One `char` per letter: 4 bytes each, like NumPy's `<U1` (`np.array(list(dna))`).
    let mut a = char_array(dna);
    println!("a = {}", a.np());
    println!("a.size = {}, a.itemsize = {}", a.len(), size_of::<char>());

    // One byte per letter, like NumPy's `dtype='c'` (`|S1`): the letters' ASCII codes.
    let bytes = byte_array(dna);
    println!("bytes = {}", bytes.np());
    println!(
        "bytes.size = {}, bytes.itemsize = {}",
        bytes.len(),
        size_of::<u8>()
    );

    // An array is mutable, element by element: a point mutation at position 4.
    a[4] = 'A';
    println!("after a[4] = 'A': {}", a.np());
    println!("as a string: {}", to_string(&a));
}

/// `np.array(list(dna))`: the letters of `dna` as a 1-D array of `char`.
fn char_array(dna: &str) -> Array1<char> {
    // A `&str` is UTF-8 bytes, which is why `dna[4]` does not compile: a letter can
    // take one to four bytes. `chars()` walks the letters; they collect into an array.
    dna.chars().collect()
}

/// `np.frombuffer(dna.encode(), dtype=np.uint8)`: the bytes of `dna` as a 1-D array.
fn byte_array(dna: &str) -> Array1<u8> {
    // `bytes()` walks the UTF-8 bytes; for ASCII text, one byte per letter.
    // `Array1::from(dna.as_bytes().to_vec())` does the same in one copy.
    dna.bytes().collect()
}

/// `''.join(a)`: the letters of `a` back as a `String`.
fn to_string(a: &Array1<char>) -> String {
    // `String` collects from an iterator of `char`s; `iter()` yields `&char`, so
    // `copied()` first.
    a.iter().copied().collect()
}
