//! The learner's verbs that do not launch anything: `list` (text and JSON), `hint`,
//! and the progress that `check` records. Each test keeps its progress in a file of
//! its own (`WORKBOOK_PROGRESS`), so no real progress is touched.

mod common;

use std::path::{Path, PathBuf};

/// The runner on the real course, with progress in a file of the test's own.
fn runner_with_progress(progress: &Path, args: &[&str]) -> (i32, String) {
    let out = common::runner(&common::workspace(), args)
        .env("WORKBOOK_PROGRESS", progress)
        .output()
        .unwrap();
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

fn fresh_progress(name: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("workbook-cli-{name}-{}.json", std::process::id()));
    let _ = std::fs::remove_file(&path);
    path
}

#[test]
fn list_shows_chapters_exercises_and_progress() {
    let course = common::course();
    let exercises = course.exercises();
    let total = exercises.len();
    let width = exercises.iter().map(|e| e.slug.len()).max().unwrap();
    let line = |mark: &str, slug: &str| {
        let ex = course.resolve(slug).unwrap();
        format!("  {mark} {:<5} {:<width$}  {}\n", ex.id, ex.slug, ex.title)
    };
    let progress = fresh_progress("list");
    let (code, text) = runner_with_progress(&progress, &["list"]);
    assert_eq!(code, 0, "{text}");
    let first_chapter = &course.chapters()[0].title;
    assert!(
        text.starts_with(&format!("HPC in Rust\n\n{first_chapter}\n")),
        "{text}"
    );
    assert!(text.contains(&line("· not tried ", "send-recv")), "{text}");
    assert!(
        text.contains(&format!(
            "Progress: [------------------------------] 0/{total} exercises solved\n"
        )),
        "{text}"
    );
    assert!(
        text.ends_with(&format!(
            "Next: cargo run -p runner -- check {}\n",
            exercises[0].id
        )),
        "{text}"
    );

    std::fs::write(
        &progress,
        format!(
            r#"{{"exercises": {{"{}": {{"status": "solved"}}, "send-recv": {{"status": "failing"}}, "gone": {{"status": "solved"}}}}}}"#,
            exercises[0].slug
        ),
    )
    .unwrap();
    let (_, text) = runner_with_progress(&progress, &["list"]);
    assert!(text.contains(&line("✓ solved    ", &exercises[0].slug)), "{text}");
    assert!(text.contains(&line("✗ failing   ", "send-recv")), "{text}");
    assert!(
        text.contains(&format!("1/{total} exercises solved")),
        "a removed exercise must not count:\n{text}"
    );
    assert!(
        text.ends_with(&format!(
            "Next: cargo run -p runner -- check {}\n",
            exercises[1].id
        )),
        "{text}"
    );
    std::fs::remove_file(progress).unwrap();
}

#[test]
fn list_as_json_for_tools() {
    let progress = fresh_progress("json");
    let (code, text) = runner_with_progress(&progress, &["list", "--format", "json"]);
    assert_eq!(code, 0, "{text}");
    let rows: serde_json::Value = serde_json::from_str(&text).unwrap();
    let rows = rows.as_array().unwrap();
    let course = common::course();
    assert_eq!(rows.len(), course.exercises().len());
    let row = rows.iter().find(|r| r["slug"] == "scatterv-reduce").unwrap();
    assert_eq!(row["id"], course.resolve("scatterv-reduce").unwrap().id);
    assert_eq!(row["chapter"], "mpi-collectives");
    assert_eq!(row["ranks"], serde_json::json!([4, 3]));
    assert_eq!(row["status"], "not-tried");
}

#[test]
fn hint_shows_one_more_hint_each_time() {
    let course = common::course();
    let bcast = course.resolve("bcast").unwrap();
    let total = bcast.hints.len();
    assert!(total >= 2, "bcast needs two hints for this test");
    let progress = fresh_progress("hint");
    let (code, first) = runner_with_progress(&progress, &["hint", "bcast"]);
    assert_eq!(code, 0, "{first}");
    assert!(
        first.contains(&format!("Hint 1/{total}: {}", bcast.hints[0])),
        "{first}"
    );
    assert!(!first.contains(&format!("Hint 2/{total}:")), "{first}");
    assert!(first.contains("again for the next hint"), "{first}");
    // By id this time: progress is kept by slug, so it is the same exercise.
    let (_, second) = runner_with_progress(&progress, &["hint", &bcast.id]);
    assert!(
        second.contains(&format!("Hint 2/{total}: {}", bcast.hints[1])),
        "{second}"
    );
    let (_, all) = runner_with_progress(&progress, &["hint", "bcast", "--all"]);
    assert!(all.contains(&format!("Hint {total}/{total}:")), "{all}");
    assert!(!all.contains("again for the next hint"), "{all}");
    std::fs::remove_file(progress).unwrap();
}

