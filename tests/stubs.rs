//! Every exercise as shipped (the stub a learner starts from) compiles and fails its
//! check at the default rank count, with every rank reported as failing.

mod common;

#[test]
fn every_stub_compiles_and_fails_on_every_rank() {
    let course = common::course();
    for ex in course.exercises() {
        let (code, report) = common::run_runner(course.root(), &["check", &ex.id]);
        assert_eq!(code, 1, "the stub of {} should fail its check:\n{report}", ex.id);
        // A single-process program's one line says "the program" instead of a rank.
        let failing = if ex.mpi {
            "  ✗ rank "
        } else {
            "  ✗ the program "
        };
        let ranks: Vec<&str> = report.lines().filter(|l| l.starts_with(failing)).collect();
        assert_eq!(ranks.len(), ex.default_ranks(), "{report}");
        let todo = format!("panicked at exercises/{}/src/main.rs:", ex.dir_name());
        assert!(
            ranks
                .iter()
                .any(|l| l.contains(&todo) && l.contains("not yet implemented")),
            "no rank of {} reports its todo!():\n{report}",
            ex.id
        );
        assert!(report.contains(&format!("✗ {} failed:", ex.id)), "{report}");
    }
}
