//! Working through a course: `reset`, `grade` and `watch`, on a small scratch course
//! made for each test in a temporary git repository (so that the learner's files can be
//! edited freely). Its exercises are single processes, without MPI, so these tests
//! exercise the runner's workflow, not the launcher.

mod common;

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
        common::commit_all(&scratch.root);
        scratch
    }

    fn git(&self, args: &[&str]) {
        common::git(&self.root, args);
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

/// A running `watch`, its output read line by line on a thread (a terminal's "\r\n"
/// read as "\n"), its keys typed on a pipe or on a pseudo-terminal.
struct Watching {
    child: std::process::Child,
    keys: Box<dyn Write>,
    lines: std::sync::mpsc::Receiver<String>,
    seen: String,
}

impl Watching {
    /// `watch` with its stdin and stdout on pipes, as a script would run it.
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
        let keys = Box::new(child.stdin.take().unwrap());
        Watching::reading(child, keys, stdout)
    }

    /// `watch` in the pseudo-terminal `terminal`, as a learner runs it.
    fn start_in(course: &Scratch, terminal: &Pty) -> Watching {
        let child = course
            .command(&["watch"])
            .stdin(terminal.slave())
            .stdout(terminal.slave())
            .stderr(terminal.slave())
            .spawn()
            .unwrap();
        Watching::reading(child, Box::new(terminal.master()), terminal.master())
    }

    fn reading(
        child: std::process::Child,
        keys: Box<dyn Write>,
        output: impl std::io::Read + Send + 'static,
    ) -> Watching {
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::BufRead;
            let mut output = std::io::BufReader::new(output);
            let mut line = Vec::new();
            // A terminal's reads end in an error once nothing holds its other side.
            while output.read_until(b'\n', &mut line).is_ok_and(|n| n > 0) {
                let text = String::from_utf8_lossy(&line);
                let text = text.trim_end_matches('\n').trim_end_matches('\r');
                if tx.send(text.to_string()).is_err() {
                    break;
                }
                line.clear();
            }
        });
        Watching {
            child,
            keys,
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
        self.keys.write_all(keys.as_bytes()).unwrap();
        self.keys.flush().unwrap();
    }
}

fn watch_moves_on_when_an_exercise_passes(poll: bool) {
    let course = Scratch::new(if poll { "watch-poll" } else { "watch" });
    let mut watch = Watching::start(&course, poll);
    let first = watch.wait_for("Keys:");
    assert!(first.starts_with("Checking ex01 (double)…\n"), "{first}");
    // Inside watch, a hint is one key away.
    assert!(
        first.contains("✗ ex01 failed: see above.\n  Stuck? Press h for a hint.\n\nWatching "),
        "{first}"
    );
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
    let hint = watch.wait_for("Keys:");
    assert_eq!(
        hint,
        format!(
            "\nex01 (double): double\n\nHint 1/1: Think of double.\n\n\
             Watching exercises/ex01-double/ for changes {how}.\n\
             Keys: h hint · l list · r reset · c check again · q quit\n"
        )
    );

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

    // A key other than q pressed while a check runs is dropped: this `l` lists nothing.
    course.solve(1);
    watch.wait_for("Checking ex02 (square)…");
    watch.press("l");
    let done = watch.wait_for("Keys:");
    assert!(done.contains("✓ ex02 passed"), "{done}");
    assert!(done.contains("★ Every exercise passes. Well done!"), "{done}");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        watch.child.try_wait().unwrap().is_none(),
        "watch ended after a key typed during a check"
    );
    assert!(
        !done.contains("Progress:"),
        "the l typed during a check was obeyed:\n{done}"
    );

    // The list is followed by the footer again, which it pushed off the screen.
    watch.press("l");
    let listing = watch.wait_for("Progress:");
    assert!(listing.contains("2/2 exercises solved"), "{listing}");
    assert_eq!(
        watch.wait_for("Keys:"),
        format!(
            "\nWatching exercises/ex02-square/ for changes {how}.\n\
             Keys: h hint · l list · r reset · c check again · q quit\n"
        )
    );
    watch.press("q");
    assert_eq!(
        watch.wait_for("Bye."),
        "Bye. `cargo run -p runner -- watch` picks up where you left off.\n"
    );
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
    let question = watch.wait_for("  ex02 (square): ");
    assert_eq!(
        question,
        "\nThis puts back the original stub of:\n  ex02 (square): src/main.rs\n"
    );
    watch.press("y");
    let after = watch.wait_for("Keys:");
    assert!(
        after.starts_with(
            "Your version is kept in .workbook/backups/. Reset? [y/N] y\n↺ ex02 is back to its stub"
        ),
        "{after}"
    );
    assert!(after.contains("✗ ex02 failed"), "{after}");
    let main = std::fs::read_to_string(course.exercise_dir(1).join("src/main.rs")).unwrap();
    assert!(main.contains("[0. 0. 0.]"), "{main}");
    watch.press("q");
    assert_eq!(watch.child.wait().unwrap().code(), Some(0));
}

