//! The learner's progress is never damaged: many runners at once keep every entry, a
//! damaged file is reported and kept under a name of its own, and a progress file that
//! cannot be read or written is a warning, never a failed command. Each test makes a
//! small course in a temporary folder, with its progress file there.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A throwaway course of `exercises` exercises with `hints` hints each. With `crates`,
/// each exercise has a crate that prints `ok` (standalone, its own workspace) and the
/// expected output that makes it pass, so that `check` and `grade` pass.
struct Scratch {
    root: PathBuf,
}

impl Scratch {
    fn new(name: &str, exercises: usize, hints: usize, crates: bool) -> Scratch {
        let root = std::env::temp_dir().join(format!("workbook-progress-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("expected")).unwrap();
        let hints: Vec<String> = (1..=hints).map(|h| format!("\"Hint number {h}.\"")).collect();
        let mut manifest = String::from(
            "format = 1\ntitle = \"Scratch\"\nexpected = \"expected\"\n\n\
             [[chapter]]\nslug = \"basics\"\ntitle = \"Basics\"\n",
        );
        for n in 1..=exercises {
            manifest.push_str(&format!(
                "\n[[exercise]]\nid = \"ex{n:02}\"\nslug = \"e{n}\"\ntitle = \"Exercise {n}\"\n\
                 chapter = \"basics\"\nmpi = false\nranks = [1]\ntimeout = 20\nseed = \"none\"\n\
                 hints = [{}]\n",
                hints.join(", ")
            ));
            if crates {
                write_crate(&root.join(format!("exercises/ex{n:02}-e{n}")), &format!("e{n}"));
                std::fs::write(
                    root.join(format!("expected/e{n}@np1.snap")),
                    "---\nsource: tests/solutions.rs\nexpression: output\n---\n[rank 0]\nok\n",
                )
                .unwrap();
            }
        }
        std::fs::write(root.join("info.toml"), manifest).unwrap();
        Scratch { root }
    }

    fn progress_file(&self) -> PathBuf {
        self.root.join("kept/progress.json")
    }

    /// The runner on this course, with its progress in `progress`.
    fn command_with(&self, progress: &Path, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_runner"));
        cmd.args(args)
            .arg("--quiet")
            .env("WORKBOOK_COURSE", &self.root)
            .env("WORKBOOK_PROGRESS", progress)
            .env("NO_COLOR", "1")
            .env_remove("WORKBOOK_LAUNCHER")
            .stdin(Stdio::null());
        cmd
    }

    fn command(&self, args: &[&str]) -> Command {
        self.command_with(&self.progress_file(), args)
    }

    /// Exit code, stdout and stderr of the runner with its progress in `progress`.
    fn run_with(&self, progress: &Path, args: &[&str]) -> (i32, String, String) {
        let out = self.command_with(progress, args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        self.run_with(&self.progress_file(), args)
    }

    fn saved(&self) -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(self.progress_file()).unwrap()).unwrap()
    }

    /// The names in the progress file's folder.
    fn kept_files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.root.join("kept"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// A standalone crate (its own workspace) that prints `ok`.
fn write_crate(dir: &Path, slug: &str) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("[package]\nname = \"ex-{slug}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[workspace]\n"),
    )
    .unwrap();
    write_main(dir, 0);
}

/// The crate's program: prints `ok` after `wait_ms` milliseconds.
fn write_main(dir: &Path, wait_ms: u64) {
    std::fs::write(
        dir.join("src/main.rs"),
        format!(
            "fn main() {{\n    std::thread::sleep(std::time::Duration::from_millis({wait_ms}));\n    \
             println!(\"ok\");\n}}\n"
        ),
    )
    .unwrap();
}

#[test]
fn three_hundred_hints_and_lists_at_once_keep_every_entry() {
    let course = Scratch::new("concurrent", 8, 40, false);
    let slugs: Vec<String> = (1..=8).map(|n| format!("e{n}")).collect();
    // Eight entries to begin with, solved and failing in turn.
    let entries: Vec<String> = slugs
        .iter()
        .enumerate()
        .map(|(i, slug)| {
            let status = if i % 2 == 0 { "solved" } else { "failing" };
            format!("\"{slug}\": {{\"status\": \"{status}\"}}")
        })
        .collect();
    std::fs::create_dir_all(course.root.join("kept")).unwrap();
    std::fs::write(
        course.progress_file(),
        format!("{{\"exercises\": {{{}}}}}", entries.join(", ")),
    )
    .unwrap();
    // Everything the runners say on stderr goes to one file: there must be nothing.
    let stderr_path = course.root.join("stderr.txt");
    let stderr = std::fs::File::create(&stderr_path).unwrap();
    let started = std::time::Instant::now();
    let mut children = Vec::new();
    for i in 0..300 {
        for args in [vec!["hint", slugs[i % 8].as_str()], vec!["list"]] {
            let child = course
                .command(&args)
                .stdout(Stdio::null())
                .stderr(stderr.try_clone().unwrap())
                .spawn()
                .unwrap();
            children.push(child);
        }
    }
    for mut child in children {
        assert_eq!(child.wait().unwrap().code(), Some(0));
    }
    eprintln!("600 runners at once took {:.1?}", started.elapsed());
    assert_eq!(std::fs::read_to_string(&stderr_path).unwrap(), "");
    let saved = course.saved();
    for (i, slug) in slugs.iter().enumerate() {
        // 300 hints over 8 exercises: 38 each for the first four, 37 for the others.
        let asked = if i < 4 { 38 } else { 37 };
        let status = if i % 2 == 0 { "solved" } else { "failing" };
        assert_eq!(
            saved["exercises"][slug],
            serde_json::json!({"status": status, "hints_seen": asked}),
            "{saved:#}"
        );
    }
    assert_eq!(course.kept_files(), ["progress.json", "progress.json.lock"]);
}

#[test]
fn a_damaged_progress_file_is_reported_and_kept_under_a_name_of_its_own() {
    let course = Scratch::new("damaged", 2, 2, false);
    std::fs::create_dir_all(course.root.join("kept")).unwrap();
    let progress = course.progress_file();
    std::fs::write(&progress, "{ not json").unwrap();

    let (code, stdout, stderr) = course.run(&["list"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("0/2 exercises solved"), "{stdout}");
    let first = only_damaged(&course, &[]);
    assert_eq!(
        stderr,
        format!(
            "warning: {} was damaged (key must be a string at line 1 column 3); it is kept as {} \
             and your progress starts afresh (your exercises are untouched).\n",
            progress.display(),
            course.root.join("kept").join(&first).display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(course.root.join("kept").join(&first)).unwrap(),
        "{ not json"
    );

    // A hint starts the fresh progress; a second damage is kept beside the first.
    let (code, stdout, stderr) = course.run(&["hint", "ex01"]);
    assert_eq!((code, stderr.as_str()), (0, ""), "{stdout}");
    assert_eq!(course.saved()["exercises"]["e1"]["hints_seen"], 1);
    std::fs::write(&progress, "").unwrap();
    let (code, stdout, stderr) = course.run(&["hint", "ex01"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("Hint 1/2: Hint number 1."), "{stdout}");
    let second = only_damaged(&course, &[first.as_str()]);
    assert_ne!(first, second);
    assert!(
        stderr.contains(&format!(
            "was damaged (EOF while parsing a value at line 1 column 0); it is kept as {}",
            course.root.join("kept").join(&second).display()
        )),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(course.root.join("kept").join(&first)).unwrap(),
        "{ not json",
        "the first damaged file must survive the second damage"
    );
    assert_eq!(course.saved()["exercises"]["e1"]["hints_seen"], 1);
}

/// The one `progress.json.damaged-*` file in the progress folder besides `known`.
fn only_damaged(course: &Scratch, known: &[&str]) -> String {
    let found: Vec<String> = course
        .kept_files()
        .into_iter()
        .filter(|name| name.starts_with("progress.json.damaged-") && !known.contains(&name.as_str()))
        .collect();
    assert_eq!(found.len(), 1, "{:?}", course.kept_files());
    found[0].clone()
}

#[test]
fn a_progress_path_that_is_a_folder_is_a_warning_and_every_verb_still_works() {
    let course = Scratch::new("folder", 1, 2, true);
    let progress = course.root.join("kept/progress.json");
    std::fs::create_dir_all(progress.join("inside")).unwrap();
    let warning = format!(
        "warning: cannot read {} (Is a directory (os error 21)), so your progress shows as a fresh \
         start and is not saved. Move it away, or point WORKBOOK_PROGRESS at a file you can read and write.\n",
        progress.display()
    );

    let (code, stdout, stderr) = course.run(&["hint", "ex01"]);
    assert_eq!((code, stderr.as_str()), (0, warning.as_str()), "{stdout}");
    assert!(stdout.contains("Hint 1/2: Hint number 1."), "{stdout}");

    let (code, stdout, stderr) = course.run(&["list"]);
    assert_eq!((code, stderr.as_str()), (0, warning.as_str()), "{stdout}");
    assert!(stdout.contains("0/1 exercises solved"), "{stdout}");

    let (code, stdout, stderr) = course.run(&["check", "ex01"]);
    assert_eq!((code, stderr.as_str()), (0, warning.as_str()), "{stdout}");
    assert!(stdout.contains("✓ ex01 passed"), "{stdout}");

    let (code, stdout, stderr) = course.run(&["grade", "--format", "json"]);
    assert_eq!((code, stderr.as_str()), (0, warning.as_str()), "{stdout}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (json["earned"].as_u64(), json["points"].as_u64()),
        (Some(1), Some(1))
    );

    // The folder is as it was: nothing was moved aside or written over it.
    assert!(progress.join("inside").is_dir());
    assert_eq!(course.kept_files(), ["progress.json", "progress.json.lock"]);
}

#[test]
fn a_progress_file_that_cannot_be_saved_is_a_warning_and_every_verb_still_works() {
    let course = Scratch::new("unwritable", 1, 2, true);
    // Its folder would be inside a file: it cannot be made, whoever runs the test.
    std::fs::write(course.root.join("a-file"), "not a folder").unwrap();
    let progress = course.root.join("a-file/progress.json");
    let warning = format!(
        "warning: cannot save your progress to {} (creating {}: File exists (os error 17)), so this \
         is not recorded. Make that folder writable, or point WORKBOOK_PROGRESS at a file you can write.\n",
        progress.display(),
        course.root.join("a-file").display()
    );

    let (code, stdout, stderr) = course.run_with(&progress, &["hint", "ex01"]);
    assert_eq!((code, stderr.as_str()), (0, warning.as_str()), "{stdout}");
    assert!(stdout.contains("Hint 1/2: Hint number 1."), "{stdout}");

    let (code, stdout, stderr) = course.run_with(&progress, &["check", "ex01"]);
    assert_eq!((code, stderr.as_str()), (0, warning.as_str()), "{stdout}");
    assert!(stdout.contains("✓ ex01 passed"), "{stdout}");

    let (code, stdout, stderr) = course.run_with(&progress, &["grade", "--format", "json"]);
    assert_eq!((code, stderr.as_str()), (0, warning.as_str()), "{stdout}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["exercises"][0]["passed"], true);

    assert_eq!(
        std::fs::read_to_string(course.root.join("a-file")).unwrap(),
        "not a folder"
    );
}

#[test]
fn grade_keeps_the_hints_recorded_while_it_runs() {
    let course = Scratch::new("grade-merge", 2, 3, true);
    // The first exercise takes a while to run: the hints are asked for meanwhile.
    write_main(&course.root.join("exercises/ex01-e1"), 1500);
    let mut grade = course
        .command(&["grade"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = std::io::BufReader::new(grade.stdout.take().unwrap());
    let mut head = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut head).unwrap();
    assert!(head.starts_with("Grading 2 exercises of Scratch"), "{head}");
    for _ in 0..2 {
        let (code, out, err) = course.run(&["hint", "ex02"]);
        assert_eq!((code, err.as_str()), (0, ""), "{out}");
    }
    let out = grade.wait_with_output().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{rest}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let saved = course.saved();
    assert_eq!(
        saved["exercises"],
        serde_json::json!({
            "e1": {"status": "solved", "hints_seen": 0},
            "e2": {"status": "solved", "hints_seen": 2},
        }),
        "{saved:#}"
    );
}
