//! Writes `data/atoms.pdb`, the made-up protein that ex42 and ex43 read.
//!
//!     cargo run -q -p sol-centre-pool --example make_atoms > atoms.pdb
//!
//! CSC's exercise reads a real entry of the Protein Data Bank (the Zika virus,
//! 5ire.pdb). There is no network on the machines this course is built on, so the
//! file is made here instead, from a fixed formula and nothing random: three
//! alpha-helices (chains A, B and C) of 127 residues each, four backbone atoms per
//! residue (N, CA, C, O), 1524 ATOM records; 30 water molecules as HETATM records,
//! which a reader of ATOM records must skip; a header, TER after each chain, END.
//! Every record uses the PDB format's fixed columns (coordinates in columns 31-54,
//! three times `%8.3f`), so any PDB reader can open it. The four copies in the
//! exercise and solution crates of ex42 and ex43 are this program's output, byte for
//! byte: `tests/atoms_pdb.rs` checks it.

use std::fmt::Write;

/// Residues per chain, and the chains' identifiers.
const RESIDUES: usize = 127;
const CHAINS: [char; 3] = ['A', 'B', 'C'];
/// The 20 amino acids, in an order the chains cycle through.
const SEQUENCE: [&str; 20] = [
    "MET", "ALA", "LEU", "GLU", "LYS", "ARG", "GLN", "ILE", "VAL", "SER", "THR", "ASP", "ASN", "PHE", "TYR",
    "TRP", "HIS", "CYS", "GLY", "PRO",
];
/// An alpha-helix turns 100 degrees and rises 1.5 angstrom per residue.
const TURN_DEGREES: f64 = 100.0;
const RISE: f64 = 1.5;
/// Each backbone atom: its name (columns 13-16), element, and where it sits relative
/// to the residue's turn: radius from the axis, extra angle in degrees, extra rise.
type Backbone = (&'static str, &'static str, f64, f64, f64);
const BACKBONE: [Backbone; 4] = [
    (" N  ", "N", 1.55, -28.0, -0.85),
    (" CA ", "C", 2.30, 0.0, 0.0),
    (" C  ", "C", 1.65, 28.0, 0.80),
    (" O  ", "O", 1.90, 42.0, 1.95),
];

fn main() {
    print!("{}", pdb_text());
}

/// The whole file.
pub fn pdb_text() -> String {
    let mut pdb = String::new();
    pdb.push_str(&record(&format!(
        "HEADER    {:<40}{:<9}   {}",
        "SYNTHETIC PROTEIN", "01-JAN-25", "XXXX"
    )));
    pdb.push_str(&record(
        "TITLE     THREE ALPHA-HELICES ON A FIXED FORMULA, FOR THE HPC-IN-RUST WORKBOOK",
    ));
    pdb.push_str(&record(
        "REMARK   1 MADE BY solutions/ex42-centre-pool/examples/make_atoms.rs",
    ));
    pdb.push_str(&record(
        "REMARK   1 NOT A REAL STRUCTURE: THE COORDINATES COME FROM A FORMULA",
    ));
    let mut serial = 1;
    for (c, &chain) in CHAINS.iter().enumerate() {
        for residue in 0..RESIDUES {
            for atom in BACKBONE {
                let xyz = place(c, helix_point(residue, atom));
                let res_name = SEQUENCE[(residue + 7 * c) % SEQUENCE.len()];
                let fields = Fields {
                    serial,
                    name: atom.0,
                    res_name,
                    chain,
                    res_seq: residue + 1,
                };
                pdb.push_str(&atom_record("ATOM  ", &fields, xyz, atom.1));
                serial += 1;
            }
        }
        let last = SEQUENCE[(RESIDUES - 1 + 7 * c) % SEQUENCE.len()];
        pdb.push_str(&record(&format!(
            "TER   {serial:>5}      {last} {chain}{RESIDUES:>4}"
        )));
        serial += 1;
    }
    for water in 0..30 {
        let fields = Fields {
            serial,
            name: " O  ",
            res_name: "HOH",
            chain: 'W',
            res_seq: water + 1,
        };
        pdb.push_str(&atom_record("HETATM", &fields, water_position(water), "O"));
        serial += 1;
    }
    pdb.push_str(&record("END"));
    pdb
}

/// One atom on a helix along the z axis, starting at the origin.
fn helix_point(residue: usize, (_, _, radius, angle, rise): Backbone) -> [f64; 3] {
    let phi = (residue as f64 * TURN_DEGREES + angle).to_radians();
    [
        radius * phi.cos(),
        radius * phi.sin(),
        residue as f64 * RISE + rise,
    ]
}

/// Puts chain `c`'s helix in place: A stands along z, B runs back down beside it,
/// C lies along x above them both.
fn place(c: usize, [x, y, z]: [f64; 3]) -> [f64; 3] {
    match c {
        0 => [x + 3.0, y - 2.0, z - 40.0],
        1 => [x + 13.5, -y + 6.25, 150.0 - z],
        _ => [z - 60.0, y + 20.0, x + 95.5],
    }
}

/// Water molecules on a loose spiral around the helices.
fn water_position(k: usize) -> [f64; 3] {
    let phi = (k as f64 * 37.0).to_radians();
    [
        8.0 + 18.0 * phi.cos(),
        2.0 + 18.0 * phi.sin(),
        -30.0 + 6.0 * k as f64,
    ]
}

/// The identifying fields of an ATOM or HETATM record.
struct Fields<'a> {
    serial: usize,
    name: &'a str,
    res_name: &'a str,
    chain: char,
    res_seq: usize,
}

/// An ATOM or HETATM record, in the PDB format's fixed columns: serial 7-11, name
/// 13-16, residue 18-20, chain 22, residue number 23-26, x y z 31-54 (`%8.3f` each),
/// occupancy 55-60, temperature factor 61-66, element 77-78.
fn atom_record(kind: &str, f: &Fields, [x, y, z]: [f64; 3], element: &str) -> String {
    let mut line = String::new();
    write!(
        line,
        "{kind}{:>5} {} {} {}{:>4}    {x:>8.3}{y:>8.3}{z:>8.3}{:>6.2}{:>6.2}          {element:>2}",
        f.serial, f.name, f.res_name, f.chain, f.res_seq, 1.0, 20.0
    )
    .expect("writing to a String cannot fail");
    record(&line)
}

/// A line of the file: at most the format's 80 columns, ending after its last field
/// (no blanks to pad it to 80, which readers do not need).
fn record(text: &str) -> String {
    assert!(text.len() <= 80, "a PDB record has at most 80 columns: {text}");
    format!("{}\n", text.trim_end())
}
