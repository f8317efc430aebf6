//! The Rust snippets of the book page on ex44 (book/src/processes/threads-speedup.md)
//! do what the page says: each ```` ```rust,compile_fail,E0499 ```` block is refused
//! by the compiler with the error code its fence names (the data race Rust will not
//! compile), and each plain ```` ```rust ```` block compiles and runs to a successful
//! exit (the fixes). The book is built by the runner's own mdBook driver, which tests
//! no code blocks; this test does, with the `rustc` that builds the workspace.
//! Blocks marked `ignore` are skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

const PAGE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../book/src/processes/threads-speedup.md"
);

/// A fenced block of the page: its info string's words after `rust`, and its code.
struct Snippet {
    line: usize,
    tags: Vec<String>,
    code: String,
}

/// The page's ```` ```rust ```` blocks, in order.
fn snippets(page: &str) -> Vec<Snippet> {
    let mut found = Vec::new();
    let mut open: Option<Snippet> = None;
    for (k, line) in page.lines().enumerate() {
        let fence = line.trim_start().strip_prefix("```");
        match (&mut open, fence) {
            (None, Some(info)) => {
                let mut words = info.split(',').map(|w| w.trim().to_string());
                if words.next().as_deref() == Some("rust") {
                    open = Some(Snippet {
                        line: k + 1,
                        tags: words.collect(),
                        code: String::new(),
                    });
                }
            }
            (Some(_), Some(_)) => found.extend(open.take()),
            (Some(snippet), None) => {
                // mdBook and rustdoc hide lines that start with `# `; they still count.
                let code = line.strip_prefix("# ").unwrap_or(line);
                snippet.code.push_str(code);
                snippet.code.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "{PAGE}: a code block is never closed");
    found
}

fn rustc() -> PathBuf {
    std::env::var_os("RUSTC").map_or_else(|| PathBuf::from("rustc"), PathBuf::from)
}

/// Compiles `snippet` as a program in `dir`; the compiler's exit status and messages.
fn compile(snippet: &Snippet, dir: &Path) -> (bool, String, PathBuf) {
    let source = dir.join(format!("line{}.rs", snippet.line));
    let binary = dir.join(format!("line{}", snippet.line));
    std::fs::write(&source, &snippet.code).expect("writing the snippet");
    let out = Command::new(rustc())
        .args([
            "--edition",
            "2021",
            "--crate-type",
            "bin",
            "--error-format",
            "short",
            "-o",
        ])
        .arg(&binary)
        .arg(&source)
        .output()
        .expect("cannot run rustc");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        binary,
    )
}

#[test]
fn the_pages_snippets_compile_or_fail_as_it_says() {
    let page = std::fs::read_to_string(PAGE).expect("reading the book page");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("threads-speedup-snippets");
    std::fs::create_dir_all(&dir).expect("creating a folder for the snippets");
    let all = snippets(&page);
    let mut refused = 0;
    let mut ran = 0;
    for snippet in all.iter().filter(|s| !s.tags.iter().any(|t| t == "ignore")) {
        let (ok, messages, binary) = compile(snippet, &dir);
        let at = format!("the block at line {} of {PAGE}", snippet.line);
        if snippet.tags.iter().any(|t| t == "compile_fail") {
            assert!(!ok, "{at} compiled, but its fence says compile_fail");
            let codes: Vec<&String> = snippet.tags.iter().filter(|t| t.starts_with('E')).collect();
            assert!(
                !codes.is_empty(),
                "{at}: name the expected error code in the fence"
            );
            for code in codes {
                assert!(
                    messages.contains(&format!("[{code}]")),
                    "{at} failed without {code}:\n{messages}"
                );
            }
            refused += 1;
        } else {
            assert!(ok, "{at} does not compile:\n{messages}");
            let status = Command::new(&binary).status().expect("running the snippet");
            assert!(status.success(), "{at} compiled but exited with {status}");
            ran += 1;
        }
    }
    assert!(
        refused >= 2 && ran >= 2,
        "{PAGE}: expected the data races and their fixes"
    );
}
