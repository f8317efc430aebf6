//! The distribution pictures in the book's distributed-arrays chapter are the ones
//! `distarray-plots` draws now (tests/plots.rs checks that the command writes exactly
//! `plot::chapter_pictures`). After a change to the pictures, make them again with
//!
//! ```console
//! cargo run -p distarray --bin distarray-plots -- book/src/distarray/
//! ```

use std::path::Path;

use distarray::plot::chapter_pictures;

/// The command that writes the pictures into the book.
const REGENERATE: &str = "cargo run -p distarray --bin distarray-plots -- book/src/distarray/";

#[test]
fn book_pictures_are_current() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("distarray/ is in the workspace");
    let folder = workspace.join("book/src/distarray");
    for (name, svg) in chapter_pictures() {
        let path = folder.join(name);
        let committed = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("{}: {error}; make it with `{REGENERATE}`", path.display()));
        // Not assert_eq: a diff of two SVG documents would fill the screen.
        assert!(
            committed == svg,
            "{} differs from what distarray-plots draws: run `{REGENERATE}`",
            path.display()
        );
    }
}
