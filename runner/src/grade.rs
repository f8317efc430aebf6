//! `grade`: checks every exercise at every rank count it declares and reports, per
//! exercise and per rank, what passed, with points and totals: as text for people, as
//! JSON for an instructor's spreadsheet, as JUnit XML for CI dashboards. An exercise
//! earns its points when it passes at every declared count.

use crate::check::{self, Checked, Settings};
use crate::course::{Course, Exercise, Variant};
use crate::progress::Progress;
use crate::report;
use crate::words::Who;
use colored::Colorize;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

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
    /// Set when the exercise could not be checked (its crate or an expected output is
    /// missing, MPI does not work, the workspace does not load): a problem of the
    /// course or the machine, not a verdict on the learner's code. Runs stop there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
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
    /// `"rank": 2`, or `"worker": 1` for a worker a rank spawned.
    #[serde(flatten)]
    pub who: Who,
    pub passed: bool,
    /// What happened, in the words of `check`'s report: "output matches", "panicked at …".
    pub result: String,
}

/// Grades every exercise of the course (the learner's crates, or the solutions),
/// `jobs` exercises at a time, calling `started` as each begins and `done` for each in
/// the course's order, so that a long run shows progress. Launches are mostly waiting
/// (an mpiexec takes 0.4 s to start four ranks of a program that runs for
/// milliseconds), so several at once finish sooner even on two cores.
///
/// An exercise that cannot be checked is graded as such and the others still are: one
/// missing file must not hide the grades of the rest. A workspace that cargo cannot
/// load fails every build, so it is looked for once, before building, and named for
/// each. Ctrl-C (or SIGTERM) stops the grading as a whole: no exercise starts after it.
pub fn grade(
    course: &Course,
    variant: Variant,
    settings: &Settings,
    jobs: usize,
    started: impl Fn(&Exercise) + Sync,
    mut done: impl FnMut(&Graded),
) -> Vec<Graded> {
    let broken = course.workspace_problem();
    let exercises = course.exercises();
    let next = AtomicUsize::new(0);
    let (results, finished) = mpsc::channel();
    let mut grades = Vec::new();
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            let results = results.clone();
            let (next, started, broken) = (&next, &started, &broken);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(ex) = exercises
                    .get(i)
                    .filter(|_| crate::interrupt::requested().is_none())
                else {
                    break;
                };
                started(ex);
                let mut graded = ungraded(ex);
                match broken {
                    Some(problem) => graded.error = Some(problem.clone()),
                    None => grade_one(course, ex, variant, settings, &mut graded),
                }
                if results.send((i, graded)).is_err() {
                    break;
                }
            });
        }
        drop(results);
        in_order(finished, |graded| {
            done(&graded);
            grades.push(graded);
        });
    });
    grades
}

/// How many exercises `grade` checks at once unless told: twice the cores (a launch
/// mostly waits), at most 8.
pub fn default_jobs() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    (2 * cores).min(8)
}

/// The bar `grade` shows on stderr while it works: exercises done, time spent and an
/// estimate of the time left, and the exercise being checked. Hidden where stderr is
/// not a terminal (a CI log, a test).
pub fn progress_bar(exercises: usize) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(exercises as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:30} {pos}/{len} exercises, {elapsed} (about {eta} left)  {msg}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// Passes on `(index, item)`s in index order as they arrive out of order; after the
/// last sender is gone, what is left (past a gap an interruption made) follows in order.
fn in_order<T>(arrivals: mpsc::Receiver<(usize, T)>, mut deliver: impl FnMut(T)) {
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    for (index, item) in arrivals {
        waiting.insert(index, item);
        while let Some(item) = waiting.remove(&next) {
            deliver(item);
            next += 1;
        }
    }
    waiting.into_values().for_each(deliver);
}

/// An exercise's grade before it is checked: nothing earned.
fn ungraded(ex: &Exercise) -> Graded {
    Graded {
        id: ex.id.clone(),
        slug: ex.slug.clone(),
        title: ex.title.clone(),
        chapter: ex.chapter.clone(),
        points: ex.points,
        earned: 0,
        passed: false,
        compile_error: None,
        error: None,
        runs: Vec::new(),
    }
}

