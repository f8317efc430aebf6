//! The book machinery: the `workbook` preprocessor on a small synthetic course, the
//! external-preprocessor protocol that an installed mdBook speaks, and the real book,
//! which must build and give every exercise of info.toml its page.

mod common;

use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use mdbook_preprocessor::config::Config;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use runner::book::Workbook;
use runner::course::Course;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const MANIFEST: &str = r#"
format = 1
title = "Test course"
expected = "tests/snapshots"

[[chapter]]
slug = "mpi-p2p"
title = "MPI: point-to-point communication"

[[exercise]]
id = "ex02"
slug = "send-recv"
title = "Send and Recv an array"
chapter = "mpi-p2p"
ranks = [2, 3]
timeout = 30
seed = "test"
hints = ["Rank 0 calls `send`.", "The others call `receive_into`."]
"#;

const SOLUTION: &str = "fn main() {\n    println!(\"solved\");\n}\n";

/// A throw-away course: the manifest above, a solution, and the expected output at 2
/// ranks only (the one at 3 ranks is "not generated yet"). Removed when dropped.
struct TempCourse(common::TempDir);

impl TempCourse {
    fn new(name: &str) -> TempCourse {
        TempCourse::with_manifest(name, MANIFEST)
    }

    fn with_manifest(name: &str, manifest: &str) -> TempCourse {
        let temp = common::TempDir::new(&format!("book-{name}"));
        let dir = temp.path();
        let solution = dir.join("solutions/ex02-send-recv/src");
        std::fs::create_dir_all(&solution).unwrap();
        std::fs::create_dir_all(dir.join("book/src")).unwrap();
        std::fs::write(dir.join("info.toml"), manifest).unwrap();
        std::fs::write(solution.join("main.rs"), SOLUTION).unwrap();
        let course = Course::load(dir).unwrap();
        let ex = course.resolve("send-recv").unwrap();
        let ranks = [
            "Process 0 sent data: [0. 1. 2. 3.]\n".to_string(),
            "Process 1 received data: [0. 1. 2. 3.]\n".to_string(),
        ];
        runner::expected::write(&course.expected_path(ex, 2), "output", &ranks, 2).unwrap();
        TempCourse(temp)
    }

    fn root(&self) -> &Path {
        self.0.path()
    }

    /// The context mdBook gives a preprocessor, and a book of one chapter.
    fn input(&self, content: &str) -> (PreprocessorContext, Book) {
        let ctx = PreprocessorContext::new(self.root().join("book"), Config::default(), "html".into());
        let chapter = Chapter::new("Send and Recv", content.into(), "mpi-p2p/send-recv.md", vec![]);
        (ctx, Book::new_with_items(vec![BookItem::Chapter(chapter)]))
    }

    /// Runs the preprocessor in-process on one chapter and returns its new content.
    fn expand(&self, content: &str) -> anyhow::Result<String> {
        let (ctx, book) = self.input(content);
        let book = Workbook::new(Course::load(self.root())?).run(&ctx, book)?;
        Ok(only_chapter(&book))
    }
}

/// The one page of the test book, after the preprocessor; it adds the solutions pages.
fn only_chapter(book: &Book) -> String {
    let chapters: Vec<&Chapter> = book.chapters().collect();
    assert_eq!(chapters.len(), 2, "the page and one solutions page");
    chapters[0].content.clone()
}

/// The generated solutions page of the test book's chapter.
fn solutions_page(book: &Book) -> (String, String) {
    let page = book.chapters().nth(1).expect("a solutions page");
    let path = page
        .path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    (path, page.content.clone())
}

const PAGE: &str = "# Send and Recv\n\nProse before.\n\n{{#exercise send-recv}}\n\n\
                    Write it as:\n\n```md\n{{#exercise nowhere}}\n```\n\nProse after.\n";

