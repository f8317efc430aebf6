//! Writes the heat-equation capstone's initial field, `hpckit/data/bottle.dat`: a hot
//! bottle with a warm cork, standing in cold air, in the text format of CSC's
//! `bottle.dat` (a header `# rows columns`, then one line of numbers per row).
//!
//! ```console
//! cargo run -p sol-heat-serial --example make-bottle            # rewrites the course's file
//! cargo run -p sol-heat-serial --example make-bottle -- my.dat  # or writes another one
//! ```
//!
//! The field is drawn from a few straight lines and one curve, point by point, so it
//! is the same on every run; the course ships the file it made, and the capstone's
//! expected outputs depend on every number in it.

use hpckit::heat::{self, BOTTLE_PATH};
use ndarray::Array2;

/// Grid rows and columns. 199 is prime: split over 2, 3 or 4 ranks, the row blocks
/// are never all the same size, which is the case the parallel programs must get right.
const ROWS: usize = 199;
const COLUMNS: usize = 160;

/// Temperatures: the air (and with it the fixed edges), the water in the bottle and
/// the cork, as in the course's earlier heat programs (room 20.0, hot 80.0).
const AIR: f64 = 20.0;
const WATER: f64 = 80.0;
const CORK: f64 = 50.0;

/// The bottle, from the top down, as rows where each part ends and half-widths in
/// grid points, measured from the middle of the grid.
const CORK_TOP: f64 = 16.0;
const NECK_TOP: f64 = 30.0;
const SHOULDER_TOP: f64 = 62.0;
const BODY_TOP: f64 = 92.0;
const BOTTOM: f64 = 178.0;
const CORK_HALF_WIDTH: f64 = 10.0;
const NECK_HALF_WIDTH: f64 = 14.0;
const BODY_HALF_WIDTH: f64 = 52.0;
/// Radius of the rounded corners at the bottom of the bottle.
const CORNER: f64 = 12.0;

fn main() -> std::io::Result<()> {
    let path = std::env::args().nth(1).unwrap_or_else(|| BOTTLE_PATH.to_string());
    let field = Array2::from_shape_fn((ROWS, COLUMNS), |(i, j)| temperature(i, j));
    std::fs::write(&path, heat::format_field(field.view()))?;
    println!(
        "wrote {path}: {ROWS} x {COLUMNS}, average {:.6}",
        heat::average(field.view())
    );
    Ok(())
}

/// The temperature at grid point `(i, j)`, taken at the middle of its cell.
fn temperature(i: usize, j: usize) -> f64 {
    let y = i as f64 + 0.5;
    let x = (j as f64 + 0.5 - COLUMNS as f64 / 2.0).abs();
    if (CORK_TOP..NECK_TOP).contains(&y) && x < CORK_HALF_WIDTH {
        CORK
    } else if x < bottle_half_width(y) {
        WATER
    } else {
        AIR
    }
}

/// How far the bottle reaches to each side at height `y` (0 outside it): a straight
/// neck, shoulders that widen along half a cosine wave, a straight body with rounded
/// bottom corners.
fn bottle_half_width(y: f64) -> f64 {
    if (NECK_TOP..SHOULDER_TOP).contains(&y) {
        NECK_HALF_WIDTH
    } else if (SHOULDER_TOP..BODY_TOP).contains(&y) {
        let t = (y - SHOULDER_TOP) / (BODY_TOP - SHOULDER_TOP);
        let widening = (1.0 - (std::f64::consts::PI * t).cos()) / 2.0;
        NECK_HALF_WIDTH + (BODY_HALF_WIDTH - NECK_HALF_WIDTH) * widening
    } else if (BODY_TOP..BOTTOM).contains(&y) {
        // In the last CORNER rows the sides curve in along a quarter circle.
        let into_corner = (y - (BOTTOM - CORNER)).max(0.0);
        BODY_HALF_WIDTH - CORNER + (CORNER * CORNER - into_corner * into_corner).sqrt()
    } else {
        0.0
    }
}
