//! The authors' tools: `dev check` finds what is missing or extra between the manifest,
//! the crates, the expected outputs and the book; `dev bless` rewrites expected outputs
//! only when the solution's output changed.

mod common;

use runner::course::Course;

#[test]
fn the_real_course_has_nothing_missing_or_extra() {
    let problems = runner::dev::layout_problems(&common::course()).unwrap();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn layout_problems_name_what_is_missing_and_what_is_extra() {
    let dir = std::env::temp_dir().join(format!("workbook-dev-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("exercises/ex99-stray")).unwrap();
    std::fs::create_dir_all(dir.join("tests/snapshots")).unwrap();
    std::fs::write(dir.join("tests/snapshots/gone@np2.snap"), "").unwrap();
    std::fs::copy(common::workspace().join("info.toml"), dir.join("info.toml")).unwrap();
    let course = Course::load(&dir).unwrap();
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
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn bless_leaves_matching_expected_outputs_untouched() {
    let fixtures = common::fixtures();
    let path = fixtures.root().join("snapshots/wrong-line@np4.snap");
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    let (code, text) = common::run_runner(fixtures.root(), &["dev", "bless", "wrong-line"]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("= snapshots/wrong-line@np4.snap unchanged"),
        "{text}"
    );
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), before);
}