/// Everything the directive stands for, and nothing else of the page changed.
fn assert_expanded(page: &str) {
    let (before, rest) = page.split_once("Prose before.\n\n").expect(page);
    assert_eq!(before, "# Send and Recv\n\n");
    assert!(
        rest.ends_with("\n\nWrite it as:\n\n```md\n{{#exercise nowhere}}\n```\n\nProse after.\n"),
        "{page}"
    );
    for part in [
        "> **ex02: Send and Recv an array**\n",
        "> - Edit `exercises/ex02-send-recv/src/main.rs`.\n",
        "> - Check it with `cargo run -p runner -- check ex02`.\n",
        "> - It is checked at 2 ranks (default) and 3. Add `--np N` to check at one of these \
         counts only, for example `cargo run -p runner -- check ex02 --np 3`.\n",
        "## Expected output\n\nAt 2 ranks (the default), each rank must print exactly the lines below.",
        "the order in which their lines reach your terminal is not defined; the runner checks \
         only each one's own output, line by line, in order.\n",
        "**Predict, then check.** Before you run it, write down what each rank prints; then open \
         its block and compare.\n\n\
         <details>\n<summary>Rank 0 prints…</summary>\n\n```text\nProcess 0 sent data: [0. 1. 2. 3.]\n```\n\n</details>\n\n\
         <details>\n<summary>Rank 1 prints…</summary>\n\n```text\nProcess 1 received data: [0. 1. 2. 3.]\n```\n\n</details>\n\n",
        "<details>\n<summary>Expected output at 3 ranks</summary>\n\n\
         Expected output not generated yet: run `cargo run -p runner -- dev bless ex02`.\n\n</details>\n",
        "## Hints and solution\n\nStuck? `cargo run -p runner -- hint ex02` shows one hint at a \
         time. All of them, and the solution, are on [this chapter's solutions \
         page](../solutions/mpi-p2p.md#ex02)",
    ] {
        assert!(page.contains(part), "missing {part:?} in:\n{page}");
    }
    assert!(!page.contains("Rank 2"), "{page}");
    // Neither a hint nor the solution is on the page itself.
    assert!(
        !page.contains("receive_into") && !page.contains("solved"),
        "{page}"
    );
}

/// Hints and solutions have a page of their own per chapter, after the rest of the
/// book, which book.toml keeps out of the search index.
#[test]
fn hints_and_solution_are_on_the_chapters_solutions_page() {
    let course = TempCourse::new("solutions");
    let (ctx, book) = course.input(PAGE);
    let book = Workbook::new(Course::load(course.root()).unwrap())
        .run(&ctx, book)
        .unwrap();
    let (path, page) = solutions_page(&book);
    assert_eq!(path, "solutions/mpi-p2p.md");
    for part in [
        "# Hints and solutions: MPI: point-to-point communication\n",
        "<a id=\"ex02\"></a>\n\n## ex02: Send and Recv an array\n\n[Back to the exercise](../mpi-p2p/send-recv.md)\n\n",
        "<details>\n<summary>Hint 1</summary>\n\nRank 0 calls `send`.\n\n</details>\n\n\
         <details>\n<summary>Hint 2</summary>\n\nThe others call `receive_into`.\n\n</details>\n",
        "<details>\n<summary>Solution</summary>\n\n```rust,ignore\nfn main() {\n    \
         println!(\"solved\");\n}\n```\n\n</details>\n",
    ] {
        assert!(page.contains(part), "missing {part:?} in:\n{page}");
    }
}

#[test]
fn exercise_directive_expands_from_manifest_snapshots_and_solution() {
    let course = TempCourse::new("expand");
    assert_expanded(&course.expand(PAGE).unwrap());
}

/// An exercise whose lines come in no defined order says so where its output is shown.
#[test]
fn an_unordered_exercise_says_its_lines_are_compared_in_any_order() {
    let manifest = MANIFEST.replace("hints = [", "unordered = true\nhints = [");
    let page = TempCourse::with_manifest("unordered", &manifest)
        .expand(PAGE)
        .unwrap();
    assert!(
        page.contains(
            "only each one's own output, in any order: threads or processes print them, so \
             their order is not defined (they are shown sorted).\n"
        ),
        "{page}"
    );
}

#[test]
fn unknown_slug_is_an_error_naming_the_page_and_the_slug() {
    let course = TempCourse::new("unknown");
    let err = course.expand("# Page\n{{#exercise send-recieve}}\n").unwrap_err();
    let msg = format!("{err:#}");
    assert!(
        msg.contains("book/src/mpi-p2p/send-recv.md:2: `{{#exercise send-recieve}}`: names no exercise"),
        "{msg}"
    );
    assert!(msg.contains("no slug `send-recieve`"), "{msg}");
    assert!(msg.contains("The slugs are: send-recv."), "{msg}");
}

/// The protocol an installed mdBook speaks with `command = "… book preprocess"`:
/// `supports <renderer>` answers by exit code, and the book goes through as JSON.
#[test]
fn preprocess_command_speaks_the_mdbook_protocol() {
    let course = TempCourse::new("protocol");
    let book_root = course.root().join("book");
    let runner = |args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_runner"));
        cmd.args(["book", "preprocess"])
            .args(args)
            .current_dir(&book_root);
        cmd
    };
    assert!(runner(&["supports", "html"]).status().unwrap().success());
    assert!(!runner(&["supports", "epub"]).status().unwrap().success());

    let mut child = runner(&[])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = serde_json::to_vec(&course.input(PAGE)).unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let book: Book = serde_json::from_slice(&out.stdout).expect("stdout holds only the book");
    assert_expanded(&only_chapter(&book));
}

