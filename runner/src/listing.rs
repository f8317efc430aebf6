//! `list`: the course's exercises by chapter with the learner's status, and a progress
//! line; as JSON for tools (`--format json`).

use crate::course::Course;
use crate::progress::{Progress, Status};
use colored::Colorize;
use serde::Serialize;

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    slug: &'a str,
    title: &'a str,
    chapter: &'a str,
    ranks: &'a [usize],
    status: Status,
}

/// The listing as JSON: one object per exercise, in course order.
pub fn json(course: &Course, progress: &Progress) -> String {
    let rows: Vec<Row> = course
        .exercises()
        .iter()
        .map(|ex| Row {
            id: &ex.id,
            slug: &ex.slug,
            title: &ex.title,
            chapter: &ex.chapter,
            ranks: &ex.ranks,
            status: progress.status(&ex.slug),
        })
        .collect();
    serde_json::to_string_pretty(&rows).expect("plain data serialises")
}

/// The listing for people.
pub fn text(course: &Course, progress: &Progress) -> String {
    let mut out = format!("{}\n", course.title().bold());
    let slug_width = course.exercises().iter().map(|e| e.slug.len()).max().unwrap_or(0);
    for chapter in course.chapters() {
        out.push_str(&format!("\n{}\n", chapter.title.bold()));
        for ex in course.exercises_in(&chapter.slug) {
            let mark = match progress.status(&ex.slug) {
                Status::Solved => "✓ solved    ".green(),
                Status::Failing => "✗ failing   ".red(),
                Status::NotTried => "· not tried ".dimmed(),
            };
            out.push_str(&format!(
                "  {mark} {:<5} {:<slug_width$}  {}\n",
                ex.id, ex.slug, ex.title
            ));
        }
    }
    let total = course.exercises().len();
    let solved = course
        .exercises()
        .iter()
        .filter(|ex| progress.status(&ex.slug) == Status::Solved)
        .count();
    let width = 30;
    let filled = (solved * width).checked_div(total).unwrap_or(0);
    out.push_str(&format!(
        "\nProgress: [{}{}] {solved}/{total} exercises solved\n",
        "#".repeat(filled).green(),
        "-".repeat(width - filled)
    ));
    if let Some(next) = course
        .exercises()
        .iter()
        .find(|ex| progress.status(&ex.slug) != Status::Solved)
    {
        out.push_str(&format!("Next: cargo run -p runner -- check {}\n", next.id));
    }
    out
}
