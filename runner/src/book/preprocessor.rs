//! The `workbook` mdBook preprocessor: replaces every `{{#exercise <slug>}}` line of a
//! chapter with the exercise's generated Markdown (see [`super::exercise`]). Book pages
//! then hold only prose, and whatever the runner checks is shown from its own sources.

use super::exercise::{self};
use super::notes;
use crate::course::{Course, Exercise};
use anyhow::{bail, Context, Result};
use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use regex::Regex;
use std::sync::LazyLock;

/// The preprocessor, bound to one loaded course.
pub struct Workbook {
    course: Course,
}

impl Workbook {
    /// The name mdBook knows it by: `[preprocessor.workbook]` in `book/book.toml`.
    pub const NAME: &'static str = "workbook";

    pub fn new(course: Course) -> Workbook {
        Workbook { course }
    }
}

/// The renderers whose input is Markdown, so the generated Markdown suits them.
pub fn supports_renderer(renderer: &str) -> bool {
    matches!(renderer, "html" | "markdown")
}

impl Preprocessor for Workbook {
    fn name(&self) -> &str {
        Self::NAME
    }

    /// Expands every chapter and hides its speaker notes from search, and reports every
    /// bad directive of the book at once rather than one per build.
    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let src = ctx.root.join(&ctx.config.book.src);
        let markdown = notes::markdown_options(&ctx.config);
        let mut errors = Vec::new();
        let mut unblessed = Vec::new();
        book.for_each_chapter_mut(|chapter| {
            let file = match &chapter.source_path {
                Some(path) => self.course.relative(&src.join(path)),
                None => chapter.name.clone(),
            };
            let expanded = self
                .expand_chapter(&file, &chapter.content, &mut unblessed)
                .and_then(|content| notes::hide_from_search(&file, &content, &markdown));
            match expanded {
                Ok(content) => chapter.content = content,
                Err(e) => errors.push(format!("{e:#}")),
            }
        });
        if !errors.is_empty() {
            bail!(errors.join("\n"));
        }
        self.add_solutions(&mut book)?;
        if !unblessed.is_empty() {
            eprintln!(
                "warning: no expected output yet for {}; their pages say so. Generate them with \
                 `cargo run -p runner -- dev bless <exercise>` or `dev bless --all`.",
                unblessed.join(", ")
            );
        }
        Ok(book)
    }

    fn supports_renderer(&self, renderer: &str) -> Result<bool> {
        Ok(supports_renderer(renderer))
    }
}

impl Workbook {
    /// Appends the "Hints and solutions" part: a page per chapter that has exercises,
    /// at `solutions/<chapter>.md`, after every other page so that reading on with
    /// "next" never walks into it.
    fn add_solutions(&self, book: &mut Book) -> Result<()> {
        book.push_item(BookItem::PartTitle("Hints and solutions".into()));
        for chapter in self.course.chapters() {
            let exercises: Vec<&Exercise> = self.course.exercises_in(&chapter.slug).collect();
            if exercises.is_empty() {
                continue;
            }
            let content = exercise::solutions_page(&self.course, &chapter.title, &exercises)?;
            let path = format!("{}/{}.md", exercise::SOLUTIONS, chapter.slug);
            let page = Chapter::new(&chapter.title, content, path, Vec::new());
            book.push_item(BookItem::Chapter(page));
        }
        Ok(())
    }
}

/// A directive: `{{#exercise <slug>}}` alone on its line.
static DIRECTIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\{\{#exercise\s+([A-Za-z0-9_-]+)\s*\}\}$").unwrap());

impl Workbook {
    /// The chapter's text with its directives replaced; `file` names it in messages,
    /// and the exercises lacking an expected output are added to `unblessed`.
    /// Lines inside fenced code blocks, and mentions of the directive within a line of
    /// prose, are left alone so that a page can show the syntax.
    fn expand_chapter(&self, file: &str, content: &str, unblessed: &mut Vec<String>) -> Result<String> {
        let mut out = String::with_capacity(content.len());
        let mut fence = Fence::default();
        for (number, line) in content.split_inclusive('\n').enumerate() {
            let text = line.trim();
            if fence.inside(line) || !text.starts_with("{{#exercise") {
                out.push_str(line);
                continue;
            }
            let at = format!("{file}:{}", number + 1);
            let (ex, expansion) = self
                .directive(text)
                .and_then(|ex| Ok((ex, exercise::expand(&self.course, ex)?)))
                .with_context(|| format!("{at}: `{text}`"))?;
            if !expansion.missing.is_empty() && !unblessed.contains(&ex.id) {
                unblessed.push(ex.id.clone());
            }
            out.push_str(&expansion.markdown);
        }
        Ok(out)
    }

    /// The exercise a directive line names.
    fn directive(&self, text: &str) -> Result<&Exercise> {
        let Some(slug) = DIRECTIVE.captures(text).map(|c| c[1].to_string()) else {
            bail!("not a valid directive: write `{{{{#exercise <slug>}}}}` alone on its line");
        };
        let exercises = self.course.exercises();
        match exercises.iter().find(|e| e.slug == slug) {
            Some(ex) => Ok(ex),
            None => {
                let slugs: Vec<&str> = exercises.iter().map(|e| e.slug.as_str()).collect();
                bail!(
                    "names no exercise of info.toml: there is no slug `{slug}`.\n\
                     The slugs are: {}.",
                    slugs.join(", ")
                )
            }
        }
    }
}

/// Tracks fenced code blocks (```` ``` ```` or `~~~`) line by line, as CommonMark
/// delimits them: a fence closes only with the same character, at least as many times.
#[derive(Default)]
pub(super) struct Fence {
    open: Option<(char, usize)>,
}

impl Fence {
    /// Whether `line` belongs to a code block, its opening and closing fences included.
    pub(super) fn inside(&mut self, line: &str) -> bool {
        let text = line.trim();
        let marker = ['`', '~']
            .into_iter()
            .map(|c| (c, text.chars().take_while(|&t| t == c).count()))
            .find(|&(_, n)| n >= 3);
        match (self.open, marker) {
            (None, Some(opening)) => {
                self.open = Some(opening);
                true
            }
            (Some((c, n)), Some((mc, mn))) if c == mc && mn >= n && text.len() == mn => {
                self.open = None;
                true
            }
            (open, _) => open.is_some(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_open_and_close_like_commonmark() {
        let mut fence = Fence::default();
        let lines = [
            "text\n",
            "````md\n",
            "```\n",
            "{{#exercise x}}\n",
            "````\n",
            "after\n",
        ];
        let inside: Vec<bool> = lines.iter().map(|l| fence.inside(l)).collect();
        assert_eq!(inside, [false, true, true, true, true, false]);
    }
}
