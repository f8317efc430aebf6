//! `grade`: checks every exercise at every rank count it declares and reports, per
//! exercise and per rank, what passed, with points and totals: as text for people, as
//! JSON for an instructor's spreadsheet, as JUnit XML for CI dashboards. An exercise
//! earns its points when it passes at every declared count.

use crate::check::{self, Checked, Settings};
use crate::course::{Course, Exercise, Variant};
use crate::report;
use anyhow::Result;
use colored::Colorize;
use serde::Serialize;
use std::fmt::Write;

/// One exercise's grade.
#[derive(Serialize)]
pub struct Graded {
    pub id: String,
    pub slug: String,
    pub title: String,
    pub chapter: String,
    pub points: u32,
    pub earned: u32,
    pub passed: bool,
    /// Set when the crate does not compile; there are no runs then.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compile_error: Option<String>,
    pub runs: Vec<GradedRun>,
}

/// One launch at one rank count.
#[derive(Serialize)]
pub struct GradedRun {
    pub np: usize,
    pub passed: bool,
    pub seconds: f64,
    pub ranks: Vec<GradedRank>,
}

#[derive(Serialize)]
pub struct GradedRank {
    pub rank: usize,
    pub passed: bool,
    /// What happened, in the words of `check`'s report: "output matches", "panicked at …".
    pub result: String,
}

/// Grades every exercise of the course (the learner's crates, or the solutions),
/// calling `done` after each one so that a long run shows progress.
pub fn grade(
    course: &Course,
    variant: Variant,
    settings: &Settings,
    mut done: impl FnMut(&Graded),
) -> Result<Vec<Graded>> {
    let mut grades = Vec::new();
    for ex in course.exercises() {
        let graded = grade_one(course, ex, variant, settings)?;
        done(&graded);
        grades.push(graded);
    }
    Ok(grades)
}

fn grade_one(course: &Course, ex: &Exercise, variant: Variant, settings: &Settings) -> Result<Graded> {
    let mut graded = Graded {
        id: ex.id.clone(),
        slug: ex.slug.clone(),
        title: ex.title.clone(),
        chapter: ex.chapter.clone(),
        points: ex.points,
        earned: 0,
        passed: false,
        compile_error: None,
        runs: Vec::new(),
    };
    for &np in &ex.ranks {
        let checked = check::check(course, ex, variant, np, settings)?;
        let passed = checked.passed();
        let (run, verdicts) = match checked {
            Checked::CompileError(errors) => {
                graded.compile_error = Some(errors);
                return Ok(graded);
            }
            Checked::Judged { run, verdicts, .. } => (run, verdicts),
        };
        let ranks = verdicts
            .iter()
            .enumerate()
            .map(|(rank, verdict)| GradedRank {
                rank,
                passed: verdict.passed(),
                result: report::one_line(verdict, run.outcome),
            })
            .collect();
        graded.runs.push(GradedRun {
            np,
            passed,
            seconds: (run.elapsed.as_secs_f64() * 100.0).round() / 100.0,
            ranks,
        });
    }
    graded.passed = graded.runs.iter().all(|r| r.passed);
    if graded.passed {
        graded.earned = graded.points;
    }
    Ok(graded)
}

/// One line per exercise (what failed, indented below it), for the terminal.
pub fn text_line(graded: &Graded) -> String {
    let mark = if graded.passed { "✓".green() } else { "✗".red() };
    let counts: Vec<String> = graded
        .runs
        .iter()
        .map(|run| format!("{}@{}", if run.passed { "✓" } else { "✗" }, run.np))
        .collect();
    let mut out = format!(
        "  {mark} {:<5} {:<20} {:>2}/{} {}\n",
        graded.id,
        graded.slug,
        graded.earned,
        graded.points,
        counts.join(" ")
    );
    if graded.compile_error.is_some() {
        out.push_str("        does not compile\n");
    }
    for run in graded.runs.iter().filter(|r| !r.passed) {
        for rank in run.ranks.iter().filter(|r| !r.passed) {
            let _ = writeln!(
                out,
                "        at {}, rank {}: {}",
                report::ranks_phrase(run.np),
                rank.rank,
                rank.result
            );
        }
        if run.ranks.iter().all(|r| r.passed) {
            let _ = writeln!(
                out,
                "        at {}: the run did not finish",
                report::ranks_phrase(run.np)
            );
        }
    }
    out
}

