//! mdBook's external-preprocessor protocol, for people who run mdBook themselves
//! (`mdbook serve book`): `book/book.toml` names `runner book preprocess` as the
//! `workbook` preprocessor. mdBook first asks `… supports <renderer>` (answered by the
//! exit code), then writes `[context, book]` as JSON on our stdin and reads the
//! processed book as JSON from our stdout, so nothing else may be printed there.

use super::Workbook;
use crate::course::Course;
use anyhow::{anyhow, Context, Result};
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext, MDBOOK_VERSION};
use std::io::{Read, Write};

/// `runner book preprocess`: reads mdBook's JSON on stdin, writes the book on stdout.
pub fn preprocess_stdio() -> Result<()> {
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .context("reading the book that mdBook sends on standard input")?;
    let (ctx, book) = parse(&input)?;
    // mdBook runs us in the book's root; its path in the context may be relative to
    // where mdBook itself was started, and then the working directory is the root.
    let root = if ctx.root.is_absolute() {
        ctx.root.clone()
    } else {
        std::env::current_dir().context("finding the book's directory")?
    };
    let course = Course::discover(&root)?;
    let book = Workbook::new(course).run(&ctx, book)?;
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer(&mut stdout, &book)
        .and_then(|()| stdout.flush().map_err(serde_json::Error::io))
        .context("writing the processed book to standard output for mdBook")
}

/// Parses mdBook's input, explaining a failure caused by an mdBook of another version,
/// whose JSON differs (0.4 named the chapters `sections`, 0.5 `items`).
fn parse(input: &str) -> Result<(PreprocessorContext, Book)> {
    let version = || -> Option<String> {
        let value: serde_json::Value = serde_json::from_str(input).ok()?;
        Some(value.get(0)?.get("mdbook_version")?.as_str()?.to_string())
    };
    match mdbook_preprocessor::parse_input(input.as_bytes()) {
        Ok((ctx, book)) => {
            if !same_series(&ctx.mdbook_version) {
                eprintln!("warning: {}", mismatch(&ctx.mdbook_version));
            }
            Ok((ctx, book))
        }
        Err(e) => match version() {
            Some(v) if !same_series(&v) => Err(anyhow!(mismatch(&v))),
            _ => {
                Err(e
                    .context("reading mdBook's input; `runner book preprocess` is meant to be run by mdBook"))
            }
        },
    }
}

/// Whether an mdBook version speaks our protocol: same major and minor version.
fn same_series(version: &str) -> bool {
    let series = |v: &str| v.split('.').take(2).collect::<Vec<_>>().join(".");
    series(version) == series(MDBOOK_VERSION)
}

fn mismatch(version: &str) -> String {
    format!(
        "mdBook {version} runs the workbook preprocessor, which was built for mdBook \
         {MDBOOK_VERSION}. Install a matching mdBook with \
         `cargo install mdbook --version {MDBOOK_VERSION} --locked`, or build the book without \
         mdBook: `cargo run -p runner -- book build`."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_old_mdbook_is_named_in_the_error() {
        let input = r#"[{"root":"/b","config":{},"renderer":"html","mdbook_version":"0.4.52"},
                        {"sections":[],"__non_exhaustive":null}]"#;
        let err = parse(input).unwrap_err().to_string();
        assert!(
            err.contains("mdBook 0.4.52 runs the workbook preprocessor"),
            "{err}"
        );
    }
}
