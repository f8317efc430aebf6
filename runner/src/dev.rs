//! The author's tools. `dev check` is the gate before a workshop or a merge: the course
//! manifest, the crates, the expected outputs and the book pages agree (nothing missing,
//! nothing extra), every solution passes at every declared rank count, and every stub
//! compiles and fails. `dev bless` regenerates expected outputs, from solutions only.

use crate::check::{self, Checked, Settings};
use crate::course::{self, Course, Exercise, Variant};
use crate::verdict::Verdict;
use crate::{expected, report, scaffold};
use anyhow::{bail, Context, Result};
use colored::Colorize;
use std::collections::BTreeSet;
use std::path::Path;

/// Runs every check; prints a line per problem; true if there is none.
pub fn check(course: &Course, settings: &Settings) -> Result<bool> {
    let mut problems = layout_problems(course)?;
    println!(
        "{} layout: manifest, crates, expected outputs and book pages",
        "•".bold()
    );
    for p in &problems {
        println!("  {} {p}", "✗".red());
    }
    if problems.is_empty() {
        println!(
            "  {} {} exercises, all in place",
            "✓".green(),
            course.exercises().len()
        );
    }
    for ex in course.exercises() {
        if stopped(ex) {
            return Ok(false);
        }
        println!("{} {} ({})", "•".bold(), ex.id, ex.slug);
        for &np in &ex.ranks {
            let checked = check::check(course, ex, Variant::Solution, np, settings);
            if stopped(ex) {
                return Ok(false);
            }
            let line = match checked {
                Ok(checked) if checked.passed() => Ok(format!("solution passes at {np} ranks")),
                Ok(checked) => Err(format!(
                    "solution fails at {np} ranks: {}",
                    failure_summary(&checked)
                )),
                Err(e) => Err(format!("solution at {np} ranks: {}", first_line(&e))),
            };
            problems.extend(print_line(line));
        }
        let checked = check::check(course, ex, Variant::Exercise, ex.default_ranks(), settings);
        if stopped(ex) {
            return Ok(false);
        }
        let line = match checked {
            Ok(Checked::CompileError(_)) => {
                Err("the stub does not compile: learners must start from code that builds".to_string())
            }
            Ok(checked) if checked.passed() => {
                Err("the stub already passes: it gives the answer away".to_string())
            }
            Ok(checked) => Ok(format!("stub compiles and fails ({})", failure_summary(&checked))),
            Err(e) => Err(format!("stub: {}", first_line(&e))),
        };
        problems.extend(print_line(line));
    }
    let ok = problems.is_empty();
    if ok {
        println!(
            "{} the course is consistent and every exercise behaves",
            "✓".green().bold()
        );
    } else {
        println!("{} {} problem(s)", "✗".red().bold(), problems.len());
    }
    Ok(ok)
}

/// True, after saying so, if the runner was asked to stop (Ctrl-C, SIGTERM): the gate
/// stops as a whole, not only the run in progress.
fn stopped(ex: &Exercise) -> bool {
    let Some(signal) = crate::interrupt::requested() else {
        return false;
    };
    println!(
        "{} interrupted by {} at {}: the check of the course stopped, and nothing is left running.",
        "✗".red().bold(),
        crate::interrupt::name(signal),
        ex.id
    );
    true
}

fn print_line(line: Result<String, String>) -> Option<String> {
    match line {
        Ok(text) => {
            println!("  {} {text}", "✓".green());
            None
        }
        Err(text) => {
            println!("  {} {text}", "✗".red());
            Some(text)
        }
    }
}

/// What went wrong in a failed check, in a few words.
fn failure_summary(checked: &Checked) -> String {
    match checked {
        Checked::CompileError(_) => "compile error".into(),
        Checked::Judged { run, verdicts, .. } => {
            let wrong: Vec<usize> = (0..verdicts.len()).filter(|&r| !verdicts[r].passed()).collect();
            let first = verdicts.iter().find_map(|v| match v {
                v if v.passed() => None,
                Verdict::Crashed(crash) => Some(report::describe_crash(crash)),
                Verdict::Unfinished(_) | Verdict::LeftWaiting { .. } => Some("never finished".into()),
                Verdict::NeverStarted => Some("never started".into()),
                _ => Some("output differs".into()),
            });
            format!(
                "{} wrong; {}",
                crate::words::process_list(&wrong, run.np),
                first.unwrap_or_default()
            )
        }
    }
}