/// Checks `ex` at every rank count it declares, into `graded`.
fn grade_one(course: &Course, ex: &Exercise, variant: Variant, settings: &Settings, graded: &mut Graded) {
    for &np in &ex.ranks {
        let checked = match check::check(course, ex, variant, np, settings) {
            Ok(checked) => checked,
            Err(err) => {
                graded.error = Some(format!("{err:#}"));
                return;
            }
        };
        if let Some(signal) = checked.interrupted() {
            graded.error = Some(format!("interrupted by {}", crate::interrupt::name(signal)));
            return;
        }
        let passed = checked.passed();
        let (run, verdicts) = match checked {
            Checked::CompileError(errors) => {
                graded.compile_error = Some(errors);
                return;
            }
            Checked::Judged { run, verdicts, .. } => (run, verdicts),
        };
        let ranks = verdicts
            .iter()
            .enumerate()
            .map(|(index, verdict)| GradedRank {
                who: Who::of(index, run.np),
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
}

/// Records a graded exercise in the learner's progress, as `check` does; one that
/// could not be checked says nothing about the learner's code and keeps its status.
/// Each result goes through [`Progress::update`], so that the hints and checks
/// recorded while a long grade runs are kept.
pub fn record(course: &Course, graded: &Graded) {
    if graded.error.is_none() {
        Progress::update(course.root(), |p| p.record(&graded.slug, graded.passed));
    }
}

/// One line per exercise (what failed, indented below it), for the terminal.
pub fn text_line(graded: &Graded) -> String {
    let mark = if graded.passed { "✓".green() } else { "✗".red() };
    let counts: Vec<String> = graded
        .runs
        .iter()
        .map(|run| format!("{}@{}", if run.passed { "✓" } else { "✗" }, run.np))
        .collect();
    let head = format!(
        "  {mark} {:<5} {:<20} {:>2}/{} {}",
        graded.id,
        graded.slug,
        graded.earned,
        graded.points,
        counts.join(" ")
    );
    let mut out = format!("{}\n", head.trim_end());
    if graded.compile_error.is_some() {
        out.push_str("        does not compile\n");
    }
    for run in graded.runs.iter().filter(|r| !r.passed) {
        for rank in run.ranks.iter().filter(|r| !r.passed) {
            let _ = writeln!(
                out,
                "        at {}, {}: {}",
                crate::words::ranks_phrase(run.np),
                rank.who,
                rank.result
            );
        }
        if run.ranks.iter().all(|r| r.passed) {
            let _ = writeln!(
                out,
                "        at {}: the run did not finish",
                crate::words::ranks_phrase(run.np)
            );
        }
    }
    if let Some(error) = &graded.error {
        out.push_str(&indented(&format!("could not be checked: {error}")));
    }
    out
}

/// Every line of `text` indented under its exercise's line (a blank line stays blank).
fn indented(text: &str) -> String {
    text.lines()
        .map(|line| match line {
            "" => "\n".to_string(),
            line => format!("        {line}\n"),
        })
        .collect()
}

/// The totals line that ends the text report.
pub fn text_total(grades: &[Graded]) -> String {
    let (earned, points) = totals(grades);
    let passed = grades.iter().filter(|g| g.passed).count();
    let unchecked = match errors(grades) {
        0 => String::new(),
        n => format!(" {n} could not be checked (see above)."),
    };
    format!(
        "Total: {earned}/{points} points; {passed} of {} exercises pass at every rank count.{unchecked}\n",
        grades.len()
    )
}

/// How many exercises could not be checked at all.
fn errors(grades: &[Graded]) -> usize {
    grades.iter().filter(|g| g.error.is_some()).count()
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
/// and rank count, a failure per failing case with every rank's result, and an error
/// (JUnit's word for a test that could not run) per exercise that could not be checked.
pub fn junit(course: &Course, grades: &[Graded]) -> String {
    // A compile error or an exercise that could not be checked is one more case.
    let cases = |g: &Graded| g.runs.len() + usize::from(g.compile_error.is_some() || g.error.is_some());
    let failures = |g: &Graded| {
        if g.compile_error.is_some() {
            1
        } else {
            g.runs.iter().filter(|r| !r.passed).count()
        }
    };
    let errors = |g: &Graded| usize::from(g.error.is_some());
    let seconds = |g: &Graded| g.runs.iter().map(|r| r.seconds).sum::<f64>();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{:.2}\">",
        escape(course.title()),
        grades.iter().map(cases).sum::<usize>(),
        grades.iter().map(failures).sum::<usize>(),
        grades.iter().map(errors).sum::<usize>(),
        grades.iter().map(seconds).sum::<f64>()
    );
    for chapter in course.chapters() {
        let in_chapter: Vec<&Graded> = grades.iter().filter(|g| g.chapter == chapter.slug).collect();
        if in_chapter.is_empty() {
            continue;
        }
        let _ = writeln!(
            xml,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{:.2}\">",
            escape(&chapter.slug),
            in_chapter.iter().map(|g| cases(g)).sum::<usize>(),
            in_chapter.iter().map(|g| failures(g)).sum::<usize>(),
            in_chapter.iter().map(|g| errors(g)).sum::<usize>(),
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
                    crate::words::ranks_phrase(run.np),
                    run.seconds
                );
                if run.passed {
                    xml.push_str("/>\n");
                    continue;
                }
                let first = run.ranks.iter().find(|r| !r.passed);
                let message = first.map_or("the run did not finish".to_string(), |r| {
                    format!("{}: {}", r.who, r.result)
                });
                let detail: Vec<String> = run
                    .ranks
                    .iter()
                    .map(|r| format!("{}: {}", r.who, r.result))
                    .collect();
                let _ = writeln!(
                    xml,
                    ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>",
                    escape(&message),
                    escape(&detail.join("\n"))
                );
            }
            if let Some(error) = &g.error {
                let _ = writeln!(
                    xml,
                    "    <testcase classname=\"{class}\" name=\"{} {} can be checked\" time=\"0\">\n      \
                     <error message=\"{}\">{}</error>\n    </testcase>",
                    g.id,
                    g.slug,
                    escape(error.lines().next().unwrap_or_default()),
                    escape(error)
                );
            }
        }
        xml.push_str("  </testsuite>\n");
    }
    xml.push_str("</testsuites>\n");
    xml
}

/// `text` safe inside XML and HTML: markup escaped, control characters dropped.
pub(crate) fn escape(text: &str) -> String {
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