#[test]
fn check_records_progress_by_slug() {
    // The fixture course's wrong-line exercise fails; its solution passes.
    let fixtures = common::fixtures();
    let progress = fresh_progress("check");
    let run = |args: &[&str]| {
        common::runner(fixtures.root(), args)
            .env("WORKBOOK_PROGRESS", &progress)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(run(&["check", "ex03"]), Some(1));
    assert_eq!(run(&["check", "ex03", "--solution"]), Some(0));
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&progress).unwrap()).unwrap();
    assert_eq!(
        saved["exercises"]["panic"]["status"], "failing",
        "checking a solution records nothing"
    );
    std::fs::remove_file(progress).unwrap();
}

#[test]
fn every_verb_has_help() {
    for verb in [
        vec!["list"],
        vec!["check"],
        vec!["run"],
        vec!["hint"],
        vec!["doctor"],
        vec!["watch"],
        vec!["reset"],
        vec!["grade"],
        vec!["dev", "check"],
        vec!["dev", "bless"],
        vec!["book", "build"],
        vec!["book", "serve"],
    ] {
        let mut args = verb.clone();
        args.push("--help");
        let (code, text) = common::run_runner(&common::workspace(), &args);
        assert_eq!(code, 0, "{verb:?}: {text}");
        assert!(text.contains("Usage: runner"), "{verb:?}: {text}");
    }
}

/// `--verbose` shows the launch command and how every rank ended.
#[test]
fn verbose_shows_the_launch_and_every_ranks_ending() {
    let (code, text) = common::run_runner(
        &common::workspace(),
        &["check", "send-recv", "--solution", "--np", "2", "--verbose"],
    );
    assert_eq!(code, 0, "{text}");
    let command = text
        .lines()
        .find(|l| l.starts_with("$ "))
        .expect("the command line");
    assert!(command.contains(" -n 2 "), "{command}");
    assert!(command.contains(" __rank "), "{command}");
    assert!(command.ends_with("/sol-send-recv"), "{command}");
    for rank in 0..2 {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("  rank {rank}: pid ")))
            .unwrap_or_else(|| panic!("no line for rank {rank}: {text}"));
        assert!(line.ends_with(", exited with code 0"), "{line}");
    }
    assert!(text.contains("  launcher: exit code 0, after "), "{text}");
    let course = common::course();
    let id = &course.resolve("send-recv").unwrap().id;
    assert!(text.contains(&format!("✓ {id} passed")), "{text}");
}

/// With no MPI on PATH, `doctor` says what is missing and the command that installs it,
/// and exits with 2 (an environment problem).
#[test]
fn doctor_names_what_is_missing_and_how_to_install_it() {
    let out = common::runner(&common::workspace(), &["doctor"])
        .env("PATH", "/nonexistent")
        .env("CARGO", std::env::var("CARGO").unwrap())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("  ✓ cargo      cargo "), "{text}");
    assert!(
        text.contains("  ✗ launcher   MPI's launcher, mpiexec (`mpiexec`) is not on your PATH"),
        "{text}"
    );
    assert!(text.contains("  ✗ mpicc      not found"), "{text}");
    assert!(
        text.contains("Something is missing. Install what is missing with:\n    "),
        "{text}"
    );
}

/// The runner must build and run where MPI is missing, to diagnose it: nothing it
/// depends on may be MPI.
#[test]
fn the_runner_does_not_depend_on_mpi() {
    let out = std::process::Command::new(std::env::var("CARGO").unwrap())
        .args([
            "tree",
            "-p",
            "runner",
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--offline",
        ])
        .current_dir(common::workspace())
        .output()
        .unwrap();
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(tree.contains("clap v4"), "{tree}");
    let mpi: Vec<&str> = tree.lines().filter(|l| l.starts_with("mpi")).collect();
    assert!(mpi.is_empty(), "the runner depends on {mpi:?}");
}

/// `doctor`'s next step is the learner's: the first exercise not solved yet, and once
/// every one is, no exercise to check. (This machine has what the course needs, as the
/// checks of the other tests do.)
#[test]
fn doctor_names_the_first_exercise_not_solved_yet() {
    let course = common::course();
    let exercises = course.exercises();
    let progress = fresh_progress("doctor");
    let solved = |slugs: &[&str]| {
        let entries: Vec<String> = slugs
            .iter()
            .map(|slug| format!(r#""{slug}": {{"status": "solved"}}"#))
            .collect();
        std::fs::write(
            &progress,
            format!(r#"{{"exercises": {{{}}}}}"#, entries.join(", ")),
        )
        .unwrap();
    };

    solved(&[&exercises[0].slug]);
    let (code, text) = runner_with_progress(&progress, &["doctor"]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.ends_with(&format!(
            "\nAll set. Ready. Next: cargo run -p runner -- check {}\n",
            exercises[1].id
        )),
        "{text}"
    );

    let every: Vec<&str> = exercises.iter().map(|e| e.slug.as_str()).collect();
    solved(&every);
    let (code, text) = runner_with_progress(&progress, &["doctor"]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.ends_with(
            "\nAll set. Ready. Every exercise is solved: `cargo run -p runner -- list` shows them.\n"
        ),
        "{text}"
    );
    let _ = std::fs::remove_file(&progress);
}
