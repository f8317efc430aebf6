//! `class`: a class's results at a glance. Each attendee saves their grade
//! (`cargo run -p runner -- grade --format json > alice.json`); the instructor merges
//! the files into one table: per exercise, how many pass and who is stuck; per
//! attendee, how many they solved. As text, as CSV for a spreadsheet, and as an HTML
//! page with a pass-rate bar per exercise.
//!
//! An attendee is named after their file (`alice.json` is alice). Exercises are
//! matched by slug, which survives renumbering, so grades made with two versions of
//! the course still line up.

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// What `class` reads of one grade report; the rest of the JSON is ignored.
#[derive(Deserialize)]
struct Report {
    course: String,
    exercises: Vec<Graded>,
}

#[derive(Deserialize)]
struct Graded {
    id: String,
    slug: String,
    title: String,
    passed: bool,
}

/// One attendee's file: who, and the exercises it lists in course order.
pub struct Sheet {
    attendee: Attendee,
    listed: Vec<Graded>,
}

/// One attendee's grade.
pub struct Attendee {
    pub name: String,
    course: String,
    /// Slugs of the exercises they passed.
    passed: Vec<String>,
}

/// An exercise as the class table lists it.
pub struct Row {
    pub id: String,
    pub slug: String,
    pub title: String,
    /// Attendees who passed it, and those who did not, by name.
    pub passed: Vec<String>,
    pub stuck: Vec<String>,
}

/// The merged results.
pub struct Class {
    pub course: String,
    pub attendees: Vec<Attendee>,
    pub rows: Vec<Row>,
}

/// Reads every file; a file that cannot be read or is no grade report is an error
/// that names it and says how such a file is made, and the others are still merged.
pub fn load(files: &[PathBuf]) -> (Vec<Sheet>, Vec<String>) {
    let mut good = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        match read(file) {
            Ok(read) => good.push(read),
            Err(e) => errors.push(format!("{}: {e:#}", file.display())),
        }
    }
    (good, errors)
}

/// One attendee's file.
fn read(file: &Path) -> Result<Sheet> {
    let text = std::fs::read_to_string(file).context("cannot be read")?;
    let report: Report = serde_json::from_str(&text).context(
        "is not a grade report; make one with `cargo run -p runner -- grade --format json > NAME.json`",
    )?;
    let name = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let passed = report
        .exercises
        .iter()
        .filter(|g| g.passed)
        .map(|g| g.slug.clone())
        .collect();
    let attendee = Attendee {
        name,
        course: report.course,
        passed,
    };
    Ok(Sheet {
        attendee,
        listed: report.exercises,
    })
}

/// Merges the attendees' grades: exercises in the order the files list them (the
/// first file's id and title win), attendees in name order.
pub fn merge(mut sheets: Vec<Sheet>) -> Result<Class> {
    if sheets.is_empty() {
        bail!("no grade report could be read, so there is no class to show");
    }
    sheets.sort_by(|a, b| a.attendee.name.cmp(&b.attendee.name));
    let mut rows: Vec<Row> = Vec::new();
    for graded in sheets.iter().flat_map(|s| &s.listed) {
        if !rows.iter().any(|r| r.slug == graded.slug) {
            rows.push(Row {
                id: graded.id.clone(),
                slug: graded.slug.clone(),
                title: graded.title.clone(),
                passed: Vec::new(),
                stuck: Vec::new(),
            });
        }
    }
    let attendees: Vec<Attendee> = sheets.into_iter().map(|s| s.attendee).collect();
    for row in &mut rows {
        for attendee in &attendees {
            match attendee.passed.contains(&row.slug) {
                true => row.passed.push(attendee.name.clone()),
                false => row.stuck.push(attendee.name.clone()),
            }
        }
    }
    Ok(Class {
        course: attendees[0].course.clone(),
        attendees,
        rows,
    })
}

impl Class {
    /// Courses other than the first file's, named so the instructor can see a stray file.
    pub fn other_courses(&self) -> Vec<String> {
        let mut others: Vec<String> = self
            .attendees
            .iter()
            .filter(|a| a.course != self.course)
            .map(|a| format!("{} ({})", a.name, a.course))
            .collect();
        others.dedup();
        others
    }

    /// How many exercises `attendee` passed.
    fn solved(&self, attendee: &Attendee) -> usize {
        self.rows
            .iter()
            .filter(|r| attendee.passed.contains(&r.slug))
            .count()
    }

