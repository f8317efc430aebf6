//! ex72 (bcast-object): the last rank, not rank 0, is the root. It broadcasts a small
//! settings struct, which is not a flat buffer: serialize it with serde into postcard
//! bytes and broadcast first their length, then the bytes. Then it broadcasts an array
//! of eight `f64`s as a plain buffer. Fill in `broadcast_object` and `broadcast_array`.
//! Check it with `cargo run -p runner -- check ex72`.

use hpckit::NpDisplay;
use mpi::topology::Process;
use mpi::traits::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// The root's settings: the Rust counterpart of the Python dictionary
/// `{'key1': 0.0, 'key2': 11, 'key3': ('abc', 'xyz')}` (the Python course's, with a key
/// from mpi4py's tutorial). A struct has named fields of fixed types; serde turns it
/// into bytes and back.
#[derive(Debug, Serialize, Deserialize)]
struct Settings {
    key1: f64,
    key2: i64,
    key3: (String, String),
}

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();
    // Any rank can be the root; every rank must name the same one.
    let root_rank = world.size() - 1;
    let root = world.process_at_rank(root_rank);

    // Only the root has the settings; the others have nothing yet, not even their size.
    let settings = (rank == root_rank).then(|| Settings {
        key1: 0.0,
        key2: 11,
        key3: ("abc".to_string(), "xyz".to_string()),
    });
    let settings: Settings = broadcast_object(root, settings.as_ref());
    println!("Process {rank} has settings: {settings:?}");

    // The array is a buffer: the receivers allocate it at the root's size beforehand.
    let mut data: Vec<f64> = if rank == root_rank {
        (0..8).map(|i| f64::from(i) / 10.0).collect()
    } else {
        vec![0.0; 8]
    };
    broadcast_array(root, &mut data);
    println!("Process {rank} has data: {}", data.np());
}

/// Broadcasts any serializable value from `root`, like mpi4py's lowercase `bcast`: the
/// root passes `Some(value)`, the others `None`, and every rank gets the value back.
fn broadcast_object<T: Serialize + DeserializeOwned>(_root: Process, _value: Option<&T>) -> T {
    // TODO: two broadcasts, made by every rank:
    // 1. on the root, `postcard::to_allocvec(value)` gives a `Vec<u8>`; broadcast its
    //    length as a single `u64` (`root.broadcast_into(&mut len)`), so that the other
    //    ranks learn how much room to make;
    // 2. every rank sizes its byte vector to that length (`bytes.resize(len, 0)`), and
    //    `root.broadcast_into(&mut bytes[..])` fills it on the others.
    // Then every rank decodes the bytes with `postcard::from_bytes(&bytes)`.
    // (Remove the leading `_` of the parameters you use.)
    todo!("broadcast the value's length, then its bytes, and decode them")
}

/// Bcast of `data` from `root`: afterwards every rank holds the root's values.
fn broadcast_array(_root: Process, _data: &mut [f64]) {
    // TODO: every rank calls `root.broadcast_into(data)`.
    todo!("broadcast `data` from the root")
}
