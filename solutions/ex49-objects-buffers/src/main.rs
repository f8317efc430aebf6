//! ex49 (objects-buffers), reference solution: the two ways to send data with MPI.
//!
//! Rank 0 sends the same record, `{'a': 7, 'b': 3.14}`, to every other rank twice:
//! first as an *object*, serialized into bytes with serde and postcard (what mpi4py's
//! lowercase `send` does with pickle), then as an MPI struct that needs no
//! serialization (`#[derive(Equivalence)]`). Then it sends two arrays as typed
//! buffers, 1000 `i32` and 100 `f64`, straight from their memory (mpi4py's uppercase
//! `Send`). Each side prints how many bytes went over the wire.
//!
//! Mirrors seed 001, "Point-to-Point Communication" (`data = {'a': 7, 'b': 3.14}`,
//! `comm.send(data, dest=1, tag=11)`; `numpy.arange(1000, dtype='i')` sent with
//! `[data, MPI.INT]`, tag 77; `numpy.arange(100, dtype=numpy.float64)`, tag 13), seed
//! 002's `send.py` and `send-array.py`, and seed 003's "Object serialization" vs
//! "Direct communication of memory buffers".
//! Check it with `cargo run -p runner -- check ex49`.

use hpckit::{py_float, NpDisplay};
use mpi::topology::{Process, Rank, SimpleCommunicator};
use mpi::traits::*;
use mpi::Tag;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The dictionary `{'a': 7, 'b': 3.14}` of mpi4py's tutorial. In Rust, a record with known fields is
/// a struct. Deriving `Serialize`/`Deserialize` lets serde turn it into bytes and back
/// (the pickle path); deriving `Equivalence` gives it an MPI datatype of its own, so
/// that MPI can send it straight from memory (the buffer path).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Equivalence)]
struct Record {
    a: i64,
    b: f64,
}

/// Prints a record as Python prints the dictionary.
impl fmt::Display for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{'a': {}, 'b': {}}}", self.a, py_float(self.b))
    }
}

/// Tags from mpi4py's tutorial: 11 for the object, 77 for the `i32` array, 13 for the `f64`
/// array; 12 for the struct, which the tutorial does not have.
const OBJECT_TAG: Tag = 11;
const STRUCT_TAG: Tag = 12;
const INT_TAG: Tag = 77;
const FLOAT_TAG: Tag = 13;

fn main() {
    let universe = mpi::initialize().unwrap();
    let world = universe.world();
    let rank = world.rank();

    if rank == 0 {
        // The tutorial's number, not an attempt at π, whatever clippy thinks.
        #[allow(clippy::approx_constant)]
        let record = Record { a: 7, b: 3.14 };
        let ints: Vec<i32> = (0..1000).collect();
        let floats: Vec<f64> = (0..100).map(f64::from).collect();
        let mut object_bytes = 0;
        for dest in 1..world.size() {
            object_bytes = send_object(&world, dest, &record, OBJECT_TAG);
            send_struct(world.process_at_rank(dest), &record, STRUCT_TAG);
            // Arrays go as buffers: MPI reads the elements where they lie in memory.
            // The datatype (MPI_INT32_T, MPI_DOUBLE) comes from the element type.
            world.process_at_rank(dest).send_with_tag(&ints[..], INT_TAG);
            world.process_at_rank(dest).send_with_tag(&floats[..], FLOAT_TAG);
        }
        println!("Process 0 sent {record} to each other process as an object of {object_bytes} bytes");
        println!(
            "Process 0 sent {record} to each other process as an MPI struct of {} bytes",
            size_of::<Record>()
        );
        println!(
            "Process 0 sent {} i32 to each other process as a buffer of {} bytes",
            ints.len(),
            size_of_val(&ints[..])
        );
        println!(
            "Process 0 sent {} f64 to each other process as a buffer of {} bytes",
            floats.len(),
            size_of_val(&floats[..])
        );
    } else {
        let source = world.process_at_rank(0);
        let (record, bytes) = receive_object(&world, OBJECT_TAG);
        println!("Process {rank} received an object of {bytes} bytes: {record}");
        let record = receive_struct(source, STRUCT_TAG);
        println!("Process {rank} received an MPI struct: {record}");

        // A buffer receive needs memory of the right type and size first.
        let mut ints = vec![0_i32; 1000];
        source.receive_into_with_tag(&mut ints[..], INT_TAG);
        println!(
            "Process {rank} received {} i32, data[:5] = {}",
            ints.len(),
            ints[..5].np()
        );
        let mut floats = vec![0.0_f64; 100];
        source.receive_into_with_tag(&mut floats[..], FLOAT_TAG);
        println!(
            "Process {rank} received {} f64, data[:5] = {}",
            floats.len(),
            floats[..5].np()
        );
    }
}

/// Sends `record` to rank `dest` as an object: serialized into bytes, which go as a
/// buffer of `u8` tagged `tag`. Returns how many bytes were sent.
fn send_object(world: &SimpleCommunicator, dest: Rank, record: &Record, tag: Tag) -> usize {
    // Serializing walks the value and writes its fields into a new `Vec<u8>`:
    // work and memory that a buffer send does not need.
    let bytes = postcard::to_allocvec(record).expect("a Record always serializes");
    world.process_at_rank(dest).send_with_tag(&bytes[..], tag);
    bytes.len()
}

/// Receives from rank 0 a record sent as an object, tagged `tag`. Returns it and its
/// size in bytes.
fn receive_object(world: &SimpleCommunicator, tag: Tag) -> (Record, usize) {
    // The receiver cannot know how many bytes are coming: `receive_vec` probes the
    // message for its size, allocates a `Vec<u8>` of that size, and receives into it.
    let (bytes, _status) = world.process_at_rank(0).receive_vec_with_tag::<u8>(tag);
    let record = postcard::from_bytes(&bytes).expect("rank 0 sent a serialized Record");
    (record, bytes.len())
}

/// Sends `record` to `dest` as an MPI struct, tagged `tag`: no serialization.
fn send_struct(dest: Process, record: &Record, tag: Tag) {
    // `Record` implements `Equivalence`, so a `&Record` is a buffer of one element.
    dest.send_with_tag(record, tag);
}

/// Receives, from `source`, a record sent as an MPI struct tagged `tag`.
fn receive_struct(source: Process, tag: Tag) -> Record {
    let (record, _status) = source.receive_with_tag::<Record>(tag);
    record
}
