//! The course is never damaged, and a damaged course does not stop the runner: `grade`
//! goes on past an exercise it cannot check, a stray folder under `exercises/` is named
//! instead of being taken for MPI missing, and `reset` never writes through a symbolic
//! link to a file outside the course. Each test makes a small course of single-process
//! exercises in a temporary folder.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The exercises of a scratch course: id, slug, and what the solution prints.
const EXERCISES: [(&str, &str, &str); 3] = [
    ("ex01", "double", "[0. 2. 4.]"),
    ("ex02", "square", "[0. 1. 4.]"),
    ("ex03", "cube", "[0. 1. 8.]"),
];

/// How a scratch course's crates are put together.
#[derive(Clone, Copy, PartialEq)]
enum Layout {
    /// Each crate is a workspace of its own.
    Standalone,
    /// One workspace at the root takes every folder under exercises/ and solutions/,
    /// as the real course's does.
    Workspace,
}

/// A throwaway course whose stubs print a wrong line and whose solutions and expected
/// outputs agree, committed to git so that `reset` has stubs to go back to.
struct Scratch {
    root: PathBuf,
}

impl Scratch {
    fn new(name: &str, layout: Layout) -> Scratch {
        let root = std::env::temp_dir().join(format!("workbook-damage-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("expected")).unwrap();
        let scratch = Scratch { root };
        let mut manifest = String::from(
            "format = 1\ntitle = \"Scratch\"\nexpected = \"expected\"\n\n\
             [[chapter]]\nslug = \"arrays\"\ntitle = \"Arrays\"\n",
        );
        for (id, slug, line) in EXERCISES {
            manifest.push_str(&format!(
                "\n[[exercise]]\nid = \"{id}\"\nslug = \"{slug}\"\ntitle = \"{slug}\"\nchapter = \"arrays\"\n\
                 mpi = false\nranks = [1]\ntimeout = 20\nseed = \"none\"\nhints = [\"Think of {slug}.\"]\n"
            ));
            scratch.write_crate("solutions", id, slug, "sol", layout);
            scratch.write_crate("exercises", id, slug, "ex", layout);
            scratch.write_main(&scratch.exercise_dir(id, slug), "[0. 0. 0.]");
            scratch.write_main(&scratch.root.join(format!("solutions/{id}-{slug}")), line);
            std::fs::write(
                scratch.root.join(format!("expected/{slug}@np1.snap")),
                format!("---\nsource: tests/solutions.rs\nexpression: output\n---\n[rank 0]\n{line}\n"),
            )
            .unwrap();
        }
        std::fs::write(scratch.root.join("info.toml"), manifest).unwrap();
        if layout == Layout::Workspace {
            std::fs::write(
                scratch.root.join("Cargo.toml"),
                "[workspace]\nresolver = \"2\"\nmembers = [\"exercises/*\", \"solutions/*\"]\n",
            )
            .unwrap();
        }
        std::fs::write(
            scratch.root.join(".gitignore"),
            "target/\nCargo.lock\n.workbook/\n",
        )
        .unwrap();
        common::commit_all(&scratch.root);
        scratch
    }

    fn write_crate(&self, top: &str, id: &str, slug: &str, prefix: &str, layout: Layout) {
        let dir = self.root.join(top).join(format!("{id}-{slug}"));
        std::fs::create_dir_all(dir.join("src")).unwrap();
        let own_workspace = match layout {
            Layout::Standalone => "\n[workspace]\n",
            Layout::Workspace => "",
        };
        std::fs::write(
            dir.join("Cargo.toml"),
            format!("[package]\nname = \"{prefix}-{slug}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n{own_workspace}"),
        )
        .unwrap();
    }

    fn write_main(&self, dir: &Path, line: &str) {
        std::fs::write(
            dir.join("src/main.rs"),
            format!("fn main() {{\n    println!(\"{line}\");\n}}\n"),
        )
        .unwrap();
    }

    fn exercise_dir(&self, id: &str, slug: &str) -> PathBuf {
        self.root.join("exercises").join(format!("{id}-{slug}"))
    }

    /// Makes the learner's version of the first exercise right.
    fn solve_first(&self) {
        let (id, slug, line) = EXERCISES[0];
        self.write_main(&self.exercise_dir(id, slug), line);
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_runner"));
        cmd.args(args)
            .arg("--quiet")
            .current_dir(&self.root)
            .env("NO_COLOR", "1")
            .env("WORKBOOK_PROGRESS", self.root.join(".workbook/progress.json"))
            .env_remove("WORKBOOK_COURSE")
            .env_remove("WORKBOOK_LAUNCHER");
        cmd
    }

    /// Exit code, stdout and stderr.
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.command(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn progress(&self) -> String {
        std::fs::read_to_string(self.root.join(".workbook/progress.json")).unwrap_or_default()
    }

    /// What cargo says when it builds the first exercise, given to the function that
    /// build.rs asks to explain a failed build.
    fn explain_build_failure(&self) -> Option<String> {
        let out = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--manifest-path"])
            .arg(self.exercise_dir("ex01", "double").join("Cargo.toml"))
            .output()
            .unwrap();
        assert!(!out.status.success());
        runner::course::workspace_failure(&String::from_utf8_lossy(&out.stderr))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

#[test]
fn grade_goes_on_past_exercises_that_cannot_be_checked() {
    let course = Scratch::new("grade-errors", Layout::Standalone);
    course.solve_first();
    let snapshot = course.root.join("expected/square@np1.snap");
    std::fs::remove_file(&snapshot).unwrap();
    let cube = course.exercise_dir("ex03", "cube");
    std::fs::remove_dir_all(&cube).unwrap();
    let no_snapshot = format!(
        "there is no expected output for ex02 at 1 ranks ({} is missing).\n\
         Authors make it from the solution with `cargo run -p runner -- dev bless ex02`.",
        snapshot.display()
    );
    let no_crate = format!(
        "{}/Cargo.toml is missing: the exercise's crate is not where the course manifest says.\n\
         If you renamed or deleted it, `git checkout -- {}` restores it.",
        cube.display(),
        cube.display()
    );

    let (code, stdout, stderr) = course.run(&["grade"]);
    assert_eq!((code, stderr.as_str()), (1, ""), "{stdout}");
    let indented = |text: &str| {
        text.lines()
            .map(|line| format!("        {line}\n"))
            .collect::<String>()
    };
    assert_eq!(
        stdout,
        format!(
            "Grading 3 exercises of Scratch, each at every rank count it declares\n\
             \x20 ✓ ex01  double                1/1 ✓@1\n\
             \x20 ✗ ex02  square                0/1\n{}\
             \x20 ✗ ex03  cube                  0/1\n{}\
             Total: 1/3 points; 1 of 3 exercises pass at every rank count. 2 could not be checked (see above).\n",
            indented(&format!("could not be checked: {no_snapshot}")),
            indented(&format!("could not be checked: {no_crate}"))
        )
    );
    // What could not be checked keeps the status it had: no result is recorded for it.
    let saved: serde_json::Value = serde_json::from_str(&course.progress()).unwrap();
    assert_eq!(
        saved["exercises"],
        serde_json::json!({"double": {"status": "solved", "hints_seen": 0}})
    );

    let out = course.command(&["grade", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (json["earned"].as_u64(), json["points"].as_u64()),
        (Some(1), Some(3))
    );
    assert_eq!(json["exercises"][0].get("error"), None);
    assert_eq!(json["exercises"][1]["error"], no_snapshot.as_str());
    assert_eq!(json["exercises"][1]["passed"], false);
    assert_eq!(json["exercises"][1]["runs"], serde_json::json!([]));
    assert_eq!(json["exercises"][2]["error"], no_crate.as_str());

    let out = course.command(&["grade", "--format", "junit"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(
        xml.contains("<testsuites name=\"Scratch\" tests=\"3\" failures=\"0\" errors=\"2\""),
        "{xml}"
    );
    assert!(
        xml.contains(&format!(
            "    <testcase classname=\"arrays.square\" name=\"ex02 square can be checked\" time=\"0\">\n      \
             <error message=\"there is no expected output for ex02 at 1 ranks ({} is missing).\">",
            snapshot.display()
        )),
        "{xml}"
    );
    assert_eq!(xml.matches("<error ").count(), 2, "{xml}");
}

/// Grades a course whose workspace cargo cannot load: every exercise is named as not
/// checked, for `problem`, and the totals still print.
fn assert_grade_names(course: &Scratch, problem: &str) {
    let (code, stdout, stderr) = course.run(&["grade"]);
    assert_eq!((code, stderr.as_str()), (1, ""), "{stdout}");
    let mut expected = String::from("Grading 3 exercises of Scratch, each at every rank count it declares\n");
    for (id, slug, _) in EXERCISES {
        expected.push_str(&format!("  ✗ {id:<5} {slug:<20}  0/1\n"));
        for (i, line) in format!("could not be checked: {problem}").lines().enumerate() {
            match (i, line) {
                (_, "") => expected.push('\n'),
                _ => expected.push_str(&format!("        {line}\n")),
            }
        }
    }
    expected.push_str(
        "Total: 0/3 points; 0 of 3 exercises pass at every rank count. 3 could not be checked (see above).\n",
    );
    assert_eq!(stdout, expected);
}

#[test]
fn a_folder_without_cargo_toml_under_exercises_is_named_and_left_alone() {
    let course = Scratch::new("stray-notes", Layout::Workspace);
    let notes = course.root.join("exercises/notes");
    std::fs::create_dir_all(&notes).unwrap();
    std::fs::write(notes.join("todo.md"), "- ask about Allreduce\n").unwrap();
    let problem = "exercises/notes is not an exercise crate (no Cargo.toml), but the workspace includes \
                   every folder under exercises/, so cargo cannot build anything: move exercises/notes out \
                   of exercises/ (your work is untouched), then run this again.";
    assert_grade_names(&course, problem);
    assert_eq!(course.explain_build_failure().as_deref(), Some(problem));

    // What needs no build goes on working.
    let (code, stdout, stderr) = course.run(&["list"]);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    assert!(stdout.contains("0/3 exercises solved"), "{stdout}");
    let (code, stdout, _) = course.run(&["hint", "ex02"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("Hint 1/1: Think of square."), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(notes.join("todo.md")).unwrap(),
        "- ask about Allreduce\n"
    );
}

#[test]
fn a_copy_of_an_exercise_crate_is_named() {
    let course = Scratch::new("stray-copy", Layout::Workspace);
    let original = course.exercise_dir("ex01", "double");
    let copy = course.root.join("exercises/ex01-double copy");
    std::fs::create_dir_all(copy.join("src")).unwrap();
    for file in ["Cargo.toml", "src/main.rs"] {
        std::fs::copy(original.join(file), copy.join(file)).unwrap();
    }
    let problem = "exercises/ex01-double and exercises/ex01-double copy both hold the package `ex-double`, \
                   and the workspace includes every folder under exercises/, so cargo cannot build anything: \
                   move the copy out of exercises/ (your work is untouched), then run this again.";
    assert_grade_names(&course, problem);
    assert_eq!(course.explain_build_failure().as_deref(), Some(problem));
    assert!(copy.join("src/main.rs").is_file());
}

#[test]
fn a_cargo_toml_with_a_typo_is_named_with_what_cargo_said() {
    let course = Scratch::new("stray-typo", Layout::Workspace);
    let manifest = course.exercise_dir("ex02", "square").join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, text.replace("[package]", "[package")).unwrap();
    let explained = course.explain_build_failure().unwrap();
    let first = "exercises/ex02-square/Cargo.toml has an error, and the workspace includes every folder \
                 under exercises/, so cargo cannot build anything: fix it, or, if it is not an exercise, \
                 move exercises/ex02-square out of exercises/ (your work is untouched), then run this again.";
    assert!(
        explained.starts_with(&format!("{first}\ncargo said:\n  error: ")),
        "{explained}"
    );
    assert!(
        explained.contains("exercises/ex02-square/Cargo.toml:1"),
        "{explained}"
    );
    let (code, stdout, _) = course.run(&["grade"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains(&format!(
            "  ✗ ex01  double                0/1\n        could not be checked: {first}\n"
        )),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("3 could not be checked (see above).\n"),
        "{stdout}"
    );
}

#[test]
fn reset_does_not_write_through_a_symlinked_main_rs() {
    let course = Scratch::new("reset-link-file", Layout::Standalone);
    let outside = course.root.with_extension("outside.rs");
    std::fs::write(&outside, "// my own copy, kept outside the course\n").unwrap();
    let main = course.exercise_dir("ex01", "double").join("src/main.rs");
    std::fs::remove_file(&main).unwrap();
    std::os::unix::fs::symlink(&outside, &main).unwrap();

    let (code, stdout, stderr) = course.run(&["reset", "ex01", "--yes"]);
    let _ = std::fs::remove_file(&outside);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        format!(
            "error: exercises/ex01-double/src/main.rs is a symbolic link to {}: reset writes only inside \
             the course, never through a link, so nothing was changed.\nTo reset ex01, remove the link \
             (what it points to stays as it is) and run reset again.\n",
            outside.display()
        )
    );
    assert!(main.symlink_metadata().unwrap().file_type().is_symlink());
    assert!(!course.root.join(".workbook/backups").exists());
}

#[test]
fn reset_does_not_write_through_a_symlinked_exercise_folder() {
    let course = Scratch::new("reset-link-dir", Layout::Standalone);
    let dir = course.exercise_dir("ex01", "double");
    let outside = course.root.with_extension("outside");
    let _ = std::fs::remove_dir_all(&outside);
    std::fs::rename(&dir, &outside).unwrap();
    std::os::unix::fs::symlink(&outside, &dir).unwrap();
    course.solve_first();
    let mine = std::fs::read_to_string(outside.join("src/main.rs")).unwrap();

    let (code, stdout, stderr) = course.run(&["reset", "--all", "--yes"]);
    let kept = std::fs::read_to_string(outside.join("src/main.rs")).unwrap();
    let _ = std::fs::remove_dir_all(&outside);
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "error: exercises/ex01-double is a symbolic link to {}: reset writes only inside the course, \
             never through a link, so nothing was changed.\nTo reset ex01, remove the link (what it points \
             to stays as it is) and run reset again.\n",
            outside.display()
        )
    );
    assert_eq!(kept, mine);
}

#[test]
fn reset_names_no_backup_when_there_was_nothing_to_keep() {
    let course = Scratch::new("reset-nothing-kept", Layout::Standalone);
    std::fs::remove_file(course.exercise_dir("ex01", "double").join("src/main.rs")).unwrap();
    let (code, stdout, stderr) = course.run(&["reset", "ex01", "--yes"]);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    assert!(
        stdout.ends_with(
            "↺ ex01 is back to its stub; its changed files had been deleted, so there was nothing to keep\n"
        ),
        "{stdout}"
    );
    assert!(!course.root.join(".workbook/backups").exists());

    // Two resets in a row keep two backups, each named by the reset that made it.
    let mut named = Vec::new();
    for version in ["// first\n", "// second\n"] {
        std::fs::write(course.exercise_dir("ex01", "double").join("src/main.rs"), version).unwrap();
        let (code, stdout, _) = course.run(&["reset", "ex01", "--yes"]);
        assert_eq!(code, 0, "{stdout}");
        let folder = stdout
            .rsplit("your version is in ")
            .next()
            .unwrap()
            .trim_end()
            .trim_end_matches('/')
            .to_string();
        assert_eq!(
            std::fs::read_to_string(course.root.join(&folder).join("src/main.rs")).unwrap(),
            version
        );
        named.push(folder);
    }
    assert_ne!(named[0], named[1]);
}

/// The real course's workspace lists its crates by name, so a learner's stray folders
/// under exercises/ (notes, a copy of a crate) do not stop cargo, and with it `cargo
/// run -p runner`. Checked on a copy of every member's Cargo.toml and main file.
#[test]
fn stray_folders_do_not_stop_the_courses_own_workspace() {
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let copy = std::env::temp_dir().join(format!("workbook-damage-workspace-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    let manifest: toml::Table = std::fs::read_to_string(real.join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let members = manifest["workspace"]["members"].as_array().unwrap();
    assert!(
        members.iter().all(|m| !m.as_str().unwrap().contains('*')),
        "the workspace's members must be listed by name, not by glob"
    );
    std::fs::create_dir_all(&copy).unwrap();
    std::fs::copy(real.join("Cargo.toml"), copy.join("Cargo.toml")).unwrap();
    for member in members.iter().map(|m| m.as_str().unwrap()) {
        for file in ["Cargo.toml", "src/main.rs", "src/lib.rs"] {
            let from = real.join(member).join(file);
            if from.is_file() {
                let to = copy.join(member).join(file);
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::copy(from, to).unwrap();
            }
        }
    }
    std::fs::create_dir_all(copy.join("exercises/notes")).unwrap();
    std::fs::write(copy.join("exercises/notes/todo.txt"), "ask about halos\n").unwrap();
    let first = members
        .iter()
        .map(|m| m.as_str().unwrap())
        .find(|m| m.starts_with("exercises/"))
        .unwrap();
    let backup = copy.join(format!("{first} copy"));
    std::fs::create_dir_all(backup.join("src")).unwrap();
    std::fs::copy(real.join(first).join("Cargo.toml"), backup.join("Cargo.toml")).unwrap();
    std::fs::copy(real.join(first).join("src/main.rs"), backup.join("src/main.rs")).unwrap();
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--no-deps", "--offline", "--format-version", "1"])
        .current_dir(&copy)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::remove_dir_all(&copy).unwrap();
}
