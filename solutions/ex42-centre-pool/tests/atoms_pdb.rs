//! The data file of ex42 and ex43 is what `examples/make_atoms.rs` writes: each of its
//! four copies, byte for byte, and its ATOM records read at the PDB format's columns.

// The example's `main` is its entry point, unused here.
#[allow(dead_code)]
#[path = "../examples/make_atoms.rs"]
mod make_atoms;

use std::path::Path;

/// The copies, relative to the workspace's root.
const COPIES: [&str; 4] = [
    "exercises/ex42-centre-pool/data/atoms.pdb",
    "solutions/ex42-centre-pool/data/atoms.pdb",
    "exercises/ex43-centre-queue/data/atoms.pdb",
    "solutions/ex43-centre-queue/data/atoms.pdb",
];

#[test]
fn every_copy_is_the_generators_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let made = make_atoms::pdb_text();
    for copy in COPIES {
        let text = std::fs::read_to_string(root.join(copy)).unwrap_or_else(|e| panic!("{copy}: {e}"));
        assert!(
            text == made,
            "{copy} is not what the generator writes: \
             `cargo run -q -p sol-centre-pool --example make_atoms > {copy}`"
        );
    }
}

#[test]
fn atom_records_have_coordinates_in_their_columns() {
    let text = make_atoms::pdb_text();
    let atoms: Vec<&str> = text.lines().filter(|l| l.starts_with("ATOM  ")).collect();
    assert_eq!(atoms.len(), 1524);
    assert_eq!(text.lines().filter(|l| l.starts_with("HETATM")).count(), 30);
    for line in atoms {
        for cols in [30..38, 38..46, 46..54] {
            let field = &line[cols];
            assert_eq!(field.len(), 8);
            let value: f64 = field.trim().parse().unwrap_or_else(|_| panic!("{line}"));
            assert_eq!(format!("{value:8.3}"), field, "{line}");
        }
        assert_eq!(
            line[76..78].trim(),
            &line[13..14],
            "element and atom name: {line}"
        );
    }
}
