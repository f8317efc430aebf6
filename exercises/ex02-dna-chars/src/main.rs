//! ex02 (dna-chars): a DNA sequence as an array of characters, and as an array of
//! bytes. Unlike a string, an array has one element per letter, can be indexed in
//! constant time and changed in place. Fill in the three functions below `main`.
//! Check it with `cargo run -p runner -- check ex02`.

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
fn char_array(_dna: &str) -> Array1<char> {
    // TODO: `dna.chars()` is an iterator over the letters, and an iterator can
    // `collect()` into an `Array1`.
    // (Remove the leading `_` of the parameters you use.)
    todo!("the letters of `dna` as an array")
}

/// `np.frombuffer(dna.encode(), dtype=np.uint8)`: the bytes of `dna` as a 1-D array.
fn byte_array(_dna: &str) -> Array1<u8> {
    // TODO: like `char_array`, with `dna.bytes()`.
    todo!("the bytes of `dna` as an array")
}

/// `''.join(a)`: the letters of `a` back as a `String`.
fn to_string(_a: &Array1<char>) -> String {
    // TODO: a `String` can be collected from an iterator of `char`s. `a.iter()` yields
    // references, `&char`: `.copied()` turns them into `char`s.
    todo!("the letters of `a` as a string")
}