/// `runner book build` as a learner runs it, but writing the HTML into a temporary
/// folder instead of the checkout's `book/book`: mdBook reads its settings from
/// `MDBOOK_*` variables too, so the runner needs no option for it. A page missing from
/// `book/src` is an error here rather than an empty page that mdBook creates in the
/// checkout (`create-missing`).
#[test]
fn book_build_writes_the_html_book() {
    let built = common::TempDir::new("book-build");
    let out = Command::new(env!("CARGO_BIN_EXE_runner"))
        .args(["book", "build"])
        .current_dir(common::workspace())
        .env("MDBOOK_BUILD__BUILD_DIR", built.path())
        .env("MDBOOK_BUILD__CREATE_MISSING", "false")
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(
        out.status.success(),
        "`runner book build` failed:\n{stdout}{stderr}"
    );
    let index = built.path().join("index.html");
    assert_eq!(stdout, format!("The book is at {}\n", index.display()));
    assert!(index.is_file());
    assert_eq!(broken_links(built.path()), Vec::<String>::new());
    // Search finds the course's words but never its solutions pages.
    let search = search_index(built.path());
    assert!(search.contains("Scatterv"), "the search index lacks the course");
    assert!(
        !search.contains("Hints and solutions"),
        "solutions are searchable"
    );
}

/// The text of the built book's search index (`searchindex-<hash>.js`).
fn search_index(built: &std::path::Path) -> String {
    let file = std::fs::read_dir(built)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with("searchindex") && name.ends_with(".js")
        })
        .expect("the book has a search index");
    std::fs::read_to_string(file).unwrap()
}

/// Every relative link and image of the built pages that points to no file (a page
/// linking to `README.md` instead of `index.md`, say, which mdBook renames).
fn broken_links(built: &std::path::Path) -> Vec<String> {
    let reference = regex::Regex::new(r##"(?:href|src)="([^"#?]+)[^"]*""##).unwrap();
    let mut broken = Vec::new();
    let mut pending = vec![built.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            // print.html repeats every page's links relative to the book's root.
            if path.extension().is_none_or(|e| e != "html") || path.ends_with("print.html") {
                continue;
            }
            let html = std::fs::read_to_string(&path).unwrap();
            for link in reference.captures_iter(&html) {
                let target = &link[1];
                // Absolute paths and other schemes (https:, mailto:) are not the book's.
                if target.starts_with('/') || target.contains(':') {
                    continue;
                }
                if !path.parent().unwrap().join(target).exists() {
                    let page = path.strip_prefix(built).unwrap().display();
                    broken.push(format!("{page} -> {target}"));
                }
            }
        }
    }
    broken.sort();
    broken
}

/// A link that names an exercise by id (`[ex63](../mpi-nonblocking/ghost-exchange.md)`)
/// names the id the exercise has now: ids change when a chapter is inserted, slugs
/// never do, so a renumbering that missed a page shows here.
#[test]
fn links_to_exercises_name_their_current_ids() {
    let course = common::course();
    let link =
        regex::Regex::new(r"\[[^\[\]\n]*?\b(ex\d{2,3})\b[^\[\]\n]*\]\([^)#\s]*?([a-z0-9-]+)\.md").unwrap();
    let mut stale = Vec::new();
    let mut pending = vec![common::workspace().join("book/src")];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).unwrap();
                for found in link.captures_iter(&text) {
                    let Some(ex) = course.exercises().iter().find(|e| e.slug == found[2]) else {
                        continue;
                    };
                    if ex.id != found[1] {
                        stale.push(format!("{}: {} is now {}", path.display(), &found[0], ex.id));
                    }
                }
            }
        }
    }
    assert_eq!(stale, Vec::<String>::new());
}

#[test]
fn every_exercise_has_a_page_in_the_summary_with_its_directive() {
    let course = Course::discover(&common::workspace()).unwrap();
    let src = course.root().join("book/src");
    let summary = std::fs::read_to_string(src.join("SUMMARY.md")).unwrap();
    let config = Config::from_disk(course.root().join("book/book.toml")).unwrap();
    assert_eq!(config.book.title.as_deref(), Some(course.title()));
    for ex in course.exercises() {
        let page = course.book_page(ex);
        let link = page
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        assert!(
            summary.contains(&format!("]({link})")),
            "book/src/SUMMARY.md does not list {link} ({})",
            ex.id
        );
        let text =
            std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{} ({}): {e}", page.display(), ex.id));
        let directive = format!("{{{{#exercise {}}}}}", ex.slug);
        assert!(
            text.lines().any(|line| line.trim() == directive),
            "{} has no `{directive}` line",
            page.display()
        );
    }
}
