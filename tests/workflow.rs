//! Working through a course: `reset`, `grade` and `watch`, on a small scratch course
//! made for each test in a temporary git repository (so that the learner's files can be
//! edited freely). Its exercises are single processes, without MPI, so these tests
//! exercise the runner's workflow, not the launcher.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A throwaway course: two exercises, `double` and `square`, whose stubs print a wrong
/// line and whose solutions print the right one.
struct Scratch {
    root: PathBuf,
}

const SOLUTIONS: [(&str, &str, &str); 2] =
    [("ex01", "double", "[0. 2. 4.]"), ("ex02", "square", "[0. 1. 4.]")];

impl Scratch {
    fn new(name: &str) -> Scratch {
        let root = std::env::temp_dir().join(format!("workbook-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("expected")).unwrap();
        let scratch = Scratch { root };
        let mut manifest = String::from(
            "format = 1\ntitle = \"Scratch\"\nexpected = \"expected\"\n\n\
             [[chapter]]\nslug = \"arrays\"\ntitle = \"Arrays\"\n",
        );
        for (id, slug, line) in SOLUTIONS {
            manifest.push_str(&format!(
                "\n[[exercise]]\nid = \"{id}\"\nslug = \"{slug}\"\ntitle = \"{slug}\"\nchapter = \"arrays\"\n\
                 mpi = false\nranks = [1]\ntimeout = 20\nseed = \"none\"\nhints = [\"Think of {slug}.\"]\n"
            ));
            scratch.write_crate("solutions", id, slug, "sol", line);
            scratch.write_crate("exercises", id, slug, "ex", "[0. 0. 0.]");
        }
        std::fs::write(scratch.root.join("info.toml"), manifest).unwrap();
        std::fs::write(
            scratch.root.join(".gitignore"),
            "target/\nCargo.lock\n.workbook/\n",
        )
        .unwrap();
        let (code, text) = scratch.runner(&["dev", "bless", "--all"]);
        assert_eq!(code, 0, "{text}");
        for args in [
            &["init", "-q"][..],
            &["add", "."],
            &["commit", "-q", "-m", "course"],
        ] {
            scratch.git(args);
        }
        scratch
    }

    fn git(&self, args: &[&str]) {
        let status = Command::new("git")
            .args(args)
            .current_dir(&self.root)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@t")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@t")
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }

    /// A learner's clone of this course: its branch tracks the published one.
    fn clone_as_learner(&self, name: &str) -> Scratch {
        let root = std::env::temp_dir().join(format!("workbook-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let status = Command::new("git")
            .args(["clone", "-q"])
            .arg(&self.root)
            .arg(&root)
            .status()
            .unwrap();
        assert!(status.success());
        Scratch { root }
    }

    /// A standalone crate (its own workspace) that prints `line`.
    fn write_crate(&self, top: &str, id: &str, slug: &str, prefix: &str, line: &str) {
        let dir = self.root.join(top).join(format!("{id}-{slug}"));
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(
            dir.join("Cargo.toml"),
            format!(
                "[package]\nname = \"{prefix}-{slug}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n\
                 # A scratch course's crate stands alone.\n[workspace]\n"
            ),
        )
        .unwrap();
        self.write_main(&dir, line);
    }

    fn write_main(&self, dir: &Path, line: &str) {
        std::fs::write(
            dir.join("src/main.rs"),
            format!("fn main() {{\n    println!(\"{line}\");\n}}\n"),
        )
        .unwrap();
    }

    fn exercise_dir(&self, index: usize) -> PathBuf {
        let (id, slug, _) = SOLUTIONS[index];
        self.root.join("exercises").join(format!("{id}-{slug}"))
    }

    /// Makes the learner's version of exercise `index` right.
    fn solve(&self, index: usize) {
        self.write_main(&self.exercise_dir(index), SOLUTIONS[index].2);
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_runner"));
        cmd.args(args)
            .arg("--quiet")
            .current_dir(&self.root)
            .env("NO_COLOR", "1")
            .env_remove("WORKBOOK_COURSE")
            .env_remove("WORKBOOK_PROGRESS")
            .env_remove("WORKBOOK_LAUNCHER");
        cmd
    }

    fn runner(&self, args: &[&str]) -> (i32, String) {
        self.runner_with_input(args, "")
    }

    fn runner_with_input(&self, args: &[&str], input: &str) -> (i32, String) {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.push_str(&String::from_utf8_lossy(&out.stderr));
        (out.status.code().unwrap_or(-1), text)
    }

    fn progress(&self) -> String {
        std::fs::read_to_string(self.root.join(".workbook/progress.json")).unwrap_or_default()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Every file under `dir`, relative to it, with its content.
fn files(dir: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                found.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn reset_asks_keeps_a_backup_and_restores_the_stub() {
    let course = Scratch::new("reset");
    let dir = course.exercise_dir(0);
    let stub = std::fs::read_to_string(dir.join("src/main.rs")).unwrap();
    course.solve(0);
    std::fs::write(dir.join("src/notes.rs"), "// my notes\n").unwrap();
    let (code, _) = course.runner(&["check", "ex01"]);
    assert_eq!(code, 0);
    assert!(course.progress().contains("\"solved\""), "{}", course.progress());

    // Saying no changes nothing.
    let (code, text) = course.runner_with_input(&["reset", "ex01"], "n\n");
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains(
            "This puts back the original stub of:\n  ex01 (double): src/main.rs and src/notes.rs\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("Your version is kept in .workbook/backups/. Reset? [y/N] "),
        "{text}"
    );
    assert!(text.ends_with("Nothing was changed.\n"), "{text}");
    assert!(dir.join("src/notes.rs").exists());

    // Saying yes restores the stub, removes the extra file, and keeps both in a backup.
    let (code, text) = course.runner_with_input(&["reset", "ex01"], "y\n");
    assert_eq!(code, 0, "{text}");
    assert_eq!(std::fs::read_to_string(dir.join("src/main.rs")).unwrap(), stub);
    assert!(!dir.join("src/notes.rs").exists());
    let backups: Vec<PathBuf> = std::fs::read_dir(course.root.join(".workbook/backups/double"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let backup_name = backups[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        text.contains(&format!(
            "↺ ex01 is back to its stub; your version is in .workbook/backups/double/{backup_name}/\n"
        )),
        "{text}"
    );
    assert_eq!(
        files(&backups[0]),
        [
            (
                "src/main.rs".to_string(),
                "fn main() {\n    println!(\"[0. 2. 4.]\");\n}\n".to_string()
            ),
            ("src/notes.rs".to_string(), "// my notes\n".to_string()),
        ]
    );
    // The stub is not the solved exercise any more.
    assert!(!course.progress().contains("\"solved\""), "{}", course.progress());

    // Nothing left to do, for one exercise or all of them.
    let (code, text) = course.runner(&["reset", "ex01"]);
    assert_eq!(
        (code, text.as_str()),
        (0, "Nothing to reset: ex01 is as the course ships it.\n")
    );
    let (code, text) = course.runner(&["reset", "--all", "--yes"]);
    assert_eq!(
        (code, text.as_str()),
        (0, "Nothing to reset: every exercise is as the course ships it.\n")
    );
}

#[test]
fn reset_all_takes_the_stubs_from_the_course_as_published_even_after_a_commit() {
    let published = Scratch::new("reset-published");
    let course = published.clone_as_learner("reset-learner");
    course.solve(0);
    course.solve(1);
    course.git(&["commit", "-q", "-a", "-m", "my work"]);
    let (code, text) = course.runner_with_input(&["reset", "--all"], "y\n");
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("  ex01 (double): src/main.rs\n  ex02 (square): src/main.rs\n"),
        "{text}"
    );
    assert!(text.contains("↺ ex01 is back to its stub"), "{text}");
    assert!(text.contains("↺ ex02 is back to its stub"), "{text}");
    for index in 0..2 {
        let main = std::fs::read_to_string(course.exercise_dir(index).join("src/main.rs")).unwrap();
        assert!(main.contains("[0. 0. 0.]"), "{main}");
    }
}

#[test]
fn reset_outside_git_says_why_it_cannot() {
    let course = Scratch::new("reset-nogit");
    std::fs::remove_dir_all(course.root.join(".git")).unwrap();
    let (code, text) = course.runner(&["reset", "ex01", "--yes"]);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("is not a git checkout, so the runner has no original stub"),
        "{text}"
    );
}

#[test]
fn grade_reports_points_per_exercise_and_rank_in_three_formats() {
    let course = Scratch::new("grade");
    course.solve(0);

    let (code, text) = course.runner(&["grade"]);
    assert_eq!(code, 1, "{text}");
    assert_eq!(
        text,
        "Grading 2 exercises of Scratch, each at every rank count it declares\n\
         \x20 ✓ ex01  double                1/1 ✓@1\n\
         \x20 ✗ ex02  square                0/1 ✗@1\n\
         \x20       at 1 rank, rank 0: output differs\n\
         Total: 1/2 points; 1 of 2 exercises pass at every rank count.\n"
    );
    // Grading records progress like a check.
    assert!(
        course
            .progress()
            .contains("\"double\": {\n      \"status\": \"solved\""),
        "{}",
        course.progress()
    );

    let out = course.command(&["grade", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["course"], "Scratch");
    assert_eq!(
        (json["earned"].as_u64(), json["points"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(json["exercises"][0]["slug"], "double");
    assert_eq!(json["exercises"][0]["passed"], true);
    assert_eq!(json["exercises"][1]["runs"][0]["np"], 1);
    assert_eq!(
        json["exercises"][1]["runs"][0]["ranks"][0],
        serde_json::json!({"rank": 0, "passed": false, "result": "output differs"})
    );
    // The document alone is on stdout; with --quiet nothing else is printed.
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");

    let out = course.command(&["grade", "--format", "junit"]).output().unwrap();
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"Scratch\" tests=\"2\" failures=\"1\""), "{xml}");
    assert!(
        xml.contains("<testcase classname=\"arrays.double\" name=\"ex01 double at 1 rank\""),
        "{xml}"
    );
    assert!(
        xml.contains("<failure message=\"rank 0: output differs\">rank 0: output differs</failure>"),
        "{xml}"
    );
    assert_eq!(xml.matches("<testcase ").count(), 2, "{xml}");

    course.solve(1);
    let (code, text) = course.runner(&["grade"]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.ends_with("Total: 2/2 points; 2 of 2 exercises pass at every rank count.\n"),
        "{text}"
    );
}

/// A running `watch`, its output read line by line on a thread.
struct Watching {
    child: std::process::Child,
    lines: std::sync::mpsc::Receiver<String>,
    seen: String,
}

impl Watching {
    fn start(course: &Scratch, poll: bool) -> Watching {
        let mut cmd = course.command(&["watch"]);
        if poll {
            cmd.env("WORKBOOK_WATCH", "poll");
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stdout).lines() {
                if tx.send(line.unwrap()).is_err() {
                    break;
                }
            }
        });
        Watching {
            child,
            lines,
            seen: String::new(),
        }
    }

    /// Waits (at most 20 s) for a line containing `text`; returns everything printed
    /// from the previous wait to that line.
    fn wait_for(&mut self, text: &str) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        let mut since = String::new();
        while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    since.push_str(&line);
                    since.push('\n');
                    if line.contains(text) {
                        self.seen.push_str(&since);
                        return since;
                    }
                }
                Err(_) => break,
            }
        }
        let _ = self.child.kill();
        panic!("watch never printed {text:?}; it printed:\n{}{since}", self.seen);
    }

    fn press(&mut self, keys: &str) {
        let stdin = self.child.stdin.as_mut().unwrap();
        stdin.write_all(keys.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }
}

fn watch_moves_on_when_an_exercise_passes(poll: bool) {
    let course = Scratch::new(if poll { "watch-poll" } else { "watch" });
    let mut watch = Watching::start(&course, poll);
    let first = watch.wait_for("Keys:");
    assert!(first.starts_with("Checking ex01 (double)…\n"), "{first}");
    assert!(first.contains("✗ ex01 failed: see above."), "{first}");
    let how = if poll {
        "(polling every 1 s, because WORKBOOK_WATCH=poll)"
    } else {
        "(file events)"
    };
    assert!(
        first.contains(&format!("Watching exercises/ex01-double/ for changes {how}.")),
        "{first}"
    );
    assert!(
        first.ends_with("Keys: h hint · l list · r reset · c check again · q quit\n"),
        "{first}"
    );

    watch.press("h");
    let hint = watch.wait_for("Hint 1/1");
    assert!(hint.contains("Hint 1/1: Think of double."), "{hint}");

    // Saving a right answer passes ex01 and moves on to ex02, checked at once.
    course.solve(0);
    let passed = watch.wait_for("Moving on to ex02");
    assert!(
        passed.contains("✓ ex01 passed: it printed what was expected."),
        "{passed}"
    );
    let second = watch.wait_for("Keys:");
    assert!(second.contains("Checking ex02 (square)…"), "{second}");
    assert!(second.contains("Watching exercises/ex02-square/"), "{second}");

    // A key pressed while a check runs is dropped: this `q` does not end watch.
    course.solve(1);
    watch.wait_for("Checking ex02 (square)…");
    watch.press("q");
    let done = watch.wait_for("Keys:");
    assert!(done.contains("✓ ex02 passed"), "{done}");
    assert!(done.contains("★ Every exercise passes. Well done!"), "{done}");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        watch.child.try_wait().unwrap().is_none(),
        "the q typed during a check was obeyed"
    );

    watch.press("l");
    let listing = watch.wait_for("Progress:");
    assert!(listing.contains("2/2 exercises solved"), "{listing}");
    watch.press("q");
    watch.wait_for("Bye.");
    assert_eq!(watch.child.wait().unwrap().code(), Some(0));
}

#[test]
fn watch_by_file_events_checks_on_save_and_moves_on() {
    watch_moves_on_when_an_exercise_passes(false);
}

#[test]
fn watch_by_polling_says_so_and_works_the_same() {
    watch_moves_on_when_an_exercise_passes(true);
}

#[test]
fn watch_resets_after_a_key_and_confirmation() {
    let course = Scratch::new("watch-reset");
    course.solve(0);
    course.solve(1);
    // Nothing is recorded yet: watch checks ex01, which passes, and moves on to ex02.
    let mut watch = Watching::start(&course, false);
    watch.wait_for("Moving on to ex02");
    watch.wait_for("Keys:");
    watch.press("r");
    let question = watch.wait_for("This puts back the original stub of:");
    assert!(question.contains("This puts back"), "{question}");
    watch.press("y");
    let after = watch.wait_for("Keys:");
    assert!(after.contains("↺ ex02 is back to its stub"), "{after}");
    assert!(after.contains("✗ ex02 failed"), "{after}");
    let main = std::fs::read_to_string(course.exercise_dir(1).join("src/main.rs")).unwrap();
    assert!(main.contains("[0. 0. 0.]"), "{main}");
    watch.press("q");
    assert_eq!(watch.child.wait().unwrap().code(), Some(0));
}
