//! Noticing saved files, for the verbs that act on them: `watch` re-checks an exercise,
//! `book serve` rebuilds the book. Both use this one watcher.
//!
//! Changes come from the platform's file events (notify). Where those do not work
//! (network file systems on clusters, exhausted inotify watches) or when
//! `WORKBOOK_WATCH=poll` asks for it, the files are polled instead, and
//! [`FileEvents::how`] says so, since a poll notices a save up to a second late.

use anyhow::{Context, Result};
use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// How often files are polled when file events are not available.
pub const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// A watcher of files and folders, by events or by polling.
pub struct FileEvents {
    /// `Send + Sync` so that a watcher can live as long as the process (`book serve`).
    watcher: Box<dyn Watcher + Send + Sync>,
    how: String,
}

impl FileEvents {
    /// Starts a watcher that watches nothing yet. `on_change` is called, on the
    /// watcher's own thread, with every path created, modified or removed below what
    /// is watched, except build output (a `target` folder), which a check or a build
    /// writes itself and which would otherwise trigger the next one.
    pub fn start(on_change: impl Fn(&Path) + Send + Sync + 'static) -> Result<FileEvents> {
        let on_change = Arc::new(on_change);
        let handler = move |result: notify::Result<notify::Event>| {
            let Ok(event) = result else { return };
            if matches!(
                event.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
            ) {
                for path in event.paths.iter().filter(|p| !is_build_output(p)) {
                    on_change(path);
                }
            }
        };
        let why_poll = match poll_asked() {
            true => "WORKBOOK_WATCH=poll".to_string(),
            false => match RecommendedWatcher::new(handler.clone(), notify::Config::default()) {
                Ok(watcher) => {
                    return Ok(FileEvents {
                        watcher: Box::new(watcher),
                        how: "file events".to_string(),
                    })
                }
                Err(err) => format!("file events are not available: {err}"),
            },
        };
        let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
        let watcher = PollWatcher::new(handler, config).context("starting to poll for changes")?;
        Ok(FileEvents {
            watcher: Box::new(watcher),
            how: format!("polling every {} s, because {why_poll}", POLL_INTERVAL.as_secs()),
        })
    }

    /// How changes are noticed, as a screen says it: "file events", or "polling every
    /// 1 s, because …".
    pub fn how(&self) -> &str {
        &self.how
    }

    /// Watches `path`: a file, a folder's own entries, or with `recursive` everything
    /// below it, including folders made later.
    pub fn watch(&mut self, path: &Path, recursive: bool) -> Result<()> {
        let mode = match recursive {
            true => RecursiveMode::Recursive,
            false => RecursiveMode::NonRecursive,
        };
        self.watcher
            .watch(path, mode)
            .with_context(|| format!("watching {} for changes", path.display()))
    }

    /// Stops watching `path`; nothing happens if it was not watched.
    pub fn unwatch(&mut self, path: &Path) {
        let _ = self.watcher.unwatch(path);
    }
}

/// True when `WORKBOOK_WATCH=poll` asks for polling (any case).
fn poll_asked() -> bool {
    std::env::var("WORKBOOK_WATCH").is_ok_and(|v| v.eq_ignore_ascii_case("poll"))
}

/// True for a path inside a `target` folder: cargo's output, never a source.
fn is_build_output(path: &Path) -> bool {
    path.components().any(|c| c.as_os_str() == "target")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn build_output_is_not_a_change() {
        assert!(is_build_output(Path::new("/c/exercises/ex01/target/debug/ex")));
        assert!(!is_build_output(Path::new("/c/exercises/ex01/src/main.rs")));
        assert!(!is_build_output(Path::new("/c/targets.md")));
    }

    /// A save below a watched folder is reported with its path; a file written in
    /// `target/` just before it is not.
    #[test]
    fn reports_a_save_but_not_build_output() {
        let dir = std::env::temp_dir().join(format!("workbook-file-events-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::create_dir_all(dir.join("target")).unwrap();
        let (sender, changes) = mpsc::channel();
        let mut events = FileEvents::start(move |path| {
            let _ = sender.send(path.to_path_buf());
        })
        .unwrap();
        events.watch(&dir, true).unwrap();
        std::fs::write(dir.join("target/built"), "x").unwrap();
        std::fs::write(dir.join("src/main.rs"), "fn main() {}\n").unwrap();
        let changed = changes.recv_timeout(3 * POLL_INTERVAL).unwrap();
        assert_eq!(changed, dir.join("src/main.rs"));
        events.unwatch(&dir);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