/// The totals line that ends the text report.
pub fn text_total(grades: &[Graded]) -> String {
    let (earned, points) = totals(grades);
    let passed = grades.iter().filter(|g| g.passed).count();
    format!(
        "Total: {earned}/{points} points; {passed} of {} exercises pass at every rank count.\n",
        grades.len()
    )
}

fn totals(grades: &[Graded]) -> (u32, u32) {
    grades
        .iter()
        .fold((0, 0), |(e, p), g| (e + g.earned, p + g.points))
}

/// The whole grade as JSON.
pub fn json(course: &Course, grades: &[Graded]) -> String {
    #[derive(Serialize)]
    struct Report<'a> {
        course: &'a str,
        earned: u32,
        points: u32,
        passed: usize,
        exercises: &'a [Graded],
    }
    let (earned, points) = totals(grades);
    let report = Report {
        course: course.title(),
        earned,
        points,
        passed: grades.iter().filter(|g| g.passed).count(),
        exercises: grades,
    };
    serde_json::to_string_pretty(&report).expect("plain data serialises")
}

/// The whole grade as JUnit XML: a test suite per chapter, a test case per exercise
/// and rank count, a failure per failing case with every rank's result.
pub fn junit(course: &Course, grades: &[Graded]) -> String {
    let cases = |g: &Graded| g.runs.len().max(1);
    let failures = |g: &Graded| {
        if g.compile_error.is_some() {
            1
        } else {
            g.runs.iter().filter(|r| !r.passed).count()
        }
    };
    let seconds = |g: &Graded| g.runs.iter().map(|r| r.seconds).sum::<f64>();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" time=\"{:.2}\">",
        escape(course.title()),
        grades.iter().map(cases).sum::<usize>(),
        grades.iter().map(failures).sum::<usize>(),
        grades.iter().map(seconds).sum::<f64>()
    );
    for chapter in course.chapters() {
        let in_chapter: Vec<&Graded> = grades.iter().filter(|g| g.chapter == chapter.slug).collect();
        if in_chapter.is_empty() {
            continue;
        }
        let _ = writeln!(
            xml,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" time=\"{:.2}\">",
            escape(&chapter.slug),
            in_chapter.iter().map(|g| cases(g)).sum::<usize>(),
            in_chapter.iter().map(|g| failures(g)).sum::<usize>(),
            in_chapter.iter().map(|g| seconds(g)).sum::<f64>()
        );
        for g in in_chapter {
            let class = escape(&format!("{}.{}", g.chapter, g.slug));
            if let Some(errors) = &g.compile_error {
                let _ = writeln!(
                    xml,
                    "    <testcase classname=\"{class}\" name=\"{} {} compiles\" time=\"0\">\n      \
                     <failure message=\"does not compile\">{}</failure>\n    </testcase>",
                    g.id,
                    g.slug,
                    escape(errors)
                );
            }
            for run in &g.runs {
                let _ = write!(
                    xml,
                    "    <testcase classname=\"{class}\" name=\"{} {} at {}\" time=\"{:.2}\"",
                    g.id,
                    g.slug,
                    report::ranks_phrase(run.np),
                    run.seconds
                );
                if run.passed {
                    xml.push_str("/>\n");
                    continue;
                }
                let first = run.ranks.iter().find(|r| !r.passed);
                let message = first.map_or("the run did not finish".to_string(), |r| {
                    format!("rank {}: {}", r.rank, r.result)
                });
                let detail: Vec<String> = run
                    .ranks
                    .iter()
                    .map(|r| format!("rank {}: {}", r.rank, r.result))
                    .collect();
                let _ = writeln!(
                    xml,
                    ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>",
                    escape(&message),
                    escape(&detail.join("\n"))
                );
            }
        }
        xml.push_str("  </testsuite>\n");
    }
    xml.push_str("</testsuites>\n");
    xml
}

/// Escapes text for XML attributes and content.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all (compiler output may have ANSI escapes).
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(escape("a<b & \"c\"\x1b[31m"), "a&lt;b &amp; &quot;c&quot;[31m");
    }
}