/// A pseudo-terminal: `watch` runs on its slave side, as in a learner's terminal, and
/// the test types and reads on its master side.
struct Pty {
    master: std::fs::File,
    slave: std::fs::File,
}

impl Pty {
    fn open() -> Pty {
        use rustix::pty::{grantpt, openpt, ptsname, unlockpt, OpenptFlags};
        use std::os::unix::ffi::OsStrExt;
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
        grantpt(&master).unwrap();
        unlockpt(&master).unwrap();
        let name = ptsname(&master, Vec::new()).unwrap();
        let slave = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(std::ffi::OsStr::from_bytes(name.as_bytes()))
            .unwrap();
        Pty {
            master: master.into(),
            slave,
        }
    }

    fn slave(&self) -> Stdio {
        self.slave.try_clone().unwrap().into()
    }

    fn master(&self) -> std::fs::File {
        self.master.try_clone().unwrap()
    }

    /// Every setting of the terminal, to compare before and after `watch`.
    fn modes(&self) -> String {
        format!("{:?}", rustix::termios::tcgetattr(&self.slave).unwrap())
    }
}

impl Scratch {
    /// Makes the learner's version of exercise `index` the program of `body`.
    fn write_program(&self, index: usize, body: &str) {
        let main = format!("fn main() {{\n{body}\n}}\n");
        std::fs::write(self.exercise_dir(index).join("src/main.rs"), main).unwrap();
    }

    /// Makes the learner's version of exercise `index` hang, once it has written its
    /// process id to the file returned.
    fn hang(&self, index: usize) -> PathBuf {
        let pid_file = self.root.join("running.pid");
        self.write_program(
            index,
            &format!(
                "    std::fs::write({pid_file:?}, std::process::id().to_string()).unwrap();\n    \
                 loop {{\n        std::thread::sleep(std::time::Duration::from_secs(1));\n    }}"
            ),
        );
        pid_file
    }
}