fn first_line(e: &anyhow::Error) -> String {
    format!("{e:#}").lines().next().unwrap_or_default().to_string()
}

/// Everything that is missing or extra between manifest, crates, snapshots and book.
pub fn layout_problems(course: &Course) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let summary = std::fs::read_to_string(course.book_summary()).unwrap_or_default();
    for ex in course.exercises() {
        for variant in [Variant::Exercise, Variant::Solution] {
            let dir = course.crate_dir(ex, variant);
            let want = ex.package(variant);
            match package_name(&dir) {
                Ok(name) if name == want => {}
                Ok(name) => problems.push(format!(
                    "{} names its package `{name}`, not `{want}`",
                    course.relative(&dir)
                )),
                Err(e) => problems.push(format!("{}: {e:#}", course.relative(&dir))),
            }
        }
        for &np in &ex.ranks {
            let path = course.expected_path(ex, np);
            match expected::read(&path, np, ex.spawns) {
                Ok(Some(_)) => {}
                Ok(None) => problems.push(format!(
                    "{} is missing: `cargo run -p runner -- dev bless {}`",
                    course.relative(&path),
                    ex.id
                )),
                Err(e) => problems.push(format!("{e:#}")),
            }
        }
        let page = course.book_page(ex);
        let page_rel = course.relative(&page);
        match std::fs::read_to_string(&page) {
            Ok(text) if !text.contains(&format!("{{{{#exercise {}}}}}", ex.slug)) => problems.push(format!(
                "{page_rel} lacks its `{{{{#exercise {}}}}}` line",
                ex.slug
            )),
            Ok(_) => {}
            Err(_) => problems.push(format!("{page_rel} (the book page of {}) is missing", ex.id)),
        }
        let in_summary = format!("({}/{}.md)", ex.chapter, ex.slug);
        if !summary.contains(&in_summary) {
            problems.push(format!(
                "{} does not list {page_rel}",
                course.relative(&course.book_summary())
            ));
        }
    }
    problems.extend(course.exercises().iter().filter_map(|ex| unwritten(course, ex)));
    problems.extend(extras(course)?);
    problems.extend(unlisted_members(course));
    Ok(problems)
}

/// Where an exercise still has the placeholder text `dev new` wrote for its author.
fn unwritten(course: &Course, ex: &Exercise) -> Option<String> {
    let has_mark = |path: &Path| std::fs::read_to_string(path).is_ok_and(|t| t.contains(scaffold::MARK));
    let mut places = Vec::new();
    if ex.seed.contains(scaffold::MARK) || ex.hints.iter().any(|h| h.contains(scaffold::MARK)) {
        places.push(format!("its entry in {}", course::MANIFEST));
    }
    for path in [
        course.book_page(ex),
        course.crate_dir(ex, Variant::Solution).join("src/main.rs"),
        course.crate_dir(ex, Variant::Exercise).join("src/main.rs"),
    ] {
        if has_mark(&path) {
            places.push(course.relative(&path));
        }
    }
    (!places.is_empty()).then(|| {
        format!(
            "{} still has `{}` text to write: {}",
            ex.id,
            scaffold::MARK,
            places.join(", ")
        )
    })
}

/// Crates of the course that the workspace's Cargo.toml does not list as members:
/// cargo refuses to build them. (The list names every crate, never a glob, so that a
/// stray folder under exercises/ cannot stop cargo.) Crates that stand alone, outside
/// any workspace, and missing crates (reported above) are not looked at.
fn unlisted_members(course: &Course) -> Vec<String> {
    let exercises = course.crates_dir(Variant::Exercise);
    let Some(root) = course::workspace_root(&exercises) else {
        return Vec::new();
    };
    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok());
    let listed = |key: &str| -> BTreeSet<String> {
        let entries = manifest
            .as_ref()
            .and_then(|m| m.get("workspace")?.get(key)?.as_array().cloned());
        entries
            .unwrap_or_default()
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    };
    let (members, excluded) = (listed("members"), listed("exclude"));
    let mut problems = Vec::new();
    for ex in course.exercises() {
        for variant in [Variant::Exercise, Variant::Solution] {
            let dir = course.crate_dir(ex, variant);
            let Ok(relative) = dir.strip_prefix(root) else {
                continue;
            };
            if !dir.join("Cargo.toml").is_file() {
                continue;
            }
            let relative = relative.to_string_lossy().replace('\\', "/");
            if !members.contains(&relative) && !excluded.contains(&relative) {
                problems.push(format!(
                    "{relative} is not in the workspace's members: add \"{relative}\" to `members` in {}",
                    root.join("Cargo.toml").display()
                ));
            }
        }
    }
    problems
}

