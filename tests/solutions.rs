//! The expected outputs: every solution, of the course and of the runner's fixtures, at
//! every declared rank count, runs cleanly and prints what its insta snapshot holds.
//! These snapshots are the expected outputs the runner grades against; they are made
//! here, from the solutions only (`INSTA_UPDATE=always`, or `cargo insta review`).

mod common;

use runner::check;
use runner::course::Course;
use runner::expected;

fn snapshot_every_solution(course: &Course) {
    let settings = common::settings();
    let mut failures = Vec::new();
    for ex in course.exercises() {
        for &np in &ex.ranks {
            let outputs = check::solution_outputs(course, ex, np, &settings).unwrap();
            let output = expected::render(&outputs, np);
            let mut insta_settings = insta::Settings::clone_current();
            insta_settings.set_snapshot_path(course.expected_dir());
            insta_settings.set_prepend_module_to_snapshot(false);
            insta_settings.set_snapshot_suffix(format!("np{np}"));
            let name = ex.slug.clone();
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                insta_settings.bind(|| insta::assert_snapshot!(name, output));
            }));
            if outcome.is_err() {
                failures.push(format!("{} at {np} ranks", ex.id));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "outputs differ from their snapshots: {}",
        failures.join(", ")
    );
}

#[test]
fn course_solutions_match_their_snapshots() {
    snapshot_every_solution(&common::course());
}

#[test]
fn fixture_solutions_match_their_snapshots() {
    snapshot_every_solution(&common::fixtures());
}
