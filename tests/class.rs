//! `runner class`: a class's grade files merged into one table, as text, CSV and an
//! HTML page; a file that is no grade report is named, and the others still merged.

mod common;

use std::path::Path;
use std::process::Command;

/// A grade report as `grade --format json` writes it, for exercises a, b, c of which
/// the attendee passed those in `passed`.
fn report(passed: &[&str]) -> String {
    let exercises: Vec<serde_json::Value> = [
        ("ex01", "a", "Arrays"),
        ("ex02", "b", "Sends"),
        ("ex03", "c", "Sums"),
    ]
    .iter()
    .map(|(id, slug, title)| {
        serde_json::json!({
            "id": id, "slug": slug, "title": title, "chapter": "x", "points": 1,
            "earned": u32::from(passed.contains(slug)), "passed": passed.contains(slug), "runs": []
        })
    })
    .collect();
    serde_json::json!({ "course": "Test course", "earned": 0, "points": 3, "passed": 0, "exercises": exercises })
        .to_string()
}

/// Writes alice (all three), bob (a), carol (a and b) into `dir`.
fn class_files(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for (name, passed) in [
        ("carol", &["a", "b"][..]),
        ("alice", &["a", "b", "c"]),
        ("bob", &["a"]),
    ] {
        let path = dir.join(format!("{name}.json"));
        std::fs::write(&path, report(passed)).unwrap();
        files.push(path.display().to_string());
    }
    files
}

fn class(args: &[String]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_runner"))
        .arg("class")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const TABLE: &str = "Test course: 3 attendees\n\n\
                     ex01  a  ██████████   3/3\n\
                     ex02  b  ███████░░░   2/3\n\
                     ex03  c  ████░░░░░░   1/3  not yet: bob, carol\n\n\
                     alice  3/3 solved\n\
                     bob    1/3 solved\n\
                     carol  2/3 solved\n";

#[test]
fn merges_the_grades_into_a_table_a_csv_and_a_page() {
    let dir = common::TempDir::new("class");
    let (csv, html) = (dir.path().join("class.csv"), dir.path().join("class.html"));
    let mut args = class_files(dir.path());
    args.extend([
        "--csv".into(),
        csv.display().to_string(),
        "--html".into(),
        html.display().to_string(),
    ]);
    let (code, stdout, stderr) = class(&args);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, TABLE, ""));
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap(),
        "attendee,a,b,c,solved\nalice,1,1,1,3\nbob,1,0,0,1\ncarol,1,1,0,2\n"
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert_eq!(page.matches("<rect class=\"pass\"").count(), 3, "{page}");
    assert!(page.contains("<title>ex03: 1/3</title>"), "{page}");
    assert!(
        page.contains("<tr><td>ex03</td><td>Sums</td><td>1/3</td><td>bob, carol</td></tr>"),
        "{page}"
    );
    assert!(!page.contains("<script"), "{page}");
}

#[test]
fn a_file_that_is_no_grade_report_is_named_and_the_rest_merged() {
    let dir = common::TempDir::new("class-bad");
    let mut args = class_files(dir.path());
    let bad = dir.path().join("dave.json");
    std::fs::write(&bad, "{ not json").unwrap();
    args.push(bad.display().to_string());
    let (code, stdout, stderr) = class(&args);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stdout, TABLE);
    assert!(
        stderr.starts_with(&format!(
            "error: {}: is not a grade report; make one with `cargo run -p runner -- grade --format json > NAME.json`",
            bad.display()
        )),
        "{stderr}"
    );
}

#[test]
fn an_unwritable_output_is_an_error_that_leaves_nothing_behind() {
    let dir = common::TempDir::new("class-unwritable");
    let mut args = class_files(dir.path());
    let csv = dir.path().join("missing-folder/class.csv");
    args.extend(["--csv".into(), csv.display().to_string()]);
    let (code, _, stderr) = class(&args);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "cannot write {}: is its folder there and writable?",
            csv.display()
        )),
        "{stderr}"
    );
    assert!(!dir.path().join("missing-folder").exists());
}
