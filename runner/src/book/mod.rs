//! The course book (`book/`, an mdBook). Exercise pages hold prose and one
//! `{{#exercise <slug>}}` line each; the `workbook` preprocessor replaces that line with
//! what the runner knows about the exercise (the file to edit, the command, the expected
//! output of every rank, the hints and the solution), so the book shows exactly what
//! gets checked.
//!
//! - [`exercise`] writes the Markdown for one exercise;
//! - [`preprocessor`] finds the directives and expands them;
//! - [`notes`] keeps the speaker notes out of the search index;
//! - [`protocol`] runs the preprocessor for an installed mdBook (`mdbook serve book`);
//! - [`driver`] builds the HTML in-process, with no mdBook installed;
//! - [`server`] and [`watch`] serve it and rebuild it when a source changes.

mod driver;
mod exercise;
mod notes;
mod preprocessor;
mod protocol;
mod server;
mod watch;

pub use driver::build;
pub use preprocessor::{supports_renderer, Workbook};
pub use protocol::preprocess_stdio;
pub use server::{serve, serve_site};
