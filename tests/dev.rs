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
