//! Expected outputs: one insta snapshot file per exercise and rank count, holding every
//! rank's stdout. The tests write them with insta from the solutions; the runner, the
//! book and `dev bless` read (and `dev bless` writes) the very same files, so there is
//! one source of truth for grading, testing and teaching.
//!
//! The body lists the ranks in order, each under a `[rank N]` line:
//!
//! ```text
//! [rank 0]
//! Process 0 sent data: [0. 1. 2. 3.]
//! [rank 1]
//! Process 1 received data: [0. 1. 2. 3.]
//! ```
//!
//! An exercise that spawns workers (`spawns` in the manifest) has their outputs after
//! the ranks', each under a `[worker N]` line.

use anyhow::{bail, Context, Result};
use std::path::Path;

/// The test file that produces the snapshots, recorded in their header as insta does.
pub const SOURCE: &str = "tests/solutions.rs";

/// One rank's output in the form outputs are compared in: Unix line ends and no
/// trailing blank lines (insta trims those too, so they could never be checked).
pub fn canonical(text: &str) -> String {
    let unix = text.replace("\r\n", "\n");
    unix.trim_end_matches(['\n', ' ', '\t']).to_string()
}

/// The line that starts the output of the process at `index`, of a run with `np` ranks.
fn header(index: usize, np: usize) -> String {
    match crate::words::Who::of(index, np) {
        crate::words::Who::Rank { rank } => format!("[rank {rank}]"),
        crate::words::Who::Worker { worker } => format!("[worker {worker}]"),
    }
}

/// The snapshot body for a run: every rank's output under its `[rank N]` line, then
/// every spawned worker's under `[worker N]`. `outputs` holds the `np` ranks first.
pub fn render(outputs: &[String], np: usize) -> String {
    let mut body = String::new();
    for (index, text) in outputs.iter().enumerate() {
        body.push_str(&header(index, np));
        body.push('\n');
        let text = canonical(text);
        if !text.is_empty() {
            body.push_str(&text);
            body.push('\n');
        }
    }
    body.trim_end().to_string()
}

/// Splits a snapshot body back into the outputs of `np` ranks and then `workers`
/// spawned workers.
pub fn parse(body: &str, np: usize, workers: usize) -> Result<Vec<String>> {
    let processes = np + workers;
    let mut out: Vec<Vec<&str>> = Vec::new();
    for line in body.lines() {
        if out.len() < processes && line == header(out.len(), np) {
            out.push(Vec::new());
        } else if let Some(current) = out.last_mut() {
            current.push(line);
        } else {
            bail!("expected `[rank 0]` on the first line, found `{line}`");
        }
    }
    if out.len() != processes {
        bail!(
            "it holds {}, not {}",
            crate::words::outputs_of(out.len(), np),
            crate::words::outputs_of(processes, np)
        );
    }
    Ok(out
        .into_iter()
        .map(|lines| canonical(&lines.join("\n")))
        .collect())
}

/// Reads the per-rank outputs stored in a snapshot file; `None` if it does not exist.
/// A checkout made on Windows with `core.autocrlf` has CRLF line ends: they are read as
/// LF, so that such a snapshot holds the same outputs as the repository's.
pub fn read(path: &Path, np: usize, workers: usize) -> Result<Option<Vec<String>>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text.replace("\r\n", "\n"),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let body = strip_header(&text).with_context(|| format!("{} is not an insta snapshot", path.display()))?;
    parse(body, np, workers)
        .map(Some)
        .with_context(|| format!("{} does not hold the expected outputs", path.display()))
}

/// Writes a snapshot file exactly as insta would, so `cargo insta` and the tests accept it.
pub fn write(path: &Path, expression: &str, outputs: &[String], np: usize) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let text = format!(
        "---\nsource: {SOURCE}\nexpression: {expression}\n---\n{}\n",
        render(outputs, np)
    );
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

/// The body of a snapshot: what follows the `---`-delimited metadata block.
fn strip_header(text: &str) -> Result<&str> {
    let rest = text
        .strip_prefix("---\n")
        .context("it does not start with `---`")?;
    let end = rest
        .find("\n---\n")
        .context("its metadata block is not closed by `---`")?;
    Ok(&rest[end + 5..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_and_parse_round_trip() {
        let ranks = vec![
            "Process 0 sent data: [0. 1. 2. 3.]\n".to_string(),
            String::new(),
            "a\n\nb\n\n".to_string(),
        ];
        let body = render(&ranks, 3);
        assert_eq!(
            body,
            "[rank 0]\nProcess 0 sent data: [0. 1. 2. 3.]\n[rank 1]\n[rank 2]\na\n\nb"
        );
        assert_eq!(
            parse(&body, 3, 0).unwrap(),
            vec![canonical(&ranks[0]), String::new(), "a\n\nb".into()]
        );
    }

    #[test]
    fn a_rank_printing_a_later_header_is_not_split() {
        // Rank 0 prints `[rank 2]`: only the next rank's header starts a new rank.
        let body = "[rank 0]\n[rank 2]\n[rank 1]\nx";
        assert_eq!(
            parse(body, 2, 0).unwrap(),
            vec!["[rank 2]".to_string(), "x".into()]
        );
    }

    #[test]
    fn wrong_rank_count_is_an_error() {
        let err = parse("[rank 0]\nx", 2, 0).unwrap_err().to_string();
        assert_eq!(err, "it holds 1 rank's output, not 2 ranks' outputs");
        let err = parse("[rank 0]\nx", 1, 2).unwrap_err().to_string();
        assert_eq!(
            err,
            "it holds 1 rank's output, not 1 rank's and 2 spawned workers' outputs"
        );
    }

    #[test]
    fn workers_follow_the_ranks() {
        let outputs = vec!["parent".to_string(), "w0".to_string(), String::new()];
        let body = render(&outputs, 1);
        assert_eq!(body, "[rank 0]\nparent\n[worker 0]\nw0\n[worker 1]");
        assert_eq!(parse(&body, 1, 2).unwrap(), outputs);
    }

    #[test]
    fn write_then_read_in_insta_format() {
        let dir = std::env::temp_dir().join(format!("expected-test-{}", std::process::id()));
        let path = dir.join("hello@np2.snap");
        let ranks = vec!["I am rank 0\n".to_string(), "I am rank 1\n".to_string()];
        write(&path, "output", &ranks, 2).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            "---\nsource: tests/solutions.rs\nexpression: output\n---\n[rank 0]\nI am rank 0\n[rank 1]\nI am rank 1\n"
        );
        assert_eq!(
            read(&path, 2, 0).unwrap().unwrap(),
            vec!["I am rank 0", "I am rank 1"]
        );
        assert!(read(&dir.join("missing.snap"), 2, 0).unwrap().is_none());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_crlf_snapshot_holds_the_same_outputs_as_the_lf_one() {
        let dir = std::env::temp_dir().join(format!("expected-crlf-test-{}", std::process::id()));
        let ranks = vec!["a\n\nb\n".to_string(), "c\n".to_string()];
        let (lf, crlf) = (dir.join("lf@np2.snap"), dir.join("crlf@np2.snap"));
        write(&lf, "output", &ranks, 2).unwrap();
        let text = std::fs::read_to_string(&lf).unwrap();
        std::fs::write(&crlf, text.replace('\n', "\r\n")).unwrap();
        assert_eq!(read(&crlf, 2, 0).unwrap(), read(&lf, 2, 0).unwrap());
        assert_eq!(read(&crlf, 2, 0).unwrap().unwrap(), vec!["a\n\nb", "c"]);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