/// Crates, snapshots and pages that no exercise of the manifest accounts for.
fn extras(course: &Course) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let dirs: BTreeSet<String> = course.exercises().iter().map(Exercise::dir_name).collect();
    for variant in [Variant::Exercise, Variant::Solution] {
        let top = course.crates_dir(variant);
        for name in entries(&top)? {
            if !dirs.contains(&name) {
                let folder = course.relative(&top.join(&name));
                problems.push(format!("{folder} is not in {}", course::MANIFEST));
            }
        }
    }
    let snapshots: BTreeSet<String> = course
        .exercises()
        .iter()
        .flat_map(|ex| {
            ex.ranks
                .iter()
                .map(move |&np| format!("{}.snap", course::snapshot_name(ex, np)))
        })
        .collect();
    let expected_dir = course.expected_dir();
    for name in entries(&expected_dir)? {
        if !snapshots.contains(&name) {
            problems.push(format!(
                "{} belongs to no exercise and rank count of info.toml: delete it",
                course.relative(&expected_dir.join(&name))
            ));
        }
    }
    for chapter in course.chapters() {
        let pages: BTreeSet<String> = course
            .exercises_in(&chapter.slug)
            .map(|ex| format!("{}.md", ex.slug))
            .collect();
        let folder = course.book_src().join(&chapter.slug);
        for name in entries(&folder)? {
            if name.ends_with(".md") && name != "README.md" && !pages.contains(&name) {
                let page = course.relative(&folder.join(&name));
                problems.push(format!("{page} is no exercise of that chapter"));
            }
        }
    }
    Ok(problems)
}

/// File names in a directory (none if it does not exist).
fn entries(dir: &Path) -> Result<Vec<String>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        names.push(entry?.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    Ok(names)
}

fn package_name(dir: &Path) -> Result<String> {
    let path = dir.join("Cargo.toml");
    if !path.is_file() {
        bail!("the crate is missing");
    }
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let manifest: toml::Table =
        toml::from_str(&text).with_context(|| format!("{} does not parse", path.display()))?;
    manifest
        .get("package")
        .and_then(|p| p.get("name"))
        .and_then(|n| n.as_str())
        .map(String::from)
        .context("Cargo.toml has no package name")
}

/// Regenerates the expected outputs of `exercises` from their solutions, at every
/// declared rank count, showing what changed. A solution that does not run cleanly on
/// every rank is never blessed.
pub fn bless(course: &Course, exercises: &[&Exercise], settings: &Settings) -> Result<()> {
    for ex in exercises {
        for &np in &ex.ranks {
            let outputs = check::solution_outputs(course, ex, np, settings)
                .with_context(|| format!("nothing was written for {}", ex.id))?;
            let path = course.expected_path(ex, np);
            let before = expected::read(&path, np, ex.spawns).ok().flatten();
            let shown = course.relative(&path);
            if before.as_ref() == Some(&outputs) {
                println!("  {} {shown} unchanged", "=".dimmed());
                continue;
            }
            expected::write(&path, "output", &outputs, np)?;
            match before {
                None => println!("  {} {shown} written", "+".green()),
                Some(old) => {
                    println!("  {} {shown} updated:", "~".yellow());
                    print!(
                        "{}",
                        report::diff(
                            &expected::render(&old, np),
                            &expected::render(&outputs, np),
                            crate::paint::Paint::for_stdout()
                        )
                    );
                }
            }
        }
    }
    println!(
        "Review the changes with `git diff {}`.",
        course.relative(&course.expected_dir())
    );
    Ok(())
}
