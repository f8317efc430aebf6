//! The Markdown that stands for one `{{#exercise <slug>}}` line: what to edit, how to
//! check it, what every rank must print, the hints and the solution. All of it comes
//! from the manifest, the expected outputs and the solution crate, the same sources the
//! runner grades with, so a page cannot disagree with the check.

use crate::course::{Course, Exercise, Variant};
use crate::expected;
use crate::words::{capitalized, ranks_phrase};
use anyhow::{Context, Result};

/// An exercise's generated Markdown.
pub struct Expansion {
    pub markdown: String,
    /// Rank counts with no expected output yet: the page says so and the build warns,
    /// but the book still builds, because a course being written has such gaps.
    pub missing: Vec<usize>,
}

/// Writes the Markdown for `ex`.
pub fn expand(course: &Course, ex: &Exercise) -> Result<Expansion> {
    let mut md = summary_box(course, ex);
    let mut missing = Vec::new();

    md.push_str("\n## Expected output\n\n");
    let default = ex.default_ranks();
    if !ex.mpi {
        md.push_str(&format!(
            "The program must print exactly the lines below; the runner compares them {}.\n\n",
            how_compared(ex)
        ));
        md.push_str(&expected_blocks(course, ex, default, false, &mut missing)?);
    } else {
        md.push_str(&format!(
            "At {} (the default), each rank{} must print exactly the lines below. They \
         run at the same time, so the order in which their lines reach your terminal is \
         not defined; the runner checks only each one's own output, {}.\n\n",
            ranks_phrase(default),
            spawned_too(ex),
            how_compared(ex)
        ));
        md.push_str(
            "**Predict, then check.** Before you run it, write down what each rank prints; then \
             open its block and compare.\n\n",
        );
        md.push_str(&expected_blocks(course, ex, default, true, &mut missing)?);
        for &count in &ex.ranks[1..] {
            let blocks = expected_blocks(course, ex, count, false, &mut missing)?;
            md.push_str(&folded(
                &format!("Expected output at {}", ranks_phrase(count)),
                &blocks,
            ));
        }
    }

    md.push_str(&format!(
        "## Hints and solution\n\nStuck? `cargo run -p runner -- hint {id}` shows one hint at a \
         time. All of them, and the solution, are on [this chapter's solutions page]\
         (../{SOLUTIONS}/{chapter}.md#{id}), apart from the pages you read, so that the book's \
         search never shows them.\n",
        id = ex.id,
        chapter = ex.chapter,
    ));
    Ok(Expansion {
        markdown: md,
        missing,
    })
}

/// The folder of the generated solutions pages, one per chapter (see
/// [`solutions_page`]); book.toml turns the search off for it.
pub const SOLUTIONS: &str = "solutions";

/// A chapter's solutions page: for each exercise its hints and its solution, folded.
/// They live apart from the exercise pages so that searching the book never shows a
/// solution, and reading a page never shows one by accident.
pub fn solutions_page(course: &Course, title: &str, exercises: &[&Exercise]) -> Result<String> {
    let mut md = format!(
        "# Hints and solutions: {title}\n\nTry the hints one at a time (`cargo run -p runner -- \
         hint <exercise>` shows the next one) before you open a solution.\n\n"
    );
    for ex in exercises {
        md.push_str(&format!(
            "<a id=\"{id}\"></a>\n\n## {id}: {title}\n\n[Back to the exercise](../{chapter}/{slug}.md)\n\n",
            id = ex.id,
            title = ex.title,
            chapter = ex.chapter,
            slug = ex.slug
        ));
        for (number, hint) in ex.hints.iter().enumerate() {
            md.push_str(&folded(&format!("Hint {}", number + 1), hint));
        }
        md.push_str(&folded(
            "Solution",
            &fenced("rust,ignore", &solution_code(course, ex)?),
        ));
    }
    Ok(md)
}

/// The solution's `main.rs`, as its solutions page shows it.
fn solution_code(course: &Course, ex: &Exercise) -> Result<String> {
    let solution = course
        .crate_dir(ex, Variant::Solution)
        .join("src")
        .join("main.rs");
    std::fs::read_to_string(&solution).with_context(|| {
        format!(
            "reading the solution of {} ({}), which its solutions page shows",
            ex.id,
            course.relative(&solution)
        )
    })
}

/// The box at the top: what to edit and how to check it.
fn summary_box(course: &Course, ex: &Exercise) -> String {
    let main_rs = course
        .crate_dir(ex, Variant::Exercise)
        .join("src")
        .join("main.rs");
    let mut md = format!(
        "> [!NOTE]\n\
         > **{id}: {title}**\n\
         >\n\
         > - Edit `{file}`.\n\
         > - Check it with `cargo run -p runner -- check {id}`.\n",
        id = ex.id,
        title = ex.title,
        file = course.relative(&main_rs),
    );
    if let Some(line) = workshop_line(ex) {
        md.push_str(&line);
    }
    if ex.release {
        md.push_str(
            "> - The runner builds it optimized (`--release`), as any program whose speed matters.\n",
        );
    }
    if !ex.mpi {
        md.push_str("> - It runs as a single process, without MPI.\n");
        return md;
    }
    let counts = rank_counts(&ex.ranks);
    match ex.ranks.get(1) {
        Some(other) => md.push_str(&format!(
            "> - It is checked at {counts}. Add `--np N` to check at one of these counts \
             only, for example `cargo run -p runner -- check {} --np {other}`.\n",
            ex.id
        )),
        None => md.push_str(&format!("> - It is checked at {counts}.\n")),
    }
    md
}

