//! Speaker notes, kept out of the search index. A page's notes are a
//! `<details class="speaker-notes">` block at its end (the instructor's guide says how to
//! write one), hidden from readers by workbook.css. mdBook 0.5 indexes all the text of a
//! page's HTML except that of `script` and `style` elements, so a search for what an
//! instructor says ("Ask the room") would find the notes and show them in its excerpts.
//!
//! The preprocessor therefore turns each block into HTML itself, as mdBook would, and
//! ships it in a `<script type="text/html" class="speaker-notes">`: a script of a type
//! that browsers do not run and that search skips. workbook.js puts the `details`
//! element back on the page when it loads. Both `runner book build` and an installed
//! mdBook (through `book preprocess`) get them so.

use super::preprocessor::Fence;
use anyhow::{bail, Context, Result};
use mdbook_markdown::pulldown_cmark::{html, CowStr, Event, Tag};
use mdbook_markdown::{new_cmark_parser, MarkdownOptions};
use mdbook_preprocessor::config::Config;
use regex::Regex;
use std::sync::LazyLock;

/// The line that opens a page's notes.
const OPENING: &str = r#"<details class="speaker-notes">"#;

/// The Markdown options of the book's HTML output, so that the notes read like the rest
/// of the page (curly quotes, say, unless book.toml turns them off).
pub fn markdown_options(config: &Config) -> MarkdownOptions {
    let html = config.html_config().unwrap_or_default();
    let mut options = MarkdownOptions::default();
    options.smart_punctuation = html.smart_punctuation;
    options.definition_lists = html.definition_lists;
    options.admonitions = html.admonitions;
    options
}

/// The page with each block of speaker notes replaced by its HTML in a script element.
/// Blocks inside fenced code (the guide shows one) are left alone; `file` names the page
/// in errors.
pub fn hide_from_search(file: &str, content: &str, options: &MarkdownOptions) -> Result<String> {
    let mut out = String::with_capacity(content.len());
    let mut fence = Fence::default();
    let mut lines = content.split_inclusive('\n').enumerate();
    while let Some((number, line)) = lines.next() {
        if fence.inside(line) || line.trim() != OPENING {
            out.push_str(line);
            continue;
        }
        let at = format!("{file}:{}", number + 1);
        let mut block = line.to_string();
        let mut inner = Fence::default();
        let closed = lines.by_ref().any(|(_, line)| {
            block.push_str(line);
            !inner.inside(line) && line.trim() == "</details>"
        });
        if !closed {
            bail!("{at}: the speaker notes opened here have no `</details>` line");
        }
        out.push_str(&script(&render(&block, options)).context(at)?);
    }
    Ok(out)
}

/// The notes' HTML, with links between pages made to point at the HTML files, as mdBook
/// does for the page around them (`guide.md#speaker-notes` → `guide.html#speaker-notes`).
fn render(block: &str, options: &MarkdownOptions) -> String {
    let events = new_cmark_parser(block, options).map(|event| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: page_link(dest_url),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::with_capacity(block.len() * 2);
    html::push_html(&mut out, events);
    out
}

/// A relative link to a Markdown page, `x.md` or `x.md#anchor`, made `x.html…`; other
/// links (`https:`, `#anchor`, images) unchanged.
fn page_link(link: CowStr<'_>) -> CowStr<'_> {
    static PAGE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?P<page>[^:#]*)\.md(?P<anchor>#.*)?$").unwrap());
    match PAGE.captures(&link) {
        Some(caps) => format!(
            "{}.html{}",
            &caps["page"],
            caps.name("anchor").map_or("", |a| a.as_str())
        )
        .into(),
        None => link,
    }
}

/// The HTML of the notes inside a script element that browsers leave alone. The HTML
/// must not end the script early nor open another one; what pulldown-cmark escapes
/// (text, code) cannot, so only raw HTML written in the notes could.
fn script(html: &str) -> Result<String> {
    let lower = html.to_ascii_lowercase();
    if let Some(tag) = ["<script", "</script", "<!--"]
        .into_iter()
        .find(|t| lower.contains(t))
    {
        bail!("speaker notes cannot contain raw HTML with `{tag}`: write it as code (`…`) instead");
    }
    Ok(format!(
        "<script type=\"text/html\" class=\"speaker-notes\">\n{html}</script>\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "# Page\n\nProse with [a link](other.md).\n\n\
                        <details class=\"speaker-notes\">\n<summary>Speaker notes</summary>\n\n\
                        - Say: \"the ranks\" and `mpiexec -n 4`.\n- Show [ex75](scatterv-reduce.md#the-idea).\n\n\
                        </details>\n\nAfter.\n\n\
                        ```html\n<details class=\"speaker-notes\">\n```\n";

    #[test]
    fn notes_become_a_script_of_their_html_and_the_rest_is_unchanged() {
        let out = hide_from_search("page.md", PAGE, &MarkdownOptions::default()).unwrap();
        assert_eq!(
            out,
            "# Page\n\nProse with [a link](other.md).\n\n\
             <script type=\"text/html\" class=\"speaker-notes\">\n\
             <details class=\"speaker-notes\">\n<summary>Speaker notes</summary>\n\
             <ul>\n<li>Say: “the ranks” and <code>mpiexec -n 4</code>.</li>\n\
             <li>Show <a href=\"scatterv-reduce.html#the-idea\">ex75</a>.</li>\n</ul>\n\
             </details>\n</script>\n\nAfter.\n\n\
             ```html\n<details class=\"speaker-notes\">\n```\n"
        );
    }

    #[test]
    fn unclosed_notes_and_scripts_in_notes_are_errors_naming_the_line() {
        let unclosed = "# Page\n\n<details class=\"speaker-notes\">\n\n- Say it.\n";
        let err = hide_from_search("p.md", unclosed, &MarkdownOptions::default()).unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            "p.md:3: the speaker notes opened here have no `</details>` line"
        );
        let script = "<details class=\"speaker-notes\">\n\n<script>x()</script>\n\n</details>\n";
        let err = hide_from_search("p.md", script, &MarkdownOptions::default()).unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            "p.md:1: speaker notes cannot contain raw HTML with `<script`: write it as code (`…`) instead"
        );
    }

    #[test]
    fn only_relative_markdown_links_change() {
        for (link, fixed) in [
            ("guide.md", "guide.html"),
            ("../runner.md#reading-a-report", "../runner.html#reading-a-report"),
            ("https://example.org/a.md", "https://example.org/a.md"),
            ("#anchor", "#anchor"),
            ("picture.svg", "picture.svg"),
        ] {
            assert_eq!(page_link(link.into()).as_ref(), fixed);
        }
    }
}
