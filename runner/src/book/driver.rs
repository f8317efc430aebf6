//! Builds the book in-process with mdbook-driver, so that learners need no mdBook
//! installation.

use super::Workbook;
use crate::course::Course;
use anyhow::{Context, Result};
use mdbook_driver::MDBook;
use std::path::PathBuf;

/// Builds the HTML book and returns the path of its `index.html` (`book/book/index.html`).
///
/// The manifest is read again from `course`'s root rather than taken from `course`, so
/// that a rebuild by `book serve` sees an edited `info.toml`.
pub fn build(course: &Course) -> Result<PathBuf> {
    let root = course.book_dir();
    let mut book = MDBook::load(&root).with_context(|| {
        format!(
            "loading the book in {}: its book.toml, src/SUMMARY.md and every page listed there",
            root.display()
        )
    })?;
    // Registered under the name book.toml gives it, this replaces the command that
    // mdBook would otherwise run (`cargo run … book preprocess`): no cargo, no process.
    book.with_preprocessor(Workbook::new(Course::load(course.root())?));
    book.build()
        .with_context(|| format!("building the book in {}", root.display()))?;
    Ok(book.build_dir_for("html").join("index.html"))
}