/// ", and each of the 5 workers it spawns" for an exercise that spawns workers.
fn spawned_too(ex: &Exercise) -> String {
    match ex.spawns {
        0 => String::new(),
        1 => ", and the worker it spawns,".to_string(),
        n => format!(", and each of the {n} workers they spawn,"),
    }
}

/// How the runner compares the output, in words that end the expected output's lead.
fn how_compared(ex: &Exercise) -> &'static str {
    if ex.unordered {
        "in any order: threads or processes print them, so their order is not defined \
         (they are shown sorted)"
    } else {
        "line by line, in order"
    }
}

/// The box's line on the workshop: "About 15 minutes; optional, for those who finish
/// early." `None` if the manifest says neither.
fn workshop_line(ex: &Exercise) -> Option<String> {
    let optional = "optional: for those who finish early, or for later";
    match (ex.minutes, ex.optional) {
        (Some(minutes), false) => Some(format!("> - About {minutes} minutes.\n")),
        (Some(minutes), true) => Some(format!("> - About {minutes} minutes; {optional}.\n")),
        (None, true) => Some(format!("> - {}.\n", capitalized(optional))),
        (None, false) => None,
    }
}

/// `4 ranks (default)`, `4 ranks (default) and 2`, `4 ranks (default), 2 and 8`.
fn rank_counts(ranks: &[usize]) -> String {
    let mut words: Vec<String> = ranks.iter().map(usize::to_string).collect();
    words[0] = format!("{} (default)", ranks_phrase(ranks[0]));
    crate::words::join_words(&words, "and")
}

/// Every rank's expected output at `count` ranks, or a note that it is not generated
/// yet, in which case `count` is added to `missing`.
fn expected_blocks(
    course: &Course,
    ex: &Exercise,
    count: usize,
    fold: bool,
    missing: &mut Vec<usize>,
) -> Result<String> {
    Ok(match outputs(course, ex, count)? {
        Some(outputs) => rank_blocks(&outputs, count, fold),
        None => {
            missing.push(count);
            format!(
                "Expected output not generated yet: run `cargo run -p runner -- dev bless {}`.\n\n",
                ex.id
            )
        }
    })
}

/// Every rank's expected output at one rank count, `None` if it was never generated.
fn outputs(course: &Course, ex: &Exercise, count: usize) -> Result<Option<Vec<String>>> {
    let path = course.expected_path(ex, count);
    expected::read(&path, count, ex.spawns).with_context(|| {
        format!(
            "reading the expected output of {} at {}; regenerate it with \
             `cargo run -p runner -- dev bless {}`",
            ex.id,
            ranks_phrase(count),
            ex.id
        )
    })
}

/// One labelled block per rank; a single process's output needs no label.
fn rank_blocks(outputs: &[String], np: usize, fold: bool) -> String {
    if let [single] = outputs {
        return fenced("text", single);
    }
    outputs
        .iter()
        .enumerate()
        .map(|(index, text)| {
            let who = capitalized(&crate::words::who(index, np));
            match (text.is_empty(), fold) {
                (true, _) => format!("**{who}** prints nothing.\n\n"),
                (false, true) => folded(&format!("{who} prints…"), &fenced("text", text)),
                (false, false) => format!("**{who}**\n\n{}\n", fenced("text", text)),
            }
        })
        .collect()
}

/// A `<details>` block. The blank lines around the body make mdBook render it as
/// Markdown instead of passing it through as raw HTML.
fn folded(summary: &str, body: &str) -> String {
    format!(
        "<details>\n<summary>{summary}</summary>\n\n{}\n\n</details>\n\n",
        body.trim_end()
    )
}

/// A fenced code block whose fence is longer than any run of backticks in `text`, so
/// that no content (a doc comment with a code sample, say) can close it early.
fn fenced(info: &str, text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}{info}\n{}\n{fence}\n", text.trim_end_matches('\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exercise(extra: &str) -> Exercise {
        Exercise::for_test(extra)
    }

    #[test]
    fn the_box_says_the_minutes_and_whether_it_is_optional() {
        assert_eq!(workshop_line(&exercise("")), None);
        assert_eq!(
            workshop_line(&exercise("minutes = 15")).unwrap(),
            "> - About 15 minutes.\n"
        );
        assert_eq!(
            workshop_line(&exercise("minutes = 20\noptional = true")).unwrap(),
            "> - About 20 minutes; optional: for those who finish early, or for later.\n"
        );
    }

    #[test]
    fn rank_counts_read_as_a_sentence() {
        assert_eq!(rank_counts(&[1]), "1 rank (default)");
        assert_eq!(rank_counts(&[4, 2]), "4 ranks (default) and 2");
        assert_eq!(rank_counts(&[4, 2, 8]), "4 ranks (default), 2 and 8");
    }

    #[test]
    fn fences_outgrow_the_backticks_inside() {
        assert_eq!(fenced("text", "a\n"), "```text\na\n```\n");
        assert_eq!(
            fenced("rust", "/// ```\n/// x\n/// ```"),
            "````rust\n/// ```\n/// x\n/// ```\n````\n"
        );
    }
}