    /// The table for a terminal: a bar and a count per exercise, who is stuck where
    /// fewer than half pass, and each attendee's total.
    pub fn text(&self) -> String {
        let n = self.attendees.len();
        let mut out = format!("{}: {n} attendee{}\n\n", self.course, crate::words::plural(n));
        let slug_width = self.rows.iter().map(|r| r.slug.len()).max().unwrap_or(0);
        for row in &self.rows {
            let filled = (row.passed.len() * 10).div_ceil(n.max(1));
            let bar = format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled));
            let _ = write!(
                out,
                "{:<5} {:<slug_width$}  {bar} {:>3}/{n}",
                row.id,
                row.slug,
                row.passed.len()
            );
            if row.passed.len() * 2 < n {
                let _ = write!(out, "  not yet: {}", row.stuck.join(", "));
            }
            out.push('\n');
        }
        out.push('\n');
        let name_width = self.attendees.iter().map(|a| a.name.len()).max().unwrap_or(0);
        for attendee in &self.attendees {
            let _ = writeln!(
                out,
                "{:<name_width$}  {}/{} solved",
                attendee.name,
                self.solved(attendee),
                self.rows.len()
            );
        }
        out
    }

    /// One row per attendee, one column per exercise (1 passed, 0 not), and a total.
    pub fn csv(&self) -> String {
        let mut out = String::from("attendee");
        for row in &self.rows {
            let _ = write!(out, ",{}", row.slug);
        }
        out.push_str(",solved\n");
        for attendee in &self.attendees {
            out.push_str(&csv_field(&attendee.name));
            for row in &self.rows {
                out.push_str(if attendee.passed.contains(&row.slug) {
                    ",1"
                } else {
                    ",0"
                });
            }
            let _ = writeln!(out, ",{}", self.solved(attendee));
        }
        out
    }

    /// A page on its own (no scripts, no outside files): the pass rate of every
    /// exercise as a bar chart, then the table with who is stuck.
    pub fn html(&self) -> String {
        let esc = crate::grade::escape;
        let mut rows = String::new();
        for row in &self.rows {
            let _ = writeln!(
                rows,
                "<tr><td>{}</td><td>{}</td><td>{}/{}</td><td>{}</td></tr>",
                esc(&row.id),
                esc(&row.title),
                row.passed.len(),
                self.attendees.len(),
                esc(&row.stuck.join(", "))
            );
        }
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>{title}: class results</title>\n\
             <style>body{{font-family:sans-serif;margin:2em}}td{{padding:0 1em 0 0}}\
             rect.pass{{fill:#2e7d32}}rect.todo{{fill:#e0e0e0}}</style>\n</head>\n<body>\n\
             <h1>{title}: class results</h1>\n<p>{n} attendees. Each bar is an exercise: \
             green is the share that passes it.</p>\n{chart}\n<table>\n\
             <tr><th>exercise</th><th>title</th><th>pass</th><th>not yet</th></tr>\n{rows}</table>\n\
             </body>\n</html>\n",
            title = esc(&self.course),
            n = self.attendees.len(),
            chart = self.chart(),
        )
    }

    /// The bar chart: one bar per exercise, 100 px tall, its green part the share
    /// of attendees who pass, with the exercise's id and count as a tooltip.
    fn chart(&self) -> String {
        const WIDTH: usize = 12;
        let n = self.attendees.len().max(1);
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"100\" \
             role=\"img\" aria-label=\"pass rate per exercise\">\n",
            self.rows.len() * WIDTH
        );
        for (i, row) in self.rows.iter().enumerate() {
            let pass = row.passed.len() * 100 / n;
            let x = i * WIDTH;
            let tip = format!("{}: {}/{n}", crate::grade::escape(&row.id), row.passed.len());
            let _ = writeln!(
                svg,
                "<g><title>{tip}</title><rect class=\"todo\" x=\"{x}\" y=\"0\" width=\"{w}\" \
                 height=\"100\"/><rect class=\"pass\" x=\"{x}\" y=\"{y}\" width=\"{w}\" \
                 height=\"{pass}\"/></g>",
                w = WIDTH - 2,
                y = 100 - pass
            );
        }
        svg.push_str("</svg>");
        svg
    }
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Writes `text` to `path` whole or not at all: into a file beside it, then renamed.
pub fn write_file(path: &Path, text: &str) -> Result<()> {
    let partial = path.with_extension("partial");
    std::fs::write(&partial, text)
        .and_then(|()| std::fs::rename(&partial, path))
        .with_context(|| {
            format!(
                "cannot write {}: is its folder there and writable?",
                path.display()
            )
        })
}
