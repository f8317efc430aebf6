//! The authors' tools: `dev check` finds what is missing or extra between the manifest,
//! the crates, the expected outputs and the book; `dev bless` rewrites expected outputs
//! only when the solution's output changed.

mod common;

use runner::course::Course;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

#[test]
fn the_real_course_has_nothing_missing_or_extra() {
    let problems = runner::dev::layout_problems(&common::course()).unwrap();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn layout_problems_name_what_is_missing_and_what_is_extra() {
    let temp = common::TempDir::new("dev-layout");
    let dir = temp.path();
    std::fs::create_dir_all(dir.join("exercises/ex99-stray")).unwrap();
    std::fs::create_dir_all(dir.join("tests/snapshots")).unwrap();
    std::fs::write(dir.join("tests/snapshots/gone@np2.snap"), "").unwrap();
    std::fs::copy(common::workspace().join("info.toml"), dir.join("info.toml")).unwrap();
    let course = Course::load(dir).unwrap();
    let problems = runner::dev::layout_problems(&course).unwrap();
    let id = |slug: &str| course.resolve(slug).unwrap().id.clone();
    for want in [
        format!("exercises/{}-hello: the crate is missing", id("hello")),
        format!(
            "solutions/{}-scatterv-reduce: the crate is missing",
            id("scatterv-reduce")
        ),
        format!(
            "tests/snapshots/send-recv@np2.snap is missing: `cargo run -p runner -- dev bless {}`",
            id("send-recv")
        ),
        format!(
            "book/src/mpi-p2p/send-recv.md (the book page of {}) is missing",
            id("send-recv")
        ),
        "book/src/SUMMARY.md does not list book/src/mpi-collectives/bcast.md".to_string(),
        "exercises/ex99-stray is not in info.toml".to_string(),
        "tests/snapshots/gone@np2.snap belongs to no exercise and rank count of info.toml: delete it"
            .to_string(),
    ] {
        assert!(problems.contains(&want), "missing {want:?} in {problems:#?}");
    }
    // Per exercise: 2 crates, a snapshot per rank count, its page and its SUMMARY
    // line are missing; plus the 2 extras.
    let missing: usize = course.exercises().iter().map(|ex| 4 + ex.ranks.len()).sum();
    assert_eq!(problems.len(), missing + 2, "{problems:#?}");
}

/// A course in `dir` made of the fixture course's `slugs` only: its manifest cut down
/// to them, copies of their solutions, and a Cargo workspace of its own holding those,
/// which inherits what the real workspace gives its members and builds with its
/// Cargo.lock. Blessing it writes nothing in the checkout but cargo's build output.
fn copy_of_fixtures(dir: &Path, slugs: &[&str]) -> Course {
    let fixtures = common::fixtures();
    let mut manifest = read_toml(&fixtures.root().join("info.toml"));
    let exercises = manifest["exercise"].as_array_mut().unwrap();
    exercises.retain(|ex| slugs.contains(&ex["slug"].as_str().unwrap()));
    assert_eq!(
        exercises.len(),
        slugs.len(),
        "{slugs:?} are not all in the fixture course"
    );
    std::fs::write(dir.join("info.toml"), toml::to_string(&manifest).unwrap()).unwrap();
    let mut members = Vec::new();
    for slug in slugs {
        let ex = fixtures.resolve(slug).unwrap();
        let solution = fixtures.crate_dir(ex, runner::course::Variant::Solution);
        let relative = format!("solutions/{}", ex.dir_name());
        copy_tree(&solution, &dir.join(&relative));
        members.push(toml::Value::String(relative));
    }
    let workspace_root = common::workspace();
    let mut workspace = read_toml(&workspace_root.join("Cargo.toml"))["workspace"]
        .as_table()
        .unwrap()
        .clone();
    workspace.remove("default-members");
    workspace.remove("exclude");
    workspace.insert("members".into(), toml::Value::Array(members));
    // A dependency given by path is relative to the real workspace's root.
    for (_, dependency) in workspace["dependencies"].as_table_mut().unwrap().iter_mut() {
        if let Some(path) = dependency.get_mut("path") {
            let absolute = workspace_root.join(path.as_str().unwrap());
            *path = toml::Value::String(absolute.to_str().unwrap().into());
        }
    }
    let cargo_toml = toml::Table::from_iter([("workspace".to_string(), toml::Value::Table(workspace))]);
    std::fs::write(dir.join("Cargo.toml"), toml::to_string(&cargo_toml).unwrap()).unwrap();
    std::fs::copy(workspace_root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    Course::load(dir).unwrap()
}

fn read_toml(path: &Path) -> toml::Table {
    std::fs::read_to_string(path).unwrap().parse().unwrap()
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Where cargo builds for these tests. The copy builds there too, so that MPI's crates,
/// already built, are not compiled again: only its two small crates are.
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// `dev bless --all` on a copy of two fixture exercises whose expected outputs are as
/// committed (wrong-line), stale (hardcoded-size at 4 ranks) and missing (at 2 ranks):
/// it says which is unchanged, updated (with the diff) and written, leaves the first
/// alone, and afterwards all three equal the committed files, which it never touches.
#[test]
fn bless_writes_what_changed_and_leaves_the_rest_untouched() {
    let temp = common::TempDir::new("dev-bless");
    let course = copy_of_fixtures(temp.path(), &["wrong-line", "hardcoded-size"]);
    let committed = |name: &str| {
        let path = common::fixtures().root().join("snapshots").join(name);
        std::fs::read_to_string(path).unwrap()
    };
    let snapshots = course.expected_dir();
    std::fs::create_dir_all(&snapshots).unwrap();
    let as_committed = snapshots.join("wrong-line@np4.snap");
    std::fs::write(&as_committed, committed("wrong-line@np4.snap")).unwrap();
    let stale = committed("hardcoded-size@np4.snap").replace("rank 3 of 4\n", "rank 3 of 3\n");
    std::fs::write(snapshots.join("hardcoded-size@np4.snap"), stale).unwrap();
    let modified = |path: &Path| -> SystemTime { std::fs::metadata(path).unwrap().modified().unwrap() };
    let before = modified(&as_committed);

    let out = common::runner(course.root(), &["dev", "bless", "--all"])
        .env("CARGO_TARGET_DIR", target_dir())
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert_eq!(
        stdout,
        "  = snapshots/wrong-line@np4.snap unchanged\n\
         \x20 ~ snapshots/hardcoded-size@np4.snap updated:\n\
         \x20       … 4 matching lines …\n\
         \x20       [rank 2]\n\
         \x20       rank 2 of 4\n\
         \x20       [rank 3]\n\
         \x20     - rank 3 of 3\n\
         \x20     + rank 3 of 4\n\
         \x20 + snapshots/hardcoded-size@np2.snap written\n\
         Review the changes with `git diff snapshots`.\n"
    );
    assert_eq!(stderr, "");
    assert_eq!(modified(&as_committed), before);
    for name in [
        "wrong-line@np4.snap",
        "hardcoded-size@np4.snap",
        "hardcoded-size@np2.snap",
    ] {
        let blessed = std::fs::read_to_string(snapshots.join(name)).unwrap();
        assert_eq!(blessed, committed(name), "{name}");
    }
}

/// `dev new` on a course of two chapters: the new exercise ends the first, the second
/// chapter's exercise moves up one id everywhere (folder, manifest, members, book), the
/// report says so; the new solution blesses and passes, its stub fails, and `dev check`
/// lists the placeholder texts left to write.
#[test]
fn dev_new_adds_an_exercise_that_bless_and_check_accept() {
    let temp = common::TempDir::new("dev-new");
    let dir = temp.path();
    copy_of_fixtures(dir, &["wrong-line", "exit-code"]);
    two_chapters(dir);
    let dev_new = [
        "dev",
        "new",
        "greet",
        "--chapter",
        "faults",
        "--title",
        "Say \"hello\"",
    ];
    let out = common::runner(dir, &dev_new).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with(
            "✓ added ex02\n  ~ ex02 moved up to ex03: their folders, info.toml, Cargo.toml and \
             the book's links (slugs, and so progress, are unchanged)\n  + exercises/ex02-greet/\n  + \
             solutions/ex02-greet/\n  + info.toml: [[exercise]] ex02\n  + book/src/faults/greet.md\n\
             Next:\n"
        ),
        "{stdout}"
    );
    let course = Course::load(dir).unwrap();
    let order: Vec<String> = course.exercises().iter().map(|e| e.dir_name()).collect();
    assert_eq!(order, ["ex01-wrong-line", "ex02-greet", "ex03-exit-code"]);
    assert_eq!(course.resolve("greet").unwrap().title, "Say \"hello\"");
    assert!(dir.join("solutions/ex03-exit-code/src/main.rs").is_file());
    let read = |path: &str| std::fs::read_to_string(dir.join(path)).unwrap();
    assert!(read("Cargo.toml").contains(
        "    \"solutions/ex01-wrong-line\",\n    \"solutions/ex02-greet\",\n    \"solutions/ex03-exit-code\",\n"
    ));
    assert_eq!(
        read("book/src/SUMMARY.md"),
        "# Summary\n\n- [Faults](faults/index.md)\n  - [ex01: One](faults/wrong-line.md)\n  - [ex02: Say \
         \"hello\"](faults/greet.md)\n- [More](more/index.md)\n  - [ex03: Two](more/exit-code.md)\n"
    );
    assert_eq!(
        read("book/src/faults/index.md"),
        "Next comes [ex03](../more/exit-code.md).\n"
    );

    let run = |args: &[&str]| {
        let out = common::runner(dir, args)
            .env("CARGO_TARGET_DIR", target_dir())
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    assert_eq!(run(&["dev", "bless", "ex02"]).0, Some(0));
    assert_eq!(
        read("snapshots/greet@np4.snap").lines().last(),
        Some("Hello from rank 3 of 4")
    );
    assert_eq!(run(&["check", "--solution", "greet"]).0, Some(0));
    let (code, stub) = run(&["check", "greet"]);
    assert_eq!(code, Some(1), "{stub}");
    assert!(stub.contains("say hello from rank 0 of 4"), "{stub}");
    let problems = runner::dev::layout_problems(&Course::load(dir).unwrap()).unwrap();
    assert!(
        problems.contains(
            &"ex02 still has `dev new:` text to write: its entry in info.toml, book/src/faults/greet.md, \
              solutions/ex02-greet/src/main.rs, exercises/ex02-greet/src/main.rs"
                .to_string()
        ),
        "{problems:#?}"
    );
}

/// `dev new` refuses a bad slug, a slug in use and an unknown chapter before it
/// changes anything.
#[test]
fn dev_new_refuses_bad_requests_and_changes_nothing() {
    let temp = common::TempDir::new("dev-new-refused");
    let dir = temp.path();
    copy_of_fixtures(dir, &["wrong-line", "exit-code"]);
    two_chapters(dir);
    let manifest = std::fs::read_to_string(dir.join("info.toml")).unwrap();
    for (args, says) in [
        (
            vec!["Greet", "--chapter", "faults"],
            "error: `Greet` is not a slug: use lowercase words and digits joined by hyphens, e.g. `ghost-rows`\n",
        ),
        (
            vec!["exit-code", "--chapter", "faults"],
            "error: ex02 is already called `exit-code`: choose another slug\n",
        ),
        (
            vec!["greet", "--chapter", "fault"],
            "error: there is no chapter `fault` in info.toml; the chapters are: faults, more\n",
        ),
    ] {
        let mut all = vec!["dev", "new"];
        all.extend(args);
        all.extend(["--title", "T"]);
        let out = common::runner(dir, &all).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{all:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), says);
    }
    assert_eq!(std::fs::read_to_string(dir.join("info.toml")).unwrap(), manifest);
    assert!(!dir.join("solutions/ex02-greet").exists());
}

/// Turns the copy into a course of two chapters with a book: `faults` holds ex01,
/// `more` holds ex02; the members are listed one per line, as the real workspace does.
fn two_chapters(dir: &Path) {
    let mut manifest = read_toml(&dir.join("info.toml"));
    let chapters = manifest["chapter"].as_array_mut().unwrap();
    chapters.push(toml::Value::Table(toml::toml! { slug = "more" title = "More" }));
    manifest["exercise"].as_array_mut().unwrap()[1]["chapter"] = "more".into();
    std::fs::write(dir.join("info.toml"), toml::to_string(&manifest).unwrap()).unwrap();
    let cargo = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    let one_per_line = cargo.replace(
        "members = [\"solutions/ex01-wrong-line\", \"solutions/ex02-exit-code\"]",
        "members = [\n    \"solutions/ex01-wrong-line\",\n    \"solutions/ex02-exit-code\",\n]",
    );
    assert_ne!(cargo, one_per_line, "{cargo}");
    std::fs::write(dir.join("Cargo.toml"), one_per_line).unwrap();
    let book = dir.join("book/src");
    std::fs::create_dir_all(book.join("faults")).unwrap();
    std::fs::write(
        book.join("SUMMARY.md"),
        "# Summary\n\n- [Faults](faults/index.md)\n  - [ex01: One](faults/wrong-line.md)\n- \
         [More](more/index.md)\n  - [ex02: Two](more/exit-code.md)\n",
    )
    .unwrap();
    std::fs::write(
        book.join("faults/index.md"),
        "Next comes [ex02](../more/exit-code.md).\n",
    )
    .unwrap();
}