/// The process id a hung program wrote, once it is running (at most 20 s).
fn running_pid(pid_file: &Path) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while std::time::Instant::now() < deadline {
        if let Ok(pid) = std::fs::read_to_string(pid_file) {
            if !pid.is_empty() {
                return pid;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the program never started: no {}", pid_file.display());
}

/// True once the process `pid` has ended (a zombie's environment reads empty).
fn ended(pid: &str) -> bool {
    std::fs::read(format!("/proc/{pid}/environ")).map_or(true, |env| env.is_empty())
}

/// What the status line draws: it moves to the line's start, clears it, writes, and
/// moves back to the start.
const DRAW: &str = "\x1b[1G\x1b[2K";

#[test]
fn watch_in_a_terminal_shows_how_long_the_check_has_taken() {
    let course = Scratch::new("watch-terminal");
    course.write_program(
        0,
        "    std::thread::sleep(std::time::Duration::from_millis(1500));\n    println!(\"[0. 0. 0.]\");",
    );
    let terminal = Pty::open();
    let before = terminal.modes();
    let mut watch = Watching::start_in(&course, &terminal);

    // A clean screen, then what the check is doing, redrawn in place each second: the
    // build, then the run with its time so far and its timeout, cleared where the
    // report starts.
    assert_eq!(
        watch.wait_for("Checking ex01"),
        "\x1b[2J\x1b[1;1HChecking ex01 (double)…\n"
    );
    let drawn = watch.wait_for("Checked ex01");
    let mut parts: Vec<&str> = drawn.split(DRAW).collect();
    assert_eq!(parts.remove(0), "", "{drawn:?}");
    let report = parts.pop().unwrap();
    assert!(
        report.starts_with("Checked ex01 (double) as a single process (no MPI) in 1."),
        "{drawn:?}"
    );
    let seconds = |prefix: &str, suffix: &str| -> Vec<u64> {
        parts
            .iter()
            .filter_map(|part| part.strip_prefix(prefix)?.strip_suffix(suffix)?.parse().ok())
            .collect()
    };
    let building = seconds("  building… ", " s\x1b[1G");
    let running = seconds("  running: ", " s of at most 20 s · q quits\x1b[1G");
    // The build's status is cleared when it ends, as the run's is.
    let expected: Vec<String> = (building.iter().map(|n| format!("  building… {n} s\x1b[1G")))
        .chain([String::new()])
        .chain(
            running
                .iter()
                .map(|n| format!("  running: {n} s of at most 20 s · q quits\x1b[1G")),
        )
        .collect();
    assert_eq!(parts, expected, "{drawn:?}");
    assert_eq!(building[0], 0, "{drawn:?}");
    assert_eq!(running[..2], [0, 1], "{drawn:?}");
    assert!(running.windows(2).all(|w| w[0] < w[1]), "{drawn:?}");
    let footer = watch.wait_for("Keys:");
    assert!(
        footer.ends_with(
            "✗ ex01 failed: see above.\n  Stuck? Press h for a hint.\n\n\
             Watching exercises/ex01-double/ for changes (file events).\n\
             Keys: h hint · l list · r reset · c check again · q quit\n"
        ),
        "{footer:?}"
    );

    // Ctrl-C between checks is a key in raw mode: it ends watch, with the terminal as
    // it was.
    watch.press("\x03");
    assert_eq!(
        watch.wait_for("Bye."),
        "Bye. `cargo run -p runner -- watch` picks up where you left off.\n"
    );
    assert_eq!(watch.child.wait().unwrap().code(), Some(0));
    assert_eq!(terminal.modes(), before);
}

#[test]
fn watch_in_a_terminal_keeps_a_pass_on_screen_when_moving_on() {
    let course = Scratch::new("watch-terminal-pass");
    course.solve(0);
    let terminal = Pty::open();
    let mut watch = Watching::start_in(&course, &terminal);
    // The first check starts on a clean screen; moving on to ex02 does not clear it.
    assert_eq!(
        watch.wait_for("Checking ex01"),
        "\x1b[2J\x1b[1;1HChecking ex01 (double)…\n"
    );
    let moving = watch.wait_for("Checking ex02");
    let pass = moving
        .find("✓ ex01 passed")
        .unwrap_or_else(|| panic!("{moving:?}"));
    assert_eq!(
        &moving[pass..],
        "✓ ex01 passed: it printed what was expected.\n\n→ Moving on to ex02 (square).\nChecking ex02 (square)…\n"
    );
    watch.wait_for("Keys:");
    watch.press("q");
    watch.wait_for("Bye.");
    assert_eq!(watch.child.wait().unwrap().code(), Some(0));
}

#[test]
fn q_during_a_hung_check_stops_the_run_and_quits() {
    let course = Scratch::new("watch-q");
    let pid_file = course.hang(0);
    let terminal = Pty::open();
    let before = terminal.modes();
    let mut watch = Watching::start_in(&course, &terminal);
    watch.wait_for("Checking ex01 (double)…");
    let pid = running_pid(&pid_file);
    let pressed = std::time::Instant::now();
    watch.press("q");
    let end = watch.wait_for("Bye.");
    assert!(
        end.ends_with(&format!(
            "{DRAW}  stopping the check…\x1b[1G{DRAW}✗ Stopped the check of ex01: nothing is left running.\n\
             Bye. `cargo run -p runner -- watch` picks up where you left off.\n"
        )),
        "{end:?}"
    );
    assert_eq!(watch.child.wait().unwrap().code(), Some(0));
    assert!(
        pressed.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        pressed.elapsed()
    );
    assert!(ended(&pid), "the hung program {pid} is still running");
    assert_eq!(terminal.modes(), before);
    // Quitting is not failing: nothing is recorded for the exercise.
    assert_eq!(course.progress(), "");
}

#[test]
fn ctrl_c_during_a_hung_check_stops_the_run_with_a_report() {
    let course = Scratch::new("watch-ctrl-c");
    let pid_file = course.hang(0);
    let terminal = Pty::open();
    let before = terminal.modes();
    let mut watch = Watching::start_in(&course, &terminal);
    watch.wait_for("Checking ex01 (double)…");
    let pid = running_pid(&pid_file);
    watch.press("\x03");
    let end = watch.wait_for("Bye.");
    let report = end.rsplit(DRAW).next().unwrap();
    assert!(
        report.starts_with("Checked ex01 (double) as a single process (no MPI) in "),
        "{end:?}"
    );
    assert!(
        report.ends_with(
            "\n  ✗ the program  was still running when you pressed Ctrl-C\n\
             ✗ interrupted: the run was stopped, no rank is left running.\n\
             \x20 Stuck? Press h for a hint.\n\
             Bye. `cargo run -p runner -- watch` picks up where you left off.\n"
        ),
        "{end:?}"
    );
    assert_eq!(watch.child.wait().unwrap().code(), Some(1));
    assert!(ended(&pid), "the hung program {pid} is still running");
    assert_eq!(terminal.modes(), before);
}
